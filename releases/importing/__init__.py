"""Reading press releases written as text (Markdown-flavoured), and saving them.

A document looks like the CNES seed (tests/fixtures/cnes-pr083-2013.txt): a header of
short lines (embargo, dateline, reference, type), a `#`/`##` title, a bold lead, the body,
one or more "press contacts" blocks (names, then phones, then e-mails, paired by order,
or one contact's lines grouped together) and the press site's link.

`parse_release()` only reads text; `release_import()` saves one document in one
transaction, so a document that fails writes nothing.
"""

import hashlib
import os
import random
import re
import stat
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from datetime import timezone as dt_timezone
from pathlib import Path
from time import sleep
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, OperationalError, connections, router, transaction
from django.utils.translation import gettext as _

from contacts.countries import country_choices
from contacts.models import Agency, Person, PressContact
from contacts.names import name_language
from contacts.phones import PHONE_LABEL, phone_to_e164, region_of
from releases import search
from releases.models import Quote, Release, ReleaseContact
from releases.services import release_link_versions_by_reference, release_record_content

ENGLISH_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
FRENCH_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
MONTHS = {**ENGLISH_MONTHS, **FRENCH_MONTHS}
WEEKDAYS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
)
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

DAY_MONTH_YEAR = re.compile(
    rf"^(?:(?:{WEEKDAYS}),?\s+)?(?P<day>\d{{1,2}})(?:er|st|nd|rd|th)?\.?\s+(?P<month>{MONTH_NAMES})\.?\s+(?P<year>\d{{4}})$",
    re.I,
)
MONTH_DAY_YEAR = re.compile(
    rf"^(?:(?:{WEEKDAYS}),?\s+)?(?P<month>{MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$",
    re.I,
)
ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
# "28 Brumaire 2013": shaped like a date, with a month we don't know.
DATE_SHAPED = re.compile(r"^\d{1,2}(?:er|st|nd|rd|th)?\.?\s+(?P<month>[^\W\d_]+)\.?\s+\d{4}$")

# "PR083 - 2013", "ESA PR 12-2014", "CP n°045 - 2014", "N° 045-2014", "Ref.: CP-045-2014", "No. 12/2014":
# the prefix is kept as written, up to the number.
REFERENCE = re.compile(
    r"^(?:r[ée]f(?:[ée]rence)?s?\.?\s*:\s*|r[ée]f\.\s*)?"
    r"(?P<prefix>[^\W\d_][\w°º.\s/-]{0,18}?)?(?P<number>\d{1,6})\s*[-–—/_]\s*(?P<year>(?:19|20)\d{2})$",
    re.I,
)
EMBARGO = re.compile(
    r"^(?:strictly\s+)?(?:embargo(?:ed)?|under\s+embargo|sous\s+embargo|hold\s+for\s+release"
    r"|not\s+for\s+(?:publication|release|distribution|broadcast)|ne\s+pas\s+(?:publier|diffuser))\b\s*"
    r"(?:until|till|before|prior\s+to|jusqu'(?:au|à)|jusqu’(?:au|à)|avant(?:\s+le)?|:)?\s*:?\s*(?P<when>.+)$",
    re.I,
)
# "10:00", "10.00", "10h", "10h00", "10 heures", "3 PM", "3:00 p.m."
EMBARGO_TIME = re.compile(
    r"(?<![\d:.])(?P<hour>\d{1,2})\s*(?:(?:[:.]|h)\s*(?P<minute>\d{2})|(?P<h>h(?:eures?)?\b))?"
    r"\s*(?:(?P<ampm>[ap])\.?\s?m\b\.?)?",
    re.I,
)
# "CET", "UTC+1", "GMT-05:00", "Europe/Paris"
EMBARGO_ZONE = re.compile(
    r"\b(?P<zone>CEST|CET|UTC|GMT|BST|WET|WEST|EST|EDT|CST|CDT|PST|PDT|JST)\b"
    r"(?:\s*(?P<sign>[+-])\s*(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)?"
    r"|\b(?P<iana>[A-Z][a-z]+/[A-Za-z_]+)\b",
    re.I,
)
ZONE_OFFSETS = {
    "UTC": 0,
    "GMT": 0,
    "WET": 0,
    "WEST": 1,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "PST": -8,
    "PDT": -7,
    "JST": 9,
}

