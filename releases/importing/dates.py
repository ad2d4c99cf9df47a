"""Dates, datelines and embargo times as press releases write them, in any common language.

Month and weekday names come from Babel's locale data (CLDR), built once: "5 mars 2014",
"14. März 2019", "3 aprile 2020", "5 de mayo de 2021", "3 kwietnia 2020 r.", "Sept. 14, 2009",
"2022年6月15日". Numeric dates ("03/04/2021", "12 / 03 / 2021", "14.03.2019", "2021-04-03") are
read in the order of the issuer's country ("US": month first), when one is known.

A written date that cannot exist (31 February, month 13, the year 1066) raises DocumentError
naming its line; a text that is no date at all gives None.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from datetime import timezone as dt_timezone
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format, get_day_names, get_month_names
from django.conf import settings
from django.utils.translation import gettext as _

from releases.importing.errors import DocumentError

# The languages whose month names are read, in order of preference when a name is shared
# ("april": English first). Croatian is left out: its "listopad" is October, Polish's November.
MONTH_LANGUAGES = (
    "en", "fr", "de", "it", "es", "pt", "nl", "ca", "pl", "sv", "da", "nb", "fi", "cs", "sk", "ro", "el",
)  # fmt: skip
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200  # a press release outside these is no press release


def fold(word: str) -> str:
    """'Févr.' -> 'fevr', 'März' -> 'marz', 'd’abril' -> 'abril': lower case, no accents or dot."""
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(c for c in word if not unicodedata.combining(c)).strip().rstrip(".")
    return re.sub(r"^(?:de|d['’])\s*", "", word)  # Catalan writes "de gener", "d’abril"


def build_names() -> tuple[dict[str, tuple[int, str]], frozenset[str]]:
    """Every month name (wide and abbreviated, as in a date and standing alone, so genitives
    such as "stycznia" too) -> (month, language); and every weekday name."""
    # Abbreviations press offices write that CLDR lacks ("Sept." is English before French).
    months: dict[str, tuple[int, str]] = {"sept": (9, "en"), "febr": (2, "de"), "janv": (1, "fr")}
    weekdays: set[str] = set()
    for language in MONTH_LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context=context, locale=language).items():
                    months.setdefault(fold(name), (number, language))
                for name in get_day_names(width, context=context, locale=language).values():
                    weekdays.add(fold(name))
    weekdays -= set(months)  # "mar" (mardi, martedì) is March first
    return months, frozenset(weekdays)


MONTHS, WEEKDAYS = build_names()

# A word that may be a month: letters, possibly a dot ("Sept.", "févr."); checked against MONTHS.
WORD = r"[^\W\d_]{3,}\.?"
ORDINAL = r"(?:er|ᵉʳ|st|nd|rd|th|º|°|ª)"
# "5 mars 2014", "1er mars 2014", "14. März 2019", "5 de mayo de 2021", "1º de maio de 2021",
# "3rd of March, 2021"
DAY_MONTH_YEAR = re.compile(
    rf"(?<![\w./:-])(?P<day>\d{{1,2}})(?:{ORDINAL}\.?|\.)?\s*(?:(?:de|of)\s+|d['’]\s*)?"
    rf"(?P<month>{WORD})(?:\s*,)?\s*(?:(?:de|del)\s+)?(?P<year>\d{{4}})(?![\w/-]|\.\d)"
)
# "March 3, 2021", "Sept. 14, 2009", "May 5 2021", "March 3rd, 2021"
MONTH_DAY_YEAR = re.compile(
    rf"(?<![\w-])(?P<month>{WORD})\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(?P<year>\d{{4}})(?![\w/-]|\.\d)"
)
# "03/04/2021", "12 / 03 / 2021", "14.03.2019", "3-4-2021"
NUMERIC = re.compile(
    r"(?<![\w./:-])(?P<first>\d{1,2})\s*(?P<sep>[./-])\s*(?P<second>\d{1,2})\s*(?P=sep)\s*(?P<year>\d{4})(?![\w/-]|\.\d)"
)
# "2021-04-03", "2021/04/03", "2021.04.03"
YEAR_FIRST = re.compile(
    r"(?<![\w./:-])(?P<year>\d{4})(?P<sep>[./-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\w/-]|\.\d)"
)
# "2022年6月15日" (Japanese, Chinese)
CJK = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")

# Before a date: a weekday and the little words of a dateline ("Paris, le 5 mars", "Stockholm
# den 3 april", "München, am 14. März", "on Monday, 28 October", "el lunes 5 de mayo").
LAST_WORD = re.compile(r"(?:^|(?<=[\s,(]))(?P<word>[^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)?)\.?,?\s*$")
CONNECTORS = frozenset({"le", "on", "den", "am", "the", "el", "il", "o", "lo", "dne", "of"})
# After a date: a time-zone tag "(CST)", Polish "r.", a time "10:00", "at 10 a.m."
AFTER_DATE = re.compile(
    r"^(?:\s*r\b\.?)?(?:\s*\((?:[A-Z]{2,5}|[A-Z][a-z]+/[A-Za-z_]+)\))?"
    r"(?:\s*(?:,|at|à|um|alle|a las|om|kl\.?)?\s*\d{1,2}[:.h]\d{2}"
    r"(?:\s*(?:[ap]\.?m\.?|Uhr|h))?(?:\s*[A-Z]{2,5})?)?"
    r"(?:\s*\((?:[A-Z]{2,5})\))?",
    re.I,
)
# "28 Brumaire 2013": shaped like a date, with a month we don't know.
DATE_SHAPED = re.compile(r"^\d{1,2}(?:er|st|nd|rd|th)?\.?\s+(?P<month>[^\W\d_]+)\.?\s+\d{4}$")


class FoundDate(NamedTuple):
    """A date read in a text, the language its month name is written in (None: written in
    figures), whether its day/month order was guessed, and where it stands in the text."""

    date: date
    language: str | None = None
    guessed: bool = False
    start: int = 0
    end: int = 0


def month_of(word: str) -> tuple[int, str] | None:
    """'März' -> (3, 'de'); None if the word names no month."""
    return MONTHS.get(fold(word))


def is_weekday(word: str) -> bool:
    return fold(word) in WEEKDAYS


def opening_of(text: str, start: int) -> int:
    """Where a date written from `start` opens, with its weekday and little words before it:
    in 'Paris, le lundi 3 mars 2014', where 'le' begins."""
    while match := LAST_WORD.search(text, 0, start):
        word = match["word"]
        if word.lower() not in CONNECTORS and not is_weekday(word):
            break
        start = match.start("word")
    return start


@lru_cache(maxsize=512)
def date_order(country: str | None) -> str | None:
    """The order a country writes a numeric date in: "DMY" (France), "MDY" (the United
    States), "YMD" (Japan); None when the country is unknown. From CLDR's short date format."""
    if not country:
        return None
    try:
        pattern = get_date_format("short", locale=Locale.parse(f"und_{country.upper()}")).pattern
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    letters = "".join(dict.fromkeys(c for c in pattern.upper() if c in "DMY"))
    return letters if len(letters) == 3 else None


