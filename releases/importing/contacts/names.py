"""Names, titles, offices and organisations: what a piece of a contact's text is.

'Alain Delrieu', 'Pieter de Vries', 'J. R. Smith', '山田花子' are people; 'Media Relations
Officer' is a title; 'ESA Media Relations Office', 'Pressestelle', '広報部' are offices;
'Deutsches Zentrum für Luft- und Raumfahrt (DLR)' is an organisation, named by its acronym.
"""

import re
from functools import lru_cache

from releases.importing.contacts.lines import normalise
from releases.importing.text import fold

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
ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&.-]{1,11}")
# The word lists folded, as words_of() folds a text's words.
TITLES = frozenset(map(fold, TITLE_WORDS))
OFFICES = frozenset(map(fold, OFFICE_WORDS))
ORGANISATIONS = frozenset(map(fold, ORG_WORDS))
NO_PERSON = TITLES | OFFICES | ORGANISATIONS | frozenset(map(fold, NOT_NAME_WORDS))


@lru_cache(maxsize=4096)
def words_of(text: str) -> frozenset[str]:
    return frozenset(fold(word) for word in re.split(r"[\s,/()–—-]+", text) if word)


def is_title(text: str) -> bool:
    return bool(words_of(text) & TITLES)


def is_office(text: str) -> bool:
    """'ESA Media Relations Office', 'Pressestelle', 'Gabinete de Comunicación', '広報部'; not a
    person's title ('Media Relations Officer', 'Head of Press Office')."""
    if CJK_OFFICE.search(text):
        return True
    return not is_title(text) and bool(words_of(text) & OFFICES)


def is_organisation(text: str) -> bool:
    """'Deutsches Zentrum für Luft- und Raumfahrt (DLR)', 'Ministerio de Ciencia e Innovación',
    'Lichtenau Raumfahrttechnik GmbH'; not 'Johnson Space Center, Houston' (a title: where)."""
    if "," in text or is_title(text) or looks_like_person(text):
        return False
    if acronym_in_brackets(text):
        return True
    return bool(words_of(text) & ORGANISATIONS)


def organisation_label(text: str) -> str:
    """The agency an organisation line names: its acronym in brackets, else the line."""
    return acronym_in_brackets(text) or text.strip()


def acronym_in_brackets(text: str) -> str:
    """'Deutsches Zentrum für Luft- und Raumfahrt (DLR)' -> 'DLR'; '' when no acronym ends the text."""
    if (match := PARENTHESIS.match(text)) and ACRONYM.fullmatch(match["inside"]):
        return match["inside"]
    return ""


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
    if words & NO_PERSON:
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
