"""PDF files: the text layer's lines, grouped into paragraphs, as Markdown (pdfplumber, MIT).

Words are read with their font; words sharing a baseline make a line, and lines make a
paragraph until a gap larger than the text's line spacing (or a change of size). A line set
wholly in a bold font becomes `**…**` (bold words inside a line too). The title, `# `, is
the largest line(s) on page 1 clearly larger than the body text, bold ones first; lines above
it are the letterhead, short lines clearly larger than the body below it `## ` headings. A
running header or footer (the same line in the top or bottom margin of every page) and page
counters ("Page 2 of 3", "2/3", "- 2 -", also inside a header line) are left out; the
letterhead at the top of the first page is kept. A paragraph broken by a page goes on. A word
broken at the end of a full line ("commu-" "nication") is joined when the text writes it whole
elsewhere or is typeset with hyphenation; a compound ("solar-" "powered") keeps its hyphen.
Link annotations become `[text](url)`; an address written out stays as written. A bullet
("•") starts a `- ` list item. One column is read: a page set in two columns comes out with
its columns' lines side by side.

Positions count each page's lines from the top, left-out lines included ("page 2, line 7")"""

import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from io import BytesIO

from django.utils.translation import gettext as _

from releases.importing.errors import DocumentError
from releases.importing.readers import SourceText, emphasis, escape_inline, escape_line_start, markdown_link

# pdfminer logs what it works around in a file ("Could not get FontBBox…") as warnings: noise
# in an import's report, whose reader gets the text all the same.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

MAX_PAGES = 100  # a press release has a few; a 300-page report is not one, and would take minutes
MARGIN = 0.1  # the top and bottom tenth of a page hold running headers, footers and page numbers
TITLE_RATIO = 1.2  # a title is set at least this much larger than the body text
BOLD_FONT = re.compile(r"(?i)bold|black|heavy|semibold|demi|[-,]bd\b|,b$")
PAGE_COUNTER = re.compile(
    r"(?i)^(?:(?:page|p\.|pag\.?|pagina|página|pág\.?|seite|s\.|blz\.?|sida|side|strona)\s*)?"
    r"[-–—]?\s*\d{1,3}\s*(?:(?:/|of|sur|de|von|di|van|z|av|af)\s*\d{1,3})?\s*[-–—]?$"
)
PAGE_WORDS = {"page", "p", "pag", "pagina", "página", "pág", "seite", "s", "blz", "sida", "side", "strona"}
OF_WORDS = {"of", "sur", "de", "von", "di", "van", "z", "av", "af", "/"}
SEPARATORS = {"·", "-", "–", "—", "|", "•", ","}
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
BULLETS = "•◦▪●■‣⁃∙·"
SENTENCE_END = tuple('.!?:;»"”)')


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    url: str = ""


@dataclass
class Line:
    words: list[Word]
    page: int
    number: int = 0  # the line's place on its page, from the top
    heading: int = 0

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def size(self) -> float:
        sizes = Counter()
        for word in self.words:
            sizes[round(word.size * 2) / 2] += len(word.text)
        return sizes.most_common(1)[0][0]

    @property
    def bold(self) -> bool:
        return all(word.bold for word in self.words)

    @property
    def text(self) -> str:
        return joined(self.words)


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


def joined(words: list[Word]) -> str:
    """Words' text with a space where the page has a gap (a word split by a change of font has none)."""
    out = ""
    for index, word in enumerate(words):
        if index and word.x0 - words[index - 1].x1 > 0.15 * word.size:
            out += " "
        out += word.text
    return out


def read_pdf(data: bytes) -> SourceText:
    if b"%PDF-" not in data[:1024]:
        raise DocumentError(_("not a PDF file"))
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        document = pdfplumber.open(BytesIO(data))
        count = len(document.pages)
    except Exception as error:  # pdfminer raises many kinds for a damaged file
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise DocumentError(_("the PDF is encrypted: save it without a password")) from error
        raise DocumentError(_("not a valid PDF file: it may be damaged (save it again)")) from error
    with document:
        if count > MAX_PAGES:
            raise DocumentError(
                _("%(count)s pages: a press release has at most %(limit)s")
                % {"count": count, "limit": MAX_PAGES}
            )
        try:
            pages = [read_page(page) for page in document.pages]
        except Exception as error:
            raise DocumentError(_("not a valid PDF file: it may be damaged (save it again)")) from error
        meta = properties(document)
    text = "".join(word.text for page in pages for line in page.lines for word in line.words)
    if not text.strip():
        raise DocumentError(
            _(
                "this PDF has no text (a scan?): run it through text recognition (OCR), "
                "or copy its text into a Word or text file"
            )
        )
    if text.count("(cid:") * 6 > len(text) / 2:
        raise DocumentError(
            _(
                "this PDF's text cannot be read (its fonts do not say which letters they draw): "
                "copy its text into a Word or text file"
            )
        )
    drop_running_lines(pages)
    markdown, positions = write_markdown(pages)
    return SourceText(markdown=markdown, format="pdf", meta=meta, positions=positions)


