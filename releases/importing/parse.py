"""One document's text read into a ParsedRelease, stage by stage."""

import re

from releases.importing.contacts import (
    SECTION_HEADING,
    contacts_heading,
    inline_contacts_heading,
    parse_contact_block,
)
from releases.importing.dates import parse_dateline, parse_embargo
from releases.importing.errors import DocumentError
from releases.importing.header import EMBARGO, FRENCH_LABEL, REFERENCE, kind_of
from releases.importing.model import ParsedRelease
from releases.importing.quotes import find_quotes
from releases.importing.structure import link_only, setext_to_atx, split_paragraphs
from releases.importing.text import IMAGE, plain
from releases.models import Release


def parse_release(text: str, *, known_names: list[str] = ()) -> ParsedRelease:
    """Read one document's text. Raises DocumentError naming the line of what is wrong."""
    if "\x00" in text:
        raise DocumentError("this is not a text file")
    lines = setext_to_atx(
        list(enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1))
    )
    found: dict = {}
    where: dict[str, int] = {}
    french = False

    # 1. The header, up to the title.
    title_index = None
    for index, (number, line) in enumerate(lines):
        if not line.strip():
            continue
        stripped = line.strip()
        if re.match(r"^#{1,2}\s+\S", stripped) and not kind_of(plain(stripped).rstrip(":")):
            found["title"] = plain(stripped)
            title_index = index
            where["title"] = number
            break
        label = plain(stripped)
        if (match := EMBARGO.match(label)) and "embargo_until" not in found:
            found["embargo_until"] = parse_embargo(match["when"], number)
            where["embargo_until"] = number
        elif (match := REFERENCE.match(label)) and "reference_number" not in found:
            found.update(
                reference_prefix=(match["prefix"] or "").lstrip(),  # "ESA PR " keeps its space
                reference_number=match["number"],
                reference_year=int(match["year"]),
            )
            where.update(reference_prefix=number, reference_number=number, reference_year=number)
        elif (kind := kind_of(label.rstrip(":"))) and "kind" not in found:
            found["kind"] = kind
            french = french or bool(FRENCH_LABEL.search(label))
        elif dateline := parse_dateline(label, number):
            if "dateline_date" in found:
                raise DocumentError("a second dateline", number)
            found["dateline_place"], found["dateline_date"], written_in_french, rest = dateline
            if rest:  # "PARIS, Oct. 28, 2013 – The agency…": the text after the dash is the body's
                found["dateline_rest"] = (number, rest)
            where.update(dateline_date=number, dateline_place=number)
            french = french or written_in_french
        elif re.search(r"\b(?:19|20)\d{2}\b", label) and "," in label and "date_like" not in found:
            found["date_like"] = (number, label)  # for the error, if no dateline is found
        elif len(label) > 200:
            break  # body text before any title
        # Anything else in the header (a logo's alt text, a subtitle) is left alone.
    if title_index is None or not found.get("title"):
        raise DocumentError("no title: the title must be a line starting with # or ##")

    # 2. After the title: lead, body, contacts blocks and the press site.
    rest = lines[title_index + 1 :]
    body_lines, blocks, press_site = [], [], ""
    index = 0
    notes = []  # lines of a contacts block that are no contact ("Follow CNES on X: @CNES")
    while index < len(rest):
        number, line = rest[index]
        label, inline = inline_contacts_heading(line) if line.strip() else (None, "")
        if label is None:
            body_lines.append((number, line))
            index += 1
            continue
        french = french or bool(FRENCH_LABEL.search(line))
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
            if press_site:  # a second link ("Photos and videos: …") is the body's
                notes.insert(0, paragraphs[-1][0])
            else:
                press_site = url
                where["press_site_url"] = paragraphs[-1][0][0]
            paragraphs.pop()
        block = parse_contact_block(label, number, [row for p in paragraphs for row in p + [(0, "")]])
        notes += block.notes
        blocks.append(block)

    paragraphs = split_paragraphs(body_lines)
    if "dateline_rest" in found:
        paragraphs.insert(0, [found["dateline_rest"]])
    images = []  # pictures above the lead stay first in the body
    while paragraphs and all(IMAGE.fullmatch(plain(line)) for _, line in paragraphs[0]):
        images.append(paragraphs.pop(0))
    if paragraphs and len(paragraphs[0]) == 1 and (match := EMBARGO.match(plain(paragraphs[0][0][1]))):
        # "**EMBARGOED UNTIL …**" just under the title
        if "embargo_until" in found:
            raise DocumentError("a second embargo line", paragraphs[0][0][0])
        found["embargo_until"] = parse_embargo(match["when"], paragraphs[0][0][0])
        where["embargo_until"] = paragraphs.pop(0)[0][0]
    if "dateline_date" not in found and paragraphs:
        # A dateline after the title, alone or opening the lead: "**Paris, le 5 mars 2014 – Le CNES…**"
        (number, first_line), *others = paragraphs[0]
        bold = first_line.lstrip().startswith("**")
        if dateline := parse_dateline(
            plain(first_line) if not others else first_line.strip().lstrip("*"), number
        ):
            found["dateline_place"], found["dateline_date"], written_in_french, rest = dateline
            where.update(dateline_date=number, dateline_place=number)
            french = french or written_in_french
            if rest:
                opening, closing = ("**", "**" if not others else "") if bold else ("", "")
                paragraphs[0][0] = (number, f"{opening}{rest}{closing}")
            elif others:
                paragraphs[0].pop(0)
            else:
                paragraphs.pop(0)
    if "dateline_date" not in found:
        if "date_like" in found:
            number, label = found["date_like"]
            raise DocumentError(
                f"cannot read the date in “{label}”: write it as “Paris, 28 October 2013”", number
            )
        raise DocumentError("no dateline: expected a line such as “Paris, 28 October 2013”")
    if paragraphs and not press_site and (url := link_only(paragraphs[-1])):
        press_site = url
        where["press_site_url"] = paragraphs[-1][0][0]
        paragraphs.pop()
    lead = ""
    if paragraphs:
        first = " ".join(line.strip() for _, line in paragraphs[0])
        if len(first) > 4 and first.startswith("**") and first.endswith("**") and first.count("**") == 2:
            lead = first[2:-2].strip()
            paragraphs.pop(0)
    paragraphs = images + paragraphs + [[note] for note in notes]
    body = "\n\n".join("\n".join(line.rstrip() for _, line in p) for p in paragraphs)

    if len(found["title"]) > Release._meta.get_field("title").max_length:
        raise DocumentError("the title is longer than 300 characters", lines[title_index][0])
    return ParsedRelease(
        title=found["title"],
        dateline_date=found["dateline_date"],
        dateline_place=found.get("dateline_place", ""),
        language="fr" if french else "en",
        kind=found.get("kind", Release.Kind.PRESS_RELEASE),
        reference_prefix=found.get("reference_prefix", ""),
        reference_number=found.get("reference_number", ""),
        reference_year=found.get("reference_year"),
        embargo_until=found.get("embargo_until"),
        lead=lead,
        body=body,
        press_site_url=press_site,
        contact_blocks=blocks,
        lines=where,
        quotes=find_quotes([lead, *body.split("\n\n")], list(known_names)),
    )