KINDS = [
    # Longest labels first: "joint press release" before "press release".
    (
        r"joint press release|communiqu[ée] de presse conjoint|communiqu[ée] conjoint",
        Release.Kind.JOINT_PRESS_RELEASE,
    ),
    (
        r"press release|news release|communiqu[ée] de presse|communiqu[ée]",
        Release.Kind.PRESS_RELEASE,
    ),
    (
        r"media advisory|note to editors|avis aux m[ée]dias|invitation presse",
        Release.Kind.MEDIA_ADVISORY,
    ),
    (r"statement|d[ée]claration", Release.Kind.STATEMENT),
    (r"press kit|media kit|dossier de presse", Release.Kind.PRESS_KIT),
]
FRENCH_LABEL = re.compile(
    r"communiqu|avis aux|d[ée]claration|dossier de presse|contacts? presse|t[ée]l\.", re.I
)

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
IMAGE = re.compile(r"!\[[^\]]*\]\([^)\s]+(?:\s+\"[^\"]*\")?\)")
LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]+)\)")
EMAIL = re.compile(r"(?:mailto:)?(?P<email>[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)", re.I)
BARE_URL = re.compile(r"^(?P<url>(?:https?://|www\.)\S+)$", re.I)
PHONE_LIKE = re.compile(r"^\+?[\d\s().\-/]{6,}$")

