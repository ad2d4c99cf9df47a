"""One document's text read into a ParsedRelease, stage by stage.

`parse_release()` runs the stages in the document's order: the header up to the title, the
contacts blocks and the press site, the opening of the body (an embargo or dateline under the
title, the lead), then what the whole text tells (language, quotes). A fact a stage cannot find
or is unsure of becomes a review note (`parsed.note`), never a refusal: only an impossible fact
(31 February) or an unreadable file raises DocumentError.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from contacts.phones import region_of
from releases.importing import header, language
from releases.importing.contacts.blocks import parse_contact_block
from releases.importing.contacts.headings import SECTION_HEADING, is_end_mark
from releases.importing.contacts.inline import (
    contacts_heading_at,
    ends_block,
    parenthesis_contacts,
    parenthesis_start,
)
from releases.importing.contacts.unheaded import looks_like_contacts, press_site_of
from releases.importing.errors import DocumentError
from releases.importing.header.datelines import place_country
from releases.importing.header.dates import date_order
from releases.importing.header.facts import HeaderState
from releases.importing.header.kinds import FRENCH_LABEL
from releases.importing.model import ParsedRelease, line_where
from releases.importing.quotes.stage import find_quotes
from releases.importing.structure import Document, read_structure, split_paragraphs
from releases.importing.text import plain
from releases.models import Release

TITLE_MAX = Release._meta.get_field("title").max_length


@dataclass
class Reading:
    """What the stages pass on while reading one document (not facts of the release)."""

    document: Document
    french: bool = False
    title_index: int | None = None
    notes: list[tuple[int, str]] = field(default_factory=list)  # contacts-block lines that are no contact
    header: HeaderState = field(default_factory=HeaderState)  # the header stages' (header/)


def parse_release(text: str, *, known_names=(), meta: dict | None = None, where=line_where) -> ParsedRelease:
    """Read one document's text (Markdown, as the readers give every format)."""
    parsed = read_release(text, meta=meta, where=where)
    parsed.quotes = read_quotes(parsed, known_names)
    return parsed


def read_release(text: str, *, meta: dict | None = None, where=line_where) -> ParsedRelease:
    """Every stage but the quotes, which need the names the directory knows (`read_quotes`):
    what can be read of a document apart from the database, in another process if need be."""
    if "\x00" in text:
        raise DocumentError("this is not a text file")
    parsed = ParsedRelease(meta=dict(meta or {}), where=where)
    reading = Reading(document=read_structure(text))
    lines = reading.document.lines
    read_header(parsed, reading)
    body_lines = read_contacts(parsed, reading, lines[reading.title_index + 1 :])
    paragraphs = read_opening(parsed, reading, split_paragraphs(body_lines, reading.document.starts))
    paragraphs = read_press_site(parsed, paragraphs)
    paragraphs = read_lead(parsed, reading, paragraphs)
    parsed.body = "\n\n".join("\n".join(line.rstrip() for _, line in p) for p in paragraphs)
    read_meta(parsed, reading)
    check_required(parsed, reading)
    parsed.language = read_language(parsed, reading)
    return parsed


# Stage: header
def read_header(parsed: ParsedRelease, reading: Reading) -> None:
    """The lines before the title: type label, reference, embargo, dateline; then the title, a
    `#` heading or a headline written as a plain line (header/). Sets reading.title_index: the
    title's index in the lines; without a title, the last header line's, or -1."""
    document = reading.document
    reading.title_index = header.read_header(parsed, reading.header, document.lines, document.starts)


