"""Press-contacts blocks: their headings, and the contacts written under them."""

import re

from contacts.phones import PHONE_LABEL
from releases.importing.errors import DocumentError
from releases.importing.model import ParsedContact, ParsedContactBlock
from releases.importing.structure import split_paragraphs
from releases.importing.text import BARE_URL, EMAIL, LINK, PHONE_LIKE, fold, plain

CONTACTS_HEADING = re.compile(
    r"^(?P<before>.*?)\b(?:press|media)\s+(?:contacts?|relations|office|officers?|enquiries|inquiries)\b"
    r"(?P<after>.*)$"
    r"|^(?P<before_fr>.*?)\b(?:contacts?\s+(?:presse|m[ée]dias?)|relations?\s+(?:presse|m[ée]dias)"
    r"|service\s+de\s+presse)\b(?P<after_fr>.*)$"
    r"|^(?P<bare>contacts?|for (?:more|further) information,? (?:please )?contact(?: us)?)\b"
    r"(?P<after_bare>.*)$",
    re.I,
)
# Sections that may follow the contacts, and end them.
SECTION_HEADING = re.compile(
    r"(?i)(?:notes?\s+(?:to|for)\s+editors|about\s+.{1,60}|background|à\s+propos\s+.{1,60}"
    r"|notes?\s+aux\s+r[ée]dactions?|follow\s+us.*|suivez[- ]nous.*|key\s+facts|for\s+editors)"
)
# An agency's name as a heading gives it: "CNES", "Centre national d'études spatiales".
AGENCY_LABEL = re.compile(r"[A-ZÀ-Ý0-9][\w&'’.()-]*(?:\s+[\w&'’.()-]+){0,7}")


def inline_contacts_heading(line: str) -> tuple[str | None, str]:
    """A contacts heading, and a contact written on the same line after it, if any:
    '**Press contact:** Pascale Bresson, +33 1 44 76 75 39' -> ('', 'Pascale Bresson, +33…')."""
    if match := re.match(r"^\s*\*\*(?P<heading>[^*]{3,80}?)\*\*\s*:?\s*(?P<rest>\S.*)$", line):
        label = contacts_heading(f"**{match['heading'].strip().rstrip(':')}**")
        if label is not None:
            return label, match["rest"]
    return contacts_heading(line), ""


def contacts_heading(line: str) -> str | None:
    """The agency a contacts heading names ('CNES press contacts' -> 'CNES'), '' for none.

    None when the line is not such a heading: a heading is a `#` line, a line in bold, or a
    short line of its own ("Press contacts:"), never a sentence that mentions press contacts.
    """
    stripped = line.strip()
    if re.match(r"^(?:[-+*]\s|\d+[.)]\s|>)", stripped):
        return None  # a list item or a quotation: part of the body
    text = plain(stripped).rstrip(":").strip()
    marked = stripped.startswith("#") or text != stripped.rstrip(":")  # a heading, or in bold
    if not text or len(text) > 80:
        return None
    if not marked and (
        ("," in text and not stripped.endswith(":")) or text.endswith(".") or len(text.split()) > 5
    ):
        return None  # "Markus Bauer, ESA Media Relations Officer" is a contact, not a heading
    match = CONTACTS_HEADING.match(text)
    if not match:
        return None
    before = (match["before"] or match["before_fr"] or "").strip(" :-–—")
    after = (match["after"] or match["after_fr"] or match["after_bare"] or "").strip(" :-–—")
    if re.match(r"(?i)(?:in|for|during|about|on|regarding|concernant|pour)\b", after):
        after = ""  # "Media contacts in Kourou", "Press contacts for this release"
    after = re.sub(r"(?i)^(?:at|of|the|de la|de l'|de|du|des|d'|chez)\s*", "", after).strip()
    label = before or after
    if match["bare"] and after and not AGENCY_LABEL.fullmatch(after):
        return None  # "Contact us at the front desk": a sentence, not a heading
    if not AGENCY_LABEL.fullmatch(label) or re.search(r"(?i)\b(?:and|et|und)\b|[;!?]", label):
        return ""  # the issuing agency's contacts ("Press contacts (CNES and JAXA)")
    if not marked and not stripped.endswith(":") and not label.replace("-", "").isupper():
        return None  # "Head of Press Relations": a contact's title, not a heading
    return label


PHONE_KINDS = {"mob": "mobile", "mobile": "mobile", "portable": "mobile", "cell": "mobile", "gsm": "mobile",
               "fax": "fax", "t": "phone", "p": "phone", "m": "mobile", "f": "fax"}  # fmt: skip
