"""Press contacts as documents write them: where they are, and who each one is.

Where: under a heading in the languages press offices write ("Press contacts", "Contacts
presse", "Pressekontakt", "Contatti stampa", "Contacto de prensa", "Persvoorlichting",
"お問い合わせ先"); on one line after such a heading ("Contact presse : Name Tél. 01 …"); in
a parenthesis closing the body ("(For more information: Name – Tel.: …; Name – Tel.: …)");
after "-end-"; or before the headline (the NASA layout).

Who: a person (a name, title lines, phones, an e-mail) or an office with no person ("ESA
Media Relations Office", with Tel and Fax lines); written one at a time, several names
sharing a line ("Name/Name" with "202-555-0142/0157"), or as lists (the names, then the
phones, then the e-mails, paired by order). Phones are found with phonenumbers'
PhoneNumberMatcher in the block's region, e-mails with email.utils and a strict pattern.
What cannot be paired is kept, and noted for review with the details it could not place.
"""

import re
from dataclasses import dataclass, field
from email.utils import parseaddr
from functools import lru_cache

import phonenumbers
from django.utils.translation import gettext as _
from phonenumbers import Leniency, PhoneNumberMatcher

from releases.importing.model import ParsedContact, ParsedContactBlock
from releases.importing.structure import link_only, split_paragraphs
from releases.importing.text import LINK, fold, plain

# --- Headings --------------------------------------------------------------------------------

# The words of a contacts heading, in the languages the corpus of press releases uses.
HEADING_WORDS = (
    r"(?:press|media|news)\s+(?:contacts?|relations|office|officers?|enquiries|inquiries|desk|information)"
    r"|contacts?\s+(?:presse|m[ée]dias?|for\s+(?:the\s+)?(?:media|press))"
    r"|relations?\s+(?:presse|m[ée]dias)|service\s+(?:de\s+)?presse"
    r"|presse?kontakte?|medienkontakte?|pressestelle|presseabteilung|ansprechpartner(?:in)?"
    r"|contatt[oi]\s+(?:stampa|per\s+la\s+stampa|media)|ufficio\s+stampa"
    r"|contactos?\s+(?:de\s+prensa|para\s+(?:los\s+)?medios|para\s+a\s+imprensa|de\s+imprensa)"
    r"|gabinete\s+de\s+(?:prensa|comunicaci[óo]n)|assessoria\s+de\s+(?:imprensa|comunica[çc][ãa]o(?:\s+social)?)"
    r"|persvoorlichting|perscontact(?:en)?|persdienst"
)
# Words that are a heading alone, or with the agency after them: "Contact", "Kontakt DLR".
BARE_HEADING_WORDS = (
    r"contacts?|kontakte?|contatti|contatto|contactos?|contacten|informazioni"
    r"|(?:for\s+(?:more|further)\s+information|pour\s+(?:plus|tout\s+compl[ée]ment)\s+d['’]informations?"
    r"|(?:f[üu]r\s+)?(?:weitere\s+informationen|r[üu]ckfragen)|per\s+(?:ulteriori\s+)?informazioni"
    r"|para\s+m[áa]s\s+informaci[óo]n|voor\s+meer\s+informatie|renseignements)"
    r"(?:,?\s*(?:please\s+)?(?:contact(?:\s+us)?|contactez(?:-nous)?|veuillez\s+contacter"
    r"|wenden\s+sie\s+sich\s+an|contattare|contacte\s+con|neem\s+contact\s+op\s+met))?"
    r"|informations?\s+presse|auskunft|informaci[óo]n\s+para\s+medios"
)
CONTACTS_HEADING = re.compile(
    rf"^(?P<before>.*?)\b(?P<words>{HEADING_WORDS})\b(?P<after>.*)$"
    rf"|^(?P<bare>{BARE_HEADING_WORDS})\b(?P<after_bare>.*)$",
    re.I,
)
# Japanese: ＜本件に関するお問い合わせ先＞, 【報道関係者お問い合わせ先】.
JAPANESE_HEADING = re.compile(
    r"^[＜<【\[(（]?[^＞>】\])）]{0,20}(?:問い?合わせ|問合せ)先?[^＞>】\])）]{0,10}[＞>】\])）]?$"
)
# Sections that may follow the contacts, and end them.
SECTION_HEADING = re.compile(
    r"(?i)(?:notes?\s+(?:to|for)\s+editors|about\s+.{1,60}|background|à\s+propos\s+.{1,60}"
    r"|notes?\s+aux\s+r[ée]dactions?|follow\s+us.*|suivez[- ]nous.*|key\s+facts|for\s+editors"
    r"|über\s+.{1,60}|chi\s+siamo|acerca\s+de\s+.{1,60}|sobre\s+.{1,60}|over\s+.{1,60}"
    r"|hinweis\s+für\s+redaktionen|noot\s+voor\s+de\s+redactie.*|nota\s+(?:per\s+le\s+redazioni|para\s+los\s+editores))"
)
# An agency's name as a heading gives it: "CNES", "Centre national d'études spatiales".
AGENCY_LABEL = re.compile(r"[A-ZÀ-Ý0-9][\w&'’.()-]*(?:\s+[\w&'’.()-]+){0,7}")
# Words before "Press Contact" that name no agency: "Company Press Contact:", "Media contact".
GENERIC_LABELS = {"company", "corporate", "general", "international", "local", "regional", "national",
                  "the", "our", "your", "additional", "further", "main", "key", "other", "us", "global",
                  "europe", "european", "media", "press", "news", "information", "infos", "info"}  # fmt: skip