# Stage: contacts
def read_contacts(parsed: ParsedRelease, reading: Reading, rest: list[tuple[int, str]]):
    """The press contacts (contacts/): blocks under a heading, one-line contacts, a
    parenthesis of contacts closing the body, contacts after "-end-" or before the headline;
    the press site at the end of a block. Returns the lines of the body (everything else)."""
    if reading.title_index and reading.title_index > 0:
        read_contacts_before_title(parsed, reading)
    body_lines = []
    index = 0
    while index < len(rest):
        number, line = rest[index]
        end_mark = is_end_mark(line)
        label, inline = ("", "") if end_mark else contacts_heading_at(rest, index)
        if label is None:
            if "(" in line and (taken := read_parenthesis(parsed, rest, index, body_lines)):
                index += taken
                continue
            body_lines.append((number, line))
            index += 1
            continue
        reading.french = reading.french or bool(FRENCH_LABEL.search(line))
        if end_mark:  # "visit: / https://www.nasa.gov/mars / -end-": the press site ends the text
            read_press_site(parsed, split_paragraphs(body_lines))
            if parsed.lines.get("press_site_url") in {n for n, _ in body_lines}:
                body_lines = [row for row in body_lines if row[0] != parsed.lines["press_site_url"]]
        block_lines, index = ([(number, inline)] if inline else []), index + 1
        if inline and inline != plain(line):  # "Contact presse : Name Tél. …": its paragraph only
            while index < len(rest) and rest[index][1].strip():
                block_lines.append(rest[index])
                index += 1
        else:  # to the next contacts heading, or to any other heading ("### About CNES")
            while index < len(rest) and not ends_block(rest, index):
                if re.match(r"^#{1,6}\s", rest[index][1].strip()) or SECTION_HEADING.fullmatch(
                    plain(rest[index][1]).rstrip(":")
                ):
                    break
                block_lines.append(rest[index])
                index += 1
        # A link paragraph at the end of the last block is the press site.
        paragraphs = split_paragraphs(block_lines)
        while paragraphs and (url := press_site_of(paragraphs[-1])):
            if parsed.press_site_url:  # a second link ("Photos and videos: …") is the body's
                reading.notes.insert(0, paragraphs[-1][0])
            else:
                parsed.press_site_url = url
                parsed.lines["press_site_url"] = paragraphs[-1][0][0]
            paragraphs.pop()
        if end_mark:  # after "-end-": contacts with no heading; other paragraphs stay in the body
            body_lines += [row for p in paragraphs if not looks_like_contacts(p) for row in [*p, (0, "")]]
            paragraphs = [p for p in paragraphs if looks_like_contacts(p)]
        heading = "" if end_mark or inline else plain(line).rstrip(":：")
        add_block(parsed, reading, label, number, [row for p in paragraphs for row in [*p, (0, "")]], heading)
    return body_lines


def read_contacts_before_title(parsed: ParsedRelease, reading: Reading) -> None:
    """Contact blocks above the headline (NASA: "Name/Name" / "Headquarters, Washington" /
    "202-555-0142/0157"), in the header's lines that are no header fact."""
    facts = set(parsed.lines.values())
    for paragraph in split_paragraphs(reading.document.lines[: reading.title_index]):
        label, inline = contacts_heading_at(paragraph, 0)  # "Media Contact: Priya Raman"
        lines = (
            ([(paragraph[0][0], inline)] if inline else []) + paragraph[1:]
            if label is not None
            else paragraph
        )
        if lines and not any(number in facts for number, _ in lines) and looks_like_contacts(lines):
            add_block(parsed, reading, label or "", lines[0][0], lines)
        else:  # "European Commission - Press release": the issuer may be named there
            parsed.header_lines += [(n, plain(text)) for n, text in paragraph if len(plain(text)) <= 120]


def read_parenthesis(parsed: ParsedRelease, rest: list[tuple[int, str]], index: int, body_lines) -> int:
    """'(For more information: Name – Tel.: +32 …; Name – Tel.: …)': the contacts of a
    parenthesis closing a paragraph, or the body. Returns how many lines it took (0: none);
    the text before the parenthesis stays in the body."""
    number, line = rest[index]
    start = parenthesis_start(line)
    if start is None:
        return 0
    paragraph = [(number, line[start:])]
    for row in rest[index + 1 :]:
        if not row[1].strip():
            break
        paragraph.append(row)
    people = parenthesis_contacts(" ".join(text.strip() for _, text in paragraph))
    if not people:
        return 0
    if line[:start].strip():
        body_lines.append((number, line[:start].rstrip()))
    add_block(parsed, None, "", number, [(number, person) for person in people])
    return len(paragraph)


