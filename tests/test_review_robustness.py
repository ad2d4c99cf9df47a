"""Odd input never breaks a page: a journalist's URL or an editor's form, never a 500;
and an admin action checks the permission of what it does."""

import feedparser
import pytest
from django.contrib.auth.models import Permission

from releases.models import Release
from tests.factories import ReleaseFactory


@pytest.fixture
def release(db):
    return ReleaseFactory(title="Common ground in orbit")


@pytest.mark.parametrize("feed", ["/releases/feed/rss/", "/releases/feed/atom/"])
def test_feed_of_a_search_with_a_control_character_still_answers(client, release, feed):
    # A copy-paste from a PDF can carry control characters (U+0001) into the search box;
    # the list page shows the results, and the feed of that search must too.
    assert client.get("/releases/?q=%01orbit").status_code == 200

    response = client.get(f"{feed}?q=%01orbit")

    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo
    assert [entry.title for entry in parsed.entries] == ["Common ground in orbit"]


@pytest.mark.parametrize("feed", ["/releases/feed/rss/", "/releases/feed/atom/"])
@pytest.mark.parametrize("language", ["\x00", "\x01", "xx"])
def test_feed_with_an_unreadable_language_is_a_valid_feed_in_the_interface_language(
    client, release, feed, language
):
    response = client.get(feed, {"language": language})

    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo
    assert parsed.entries == []
    assert parsed.feed.get("language") == "en"  # the interface's, not the unreadable filter's


@pytest.mark.parametrize("section", ["releases-0000-01", "releases-0999-12"])
def test_sitemap_of_a_month_before_the_calendar_is_not_found(client, release, section):
    assert client.get(f"/sitemap-{section}.xml").status_code == 404


def editor_client(client, django_user_model, *codenames):
    user = django_user_model.objects.create_user(username="editor", password="pw", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="releases", codename__in=codenames)
    )
    client.force_login(user)
    return client


@pytest.mark.parametrize("version", ["abc", "", "1.5", "²", "99999999999999999999"])
def test_unlinking_a_version_that_is_not_a_number_is_not_found(client, django_user_model, release, version):
    editor = editor_client(client, django_user_model, "view_release", "change_release", "add_release")

    response = editor.post(
        f"/admin/releases/release/{release.pk}/versions/", {"action": "unlink", "version": version}
    )

    assert response.status_code == 404


def test_an_editor_who_may_not_add_releases_cannot_start_a_translation(client, django_user_model, release):
    editor = editor_client(client, django_user_model, "view_release", "change_release")

    response = editor.post(
        f"/admin/releases/release/{release.pk}/versions/", {"action": "start", "start-language": "fr"}
    )

    assert response.status_code == 403
    assert Release.objects.count() == 1