def read_page(page) -> Page:
    width, height = float(page.width), float(page.height)
    x0, top, x1, bottom = (float(value) for value in page.bbox)

    def readable(obj) -> bool:
        """Not a character set sideways (a watermark, a margin note) or outside the page."""
        if obj.get("object_type") != "char":
            return True
        inside = (
            obj["x0"] >= x0 - 1
            and obj["x1"] <= x1 + 1
            and obj["top"] >= top - 1
            and obj["bottom"] <= bottom + 1
        )
        return bool(obj.get("upright", True)) and inside

    upright = page.filter(readable)
    links = [
        (
            float(link["x0"]),
            float(link["top"]),
            float(link["x1"]),
            float(link["bottom"]),
            link.get("uri") or "",
        )
        for link in page.hyperlinks
        if link.get("uri")
    ]
    words = []
    for found in upright.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False):
        text = found["text"].translate(LIGATURES)
        word = Word(
            text=text,
            x0=float(found["x0"]),
            x1=float(found["x1"]),
            top=float(found["top"]),
            bottom=float(found["bottom"]),
            size=float(found["size"]),
            bold=bool(BOLD_FONT.search(str(found["fontname"]).split("+")[-1])),
        )
        middle_x, middle_y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        word.url = next(
            (
                uri
                for left, up, right, down, uri in links
                if left <= middle_x <= right and up <= middle_y <= down
            ),
            "",
        )
        words.append(word)
    result = Page(number=page.page_number, width=width, height=height)
    result.lines = lines_of(words, page.page_number)
    return result


def lines_of(words: list[Word], page: int) -> list[Line]:
    """Words on one baseline make a line; a line's words in reading order."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda word: (word.bottom, word.x0)):
        if lines:
            line = lines[-1]
            first = line.words[0]
            if abs(word.bottom - first.bottom) <= 0.3 * min(word.size, first.size) + 0.5:
                line.words.append(word)
                continue
        lines.append(Line([word], page))
    for number, line in enumerate(lines, start=1):
        line.words.sort(key=lambda word: word.x0)
        line.number = number
    return lines


def drop_running_lines(pages: list[Page]) -> None:
    """Leave out page counters, and headers and footers repeated on every page (the first
    page's header is kept: it is the letterhead, and may say "Press release")."""

    def zone(line: Line, page: Page) -> str:
        if line.bottom <= page.height * MARGIN:
            return "top"
        if line.top >= page.height * (1 - MARGIN):
            return "bottom"
        return ""

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))

    seen: dict[tuple[str, str], set[int]] = {}
    for page in pages:
        for line in page.lines:
            if place := zone(line, page):
                seen.setdefault((place, key(line)), set()).add(page.number)
    numbers = {page.number for page in pages}
    running = {
        found
        for found, on_pages in seen.items()
        if len(pages) >= 2 and (on_pages == numbers or (len(pages) >= 3 and on_pages == numbers - {1}))
    }
    for page in pages:
        kept = []
        for line in page.lines:
            place = zone(line, page)
            if place:
                line.words = without_page_counter(line.words)
                if not line.words or PAGE_COUNTER.match(line.text.strip()):
                    continue
            if place and (place, key(line)) in running and not (place == "top" and page.number == 1):
                continue
            kept.append(line)
        page.lines = kept


def without_page_counter(words: list[Word]) -> list[Word]:
    """A header's or footer's words without "Page 2 of 3" ("News Release 03/04/2021 Page 1 of 1"
    keeps its date), and without the separator left dangling ("Pressemitteilung · Seite 1")."""
    texts = [word.text.lower().rstrip(".:") for word in words]
    for index, text in enumerate(texts):
        number = texts[index + 1] if index + 1 < len(texts) else ""
        if text not in PAGE_WORDS or not re.fullmatch(r"\d{1,3}(?:/\d{1,3})?", number):
            continue
        end = index + 2
        if end + 1 < len(texts) and texts[end] in OF_WORDS and texts[end + 1].isdigit():
            end += 2
        kept = words[:index] + words[end:]
        while kept and kept[-1].text in SEPARATORS:
            kept.pop()
        while kept and kept[0].text in SEPARATORS:
            kept.pop(0)
        return kept
    return words


