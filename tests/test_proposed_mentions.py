"""An editor's text names agencies and people of the directory: the admin proposes them as
mentions, found as the importer finds them, to confirm or decline."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from contacts.groups import EDITORS, PUBLISHERS
from releases.importing import Directory
from releases.mentions import found_mentions
from releases.models import Release
from tests.admin_forms import admin_form_data, release_change_form
from tests.factories import AgencyFactory, PersonFactory, ReleaseFactory

pytestmark = pytest.mark.django_db

BODY = "JAXA and its partners signed the agreement in Tokyo, said Jean-Yves Le Gall."


@pytest.fixture
def editor_client(client, staff):
    client.force_login(staff(EDITORS))
    return client


@pytest.fixture
def jaxa():
    return AgencyFactory(name="Japan Aerospace Exploration Agency", acronym="JAXA", country="JP")


@pytest.fixture
def le_gall():
    return PersonFactory(name="Jean-Yves Le Gall")


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def proposals(response) -> list[tuple[str, str]]:
    form = response.context["adminform"].form
    return list(form.fields["proposed_mentions"].choices) if "proposed_mentions" in form.fields else []


def test_an_editor_confirms_one_mention_found_in_the_text_and_declines_the_other(
    editor_client, jaxa, le_gall
):
    agency = AgencyFactory()
    form = release_change_form(
        Release(agency=agency, title="An agreement with Japan", slug="an-agreement", body=BODY),
        status=Release.Status.DRAFT,
    )
    del form["loaded_version"]
    created = editor_client.post(reverse("admin:releases_release_add"), form)
    release = Release.objects.get(slug="an-agreement")
    change_url = reverse("admin:releases_release_change", args=[release.pk])
    assert created["Location"] == change_url  # back to the form: there is something to confirm
    assert "Found in the text: JAXA, Jean-Yves Le Gall." in " ".join(messages_of(created))

    page = editor_client.get(change_url)
    assert proposals(page) == [(f"agency:{jaxa.pk}", str(jaxa)), (f"person:{le_gall.pk}", str(le_gall))]
    shown = admin_form_data(page)
    assert shown["proposed_mentions"] == [f"agency:{jaxa.pk}", f"person:{le_gall.pk}"]  # ticked

    shown["proposed_mentions"] = [f"agency:{jaxa.pk}"]  # the editor unticks Jean-Yves Le Gall
    saved = editor_client.post(change_url, shown)
    assert saved.status_code == 302 and saved["Location"] != change_url
    assert "Mentions added: JAXA." in messages_of(saved)
    assert list(release.mentioned_agencies.all()) == [jaxa]
    assert list(release.mentioned_people.all()) == []
    assert proposals(editor_client.get(change_url)) == []  # declined: not proposed again

    release.refresh_from_db()
    rewritten = release_change_form(release, body=BODY + " The first joint mission flies in 2027.")
    assert editor_client.post(change_url, rewritten)["Location"] == change_url
    assert proposals(editor_client.get(change_url)) == [(f"person:{le_gall.pk}", str(le_gall))]


def test_the_admin_finds_the_mentions_the_importer_found(client, staff, seed_release):
    client.force_login(staff(PUBLISHERS))  # the seed is public: a publisher corrects it
    imported_agencies = set(seed_release.mentioned_agencies.all())
    imported_people = set(seed_release.mentioned_people.all())
    assert imported_agencies and imported_people
    found = found_mentions(seed_release, Directory())
    assert (set(found.agencies), set(found.people)) == (imported_agencies, imported_people)

    seed_release.mentioned_agencies.clear()
    seed_release.mentioned_people.clear()
    page = client.get(reverse("admin:releases_release_change", args=[seed_release.pk]))
    keys = {key for key, _label in proposals(page)}
    expected = {f"agency:{a.pk}" for a in imported_agencies} | {f"person:{p.pk}" for p in imported_people}
    assert keys == expected


def test_a_mention_deleted_from_the_rows_is_not_proposed_again(editor_client, jaxa):
    release = ReleaseFactory(draft=True, body=BODY)
    mention = release.agencymention_set.create(agency=jaxa)
    change_url = reverse("admin:releases_release_change", args=[release.pk])
    form = release_change_form(
        release,
        **{
            "agencymention_set-TOTAL_FORMS": "1",
            "agencymention_set-INITIAL_FORMS": "1",
            "agencymention_set-0-id": mention.pk,
            "agencymention_set-0-release": release.pk,
            "agencymention_set-0-agency": jaxa.pk,
            "agencymention_set-0-DELETE": "on",
        },
    )
    assert editor_client.post(change_url, form).status_code == 302
    assert not release.mentioned_agencies.exists()
    assert proposals(editor_client.get(change_url)) == []


def test_a_release_that_mentions_all_its_text_names_proposes_nothing(editor_client, jaxa):
    release = ReleaseFactory(draft=True, body="JAXA signed.")
    release.agencymention_set.create(agency=jaxa)
    page = editor_client.get(reverse("admin:releases_release_change", args=[release.pk]))
    assert "Mentions found in the text" not in page.content.decode()
