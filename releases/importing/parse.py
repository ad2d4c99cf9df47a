# STAGES READY
"""One document's text read into a ParsedRelease, stage by stage.

`parse_release()` runs the stages in the document's order: the header up to the title, the
contacts blocks and the press site, the opening of the body (an embargo or dateline under the
title, the lead), then what the whole text tells (language, quotes). A fact a stage cannot find
or is unsure of becomes a review note (`parsed.note`), never a refusal: only an impossible fact
(31 February) or an unreadable file raises DocumentError.
"""

import re
from dataclasses import dataclass, field

from releases.importing.contacts import (
    SECTION_HEADING,
    contacts_heading,
    inline_contacts_heading,
    parse_contact_block,
)
from releases.importing.dates import parse_dateline, parse_embargo
from releases.importing.errors import DocumentError
from releases.importing.header import EMBARGO, FRENCH_LABEL, REFERENCE, kind_of
from releases.importing.model import ParsedRelease, line_where
from releases.importing.quotes import find_quotes
from releases.importing.structure import Document, link_only, read_structure, split_paragraphs
from releases.importing.text import IMAGE, plain
from releases.models import Release

TITLE_MAX = Release._meta.get_field("title").max_length


@dataclass
class Reading:
    """What the stages pass on while reading one document (not facts of the release)."""

    document: Document
    french: bool = False
    date_like: tuple[int, str] | None = None  # a line shaped like a date, for the note
    dateline_rest: tuple[int, str] | None = None  # text after "PARIS, Oct. 28, 2013 –"
    title_index: int | None = None
    notes: list[tuple[int, str]] = field(default_factory=list)  # contacts-block lines that are no contact


def parse_release(text: str, *, known_names=(), meta: dict | None = None, where=line_where) -> ParsedRelease:
    """Read one document's text (Markdown, as the readers give every format)."""
    if "\x00" in text:
        raise DocumentError("this is not a text file")
    parsed = ParsedRelease(meta=dict(meta or {}), where=where)
    reading = Reading(document=read_structure(text))
    lines = reading.document.lines
    read_header(parsed, reading)
    body_lines = read_contacts(parsed, reading, lines[reading.title_index + 1 :])
    paragraphs = read_opening(parsed, reading, split_paragraphs(body_lines, reading.document.starts))
    paragraphs = read_press_site(parsed, paragraphs)
    paragraphs = read_lead(parsed, paragraphs)
    parsed.body = "\n\n".join("\n".join(line.rstrip() for _, line in p) for p in paragraphs)
    read_meta(parsed)
    check_required(parsed, reading)
    parsed.language = read_language(parsed, reading)
    parsed.quotes = read_quotes(parsed, known_names)
    return parsed


# Stage: header (owner: header helper) ------------------------------------------------------
def read_header(parsed: ParsedRelease, reading: Reading) -> None:
    """The lines before the title: embargo, reference, type, dateline; then the title.
    Sets reading.title_index (the title's index in the lines; -1 when there is none)."""
    lines = reading.document.lines
    for index, (number, line) in enumerate(lines):
        if not line.strip():
            continue
        stripped = line.strip()
        if re.match(r"^#{1,2}\s+\S", stripped) and not kind_of(plain(stripped).rstrip(":")):
            parsed.title = plain(stripped)
            parsed.lines["title"] = number
            reading.title_index = index
            return
        label = plain(stripped)
        if (match := EMBARGO.match(label)) and parsed.embargo_until is None:
            parsed.embargo_until = parse_embargo(match["when"], number)
            parsed.lines["embargo_until"] = number
        elif (match := REFERENCE.match(label)) and not parsed.reference_number:
            parsed.reference_prefix = (match["prefix"] or "").lstrip()  # "ESA PR " keeps its space
            parsed.reference_number = match["number"]
            parsed.reference_year = int(match["year"])
            parsed.lines.update(reference_prefix=number, reference_number=number, reference_year=number)
        elif (kind := kind_of(label.rstrip(":"))) and "kind" not in parsed.lines:
            parsed.kind = kind
            parsed.lines["kind"] = number
            reading.french = reading.french or bool(FRENCH_LABEL.search(label))
        elif dateline := parse_dateline(label, number):
            if parsed.dateline_date is not None:
                raise DocumentError("a second dateline", number)
            parsed.dateline_place, parsed.dateline_date, written_in_french, rest = dateline
            if rest:  # "PARIS, Oct. 28, 2013 – The agency…": the text after the dash is the body's
                reading.dateline_rest = (number, rest)
            parsed.lines.update(dateline_date=number, dateline_place=number)
            reading.french = reading.french or written_in_french
        elif re.search(r"\b(?:19|20)\d{2}\b", label) and "," in label and reading.date_like is None:
            reading.date_like = (number, label)  # for the note, if no dateline is found
        elif len(label) > 200:
            break  # body text before any title
        # Anything else in the header (a logo's alt text, a subtitle) is left alone.
    guess_title(parsed, reading)


