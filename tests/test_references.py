"""Reference numbers: the next of the agency's for the year, given when a release is first
scheduled or published, never given twice, even to two publishers at the same moment.

CNES's last release of 2013 was "PR083 - 2013" (imported, as written); the next CNES publishes
in 2013 is "PR084 - 2013".
"""

import importlib
import threading
from contextlib import nullcontext
from datetime import UTC, date, datetime, timedelta

import pytest
from django.apps import apps
from django.db import connection, connections, transaction
from django.utils import timezone

from releases.importing import Directory, release_import_file
from releases.models import Release
from releases.references import ReferenceCounter, release_assign_reference
from releases.services import (
    release_approve,
    release_publish,
    release_restore,
    release_start_translation,
    release_submit,
    release_withdraw,
)
from tests import workflow
from tests.conftest import SEED
from tests.factories import AgencyFactory, ReleaseContactFactory, ReleaseFactory


@pytest.fixture
def cnes(db):
    return AgencyFactory(name="Centre national d'études spatiales", acronym="CNES")


def published_reference(agency, number: str, year: int, **fields) -> Release:
    """A release of the agency already published under "PR<number> - <year>"."""
    return ReleaseFactory(
        agency=agency,
        reference_prefix=fields.pop("prefix", "PR"),
        reference_number=number,
        reference_year=year,
        dateline_date=date(year, 6, 1),
        **fields,
    )


def draft(agency, day: date, **fields) -> Release:
    return ReleaseFactory(draft=True, agency=agency, dateline_date=day, **fields)


def publish(release, at=None) -> str:
    """Submit, approve and publish as the staff do (tests/workflow.py); the reference it then
    carries."""
    with transaction.atomic():
        workflow.publish(release, at=at)
    release.refresh_from_db()
    return release.reference


def test_the_next_release_of_the_year_takes_the_next_number(cnes):
    published_reference(cnes, "083", 2013)

    assert publish(draft(cnes, date(2013, 11, 4))) == "PR084 - 2013"
    assert publish(draft(cnes, date(2013, 11, 5))) == "PR085 - 2013"


def test_scheduling_a_release_gives_it_its_reference(cnes):
    release = draft(cnes, date(2013, 11, 4))

    assert publish(release, at=timezone.now() + timedelta(days=3)) == "PR001 - 2013"
    assert release not in Release.objects.public()


def test_each_agency_numbers_its_own_releases(cnes):
    published_reference(cnes, "083", 2013)
    jaxa = AgencyFactory(acronym="JAXA", reference_prefix="PR")

    assert publish(draft(jaxa, date(2013, 11, 4))) == "PR001 - 2013"
    assert publish(draft(cnes, date(2013, 11, 4))) == "PR084 - 2013"


def test_a_new_year_starts_at_one(cnes):
    published_reference(cnes, "083", 2013)

    assert publish(draft(cnes, date(2014, 1, 6))) == "PR001 - 2014"
    assert publish(draft(cnes, date(2013, 12, 30))) == "PR084 - 2013"  # dated in 2013: 2013's


def test_the_prefix_is_the_agencys_and_the_width_its_latest_references(cnes):
    esa = AgencyFactory(acronym="ESA", reference_prefix="ESA PR ")
    published_reference(esa, "07", 2009, prefix="ESA PR ")
    cnes.reference_prefix = "CP"
    cnes.save()

    assert publish(draft(esa, date(2009, 3, 2))) == "ESA PR 08 - 2009"
    assert publish(draft(cnes, date(2024, 3, 2))) == "CP001 - 2024"  # three digits unless told


def test_an_imported_reference_is_kept_as_written(db):
    seed = release_import_file(path=SEED, directory=Directory()).release  # a draft, "PR083 - 2013"
    written = ReleaseFactory(
        draft=True, agency=seed.agency, reference_written="ESA PR 07-2009", dateline_date=date(2009, 3, 2)
    )

    assert publish(seed) == "PR083 - 2013"
    assert publish(written) == "ESA PR 07-2009"
    assert not ReferenceCounter.objects.exists()  # nothing taken from the sequence


def test_a_number_is_never_given_again_even_once_its_release_is_deleted(cnes):
    published_reference(cnes, "083", 2013)
    first = draft(cnes, date(2013, 11, 4))
    assert publish(first) == "PR084 - 2013"

    first.delete()

    assert publish(draft(cnes, date(2013, 11, 5))) == "PR085 - 2013"