SPEECH_VERBS = (
    r"said|says|stated|states|added|adds|declared|commented|explained|noted|emphasi[sz]ed|"
    r"underlined|concluded|remarked|a d[ée]clar[ée]|a indiqu[ée]|a soulign[ée]|a ajout[ée]|"
    r"a expliqu[ée]|a affirm[ée]|d[ée]clare|indique|souligne|ajoute|explique"
)
# Bounded, with no nested repetition: a paragraph of any size is read in linear time.
QUOTE_AFTER_SPEAKER = re.compile(rf"\b(?:{SPEECH_VERBS})\b\s*:?\s*[\"“«](?P<text>[^\"“”«»]{{1,3000}})[\"”»]")
QUOTE_BEFORE_SPEAKER = re.compile(
    rf"[\"“«](?P<text>[^\"“”«»]{{1,3000}})[\"”»],?\s*(?:{SPEECH_VERBS})\s+(?P<after>[^.;\"“”«»]{{1,120}})"
)
ABBREVIATED_TITLES = re.compile(r"\b(Dr|Mr|Mrs|Ms|Prof|St|M|Mme)\.\s")
NAME_PARTICLES = r"(?:de|von|van|der|den|du|di|da|dos|del|la|le|ten|ter)"
CAPITALISED_NAME = re.compile(
    rf"((?:[A-ZÀ-Ý][\w'’-]*\s+(?:{NAME_PARTICLES}\s+)?){{0,4}}[A-ZÀ-Ý][\w'’-]*)\s*,?\s*(?:then\s+|also\s+)?$"
)
SENTENCE_END = re.compile(r"[.!?…]\s+(?=[\"“«A-ZÀ-Ý])")
# Words before a name that are no part of it: "CNES President Jean-Yves Le Gall".
TITLE_WORDS = {
    "president", "director", "minister", "chairman", "chair", "ceo", "head", "chief", "secretary",
    "general", "président", "présidente", "directeur", "directrice", "ministre",
    "the", "mr", "mrs", "ms", "dr", "m.", "mme", "federal", "prime", "deputy", "vice",
    "foreign", "state", "mayor", "professor", "prof", "astronaut", "senator", "commissioner",
    "on", "in", "at", "after", "before", "today", "yesterday", "meanwhile", "then", "also",
    "administrator", "chairwoman", "spokesperson", "spokesman", "spokeswoman", "officer",
    "manager", "governor", "ambassador", "dean", "councillor", "executive", "board",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip


class DocumentError(Exception):
    """A document that can't be imported; says why and, where it can, on which line."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self):
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass
class ParsedContact:
    name: str
    line: int
    title: str = ""
    phone: str = ""
    phone_line: int = 0
    mobile: str = ""
    mobile_line: int = 0
    email: str = ""
    agency_label: str = ""  # "Marco Trovatello (ESA)" under a block for several agencies

    def has_details(self) -> bool:
        return bool(self.phone or self.mobile or self.email)

    def add_detail(self, kind: str, value: str, line: int):
        """The first phone, mobile and e-mail; a second phone is the mobile if there is none."""
        if kind == "phone" and self.phone and not self.mobile:
            kind = "mobile"
        if kind == "email":
            self.email = self.email or value
        elif not getattr(self, kind):
            setattr(self, kind, value)
            setattr(self, f"{kind}_line", line)


@dataclass
class ParsedContactBlock:
    agency_label: str
    line: int
    contacts: list[ParsedContact] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # lines that are no contact


@dataclass
class ParsedQuote:
    speaker: str
    text: str


@dataclass
class ParsedRelease:
    title: str
    dateline_date: date
    dateline_place: str = ""
    language: str = "en"
    kind: str = Release.Kind.PRESS_RELEASE
    reference_prefix: str = ""
    reference_number: str = ""
    reference_year: int | None = None
    embargo_until: datetime | None = None
    lead: str = ""
    body: str = ""
    press_site_url: str = ""
    contact_blocks: list[ParsedContactBlock] = field(default_factory=list)
    quotes: list[ParsedQuote] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # field name -> line in the document


def plain(line: str) -> str:
    """A line without Markdown heading marks, emphasis around it, or trailing breaks."""
    text = line.strip()
    text = re.sub(r"^#{1,6}\s*", "", text)
    while len(text) >= 2 and text[0] in "*_" and text[-1] == text[0]:
        text = text[1:-1].strip()
    return text.strip()


def parse_date(text: str, line: int) -> tuple[date, bool] | None:
    """A written date -> (date, written in French?); None if `text` is not a date at all."""
    text = text.strip().rstrip(".")
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, ISO_DATE):
        match = pattern.match(text)
        if not match:
            continue
        month = match["month"]
        french = month.lower() in FRENCH_MONTHS
        month_number = int(month) if month.isdigit() else MONTHS[month.lower()]
        if not 1900 <= int(match["year"]) <= 2200:
            raise DocumentError(f"impossible year in “{text}”", line)
        try:
            return date(int(match["year"]), month_number, int(match["day"])), french
        except ValueError as error:
            raise DocumentError(f"impossible date “{text}” ({error})", line) from error
    if match := DATE_SHAPED.match(text):
        raise DocumentError(f"unknown month “{match['month']}” in “{text}”", line)
    return None


def parse_dateline(text: str, line: int) -> tuple[str, date, bool, str] | None:
    """'Paris, le 5 mars 2014' -> (place, date, French?, what follows a dash); None if no dateline.

    The place may itself hold commas ("Washington, D.C., October 28, 2013"), and the dateline
    may open the lead: "Paris, le 5 mars 2014 – Le CNES annonce…".
    """
    dash = re.search(r"\s[–—-]\s", text)
    head, rest = (text[: dash.start()], text[dash.end() :]) if dash else (text, "")
    if dash and "," not in head and not any(c.isdigit() for c in head):
        # "LE BOURGET – June 25, 2015 – …": the place, a dash, then the date
        second = re.search(r"\s[–—-]\s", rest)
        date_part, after = (rest[: second.start()], rest[second.end() :]) if second else (rest, "")
        if found := parse_date(date_part.strip().rstrip(".:"), line):
            return head.strip(), found[0], found[1], after.strip()
    head = head.strip().rstrip(".:")
    if len(head) > 120:
        return None
    candidates = [("", head)] + [
        (head[: m.start()].strip(), head[m.end() :].strip()) for m in re.finditer(r",\s*", head)
    ]
    for place, written in candidates:
        if place and (place[0].isdigit() or len(place) > 80):
            continue
        le = re.match(r"(?i)(le|on)\s+", written)
        if le:
            written = written[le.end() :]
        if found := parse_date(written, line):
            french = found[1] or bool(le and le[1].lower() == "le")
            return place, found[0], french, rest.strip()
    return None


def parse_embargo(when: str, line: int) -> datetime:
    """'10:00 CET, 12 February 2015', '3 p.m. EST, February 12, 2015', '12 février 2015 à 10h'."""
    text = when
    tzinfo = ZoneInfo(settings.TIME_ZONE)  # no zone written: the press office's own
    if zone := EMBARGO_ZONE.search(text):
        if zone["iana"]:
            try:
                tzinfo = ZoneInfo(zone["iana"])
            except (KeyError, ValueError) as error:
                raise DocumentError(f"unknown time zone “{zone['iana']}”", line) from error
        else:
            hours = ZONE_OFFSETS[zone["zone"].upper()]
            if zone["sign"]:  # "UTC+1"
                offset = int(zone["oh"]) + int(zone["om"] or 0) / 60
                hours += offset if zone["sign"] == "+" else -offset
            tzinfo = dt_timezone(timedelta(hours=hours))
        text = text[: zone.start()] + " " + text[zone.end() :]
    hour = minute = 0
    # A time is a number with minutes, "h" or "a.m./p.m." (a bare number is a day).
    clock = next((m for m in EMBARGO_TIME.finditer(text) if m["minute"] or m["h"] or m["ampm"]), None)
    if clock:
        hour, minute = int(clock["hour"]), int(clock["minute"] or 0)
        if clock["ampm"] and not 1 <= hour <= 12:
            raise DocumentError(f"impossible embargo time in “{when}”", line)
        if clock["ampm"]:
            hour = hour % 12 + (12 if clock["ampm"].lower() == "p" else 0)
        text = text[: clock.start()] + " " + text[clock.end() :]
    if hour > 23 or minute > 59:
        raise DocumentError(f"impossible embargo time in “{when}”", line)
    # What remains is the date, with its connecting words: "on", "à", "le", "the".
    rest = re.sub(r"(?i)\b(?:on|at|the|le|à|a|until|jusqu'(?:au|à))\b", " ", text)
    rest = " ".join(rest.replace(",", " , ").split()).strip(" ,.–—-")
    found = parse_date(rest.replace(" , ", ", ").replace(" ,", ","), line)
    if found is None:
        raise DocumentError(f"cannot read the embargo date in “{when}”", line)
    return datetime.combine(found[0], time(hour, minute), tzinfo=tzinfo)


def kind_of(label: str) -> str | None:
    for pattern, kind in KINDS:
        if re.fullmatch(pattern, label, re.I):
            return kind
    return None


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


def setext_to_atx(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Headings underlined with === or --- become # and ## headings, line numbers kept."""
    result = list(lines)
    for index in range(1, len(result)):
        number, line = result[index]
        before = result[index - 1][1].strip()
        if (
            re.fullmatch(r"\s*(={3,}|-{3,})\s*", line)
            and before
            and not before.startswith(("#", "-", "*", ">"))
        ):
            level = "#" if line.strip()[0] == "=" else "##"
            result[index - 1] = (result[index - 1][0], f"{level} {before}")
            result[index] = (number, "")
    return result


def split_paragraphs(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    paragraphs, current = [], []
    for number, line in lines:
        if line.strip():
            current.append((number, line))
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def link_only(paragraph: list[tuple[int, str]]) -> str | None:
    """The URL when a paragraph is nothing but one (bold) link or bare address."""
    if len(paragraph) != 1:
        return None
    text = plain(paragraph[0][1])
    match = LINK.fullmatch(text) or BARE_URL.fullmatch(text)
    if not match or match["url"].lower().startswith("mailto:"):
        return None
    url, text = match["url"], (match.groupdict().get("text") or match["url"]).strip()
    reads_as_address = " " not in text and "." in text
    if not reads_as_address and not re.search(r"(?i)press|presse|news|media|m[ée]dia", text):
        return None  # "[Watch the launch video](…)": a link of the body, not the press site
    return url if "://" in url else f"http://{url}"


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


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if c.isalnum())


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


def find_quotes(paragraphs: list[str], known_names: list[str]) -> list[ParsedQuote]:
    """Quotes and their speakers: 'X said: "…"' and '"…," said X'. A quote whose speaker the
    sentence doesn't name ("He added: …") is left in the body only, never given to a guess."""
    quotes = []
    for paragraph in paragraphs:
        text = ABBREVIATED_TITLES.sub(r"\1 ", re.sub(r"\s+", " ", paragraph))  # "Dr. Jan Wörner"
        start = 0
        for match in QUOTE_AFTER_SPEAKER.finditer(text):
            before = text[max(start, match.start() - 300) : match.start()]
            sentence = SENTENCE_END.split(before)[-1]  # the speaker is the verb's own subject
            speaker = speaker_in(sentence, known_names, last=True, context=text[: match.start()])
            start = match.end()
            if speaker:
                quotes.append(ParsedQuote(speaker=speaker, text=quote_text(match["text"])))
        for match in QUOTE_BEFORE_SPEAKER.finditer(text):
            speaker = speaker_in(match["after"], known_names, last=False, context=text[: match.start()])
            if speaker and not any(q.text == quote_text(match["text"]) for q in quotes):
                quotes.append(ParsedQuote(speaker=speaker, text=quote_text(match["text"])))
    return quotes


def quote_text(text: str) -> str:
    return text.strip().rstrip(",").strip()


def speaker_in(text: str, known_names: list[str], *, last: bool, context: str = "") -> str:
    """The person `text` names as the speaker; '' when it names nobody.

    `text` is the sentence before the verb ('CNES President Jean-Yves Le Gall') with `last`, or
    what follows it ('Johann-Dietrich Wörner, Chairman of the Board'); a known name wins.
    """
    found = [
        (m.start(), m.end(), name)
        for name in known_names
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)
    ]
    if found:  # the name nearest the verb, the longest of those ("Jean-Yves Le Gall", not "Le Gall")
        if last:
            return max(found, key=lambda f: (f[1], f[1] - f[0]))[2]
        return min(found, key=lambda f: (f[0], f[0] - f[1]))[2]
    return known_as(speaker_from_phrases(text, last=last, context=context), known_names)