# "T: +44 1438 77 3872", "M. +44 …": one-letter labels, before a number only ("M. Dupont" is a name).
LETTER_LABEL = re.compile(r"^(?P<label>[TPMF])\s*[:.]\s*(?=[+(\d])")
CONTACT_SEPARATOR = re.compile(
    r"\s+[–—|-]\s+|\s*\|\s*|\s*;\s*|[,:]\s+(?=(?:t[ée]l|phone|mob|fax|\+|\(?\d|[\w.+-]+@))", re.I
)
TABLE_HEADER_WORDS = {"name", "nom", "phone", "telephone", "téléphone", "tel", "tél", "e-mail", "email",
                      "courriel", "mobile", "role", "title", "fonction", "contact"}  # fmt: skip
DETAILS = {"phone", "mobile", "email"}
LABEL_WORDS = {"courriel", "email", "mail", "mel", "contact", "tel", "phone", "telephone", "mob", "mobile",
               "fax", "e", "t", "p", "m", "f"}  # fmt: skip  # "Courriel : …"


def classify_contact_line(text: str) -> tuple[str, str]:
    """(kind, value) for one line of a contacts block; kinds: name, phone, mobile, fax, email,
    link, note (kept in the body), prose (an error: text where contacts belong), rule."""
    text = plain(text).strip()
    if not any(c.isalpha() or c.isdigit() for c in text):
        return "rule", text  # "---", "|---|---|": a separator, not a contact
    if (email := EMAIL.search(text)) and len(LINK.sub(r"\g<text>", text).strip()) <= len(email["email"]) + 12:
        return "email", email["email"]
    if label := PHONE_LABEL.match(text) or LETTER_LABEL.match(text):
        return PHONE_KINDS.get(label["label"].lower(), "phone"), text[label.end() :].strip()
    if PHONE_LIKE.match(text):
        return "phone", text
    if LINK.fullmatch(text) or BARE_URL.fullmatch(text):
        return "link", text
    if len(text) > 80:
        return "prose", text
    if ":" in text or re.search(r"(?:^|\s)@\w|https?://|www\.", text):
        return "note", text  # "Follow CNES on X: @CNES", "Press room: www.cnes.fr"
    return "name", text


def contact_name(text: str) -> tuple[str, str, str]:
    """(name, title, agency) of a name line: 'Alain Delrieu, Head of Press' -> ('Alain Delrieu',
    'Head of Press', ''); 'Delrieu, Alain' -> 'Alain Delrieu'; 'Marco Trovatello (ESA)' -> agency 'ESA'."""
    agency = ""
    if match := re.fullmatch(r"(?P<name>.+?)\s*\((?P<agency>[^()]{1,60})\)", text.strip()):
        text, agency = match["name"], match["agency"].strip()
    parts = [part.strip() for part in re.split(r"\s+[–—-]\s+|,\s*|\s+/\s+", text) if part.strip()]
    if not parts:
        return text.strip(), "", agency
    if (
        len(parts) == 2
        and " " not in parts[0]
        and re.fullmatch(r"[A-ZÀ-Ý][\w'’-]+(?:\s[A-ZÀ-Ý][\w'’-]+)?", parts[1])
    ):
        return f"{parts[1]} {parts[0]}", "", agency  # "Last, First"
    return parts[0], ", ".join(parts[1:]), agency


def normalise_contact_line(text: str) -> str:
    """List markers, table pipes and <addresses> out of the way of the separators."""
    text = plain(text).strip()
    text = re.sub(r"^(?:[-*+•]\s+|\d+[.)]\s+)", "", text)  # "- Name", "* Name", "1. Name"
    if text.startswith("|"):  # a Markdown table row
        cells = [cell.strip() for cell in text.strip("|").split("|")]
        if all(fold(cell) in {fold(w) for w in TABLE_HEADER_WORDS} for cell in cells if cell):
            return "---"  # the header row
        text = " | ".join(cells)
    text = re.sub(r"\s*<([^<>\s]+@[^<>\s]+)>", r" | \1", text)  # "Name <name@agency.org>"
    # "Name (+32 2 295 17 52)", "Name (name@agency.org)"; not a Markdown link's "(mailto:…)"
    return re.sub(r"\s*(?<!\])\(((?:\+|\d)[\d\s().-]{5,}|[^()\s]+@[^()\s]+)\)", r" | \1", text)


def expand_contact_line(number: int, text: str) -> list[tuple[int, str, str]]:
    """One line may hold a whole contact: 'Alain Delrieu – Tel. +33 1 44 76 74 04 – a@cnes.fr'."""
    text = normalise_contact_line(text)
    if (
        (link := LINK.fullmatch(text))
        and link["url"].lower().startswith("mailto:")
        and "@" not in link["text"]
    ):
        return [(number, "name", link["text"]), (number, "email", link["url"][7:])]
    segments = [segment for segment in CONTACT_SEPARATOR.split(text) if segment.strip()]
    if len(segments) > 1:
        kinds = [(number, *classify_contact_line(segment)) for segment in segments]
        if (
            kinds[0][1] == "name"
            and fold(kinds[0][2]) not in LABEL_WORDS
            and any(kind in DETAILS for _, kind, _ in kinds)
        ):
            # The name, its title if any ("Alain Delrieu – Head of Press"), then the details.
            head = [(number, "name", " – ".join(v for _, k, v in kinds if k == "name"))]
            return head + [row for row in kinds if row[1] != "name"]
    return [(number, *classify_contact_line(text))]


