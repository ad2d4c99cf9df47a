"""Dates, datelines and embargo times as press releases write them."""

import re
from datetime import date, datetime, time, timedelta
from datetime import timezone as dt_timezone
from zoneinfo import ZoneInfo

from django.conf import settings

from releases.importing.errors import DocumentError

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
