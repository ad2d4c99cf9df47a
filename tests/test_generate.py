"""`generate_releases N` fills a benchmark's archive: releases a journalist could have read,
whole (text, HTML, search index, links), on either database, and the database left as it was
found (its indexes) even when generating fails half-way."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from contacts.models import Agency
from releases import search
from releases.generating import writers
from releases.markdown import render_markdown
from releases.models import Release
from tests.factories import AgencyFactory

# The writer threads of PostgreSQL's COPY have their own connections: the data must be committed.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def directory():
    AgencyFactory(name="Centre national d'études spatiales", acronym="CNES", slug="cnes")


def release_indexes() -> set[str]:
    with connection.cursor() as cursor:
        return {
            index["columns"] and name
            for name, index in connection.introspection.get_constraints(cursor, "releases_release").items()
            if index["index"]
        }


def test_an_empty_directory_is_refused_with_a_message():
    with pytest.raises(CommandError, match="load_demo"):
        call_command("generate_releases", "10")


def test_generated_releases_read_as_the_editor_wrote_them(directory):
    call_command("generate_releases", "120", "--seed", "3")

    releases = Release.objects.all()
    assert releases.count() == 120
    for release in releases:  # the HTML is what the site's renderer makes of the Markdown
        assert release.body_html == render_markdown(release.body)
        assert release.lead_html == render_markdown(release.lead, inline=True)
    assert {"en", "fr"} <= set(releases.values_list("language", flat=True))
    assert releases.filter(body__contains="**").exists()  # bold phrases, in Markdown
    assert releases.filter(body_html__contains='<a href="https://').exists()  # the press kit's link


def test_public_generated_releases_are_complete_and_some_are_hidden(directory):
    call_command("generate_releases", "400", "--seed", "4")

    public = Release.objects.public()
    assert 300 < public.count() < 400  # drafts, scheduled and embargoed ones the public never sees
    assert Release.objects.filter(status=Release.Status.DRAFT).exists()
    for release in public.select_related("agency").prefetch_related("release_contacts"):
        assert release.dateline_date and release.reference  # "PR007 - 2011"
        # a press contact to call, or the issuer's press desk (the fixture's agency has no contact)
        assert release.release_contacts.all() or release.agency.slug == "cnes"
    references = list(public.values_list("agency", "reference_number", "reference_year", "language"))
    assert len(references) == len(set(references))
    assert Agency.objects.count() > 30  # an archive's issuers, not three
    assert Release.objects.filter(quotes__isnull=False).exists()
    assert Release.objects.filter(mentioned_agencies__isnull=False).exists()


def test_scheduled_and_embargoed_releases_are_a_few_whatever_the_archive(directory, monkeypatch):
    """A press office has a few dozen releases waiting for their time, not a share of its archive:
    thousands at the newest end of the index would slow every list."""
    monkeypatch.setattr("releases.generating.archive.FUTURE", 3)
    call_command("generate_releases", "400", "--seed", "7")

    waiting = Release.objects.scheduled().count() + Release.objects.embargoed().count()
    assert waiting == 3  # 2% of 400 would be some eight
    assert Release.objects.count() == 400


def test_a_generated_release_is_found_by_its_words_and_shown(directory, client):
    call_command("generate_releases", "60", "--seed", "5")

    release = Release.objects.public().first()
    name = release.title.rsplit(" ", 1)[1]  # the subject's made-up name: a rare word
    found = search.search(Release.objects.public(), search.parse(name))
    assert release in found
    page = client.get(release.get_absolute_url())
    assert page.status_code == 200
    assert release.title in page.content.decode()


def index_rows() -> list[tuple]:
    """What the search index holds of each release (PostgreSQL: its words, without positions)."""
    sql = {
        "postgresql": "SELECT id, strip(search_vector)::text FROM releases_release ORDER BY id",
        "sqlite": "SELECT rowid, title, lead, text, names FROM releases_release_fts "
        "WHERE rowid IN (SELECT id FROM releases_release) ORDER BY rowid",  # a flush leaves the FTS table
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def test_the_index_holds_what_reindex_writes(directory):
    """On PostgreSQL the vector is computed while copying: it equals the one reindex() writes."""
    call_command("generate_releases", "40", "--seed", "6")

    generated = index_rows()
    search.reindex(Release.objects.values_list("pk", flat=True))
    assert len(generated) == 40 and all(all(row) for row in generated)
    assert generated == index_rows()


def test_a_failed_generation_leaves_whole_batches_and_every_index(directory, monkeypatch):
    before = release_indexes()
    written = []
    command = "releases.management.commands.generate_releases"
    if connection.vendor == "postgresql":
        original = writers.CopyWriter.write

        def failing(self, batch):
            if written:
                raise RuntimeError("disk full")
            written.append(len(batch))
            original(self, batch)

        monkeypatch.setattr(writers.CopyWriter, "write", failing)
    else:
        original = writers.write_with_orm

        def failing(batch):
            if written:
                raise RuntimeError("disk full")
            written.append(len(batch))
            original(batch)

        monkeypatch.setattr(f"{command}.write_with_orm", failing)
    monkeypatch.setattr(f"{command}.BATCH", 50)
    with pytest.raises(RuntimeError, match="disk full"):
        call_command("generate_releases", "400")

    assert release_indexes() == before
    assert Release.objects.count() == written[0] == 50
    assert len(index_rows()) == 50  # each release written is indexed: its batch is whole