def test_a_release_withdrawn_and_restored_keeps_its_reference(cnes):
    release = draft(cnes, date(2013, 11, 4))
    assert publish(release) == "PR001 - 2013"

    release_withdraw(release=release, user=workflow.publisher(), reason="Figures under review.")
    release_restore(release=release, user=workflow.publisher())
    release.refresh_from_db()

    assert release.reference == "PR001 - 2013"
    assert publish(draft(cnes, date(2013, 11, 5))) == "PR002 - 2013"


def test_language_versions_of_a_release_share_its_reference(cnes):
    english = draft(cnes, date(2013, 11, 4))
    french = release_start_translation(release=english, language="fr")

    assert publish(french) == "PR001 - 2013"
    assert publish(english) == "PR001 - 2013"
    assert publish(draft(cnes, date(2013, 11, 5))) == "PR002 - 2013"


def test_a_number_an_import_brought_in_after_the_counter_is_not_given_again(cnes):
    assert publish(draft(cnes, date(2013, 11, 4))) == "PR001 - 2013"
    published_reference(cnes, "009", 2013)  # imported afterwards, numbered by the agency

    assert publish(draft(cnes, date(2013, 11, 5))) == "PR010 - 2013"


def test_an_agency_goes_on_with_the_prefix_it_uses_most(cnes):
    for number in ("001", "002"):
        published_reference(cnes, number, 2024, prefix="CP")
    published_reference(cnes, "003", 2024, prefix="PR")
    migration = importlib.import_module("contacts.migrations.0004_agency_time_zone")

    migration.prefixes_from_references(apps, None)

    cnes.refresh_from_db()
    assert cnes.reference_prefix == "CP"


def test_a_release_with_a_reference_is_left_as_it_is(cnes):
    release = published_reference(cnes, "083", 2013)
    updated = release.updated_at

    release_assign_reference(release)

    release.refresh_from_db()
    assert (release.reference, release.updated_at) == ("PR083 - 2013", updated)


TRIALS = 5


def approved(release):
    """Submitted and approved: ready for a publisher to publish."""
    if not release.release_contacts.exists():
        ReleaseContactFactory(release=release)
    release_submit(release=release, user=workflow.editor())
    release_approve(release=release, user=workflow.publisher())
    return release


@pytest.mark.django_db(transaction=True)
def test_two_publishers_publishing_at_the_same_moment_get_two_consecutive_numbers():
    """Each publisher in a thread of its own, with its own connection and transaction, released
    together by a barrier once both transactions have begun. PostgreSQL runs them at once: the
    second waits on the counter's row. SQLite lets one writer in at a time, so there they run
    one after the other, and must end the same way."""
    cnes = AgencyFactory(acronym="CNES")
    published_reference(cnes, "083", 2013, published_at=datetime(2013, 10, 28, 9, tzinfo=UTC))
    one_writer = threading.Lock() if connection.vendor == "sqlite" else nullcontext()
    given, failed = [], []

    user = workflow.publisher()

    def publisher(pk, barrier):
        try:
            with one_writer, transaction.atomic():
                release = Release.objects.get(pk=pk)  # the transaction has begun: it has read
                barrier.wait(timeout=10)
                release_publish(release=release, user=user)
        except Exception as error:  # shown by the test, as a publisher would see it
            failed.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    for trial in range(TRIALS):
        pair = [approved(draft(cnes, date(2013, 11, 4 + trial))).pk for _ in range(2)]
        # On SQLite each waits for the other's whole transaction (one_writer): no one to wait for.
        barrier = threading.Barrier(1 if connection.vendor == "sqlite" else 2)
        threads = [threading.Thread(target=publisher, args=(pk, barrier)) for pk in pair]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        given.append(sorted(Release.objects.filter(pk__in=pair).values_list("reference_number", flat=True)))

    assert not failed
    expected = [[f"{84 + 2 * trial:03d}", f"{85 + 2 * trial:03d}"] for trial in range(TRIALS)]
    assert given == expected
    assert ReferenceCounter.objects.get(agency=cnes, year=2013).last_number == 83 + 2 * TRIALS