END_MARK = re.compile(r"(?i)^\s*(?:[-–—]\s*end\s*[-–—]|[-–—]\s*(?:30|fin|ende)\s*[-–—]|#{3}|\*{3})\s*$")
# "(For more information: Name – Tel.: +32 …; Name – Tel.: …)" at the end of the body.
PARENTHESIS_WORDS = rf"(?:{BARE_HEADING_WORDS})|(?:press|media)\s+contacts?|contacts?\s+presse"
PARENTHESIS_CONTACTS = re.compile(
    rf"^\(\s*(?:{PARENTHESIS_WORDS})\s*[:：]\s*(?P<rest>.+?)\)\s*$", re.I | re.S
)
PARENTHESIS_OPEN = re.compile(rf"\(\s*(?:{PARENTHESIS_WORDS})\s*[:：]", re.I)


# A word every contacts heading has: lines without one are skipped at once (most of a body).
HEADING_HINTS = ("contac", "contat", "kontakt", "press", "media", "médias", "stampa", "prensa", "imprensa",
                 "pers", "informa", "renseign", "relations", "auskunft", "ckfragen", "ansprech", "comunica",
                 "assessoria", "gabinete", "ufficio", "問い合わせ", "問合せ", "問い合せ")  # fmt: skip


def has_heading_hint(line: str) -> bool:
    start = line[:100].lower()
    return any(hint in start for hint in HEADING_HINTS)


def contacts_heading(line: str) -> str | None:
    """The agency a contacts heading names ('CNES press contacts' -> 'CNES'), '' for none.

    None when the line is not such a heading: a heading is a `#` line, a line in bold, or a
    short line of its own ("Press contacts:"), never a sentence that mentions press contacts.
    """
    stripped = line.strip()
    if not has_heading_hint(stripped) or re.match(r"^(?:[-+*]\s|\d+[.)]\s|>)", stripped):
        return None  # no heading's word; a list item or a quotation: part of the body
    text = plain(stripped).rstrip(":：").strip()
    if not text or len(text) > 80:
        return None
    if JAPANESE_HEADING.match(text):
        return ""
    marked = stripped.startswith("#") or text != stripped.rstrip(":：")  # a heading, or in bold
    if not marked and (
        ("," in text and not stripped.endswith(":")) or text.endswith(".") or len(text.split()) > 6
    ):
        return None  # "Markus Bauer, ESA Media Relations Officer" is a contact, not a heading
    match = CONTACTS_HEADING.match(text)
    if not match or (not marked and is_title(text)):
        return None  # "Media Relations Officer": a contact's title
    before = (match["before"] or "").strip(" :-–—/")
    after = (match["after"] or match["after_bare"] or "").strip(" :-–—/")
    if re.match(r"(?i)(?:in|for|during|about|on|regarding|concernant|pour|zu|per|para|sobre)\b", after):
        after = ""  # "Media contacts in Kourou", "Press contacts for this release"
    after = re.sub(
        r"(?i)^(?:(?:at|of|the|de\s+la|de|du|des|chez|della|del|der|vom|van|het)\s+|d['’]|dell['’]|de\s+l['’])",
        "",
        after,
    ).strip()
    label = before or after
    if before and name_part(before):
        return None  # "Sam Porter - Media Relations": a contact and a title
    if match["bare"] and after and not AGENCY_LABEL.fullmatch(after):
        return None  # "Contact us at the front desk": a sentence, not a heading
    if fold(label) in GENERIC_LABELS:
        return ""
    if not AGENCY_LABEL.fullmatch(label) or re.search(r"(?i)\b(?:and|et|und|e|y|en)\b|[;!?]", label):
        return ""  # the issuing agency's contacts ("Press contacts (CNES and JAXA)")
    if not marked and not stripped.endswith(":") and label and not label.replace("-", "").isupper():
        return None  # "Head of Press Relations": a contact's title, not a heading
    return label


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


def is_end_mark(line: str) -> bool:
    """'-end-', '- end -', '-30-', '###': the end of a release; contacts may follow."""
    return bool(END_MARK.match(line))


