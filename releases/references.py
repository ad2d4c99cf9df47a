"""Reference numbers: "PR084 - 2013" after "PR083 - 2013", one sequence per issuing agency and year.

A release gets its reference when it is first scheduled or published (`release_publish` calls
`release_assign_reference`), and keeps it: unpublished and published again, it is the same.

- The number is the agency's next for the year of the release's dateline, from a counter row
  per agency and year (`ReferenceCounter`) that only goes up: a number once given is never
  given again, even when its release is deleted. The counter starts after the highest number the
  agency's releases of that year already carry (imported "PR083 - 2013" is followed by "PR084").
- Two publishers publishing at the same moment wait for each other on the counter's row
  (SELECT … FOR UPDATE on PostgreSQL; SQLite lets one writer in at a time), so each gets a
  number of its own.
- The prefix is the agency's `reference_prefix` ("PR" unless the press office sets another);
  the number has as many digits as the agency's latest reference ("083": three, the default).
- A release that has a reference keeps it exactly as written (imported ones, "ESA PR 07-2009");
  a language version takes the reference of its other versions: they are one document.
"""

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.timezones import in_agency_zone

DEFAULT_DIGITS = 3


class ReferenceCounter(models.Model):
    """The last reference number an agency gave in a year. Only goes up."""

    agency = models.ForeignKey(
        "contacts.Agency",
        on_delete=models.CASCADE,
        related_name="reference_counters",
        verbose_name=_("agency"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_reference_counter_per_agency_year"),
        ]

    def __str__(self):
        return f"{self.agency.short_name} {self.year}: {self.last_number}"


def has_reference(release) -> bool:
    return bool(release.reference_number or release.reference_written)


def reference_year(release) -> int:
    """The year of the dateline ("28 October 2013" gives "- 2013"); without one, the year on the
    agency's clock when the release goes out."""
    if release.dateline_date is not None:
        return release.dateline_date.year
    return in_agency_zone(release.published_at or timezone.now(), release.agency).year


def numbers_used(agency_id, year) -> list[str]:
    """The reference numbers the agency's releases of that year carry, whatever their prefix."""
    from releases.models import Release

    written = Release.objects.filter(agency_id=agency_id, reference_year=year).exclude(reference_number="")
    return [number for number in written.values_list("reference_number", flat=True) if number.isdigit()]


def digits(agency_id) -> int:
    """How many digits the agency writes its numbers with: as in its latest reference."""
    from releases.models import Release

    latest = (
        Release.objects.filter(agency_id=agency_id, reference_year__isnull=False)
        .exclude(reference_number="")
        .order_by("-reference_year", "-pk")
        .values_list("reference_number", flat=True)
        .first()
    )
    return len(latest) if latest and latest.isdigit() else DEFAULT_DIGITS


def next_number(agency_id, year) -> int:
    """Take the agency's next number for the year: the counter's row is locked until the caller's
    transaction ends, so a concurrent publisher waits, then takes the one after."""
    # Written first, so that on SQLite this transaction holds the write lock before it reads.
    ReferenceCounter.objects.bulk_create(
        [ReferenceCounter(agency_id=agency_id, year=year)], ignore_conflicts=True
    )
    counter = ReferenceCounter.objects.select_for_update().get(agency_id=agency_id, year=year)
    highest = max(map(int, numbers_used(agency_id, year)), default=0)
    counter.last_number = max(counter.last_number, highest) + 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def release_assign_reference(release):
    """Give a release the next reference of its agency and year, unless it has one (kept as
    written) or another language version of it has one (shared). Saves the reference; call it
    within the transaction that publishes the release. Returns the release."""
    from releases.models import Release

    if has_reference(release):
        return release
    fields = ["reference_prefix", "reference_number", "reference_year", "reference_written", "updated_at"]
    with transaction.atomic():
        version = (
            Release.objects.versions_of(release)
            .filter(agency_id=release.agency_id)
            .exclude(pk=release.pk)
            .exclude(Q(reference_number="") & Q(reference_written=""))
            .order_by("pk")
            .first()
        )
        if version is not None:
            for name in fields[:-1]:
                setattr(release, name, getattr(version, name))
        else:
            year = reference_year(release)
            number = next_number(release.agency_id, year)
            release.reference_prefix = release.agency.reference_prefix
            release.reference_number = f"{number:0{digits(release.agency_id)}d}"
            release.reference_year = year
            release.reference_written = ""
        release.save(update_fields=fields)
    return release
