"""One press-contacts block read: its lines, paragraph by paragraph, through the BlockReader.

The block's region (where its national numbers are written) comes from its first international
number or its e-mails' country domain. Details written before any name go to the names of a
list written after them, else to a review note; a contact listed twice is an error.
"""

import re

import phonenumbers
from django.utils.translation import gettext as _

from contacts.phones import region_of
from releases.importing.contacts.details import DETAIL_KINDS, EMAIL
from releases.importing.contacts.inline import inline_rest
from releases.importing.contacts.lines import Item, read_line
from releases.importing.contacts.reader import BlockReader, pair_in_order
from releases.importing.errors import DocumentError
from releases.importing.model import ParsedContactBlock
from releases.importing.structure import split_paragraphs
from releases.importing.text import fold


def region_hint(texts: list[str]) -> str:
    """The region a block's national numbers are likely written in: its first international
    number's, else its e-mail addresses' country domain (.fr, .gov.uk, .gob.es), else ''."""
    joined = "\n".join(texts)
    for match in re.finditer(r"\+\s?\d[\d\s().-]{6,}\d", joined):
        if region := region_of(match.group()):
            if region != "001":
                return region
    for match in EMAIL.finditer(joined):
        top = match["email"].rsplit(".", 1)[-1].upper()
        if top in {"GOV", "MIL", "EDU"}:
            return "US"
        top = {"UK": "GB"}.get(top, top)
        if len(top) == 2 and top in phonenumbers.SUPPORTED_REGIONS:
            return top
    return ""


def parse_contact_block(
    label: str, heading_line: int, lines: list[tuple[int, str]], region: str = "", heading: str = ""
) -> ParsedContactBlock:
    """The contacts under one heading: people and offices, each with its details; what is no
    contact goes to `notes` (back to the body), what cannot be paired to `problems`."""
    block = ParsedContactBlock(agency_label=label, line=heading_line)
    block.region = region or region_hint([text for _number, text in lines])
    paragraphs = []
    for paragraph in split_paragraphs(lines):
        rows = [read_line(inline_rest(text), number, block.region) for number, text in paragraph]
        block.notes += [(row.number, row.written) for row in rows if row.whole in {"note", "link", "prose"}]
        rows = [row for row in rows if not row.whole]
        if rows:
            paragraphs.append(rows)
    reader = BlockReader(block, heading)
    for rows in paragraphs:
        has_details = any(row.details() for row in rows)
        has_texts = any(row.texts() for row in rows)
        if reader.group is not None and has_texts and (reader.group.has_details or has_details):
            reader.close()  # a new paragraph with its own names: a new contact
        for row in rows:
            for item in row.items:
                if item.kind == "text":
                    reader.text(row.number, item.value)
                elif item.kind in DETAIL_KINDS:
                    reader.detail(row.number, item)
    reader.close()
    if reader.orphans:
        place_orphans(block, reader.orphans, label)
    check_no_duplicates(block)
    return block


def place_orphans(block: ParsedContactBlock, orphans: list[tuple[int, Item]], label: str):
    """Details before any name: an office's (the heading's: "Pressestelle" / "Tel.: …"), the
    names' of a list written after them, or, when neither, kept in a review note."""
    named = [c for c in block.contacts if not c.has_details()]
    kinds = {item.kind for _number, item in orphans}
    if named and all(len([o for o in orphans if o[1].kind == kind]) == len(named) for kind in kinds):
        for kind in kinds:
            pair_in_order(named, [(n, item) for n, item in orphans if item.kind == kind])
        return
    details = ", ".join(item.value for _number, item in orphans)
    if not block.contacts:
        message = _("Press-contact details with no name before them: %(details)s. Add the contact's name.")
    else:
        message = _("Cannot tell whose these details are: %(details)s. Add them to the right contact.")
    block.problems.append(("contacts_unpaired", message % {"details": details}, orphans[0][0]))


def check_no_duplicates(block: ParsedContactBlock):
    seen = set()
    for contact in block.contacts:
        key = fold(contact.shown_name)
        if key in seen:
            raise DocumentError(
                f"“{contact.shown_name}” is listed twice in the same press-contacts block", contact.line
            )
        seen.add(key)