BARE_DOMAIN = re.compile(r"(?i)^(?:[a-z0-9-]+\.)+[a-z]{2,24}(?:/[^\s]*)?$")


def press_site_of(paragraph: list[tuple[int, str]]) -> str | None:
    """The press site a paragraph is: a link alone (structure.link_only), or a domain written
    alone ("presse.cnes.fr", "**www.cnes.fr/presse**")."""
    if url := link_only(paragraph):
        return url
    if len(paragraph) == 1 and BARE_DOMAIN.match(text := plain(paragraph[0][1])) and "@" not in text:
        return f"http://{text}"
    return None


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


# --- Lines: numbers, e-mails, labels, text ---------------------------------------------------

NUMBER_KINDS = {
    "fax": "fax", "telefax": "fax", "télécopie": "fax", "telecopie": "fax", "f": "fax",
    "mob": "mobile", "mobile": "mobile", "mobil": "mobile", "handy": "mobile", "cell": "mobile",
    "cellulare": "mobile", "cellular": "mobile", "cellphone": "mobile", "portable": "mobile",
    "port": "mobile", "gsm": "mobile", "móvil": "mobile", "movil": "mobile", "cel": "mobile",
    "telemóvel": "mobile", "telemovel": "mobile", "m": "mobile", "mobiel": "mobile",
}  # fmt: skip
# A label just before a number: "Tel.", "Tél. :", "Telefon:", "TEL：", "Mobil", "Handy", "T", "M.".
NUMBER_LABEL = re.compile(
    r"(?:^|(?<=[\s,;|(–—-]))(?P<label>"
    r"t[ée]l[ée]?(?:phone|fono|efon|efoon|ephone)?|tel[ée]fono|tfno|telf|phone|ph|fon|direct|office"
    r"|mob(?:ile|il|iel)?|handy|cell(?:ulare|ular|phone)?|portable|port|gsm|m[óo]vil|cel|telem[óo]vel"
    r"|fax|telefax|t[ée]l[ée]copie|[tpmfo]"
    r")\.?\s*(?:\((?:office|work|direct|bureau|mobile|cell|ufficio|büro)\))?\s*[:：.]?\s*$",
    re.I,
)
EMAIL_LABEL = re.compile(
    r"(?:^|(?<=[\s,;|(–—-]))(?:e-?mail|courriel|mail|m[ée]l|e|correo(?:\s+electr[óo]nico)?"
    r"|posta\s+elettronica|email\s+address)\s*[:：.]?\s*$",
    re.I,
)
# A strict address, for addresses written bare in running text.
EMAIL = re.compile(
    r"(?<![\w.+'%-])(?P<email>[A-Za-z0-9](?:[A-Za-z0-9._%+'-]*[A-Za-z0-9_%+-])?"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24})"
    r"(?![\w-])"
)
NAMED_ADDRESS = re.compile(r"[^<>,;|]*<\s*[^<>\s]+@[^<>\s]+\s*>")  # "Alain Delrieu <a.delrieu@cnes.fr>"
URL = re.compile(r"(?i)(?:https?://|www\.)[^\s<>()]+")
# A number as written, whatever the region: "+33 (0)1 44 76 74 04", "202-555-0142", "(202) 358-1726".
NUMBER = re.compile(
    r"(?<![\w+@.])(?:\+|00)?\s?\(?\d[\d \u00a0().-]{4,}\d(?:\s*(?:ext\.?|x|poste|int\.)\s*\d{1,5})?"
)
SHORTHAND = re.compile(r"^\s?/\s?(?P<tail>\d{2,5})(?![\d\s]*\d{2})")  # "202-555-0142/0157"
RANGE = re.compile(r"(?i)^\s+(?:to|bis|à|a|al|tot|–|—)\s+(?P<tail>\d{2,5})\b")  # "601-4410 to 4415"
NOT_A_NUMBER = re.compile(
    r"^\(?(?:(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})\)?$"
)
SEPARATORS = " \t,;:：|–—-/.·•*_"
DETAIL_KINDS = ("phone", "mobile", "fax", "email")
TABLE_HEADER_WORDS = {fold(word) for word in (
    "name", "nom", "name", "nome", "nombre", "naam", "phone", "telephone", "téléphone", "telefon", "telefono",
    "teléfono", "tel", "tél", "e-mail", "email", "courriel", "mobile", "mobil", "role", "title", "fonction",
    "funktion", "contact", "kontakt", "contatto", "contacto", "fax",
)}  # fmt: skip


@dataclass
class Item:
    kind: str  # "text", "phone", "mobile", "fax", "email", "link"
    value: str
    labelled: bool = True