def known_as(name: str, known_names: list[str]) -> str:
    """'Le Gall' -> 'Jean-Yves Le Gall' when the directory knows exactly one such person."""
    if not name:
        return ""
    fuller = {known for known in known_names if known.endswith(f" {name}")}
    return fuller.pop() if len(fuller) == 1 else name


def speaker_from_phrases(text: str, *, last: bool, context: str) -> str:
    segments = [segment for segment in text.split(",") if segment.strip()]
    if not last:  # "Jean Dupont of CNES", "ESA's Director of Launchers, Daniel Neuenschwander"
        segments = [re.split(r"\s+(?:of|from|at|de|du|des|chez)\s+[A-ZÀ-Ý]", seg)[0] for seg in segments]
    for segment in reversed(segments) if last else segments:
        if name := name_ending(segment):
            return name
        if (
            len(name_tokens := segment.split()) == 1
            and name_tokens[0][:1].isupper()
            and name_tokens[0].isascii()
        ):
            # "Schmidt said": the full name given earlier in the paragraph, "Hans Schmidt".
            surname = name_tokens[0].strip(" ,")
            earlier = re.findall(
                rf"((?:[A-ZÀ-Ý][\w'’-]*\s+(?:{NAME_PARTICLES}\s+)?){{1,3}}){re.escape(surname)}(?!\w)",
                context,
            )
            if earlier and (name := name_ending(f"{earlier[-1]}{surname}")):
                return name
    return ""


