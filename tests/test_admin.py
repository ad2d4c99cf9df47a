"""Editors and press-office staff at work in the admin."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.groups import EDITORS, PRESS_OFFICE, PUBLISHERS
from releases.models import Release
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    PressContactFactory,
    QuoteFactory,
    ReleaseContactFactory,
    ReleaseFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, staff):
    client.force_login(staff(EDITORS))
    return client


@pytest.fixture
def press_office_client(client, staff):
    client.force_login(staff(PRESS_OFFICE))
    return client


def test_press_office_group_has_exactly_the_directory_permissions():
    codenames = set(
        Group.objects.get(name=PRESS_OFFICE).permissions.values_list("content_type__app_label", "codename")
    )
    expected = {
        ("contacts", f"{action}_{model}")
        for model in ("agency", "person", "role", "presscontact")
        for action in ("add", "change", "delete", "view")
    }
    assert codenames == expected
    assert expected <= set(Permission.objects.values_list("content_type__app_label", "codename"))


def test_press_office_staff_edit_contacts_but_never_releases(press_office_client):
    release = ReleaseFactory()
    contact = PressContactFactory()
    assert press_office_client.get(reverse("admin:contacts_presscontact_changelist")).status_code == 200
    response = press_office_client.post(
        reverse("admin:contacts_presscontact_change", args=[contact.pk]),
        {
            "person": contact.person.pk,
            "agency": contact.agency.pk,
            "phone": "01 44 76 74 04",
            "mobile": "",
            "email": "new@cnes.fr",
            "is_active": "on",
            "order": 0,
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.email, contact.phone_e164) == ("new@cnes.fr", "+33144767404")
    forbidden = press_office_client.get(reverse("admin:releases_release_changelist"))
    assert forbidden.status_code == 403
    assert "You may not see this page" in forbidden.content.decode()  # in the site's style
    assert (
        press_office_client.get(reverse("admin:releases_release_change", args=[release.pk])).status_code
        == 403
    )


def test_an_invalid_phone_number_is_shown_as_a_form_error(press_office_client):
    contact = PressContactFactory()
    response = press_office_client.post(
        reverse("admin:contacts_presscontact_change", args=[contact.pk]),
        {"person": contact.person.pk, "agency": contact.agency.pk, "phone": "12345", "order": 0},
    )
    assert response.status_code == 200
    assert "is not a valid phone number" in response.content.decode()
    contact.refresh_from_db()
    assert contact.phone != "12345"


def test_editor_writes_a_release_with_quotes_and_contacts(editor_client):
    agency, person = AgencyFactory(), PersonFactory()
    contact = PressContactFactory(agency=agency)
    topic = TopicFactory()
    data = {
        "agency": agency.pk,
        "kind": "press_release",
        "language": "en",
        "title": "A new satellite",
        "slug": "a-new-satellite",
        "reference_prefix": "PR",
        "reference_number": "012",
        "reference_year": "2026",
        "dateline_place": "Paris",
        "dateline_date": "2026-11-25",
        "lead": "The lead.",
        "body": "Some **bold** text.",
        "press_site_url": "https://cnes.fr/presse",
        "personmention_set-TOTAL_FORMS": "1",
        "personmention_set-INITIAL_FORMS": "0",
        "personmention_set-0-person": person.pk,
        "agencymention_set-TOTAL_FORMS": "1",
        "agencymention_set-INITIAL_FORMS": "0",
        "agencymention_set-0-agency": agency.pk,
        "topics": [topic.pk],
        "status": "draft",
        "quotes-TOTAL_FORMS": "1",
        "quotes-INITIAL_FORMS": "0",
        "quotes-0-person": person.pk,
        "quotes-0-text": "We did it.",
        "quotes-0-order": "0",
        "release_contacts-TOTAL_FORMS": "1",
        "release_contacts-INITIAL_FORMS": "0",
        "release_contacts-0-contact": contact.pk,
        "release_contacts-0-order": "0",
    }
    response = editor_client.post(reverse("admin:releases_release_add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    release = Release.objects.get(slug="a-new-satellite")
    assert release.reference == "PR012 - 2026"
    assert release.quotes.get().text == "We did it."
    assert release.contacts.get() == contact
    assert list(release.mentioned_people.all()) == [person]
    assert list(release.mentioned_agencies.all()) == [agency]
    assert "<strong>bold</strong>" in release.body_html
    assert not release.is_public()

    change = editor_client.get(reverse("admin:releases_release_change", args=[release.pk]))
    assert "<strong>bold</strong>" in change.content.decode()  # the rendered preview
    assert reverse("releases:preview", kwargs={"pk": release.pk}) in change.content.decode()


def test_a_status_posted_with_the_add_form_is_ignored_the_release_is_a_draft(editor_client):
    agency = AgencyFactory()
    response = editor_client.post(
        reverse("admin:releases_release_add"),
        {
            "agency": agency.pk,
            "kind": "press_release",
            "language": "en",
            "title": "T",
            "slug": "t",
            "dateline_date": "2026-11-25",
            "status": "published",
            "published_at_0": "2026-11-25",
            "published_at_1": "10:00:00",
            "quotes-TOTAL_FORMS": "0",
            "quotes-INITIAL_FORMS": "0",
            "release_contacts-TOTAL_FORMS": "0",
            "release_contacts-INITIAL_FORMS": "0",
            "agencymention_set-TOTAL_FORMS": "0",
            "agencymention_set-INITIAL_FORMS": "0",
            "personmention_set-TOTAL_FORMS": "0",
            "personmention_set-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    release = Release.objects.get()
    assert (release.status, release.published_at) == (Release.Status.DRAFT, None)


def test_the_publish_action_makes_approved_releases_public(client, staff):
    client.force_login(staff(PUBLISHERS))
    approved = ReleaseFactory.create_batch(2, approved=True)
    for release in approved:
        ReleaseContactFactory(release=release)
    response = client.post(
        reverse("admin:releases_release_changelist"),
        {"action": "publish_now", "_selected_action": [r.pk for r in approved]},
    )
    assert response.status_code == 302
    assert Release.objects.public().count() == 2


def test_editors_are_not_offered_the_publish_action(editor_client):
    draft = ReleaseFactory(approved=True)
    response = editor_client.get(reverse("admin:releases_release_changelist"))
    assert "publish_now" not in response.content.decode()
    editor_client.post(
        reverse("admin:releases_release_changelist"),
        {"action": "publish_now", "_selected_action": [draft.pk]},
    )
    assert not Release.objects.public().exists()


def test_staff_who_may_only_view_cannot_publish(client, django_user_model):
    viewer = django_user_model.objects.create_user(username="viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_release"))
    client.force_login(viewer)
    draft = ReleaseFactory(status=Release.Status.DRAFT, published_at=None)
    response = client.post(
        reverse("admin:releases_release_changelist"),
        {"action": "publish_now", "_selected_action": [draft.pk]},
    )
    assert response.status_code in (200, 302)
    assert not Release.objects.public().exists()


def test_the_release_list_runs_a_bounded_number_of_queries(editor_client, django_assert_max_num_queries):
    for release in ReleaseFactory.create_batch(30):
        QuoteFactory(release=release)
        ReleaseContactFactory(release=release)
    with django_assert_max_num_queries(15):
        response = editor_client.get(reverse("admin:releases_release_changelist"))
    assert response.status_code == 200
    assert "Release number" in response.content.decode()


def test_autocomplete_finds_agencies_people_and_contacts_for_editors(editor_client):
    AgencyFactory(name="Japan Aerospace Exploration Agency", acronym="JAXA")
    PressContactFactory(person=PersonFactory(name="Alain Delrieu"))
    url = reverse("admin:autocomplete")
    for model, field, term, expected in [
        ("agency", "agency", "JAXA", "Japan Aerospace"),
        ("person", "mentioned_people", "Delrieu", "Alain Delrieu"),
    ]:
        response = editor_client.get(
            url, {"app_label": "releases", "model_name": "release", "field_name": field, "term": term}
        )
        assert response.status_code == 200, model
        assert expected in response.content.decode()
    response = editor_client.get(
        url,
        {"app_label": "releases", "model_name": "releasecontact", "field_name": "contact", "term": "Delrieu"},
    )
    assert response.status_code == 200
    assert "Alain Delrieu" in response.content.decode()


def test_editors_see_at_a_glance_which_releases_the_public_sees(editor_client):
    now = timezone.now()
    ReleaseFactory(title="Out now")
    ReleaseFactory(title="Held back", embargo_until=now + timedelta(days=1))
    ReleaseFactory(title="Coming soon", published_at=now + timedelta(days=1))
    ReleaseFactory(title="Still a draft", status=Release.Status.DRAFT, published_at=None)
    url = reverse("admin:releases_release_changelist")

    def titles(visibility):
        response = editor_client.get(url, {"visibility": visibility})
        return {r.title for r in response.context["cl"].result_list}

    assert titles("public") == {"Out now"}
    assert titles("embargoed") == {"Held back"}
    assert titles("scheduled") == {"Coming soon"}
    assert titles("draft") == {"Still a draft"}
    page = editor_client.get(url).content.decode()
    assert "Embargoed" in page and "Scheduled" in page


def test_the_add_form_shows_no_empty_timestamps(editor_client):
    page = editor_client.get(reverse("admin:releases_release_add")).content.decode()
    assert "Created" not in page and 'name="title"' in page


@pytest.mark.parametrize("term", ["PR083 - 2013", "PR083", "pr 83", "French-Japanese"])
def test_editors_find_a_release_by_its_reference_as_written(editor_client, term):
    wanted = ReleaseFactory(
        title="French-Japanese meeting", reference_prefix="PR", reference_number="083", reference_year=2013
    )
    ReleaseFactory(title="Other", reference_prefix="PR", reference_number="084", reference_year=2013)
    response = editor_client.get(reverse("admin:releases_release_changelist"), {"q": term})
    assert list(response.context["cl"].result_list) == [wanted]


def test_the_release_change_page_fetches_its_inline_rows_with_what_they_name(admin_client):
    def queries_with(rows):
        release = ReleaseFactory()
        for _ in range(rows):
            QuoteFactory(release=release)
            ReleaseContactFactory(release=release)
            release.mentioned_people.add(PersonFactory())
            release.mentioned_agencies.add(AgencyFactory())
        with CaptureQueriesContext(connection) as queries:
            assert (
                admin_client.get(reverse("admin:releases_release_change", args=[release.pk])).status_code
                == 200
            )
        return len(queries)

    # Each more row of the four inlines costs only the one query each autocomplete widget makes
    # for its selected label (Django's AutocompleteSelect); the rows' names come with the rows.
    queries_with(1)  # warm the caches a first admin page fills
    assert queries_with(6) - queries_with(1) <= 5 * 4