def guess_title(parsed: ParsedRelease, reading: Reading) -> None:
    """No `#` title: the first short line that is no header label, noted for review."""
    for index, (number, line) in enumerate(reading.document.lines):
        label = plain(line)
        if not label or number in {parsed.lines.get(k) for k in ("embargo_until", "kind", "dateline_date")}:
            continue
        if number == parsed.lines.get("reference_number"):
            continue
        if len(label) <= TITLE_MAX:
            parsed.title = label
            parsed.lines["title"] = number
            reading.title_index = index
            parsed.note("title_guessed", f"no title line: “{label}” taken as the title", number)
            return
        break
    reading.title_index = -1
    parsed.note("no_title", "no title found: write the release's title")


# Stage: contacts (owner: contacts helper) --------------------------------------------------
def read_contacts(parsed: ParsedRelease, reading: Reading, rest: list[tuple[int, str]]):
    """The press-contacts blocks after the title, and the press site at their end; returns
    the lines of the body (everything else)."""
    body_lines = []
    index = 0
    while index < len(rest):
        number, line = rest[index]
        label, inline = inline_contacts_heading(line) if line.strip() else (None, "")
        if label is None:
            body_lines.append((number, line))
            index += 1
            continue
        reading.french = reading.french or bool(FRENCH_LABEL.search(line))
        block_lines, index = ([(number, inline)] if inline else []), index + 1
        # The block runs to the next contacts heading, or to any other heading ("### About CNES").
        while index < len(rest) and contacts_heading(rest[index][1]) is None:
            if re.match(r"^#{1,6}\s", rest[index][1].strip()) or SECTION_HEADING.fullmatch(
                plain(rest[index][1]).rstrip(":")
            ):
                break
            block_lines.append(rest[index])
            index += 1
        # A link paragraph at the end of the last block is the press site.
        paragraphs = split_paragraphs(block_lines)
        while paragraphs and (url := link_only(paragraphs[-1])):
            if parsed.press_site_url:  # a second link ("Photos and videos: …") is the body's
                reading.notes.insert(0, paragraphs[-1][0])
            else:
                parsed.press_site_url = url
                parsed.lines["press_site_url"] = paragraphs[-1][0][0]
            paragraphs.pop()
        block = parse_contact_block(label, number, [row for p in paragraphs for row in p + [(0, "")]])
        reading.notes += block.notes
        parsed.contact_blocks.append(block)
    return body_lines


