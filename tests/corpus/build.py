"""Builds the corpus's Word and PDF documents (and the two unreadable files) from their sources.

    .venv/bin/python tests/corpus/build.py            # every built document
    .venv/bin/python tests/corpus/build.py 32 44      # those whose name starts with 32 or 44

The built files are kept in tests/corpus beside their facts, so the tests never need this
script, Chromium or the fonts; run it after changing a source and commit both.

- `sources/<name>.md` → `<name>.docx`, written with python-docx in Word's own styles. The
  markup is small and says what a press officer does in Word:
    `@header: …`, `@footer: …`, `@author: …`   page header, page footer, document author
    `# …`, `## …`, `### …`                      paragraphs in the Title, Heading 1, Heading 2 styles
    `| a | b |` lines                           a table (Table Grid), the first row in bold
    `> …`                                       a paragraph in the Quote style
    `[right] …`, `[center] …`                   an aligned paragraph
    a line ending in `\\`                        a line break inside the paragraph (Shift+Enter)
    `**bold**`, `*italic*`                      runs
    `<!-- … -->`                                a note about the source, not written
- `sources/<name>.html` → `<name>.pdf`, printed by Chromium (Playwright, /usr/bin/chromium) on
  A4 like a press office's "Save as PDF"; `<meta name="pdf-footer" content="Page {page} of
  {pages}">` prints that footer on every page. The Japanese document needs a Japanese font
  (Debian: fonts-ipafont-gothic); without one Chromium prints empty boxes.
- `46-en-encrypted-pdf.pdf`: a PDF that needs a password to open (fpdf2, RC4).
- `10-en-binary-image-renamed.txt`: a PNG image under a .txt name.

Dates and identifiers inside the files are fixed, so building twice gives the same bytes.
"""

import io
import re
import struct
import sys
import zipfile
import zlib
from datetime import UTC, datetime
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
SOURCES = CORPUS / "sources"
BUILT_AT = datetime(2024, 1, 1, tzinfo=UTC)  # written into every built file instead of "now"

INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")
ALIGNMENTS = {"[right]": "RIGHT", "[center]": "CENTER"}


# ---------------------------------------------------------------------------
# Word


def add_runs(paragraph, text: str, *, bold: bool = False) -> None:
    """`text` as runs, `**bold**` and `*italic*` marked."""
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*"):
            paragraph.add_run(part[1:-1]).italic = True
        else:
            run = paragraph.add_run(part)
            run.bold = bold or None


def add_paragraph(document, lines: list[str], style: str | None = None) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    first = lines[0]
    alignment = None
    for prefix, name in ALIGNMENTS.items():
        if first.startswith(prefix + " "):
            alignment = getattr(WD_ALIGN_PARAGRAPH, name)
            lines = [first[len(prefix) + 1 :], *lines[1:]]
    paragraph = document.add_paragraph(style=style)
    if alignment is not None:
        paragraph.alignment = alignment
    for i, line in enumerate(lines):
        breaks = line.endswith("\\")
        add_runs(paragraph, line.removesuffix("\\").rstrip())
        if breaks:
            paragraph.add_run().add_break()
        elif i < len(lines) - 1:
            paragraph.add_run(" ")


def add_table(document, lines: list[str]) -> None:
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
    table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            add_runs(cell.paragraphs[0], text, bold=r == 0)


def build_docx(source: Path, target: Path) -> None:
    from docx import Document

    document = Document()
    settings = {}
    blocks: list[list[str]] = [[]]
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("<!--"):
            continue
        if match := re.match(r"^@(header|footer|author): (.*)$", line):
            settings[match[1]] = match[2]
        elif line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    section = document.sections[0]
    if "header" in settings:
        section.header.paragraphs[0].text = settings["header"]
    if "footer" in settings:
        section.footer.paragraphs[0].text = settings["footer"]
    for block in filter(None, blocks):
        first = block[0]
        if heading := re.match(r"^(#{1,3}) (.*)$", first):
            style = {1: "Title", 2: "Heading 1", 3: "Heading 2"}[len(heading[1])]
            add_paragraph(document, [heading[2], *block[1:]], style=style)
        elif first.startswith("|"):
            add_table(document, block)
        elif first.startswith("> "):
            add_paragraph(document, [line.removeprefix(">").strip() for line in block], style="Quote")
        else:
            add_paragraph(document, block)
    properties = document.core_properties
    properties.author = properties.last_modified_by = settings.get("author", "")
    properties.title = next((b[0][2:] for b in blocks if b and b[0].startswith("# ")), "")
    properties.created = properties.modified = BUILT_AT.replace(tzinfo=None)
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(fixed_zip_times(buffer.getvalue()))


