"""Importing safely: two imports at the same moment, and files that are no press release.

The races run for real on PostgreSQL: each import in its own thread with its own database
connection, released together by a barrier. SQLite lets one writer in at a time, so there
the imports run one after the other and must end the same way.
"""

import os
import re
import resource
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import tracemalloc
from contextlib import closing, contextmanager, nullcontext
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from contacts.models import Agency, Person, PressContact
from releases.importing import Directory, DocumentError, release_import_file
from releases.importing.files import read_bytes
from releases.importing.readers import MAX_DOCUMENT_BYTES, MAX_TEXT_BYTES, read_source
from releases.importing.resolving import save_new
from releases.models import Release
from tests.factories import AgencyFactory, PersonFactory, PressContactFactory

TRIALS = 5
# One press officer per trial, so every trial introduces people the directory doesn't know.
OFFICERS = ["Claire Fontaine", "Marc Delorme", "Inès Garnier", "Paul Mercier", "Lucie Borel"]


def document(title: str, *, agency: str = "ORBA", officer: str = "Claire Fontaine") -> str:
    """A short press release, written as a press office would, with no reference."""
    email = officer.lower().replace(" ", ".").replace("è", "e") + "@orba.example"
    return (
        "Toulouse, 3 March 2025\n\n"
        + "**Press release**\n\n"
        + f"## {title}\n\n"
        + "**The bureau opens the launch window for its test flight.**\n\n"
        + "The flight follows two years of ground tests.\n\n"
        + f"### {agency} press contacts\n\n"
        + f"{officer}\nTel. +33 5 61 00 00 01\n{email}\n"
    )


def at_the_same_moment(*imports):
    """Import each file in its own thread, all at once; their results, or the errors raised.

    Each thread loads its directory, as a run of `import_releases` does when it starts, then
    waits at the barrier so that the imports collide.
    """
    barrier = threading.Barrier(len(imports))
    one_writer = threading.Lock() if connection.vendor == "sqlite" else nullcontext()
    results = [None] * len(imports)

    def run(index, path):
        try:
            directory = Directory()
            barrier.wait(timeout=10)
            with one_writer:
                results[index] = release_import_file(path=path, directory=directory, publish=True)
        except Exception as error:  # the test shows it, as a user would see it
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, path)) for i, path in enumerate(imports)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def outcomes(results) -> list[str]:
    return sorted(r.outcome if hasattr(r, "outcome") else f"{type(r).__name__}: {r}" for r in results)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("officers", ["known", "new"])
def test_the_same_new_document_imported_twice_at_once_gives_one_release(officers, write_document):
    orba = AgencyFactory(name="Orbital Bureau", acronym="ORBA", country="FR")
    if officers == "known":  # then only the release itself is new
        for name in OFFICERS:
            PressContactFactory(person=PersonFactory(name=name), agency=orba, phone="+33 5 61 00 00 01")
    failed = []
    for trial in range(1, TRIALS + 1):
        title = f"Orbital Bureau opens the launch window of trial {trial}"
        officer = OFFICERS[trial - 1]
        path = write_document(document(title, officer=officer), name=f"trial-{trial}.txt")

        results = at_the_same_moment(path, path)

        releases = list(Release.objects.filter(title=title).values_list("slug", flat=True))
        people = Person.objects.filter(name=officer).count()
        seen = outcomes(results)
        if not (
            len(releases) == 1 and people == 1 and seen in (["created", "unchanged"], ["created", "updated"])
        ):
            failed.append(f"trial {trial}: releases {releases}, {people} × {officer}, imports {seen}")
    assert not failed, f"{len(failed)} of {TRIALS} trials failed:\n" + "\n".join(failed)


@pytest.mark.django_db(transaction=True)
def test_two_documents_whose_titles_give_one_slug_both_get_a_release(write_document):
    AgencyFactory(name="Orbital Bureau", acronym="ORBA", country="FR")
    failed = []
    for trial in range(1, TRIALS + 1):
        first = write_document(document(f"Ariane test {trial}: the launch"), name=f"colon-{trial}.txt")
        second = write_document(document(f"Ariane test {trial} – the launch"), name=f"dash-{trial}.txt")

        results = at_the_same_moment(first, second)

        slugs = sorted(
            Release.objects.filter(title__startswith=f"Ariane test {trial}").values_list("slug", flat=True)
        )
        seen = outcomes(results)
        if not (len(set(slugs)) == 2 and seen == ["created", "created"]):
            failed.append(f"trial {trial}: slugs {slugs}, imports {seen}")
    assert not failed, f"{len(failed)} of {TRIALS} trials failed:\n" + "\n".join(failed)


