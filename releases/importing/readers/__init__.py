"""Reading a file: its bytes (text, Markdown, .docx, .pdf, .html) become one Markdown text.

Every later stage reads that text with markdown-it-py, whatever the file was: `# ` the title
and headings, `**bold**`, `[text](url)`, `- ` lists, pipe tables, paragraphs separated by a
blank line, and the lines inside a paragraph kept as lines (a contact block is a paragraph of
lines). `SourceText.meta` holds what the file says of itself (a web page's schema.org data,
a text's YAML front matter, a Word file's properties), `SourceText.where()` names a line as
the editor finds it in the file ("line 12", "paragraph 12", "page 2, line 7").

One module or package a format, behind `read_source()`; each imports its library only when a file of
its format comes, so reading text stays fast (some 20–40 µs a document).
"""

import re
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _

from releases.importing.errors import DocumentError

MAX_TEXT_BYTES = 2 * 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # a Word/PDF file with pictures is larger than text; so is a saved page
FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
}


@dataclass
class SourceText:
    # The document as Markdown: '# ' title/headings, '**bold**', [text](url), '- ' lists, pipe tables,
    # paragraphs separated by a blank line, lines inside a paragraph kept as lines.
    markdown: str
    format: str  # "txt", "md", "docx", "pdf", "html"
    # What the file says of itself, only the keys found: "title", "date" (datetime.date: the
    # release's date, from front matter or a page's metadata), "language" (ISO 639-1), "site_name",
    # "author", "url", "description", "reference", "place", "kind"; also "date_text" (front matter's
    # date written in words, "5 March 2024") and "created" (datetime.date: when a Word or PDF file
    # was made, as its properties say; a hint only, often a template's or a converter's date).
    meta: dict
    # For each markdown line (index line - 1): where it came from ("paragraph 12", "page 2, line 7",
    # "table 1, row 3"). None: the markdown's lines are the file's own lines.
    positions: list[str] | None = None

    def where(self, line: int) -> str:
        """Where the editor finds a line of `markdown` in the file they brought."""
        if self.positions is not None:
            if 1 <= line <= len(self.positions) and self.positions[line - 1]:
                return self.positions[line - 1]
            # A blank line the reader added: it belongs with the nearest line that has a place.
            for index in range(min(line, len(self.positions)) - 1, -1, -1):
                if self.positions[index]:
                    return self.positions[index]
        return _("line %(number)s") % {"number": line}


def format_of(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise DocumentError(
            _("cannot read “%(suffix)s” files: a document must be one of %(known)s")
            % {"suffix": suffix or name, "known": known}
        )
    return FORMATS[suffix]


def read_source(name: str, data: bytes) -> SourceText:
    """Read one file (its name tells the format) into Markdown and metadata.

    Raises DocumentError(message, line=None) for what cannot be read at all: unknown extension,
    over the size limit, not UTF-8 text (naming the line), a .docx that is not a valid Word
    file, an encrypted or corrupt PDF, a PDF with no text layer (scanned), binary data in a .txt.
    """
    kind = format_of(name)
    limit = MAX_TEXT_BYTES if kind in {"txt", "md"} else MAX_DOCUMENT_BYTES
    if len(data) > limit:
        raise DocumentError(
            _("larger than %(megabytes)s MB: not a press release") % {"megabytes": limit // (1024 * 1024)}
        )
    if kind in {"txt", "md"}:
        from releases.importing.readers.text import read_text

        return read_text(data, kind)
    if kind == "docx":
        from releases.importing.readers.word import read_docx

        return read_docx(data)
    if kind == "pdf":
        from releases.importing.readers.pdf import read_pdf

        return read_pdf(data)
    from releases.importing.readers.web import read_html

    return read_html(data)


# Writing text from a formatted file (Word, PDF) as Markdown: what it says must not turn into
# markup it never had (a literal "*", a line starting "# " or "1. "), and what it marks (bold,
# a link) becomes the markup that says so.

_INLINE_SPECIAL = re.compile(r"[*`]|~(?=~)|\\(?=[!-/:-@\[-`{-~])|(?<![^\W_])_|_(?![^\W_])|\]\(|^<|(?<=\s)<")
_LINE_START = re.compile(r"^(?:(#{1,6})(?=\s|$)|(>)|([-*+])(?=\s|$)|(\d{1,9})([.)])(?=\s|$)|([=-]+\s*$))")


def escape_inline(text: str) -> str:
    """Text that reads as itself in Markdown: a "*" stays a star, "jane_doe" needs no escape."""
    return _INLINE_SPECIAL.sub(lambda match: "\\" + match.group(0), text)


def escape_line_start(line: str) -> str:
    """A line that does not start a heading, quotation, list or underline it never was."""

    def escape(match: re.Match) -> str:
        hashes, quote, bullet, number, dot, underline = match.groups()
        if hashes:
            return "\\" + hashes
        if quote or bullet:
            return "\\" + (quote or bullet)
        if number:
            return number + "\\" + dot
        return "\\" + underline

    return _LINE_START.sub(escape, line, count=1)


def emphasis(text: str, marker: str) -> str:
    """`**text**` with the spaces around it left outside, as CommonMark needs to see emphasis."""
    core = text.strip()
    if not core or not marker:
        return text
    start = text[: len(text) - len(text.lstrip())]
    end = text[len(text.rstrip()) :]
    return f"{start}{marker}{core}{marker}{end}"


def markdown_link(text: str, url: str, plain: str | None = None) -> str:
    """`[text](url)`; the text alone when it is the address itself, or the address is not one a
    release may link to. `text` may hold Markdown already (`**bold**`); `plain` is what it says."""
    url = url.strip()
    shown = (text if plain is None else plain).strip()
    if not shown or not text.strip():
        return text
    bare = url.removeprefix("mailto:").removeprefix("tel:")
    if not re.match(r"(?i)^(?:https?://|mailto:|tel:)\S+$", url) or shown in {url, bare}:
        return text
    target = url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    core = text.strip()
    start = text[: len(text) - len(text.lstrip())]
    end = text[len(text.rstrip()) :]
    return f"{start}[{core}]({target}){end}"