def add_block(
    parsed: ParsedRelease, reading: Reading | None, label: str, line: int, lines, heading=""
) -> None:
    block = parse_contact_block(label, line, lines, heading=heading)
    if reading is not None:
        reading.notes += block.notes
    for code, message, where in block.problems:
        parsed.note(code, message, where)
    if block.contacts or block.agency_label:
        parsed.contact_blocks.append(block)


# Stage: the opening of the body
def read_opening(parsed: ParsedRelease, reading: Reading, paragraphs: list) -> list:
    """Under the title: pictures, label, date and embargo lines, then a dateline, a reference
    or a place opening the first paragraph (header/); the contacts blocks' other lines last."""
    paragraphs = header.read_opening(parsed, reading.header, paragraphs)
    return paragraphs + [[note] for note in reading.notes]


# Stage: the press site
def read_press_site(parsed: ParsedRelease, paragraphs: list) -> list:
    """A link alone at the end of the body, when no contacts block ended with one."""
    if paragraphs and not parsed.press_site_url and (url := press_site_of(paragraphs[-1])):
        parsed.press_site_url = url
        parsed.lines["press_site_url"] = paragraphs[-1][0][0]
        paragraphs.pop()
    return paragraphs


# Stage: the lead
def read_lead(parsed: ParsedRelease, reading: Reading, paragraphs: list) -> list:
    """The lead: the first paragraph set in bold, else the first of running text (header/)."""
    return header.read_lead(parsed, paragraphs, reading.document.starts)


# Stage: what the file says of itself
def read_meta(parsed: ParsedRelease, reading: Reading) -> None:
    """A closing signature's date, then front matter or a page's metadata, fill what the text
    lacks (header/)."""
    header.read_meta(parsed, reading.header)


def check_required(parsed: ParsedRelease, reading: Reading) -> None:
    """The date and the title a release cannot be published without: noted when missing or
    guessed (header/)."""
    header.check_required(parsed, reading.header, parsed.body.split("\n\n"))


# Stage: language
def read_language(parsed: ParsedRelease, reading: Reading) -> str:
    """The language the file declares, else the one detected in its text; then the dates in
    figures are read in the issuer's order (its country's, as its phone numbers tell, or its
    language's)."""
    hints = reading.header.hints + (["fr"] if reading.french else [])
    found = language.document_language(
        title=parsed.title,
        lead=parsed.lead,
        body=parsed.body,
        declared=parsed.meta.get("language"),
        hints=hints,
    )
    if not found.confident:
        parsed.note(
            "language_guessed",
            _("The language was guessed (%(language)s): check it.")
            % {"language": language.language_name(found.code)},
        )
    if reading.header.guessed:  # dates in figures, day or month first: the issuer's order
        country = (
            parsed.meta.get("country") or contacts_region(parsed) or place_country(parsed.dateline_place)
        )
        order = date_order(country) or language.date_order_of(found.code)
        header.settle_date_order(parsed, reading.header, order)
    return found.code


# "202-555-0142", "(818) 555-0133": a number as the United States and Canada write it at home
NORTH_AMERICAN = re.compile(r"^\(?[2-9]\d{2}\)?[\s.-]?[2-9]\d{2}[\s.-]\d{4}$")


def contacts_region(parsed: ParsedRelease) -> str:
    """The country of the contacts' numbers: the first written with its country code; else
    "US" for numbers written the North American way."""
    numbers = [n for b in parsed.contact_blocks for c in b.contacts for n in (c.phone, c.mobile) if n]
    for written in numbers:
        if written.startswith("+") and (region := region_of(written)):
            return region
    return "US" if any(NORTH_AMERICAN.match(written.strip()) for written in numbers) else ""


# Stage: quotes
def read_quotes(parsed: ParsedRelease, known_names) -> list:
    """The lead's and the body's quotes (a quote may run over paragraphs), with their speakers
    and the titles written beside them; a surname never given in full is noted for review."""
    return find_quotes([parsed.lead, *parsed.body.split("\n\n")], known_names, note=parsed.note)
