"""What a text line of a block says of its contact(s): the people it opens ("Name", "Name /
Name", "Delrieu, Alain", "Marco Trovatello (ESA)") with the title after them, an office, an
organisation, or a title alone.
"""

import re
from dataclasses import dataclass, field

from releases.importing.contacts.names import (
    HONORIFICS,
    PARENTHESIS,
    is_office,
    is_organisation,
    is_title,
    looks_like_person,
    organisation_label,
)

NAMES_SEPARATOR = re.compile(r"\s*/\s*|\s+(?:and|et|und|e|y|en|&)\s+")


@dataclass
class Written:
    """What a text line says of its contact(s)."""

    names: list[str] = field(default_factory=list)  # the people it opens
    title: str = ""
    agency: str = ""  # "(ESA)" after a name, or an organisation line
    office: str = ""  # an office with no person
    shared: bool = False  # "Name / Name" on one line: they share the details


def read_text(text: str) -> Written:
    """A text line: people (with a title after them), an office, an organisation, or a title."""
    text = text.strip().rstrip(":：").strip()
    agency = ""
    if (match := PARENTHESIS.match(text)) and looks_like_person(match["text"]):
        text, agency = match["text"], match["inside"].strip()  # "Marco Trovatello (ESA)"
    parts = [
        part.strip() for part in re.split(r"\s+[–—-]{1,2}\s+|\s*,\s*|\s*\|\s*|\s*;\s*", text) if part.strip()
    ]
    if not parts:
        return Written()
    if (
        len(parts) == 2
        and " " not in parts[0]
        and re.fullmatch(r"[A-ZÀ-Ý][\w'’-]+(?:\s[A-ZÀ-Ý][\w'’-]+)?", parts[1])
        and not is_title(parts[1])
        and not is_office(parts[1])
        and not is_organisation(parts[0])
    ):
        return Written(names=[f"{parts[1]} {parts[0]}"], agency=agency)  # "Delrieu, Alain"
    names, consumed = [], 0  # the people the line opens, and how many parts they take
    for part in parts:
        pieces = [piece.strip() for piece in NAMES_SEPARATOR.split(part)]
        if len(pieces) > 1 and all(looks_like_person(piece) for piece in pieces):
            names += [HONORIFICS.sub("", piece) for piece in pieces]  # "Name/Name", "Name and Name"
        elif looks_like_person(part):
            names.append(HONORIFICS.sub("", part))
        else:
            break
        consumed += 1
    rest = ", ".join(parts[consumed:])
    if not names:
        # "Rachel Nguyen Director of Communications": the name, then the title, unseparated.
        tokens = parts[0].split()
        for size in (3, 2):
            if (
                len(tokens) > size
                and looks_like_person(" ".join(tokens[:size]))
                and is_title(" ".join(tokens[size:]))
            ):
                names = [HONORIFICS.sub("", " ".join(tokens[:size]))]
                rest = ", ".join([" ".join(tokens[size:]), *parts[1:]])
                break
    if names:
        title, office = rest, ""
        if rest and is_organisation(rest):
            agency, title = agency or organisation_label(rest), ""
        return Written(names=names, title=title, agency=agency, office=office, shared=len(names) > 1)
    if len(parts) == 2 and is_office(parts[0]) and looks_like_person(parts[1]):
        # "Ufficio Stampa ASI, Marco Bellini", "Public Affairs Department, Yamada Hanako"
        return Written(names=[HONORIFICS.sub("", parts[1])], title=parts[0], agency=agency)
    whole = ", ".join(parts)
    if is_organisation(whole):
        return Written(agency=organisation_label(whole))
    if is_office(whole):
        return Written(office=whole)
    return Written(title=whole)