def name_ending(phrase: str) -> str:
    """The name a phrase ends with: 'NASA Administrator Charles Bolden' -> 'Charles Bolden';
    '' when it ends with a role or no name ('ESA Director of Launchers', 'He then')."""
    tokens = phrase.strip(" ,:").split()
    name, stop = [], None
    for token in reversed(tokens):
        bare = token.strip(",.:;")
        is_title = any(part.lower() in TITLE_WORDS for part in bare.split("-")) or (
            bare.isupper() and len(bare) > 1
        )
        if name and re.fullmatch(NAME_PARTICLES, bare):
            name.insert(0, bare)
        elif (
            bare[:1].isalpha()
            and not bare[:1].islower()  # capitalised, or a script without case ("奥村直樹")
            and not is_title
            and not bare.endswith(("'s", "’s"))
            and len(name) < 4
        ):
            name.insert(0, bare)
        else:
            stop = bare
            break
    while name and re.fullmatch(NAME_PARTICLES, name[0]):
        name.pop(0)
    if stop and stop[:1].islower() and any(t.lower().strip(",.") in TITLE_WORDS for t in tokens):
        return ""  # "ESA Director of Human Spaceflight": a role, not a name
    # One word is a name only in scripts written without spaces ("山川宏").
    return " ".join(name) if len(name) >= 2 or (name and not name[0].isascii()) else ""


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


# ---------------------------------------------------------------------------
# Saving


@dataclass
class ImportResult:
    release: Release
    outcome: str  # "created", "updated" or "unchanged"


def domain_of(address: str) -> str:
    """'alain.delrieu@cnes.fr', 'http://www.cnes.fr/presse' -> 'cnes.fr'."""
    host = address.rsplit("@", 1)[-1] if "@" in address else re.sub(r"^[a-z]+://", "", address.lower())
    return host.split("/")[0].lower().removeprefix("www.")


class Directory:
    """What the directory already knows, loaded once per import run."""

    def __init__(self):
        self.refresh()

    def refresh(self):
        self.agencies = list(Agency.objects.all())
        self.people = list(Person.objects.all())

    def catch_up(self):
        """Reload if agencies or people were added or removed since (by a concurrent import):
        called under a lock, it sees what the import that held the lock committed."""
        if Agency.objects.count() != len(self.agencies) or Person.objects.count() != len(self.people):
            self.refresh()

    def person_names(self) -> list[str]:
        return [name for p in self.people for name in (p.name, p.name_latin) if name]

    def find_agency(self, label: str) -> Agency | None:
        wanted = fold(label)
        for agency in self.agencies:
            if wanted in {fold(agency.acronym), fold(agency.name)} - {""}:
                return agency
        return None

    def agency_at(self, addresses: list[str]) -> Agency | None:
        """The agency whose site or press desk shares a domain with these e-mails or links."""
        wanted = [domain_of(address) for address in addresses if domain_of(address)]
        for domain in wanted:
            for agency in self.agencies:
                known = {domain_of(a) for a in (agency.website, agency.press_page_url, agency.press_email)}
                if domain in known - {""}:
                    return agency
        return None

    def mentioned_agencies(self, text: str) -> list[Agency]:
        return [
            agency
            for agency in self.agencies
            if (agency.acronym and re.search(rf"(?<!\w){re.escape(agency.acronym)}(?!\w)", text))
            or re.search(rf"(?<!\w){re.escape(agency.name)}(?!\w)", text, re.I)
        ]

    def mentioned_people(self, text: str) -> list[Person]:
        return [
            person
            for person in self.people
            if any(
                name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
                for name in (person.name, person.name_latin)
            )
        ]

    def find_person(self, name: str) -> Person | None:
        wanted = fold(name)
        return next((p for p in self.people if wanted in {fold(p.name), fold(p.name_latin)} - {""}), None)