def pair_emails(names: list[ParsedContact], emails: list[tuple[int, str]]):
    if len(emails) == len(names):
        for contact, (_, email) in zip(names, emails, strict=True):
            contact.email = email
        return
    if len(emails) > len(names):
        raise DocumentError(f"{len(emails)} e-mail addresses for {len(names)} contacts", emails[0][0])
    # Fewer e-mails than names: give each address to the contact whose name it spells.
    for line, email in emails:
        local = fold(email.split("@")[0])
        owners = [c for c in names if all(fold(part) in local for part in c.name.split()[-1:])]
        if len(owners) != 1 or owners[0].email:
            raise DocumentError(
                f"cannot tell whose e-mail “{email}” is: {len(names)} contacts, {len(emails)} e-mails",
                line,
            )
        owners[0].email = email


def check_no_duplicates(contacts: list[ParsedContact]):
    seen = set()
    for contact in contacts:
        if fold(contact.name) in seen:
            raise DocumentError(
                f"“{contact.name}” is listed twice in the same press-contacts block", contact.line
            )
        seen.add(fold(contact.name))


def new_contact(written: str, line: int) -> ParsedContact:
    name, title, agency = contact_name(written)
    return ParsedContact(name=name, line=line, title=title, agency_label=agency)


def split_numbers(rows: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """'Tel. +33 1 44 76 74 04 / +33 6 12 34 56 78': a phone, then a mobile."""
    result = []
    for number, kind, value in rows:
        parts = re.split(r"\s+(?:/|or|ou)\s+", value) if kind in {"phone", "mobile"} else [value]
        result.append((number, kind, parts[0]))
        result += [(number, "mobile", part) for part in parts[1:2]]
    return result


def parse_contact_block(label: str, heading_line: int, lines: list[tuple[int, str]]) -> ParsedContactBlock:
    """Contacts written one at a time (name, title lines, then phones and e-mail), or as lists
    (the names, then the phones, then the e-mails, paired by order: the CNES layout)."""
    block = ParsedContactBlock(agency_label=label, line=heading_line)
    paragraphs = []
    for paragraph in split_paragraphs(lines):
        rows = split_numbers([row for number, text in paragraph for row in expand_contact_line(number, text)])
        block.notes += [(n, v) for n, k, v in rows if k in {"note", "link", "prose"}]
        if rows := [row for row in rows if row[1] in DETAILS | {"name"}]:
            paragraphs.append(rows)
    if not paragraphs:
        return block  # a heading with nothing under it (a press-site link at most)

    if all(any(kind in DETAILS for _, kind, _ in rows) for rows in paragraphs):
        # One contact at a time: a name opens a contact; name lines before its details are its
        # title ("Head of Media Relations", "Headquarters, Washington").
        for rows in paragraphs:
            contact = None
            for number, kind, value in rows:
                if kind == "name":
                    if contact is None or contact.has_details():
                        contact = new_contact(value, number)
                        block.contacts.append(contact)
                    else:
                        contact.title = ", ".join(filter(None, [contact.title, value]))
                elif contact is None:
                    raise DocumentError(f"a {kind} with no contact name before it", number)
                else:
                    contact.add_detail(kind, value, number)
        check_no_duplicates(block.contacts)
        return block

    if any(
        any(kind in DETAILS for _, kind, _ in rows) and any(kind == "name" for _, kind, _ in rows)
        for rows in paragraphs
    ):
        raise DocumentError(
            "some contacts are written with their numbers and some apart from them: write each "
            "contact's name, phone and e-mail together",
            heading_line,
        )
    # Lists: names, then phones, then e-mails, paired by order.
    rows = [row for paragraph in paragraphs for row in paragraph]
    names = [new_contact(v, n) for n, k, v in rows if k == "name"]
    if not names:
        raise DocumentError("a press-contacts block with numbers but no names", heading_line)
    check_no_duplicates(names)
    for kind in ("phone", "mobile"):
        numbers = [(n, v) for n, k, v in rows if k == kind]
        if numbers and len(numbers) != len(names):
            raise DocumentError(
                f"{len(names)} contact names but {len(numbers)} {kind} numbers: cannot pair them "
                "(write each contact's name, phone and e-mail together)",
                numbers[0][0],
            )
        for contact, (number, value) in zip(names, numbers, strict=False):
            contact.add_detail(kind, value, number)
    pair_emails(names, [(n, v) for n, k, v in rows if k == "email"])
    block.contacts = names
    return block
