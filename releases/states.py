"""The states of a release, each defined once, as a condition on its fields.

A release's `status` is what an editor or publisher did last (draft, in review, approved,
published, withdrawn; releases/services/workflow.py changes it). What the public sees also
depends on the clock: a published release whose publication time or embargo is still ahead is
"scheduled" or "embargoed", with nobody acting and no worker running. Each state below is one
`Q`, and everything asks these:

- the querysets filter by them (`Release.objects.public()`, `.scheduled()`, `.in_review()`…);
- the admin's list names each release's state in SQL, from the same conditions (`with_state()`);
- a release already in memory is tested against the same conditions by `matches()`
  (`Release.visibility()`, `Release.is_public()`), never by a rule written again.
"""

import operator
from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Visibility(models.TextChoices):
    """What a release is now: its status, with "published" told apart by the clock."""

    PUBLIC = "public", _("Public")
    SCHEDULED = "scheduled", _("Scheduled")
    EMBARGOED = "embargoed", _("Embargoed")
    APPROVED = "approved", _("Approved")
    REVIEW = "review", _("In review")
    DRAFT = "draft", _("Draft")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def due(now: datetime) -> Q:
    """Its publication time has come and no embargo holds it back."""
    return Q(published_at__lte=now) & (Q(embargo_until__isnull=True) | Q(embargo_until__lte=now))


def conditions(now: datetime | None = None) -> dict[Visibility, Q]:
    """Every state's condition at `now`; each release meets exactly one."""
    now = now or timezone.now()
    published = Q(status=Status.PUBLISHED)
    return {
        Visibility.DRAFT: Q(status=Status.DRAFT),
        Visibility.REVIEW: Q(status=Status.REVIEW),
        Visibility.APPROVED: Q(status=Status.APPROVED),
        Visibility.SCHEDULED: published & (Q(published_at__isnull=True) | Q(published_at__gt=now)),
        Visibility.EMBARGOED: published & Q(published_at__lte=now, embargo_until__gt=now),
        Visibility.PUBLIC: published & due(now),
        Visibility.WITHDRAWN: Q(status=Status.WITHDRAWN),
    }


def condition(state: Visibility, now: datetime | None = None) -> Q:
    return conditions(now)[state]


# The statuses whose releases the clock brings out: their pages open at their due time.
ON_THE_CLOCK = [Status.PUBLISHED, Status.WITHDRAWN]


def public_page(now: datetime | None = None) -> Q:
    """Whose page the public may open: a public release, or a withdrawn one that had come out
    (its page stays, with the withdrawal notice); nothing the public never saw."""
    now = now or timezone.now()
    return Q(status__in=ON_THE_CLOCK) & due(now)


def next_due_times(releases: models.QuerySet, now: datetime) -> list[models.QuerySet]:
    """When the clock next changes what the public sees of `releases`, as subqueries: the first
    publication time after `now` of each status on the clock, and the first embargo end after it
    among them (what due() reads). Each is the first row of an index (release_public_idx,
    release_embargo_idx), whatever the size of the archive."""
    on_the_clock = releases.filter(status__in=ON_THE_CLOCK).order_by()
    return [
        *(
            releases.filter(status=status, published_at__gt=now)
            .order_by("published_at")
            .values("published_at")[:1]
            for status in ON_THE_CLOCK
        ),
        on_the_clock.filter(embargo_until__gt=now).order_by("embargo_until").values("embargo_until")[:1],
    ]


def state_expression(now: datetime | None = None) -> models.Case:
    """The state of each row, named in SQL from the same conditions (for annotate())."""
    whens = [models.When(q, then=models.Value(state.value)) for state, q in conditions(now).items()]
    return models.Case(*whens, output_field=models.CharField())


def state_of(release, now: datetime | None = None) -> Visibility:
    """The state of a release in memory: the one condition it meets."""
    return next(state for state, q in conditions(now).items() if matches(q, release))


# Reading a condition against a release in memory: the lookups the conditions above use, with
# SQL's rule that a comparison with NULL is never true.
COMPARISONS = {
    "exact": operator.eq,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
    "in": lambda value, values: value in values,
}


def matches(q: Q, obj) -> bool:
    """Whether `obj` meets the condition `q`, as the database would answer it."""
    results = (
        matches(child, obj) if isinstance(child, Q) else lookup_holds(obj, *child) for child in q.children
    )
    result = all(results) if q.connector == Q.AND else any(results)
    return not result if q.negated else result


def lookup_holds(obj, lookup: str, wanted) -> bool:
    name, _, kind = lookup.partition("__")
    value = getattr(obj, name)
    if kind == "isnull":
        return (value is None) is bool(wanted)
    if value is None:
        return False
    return COMPARISONS[kind or "exact"](value, wanted)
