"""Agencies' time zones: the one rule for reading and writing a release's times.

Each agency has an IANA time zone (`Agency.time_zone`, "Europe/Paris", "Asia/Tokyo"). Embargo
and publication times are entered as the issuing agency's wall time, stored in UTC, and shown
back in the agency's zone with the zone written out: "10:00 CET, 12 February 2015", "10:00 JST,
12 February 2015" (releases/templatetags/times.py, `{{ time|agency_time:agency }}`).

A wall time does not always name one instant. In the spring the clocks skip an hour: 02:30 on
29 March 2015 never happened in Paris, and is refused. In the autumn an hour happens twice:
02:30 on 25 October 2015 is 02:30 CEST, then an hour later 02:30 CET; the editor writes which
("02:30 CET"), and such a time is shown back with its abbreviation, so it reads back the same.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The regions of the tz database; the other names are old aliases ("US/Eastern", "Japan").
AREAS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)


def default_time_zone() -> str:
    """The press office's own zone (settings.TIME_ZONE): a new agency's until one is chosen."""
    return settings.TIME_ZONE


@cache
def known_time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def validate_time_zone(name: str) -> None:
    if name not in known_time_zones():
        raise ValidationError(
            _("“%(name)s” is not a time zone. Choose one such as “Europe/Paris” or “Asia/Tokyo”."),
            code="unknown_time_zone",
            params={"name": name},
        )


@cache
def _time_zone_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    from babel.core import get_global

    aliases = get_global("zone_aliases")  # "Asia/Calcutta" -> "Asia/Kolkata": offer the latter
    groups: dict[str, list[tuple[str, str]]] = {area: [] for area in AREAS}
    for name in sorted(known_time_zones()):
        area, _slash, place = name.partition("/")
        if area in groups and place and name not in aliases:
            groups[area].append((name, place.replace("_", " ")))
    return [("UTC", [("UTC", "UTC")]), *((area, zones) for area, zones in groups.items() if zones)]


def time_zone_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The zones an agency may be in, grouped by region for a select: ("Europe", [("Europe/Paris",
    "Paris"), …])."""
    return _time_zone_choices()


@cache
def zone_for_country(country: str) -> str | None:
    """The time zone of a country that keeps one time ("FR" -> "Europe/Paris", "DE" ->
    "Europe/Berlin", whose Büsingen keeps Berlin's time); None where it has several (the United
    States, Russia) or is unknown: then someone chooses."""
    from babel.core import get_global

    zones = [
        zone for zone in get_global("territory_zones").get(country or "", []) if zone in known_time_zones()
    ]
    if not zones:
        return None
    first, *others = (ZoneInfo(zone) for zone in zones)
    if not others:
        return zones[0]
    year = datetime.now(UTC).year
    # Hour by hour over two years: the same offset at every one is the same time.
    start = datetime(year - 1, 1, 1, tzinfo=UTC).timestamp()
    for hour in range(0, 2 * 366 * 24):
        instant = datetime.fromtimestamp(start + hour * 3600, UTC)
        offset = instant.astimezone(first).utcoffset()
        if any(instant.astimezone(other).utcoffset() != offset for other in others):
            return None
    return zones[0]


def agency_zone(agency) -> ZoneInfo:
    """The agency's time zone; the press office's (settings.TIME_ZONE) for no agency."""
    name = getattr(agency, "time_zone", "") or default_time_zone()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # a name the tz database no longer has
        return ZoneInfo(default_time_zone())


def in_agency_zone(value: datetime, agency) -> datetime:
    """An instant as the agency's clocks showed it."""
    return value.astimezone(agency_zone(agency))


def zone_abbreviation(local: datetime) -> str:
    """The zone's name at that moment: "CET", "CEST", "JST"; "UTC+04" where the tz database has
    only a number ("+04")."""
    name = local.tzname() or ""
    if name[:1] in "+-" and name[1:].isdigit():
        hours, minutes = name[1:3], name[3:5]
        return f"UTC{name[0]}{hours}{':' + minutes if minutes else ''}"
    return name


def zone_label(zone: ZoneInfo, year: int | None = None) -> str:
    """A zone as editors know it: "Europe/Paris (CET/CEST)", "Asia/Tokyo (JST)"."""
    year = year or datetime.now(UTC).year
    names = []
    for month in (1, 7):
        name = zone_abbreviation(datetime(year, month, 1, 12, tzinfo=zone))
        if name not in names:
            names.append(name)
    return f"{zone.key} ({'/'.join(names)})"