def write_markdown(pages: list[Page]) -> tuple[str, list[str]]:
    lines = [line for page in pages for line in page.lines]
    body_size = Counter()
    for line in lines:
        for word in line.words:
            body_size[round(word.size * 2) / 2] += len(word.text)
    body = body_size.most_common(1)[0][0] if body_size else 10.0
    mark_headings(pages, body)
    width = max((line.x1 - line.x0 for line in lines), default=1.0) or 1.0
    paragraphs = paragraphs_of(pages, body, width)
    hyphenation = Hyphenation.of(paragraphs)
    out: list[str] = []
    positions: list[str] = []
    for paragraph in paragraphs:
        rendered = render_paragraph(paragraph, width, hyphenation)
        if not rendered:
            continue
        if out:
            out.append("")
            positions.append(positions[-1])
        for text, line in rendered:
            out.append(text)
            positions.append(_("page %(page)s, line %(line)s") % {"page": line.page, "line": line.number})
    return "\n".join(out) + ("\n" if out else ""), positions


def mark_headings(pages: list[Page], body: float) -> None:
    """The title: the largest line(s) on page 1 clearly larger than the body text, bold ones
    first (a banner in large plain type is the letterhead). Lines above it are the letterhead;
    short lines clearly larger than the body below it are headings."""
    if not pages:
        return
    large = [line for line in pages[0].lines if line.size >= body * TITLE_RATIO]
    pool = [line for line in large if line.bold] or large
    title_at = None
    if pool:
        largest = max(line.size for line in pool)
        for index, line in enumerate(pages[0].lines):
            if line in pool and abs(line.size - largest) < 0.5:
                line.heading = 1
                title_at = index if title_at is None else title_at
            elif title_at is not None:
                break
    for page in pages:
        for index, line in enumerate(page.lines):
            if page is pages[0] and (title_at is None or index < title_at):
                continue
            if not line.heading and line.size >= body * TITLE_RATIO and len(line.text) <= 120:
                line.heading = 2


def paragraphs_of(pages: list[Page], body: float, width: float) -> list[list[Line]]:
    gaps = [
        following.top - line.bottom
        for page in pages
        for line, following in zip(page.lines, page.lines[1:], strict=False)
        if abs(line.size - body) < 0.5 and abs(following.size - body) < 0.5
        and 0 <= following.top - line.bottom < 2 * body
    ]  # fmt: skip
    spacing = statistics.median(gaps) if gaps else body * 0.4
    paragraphs: list[list[Line]] = []
    for page in pages:
        for index, line in enumerate(page.lines):
            previous = page.lines[index - 1] if index else None
            if previous is None:
                # A paragraph running on from the page before: its last line was full and open.
                if paragraphs and continues_on_next_page(paragraphs[-1][-1], line, width):
                    paragraphs[-1].append(line)
                else:
                    paragraphs.append([line])
                continue
            gap = line.top - previous.bottom
            same_kind = line.heading == previous.heading and abs(line.size - previous.size) < 1
            if same_kind and gap <= spacing + 0.5 * min(line.size, previous.size):
                paragraphs[-1].append(line)
            else:
                paragraphs.append([line])
    return paragraphs


def continues_on_next_page(last: Line, first: Line, width: float) -> bool:
    """Whether a page's first line goes on with the last paragraph of the page before: that
    paragraph ended open (no full stop), and the line is set alike and goes on with a small
    letter, or the paragraph is one of short lines (a contact block broken by the page)."""
    return (
        not last.heading
        and not first.heading
        and abs(last.size - first.size) < 1
        and last.bold == first.bold
        and not last.text.rstrip().endswith(SENTENCE_END)
        and (first.text[:1].islower() or last.x1 - last.x0 < 0.6 * width)
    )


@dataclass
class Hyphenation:
    """What tells a word broken at a line's end ("commu-" "nication") from a compound that
    happens to end a line ("solar-" "powered"): the document's other words, and whether it is
    typeset as hyphenating layouts are (justified, and many lines ending in a broken word; word
    processors and browsers do not hyphenate unless told to)."""

    words: set[str]
    hyphenated: bool

    @classmethod
    def of(cls, paragraphs: list[list[Line]]) -> "Hyphenation":
        words = {
            word.text.strip(".,;:!?()«»“”\"'’").lower() for paragraph in paragraphs for line in paragraph
            for word in line.words
        }  # fmt: skip
        long = [paragraph for paragraph in paragraphs if len(paragraph) >= 3 and not paragraph[0].heading]
        justified = [
            max(line.x1 for line in paragraph[:-1]) - min(line.x1 for line in paragraph[:-1]) < 1.5
            for paragraph in long
        ]
        full_lines = [line for paragraph in long for line in paragraph[:-1]]
        broken = sum(bool(re.search(r"[^\W\d_]-$", line.words[-1].text)) for line in full_lines)
        hyphenated = sum(justified) > len(justified) / 2 and broken >= max(2, 0.05 * len(full_lines))
        return cls(words, hyphenated)

    def joined(self, stem: str, rest: str) -> str:
        """The word whose halves end one line and start the next."""
        if stem.endswith("\xad"):
            return stem[:-1] + rest  # a soft hyphen marks where the word was broken
        whole, compound = (stem[:-1] + rest).lower(), (stem + rest).lower()
        bare = re.sub(r"[.,;:!?)»”\"'’]+$", "", whole)
        if rest[:1].islower() and (bare in self.words or (self.hyphenated and compound not in self.words)):
            return stem[:-1] + rest
        return stem + rest


