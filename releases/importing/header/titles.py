"""The title, and the header lines above it (`read_header()`): a `#` heading, else the first
headline written as a plain line and followed by text; a number before it ("N° 2–2001: …") is
the reference. What a headline and running text look like, and a text's first sentence (the
title when none is written)."""

import re

from releases.importing.header.facts import HeaderState, read_label, set_reference
from releases.importing.header.kinds import kind_of
from releases.importing.header.label_lines import read_header_line
from releases.importing.header.references import title_reference
from releases.importing.model import ParsedRelease
from releases.importing.structure import split_paragraphs
from releases.importing.text import plain
from releases.models import Release

TITLE_MAX = Release._meta.get_field("title").max_length
HEADLINE_MAX = 200  # a plain line longer than this is a paragraph, not a headline


def is_headline(text: str) -> bool:
    """Whether a plain line (no #) may be a headline: short, one sentence at most, not a
    label or a link, not ending like a sentence cut in two."""
    text = plain(text)
    if not text or len(text) > HEADLINE_MAX or text.endswith((":", ",", ";")):
        return False
    if len(text) > 100 and text.endswith(".") and not text.endswith(".."):
        return False  # a long line ending with a full stop is a sentence
    if text.startswith(("[", "!", "<", "|", "-", "*", ">", "(")) or "@" in text or "://" in text:
        return False
    if not any(c.isalpha() for c in text):
        return False
    return len(re.findall(r"[.!?](?:\s|$)", text.rstrip(".!?"))) == 0


# A sentence ends at a full stop, question or exclamation mark followed by a capital, not
# after an abbreviation ("Inc.", "Dr.") or an initial ("J. Smith").
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[«“\"(]?[A-ZÀ-Þ])|(?<=[。！？])")
ABBREVIATION = re.compile(
    r"(?:\b(?:inc|ltd|corp|co|dr|mr|mrs|ms|prof|st|jr|sr|no|nr|vs|etc|e\.g|i\.e|gen|gov|sen|rep|mt|ft"
    r"|calif|mass|wash|approx|dept|univ|[A-Z])\.)$",
    re.I,
)


def first_sentence(text: str) -> str:
    """The first sentence of a text, at most TITLE_MAX characters (cut at a word)."""
    text = " ".join(plain(text).split())
    for match in SENTENCE_BREAK.finditer(text):
        if not ABBREVIATION.search(text[: match.start()]):
            text = text[: match.start()]
            break
    if len(text) > TITLE_MAX:
        text = text[: TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"
    return text.strip().rstrip(".")


HEADING = re.compile(r"^#{1,2}\s+\S")
SENTENCE_END = re.compile(r"[a-zà-ÿ0-9)»”\"][.!?](?:\s+[A-ZÀ-Þ«“\"]|$)|。")


def is_prose(paragraph: list[tuple[int, str]]) -> bool:
    """A paragraph of running text (the body has begun), not a label, headline or contact block."""
    text = " ".join(line.strip() for _, line in paragraph)
    if "。" in text:
        return True
    if len(paragraph) == 1:
        return len(plain(text)) > HEADLINE_MAX or (len(text) > 120 and bool(SENTENCE_END.search(text)))
    return len(text) > 160 and len(text) / len(paragraph) > 50


def first_heading(paragraphs: list) -> int | None:
    """The position of the title among the `#`/`##` headings before any prose: the first of the
    highest level ("# Title" under "## National Aeronautics…", a PDF's larger type) that is no
    type label."""
    headings = []
    for position, paragraph in enumerate(paragraphs):
        line = paragraph[0][1].strip()
        if len(paragraph) == 1 and HEADING.match(line):
            if not read_header_line(line):
                headings.append((len(line) - len(line.lstrip("#")), position))
        elif is_prose(paragraph):
            break
    return min(headings)[1] if headings else None


def set_title(parsed: ParsedRelease, text: str, line: int) -> None:
    """The title as written; a number before it ("N° 2–2001: …") is the reference."""
    title = plain(text)
    if numbered := title_reference(title):
        set_reference(parsed, numbered[0], line)
        title = numbered[1]
    elif ":" in title[:40] and (kind := kind_of(title.split(":", 1)[0])):
        parsed.kind = parsed.kind if "kind" in parsed.lines else kind  # "Call for Media: …" stays whole
    if site := str(parsed.meta.get("site_name") or "").strip():
        # "NASA Selects Student Teams… - NASA": a web page's title ends with its site's name
        title = re.sub(rf"\s+[-–—|·]\s+{re.escape(site)}$", "", title)
    parsed.title = title
    parsed.lines["title"] = line


def read_header(parsed: ParsedRelease, state: HeaderState, lines, starts) -> int:
    """The lines before the title: type label, reference, embargo, dateline or date, in any
    order and several on a line; then the title: a `#` heading, else the first headline
    written as a plain line and followed by text. Returns the index in `lines` of the title,
    or without one of the last header line (-1 if none): the body starts after it."""
    index_of = {number: index for index, (number, _line) in enumerate(lines)}
    paragraphs = split_paragraphs(lines, starts)
    heading = first_heading(paragraphs)
    last = -1
    for position, paragraph in enumerate(paragraphs):
        number, first = paragraph[0]
        if position == heading:
            set_title(parsed, first, number)
            return index_of[number]
        if is_prose(paragraph):
            break
        labels = [read_label(parsed, state, n, text) for n, text in paragraph]
        if any(labels):
            last = index_of[paragraph[max(i for i, found in enumerate(labels) if found)][0]]
            continue
        if heading is None and len(paragraph) == 1 and is_headline(first) and position + 1 < len(paragraphs):
            set_title(parsed, first, number)
            return index_of[number]
    return last
