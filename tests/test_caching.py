"""Public pages come from the cache (releases/caching.py), and never one that stopped being true.

Every test runs twice, with the pages kept in local memory and in Redis (127.0.0.1:6379, or
TEST_REDIS_URL), under keys of its own. Rows are committed as in production (transactional
tests): the content generation moves on at the commit.
"""

import os
import uuid
from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from contacts.groups import EDITORS, PUBLISHERS
from releases.caching import NOT_PUBLIC, PUBLIC_MODELS, cache_public
from releases.mentions import Mentions, release_confirm_mentions
from releases.services import release_correct, release_withdraw
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    PressContactFactory,
    QuoteFactory,
    ReleaseContactFactory,
    ReleaseFactory,
    RoleFactory,
    StaffFactory,
    TopicFactory,
)
from tests.public_urls import public_patterns

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
NOW = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)  # 10:30 in Paris, the site's time zone
DAY = date(2024, 2, 28)


@pytest.fixture(params=["local memory", "redis"], autouse=True)
def page_cache(request, settings):
    """Pages kept for ten minutes, in local memory or Redis, under a key prefix of this test's."""
    prefix = f"pressroom-test-{uuid.uuid4().hex}"
    if request.param == "redis":
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    else:
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": prefix}
    settings.CACHES = {"default": {**backend, "KEY_PREFIX": prefix}}
    settings.PRESSROOM_PAGE_CACHE_SECONDS = 600
    settings.PRESSROOM_PAGE_MAX_AGE = 60
    yield request.param
    if request.param == "redis":
        from django.core.cache import cache

        client = cache._cache.get_client(write=True)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


@pytest.fixture
def clock():
    """timezone.now(), held still and moved by the test: `clock.now = ...`."""

    class Clock:
        now = NOW

    held = Clock()
    with mock.patch("django.utils.timezone.now", side_effect=lambda: held.now):
        yield held


@pytest.fixture
def publisher():
    return StaffFactory(username="paul", group=PUBLISHERS)


