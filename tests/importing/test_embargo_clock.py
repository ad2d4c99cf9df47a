"""An embargo line that writes no zone ("Embargoed until 10:00, 12 February 2015") means 10:00
on the clock of the agency issuing the release: 01:00 UTC from JAXA in Tokyo, 09:00 UTC from
CNES in Paris in winter, 08:00 UTC in summer. A zone the line writes is the one read."""

from datetime import UTC, datetime

import pytest

from contacts.timezones import agency_time_text
from releases.importing import Directory, archive, import_files, release_import_file
from releases.models import Release
from tests.factories import AgencyFactory

DOCUMENT = """**Embargoed until {when}**

{place}, 10 February 2015

# {acronym} announces a new mission

**The agency announces a mission to the Moon.**

The mission will launch next year.

### {acronym} press contacts

{contact}  
{email}
"""

ISSUERS = {
    "JAXA": {"place": "Tokyo", "contact": "Hana Yamada", "email": "yamada.hana@jaxa.jp"},
    "CNES": {"place": "Paris", "contact": "Alain Delrieu", "email": "alain.delrieu@cnes.fr"},
}


@pytest.fixture
def agencies(db):
    return {
        "JAXA": AgencyFactory(
            acronym="JAXA", name="Japan Aerospace Exploration Agency", time_zone="Asia/Tokyo"
        ),
        "CNES": AgencyFactory(
            acronym="CNES", name="Centre national d'études spatiales", time_zone="Europe/Paris"
        ),
    }


def document(acronym: str, when: str) -> str:
    text = DOCUMENT.format(acronym=acronym, when=when, **ISSUERS[acronym])
    return text if when else text.split("\n\n", 1)[1]  # no embargo line


def imported(write_document, acronym: str, when: str):
    path = write_document(document(acronym, when), name=f"{acronym}.txt")
    return release_import_file(path=path, directory=Directory(), publish=True)


@pytest.mark.parametrize(
    ("issuer", "when", "instant", "shown"),
    [
        (
            "JAXA",
            "10:00, 12 February 2015",
            datetime(2015, 2, 12, 1, 0, tzinfo=UTC),
            "10:00 JST, 12 February 2015",
        ),
        (
            "CNES",
            "10:00, 12 February 2015",
            datetime(2015, 2, 12, 9, 0, tzinfo=UTC),
            "10:00 CET, 12 February 2015",
        ),
        ("CNES", "10:00, 14 July 2015", datetime(2015, 7, 14, 8, 0, tzinfo=UTC), "10:00 CEST, 14 July 2015"),
    ],
)
def test_an_embargo_without_a_zone_ends_at_that_time_at_the_issuing_agency(
    agencies, write_document, issuer, when, instant, shown
):
    result = imported(write_document, issuer, when)

    release = Release.objects.get(pk=result.release.pk)
    assert not result.review, result.review.notes
    assert release.agency == agencies[issuer]
    assert release.embargo_until == instant
    assert agency_time_text(release.embargo_until, release.agency) == shown


@pytest.mark.parametrize(
    "when",
    ["10:00 CET, 12 February 2015", "10:00 Europe/Paris, 12 February 2015", "18:00 JST, 12 February 2015"],
)
def test_a_zone_the_embargo_line_writes_is_kept_whoever_issues_it(agencies, write_document, when):
    release = imported(write_document, "JAXA", when).release

    assert release.embargo_until == datetime(2015, 2, 12, 9, 0, tzinfo=UTC)


def test_without_an_embargo_a_release_is_published_on_its_date_at_the_issuing_agency(
    agencies, write_document
):
    tokyo = imported(write_document, "JAXA", when="").release
    paris = imported(write_document, "CNES", when="").release

    assert (tokyo.embargo_until, tokyo.published_at) == (None, datetime(2015, 2, 9, 15, 0, tzinfo=UTC))
    assert (paris.embargo_until, paris.published_at) == (None, datetime(2015, 2, 9, 23, 0, tzinfo=UTC))


def test_an_embargo_at_a_time_the_issuers_clocks_skip_is_left_to_an_editor(agencies, write_document):
    """At 02:00 on 29 March 2015 Paris put its clocks forward to 03:00; Tokyo did not."""
    paris = imported(write_document, "CNES", "02:30, 29 March 2015")

    assert paris.release.status == Release.Status.DRAFT
    assert paris.release.embargo_until is None
    (note,) = paris.review.notes
    assert (note.code, note.where) == ("embargo_unreadable", "line 1")
    assert "does not exist in Europe/Paris" in note.message
    tokyo = imported(write_document, "JAXA", "02:30, 29 March 2015").release
    assert tokyo.embargo_until == datetime(2015, 3, 28, 17, 30, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_an_archive_read_ahead_in_another_process_reads_each_embargo_on_its_issuers_clock(
    tmp_path, monkeypatch
):
    """The parse, which may run in another process, does not know the issuer yet."""
    AgencyFactory(acronym="JAXA", name="Japan Aerospace Exploration Agency", time_zone="Asia/Tokyo")
    AgencyFactory(acronym="CNES", name="Centre national d'études spatiales", time_zone="Europe/Paris")
    monkeypatch.setattr(archive, "FILES_PER_TRANSACTION", 1)  # the second file read ahead…
    monkeypatch.setattr(archive, "processors", lambda: 2)  # …in a process of its own
    submitted = []

    class CountingPool(archive.ProcessPoolExecutor):
        def submit(self, *args, **kwargs):
            submitted.append(args)
            return super().submit(*args, **kwargs)

    monkeypatch.setattr(archive, "ProcessPoolExecutor", CountingPool)
    paths = []
    for acronym in ("CNES", "JAXA"):
        paths.append(tmp_path / f"{acronym}.txt")
        paths[-1].write_text(document(acronym, "10:00, 12 February 2015"))

    outcomes = dict(import_files(paths, directory=Directory(), publish=True))

    assert submitted  # read in the other process
    embargoes = {path.stem: outcome.release.embargo_until for path, outcome in outcomes.items()}
    assert embargoes == {
        "CNES": datetime(2015, 2, 12, 9, 0, tzinfo=UTC),
        "JAXA": datetime(2015, 2, 12, 1, 0, tzinfo=UTC),
    }
