"""The release admin over a large archive: the list, its count, filters, search and date
hierarchy read no whole archive, and a page or a save costs the same queries whatever the
archive's size and the release's title (releases/admin_archive.py; claim_slug, unique_slug)."""

import html
import re
from datetime import date

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.groups import EDITORS, PUBLISHERS
from releases import admin_archive
from releases.models import Release, Topic
from tests.admin_forms import admin_form_data
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    ReleaseContactFactory,
    ReleaseFactory,
    StaffFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:releases_release_changelist"


@pytest.fixture
def publisher_client(client):
    client.force_login(StaffFactory(username="publisher", group=PUBLISHERS))
    return client


@pytest.fixture
def editor_client(client):
    client.force_login(StaffFactory(username="editor", group=EDITORS))
    return client


def queries_of(client, method, url, data=None) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 302), (url, response.status_code)
    return [query["sql"] for query in queries]


def titles(response) -> list[str]:
    return [release.title for release in response.context["cl"].result_list]


LISTS = [
    "",
    "?visibility=public",
    "?language=fr",
    "?dateline_date__year=2024",
    "?q=satellite",
    "?q=satellite&visibility=draft",
    "?p=2",
]


@pytest.mark.parametrize("query", LISTS)
def test_the_release_list_asks_the_same_queries_of_a_small_or_a_larger_archive(publisher_client, query):
    topic, agency = TopicFactory(), AgencyFactory()
    url = reverse(CHANGELIST) + query
    admin.site._registry[Release].list_per_page = 10  # two pages at most; restored below

    def archive_of(count):
        ReleaseFactory.create_batch(count, title="New satellite", agency=agency, topics=[topic])
        ReleaseFactory.create_batch(count, title="Nouveau satellite", language="fr", draft=True)
        return len(queries_of(publisher_client, "get", url))

    try:
        archive_of(3)  # the first list fills the caches a first admin page fills
        assert archive_of(2) == archive_of(30)
    finally:
        admin.site._registry[Release].list_per_page = 100


def test_the_list_counts_exactly_only_up_to_a_bound_and_pages_on_past_it(publisher_client, monkeypatch):
    monkeypatch.setattr(admin_archive, "EXACT_UP_TO", 5)
    monkeypatch.setattr(admin.site._registry[Release], "list_per_page", 4)
    for day in range(1, 10):
        ReleaseFactory(title=f"Release of 2024-03-{day:02}", dateline_date=date(2024, 3, day))
    url = reverse(CHANGELIST)

    sql = queries_of(publisher_client, "get", url)
    counts = [query for query in sql if "COUNT(" in query.upper()]
    assert counts and all("LIMIT 6" in query for query in counts)  # never the whole table
    page = publisher_client.get(url).content.decode()
    assert re.search(r"(more than 5|about [\d,]+) releases", page)
    last = publisher_client.get(url, {"p": 3})
    assert titles(last) == ["Release of 2024-03-01"]
    assert "9 releases" in last.content.decode()  # the list's end tells its count
    assert titles(publisher_client.get(url, {"p": 4})) == []  # past the end: empty, not an error


def test_a_short_list_shows_its_exact_count(publisher_client):
    ReleaseFactory.create_batch(3)
    assert "3 releases" in publisher_client.get(reverse(CHANGELIST)).content.decode()


def test_editors_find_a_release_by_a_word_of_its_body_or_of_its_inflections(editor_client):
    wanted = ReleaseFactory(title="Annual meeting", body="The partners signed agreements on launchers.")
    ReleaseFactory(title="Other meeting", body="Nothing signed.")
    url = reverse(CHANGELIST)
    assert titles(editor_client.get(url, {"q": "launcher"})) == [wanted.title]
    assert titles(editor_client.get(url, {"q": "agreement partners"})) == [wanted.title]


def test_a_search_with_nothing_to_search_for_finds_nothing(editor_client):
    ReleaseFactory(title="A release")
    assert titles(editor_client.get(reverse(CHANGELIST), {"q": "a"})) == []


def test_the_topic_filter_offers_the_topics_releases_have(editor_client):
    ReleaseFactory(topics=[TopicFactory(name="Launchers")])
    TopicFactory(name="Unused topic")
    page = editor_client.get(reverse(CHANGELIST)).content.decode()
    assert "Launchers" in page and "Unused topic" not in page
    launchers = Topic.objects.get(name="Launchers")
    assert len(titles(editor_client.get(reverse(CHANGELIST), {"topics__id__exact": launchers.pk}))) == 1


