"""Dates as press releases write them, in any common language.

Month and weekday names come from Babel's locale data (CLDR), built once: "5 mars 2014",
"14. März 2019", "3 aprile 2020", "5 de mayo de 2021", "3 kwietnia 2020 r.", "Sept. 14, 2009",
"2022年6月15日". Numeric dates ("03/04/2021", "12 / 03 / 2021", "14.03.2019", "2021-04-03") are
read in the order of the issuer's country ("US": month first), when one is known.

A written date that cannot exist (31 February, month 13, the year 1066) raises DocumentError
naming its line; a text that is no date at all gives None.
"""

import re
import unicodedata
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format, get_day_names, get_month_names
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