def text(client, url, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


def lists(release) -> list[str]:
    """Every public page that lists a release, or links to it."""
    return [
        reverse("home"),
        reverse("releases:list"),
        reverse("releases:list") + f"?agency={release.agency.slug}",
        reverse("releases:list") + "?q=satellite",
        reverse("releases:feed-rss"),
        reverse("releases:feed-atom"),
        reverse("sitemap-section", kwargs={"section": f"releases-{release.dateline_date:%Y-%m}"}),
        release.agency.get_absolute_url(),
    ]


def listed_on(client, urls, release) -> dict[str, bool]:
    return {url: release.get_absolute_url() in text(client, url) for url in urls}


def a_release(**fields):
    return ReleaseFactory(**{"title": "Satellite launched", "dateline_date": DAY, **fields})


# Served again from the cache


def test_each_public_page_is_served_again_from_the_cache_in_one_query(
    client, clock, publisher, django_assert_max_num_queries
):
    release = a_release()
    quote = QuoteFactory(release=release)
    ReleaseContactFactory(release=release)
    clock.now += timedelta(hours=1)
    release_correct(release=release, user=publisher, note="corrected a figure")  # an earlier version
    urls = [
        *lists(release),
        release.get_absolute_url(),
        reverse("releases:earlier-version", args=[release.slug, 1]),
        quote.person.get_absolute_url(),
        reverse("contacts:directory"),
        reverse("sitemap"),
        reverse("robots"),
    ]
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200, url
        with django_assert_max_num_queries(1):
            again = client.get(url)
        assert (again.content, again["ETag"]) == (first.content, first["ETag"]), url


def test_every_public_address_goes_through_the_cache_but_the_previews():
    previews = {"releases:preview", "releases:preview-link"}
    for pattern in public_patterns():
        path = pattern.fill(**{name: "1" for name in pattern.parameters})
        cached = getattr(resolve(path).func, "caches_public_answers", False)
        assert cached is (pattern.name not in previews), pattern.route


def test_public_pages_carry_no_token_or_cookie_of_their_own(client):
    a_release()
    for url in [reverse("home"), reverse("releases:list"), reverse("contacts:directory")]:
        response = client.get(url)
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert not response.cookies
        assert {"Accept-Language", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}


# Never early, never kept too long


def test_a_scheduled_release_appears_everywhere_at_its_time_with_nobody_acting(client, clock):
    due = NOW + timedelta(hours=2)
    scheduled = a_release(published_at=due)
    ReleaseFactory(agency=scheduled.agency, dateline_date=DAY)  # the pages are not empty
    urls = lists(scheduled)
    for moment in [NOW, due - timedelta(seconds=1)]:
        clock.now = moment
        assert not any(listed_on(client, urls, scheduled).values())
        assert client.get(scheduled.get_absolute_url()).status_code == 404

    clock.now = due
    assert all(listed_on(client, urls, scheduled).values())
    assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_an_embargoed_release_is_never_served_before_its_embargo_ends(client, clock):
    lifted = NOW + timedelta(minutes=30)
    embargoed = a_release(published_at=NOW - timedelta(hours=1), embargo_until=lifted)
    editor = Client()
    editor.force_login(StaffFactory(username="edith", group=EDITORS))
    preview = editor.get(reverse("releases:preview", args=[embargoed.pk]))
    assert "Satellite launched" in preview.content.decode()  # the editor's own preview

    urls = lists(embargoed)
    clock.now = lifted - timedelta(seconds=1)
    for url in urls:  # the editor's visits keep nothing for the public
        assert "private" in editor.get(url)["Cache-Control"]
    assert not any(listed_on(client, urls, embargoed).values())
    assert client.get(embargoed.get_absolute_url()).status_code == 404

    clock.now = lifted
    assert all(listed_on(client, urls, embargoed).values())


def test_a_withdrawn_release_leaves_every_cached_page_at_once(client, publisher):
    release = a_release()
    urls = lists(release)
    assert all(listed_on(client, urls, release).values())
    assert "Withdrawn on" not in text(client, release.get_absolute_url())

    release_withdraw(release=release, user=publisher, reason="Issued in error.")
    assert not any(listed_on(client, urls, release).values())
    assert "Withdrawn on" in text(client, release.get_absolute_url())  # its page stays, with the notice


def test_a_correction_replaces_the_text_on_every_cached_page(client, clock, publisher):
    release = a_release(title="Satellite launched on Monday")
    urls = [*lists(release), release.get_absolute_url()]
    before = {url: text(client, url) for url in urls}

    clock.now += timedelta(days=1)  # the sitemap gives the day a page changed
    release.title = "Satellite launched on Tuesday"
    release_correct(release=release, user=publisher, note="the launch was on Tuesday")
    after = {url: text(client, url) for url in urls}
    for url in urls:
        assert after[url] != before[url], url
        if "sitemap" not in url:  # the sitemap gives the new time it changed, no title
            assert "on Tuesday" in after[url] and "on Monday" not in after[url], url
    assert "the launch was on Tuesday" in after[release.get_absolute_url()]


def test_a_draft_never_appears_and_an_editor_s_preview_is_never_served_to_others(client):
    a_release()
    draft = ReleaseFactory(draft=True, title="Draft about Mars", dateline_date=DAY)
    editor = Client()
    editor.force_login(StaffFactory(username="edith", group=EDITORS))
    url = reverse("releases:preview", args=[draft.pk])
    preview = editor.get(url)
    assert "Draft about Mars" in preview.content.decode()
    assert {"private", "no-store"} <= {v.strip() for v in preview["Cache-Control"].split(",")}

    assert client.get(url)["Location"].startswith(reverse("admin:login"))
    for page in lists(draft):
        assert "Draft about Mars" not in text(client, page)


def test_a_signed_in_editor_is_served_pages_made_for_them_and_keeps_none(client):
    a_release()
    editor = Client()
    editor.force_login(StaffFactory(username="edith", group=EDITORS))
    url = reverse("releases:list")
    text(client, url)  # kept for the public
    with CaptureQueriesContext(connection) as queries:
        response = editor.get(url)
    assert len(queries) > 1  # made anew, not the public's copy
    assert "private" in response["Cache-Control"]


def token(request):
    return HttpResponse(get_token(request))


def cookie(request):
    response = HttpResponse(uuid.uuid4().hex)
    response.set_cookie("seen", "yes")
    return response


def session(request):
    request.session = SessionStore()
    return HttpResponse(request.session.get("name", uuid.uuid4().hex))


@pytest.mark.parametrize("view", [token, cookie, session])
def test_an_answer_with_a_token_cookie_or_session_of_its_own_is_never_kept(rf, view):
    personal = cache_public(view)
    first, second = personal(rf.get("/personal/")), personal(rf.get("/personal/"))
    assert first.content != second.content
    assert "private" in second["Cache-Control"]


def test_a_visitor_with_messages_waiting_gets_a_page_of_their_own(client):
    client.cookies["messages"] = "anything"
    assert "private" in client.get(reverse("home"))["Cache-Control"]


def test_roles_that_end_today_are_past_from_midnight(client, clock):
    role = RoleFactory(title="Director of Launchers", end_date=date(2024, 3, 1))
    url = role.agency.get_absolute_url()
    clock.now = datetime(2024, 3, 1, 22, 59, 59, tzinfo=UTC)  # 23:59:59 in Paris
    assert "Director of Launchers" in text(client, url)
    clock.now = datetime(2024, 3, 1, 23, 0, tzinfo=UTC)  # midnight in Paris
    assert "Director of Launchers" not in text(client, url)


# Any change the public may see


def renamed(release, attribute: str, value: str):
    obj = release
    for name in attribute.split(".")[:-1]:
        obj = getattr(obj, name)
    setattr(obj, attribute.split(".")[-1], value)
    obj.save()


CHANGES = {
    "agency renamed": lambda r: renamed(r, "agency.name", "Renamed Space Agency"),
    "speaker renamed": lambda r: renamed(r, "the_quote.person.name", "Renamed Speaker"),
    "speaker's role renamed": lambda r: renamed(r, "the_role.title", "Renamed Title"),
    "quote changed": lambda r: renamed(r, "the_quote.text", "Renamed quote."),
    "press contact's phone changed": lambda r: renamed(r, "the_contact.phone", "+33 1 99 99 99 99"),
    "topic renamed": lambda r: renamed(r, "the_topic.name", "Renamed Topic"),
    "topic added": lambda r: r.topics.add(r.another_topic),
    "press contact named": lambda r: ReleaseContactFactory(
        release=r, contact=PressContactFactory(person=PersonFactory(name="Renamed Contact"))
    ),
    "quote removed": lambda r: r.the_quote.delete(),
}
SHOWN = {
    "agency renamed": "Renamed Space Agency",
    "speaker renamed": "Renamed Speaker",
    "speaker's role renamed": "Renamed Title",
    "quote changed": "Renamed quote.",
    "press contact's phone changed": "tel:+33199999999",
    "topic renamed": "Renamed Topic",
    "topic added": "Another Topic",
    "press contact named": "Renamed Contact",
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_to_a_release_s_parts_or_the_directory_shows_on_its_cached_page(client, change):
    release = a_release(dateline_date=date(2013, 10, 28))
    release.the_topic, release.another_topic = TopicFactory(), TopicFactory(name="Another Topic")
    release.topics.add(release.the_topic)
    release.the_role = RoleFactory(agency=release.agency, start_date=date(2010, 1, 1))
    release.the_quote = QuoteFactory(release=release, person=release.the_role.person)
    release.the_contact = ReleaseContactFactory(release=release).contact
    url = release.get_absolute_url()
    before = text(client, url)
    assert release.the_quote.person.name in before

    CHANGES[change](release)
    after = text(client, url)
    if change == "quote removed":
        assert release.the_quote.person.name not in after
    else:
        assert SHOWN[change] in after


NAMING = {
    "by an editor": lambda release, agency: release.mentioned_agencies.add(agency),
    # Written in bulk, without signals: the search index's write moves the generation on.
    "as a proposed mention confirmed": lambda release, agency: release_confirm_mentions(
        release=release, confirmed=Mentions([agency], []), declined_now=Mentions([], [])
    ),
}


@pytest.mark.parametrize("naming", NAMING)
def test_an_agency_named_by_a_release_lists_it_from_then_on(client, naming):
    release, named = a_release(), AgencyFactory()
    assert release.get_absolute_url() not in text(client, named.get_absolute_url())
    NAMING[naming](release, named)
    assert release.get_absolute_url() in text(client, named.get_absolute_url())


def test_every_model_is_known_to_show_on_public_pages_or_not():
    """A new model is added to one list or the other: its saves move the generation, or it
    says why no public page shows it."""
    models = {
        model._meta.label
        for app in ("releases", "contacts")
        for model in apps.get_app_config(app).get_models()
        if not hasattr(model, "instance_type")  # a history record, written with its row
    }
    assert models == set(PUBLIC_MODELS) | set(NOT_PUBLIC)


# Conditional requests and what browsers and proxies may keep


def test_a_visitor_s_copy_is_answered_304_until_the_page_changes(client, clock, publisher):
    release = a_release()
    urls = [release.get_absolute_url(), reverse("releases:list"), reverse("releases:feed-atom")]
    etags = {}
    for url in urls:
        etags[url] = client.get(url)["ETag"]
        unchanged = client.get(url, HTTP_IF_NONE_MATCH=etags[url])
        assert (unchanged.status_code, unchanged.content) == (304, b""), url
        assert unchanged["ETag"] == etags[url]

    clock.now += timedelta(hours=1)
    release.title = "Satellite launched on time"
    release_correct(release=release, user=publisher, note="the title")
    for url in urls:
        changed = client.get(url, HTTP_IF_NONE_MATCH=etags[url])
        assert changed.status_code == 200 and changed["ETag"] != etags[url], url
        assert "Satellite launched on time" in changed.content.decode()


def test_browsers_and_proxies_may_keep_a_page_a_minute_but_never_past_the_next_release(client, clock):
    a_release()
    url = reverse("releases:list")
    assert client.get(url)["Cache-Control"] == "public, max-age=60"

    a_release(published_at=NOW + timedelta(seconds=20))
    assert client.get(url)["Cache-Control"] == "public, max-age=20"
    clock.now += timedelta(seconds=5)
    assert client.get(url)["Cache-Control"] == "public, max-age=15"
    assert "no-cache" in client.get("/releases/no-such-release/")["Cache-Control"]  # a 404: kept by none


def test_with_page_caching_off_nothing_is_kept_but_copies_are_still_answered_304(client, settings):
    settings.PRESSROOM_PAGE_CACHE_SECONDS = 0
    a_release()
    url = reverse("releases:list")

    def queries_for(**headers):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, **headers)
        return response, len(queries)

    first, made = queries_for()
    again, remade = queries_for()
    assert remade == made > 1
    assert first["Cache-Control"] == "no-cache"
    assert queries_for(HTTP_IF_NONE_MATCH=first["ETag"])[0].status_code == 304


# Languages


def test_french_and_english_pages_are_kept_apart(client):
    a_release()
    for url in [reverse("home"), reverse("releases:list"), reverse("contacts:directory")]:
        for language in ["en", "fr", "en", "fr"]:
            assert f'<html lang="{language}">' in text(client, url, HTTP_ACCEPT_LANGUAGE=language)

    french = Client()
    french.get(reverse("set_language"), {"next": "/", "language": "fr"})  # the switcher's cookie
    assert '<html lang="fr">' in text(french, reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