def make_date(year: int, month: int, day: int, written: str, line: int | None) -> date:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise DocumentError(_("impossible year in “%(date)s”") % {"date": written}, line)
    try:
        return date(year, month, day)
    except ValueError as error:
        raise DocumentError(_("impossible date “%(date)s”") % {"date": written}, line) from error


def read_numeric(first: int, second: int, year: int, written: str, line, order: str | None):
    """(date, guessed) for "first/second/year": the country's order when known; otherwise the
    only possible reading, or day first (most of the world), guessed."""
    readings = []
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(date(year, month, day))
        except ValueError:
            readings.append(None)
    day_first, month_first = readings
    if day_first is None and month_first is None:
        make_date(year, second, first, written, line)  # raises, naming what is impossible
    if day_first == month_first or month_first is None:
        return make_date(year, second, first, written, line), False
    if day_first is None:
        return make_date(year, first, second, written, line), False
    if order == "MDY":
        return make_date(year, first, second, written, line), False
    return make_date(year, second, first, written, line), order != "DMY"


def find_dates(
    text: str, line: int | None = None, *, order: str | None = None, impossible: list | None = None
) -> list[FoundDate]:
    """Every date written in `text`, in the order they come; a weekday before one is part of it.
    A date that cannot exist raises DocumentError, or, given an `impossible` list, is added to
    it as (start, end, error) for the caller to judge where it stands."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(match, read, language=None):
        start, end = match.start(), match.end()
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        try:
            value, guessed = read()
        except DocumentError as error:
            if impossible is None:
                raise
            impossible.append((opening_of(text, start), end, error))
            return
        found.append(FoundDate(value, language, guessed, opening_of(text, start), end))

    def ymd(year, month, day, written):
        return lambda: (make_date(int(year), int(month), int(day), written, line), False)

    for match in CJK.finditer(text):
        add(match, ymd(match["year"], match["month"], match["day"], match[0]))
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            if month := month_of(match["month"]):
                add(match, ymd(match["year"], month[0], match["day"], match[0].strip()), month[1])
    for match in YEAR_FIRST.finditer(text):
        add(match, ymd(match["year"], match["month"], match["day"], match[0]))
    for match in NUMERIC.finditer(text):
        first, second, year = int(match["first"]), int(match["second"]), int(match["year"])
        add(match, lambda m=match, a=first, b=second, y=year: read_numeric(a, b, y, m[0], line, order))
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str, line: int | None = None, *, order: str | None = None) -> FoundDate | None:
    """A text that is one date and nothing else (a weekday, "le", a time-zone tag around it
    allowed) -> FoundDate (date, language of its month name or None, order guessed?); None if
    `text` is not a date at all."""
    text = text.strip().rstrip(".").strip()
    dates = find_dates(text, line, order=order)
    if not dates:
        return None
    found = dates[0]
    after = AFTER_DATE.match(text[found.end :])
    if text[: found.start].strip():
        return None
    if text[found.end + after.end() :].strip(" .,"):
        return None
    return found


def unknown_month(text: str) -> str | None:
    """'28 Brumaire 2013' -> 'Brumaire': a line shaped like a date whose month we cannot read."""
    match = DATE_SHAPED.match(text.strip().rstrip("."))
    if match and not month_of(match["month"]):
        return match["month"]
    return None


# Datelines ----------------------------------------------------------------------------------

# What may follow the date of a dateline before the text: a wire's name ("/PRNewswire/",
# "(GLOBE NEWSWIRE)"), then a dash, two hyphens or a colon.
WIRE = re.compile(r"\s*(?:/[^/\n]{2,40}/|\((?:[^()\n]{0,30}(?:wire|newswire|presswire))\))", re.I)
SEPARATOR = re.compile(r"\s*(?:--|[–—]|-|:)\s*|\s+(?=/)|\.\s+(?=[«“\"]?[A-ZÀ-Þ])")
PLACE_START = re.compile(
    r"^(?:fait\s+à|done\s+(?:at|in)|given\s+at|dato\s+a|dado\s+en|hecho\s+en|gegeben\s+(?:zu|in))\s+", re.I
)
# A place's words: capitalised ("Le Bourget", "Washington, D.C.", "Pasadena, Calif."), with
# short lower-case words between ("Frankfurt am Main", "São José dos Campos", "HOUSTON and LONDON").
PLACE = re.compile(
    r"^(?=[^\W\d_])(?:[^\W\d_][\w.'’&/-]*|[a-z]{1,4}|\([^()]{1,30}\))"
    r"(?:,?\s+(?:[^\W\d_][\w.'’&/-]*|[a-z]{1,4}|\([^()]{1,30}\)))*$"
)
PLACE_MAX = 80


@dataclass(frozen=True)
class Dateline:
    place: str
    date: date
    language: str | None  # the month name's, None for a date in figures
    guessed: bool  # day and month order guessed
    rest: str  # the text after the dateline ("PARIS, 5 March 2014 – The agency…")


def is_place(text: str) -> bool:
    if not text or len(text) > PLACE_MAX or len(text.split()) > 10 or re.search(r"\s{3,}|\t", text):
        return False
    if not PLACE.match(text):
        return False
    words = re.findall(r"[^\W\d_][\w.'’&/-]*", text)
    return words[0][0].isupper() and all(w[0].isupper() or len(w) <= 4 for w in words)


def parse_dateline(text: str, line: int | None = None, *, order: str | None = None) -> Dateline | None:
    """'Paris, le 5 mars 2014', 'PARIS, Oct. 28, 2013 – The agency…', 'LE BOURGET – June 25, 2015
    – …', 'HOUSTON and LONDON, March 3, 2021 /PRNewswire/ -- …', 'Berlin, 14. März 2019',
    'Madrid, 5 de mayo de 2021', 'Fait à Paris, le 3 mars 2014', or a date alone; None if the
    text does not open with a dateline."""
    text = text.strip()
    impossible: list = []
    dates = [(d.start, d.end, d) for d in find_dates(text[:200], line, order=order, impossible=impossible)]
    if not (candidates := sorted(dates + impossible, key=lambda found: found[0])):
        return None
    start, end, found = candidates[0]
    head, tail = text[:start], text[end:]
    place = PLACE_START.sub("", head.strip().rstrip(",–—-:").strip()).rstrip(",")
    if place and not is_place(place):
        return None  # a date further in: not a dateline
    tail = tail[AFTER_DATE.match(tail).end() :]
    if wire := WIRE.match(tail):
        tail = tail[wire.end() :]
    tail = tail.rstrip() if tail.strip(" .,") else ""
    if tail:
        if not (separator := SEPARATOR.match(tail)):
            return None  # "Paris, 5 March 2014, CNES signed…": a sentence, no dateline
        tail = tail[separator.end() :]
    if isinstance(found, DocumentError):
        raise found  # "Paris, 31 February 2021": the dateline of a date that cannot be
    return Dateline(place.strip(), found.date, found.language, found.guessed, tail.strip())


# "HOUSTON –", "Pasadena, Calif. -", "WASHINGTON --", "SAN FRANCISCO--(BUSINESS WIRE)--": a
# place alone opening the first paragraph, the date given elsewhere.
CAPITALS_WORD = r"[A-ZÀ-Þ](?:[A-ZÀ-Þ.'’]|-(?=[A-ZÀ-Þ]))+"
CAPITALS_PLACE = rf"{CAPITALS_WORD}(?:\s+(?:{CAPITALS_WORD}|and|et|und|y|e))*"
REGION = r"(?:,\s*[A-Z][A-Za-z]{0,5}\.(?:\s?[A-Z][a-z]?\.)*|,\s*[A-Z]{2}\b|,\s*[A-Z][A-Za-z]+)"
PLACE_ONLY = re.compile(
    rf"^(?P<place>{CAPITALS_PLACE}(?:{REGION})?|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*{REGION})"
    r"\s*(?:(?:--|[–—-])\s*)?(?:\((?:[^()\n]{0,30}(?i:wire))\)\s*)?(?:--|[–—-])\s*(?=\S)",
)


# "Edinburgh -- Three universities…", or any dash after a place set in bold ("**Bremen –**"):
# a place in ordinary capitals, which a sentence could open with only in these forms.
TITLED_PLACE = r"(?P<place>[A-Z][\w'’/.-]+(?:\s+[A-Z][\w'’/.-]+){0,3})"
PLACE_ONLY_TITLED = re.compile(rf"^{TITLED_PLACE}\s*(?:--|[–—-])\s*(?=\S)")
PLACE_ONLY_DOUBLE_DASH = re.compile(rf"^{TITLED_PLACE}\s*--\s*(?=\S)")


def place_only_dateline(text: str, *, set_apart: bool = False) -> tuple[str, str] | None:
    """'HOUSTON – NASA has…' -> ('HOUSTON', 'NASA has…'); None if the text opens with no place.
    `set_apart`: the opening was set in bold, so a place in ordinary capitals is one too."""
    text = text.strip()
    match = (
        PLACE_ONLY.match(text)
        or PLACE_ONLY_DOUBLE_DASH.match(text)
        or (PLACE_ONLY_TITLED.match(text) if set_apart else None)
    )
    if not match:
        return None
    place = match["place"].strip()
    if len(place) > PLACE_MAX or len(re.sub(r"[^A-Za-zÀ-ÿ]", "", place)) < 2:
        return None
    return place, text[match.end() :].strip()


# The United States' states as AP style and the post write them after a city ("Pasadena, Calif.",
# "HOUSTON, TX"): a place that tells the issuer's country, and so the order of its dates.
US_STATES = frozenset(
    "ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb "
    "nev nh nj nm ny nc nd okla ore pa ri sc sd tenn tex vt va wash wva wis wyo dc d.c al ak az ar ca "
    "co ct de fl hi id il in ia ks me mi mn ms mt ne nv oh ok or tn tx ut wa wv wi wy".split()
)


def place_country(place: str) -> str:
    """'Pasadena, Calif.' -> 'US'; '' when the place does not tell."""
    match = re.search(r",\s*([A-Za-z.]{2,5})\.?\s*$", place)
    if match and match[1].lower().rstrip(".") in US_STATES and match[1][0].isupper():
        return "US"
    return ""


def closing_dateline(paragraphs: list[str], line: int | None = None, *, order=None) -> Dateline | None:
    """'Fait à Paris, le 3 mars 2014' or 'Roma, 3 aprile 2020' among the last lines of a text:
    a signature that gives the date. `paragraphs`: the last few, in order."""
    for text in reversed(paragraphs[-3:]):
        for written in reversed([t for t in text.split("\n") if t.strip()][-2:]):
            if len(written) > 120:
                continue
            dateline = parse_dateline(written.strip().strip("*_ "), line, order=order)
            if dateline and not dateline.rest:
                return dateline
    return None


# Embargoes ---------------------------------------------------------------------------------


class UnreadableEmbargo(DocumentError):
    """An embargo line whose date or time zone cannot be read (an editor can set it)."""


# "10:00", "10.00", "10h", "10h00", "10 heures", "3 PM", "3:00 p.m.", "10:00 Uhr", "ore 10"
EMBARGO_TIME = re.compile(
    r"(?:\b(?:ore|alle|kl\.?|klo)\s*)?(?<![\d:.])(?P<hour>\d{1,2})\s*"
    r"(?:(?:[:.]|h)\s*(?P<minute>\d{2})|(?P<h>h(?:eures?)?\b|uhr\b))?"
    r"\s*(?:(?P<ampm>[ap])\.?\s?m\b\.?)?(?:\s*(?:uhr|h)\b)?",
    re.I,
)
# "CET", "UTC+1", "GMT-05:00", "Europe/Paris", "MEZ" (German for CET)
EMBARGO_ZONE = re.compile(
    r"\b(?P<zone>CEST|CET|MESZ|MEZ|UTC|GMT|BST|WET|WEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|JST|HNEC|HAEC)\b"
    r"(?:\s*(?P<sign>[+-])\s*(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)?"
    r"|\b(?P<iana>[A-Z][a-z]+/[A-Za-z_]+)\b",
    re.I,
)
ZONE_OFFSETS = {
    "UTC": 0, "GMT": 0, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "MEZ": 1, "HNEC": 1,
    "CEST": 2, "MESZ": 2, "HAEC": 2, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "JST": 9,
}  # fmt: skip


def parse_embargo(when: str, line: int | None = None, *, order: str | None = None) -> datetime:
    """'10:00 CET, 12 February 2015', '3 p.m. EST, February 12, 2015', '12 février 2015 à 10h',
    '14. März 2019, 10:00 Uhr MEZ', '12/03/2021 ore 10:00'."""
    text = when
    tzinfo = ZoneInfo(settings.TIME_ZONE)  # no zone written: the press office's own
    if zone := EMBARGO_ZONE.search(text):
        if zone["iana"]:
            try:
                tzinfo = ZoneInfo(zone["iana"])
            except (KeyError, ValueError) as error:
                message = _("unknown time zone “%(zone)s”") % {"zone": zone["iana"]}
                raise UnreadableEmbargo(message, line) from error
        else:
            hours = ZONE_OFFSETS[zone["zone"].upper()]
            if zone["sign"]:  # "UTC+1"
                offset = int(zone["oh"]) + int(zone["om"] or 0) / 60
                hours += offset if zone["sign"] == "+" else -offset
            tzinfo = dt_timezone(timedelta(hours=hours))
        text = text[: zone.start()] + " " + text[zone.end() :]
    dates = find_dates(text, line, order=order)
    if not dates:
        raise UnreadableEmbargo(_("cannot read the embargo date in “%(when)s”") % {"when": when}, line)
    found = dates[0]
    text = text[: found.start] + " " + text[found.end :]
    hour = minute = 0
    # A time is a number with minutes, "h", "Uhr" or "a.m./p.m." (a bare number is no time).
    clock = next((m for m in EMBARGO_TIME.finditer(text) if m["minute"] or m["h"] or m["ampm"]), None)
    if clock:
        hour, minute = int(clock["hour"]), int(clock["minute"] or 0)
        if clock["ampm"] and not 1 <= hour <= 12:
            raise DocumentError(_("impossible embargo time in “%(when)s”") % {"when": when}, line)
        if clock["ampm"]:
            hour = hour % 12 + (12 if clock["ampm"].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        raise DocumentError(_("impossible embargo time in “%(when)s”") % {"when": when}, line)
    return datetime.combine(found.date, time(hour, minute), tzinfo=tzinfo)
