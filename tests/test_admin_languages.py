"""The admin's language fields offer the languages the site is configured for, not a hundred."""

import pytest
from django.test import override_settings
from django.urls import reverse

from contacts.groups import EDITORS
from releases.models import Release
from tests.admin_forms import release_change_form
from tests.factories import ReleaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, staff):
    client.force_login(staff(EDITORS))
    return client


def language_choices(response) -> list[str]:
    return [code for code, _name in response.context["adminform"].form.fields["language"].choices]


def test_a_new_release_offers_the_sites_languages(editor_client, settings):
    assert settings.PRESSROOM_RELEASE_LANGUAGES == ["en", "fr"]  # the site's own by default
    page = editor_client.get(reverse("admin:releases_release_add"))
    assert language_choices(page) == ["en", "fr"]
    assert '<option value="de"' not in page.content.decode()


def test_a_release_imported_in_another_language_keeps_and_shows_it(editor_client):
    german = ReleaseFactory(draft=True, language="de", title="Start der Mission")
    url = reverse("admin:releases_release_change", args=[german.pk])
    page = editor_client.get(url)
    assert language_choices(page) == ["en", "fr", "de"]  # English, French, German
    assert '<option value="de" selected>German</option>' in page.content.decode()
    assert (
        editor_client.post(url, release_change_form(german, title="Start der Mission X")).status_code == 302
    )
    german.refresh_from_db()
    assert (german.language, german.title) == ("de", "Start der Mission X")


def test_a_language_the_site_does_not_offer_is_refused(editor_client):
    release = ReleaseFactory(draft=True)
    url = reverse("admin:releases_release_change", args=[release.pk])
    response = editor_client.post(url, release_change_form(release, language="it"))
    assert response.status_code == 200
    assert "language" in response.context["adminform"].form.errors
    assert Release.objects.get(pk=release.pk).language == "en"


@override_settings(PRESSROOM_RELEASE_LANGUAGES=["en", "fr", "de", "ja"])
def test_the_offered_languages_are_a_setting(editor_client):
    page = editor_client.get(reverse("admin:releases_release_add"))
    assert sorted(language_choices(page)) == ["de", "en", "fr", "ja"]


def test_the_translation_form_offers_the_sites_languages(editor_client):
    release = ReleaseFactory()
    page = editor_client.get(reverse("admin:releases_release_versions", args=[release.pk]))
    choices = [code for code, _name in page.context["start_form"].fields["language"].choices]
    assert choices == ["en", "fr"]


def test_the_list_filters_by_the_languages_releases_are_written_in(editor_client):
    ReleaseFactory(language="en")
    ReleaseFactory(language="de")
    page = editor_client.get(reverse("admin:releases_release_changelist"))
    language_filter = next(
        f for f in page.context["cl"].filter_specs if getattr(f, "parameter_name", "") == "language"
    )
    assert [code for code, _name in language_filter.lookup_choices] == ["en", "de"]  # English, German
    filtered = editor_client.get(reverse("admin:releases_release_changelist"), {"language": "de"})
    assert [release.language for release in filtered.context["cl"].result_list] == ["de"]