# Stage: the opening of the body (owner: header helper) -------------------------------------
def read_opening(parsed: ParsedRelease, reading: Reading, paragraphs: list) -> list:
    """Under the title: pictures, an embargo line, a dateline alone or opening the lead."""
    if reading.dateline_rest:
        paragraphs.insert(0, [reading.dateline_rest])
    images = []  # pictures above the lead stay first in the body
    while paragraphs and all(IMAGE.fullmatch(plain(line)) for _, line in paragraphs[0]):
        images.append(paragraphs.pop(0))
    if paragraphs and len(paragraphs[0]) == 1 and (match := EMBARGO.match(plain(paragraphs[0][0][1]))):
        # "**EMBARGOED UNTIL …**" just under the title
        if parsed.embargo_until is not None:
            raise DocumentError("a second embargo line", paragraphs[0][0][0])
        parsed.embargo_until = parse_embargo(match["when"], paragraphs[0][0][0])
        parsed.lines["embargo_until"] = paragraphs.pop(0)[0][0]
    if parsed.dateline_date is None and paragraphs:
        # A dateline after the title, alone or opening the lead: "**Paris, le 5 mars 2014 – Le CNES…**"
        (number, first_line), *others = paragraphs[0]
        bold = first_line.lstrip().startswith("**")
        if dateline := parse_dateline(
            plain(first_line) if not others else first_line.strip().lstrip("*"), number
        ):
            parsed.dateline_place, parsed.dateline_date, written_in_french, rest = dateline
            parsed.lines.update(dateline_date=number, dateline_place=number)
            reading.french = reading.french or written_in_french
            if rest:
                opening, closing = ("**", "**" if not others else "") if bold else ("", "")
                paragraphs[0][0] = (number, f"{opening}{rest}{closing}")
            elif others:
                paragraphs[0].pop(0)
            else:
                paragraphs.pop(0)
    return images + paragraphs + [[note] for note in reading.notes]


# Stage: the press site (owner: contacts helper) --------------------------------------------
def read_press_site(parsed: ParsedRelease, paragraphs: list) -> list:
    """A link alone at the end of the body, when no contacts block ended with one."""
    if paragraphs and not parsed.press_site_url and (url := link_only(paragraphs[-1])):
        parsed.press_site_url = url
        parsed.lines["press_site_url"] = paragraphs[-1][0][0]
        paragraphs.pop()
    return paragraphs


# Stage: the lead (owner: header helper) ----------------------------------------------------
def read_lead(parsed: ParsedRelease, paragraphs: list) -> list:
    """The first paragraph, when it is set in bold, is the lead."""
    first_text = [p for p in paragraphs if not all(IMAGE.fullmatch(plain(line)) for _, line in p)]
    if first_text:
        first = " ".join(line.strip() for _, line in first_text[0])
        if len(first) > 4 and first.startswith("**") and first.endswith("**") and first.count("**") == 2:
            parsed.lead = first[2:-2].strip()
            paragraphs.remove(first_text[0])
    return paragraphs


# Stage: what the file says of itself (owner: header helper) --------------------------------
def read_meta(parsed: ParsedRelease) -> None:
    """Front matter or a page's metadata fill what the text lacks."""
    meta = parsed.meta
    if not parsed.title and meta.get("title"):
        parsed.title = str(meta["title"])[:TITLE_MAX]
        parsed.review.notes = [n for n in parsed.review.notes if n.code != "no_title"]
    if parsed.dateline_date is None and meta.get("date"):
        parsed.dateline_date = meta["date"]
    if not parsed.dateline_place and meta.get("place"):
        parsed.dateline_place = str(meta["place"])


def check_required(parsed: ParsedRelease, reading: Reading) -> None:
    """The facts a release cannot be published without."""
    if parsed.dateline_date is None:
        if reading.date_like:
            number, label = reading.date_like
            parsed.note("no_date", f"cannot read the date in “{label}”: fill in the dateline date", number)
        else:
            parsed.note("no_date", "no date found: fill in the dateline date")
    if len(parsed.title) > TITLE_MAX:
        raise DocumentError("the title is longer than 300 characters", parsed.lines.get("title"))


# Stage: language (owner: header helper) ----------------------------------------------------
def read_language(parsed: ParsedRelease, reading: Reading) -> str:
    if parsed.meta.get("language"):
        return str(parsed.meta["language"])
    return "fr" if reading.french else "en"


# Stage: quotes (owner: quotes helper) ------------------------------------------------------
def read_quotes(parsed: ParsedRelease, known_names) -> list:
    return find_quotes([parsed.lead, *parsed.body.split("\n\n")], list(known_names))