def test_the_date_hierarchy_offers_the_years_months_and_days_of_the_calendar(editor_client):
    ReleaseFactory(title="Old", dateline_date=date(2019, 5, 2))
    ReleaseFactory(title="New", dateline_date=date(2022, 2, 14))
    url = reverse(CHANGELIST)

    def choices(**query):
        page = editor_client.get(url, query).content.decode()
        nav = re.search(r'<nav class="toplinks">(.*?)</nav>', page, re.S)[1]
        links = re.findall(r"<a [^>]*>([^<]+)</a>", nav)
        return [" ".join(html.unescape(text).split()) for text in links]

    assert choices() == ["2019", "2020", "2021", "2022"]
    year = choices(dateline_date__year=2022)
    assert year[0] == "‹ All dates" and year[1:3] == ["January 2022", "February 2022"] and len(year) == 13
    month = choices(dateline_date__year=2022, dateline_date__month=2)
    assert month[0] == "‹ 2022" and month[1] == "1 February" and month[-1] == "28 February"
    assert titles(editor_client.get(url, {"dateline_date__year": 2022, "dateline_date__month": 2})) == ["New"]


def test_the_change_page_asks_the_same_queries_of_a_small_or_a_larger_archive(publisher_client):
    release = ReleaseFactory(title="Launch date set")
    url = reverse("admin:releases_release_change", args=[release.pk])

    def archive_of(count):
        ReleaseFactory.create_batch(count, title="Launch date set")
        return len(queries_of(publisher_client, "get", url))

    archive_of(1)
    assert archive_of(2) == archive_of(25)


def add_form(client, agency, title) -> dict:
    data = admin_form_data(client.get(reverse("admin:releases_release_add")))
    return data | {
        "agency": [str(agency.pk)],
        "title": [title],
        "slug": [re.sub(r"\W+", "-", title.lower())],
        "dateline_place": ["Paris"],
        "dateline_date": ["2024-03-01"],
        "lead": ["A new launch date."],
        "body": ["The launch is set."],
    }


def holders_of(slug, count):
    """`count` published releases hold `slug`, `slug-2`, `slug-3`…"""
    for n in range(1, count + 1):
        ReleaseFactory(slug=slug if n == 1 else f"{slug}-{n}")


def test_saving_a_new_release_asks_the_same_queries_whatever_its_title(editor_client):
    agency = AgencyFactory()
    holders_of("launch", 20)
    add = reverse("admin:releases_release_add")
    editor_client.post(add, add_form(editor_client, agency, "Warm up"))
    common = queries_of(editor_client, "post", add, add_form(editor_client, agency, "Launch"))
    rare = queries_of(editor_client, "post", add, add_form(editor_client, agency, "Zeugma"))
    assert len(common) == len(rare)


def test_publishing_takes_the_next_free_address_in_the_same_queries_however_many_hold_it(publisher_client):
    holders_of("launch", 2)
    holders_of("orbit", 25)
    author = StaffFactory(username="author", group=EDITORS)
    agency = AgencyFactory()

    def publish(title):
        release = ReleaseFactory(
            title=title, slug=title.lower(), agency=agency, approved=True, created_by=author
        )
        ReleaseContactFactory(release=release)
        url = reverse("admin:releases_release_transition", args=[release.pk, "publish"])
        queries = len(queries_of(publisher_client, "post", url))
        release.refresh_from_db()
        assert release.is_public()
        return release.slug, queries

    publish("Warm up")  # the first publication fills the caches a first one fills
    _, rare = publish("Zeugma")
    launch, two_hold_it = publish("Launch")
    orbit, many_hold_it = publish("Orbit")
    assert (launch, orbit) == ("launch-3", "orbit-26")
    assert two_hold_it == many_hold_it <= rare + 1


def test_a_long_address_takes_a_suffix_in_its_place_each_time():
    base = "a" * 200
    slugs = [ReleaseFactory(slug=base, published_at=timezone.now()).slug for _ in range(3)]
    assert slugs == [base, base[:198] + "-2", base[:198] + "-3"]


@pytest.mark.parametrize("holders", [3, 30])
def test_a_person_takes_the_next_free_slug_in_the_same_queries_however_many_hold_it(holders):
    for n in range(1, holders + 1):
        PersonFactory(name="Claire Martin", slug="claire-martin" if n == 1 else f"claire-martin-{n}")
    with CaptureQueriesContext(connection) as queries:
        person = PersonFactory(name="Claire Martin")
    assert person.slug == f"claire-martin-{holders + 1}"
    assert len(queries) == len(queries_for_a_new_person())


def queries_for_a_new_person():
    with CaptureQueriesContext(connection) as queries:
        PersonFactory(name="Zeugma Quokka")
    return queries
