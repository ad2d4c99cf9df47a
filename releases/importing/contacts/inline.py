"""Contacts written on the line of their heading, or in a parenthesis closing the body.

'**Press contact:** Pascale Bresson, +33 1 44 76 75 39', 'Contact presse : Julien Ferrand
Tél. 01 …', an office line over its numbers ("DLR Pressestelle" / "Tel.: …"), and '(For more
information: Name – Tel.: +32 …; Name – Tel.: …)', one contact a part. Also where a block
ends: at a line that opens another.
"""

import re

from releases.importing.contacts.headings import BARE_HEADING_WORDS, contacts_heading, has_heading_hint
from releases.importing.contacts.lines import read_line
from releases.importing.contacts.names import is_office, looks_like_person, name_part
from releases.importing.text import plain

# "(For more information: Name – Tel.: +32 …; Name – Tel.: …)" at the end of the body.
PARENTHESIS_WORDS = rf"(?:{BARE_HEADING_WORDS})|(?:press|media)\s+contacts?|contacts?\s+presse"
PARENTHESIS_CONTACTS = re.compile(
    rf"^\(\s*(?:{PARENTHESIS_WORDS})\s*[:：]\s*(?P<rest>.+?)\)\s*$", re.I | re.S
)
PARENTHESIS_OPEN = re.compile(rf"\(\s*(?:{PARENTHESIS_WORDS})\s*[:：]", re.I)


def inline_contacts_heading(line: str) -> tuple[str | None, str]:
    """A contacts heading, and a contact written on the same line after it, if any:
    '**Press contact:** Pascale Bresson, +33 1 44 76 75 39' -> ('', 'Pascale Bresson, +33…');
    'Contact presse : Julien Ferrand Tél. 01 99 00 74 12' -> ('', 'Julien Ferrand Tél. …')."""
    if not has_heading_hint(line) or (len(line) > 90 and not re.search("[:：]", line[:70])):
        return None, ""  # no heading's word, or a sentence: a heading is short, or ends with a colon
    if match := re.match(r"^\s*\*\*(?P<heading>[^*]{3,80}?)\*\*\s*[:：]?\s*(?P<rest>\S.*)$", line):
        label = contacts_heading(f"**{match['heading'].strip().rstrip(':：')}**")
        if label is not None:
            return label, match["rest"]
    if match := re.match(r"^\s*(?P<heading>[^:：*()\d]{3,60}?)\s*[:：]\s*(?P<rest>\S.*)$", line):
        rest = match["rest"]
        label = contacts_heading(f"**{match['heading'].strip()}**")
        if label is not None and (read_line(rest).details() or looks_like_person(name_part(rest))):
            return label, rest
    return contacts_heading(line), ""


def contacts_heading_at(lines: list[tuple[int, str]], index: int) -> tuple[str | None, str]:
    """Like inline_contacts_heading(), for the line at `index`; an office line followed by its
    numbers ("DLR Pressestelle" / "Tel.: …") is a contact, the block's first line."""
    number, line = lines[index]
    if not line.strip():
        return None, ""
    label, inline = inline_contacts_heading(line)
    if label is None or inline:
        return label, inline
    following = lines[index + 1][1] if index + 1 < len(lines) else ""
    if (
        is_office(plain(line).rstrip(":："))
        and not line.rstrip().endswith((":", "："))
        and read_line(following).details()
    ):
        return label, plain(line)
    return label, ""


def ends_block(lines: list[tuple[int, str]], index: int) -> bool:
    """Inside a block, a line that starts another: a contacts heading, but not an office line
    written as a plain line ("Contacto de prensa" / "Gabinete de Comunicación" / "Tel.: …")."""
    label, _inline = contacts_heading_at(lines, index)
    if label is None:
        return False
    line = lines[index][1].strip()
    return line.startswith(("#", "**")) or line.endswith((":", "：")) or not is_office(plain(line))


def inline_rest(text: str) -> str:
    """A line of a block that repeats a one-line heading ("Contact Helix Launch: Sam Porter …"):
    what follows the heading."""
    if (":" in text or "：" in text) and not name_part(re.split(r"[:：]", text)[0]):
        label, inline = inline_contacts_heading(text)
        if label is not None and inline:
            return inline
    return text


def parenthesis_start(line: str) -> int | None:
    """Where '(For more information: …' opens in a line, if it does."""
    match = PARENTHESIS_OPEN.search(line)
    return match.start() if match else None


def parenthesis_contacts(text: str) -> list[str] | None:
    """The contacts of '(For more information: A – Tel.: …; B – Tel.: …)', one a line."""
    if match := PARENTHESIS_CONTACTS.match(text.strip()):
        return [
            part.strip() for part in re.split(r"\s*;\s*", match["rest"].replace("\n", " ")) if part.strip()
        ]
    return None