def is_valid_url(url: str) -> bool:
    try:
        URLValidator()(url)
    except ValidationError:
        return False
    return True


def save_new(obj, line: int | None, what: str):
    """Validate a row the document introduces, as a form would, and save it."""
    try:
        obj.full_clean(exclude=["slug"])
    except ValidationError as error:
        reasons = "; ".join(
            " ".join(msgs)
            if name == NON_FIELD_ERRORS
            else f"{obj._meta.get_field(name).verbose_name}: {' '.join(msgs)}"
            for name, msgs in error.message_dict.items()
        )
        raise DocumentError(f"{what} “{obj}”: {reasons}", line) from error
    obj.save()


def hold_identity(*parts) -> None:
    """Wait for, then hold until this transaction ends, the lock on one identity (a release's,
    a new agency's or person's name): a concurrent import of the same thing waits until this
    one commits, then finds what it wrote. PostgreSQL's advisory locks; a no-op on SQLite,
    which lets one writer in at a time anyway."""
    connection = connections[router.db_for_write(Release)]
    if connection.vendor != "postgresql":
        return
    digest = hashlib.blake2b("\x1f".join(map(str, ("pressroom.import", *parts))).encode(), digest_size=8)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest.digest(), "big", signed=True)]
        )


def agency_for(label: str, directory: Directory, *, region: str, press_site: str, line: int) -> Agency:
    if agency := directory.find_agency(label):
        return agency
    if not label:
        raise DocumentError(
            "cannot tell which agency issues this release: name it in the "
            "press-contacts heading (“CNES press contacts”) or with --agency",
            line,
        )
    hold_identity("agency", fold(label))  # a concurrent import introducing it too waits, then finds it
    directory.catch_up()
    if agency := directory.find_agency(label):
        return agency
    looks_like_acronym = label.replace("-", "").isupper() and len(label) <= 12
    agency = Agency(
        name=label,
        acronym=label if looks_like_acronym else "",
        country=region,
        press_page_url=press_site if is_valid_url(press_site) else "",  # the release reports it
        is_listed=False,
    )
    save_new(agency, line, _("agency"))
    directory.agencies.append(agency)
    return agency


def person_for(name: str, directory: Directory, line: int | None, agency: Agency | None = None) -> Person:
    if person := directory.find_person(name):
        return person
    hold_identity("person", fold(name))
    directory.catch_up()
    if person := directory.find_person(name):
        return person
    person = Person(name=name, is_listed=False)
    if agency is not None:  # a press contact of `agency`: its country tells 山田花子's language
        person.name_language = name_language(name, countries=[agency.country])
    save_new(person, line, _("person"))
    directory.people.append(person)
    return person


def contact_for(parsed: ParsedContact, agency: Agency, directory: Directory, region: str) -> PressContact:
    person = person_for(parsed.name, directory, parsed.line, agency)
    for kind in ("phone", "mobile"):
        check_number(getattr(parsed, kind), getattr(parsed, f"{kind}_line"), agency, region)
    contact = PressContact.objects.filter(person=person, agency=agency).first()
    if contact is None:
        order = PressContact.objects.filter(agency=agency).count()
        contact = PressContact(
            person=person,
            agency=agency,
            title=parsed.title,
            phone=parsed.phone,
            mobile=parsed.mobile,
            email=parsed.email,
            order=order,
            is_listed=False,
        )
        save_new(contact, parsed.line, _("press contact"))
    elif any(parsed_value and not getattr(contact, name) for name, parsed_value in contact_values(parsed)):
        # The directory may know better: fill only what it lacks.
        for name, parsed_value in contact_values(parsed):
            setattr(contact, name, getattr(contact, name) or parsed_value)
        contact.save()
    return contact


def contact_values(parsed: ParsedContact):
    return [
        ("title", parsed.title),
        ("phone", parsed.phone),
        ("mobile", parsed.mobile),
        ("email", parsed.email),
    ]