@dataclass
class Line:
    """One line of a contacts block, read: its text parts and its details in order, or what the
    whole line is when it is no contact ("rule", "note", "link", "prose")."""

    number: int
    written: str
    items: list[Item] = field(default_factory=list)
    whole: str = ""

    def details(self) -> list[Item]:
        return [item for item in self.items if item.kind in DETAIL_KINDS]

    def texts(self) -> list[str]:
        return [item.value for item in self.items if item.kind == "text"]


def normalise(text: str) -> str:
    """List markers, table pipes, Markdown links and obfuscated addresses out of the way."""
    text = plain(text).strip()
    text = re.sub(r"^(?:[-*+•]\s+|\d+[.)]\s+)", "", text)  # "- Name", "* Name", "1. Name"
    if text.startswith("|"):  # a Markdown table row; its header row ("| Name | Phone |") is none
        cells = [cell.strip() for cell in text.strip("|").split("|")]
        if all(fold(cell) in TABLE_HEADER_WORDS for cell in cells if cell):
            return "---"
        text = " | ".join(cells)
    text = re.sub(r"\s*[\[(]\s*(?:at|arobase)\s*[\])]\s*", "@", text)  # "name [at] agency.org"
    text = re.sub(r"\s*[\[(]\s*(?:dot|point)\s*[\])]\s*", ".", text)
    text = text.replace("\u3000", " ").replace("\u00a0", " ")

    def link(match):  # "[Alain Delrieu](mailto:…)": the name, then the address
        label, url = match["text"].strip(), match["url"]
        if url.lower().startswith("mailto:"):
            address = url[7:].split("?")[0]
            return address if "@" in label or not label else f"{label} | {address}"
        return label if label and not URL.fullmatch(label) else url

    return LINK.sub(link, text).replace("**", "").strip()


def region_of_number(written: str) -> str:
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(written, None)) or ""
    except phonenumbers.NumberParseException:
        return ""


def numbers_in(text: str, region: str) -> list[tuple[int, int, str]]:
    """(start, end, written) of each number in a line: PhoneNumberMatcher's, in `region`,
    then what is shaped like a number the matcher could not place (a national number of a
    region not known yet: the agency's country reads it when the release is saved)."""
    found = []
    if sum(char.isdigit() for char in text) < 6:
        return found
    if "+" in text or region:
        for match in PhoneNumberMatcher(text, region or "ZZ", leniency=Leniency.POSSIBLE):
            start, written = match.start, match.raw_string
            if written.startswith("(") and written.count("(") > written.count(")"):
                start, written = start + 1, written[1:]  # "(+32 2 295 17 52)": the bracket is the text's
            if sum(char.isdigit() for char in written) >= 6:
                found.append((start, start + len(written), written))
    for match in NUMBER.finditer(text):
        start, end = match.span()
        written = match.group().strip()
        start += len(match.group()) - len(match.group().lstrip())
        if any(s < end and start < e for s, e, _ in found):
            continue
        digits = re.sub(r"\D", "", written.split("ext")[0].split("x")[0])
        if 6 <= len(digits) <= 17 and not NOT_A_NUMBER.match(written):
            found.append((start, start + len(written), written))
    return sorted(found)