@dataclass(frozen=True)
class WallTime:
    """A time as read on a clock, with the zone's abbreviation when the editor wrote it
    ("02:30 CET" in the hour that happens twice)."""

    value: datetime  # naive
    abbreviation: str = ""


def wall_time(value: datetime, zone: ZoneInfo) -> WallTime:
    """An instant as a wall time in `zone`, to the second, with its abbreviation where the wall
    time alone names two instants: what a form shows."""
    local = value.astimezone(zone).replace(microsecond=0)
    naive = local.replace(tzinfo=None)
    written = zone_abbreviation(local) if _is_ambiguous(naive, zone) else ""
    return WallTime(naive, written)


def _offsets(naive: datetime, zone: ZoneInfo):
    return naive.replace(tzinfo=zone, fold=0).utcoffset(), naive.replace(tzinfo=zone, fold=1).utcoffset()


def _exists(naive: datetime, zone: ZoneInfo) -> bool:
    aware = naive.replace(tzinfo=zone, fold=0)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive


def _is_ambiguous(naive: datetime, zone: ZoneInfo) -> bool:
    first, second = _offsets(naive, zone)
    return first != second and _exists(naive, zone)


def local_to_utc(agency, naive: datetime, *, abbreviation: str = "") -> datetime:
    """The instant a wall time names in the agency's zone, in UTC.

    Raises ValidationError for a time the clocks skipped (the spring's gap), for a time that
    happens twice (the autumn's) unless `abbreviation` says which ("CEST" or "CET"), and for an
    abbreviation the zone does not use then. An aware datetime is only converted to UTC."""
    if naive.tzinfo is not None:
        return naive.astimezone(UTC)
    zone = agency_zone(agency)
    written = abbreviation.strip().upper()
    params = {
        "time": date_format(naive, "TIME_FORMAT"),
        "date": written_day(naive.date()),
        "zone": zone.key,
    }
    if not _exists(naive, zone):
        after = naive.replace(tzinfo=zone, fold=0).astimezone(UTC).astimezone(zone)
        raise ValidationError(
            _(
                "%(time)s on %(date)s does not exist in %(zone)s: the clocks go forward that night. "
                "Enter a time before or after the change, such as %(after)s."
            ),
            code="nonexistent_time",
            params=params | {"after": f"{after:%H:%M}"},
        )
    candidates = [naive.replace(tzinfo=zone, fold=fold) for fold in (0, 1)]
    if candidates[0].utcoffset() == candidates[1].utcoffset():
        candidates = candidates[:1]
    names = [zone_abbreviation(candidate) for candidate in candidates]
    if written:
        matching = [c for c, name in zip(candidates, names, strict=True) if name.upper() == written]
        if not matching:
            if len(names) > 1:
                names = [gettext("%(first)s or %(second)s") % {"first": names[0], "second": names[1]}]
            raise ValidationError(
                _("At %(time)s on %(date)s, %(zone)s is on %(names)s, not “%(written)s”."),
                code="wrong_abbreviation",
                params=params | {"written": abbreviation.strip(), "names": names[0]},
            )
        return matching[0].astimezone(UTC)
    if len(candidates) > 1:
        raise ValidationError(
            _(
                "%(time)s happens twice on %(date)s in %(zone)s, as the clocks go back: first "
                "%(first)s, then an hour later %(second)s. Write which, such as “%(typed)s %(second)s”."
            ),
            code="ambiguous_time",
            params=params | {"first": names[0], "second": names[1], "typed": f"{naive:%H:%M}"},
        )
    return candidates[0].astimezone(UTC)


def written_day(day: date, language: str | None = None) -> str:
    """A date as press releases write it, in `language` (the active one by default): "12 February
    2015", "1er mars 2015"."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        written = date_format(day, "DATE_FORMAT")  # pressroom/formats for en, fr
    if language.split("-")[0] == "fr" and day.day == 1:
        written = "1er" + written[1:]  # "1er mars 2014", as French writes the first
    return written


def agency_time_text(value: datetime | None, agency, language: str | None = None) -> str:
    """An instant on the agency's clock, its zone written out: "10:00 CET, 12 February 2015",
    "12 février 2015 à 10 h 00 CET" in French; "" for no time."""
    if value is None:
        return ""
    local = in_agency_zone(value, agency)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        return gettext("%(time)s %(zone)s, %(date)s") % {
            "time": date_format(local, "TIME_FORMAT"),
            "zone": zone_abbreviation(local),
            "date": written_day(local.date(), language),
        }
