"""What the list's filters offer, and how many releases match, without scanning the archive.

Every answer starts from Release.objects.public(), and each is an index probe or a bounded
scan: the cost stays the same from a thousand releases to a million.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from contacts.models import Agency
from releases import search
from releases.models import Release, Topic

# Counted exactly up to here; beyond, estimated (PostgreSQL) or "more than" (SQLite).
EXACT_UP_TO = 1000


def public_agencies(request=None):
    """Agencies that issued or are named by a public release."""
    return Agency.objects.with_public_releases().order_by("name")


def public_topics(request=None):
    public = Release.objects.public().filter(topics=OuterRef("pk"))
    return Topic.objects.filter(Exists(public)).order_by("name")


def public_years() -> list[int]:
    """From the newest public release's year back to the oldest's: two index probes."""
    public = Release.objects.public().order_by()
    newest = public.order_by("-dateline_date").values_list("dateline_date", flat=True).first()
    if newest is None:
        return []
    oldest = public.order_by("dateline_date").values_list("dateline_date", flat=True).first()
    return list(range(newest.year, oldest.year - 1, -1))


def public_languages() -> list[tuple[str, str]]:
    """The languages public releases are written in, by name: one index probe per language."""
    names = dict(Release._meta.get_field("language").choices)
    codes = languages_of(Release.objects.public())
    return sorted(((code, names.get(code, code)) for code in codes), key=lambda choice: str(choice[1]))


def languages_of(releases) -> list[str]:
    """The language codes these releases are written in, in order: one index probe each.

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


def count(queryset, *, at_least: int = 0) -> Count:
    """Count exactly up to EXACT_UP_TO rows; beyond, the planner's estimate, never a scan.

    `at_least`: a lower bound the caller already knows (say, a full page of ranked results).
    """
    if at_least <= EXACT_UP_TO:
        exact = queryset.order_by().values("pk")[: EXACT_UP_TO + 1].count()
        if exact <= EXACT_UP_TO:
            return Count(exact)
    estimate = search.estimated_count(queryset)
    if estimate is None or estimate <= EXACT_UP_TO:
        return Count(EXACT_UP_TO, exact=False, at_least=True)
    return Count(estimate, exact=False)