def read_line(text: str, number: int = 0, region: str = "") -> Line:
    """A line of a contacts block as its parts: text, then numbers and e-mails with their labels."""
    line = Line(number=number, written=text)
    text = normalise(text)
    if not any(c.isalnum() for c in text):
        line.whole = "rule"  # "---", "|---|---|": a separator, not a contact
        return line
    spans = []  # (start, end, Item)
    for match in NAMED_ADDRESS.finditer(text):
        name, address = parseaddr(match.group())
        if EMAIL.fullmatch(address):
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            if name.strip():
                spans.append(
                    (start, start + len(match.group().strip().split("<")[0]), Item("text", name.strip()))
                )
            spans.append((match.start() + match.group().index("<"), match.end(), Item("email", address)))
    for match in EMAIL.finditer(text):
        if not any(s <= match.start() < e for s, e, _ in spans):
            spans.append((match.start(), match.end(), Item("email", match["email"])))
    for match in URL.finditer(text):
        if not any(s < match.end() and match.start() < e for s, e, _ in spans):
            spans.append((match.start(), match.end(), Item("link", match.group().rstrip(".,;"))))
    masked = text
    for start, end, _item in spans:
        masked = masked[:start] + " " * (end - start) + masked[end:]
    taken = 0  # where the last number (with its range) ended
    for start, end, written in numbers_in(masked, region):
        if start < taken:
            continue  # "4415" of "… 4410 to 4415": part of the range
        after = masked[end:]
        if range_match := RANGE.match(after):  # "+49 2203 601-4410 to 4415": kept as written
            written, end = written + range_match.group(), end + range_match.end()
            spans.append((start, end, Item("phone", written)))
        elif shorthand := SHORTHAND.match(after):  # "202-555-0142/0157": two numbers
            tail = shorthand["tail"]
            spans.append((start, end, Item("phone", written)))
            end += shorthand.end()
            spans.append((end - shorthand.end(), end, Item("phone", shorten(written, tail), False)))
        else:
            spans.append((start, end, Item("phone", written)))
        taken = end
    spans.sort(key=lambda span: span[0])

    position, kind_before = 0, None
    for start, end, item in spans:
        before = text[position:start]
        if item.kind == "phone" and before.strip(SEPARATORS) and item.labelled:
            if label := NUMBER_LABEL.search(before):
                item.kind, kind_before = NUMBER_KINDS.get(fold(label["label"]), "phone"), None
                before = before[: label.start()]
                kind_before = item.kind
            else:
                item.labelled, kind_before = False, None
        elif item.kind == "phone" and item.labelled:
            # "Tel. 01 … / 06 …": a number after a labelled one, with no label of its own
            if kind_before and kind_before != "phone":
                item.kind = kind_before
            item.labelled = bool(kind_before) and kind_before != "phone"
            if not kind_before:
                item.labelled = False
        elif item.kind == "phone":
            item.kind = kind_before or "phone"
        elif item.kind == "email" and (label := EMAIL_LABEL.search(before)):
            before = before[: label.start()]
        add_text(line, before)
        line.items.append(item)
        position = end
    add_text(line, text[position:], last=True)

    if not line.details():
        links = [item for item in line.items if item.kind == "link"]
        rest = " ".join(line.texts())
        if links and not rest:
            line.whole = "link"
        elif len(text) > 80:
            line.whole = "prose"
        elif links or re.search(r"(?:^|\s)@\w", text) or (":" in text and not re.search(r"[:：]\s*$", text)):
            line.whole = "note"  # "Follow CNES on X: @CNES", "Press room: www.cnes.fr"
    return line


def shorten(written: str, tail: str) -> str:
    """'202-555-0142' with tail '0157' -> '202-555-0157'."""
    digits = [index for index, char in enumerate(written) if char.isdigit()]
    if len(tail) >= len(digits):
        return tail
    result = list(written)
    for index, digit in zip(digits[-len(tail) :], tail, strict=True):
        result[index] = digit
    return "".join(result)


def add_text(line: Line, text: str, last: bool = False) -> None:
    """A text part of a line; a final "." stays after an abbreviation ("Pasadena, Calif.")."""
    abbreviation = last and re.search(r"(?:^|[\s,])[A-Z][a-z]{0,4}\.$", text.rstrip())
    text = text.strip(SEPARATORS)
    if text.count("(") != text.count(")"):
        text = text.strip("()")
    if abbreviation:
        text += "."
    text = re.sub(
        r"(?i)^(?:t[ée]l[ée]?(?:phone|fon|efono)?|phone|e-?mail|courriel|fax)\s*[:：.]?\s*$", "", text
    )
    if text and any(c.isalnum() for c in text):
        line.items.append(Item("text", text.strip()))


# --- Names, titles, offices, organisations ---------------------------------------------------

TITLE_WORDS = {
    # English
    "officer", "manager", "head", "director", "spokesperson", "spokesman", "spokeswoman", "coordinator",
    "specialist", "advisor", "adviser", "editor", "chief", "president", "vice", "secretary", "assistant",
    "executive", "lead", "senior", "deputy", "associate", "consultant", "representative", "liaison",
    "writer", "strategist", "correspondent", "ceo", "cfo", "vp", "svp", "evp", "chair", "chairman",
    # French
    "chargé", "chargée", "charge", "chargee", "responsable", "attaché", "attachée", "attache", "attachee",
    "directeur", "directrice", "chef", "porteparole", "conseiller", "conseillère", "délégué",
    "déléguée", "adjoint", "adjointe", "présidente", "président",
    # German
    "sprecher", "sprecherin", "pressesprecher", "pressesprecherin", "leiter", "leiterin", "referent",
    "referentin", "redakteur", "redakteurin", "leitung", "pressereferent", "pressereferentin",
    # Italian, Spanish, Portuguese, Dutch
    "addetto", "addetta", "responsabile", "capo", "portavoce", "direttore", "direttrice", "jefe", "jefa",
    "portavoz", "directora", "coordinador", "coordinadora", "técnico", "técnica", "assessor", "assessora",
    "woordvoerder", "persvoorlichter", "hoofd", "medewerker",
}  # fmt: skip
OFFICE_WORDS = {
    "office", "desk", "bureau", "service", "department", "newsroom", "team", "unit", "division",
    "relations", "communication", "communications", "affairs", "cabinet", "press", "media",
    "pressestelle", "pressebüro", "presseabteilung", "kommunikation", "unternehmenskommunikation",
    "abteilung", "presse", "ufficio", "stampa", "comunicazione", "gabinete", "oficina", "departamento",
    "comunicación", "prensa", "imprensa", "comunicação", "assessoria", "afdeling", "persvoorlichting",
    "persdienst", "pers", "direction", "directorate", "secretariat", "sekretariat", "segreteria",
}  # fmt: skip
ORG_WORDS = {
    "agency", "agence", "agencia", "agenzia", "agentur", "zentrum", "centre", "center", "centro",
    "institute", "institut", "instituto", "istituto", "university", "universität", "université",
    "università", "universidad", "ministry", "ministerio", "ministère", "ministero", "ministerie",
    "bundesministerium", "commission", "administration", "organisation", "organization", "laboratory",
    "laboratoire", "laboratorio", "société", "company", "corporation", "gmbh", "inc", "ltd", "llc",
    "sas", "sa", "spa", "ag", "bv", "nv", "plc", "headquarters", "observatory", "foundation",
}  # fmt: skip
# Words no person's name has: "Contact Helix Launch", "Source Orbitalis".
NOT_NAME_WORDS = {"contact", "contacts", "kontakt", "contatti", "contatto", "contacto", "contactos",
                  "information", "informations", "informazioni", "source", "about", "über", "release",
                  "news", "tel", "phone", "fax", "email", "mail", "follow", "visit"}  # fmt: skip
