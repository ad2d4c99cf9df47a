"""Who changed what: the history of releases and of the directory, read and restored in the admin."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from contacts.groups import EDITORS, PRESS_OFFICE, PUBLISHERS
from contacts.models import Agency, Person
from releases.events import ReleaseEvent
from releases.importing import Directory, DocumentError, archive, import_files
from releases.models import Release
from tests.admin_forms import admin_form_data, release_change_form
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    PressContactFactory,
    ReleaseFactory,
    RoleFactory,
)
from tests.workflow import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(django_user_model):
    def make(username, group):
        user = django_user_model.objects.create_user(username=username, password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        client = Client()
        client.force_login(user)
        client.user = user
        return client

    return make


def history_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


def version_url(obj, record):
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, record.history_id]
    )


@pytest.mark.parametrize(
    "factory, field, value",
    [
        (ReleaseFactory, "title", "A corrected title"),
        (AgencyFactory, "press_email", "presse@cnes.fr"),
        (PersonFactory, "name_latin", "Naoki Okumura"),
        (RoleFactory, "title", "Director general"),
        (PressContactFactory, "phone", "+33 1 44 76 74 04"),
    ],
)
def test_every_change_to_a_release_or_the_directory_is_recorded(factory, field, value):
    row = factory()
    before = getattr(row, field)
    setattr(row, field, value)
    row.save()
    changed, created = row.history.all()[:2]
    assert (created.history_type, changed.history_type) == ("+", "~")
    delta = changed.diff_against(created)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [(field, before, value)]


def test_an_edit_in_the_admin_shows_in_the_history_with_who_and_the_old_and_new_values(login):
    office = login("claire", PRESS_OFFICE)
    agency = AgencyFactory(name="Centre national d'études spatiales", acronym="CNES", press_email="")
    form = admin_form_data(office.get(reverse("admin:contacts_agency_change", args=[agency.pk])))
    form["press_email"] = ["presse@cnes.fr"]
    assert office.post(reverse("admin:contacts_agency_change", args=[agency.pk]), form).status_code == 302

    record = agency.history.first()
    assert record.history_user == office.user
    page = office.get(history_url(agency)).content.decode()
    assert "claire" in page
    assert "Press desk e-mail:" in page and "presse@cnes.fr" in page and "—" in page


def test_the_press_office_restores_an_earlier_version_of_an_agency(login):
    office = login("claire", PRESS_OFFICE)
    agency = AgencyFactory(name="Centre national d'études spatiales", acronym="CNES")
    first = agency.history.get()
    agency.name = "Centre national des études spatiales (typo)"
    agency.save()

    form = admin_form_data(office.get(version_url(agency, first)))
    assert form["name"] == ["Centre national d'études spatiales"]
    assert office.post(version_url(agency, first), form).status_code == 302

    agency.refresh_from_db()
    assert agency.name == "Centre national d'études spatiales"
    restored = agency.history.first()
    assert restored.history_user == office.user
    assert restored.history_change_reason.startswith("Restored the version of")


def test_an_editor_reads_an_agency_history_but_may_not_restore_it(login):
    editor = login("ed", EDITORS)
    agency = AgencyFactory(name="Japan Aerospace Exploration Agency", acronym="JAXA")
    first = agency.history.get()
    agency.name = "JAXA, renamed"
    agency.save()

    assert editor.get(history_url(agency)).status_code == 200
    version = editor.get(version_url(agency, first))
    assert version.status_code == 200 and 'name="_save"' not in version.content.decode()
    # The same POST the press office would send, by hand: refused, nothing restored.
    response = editor.post(version_url(agency, first), {"name": "Japan Aerospace Exploration Agency"})
    assert response.status_code == 403
    agency.refresh_from_db()
    assert agency.name == "JAXA, renamed"


def test_the_press_office_may_neither_read_nor_restore_a_release_history(login):
    office = login("claire", PRESS_OFFICE)
    release = ReleaseFactory(title="Secret draft", status=Release.Status.DRAFT, published_at=None)
    first = release.history.get()
    assert office.get(history_url(release)).status_code == 403
    assert office.get(version_url(release, first)).status_code == 403
    assert office.post(version_url(release, first), {"title": "Changed"}).status_code == 403
    release.refresh_from_db()
    assert release.title == "Secret draft"


def test_restoring_a_release_brings_back_its_text_not_its_state(login):
    editor = login("ed", EDITORS)
    release = ReleaseFactory(draft=True, title="Ariane 6 flies", body="The first text.")
    first = release.history.get()
    url = reverse("admin:releases_release_change", args=[release.pk])
    changed = release_change_form(release, title="Ariane 6 flies again", body="A second text.")
    assert editor.post(url, changed).status_code == 302
    release.refresh_from_db()
    publish(release)
    published_at, version = release.published_at, Release.objects.get(pk=release.pk).edit_version

    publisher = login("pub", PUBLISHERS)
    page = publisher.get(version_url(release, first))
    assert "stay as they are now" in page.content.decode()
    form = admin_form_data(page)
    assert "status" not in form and form["title"] == ["Ariane 6 flies"]
    assert "correction_note" in form  # the release is public: restoring a version corrects it
    assert editor.post(version_url(release, first), form).status_code == 403  # editors: drafts only
    form["correction_note"] = "The first title was the right one."
    assert publisher.post(version_url(release, first), form).status_code == 302

    release.refresh_from_db()
    assert (release.title, release.body) == ("Ariane 6 flies", "The first text.")
    assert release.status == Release.Status.PUBLISHED and release.published_at == published_at
    assert release.edit_version == version + 1
    assert "The first text." in release.body_html
    correction = release.events.latest_first().first()
    assert (correction.action, correction.comment) == (
        ReleaseEvent.Action.CORRECTED,
        "The first title was the right one.",
    )
    restored = release.history.first()
    assert restored.history_user == publisher.user
    assert restored.history_change_reason.startswith("Restored the version of")


def test_restoring_an_undated_version_of_a_release_published_since_is_a_form_error(login):
    release = ReleaseFactory(draft=True, dateline_date=None, title="Imported without a date")
    undated = release.history.get()
    release.dateline_date = date(2026, 3, 12)
    release.save()
    publish(release)

    publisher = login("pub", PUBLISHERS)
    form = admin_form_data(publisher.get(version_url(release, undated)))
    response = publisher.post(version_url(release, undated), {**form, "correction_note": "Undated."})
    assert response.status_code == 200
    assert "dateline_date" in response.context["adminform"].form.errors
    release.refresh_from_db()
    assert release.dateline_date == date(2026, 3, 12) and release.status == Release.Status.PUBLISHED


def test_a_deleted_release_keeps_its_history_readable(login):
    editor = login("ed", EDITORS)
    release = ReleaseFactory(draft=True, title="Deleted later")
    first, pk = release.history.get(), release.pk
    release.delete()
    assert editor.get(reverse("admin:releases_release_history", args=[pk])).status_code == 200
    version = reverse("admin:releases_release_simple_history", args=[pk, first.history_id])
    assert editor.get(version).status_code == 200
    assert editor.post(version, {"title": "Back"}).status_code == 404
    assert not Release.objects.filter(pk=pk).exists()


def test_the_history_page_lists_each_change_of_a_release_field_by_field(login):
    editor = login("ed", EDITORS)
    release = ReleaseFactory(draft=True, title="Ariane 6 flies")
    url = reverse("admin:releases_release_change", args=[release.pk])
    assert editor.post(url, release_change_form(release, title="Ariane 6 flew")).status_code == 302
    page = editor.get(history_url(release)).content.decode()
    assert "Title:" in page and "Ariane 6 flies" in page and "Ariane 6 flew" in page
    assert "ed" in page


def test_the_importer_records_the_releases_and_people_it_creates(seed_release):
    assert seed_release.history.get().history_type == "+"
    quoted = seed_release.quotes.first().person
    assert quoted.history.exists()


def test_a_history_address_with_no_id_is_not_found(admin_client):
    agency = AgencyFactory()
    assert admin_client.get("/admin/contacts/agency/abc/history/").status_code == 404
    assert admin_client.get(f"/admin/contacts/agency/{agency.pk}/history/abc/").status_code == 404
    assert admin_client.get(f"/admin/contacts/agency/{agency.pk}/history/999999/").status_code == 404
    assert Agency.objects.filter(pk=agency.pk).exists()


ARCHIVE_DOCUMENT = """\
Paris, {day} March 2026

