"""References kept exactly as written ("ESA PR 41-2026", "RELEASE: 09-213", "IP/21/1187",
"N° 2–2001"), with the prefix, number and year the model keeps when the reference has them;
a reference opening a paragraph ("ESA PR 07-2009. The…") or numbering a title ("N° 2–2001: …")."""

import re
from dataclasses import dataclass
from datetime import date

from releases.importing.errors import DocumentError
from releases.importing.header.dates import find_dates
from releases.models import Release

# "PR083 - 2013", "ESA PR 41-2026", "CP n°045 - 2014", "N° 2–2001", "No. 12/2014", "CP045-2021"
NUMBER_YEAR = re.compile(
    r"^(?P<prefix>[^\W\d_][\w°º.\s/-]{0,18}?)?(?P<number>\d{1,6})\s*[-–—/_]\s*(?P<year>(?:19|20)\d{2})$"
)
# "PR-2021-045", "2021/045"
YEAR_NUMBER = re.compile(
    r"^(?P<prefix>[^\W\d_][\w°º.\s-]{0,18}?)?(?P<year>(?:19|20)\d{2})\s*[-/_]\s*(?P<number>\d{1,6})$"
)
# "09-213", "M24-031", "C09-12": a letter or two, the year's last two figures, the number
SHORT_YEAR_NUMBER = re.compile(r"^(?P<prefix>[A-Z]{0,3})(?P<year>\d{2})-(?P<number>\d{2,5})$")
# "IP/21/1187", "MEMO/21/45", "STATEMENT/21/12"
SLASHED = re.compile(r"^(?P<prefix>[A-Z]{2,10}/)(?P<year>\d{2})/(?P<number>\d{1,6})$")
# "Nr. 12", "N° 45", "No 7": a number without its year
NUMBER_ONLY = re.compile(r"^(?P<prefix>(?:n[°ºo]?|nr|no|num|núm)\.?\s*)(?P<number>\d{1,6})$", re.I)
REFERENCE_LABEL = re.compile(r"^(?:r[ée]f(?:[ée]rence)?s?\.?|reference\s+(?:no\.?|number))\s*:?\s*", re.I)
PREFIX_MAX = Release._meta.get_field("reference_prefix").max_length
NUMBER_MAX = Release._meta.get_field("reference_number").max_length


@dataclass(frozen=True)
class Reference:
    """A reference as written ("ESA PR 41-2026"), and the parts the model keeps (prefix "ESA PR ",
    number "41", year 2026); parts empty when the reference has no year ("Nr. 12")."""

    written: str
    prefix: str = ""
    number: str = ""
    year: int | None = None

    @property
    def round_trips(self) -> bool:
        """Whether the parts write it back as it was ("PR083 - 2013")."""
        return bool(self.number) and f"{self.prefix}{self.number} - {self.year}" == self.written


def looks_like_a_date(text: str) -> bool:
    """'18 / 05 / 2021' is a date, even '31/02/2021' (refused where it is read as one)."""
    try:
        return bool(find_dates(text))
    except DocumentError:
        return True


def full_year(two_figures: str) -> int:
    """'09' -> 2009, '98' -> 1998: the century nearest today's."""
    year = 2000 + int(two_figures)
    return year if year <= date.today().year + 10 else year - 100


def parse_reference(text: str) -> Reference | None:
    """A text that is one reference and nothing else -> Reference; None otherwise."""
    written = REFERENCE_LABEL.sub("", text.strip().rstrip(".:,;").strip())
    if not written or len(written) > 40 or looks_like_a_date(written):
        return None
    for pattern in (NUMBER_YEAR, YEAR_NUMBER, SHORT_YEAR_NUMBER, SLASHED):
        if match := pattern.match(written):
            prefix, number = (match["prefix"] or "").lstrip(), match["number"]
            year = int(match["year"]) if len(match["year"]) == 4 else full_year(match["year"])
            if len(prefix) > PREFIX_MAX or len(number) > NUMBER_MAX or len(prefix.split()) > 3:
                return Reference(written)
            return Reference(written, prefix, number, year)
    if NUMBER_ONLY.match(written):
        return Reference(written)
    return None


def reference_opening(text: str) -> tuple[Reference, str] | None:
    """'ESA PR 07-2009. The European Space Agency…' -> (ESA PR 07-2009, 'The European…'):
    a reference opening a paragraph, then the paragraph's text."""
    match = re.match(
        r"^(?P<ref>[^.:–—]{2,30}?)(?:\.\s+|\s*[:–—]\s+|\s+-\s+)(?P<rest>\S.*)$", text.strip(), re.S
    )
    if not match or not (reference := parse_reference(match["ref"])) or not reference.number:
        return None
    return reference, match["rest"]


def title_reference(title: str) -> tuple[Reference, str] | None:
    """'N° 2–2001: A title' or 'Nr. 12/2019 – A title' -> (the reference, 'A title')."""
    match = re.match(r"^(?P<ref>.{2,30}?)\s*(?::|\s[–—-])\s+(?P<rest>\S.*)$", title.strip())
    if not match or not (reference := parse_reference(match["ref"])):
        return None
    if not re.match(r"(?i)^(?:n[°ºo]?\.?|nr\.?|no\.?|[A-Z]{1,4}\s?)?\s*\d", reference.written):
        return None  # "Sentinel 2–2001: …" is part of a title; a numbered title starts "N°", "Nr."
    return reference, match["rest"]