PARTICLES = {"de", "van", "von", "der", "den", "du", "la", "le", "di", "da", "del", "della", "dos", "das",
             "do", "ten", "ter", "zu", "af", "al", "bin", "ben", "st", "y", "d'", "l'", "mc"}  # fmt: skip
HONORIFICS = re.compile(
    r"^(?:(?:dr|prof|mr|mrs|ms|mme|mlle|m|herr|frau|dott|dott\.ssa|ing|sr|sra|dhr|mevr|ir)\.?\s+)+", re.I
)
CJK_OFFICE = re.compile(r"広報|報道|部|室|課|局|機構|法人|センター|本部|办公室|新闻|中心|홍보|팀")
CJK_NAME = re.compile(
    r"^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,6}(?: [\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{1,5})?$"
)
NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*|[A-Z]\.|[A-ZÀ-Þ]{2,}[\w'’-]*)$")
PARENTHESIS = re.compile(r"^(?P<text>.+?)\s*\((?P<inside>[^()]{1,80})\)$")
CONTACT_WORDS = re.compile(r"(?i)contact|kontakt|contatt|information|informazion|renseignement|問い?合わせ")
NAMES_SEPARATOR = re.compile(r"\s*/\s*|\s+(?:and|et|und|e|y|en|&)\s+")


@lru_cache(maxsize=4096)
def words_of(text: str) -> frozenset[str]:
    return frozenset(fold(word) for word in re.split(r"[\s,/()–—-]+", text) if word)


@lru_cache(maxsize=16)
def folded_words(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(word) for word in words)


def is_title(text: str) -> bool:
    return bool(words_of(text) & folded_words(tuple(sorted(TITLE_WORDS))))


def is_office(text: str) -> bool:
    """'ESA Media Relations Office', 'Pressestelle', 'Gabinete de Comunicación', '広報部'; not a
    person's title ('Media Relations Officer', 'Head of Press Office')."""
    if CJK_OFFICE.search(text):
        return True
    return not is_title(text) and bool(words_of(text) & folded_words(tuple(sorted(OFFICE_WORDS))))


def is_organisation(text: str) -> bool:
    """'Deutsches Zentrum für Luft- und Raumfahrt (DLR)', 'Ministerio de Ciencia e Innovación',
    'Lichtenau Raumfahrttechnik GmbH'; not 'Johnson Space Center, Houston' (a title: where)."""
    if "," in text or is_title(text) or looks_like_person(text):
        return False
    if (match := PARENTHESIS.match(text)) and re.fullmatch(r"[A-Z][A-Za-z0-9&.-]{1,11}", match["inside"]):
        return True
    return bool(words_of(text) & folded_words(tuple(sorted(ORG_WORDS))))


def organisation_label(text: str) -> str:
    """The agency an organisation line names: its acronym in brackets, else the line."""
    if (match := PARENTHESIS.match(text)) and re.fullmatch(r"[A-Z][A-Za-z0-9&.-]{1,11}", match["inside"]):
        return match["inside"]
    return text.strip()


def looks_like_person(text: str) -> bool:
    """'Alain Delrieu', 'Pieter de Vries', 'J. R. Smith', '山田花子'; not 'Headquarters',
    'Ufficio Stampa ASI', 'Jet Propulsion Laboratory', 'Media Relations Officer'."""
    text = HONORIFICS.sub("", text.strip()).strip()
    if not text or len(text) > 60 or any(c.isdigit() for c in text) or "@" in text:
        return False
    if CJK_NAME.match(text):
        return not CJK_OFFICE.search(text)
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    words = words_of(text)
    if words & (
        folded_words(tuple(sorted(TITLE_WORDS)))
        | folded_words(tuple(sorted(OFFICE_WORDS)))
        | folded_words(tuple(sorted(ORG_WORDS)))
        | folded_words(tuple(sorted(NOT_NAME_WORDS)))
    ):
        return False
    capitalised = 0
    for token in tokens:
        if token in PARTICLES or token.islower() and fold(token) in PARTICLES:
            continue
        if not NAME_TOKEN.match(token):
            return False
        capitalised += 1
    if text.isupper() and len(tokens) > 3:
        return False  # a headline in capitals
    return capitalised >= 2 and NAME_TOKEN.match(tokens[-1]) is not None


def name_part(text: str) -> str:
    """The leading person's name of a text, if any ('Rachel Nguyen Director of …' -> 'Rachel Nguyen')."""
    text = normalise(text)
    first = re.split(r"\s+[–—-]{1,2}\s+|,\s*|\s*\|\s*|\s*;\s*|\.\s+", text)[0]
    for item in (first, " ".join(first.split()[:3]), " ".join(first.split()[:2])):
        if looks_like_person(item):
            return item
    return ""


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


# --- Blocks ----------------------------------------------------------------------------------


def region_hint(texts: list[str]) -> str:
    """The region a block's national numbers are likely written in: its first international
    number's, else its e-mail addresses' country domain (.fr, .gov.uk, .gob.es), else ''."""
    joined = "\n".join(texts)
    for match in re.finditer(r"\+\s?\d[\d\s().-]{6,}\d", joined):
        if region := region_of_number(match.group()):
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


@dataclass
class Group:
    """Contacts opened together (one person, "Name / Name", or an office), and the details
    written for them, shared out when the group closes."""

    contacts: list[ParsedContact]
    shared: bool = False
    details: list[tuple[int, Item]] = field(default_factory=list)

    @property
    def has_details(self) -> bool:
        return bool(self.details)


class BlockReader:
    """Reads a block's lines in order: a name opens a contact (several, for "Name/Name" or names
    one under the other), the text lines under it are its title or organisation, the details
    after it are its own; an office line opens an office, or introduces the people under it."""

    def __init__(self, block: ParsedContactBlock, heading: str = ""):
        self.block = block
        # "Pressestelle", "Assessoria de Comunicação Social" over its numbers; not "Press contacts"
        self.heading_office = heading if is_office(heading) and not CONTACT_WORDS.search(heading) else ""
        self.group: Group | None = None
        self.header_office = ""  # "Ufficio Stampa ASI" above the people it introduces
        self.pending_agency = ""  # an organisation line above the people it introduces
        self.last_was_name = False
        self.orphans: list[tuple[int, Item]] = []  # details no name came before

    def open(self, names: list[str], number: int, written: Written):
        self.close()
        contacts = [
            ParsedContact(
                name=name,
                line=number,
                title=written.title or self.header_office,
                agency_label=written.agency or self.pending_agency,
            )
            for name in names
        ]
        self.pending_agency = ""
        self.block.contacts += contacts
        self.group = Group(contacts, shared=written.shared)

    def open_office(self, office: str, number: int):
        self.close()
        contact = ParsedContact(name="", office=office, line=number, agency_label=self.pending_agency)
        self.pending_agency = ""
        self.block.contacts.append(contact)
        self.group = Group([contact])

    def text(self, number: int, text: str):
        written = read_text(text)
        group = self.group
        if not written.names:
            self.last_was_name = False
        if written.names:
            if group is not None and not group.has_details and all(c.office for c in group.contacts):
                # "Ufficio Stampa ASI" / "Giulia Moretti": the office introduces the people.
                self.header_office = group.contacts[0].office
                self.pending_agency = self.pending_agency or group.contacts[0].agency_label
                self.block.contacts = [c for c in self.block.contacts if c not in group.contacts]
                self.group = None
                self.open(written.names, number, written)
            elif group is not None and not group.has_details and not group.shared and self.last_was_name:
                # Names one under the other, their details after them (lists).
                for name in written.names:
                    contact = ParsedContact(
                        name=name,
                        line=number,
                        title=written.title or self.header_office,
                        agency_label=written.agency,
                    )
                    group.contacts.append(contact)
                    self.block.contacts.append(contact)
            else:
                self.open(written.names, number, written)
            self.last_was_name = not written.title
        elif written.agency:
            if group is not None and not group.has_details:
                for contact in group.contacts:
                    contact.agency_label = contact.agency_label or written.agency
            else:
                self.pending_agency = written.agency
        elif written.office and (group is None or group.has_details):
            self.open_office(written.office, number)
        elif group is not None:
            # A title under the name(s): "Headquarters, Washington", "Pressesprecherin".
            targets = group.contacts if group.shared or len(group.contacts) == 1 else group.contacts[-1:]
            for contact in targets:
                if contact.office:
                    continue
                if contact.title == self.header_office and self.header_office:
                    contact.title = ""  # its own title replaces the office above it
                contact.title = ", ".join(filter(None, [contact.title, written.title or written.office]))
        else:
            self.header_office = written.title or written.office

    def detail(self, number: int, item: Item):
        self.last_was_name = False
        if self.group is None and (office := self.header_office or self.heading_office):
            self.open_office(office, number)  # "Pressestelle" / "Tel.: …": the office is the contact
            self.header_office = ""
        if self.group is None:
            self.orphans.append((number, item))
        else:
            self.group.details.append((number, item))

    def close(self):
        group, self.group = self.group, None
        if group is None or not group.details:
            return
        contacts = group.contacts
        if len(contacts) == 1:
            for number, item in group.details:
                contacts[0].add_detail(item.kind, item.value, number, item.labelled)
            return
        for kind in DETAIL_KINDS:
            values = [(number, item) for number, item in group.details if item.kind == kind]
            if not values:
                continue
            if len(values) == len(contacts):
                for contact, (number, item) in zip(contacts, values, strict=True):
                    contact.add_detail(kind, item.value, number, item.labelled)
            elif kind == "email":
                self.pair_emails(contacts, values)
            elif len(values) == 1 and group.shared:
                for contact in contacts:  # "Name / Name" sharing one phone
                    contact.add_detail(kind, values[0][1].value, values[0][0], values[0][1].labelled)
            else:
                self.unpaired(contacts, kind, values)

    def pair_emails(self, contacts: list[ParsedContact], values: list[tuple[int, Item]]):
        """Fewer or more e-mails than names: each to the contact whose name it spells."""
        left = []
        for number, item in values:
            local = fold(item.value.split("@")[0])
            owners = [c for c in contacts if c.name and fold(c.name.split()[-1]) in local]
            if len(owners) == 1 and not owners[0].email:
                owners[0].add_detail("email", item.value, number)
            else:
                left.append((number, item))
        if left:
            self.unpaired(contacts, "email", left)

    def unpaired(self, contacts: list[ParsedContact], kind: str, values: list[tuple[int, Item]]):
        what = {
            "phone": _("phone numbers"),
            "mobile": _("mobile numbers"),
            "fax": _("fax numbers"),
            "email": _("e-mail addresses"),
        }
        message = _(
            "Cannot tell whose these %(what)s are: %(details)s (contacts: %(names)s). "
            "Add each to the right contact."
        ) % {
            "what": what[kind],
            "details": ", ".join(item.value for _number, item in values),
            "names": ", ".join(contact.shown_name for contact in contacts),
        }
        self.block.problems.append(("contacts_unpaired", message, values[0][0]))


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
            values = [(n, item) for n, item in orphans if item.kind == kind]
            for contact, (number, item) in zip(named, values, strict=True):
                contact.add_detail(kind, item.value, number, item.labelled)
        return
    details = ", ".join(item.value for _number, item in orphans)
    if not block.contacts:
        message = _("Press-contact details with no name before them: %(details)s. Add the contact's name.")
    else:
        message = _("Cannot tell whose these details are: %(details)s. Add them to the right contact.")
    block.problems.append(("contacts_unpaired", message % {"details": details}, orphans[0][0]))


def inline_rest(text: str) -> str:
    """A line of a block that repeats a one-line heading ("Contact Helix Launch: Sam Porter …"):
    what follows the heading."""
    if (":" in text or "：" in text) and not name_part(re.split(r"[:：]", text)[0]):
        label, inline = inline_contacts_heading(text)
        if label is not None and inline:
            return inline
    return text


def check_no_duplicates(block: ParsedContactBlock):
    from releases.importing.errors import DocumentError

    seen = set()
    for contact in block.contacts:
        key = fold(contact.shown_name)
        if key in seen:
            raise DocumentError(
                f"“{contact.shown_name}” is listed twice in the same press-contacts block", contact.line
            )
        seen.add(key)


def looks_like_contacts(paragraph: list[tuple[int, str]]) -> bool:
    """A paragraph that is a contact with no heading (before the headline, after "-end-"):
    a person's or office's name first, and a phone or an e-mail."""
    rows = [read_line(text, number) for number, text in paragraph]
    if any(row.whole in {"prose"} for row in rows) or not any(row.details() for row in rows):
        return False
    texts = [text for row in rows for text in row.texts()]
    if not texts:
        return False
    first = read_text(texts[0])
    return bool(first.names or first.office) and all(len(text) <= 80 for text in texts)