# {title}

**The agency reports on {title}.**

“We are ready,” said {speaker}, head of the programme.

CNES
"""


@pytest.mark.django_db(transaction=True)
def test_an_archive_records_what_it_saves_and_nothing_of_a_file_that_failed(tmp_path, monkeypatch):
    """An archive's history records are written with the rest of its group, in one INSERT a
    table; a file that fails after saving leaves none."""
    AgencyFactory(acronym="CNES", name="Centre national d'études spatiales")
    paths = []
    for day, (title, speaker) in enumerate(
        [("First step", "Ada Lindqvist"), ("Second step", "Marc Olsen"), ("Third step", "Lea Brandt")],
        start=1,
    ):
        path = tmp_path / f"{day:02}.txt"
        path.write_text(ARCHIVE_DOCUMENT.format(day=day, title=title, speaker=speaker))
        paths.append(path)
    real_save = archive.save

    def failing_after_saving(parsed, **kwargs):
        result = real_save(parsed, **kwargs)
        if parsed.title == "Second step":
            raise DocumentError("refused once saved", 1)
        return result

    monkeypatch.setattr(archive, "save", failing_after_saving)
    outcomes = [result for _path, result in import_files(paths, directory=Directory(), publish=True)]

    assert isinstance(outcomes[1], DocumentError)
    assert sorted(Release.history.values_list("title", "history_type")) == [
        ("First step", "+"),
        ("Third step", "+"),
    ]
    assert sorted(Person.history.values_list("name", flat=True)) == ["Ada Lindqvist", "Lea Brandt"]
    assert sorted(Person.objects.values_list("name", flat=True)) == ["Ada Lindqvist", "Lea Brandt"]