def render_paragraph(paragraph: list[Line], width: float, hyphenation: Hyphenation) -> list[tuple[str, Line]]:
    """The paragraph's lines as Markdown, each with the line it came from."""
    if paragraph[0].heading:
        text = " ".join(escape_inline(line.text) for line in paragraph)
        return [("#" * paragraph[0].heading + " " + " ".join(text.split()), paragraph[0])]
    words = [list(line.words) for line in paragraph]
    for index in range(len(words) - 1):
        # A word broken at the end of a full line of running text: its halves on one line.
        line, following = words[index], words[index + 1]
        if not (line and following):
            continue
        last, first = line[-1], following[0]
        full = paragraph[index].x1 - paragraph[index].x0 >= 0.7 * width
        if full and re.search(r"[^\W\d_][-\xad]$", last.text) and first.text[:1].isalpha():
            text = hyphenation.joined(last.text, first.text)
            line[-1] = replace(
                last, text=text, x1=first.x1, bold=last.bold and first.bold, url=last.url or first.url
            )
            following.pop(0)
    rendered = []
    for line, line_words in zip(paragraph, words, strict=True):
        if line_words:
            rendered.append((render_line(line_words), line))
    return rendered


def render_line(words: list[Word]) -> str:
    """A line's words as Markdown: bold runs `**…**`, links `[text](url)`, a bullet `- `."""
    bullet = ""
    if words and words[0].text[:1] in BULLETS:
        first = words[0]
        rest = first.text[1:].lstrip()
        words = ([replace(first, text=rest)] if rest else []) + words[1:]
        bullet = "- "
    elif words and words[0].text == "-" and len(words) > 1:
        words, bullet = words[1:], "- "
    out = ""
    for index, group in enumerate(runs(words, lambda word: word.url)):
        formatted = ""
        for inner, part in enumerate(runs(group, lambda word: word.bold)):
            formatted += spacer(group, part, inner) + emphasis(
                escape_inline(joined(part)), "**" if part[0].bold else ""
            )
        if group[0].url:
            formatted = markdown_link(formatted, group[0].url, joined(group))
        out += spacer(words, group, index) + formatted
    return bullet + (out if bullet else escape_line_start(out))


def runs(words: list[Word], same) -> list[list[Word]]:
    """Consecutive words alike in one respect (the same link, the same boldness)."""
    found: list[list[Word]] = []
    for word in words:
        if found and same(found[-1][-1]) == same(word):
            found[-1].append(word)
        else:
            found.append([word])
    return found


def spacer(words: list[Word], run: list[Word], index: int) -> str:
    """The space before a run of words, if the page has a gap there."""
    if index == 0:
        return ""
    before = words[words.index(run[0]) - 1]
    return " " if run[0].x0 - before.x1 > 0.15 * run[0].size else ""


def properties(document) -> dict:
    """Title, creation date and language the file states, unless a converter left them."""
    meta = {}
    info = document.metadata or {}
    title = " ".join(str(info.get("Title") or "").split())
    if title and not re.match(
        r"(?i)^(microsoft word -|untitled|document\d*$)|.*\.(docx?|pdf|odt|rtf|indd|html?|txt|md|pptx?)$",
        title,
    ):
        meta["title"] = title
    created = re.match(r"^(?:D:)?(\d{4})(\d{2})(\d{2})", str(info.get("CreationDate") or ""))
    if created:
        try:
            meta["created"] = date(*(int(part) for part in created.groups()))
        except ValueError:
            pass  # a damaged date in the properties says nothing
    try:
        from pdfminer.pdftypes import resolve1

        language = resolve1(document.doc.catalog.get("Lang"))
    except Exception:
        language = None
    if isinstance(language, bytes):
        language = language.decode("latin-1", errors="replace")
    code = re.split(r"[-_]", str(language or "").strip(), maxsplit=1)[0].lower()
    if re.fullmatch(r"[a-z]{2}", code):
        meta["language"] = code
    return meta