@pytest.mark.django_db(transaction=True)
def test_two_documents_introducing_the_same_agency_at_once_create_it_once(write_document):
    failed = []
    for trial in range(1, TRIALS + 1):
        acronym = f"OBX{trial}"
        first = write_document(
            document(f"First flight of {acronym}", agency=acronym, officer=OFFICERS[trial - 1]),
            name=f"first-{trial}.txt",
        )
        second = write_document(
            document(f"Second flight of {acronym}", agency=acronym, officer=OFFICERS[-trial]),
            name=f"second-{trial}.txt",
        )

        results = at_the_same_moment(first, second)

        agencies = list(Agency.objects.filter(acronym=acronym).values_list("slug", flat=True))
        issuers = set(
            Release.objects.filter(title__endswith=f"flight of {acronym}").values_list("agency", flat=True)
        )
        seen = outcomes(results)
        if not (len(agencies) == 1 and len(issuers) == 1 and seen == ["created", "created"]):
            failed.append(f"trial {trial}: agencies {agencies}, releases by {issuers}, imports {seen}")
    assert not failed, f"{len(failed)} of {TRIALS} trials failed:\n" + "\n".join(failed)


def test_runs_started_together_on_the_demos_sqlite_file_take_turns(tmp_path):
    """The demo keeps its data in an SQLite file: four runs of `import_releases` started at once
    over the same folder (its documents introducing one agency and six people) all succeed."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
    }
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, capture_output=True, timeout=120)
    folder = tmp_path / "documents"
    folder.mkdir()
    for n, officer in enumerate([*OFFICERS, "Jeanne Roux"], start=1):
        (folder / f"{n}.txt").write_text(
            document(f"Orbital Bureau flight {n}", agency="OBZ", officer=officer)
        )

    runs = [
        subprocess.Popen(
            [*manage, "import_releases", str(folder), "--publish"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    finished = [(*run.communicate(timeout=120), run.returncode) for run in runs]

    assert [(returncode, err) for _, err, returncode in finished] == [(0, "")] * 4
    seen = [line.split(": ")[1].split()[0] for out, _, _ in finished for line in out.splitlines()[:-1]]
    assert sorted(set(seen)) == ["created", "unchanged"] and seen.count("created") == 6
    with closing(sqlite3.connect(tmp_path / "demo.sqlite3")) as database:
        counts = [
            database.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("releases_release", "contacts_agency", "contacts_person")
        ]
    assert counts == [6, 1, 6]


@pytest.mark.django_db
def test_a_row_breaking_a_rule_of_the_whole_table_is_refused_with_a_clear_line():
    AgencyFactory(name="Centre national d'études spatiales", acronym="CNES")

    with pytest.raises(DocumentError) as refused:
        save_new(Agency(name="Another CNES", acronym="CNES"), 7, "agency")

    assert refused.value.line == 7
    assert str(refused.value).startswith("line 7: agency “Another CNES (CNES)”: ")
    assert "\n" not in str(refused.value)
    assert Agency.objects.filter(acronym="CNES").count() == 1


# Files that are no press release ---------------------------------------------------------------


def virtual_memory_bytes() -> int:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"^VmSize:\s+(\d+) kB", status, re.M)[1]) * 1024


@contextmanager
def bounded_memory(headroom: int = 256 * 1024 * 1024):
    """Measure the Python memory a block allocates (`.peak`), and stop it (MemoryError) well
    before it could take the machine's: the old importer read /dev/zero until it ran out."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = virtual_memory_bytes() + headroom
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    measured = type("Measured", (), {"peak": 0})()
    tracemalloc.start()
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    try:
        yield measured
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        measured.peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


def import_command(*paths):
    """Run `import_releases` as a user would: (stdout, stderr), whatever happens."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_releases", *map(str, paths), "--publish", stdout=out, stderr=err)
    except CommandError as error:
        err.write(f"CommandError: {error}\n")
    return out.getvalue(), err.getvalue()


@pytest.fixture
def fifo(tmp_path):
    """A named pipe nobody writes to. Should a reader open it and wait, a writer comes after
    three seconds with a little text, so that the old importer's test fails instead of hanging."""
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)

    def late_writer():
        time.sleep(3)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # nobody is reading it: the importer refused it
            return
        os.write(fd, b"Not a press release\n")
        os.close(fd)

    threading.Thread(target=late_writer, daemon=True).start()
    return path


@pytest.fixture
def zero_link(tmp_path):
    path = tmp_path / "zero.txt"
    path.symlink_to("/dev/zero")
    return path


