"""Embargo lines ("Sperrfrist: …", "Embargo hasta …", "Not for publication before …") and the
time they give: '10:00 CET, 12 February 2015', '12 février 2015 à 10h', '14. März 2019, 10:00
Uhr MEZ'.

A time written without a zone is read on the issuing agency's clock, which the parse does not
know yet (the issuer is found when the document is saved): `parse_embargo` keeps the wall time
and the zone written, if any (an `Embargo`, model.py), whose `instant(agency)` tells the
instant once the agency is known (saving.py)."""

import re
from datetime import datetime, time, timedelta
from datetime import timezone as dt_timezone
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from releases.importing.errors import DocumentError
from releases.importing.header.dates import find_dates
from releases.importing.model import Embargo

# "Sperrfrist: …", "EMBARGOED UNTIL …", "Not for publication before …": an embargo line and its time.
EMBARGO = re.compile(
    r"^(?:strictly\s+)?(?:embargo(?:ed|ada|ado)?|under\s+embargo|sous\s+embargo|sotto\s+embargo"
    r"|bajo\s+embargo|onder\s+embargo|sperrfrist|sperrvermerk|hold\s+for\s+release"
    r"|not\s+for\s+(?:publication|release|distribution|broadcast)|ne\s+pas\s+(?:publier|diffuser)"
    r"|nicht\s+vor|non\s+pubblicare|no\s+publicar)\b[\s:]*(?P<when>.+)$",
    re.I,
)


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


def parse_embargo(when: str, line: int | None = None, *, order: str | None = None) -> Embargo:
    """'10:00 CET, 12 February 2015', '3 p.m. EST, February 12, 2015', '12 février 2015 à 10h',
    '14. März 2019, 10:00 Uhr MEZ', '12/03/2021 ore 10:00'."""
    text = when
    written_zone = None  # none written: the issuing agency's, once known
    if zone := EMBARGO_ZONE.search(text):
        if zone["iana"]:
            try:
                written_zone = ZoneInfo(zone["iana"])
            except (KeyError, ValueError) as error:
                message = _("unknown time zone “%(zone)s”") % {"zone": zone["iana"]}
                raise UnreadableEmbargo(message, line) from error
        else:
            hours = ZONE_OFFSETS[zone["zone"].upper()]
            if zone["sign"]:  # "UTC+1"
                offset = int(zone["oh"]) + int(zone["om"] or 0) / 60
                hours += offset if zone["sign"] == "+" else -offset
            written_zone = dt_timezone(timedelta(hours=hours))
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
    return Embargo(datetime.combine(found.date, time(hour, minute)), written_zone, when)
