"""A reviewer's sweep: nothing of a draft, in-review, scheduled or embargoed release reaches
the public by any path: pages, search, counts, filter choices, feeds, sitemaps, versions."""

import re
from datetime import date

import pytest

from releases.models import Release
from tests.factories import AgencyFactory, PersonFactory, QuoteFactory, ReleaseFactory, TopicFactory

# Words, names and years only hidden releases hold.
HIDDEN = [
    "zephyr",
    "kumquat",
    "quince",
    "papaya",
    "traduction",
    "Omega Orbital",
    "OMEGA",
    "Xylo Vantreek",
    "Yak Studies",
    "Deutsch",
    "German",
    "2001",
    "2002",
    "2030",
    "2035",
]


@pytest.fixture
def archive(db):
    """Two public releases of Alpha; hidden ones from an unlisted agency, naming an unlisted
    person and a topic of their own, in German; a draft French translation of a public one."""
    alpha = AgencyFactory(name="Alpha Launchers", acronym="ALPHA", slug="alpha")
    omega = AgencyFactory(name="Omega Orbital", acronym="OMEGA", slug="omega", is_listed=False)
    xylo = PersonFactory(name="Xylo Vantreek", slug="xylo", is_listed=False)
    topic = TopicFactory(name="Yak Studies", slug="yak")
    public = ReleaseFactory(
        agency=alpha, title="Common launch", dateline_date=date(2013, 10, 28), slug="launch"
    )
    ReleaseFactory(agency=alpha, title="Common landing", dateline_date=date(2014, 3, 5))
    hidden = [
        ReleaseFactory(draft=True, title="zephyr common", dateline_date=date(2001, 1, 1)),
        ReleaseFactory(status=Release.Status.REVIEW, title="papaya common", dateline_date=date(2002, 1, 1)),
        ReleaseFactory(scheduled=True, title="kumquat common", dateline_date=date(2030, 1, 1)),
        ReleaseFactory(embargoed=True, title="quince common", dateline_date=date(2035, 1, 1)),
    ]
    for release in hidden:
        Release.objects.filter(pk=release.pk).update(agency=omega, language="de")
        release.refresh_from_db()
        release.save()  # re-indexed as German, issued by Omega
        release.topics.add(topic)
        release.mentioned_agencies.add(omega, alpha)
        release.mentioned_people.add(xylo)
        QuoteFactory(release=release, person=xylo, text="zephyr said it")
    ReleaseFactory(draft=True, title="traduction commune", language="fr", translation_of=public)


def public_urls():
    lists = ["/releases/", "/releases/feed/rss/", "/releases/feed/atom/"]
    queries = ["q=common", "q=common&order=newest", "q=Xylo", "q=OMEGA", "q=zephyr", "q=traduction"]
    queries += ["agency=alpha&agency_role=mentioning", "after=2099-01-01_4070908800000000_999999"]
    urls = [f"{path}?{query}" for path in lists for query in queries]
    urls += ["/", "/releases/", "/releases/launch/", "/agencies/alpha/", "/press-contacts/", "/robots.txt"]
    urls += ["/sitemap.xml", "/sitemap-pages.xml", "/sitemap-agencies.xml", "/sitemap-people.xml"]
    return urls + [f"/sitemap-releases-{year}.xml" for year in (2001, 2002, 2013, 2014, 2030, 2035)]


def test_no_public_path_shows_anything_of_a_hidden_release(client, archive):
    for url in public_urls():
        body = client.get(url).content.decode()
        for word in HIDDEN:
            if word.lower() not in url.lower():  # a search echoes its own words
                assert not re.search(rf"\b{re.escape(word)}\b", body, flags=re.IGNORECASE), (url, word)


def test_a_search_counts_only_public_releases(client, archive):
    assert "2 releases" in client.get("/releases/", {"q": "common"}).content.decode()


@pytest.mark.parametrize(
    "name, hidden, unknown",
    [
        ("agency", "omega", "no-such-agency"),
        ("person", "xylo", "no-such-person"),
        ("topic", "yak", "no-such-topic"),
        ("year", "2030", "2077"),
        ("language", "de", "xx"),
    ],
)
@pytest.mark.parametrize("path", ["/releases/", "/releases/feed/rss/", "/releases/feed/atom/"])
def test_a_filter_on_something_only_hidden_releases_hold_answers_as_for_something_unknown(
    client, archive, path, name, hidden, unknown
):
    def answer(value):
        response = client.get(path, {name: value})
        body = response.content.decode()  # an empty feed is dated "now", to the second:
        body = re.sub(r"<(updated|lastBuildDate)>[^<]*</\1>", "", body)
        body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)  # the language switcher's
        return response.status_code, body.replace(hidden, "VALUE").replace(unknown, "VALUE")

    assert answer(hidden) == answer(unknown)


def test_hidden_pages_of_the_directory_are_not_found(client, archive):
    assert client.get("/agencies/omega/").status_code == 404
    assert client.get("/people/xylo/").status_code == 404