def check_number(written: str, line: int, agency: Agency, region: str):
    """A number is read in the agency's country; a country learnt here fills the directory's blank."""
    if not written:
        return
    if not written.startswith("+") and not (agency.country or region):
        raise DocumentError(
            f"“{written}” has no country code and {agency.short_name}'s country is unknown: "
            "write the number with its country code, or set the agency's country in the directory",
            line,
        )
    try:
        phone_to_e164(written, agency.country or region)
    except ValidationError as error:
        raise DocumentError(error.messages[0], line) from error
    if not agency.country and region:
        agency.country = region
        agency.save(update_fields=["country"])


def block_region(block: ParsedContactBlock, language: str) -> str:
    """The country a block's numbers are in: from its first international number, else the
    document's language (French documents write French numbers), else unknown."""
    for contact in block.contacts:
        for written in (contact.phone, contact.mobile):
            if written and (region := region_of(written)) in dict(country_choices()):
                return region
    return "FR" if language == "fr" else ""


@transaction.atomic
def release_import(
    *, parsed: ParsedRelease, directory: Directory, agency: Agency | None = None
) -> ImportResult:
    """Create or update the release a parsed document describes; all of it or nothing."""
    blocks = parsed.contact_blocks
    if agency is None and not (blocks and blocks[0].agency_label):
        # No agency named: the one whose domain the contacts' e-mails or the press site share.
        addresses = [c.email for b in blocks for c in b.contacts if c.email] + [parsed.press_site_url]
        agency = directory.agency_at(addresses)
    if agency is None:
        label = blocks[0].agency_label if blocks else ""
        agency = agency_for(
            label,
            directory,
            region=block_region(blocks[0], parsed.language) if blocks else "",
            press_site=parsed.press_site_url,
            line=blocks[0].line if blocks else None,
        )
    # The document's identity, decided under its lock: the same document imported at the same
    # moment waits here, then finds the release (and the people) this import wrote.
    if parsed.reference_number:
        identity = (parsed.reference_prefix, parsed.reference_number, parsed.reference_year, parsed.language)
    else:
        identity = ("", parsed.dateline_date, parsed.title)
    hold_identity("release", agency.pk, *identity)
    directory.catch_up()
    contacts = []
    for block in blocks:
        region = block_region(block, parsed.language)
        block_agency = agency
        if block.agency_label:
            block_agency = agency_for(
                block.agency_label, directory, region=region, press_site="", line=block.line
            )
        for contact in block.contacts:
            contact_agency = block_agency
            if contact.agency_label:  # "Marco Trovatello (ESA)"
                contact_agency = agency_for(
                    contact.agency_label, directory, region=region, press_site="", line=contact.line
                )
            contacts.append(contact_for(contact, contact_agency, directory, region))

    fields = {
        "kind": parsed.kind,
        "language": parsed.language,
        "title": parsed.title,
        "dateline_place": parsed.dateline_place,
        "dateline_date": parsed.dateline_date,
        "lead": parsed.lead,
        "body": parsed.body,
        "press_site_url": parsed.press_site_url,
        "embargo_until": parsed.embargo_until,
        "reference_prefix": parsed.reference_prefix,
        "reference_number": parsed.reference_number,
        "reference_year": parsed.reference_year,
    }
    same = Release.objects.filter(agency=agency)
    if parsed.reference_number:
        same = same.filter(
            reference_prefix=parsed.reference_prefix,
            reference_number=parsed.reference_number,
            reference_year=parsed.reference_year,
            language=parsed.language,  # the English and the French versions are two releases
        )
    else:
        same = same.filter(reference_number="", dateline_date=parsed.dateline_date, title=parsed.title)
    release = same.first()
    created = release is None
    if created:
        tz = ZoneInfo(settings.TIME_ZONE)
        release = Release(
            agency=agency,
            status=Release.Status.PUBLISHED,
            published_at=parsed.embargo_until
            or datetime.combine(parsed.dateline_date, time(0, 0), tzinfo=tz),
        )
    if parsed.embargo_until is None and not created:
        del fields["embargo_until"]  # keep an embargo an editor set; the document says nothing
    changed = created or any(getattr(release, name) != value for name, value in fields.items())
    for name, value in fields.items():
        setattr(release, name, value)
    try:
        release.full_clean(exclude=["slug"] if created else None, validate_unique=not created)
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        label = Release._meta.get_field(name).verbose_name if name in fields else ""
        reason = f"{label}: {' '.join(messages)}" if label else " ".join(messages)
        raise DocumentError(reason, parsed.lines.get(name)) from error
    if changed:
        release.save()

    # Speakers first: a person the document introduces is then also "mentioned".
    wanted_quotes = [(person_for(q.speaker, directory, None).pk, q.text) for q in parsed.quotes]
    text = "\n".join([parsed.title, parsed.lead, parsed.body])
    changed |= set_if_different(release.mentioned_agencies, directory.mentioned_agencies(text))
    changed |= set_if_different(release.mentioned_people, directory.mentioned_people(text))

    wanted_contacts = list(dict.fromkeys(c.pk for c in contacts))  # a contact named in two blocks, once
    if list(release.release_contacts.values_list("contact_id", flat=True)) != wanted_contacts:
        release.release_contacts.all().delete()
        ReleaseContact.objects.bulk_create(
            ReleaseContact(release=release, contact_id=pk, order=i) for i, pk in enumerate(wanted_contacts)
        )
        changed = True

    if list(release.quotes.values_list("person_id", "text")) != wanted_quotes:
        release.quotes.all().delete()
        Quote.objects.bulk_create(
            Quote(release=release, person_id=pk, text=text, order=i)
            for i, (pk, text) in enumerate(wanted_quotes)
        )
        changed = True
    if changed and not created:
        release.save(update_fields=["updated_at"])
    release_record_content(release=release)  # tells its translations when the text changed
    if created:  # the other language's version, if imported already (an editor may unlink it)
        release_link_versions_by_reference(release=release)
    return ImportResult(release, "created" if created else "updated" if changed else "unchanged")


