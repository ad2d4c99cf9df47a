"""An archive imported as a press office brings it: many files, in groups that share a
transaction, read a group ahead in another process; the same releases as a file at a time."""

import pickle

import pytest
from django.db import IntegrityError

from contacts.models import Person
from releases.importing import Directory, DocumentError, archive, import_files, release_import_file
from releases.models import Quote, Release
from tests.factories import AgencyFactory

RELEASE = """\
Paris, {day} March 2026

# {title}

**The agency reports on {title}.**

“{quote},” said {speaker}, head of the programme.

More text of the body, as press releases have.
"""


@pytest.fixture
def archive_folder(tmp_path):
    """Five documents; the first names Ada Lindqvist in full, the fourth by surname only."""
    AgencyFactory(acronym="CNES", name="Centre national d'études spatiales")
    documents = [
        ("Mirror polished", "The mirror is polished", "Ada Lindqvist"),
        ("Antenna tested", "The antenna passed", "Marc Olsen"),
        ("Cold test begins", "The cold test begins", "Marc Olsen"),
        ("Launch date set", "We launch in June", "Lindqvist"),
        ("Team grows", "The team is growing", "Ada Lindqvist"),
    ]
    paths = []
    for day, (title, quote, speaker) in enumerate(documents, start=1):
        path = tmp_path / f"{day:02}.txt"
        path.write_text(RELEASE.format(day=day, title=title, quote=quote, speaker=speaker) + "\nCNES\n")
        paths.append(path)
    return paths


@pytest.fixture(params=["read ahead", "read here"])
def small_groups(request, monkeypatch):
    """Groups of two files, so that five files make three transactions; the next group read in
    another process, or in this one (one processor)."""
    monkeypatch.setattr(archive, "FILES_PER_TRANSACTION", 2)
    monkeypatch.setattr(archive, "processors", lambda: 2 if request.param == "read ahead" else 1)
    submitted = []

    class CountingPool(archive.ProcessPoolExecutor):
        def submit(self, *args, **kwargs):
            submitted.append(args)
            return super().submit(*args, **kwargs)

    monkeypatch.setattr(archive, "ProcessPoolExecutor", CountingPool)
    yield request.param
    assert bool(submitted) == (request.param == "read ahead")  # groups read elsewhere, or here


@pytest.mark.django_db(transaction=True)
def test_an_archive_in_groups_gives_the_releases_a_file_at_a_time_gives(archive_folder, small_groups):
    outcomes = list(import_files(archive_folder, directory=Directory(), publish=True))

    assert [path.name for path, _ in outcomes] == ["01.txt", "02.txt", "03.txt", "04.txt", "05.txt"]
    assert [result.outcome for _, result in outcomes] == ["created"] * 5
    # "Lindqvist" in the fourth is the Ada Lindqvist the first introduced, one group before.
    ada = Person.objects.get(name="Ada Lindqvist")
    fourth = Release.objects.get(title="Launch date set")
    assert [(q.person, q.text) for q in fourth.quotes.all()] == [(ada, "We launch in June")]
    assert Person.objects.filter(name__contains="Lindqvist").count() == 1

    # The same files imported one at a time, into a fresh database, agree fact for fact.
    expected = {
        release.title: (release.dateline_date, release.lead, release.body, quotes(release))
        for release in Release.objects.all()
    }
    Quote.objects.all().delete()
    Release.objects.all().delete()
    Person.objects.all().delete()
    for path in archive_folder:
        release_import_file(path=path, directory=Directory(), publish=True)
    assert {
        release.title: (release.dateline_date, release.lead, release.body, quotes(release))
        for release in Release.objects.all()
    } == expected


def quotes(release):
    return [(quote.person.name, quote.text, quote.speaker_title) for quote in release.quotes.all()]


@pytest.mark.django_db(transaction=True)
def test_a_bad_file_in_a_group_writes_nothing_and_the_others_are_kept(archive_folder, small_groups):
    archive_folder[2].write_text("Paris, 31 February 2026\n\n# An impossible date\n\n**Lead.**\n\nBody.\n")
    archive_folder.insert(1, archive_folder[0].with_name("binary.txt"))
    archive_folder[1].write_bytes(b"\x00\x01\x02 not text")

    outcomes = dict(import_files(archive_folder, directory=Directory(), publish=True))

    errors = {path.name: result for path, result in outcomes.items() if isinstance(result, Exception)}
    assert sorted(errors) == ["03.txt", "binary.txt"]
    assert errors["03.txt"].line == 1 and "31 February" in errors["03.txt"].message
    assert sorted(Release.objects.values_list("title", flat=True)) == [
        "Antenna tested",
        "Launch date set",
        "Mirror polished",
        "Team grows",
    ]
    assert not Release.objects.filter(title="An impossible date").exists()


@pytest.mark.django_db(transaction=True)
def test_a_group_a_concurrent_import_wrote_into_first_is_imported_again_file_by_file(
    archive_folder, monkeypatch
):
    monkeypatch.setattr(archive, "FILES_PER_TRANSACTION", 2)
    real_save = archive.save
    saved = []

    def conflicting_once(parsed, **kwargs):
        saved.append(parsed.title)
        if len(saved) == 4:  # the second group's second file meets a row a rival just wrote
            raise IntegrityError("duplicate key value violates unique constraint")
        return real_save(parsed, **kwargs)

    monkeypatch.setattr(archive, "save", conflicting_once)
    outcomes = list(import_files(archive_folder, directory=Directory(), publish=True))

    assert saved == ["Mirror polished", "Antenna tested", "Cold test begins", "Launch date set", "Team grows"]
    assert [result.outcome for _, result in outcomes] == ["created"] * 5
    assert Release.objects.count() == 5


def test_an_import_error_crosses_processes_with_its_line():
    error = pickle.loads(pickle.dumps(DocumentError("no such day: 31 February", 3)))
    assert (error.message, error.line, str(error)) == (
        "no such day: 31 February",
        3,
        "line 3: no such day: 31 February",
    )


@pytest.mark.django_db(transaction=True)
def test_the_same_document_twice_in_a_group_is_one_release_with_its_quote_once(archive_folder, small_groups):
    copy = archive_folder[0].with_name("01-copy.txt")
    copy.write_bytes(archive_folder[0].read_bytes())

    outcomes = list(
        import_files([archive_folder[0], copy, archive_folder[1]], directory=Directory(), publish=True)
    )

    assert [result.outcome for _, result in outcomes] == ["created", "unchanged", "created"]
    release = Release.objects.get(title="Mirror polished")
    assert [(q.person.name, q.text) for q in release.quotes.all()] == [
        ("Ada Lindqvist", "The mirror is polished")
    ]
