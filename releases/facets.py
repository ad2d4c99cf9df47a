"""What the list's filters offer, and how many releases match, without scanning the archive.

Every answer starts from Release.objects.public(), and each is an index probe or a bounded
scan: the cost stays the same from a thousand releases to a million.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Subquery

from contacts.models import Agency
from releases import search
from releases.models import Release, Topic, site_release_languages

# Counted exactly up to here; beyond, estimated (PostgreSQL) or "more than" (SQLite).
EXACT_UP_TO = 1000


def public_agencies(request=None):
    """Agencies that issued or are named by a public release."""
    return Agency.objects.with_public_releases().order_by("name")


def public_topics(request=None):
    # One probe a topic, stopping at its first public release: the links' (topic, release) index
    # (migration 0017) makes it an index-only scan whatever the number of releases a topic has.
    public = Release.objects.public().filter(topics=OuterRef("pk"))
    return Topic.objects.filter(Exists(public)).order_by("name")


def public_span() -> tuple[date, date] | None:
    """The newest and the oldest dateline of the public releases: one query, two probes of the
    dateline index (never MIN and MAX, which SQLite reads by scanning)."""
    datelines = Release.objects.public().filter(dateline_date__isnull=False).values("dateline_date")
    oldest = datelines.order_by("dateline_date")[:1]
    return datelines.order_by("-dateline_date").values_list("dateline_date", Subquery(oldest)).first()


def public_years() -> list[int]:
    """From the newest public release's year back to the oldest's (public_span())."""
    span = public_span()
    if span is None:
        return []
    newest, oldest = span
    return list(range(newest.year, oldest.year - 1, -1))


def public_months() -> list[tuple[int, int]]:
    """(year, month) from the newest public release's month back to the oldest's (public_span()):
    every month between, whether or not it has a release, so no query looks at the months."""
    span = public_span()
    if span is None:
        return []
    newest, oldest = span
    last, first = newest.year * 12 + newest.month - 1, oldest.year * 12 + oldest.month - 1
    return [(month // 12, month % 12 + 1) for month in range(last, first - 1, -1)]


def public_languages() -> list[tuple[str, str]]:
    """The languages the list's filter offers: those the site publishes in
    (settings.PRESSROOM_RELEASE_LANGUAGES), by name; no query."""
    return site_release_languages()


def languages_of(releases) -> list[str]:
    """The language codes these releases are written in, in order: one index probe each (the
    admin's filter, which offers a draft's language too).

    A loose index scan: ask for the first language, then the first after it, and so on.
    """
    releases = releases.order_by("language")
    codes, last = [], None
    while True:
        following = releases.filter(language__gt=last) if last is not None else releases
        last = following.values_list("language", flat=True).first()
        if last is None:
            return codes
        codes.append(last)


@dataclass(frozen=True)
class Count:
    """How many releases match: exact, or an estimate, or only a lower bound."""

    value: int
    exact: bool = True
    at_least: bool = False

    @property
    def rounded(self) -> int:
        """An estimate to two significant figures: about 98,000, not 98,213."""
        digits = len(str(self.value)) - 2
        return round(self.value, -digits) if digits > 0 else self.value


def count(queryset) -> Count:
    """Count exactly up to EXACT_UP_TO rows; beyond, the planner's estimate, never a scan.
    One query, whatever the size of the archive."""
    counted, estimate = search.bounded_count(queryset, EXACT_UP_TO)
    return Count(counted) if counted <= EXACT_UP_TO else beyond(EXACT_UP_TO, estimate)


def beyond(bound: int, estimate: int | None) -> Count:
    """More than `bound` releases: about the planner's estimate, when it has one and says more."""
    if estimate is None or estimate <= bound:
        return Count(bound, exact=False, at_least=True)
    return Count(estimate, exact=False)
