"""Contacts headings: the line that opens a press-contacts block, and the lines around it.

A heading in the languages press offices write ("Press contacts", "Contacts presse",
"Pressekontakt", "Contatti stampa", "Contacto de prensa", "Persvoorlichting", "お問い合わせ先"),
and the agency it names ("CNES press contacts" -> "CNES"); never a sentence that mentions press
contacts, nor a contact's title ("Media Relations Officer"). Also the sections that end the
contacts ("About CNES", "Notes to editors") and the end of a release ("-end-", "-30-", "###"),
after which contacts may follow.
"""

import re

from releases.importing.contacts.names import is_title, name_part
from releases.importing.text import fold, plain

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


def is_end_mark(line: str) -> bool:
    """'-end-', '- end -', '-30-', '###': the end of a release; contacts may follow."""
    return bool(END_MARK.match(line))