def set_if_different(manager, wanted) -> bool:
    if {obj.pk for obj in manager.all()} == {obj.pk for obj in wanted}:
        return False
    manager.set(wanted)
    return True


MAX_DOCUMENT_BYTES = 2 * 1024 * 1024


def read_document(path: Path) -> str:
    """The text of a regular file of at most MAX_DOCUMENT_BYTES.

    Its size as stat() tells is not trusted (a device says 0, a file may grow while read): at
    most the limit and one byte are read. A device, a pipe or a folder is refused, and a pipe
    is opened without waiting for a writer.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise DocumentError(f"cannot be read: {error.strerror}") from error
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise DocumentError("not a regular file")
        with open(descriptor, "rb", closefd=False) as file:
            data = file.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as error:
        raise DocumentError(f"cannot be read: {error.strerror}") from error
    finally:
        os.close(descriptor)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError("larger than 2 MB: not a press release")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DocumentError("not UTF-8 text (save the file as UTF-8)", line) from error


# A file's transaction is tried this many times when a concurrent import wrote first.
IMPORT_ATTEMPTS = 5


def release_import_file(*, path: Path, directory: Directory, agency: Agency | None = None) -> ImportResult:
    """Read and import one file, in one transaction; DocumentError says why it could not be.

    Safe to run beside other imports: when one of them took a slug or a name first, or the
    two deadlocked, the whole transaction is tried again and sees what the other committed.
    """
    parsed = parse_release(read_document(path), known_names=directory.person_names())
    for attempt in range(1, IMPORT_ATTEMPTS + 1):
        try:
            # Indexed once, in the same transaction: quotes and contacts (written in bulk) included.
            with writing(using=router.db_for_write(Release)), search.batch():
                result = release_import(parsed=parsed, directory=directory, agency=agency)
                search.reindex([result.release.pk])
            return result
        except Exception as error:
            directory.refresh()  # forget what the rolled-back transaction had added
            if not is_conflict(error):
                raise
            if attempt == IMPORT_ATTEMPTS:
                reason = " ".join(str(error).split())
                raise DocumentError(f"could not be saved (tried {attempt} times): {reason}") from error
            sleep(random.uniform(0, 0.05 * attempt))  # the rivals commit; don't collide again in step
    raise AssertionError("unreachable")


@contextmanager
def writing(*, using: str):
    """One transaction that writes. On SQLite it takes the write lock as it begins (BEGIN
    IMMEDIATE), waiting its turn behind another writer, rather than failing halfway through
    with "database is locked"; PostgreSQL's writers wait on the rows and locks they share."""
    connection = connections[using]
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic(using=using):
            yield
        return
    mode, connection.transaction_mode = connection.transaction_mode, "IMMEDIATE"
    try:
        with transaction.atomic(using=using):
            connection.transaction_mode = mode  # only this BEGIN is immediate
            yield
    finally:
        connection.transaction_mode = mode


def is_conflict(error: Exception) -> bool:
    """Whether trying again can succeed: a unique value (a slug, a name) a concurrent import
    took first, a deadlock between two imports, or SQLite busy with another writer."""
    if isinstance(error, IntegrityError):
        return True
    if isinstance(error, OperationalError):
        sqlstate = getattr(error.__cause__, "sqlstate", None)
        return sqlstate in {"40001", "40P01"} or "is locked" in str(error)
    return False


def document_paths(paths: list[str]) -> list[Path]:
    """Files as given, and the .txt and .md files under folders, in a stable order."""
    found = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in {".txt", ".md"})
        else:
            found.append(path)
    return found