def fixed_zip_times(data: bytes) -> bytes:
    """The same zip, every member dated BUILT_AT (python-docx stamps them with the time now)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=BUILT_AT.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------------------
# PDF


def footer_template(text: str) -> str:
    text = text.replace("{page}", '<span class="pageNumber"></span>')
    text = text.replace("{pages}", '<span class="totalPages"></span>')
    style = "font-family: 'DejaVu Sans', sans-serif; font-size: 8pt; width: 100%; text-align: center;"
    return f'<div style="{style}">{text}</div>'


def build_pdf(page, source: Path, target: Path) -> None:
    page.goto(source.as_uri())
    page.wait_for_load_state("load")
    footer = page.evaluate(
        "() => document.querySelector('meta[name=\"pdf-footer\"]')?.getAttribute('content') || ''"
    )
    data = page.pdf(
        format="A4",
        margin={"top": "22mm", "bottom": "22mm", "left": "22mm", "right": "22mm"},
        print_background=True,
        display_header_footer=bool(footer),
        header_template="<span></span>",
        footer_template=footer_template(footer) if footer else "<span></span>",
    )
    target.write_bytes(fixed_pdf_stamps(data))


def fixed_pdf_stamps(data: bytes) -> bytes:
    """Chromium's creation dates and document ID replaced by fixed ones of the same length,
    so the cross-reference offsets stay right."""
    stamp = BUILT_AT.strftime("%Y%m%d%H%M%S").encode()
    data = re.sub(rb"(/(?:CreationDate|ModDate) \(D:)\d{14}", lambda m: m[1] + stamp, data)
    return re.sub(rb"(/ID \[<)([0-9A-Fa-f]+)(> <)([0-9A-Fa-f]+)(>\])", fixed_id, data)


def fixed_id(match: re.Match) -> bytes:
    first, second = match[2], match[4]
    return match[1] + b"0" * len(first) + match[3] + b"0" * len(second) + match[5]


def build_encrypted_pdf(target: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(BUILT_AT)
    pdf.set_encryption(owner_password="press-office-2021", user_password="embargo")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 10, "Embargoed: board decision on the 2022 launch manifest", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, "Paris, 2 December 2021\n\nThis document is protected with a password.")
    target.write_bytes(bytes(pdf.output()))


def build_binary_txt(target: Path) -> None:
    """A small PNG (a blue square), deterministic, saved under a .txt name."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    size = 32
    rows = b"".join(b"\x00" + bytes((11, 61, 145)) * size for _ in range(size))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )
    target.write_bytes(png)


# ---------------------------------------------------------------------------


def wanted(name: str, prefixes: list[str]) -> bool:
    return not prefixes or any(name.startswith(prefix) for prefix in prefixes)


def main(prefixes: list[str]) -> None:
    built = []
    for source in sorted(SOURCES.glob("*.md")):
        if wanted(source.stem, prefixes):
            build_docx(source, CORPUS / f"{source.stem}.docx")
            built.append(f"{source.stem}.docx")
    html_sources = [s for s in sorted(SOURCES.glob("*.html")) if wanted(s.stem, prefixes)]
    if html_sources:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            page = browser.new_page()
            for source in html_sources:
                build_pdf(page, source, CORPUS / f"{source.stem}.pdf")
                built.append(f"{source.stem}.pdf")
            browser.close()
    for name, build in [
        ("46-en-encrypted-pdf.pdf", build_encrypted_pdf),
        ("10-en-binary-image-renamed.txt", build_binary_txt),
    ]:
        if wanted(name, prefixes):
            build(CORPUS / name)
            built.append(name)
    for name in built:
        print(f"{name}: {(CORPUS / name).stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