@pytest.fixture
def growing_file(tmp_path, monkeypatch):
    """A file that was 1 KB when its size was taken, and has grown past the limit since:
    stat() still says 1 KB (as it did when checked); reading finds 3 MB."""
    path = tmp_path / "growing.txt"
    path.write_bytes(b"Paris, 28 October 2013\n" + b"x" * 1000)
    small = os.stat(path)
    with path.open("ab") as grown:
        grown.write(b"\xff" * (3 * 1024 * 1024))
    real_stat, real_fstat = os.stat, os.fstat

    def as_when_checked(result):
        if (result.st_dev, result.st_ino) != (small.st_dev, small.st_ino):
            return result
        fields = list(result[:10])
        fields[stat.ST_SIZE] = small.st_size
        return os.stat_result(fields)

    monkeypatch.setattr(os, "stat", lambda *a, **kw: as_when_checked(real_stat(*a, **kw)))
    monkeypatch.setattr(os, "fstat", lambda *a, **kw: as_when_checked(real_fstat(*a, **kw)))
    return path


BAD_FILES = {
    "/dev/zero": (lambda request: Path("/dev/zero"), "not a regular file"),
    "a named pipe": (lambda request: request.getfixturevalue("fifo"), "not a regular file"),
    "a symlink to /dev/zero": (lambda request: request.getfixturevalue("zero_link"), "not a regular file"),
    "a file grown past the limit": (
        lambda request: request.getfixturevalue("growing_file"),
        "larger than 2 MB: not a press release",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_file_that_is_no_document_is_refused_in_bounded_memory(kind, request):
    make, reason = BAD_FILES[kind]
    path = make(request)
    started = time.monotonic()

    with bounded_memory() as memory:
        out, err = import_command(path)

    assert err.splitlines()[0] == f"{path}: failed: {reason}"
    assert "Traceback" not in out + err
    assert out.splitlines()[-1] == "1 file: 0 created, 0 updated, 0 unchanged, 1 failed."
    assert memory.peak < 2 * MAX_DOCUMENT_BYTES + 1024 * 1024  # at most the limit and a byte, read once
    assert time.monotonic() - started < 2  # nothing waited for a writer


def test_a_folder_is_no_document(tmp_path):
    with pytest.raises(DocumentError, match="^not a regular file$"):
        read_bytes(tmp_path)


def test_reading_stops_one_byte_past_the_limit(tmp_path):
    path = tmp_path / "big.docx"
    path.write_bytes(b"a" * (MAX_DOCUMENT_BYTES + 1))
    exactly = tmp_path / "exactly.docx"
    exactly.write_bytes(b"a" * MAX_DOCUMENT_BYTES)

    with pytest.raises(DocumentError, match="larger than 10 MB"):
        read_bytes(path)
    assert len(read_bytes(exactly)) == MAX_DOCUMENT_BYTES


def test_a_text_file_keeps_its_own_smaller_limit():
    with pytest.raises(DocumentError, match="larger than 2 MB"):
        read_source("big.txt", b"a" * (MAX_TEXT_BYTES + 1))
    assert len(read_source("exactly.txt", b"a" * MAX_TEXT_BYTES).markdown) == MAX_TEXT_BYTES


@pytest.mark.django_db
def test_every_failure_of_the_command_is_one_line_and_the_run_goes_on(tmp_path, write_document, zero_link):
    missing = tmp_path / "missing.txt"
    latin1 = tmp_path / "latin1.txt"  # bytes no text encoding explains (0x81 and 0x8d are unused in cp1252)
    latin1.write_bytes(b"Paris, 28 octobre 2013\n\nCommuniqu\x81\x8d")
    good = write_document(document("Orbital Bureau opens its launch window"), name="good.txt")
    odd_name = tmp_path / os.fsdecode(b"caf\xe9.txt")  # a name that is not UTF-8
    odd_name.write_bytes(b"Paris, 31 February 2014\n\n## A title\n")  # a date that cannot be

    with bounded_memory():
        out, err = import_command(missing, zero_link, latin1, odd_name, good)

    failures = err.splitlines()
    assert [line.split(": failed: ")[0] for line in failures[:4]] == [
        str(missing),
        str(zero_link),
        f"{latin1}:3",
        str(tmp_path / "caf\\xe9.txt") + ":1",  # its line: a date that cannot be
    ]
    assert all(re.fullmatch(r"\S+: failed: [^\n]+", line) for line in failures[:4]), failures
    assert failures[4] == "CommandError: 4 of 5 files failed."
    assert "Traceback" not in out + err
    assert out.splitlines()[0].startswith(f"{good}: created /releases/")
    assert Release.objects.count() == 1
    assert PressContact.objects.count() == 1
