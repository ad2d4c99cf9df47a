"""Search engines, link previews and feed readers find the public site, and only it."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import localtime

from releases.models import Release
from tests.factories import AgencyFactory, PersonFactory, ReleaseFactory, TopicFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def xml_of(client, url) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def sitemap_entries(client) -> dict[str, str | None]:
    """Every address in every section the sitemap index lists, with its lastmod."""
    index = xml_of(client, reverse("sitemap"))
    entries = {}
    for section in index.iter(f"{SITEMAP}loc"):
        path = section.text.removeprefix("http://testserver")
        for url in xml_of(client, path).iter(f"{SITEMAP}url"):
            lastmod = url.find(f"{SITEMAP}lastmod")
            entries[url.find(f"{SITEMAP}loc").text] = lastmod.text if lastmod is not None else None
    return entries


def head_of(response) -> str:
    content = response.content.decode()
    return content[: content.index("</head>")]


def json_ld_of(response) -> list[dict]:
    scripts = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(script) for script in scripts]


def meta(response, name: str) -> list[str]:
    """The content of the page's <meta property|name=...> tags, entities decoded."""
    pattern = rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">'
    return [unescape(value) for value in re.findall(pattern, head_of(response))]


def canonical(response) -> str | None:
    found = re.findall(r'<link rel="canonical" href="([^"]*)">', head_of(response))
    assert len(found) <= 1
    return found[0].replace("&amp;", "&") if found else None


# --- sitemap.xml ---------------------------------------------------------------------------


def test_the_sitemap_lists_public_releases_by_month_with_when_they_changed(client):
    old = ReleaseFactory(dateline_date=date(2013, 10, 28))
    next_month = ReleaseFactory(dateline_date=date(2013, 11, 1))
    new = ReleaseFactory(dateline_date=date(2024, 5, 1))

    index = xml_of(client, reverse("sitemap"))
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    entries = sitemap_entries(client)

    assert "http://testserver/sitemap-releases-2024-05.xml" in sections
    assert "http://testserver/sitemap-releases-2013-10.xml" in sections
    assert "http://testserver/sitemap-releases-2013-11.xml" in sections
    for release in (old, next_month, new):
        changed = localtime(release.updated_at).date()  # the site's day, as the sitemap gives it
        assert entries[f"http://testserver{release.get_absolute_url()}"] == changed.isoformat()
    october_2013 = xml_of(client, "/sitemap-releases-2013-10.xml")
    assert [loc.text for loc in october_2013.iter(f"{SITEMAP}loc")] == [
        f"http://testserver{old.get_absolute_url()}"
    ]


@pytest.mark.parametrize("other_releases", [5, 50])
def test_a_sitemap_section_reads_its_month_alone_in_one_query(
    client, django_assert_num_queries, other_releases
):
    """However many releases the archive holds, a section gives its month's, read in one query
    (no COUNT, no other month's rows)."""
    march = [ReleaseFactory(dateline_date=date(2021, 3, day)) for day in (1, 15, 31)]
    for n in range(other_releases):
        ReleaseFactory(dateline_date=date(2021, 2 + 2 * (n % 2), 1 + n % 28))  # February and April

    with django_assert_num_queries(1) as queries:
        section = xml_of(client, "/sitemap-releases-2021-03.xml")

    assert "COUNT(" not in queries.captured_queries[0]["sql"].upper()
    assert [loc.text for loc in section.iter(f"{SITEMAP}loc")] == [
        f"http://testserver{release.get_absolute_url()}" for release in reversed(march)
    ]


def test_the_sitemap_lists_the_home_page_the_list_the_directory_agencies_and_people(client):
    release = ReleaseFactory()
    person = PersonFactory(name="Ada Quill")

    entries = sitemap_entries(client)

    for path in [
        "/",
        "/releases/",
        "/press-contacts/",
        release.agency.get_absolute_url(),
        person.get_absolute_url(),
    ]:
        assert f"http://testserver{path}" in entries


def test_the_sitemap_never_lists_a_release_the_public_may_not_see(client):
    ReleaseFactory(title="Public release")
    draft = ReleaseFactory(draft=True)
    review = ReleaseFactory(status=Release.Status.REVIEW)
    scheduled = ReleaseFactory(scheduled=True)
    embargoed = ReleaseFactory(embargoed=True, dateline_date=date(2030, 1, 1))  # a year of its own

    index = client.get(reverse("sitemap")).content.decode()
    entries = sitemap_entries(client)

    for release in (draft, review, scheduled, embargoed):
        assert f"http://testserver{release.get_absolute_url()}" not in entries
        assert (
            release.slug
            not in client.get(f"/sitemap-releases-{release.dateline_date:%Y-%m}.xml").content.decode()
        )
    assert "2030" not in index  # not even the year of an embargoed release


def test_the_sitemap_never_lists_agencies_or_people_only_an_embargoed_release_names(client):
    agency = AgencyFactory(name="Secret partner", is_listed=False)
    person = PersonFactory(name="Secret negotiator", is_listed=False)
    embargoed = ReleaseFactory(embargoed=True, agency=agency)
    embargoed.mentioned_people.add(person)

    entries = sitemap_entries(client)

    assert f"http://testserver{agency.get_absolute_url()}" not in entries
    assert f"http://testserver{person.get_absolute_url()}" not in entries


def test_the_sitemap_index_never_counts_the_archive(client, django_assert_max_num_queries):
    for year in range(2010, 2025):
        ReleaseFactory(dateline_date=date(year, 6, 1))

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("sitemap")).status_code == 200

    assert len(queries) <= 2  # the newest and the oldest dateline
    for query in queries:
        assert "COUNT(" not in query["sql"].upper()
        assert "MAX(" not in query["sql"].upper()


def test_an_unknown_sitemap_section_is_not_found(client):
    assert client.get("/sitemap-secrets.xml").status_code == 404
    assert client.get("/sitemap-releases-twenty.xml").status_code == 404
    assert client.get("/sitemap-releases-2013-13.xml").status_code == 404
    assert client.get("/sitemap-releases-2013.xml").status_code == 404  # a year: sections are months


# --- robots.txt ----------------------------------------------------------------------------


def test_robots_txt_opens_the_public_site_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /releases/preview/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /" not in lines


# --- canonical addresses ------------------------------------------------------------------


def test_every_public_page_names_its_canonical_address(client):
    release = ReleaseFactory()
    person = PersonFactory()

    for path in [
        "/",
        "/releases/",
        release.get_absolute_url(),
        release.agency.get_absolute_url(),
        person.get_absolute_url(),
        "/press-contacts/",
    ]:
        assert canonical(client.get(path + "?utm_source=newsletter")) == f"http://testserver{path}", path


def test_the_lists_canonical_address_keeps_its_filters_and_page_and_drops_the_rest(client):
    agency = AgencyFactory(acronym="CNES")
    for _ in range(25):
        ReleaseFactory(agency=agency, title="Ariane news")

    response = client.get(f"/releases/?agency={agency.slug}&topic=&year=&utm_source=x", follow=True)
    assert canonical(response) == f"http://testserver/releases/?agency={agency.slug}"
    # The next page, by cursor; and a search's second page of results, by number.
    next_page = re.search(r'href="\?([^"]*after=[^"]*)"', response.content.decode())[1].replace("&amp;", "&")
    after = re.search(r"after=([^&]+)", next_page)[1]
    assert canonical(client.get(f"/releases/?{next_page}")) == (
        f"http://testserver/releases/?agency={agency.slug}&after={after}"
    )
    assert (
        canonical(client.get("/releases/?q=Ariane&page=2")) == "http://testserver/releases/?q=Ariane&page=2"
    )
    assert canonical(client.get("/releases/?q=Ariane&page=1")) == "http://testserver/releases/?q=Ariane"


# --- a release shared and indexed ---------------------------------------------------------


def test_a_release_page_describes_itself_for_link_previews(client):
    topic = TopicFactory(name="Launchers")
    release = ReleaseFactory(
        title="Ariane 6 flies",
        lead="The **first** flight went well.",
        language="fr",
        topics=[topic],
    )
    url = f"http://testserver{release.get_absolute_url()}"

    response = client.get(release.get_absolute_url())

    assert meta(response, "og:type") == ["article"]
    assert meta(response, "og:title") == ["Ariane 6 flies"]
    assert meta(response, "og:description") == ["The first flight went well."]
    assert meta(response, "og:url") == [url]
    assert meta(response, "og:site_name") == ["Pressroom"]
    assert meta(response, "og:locale") == ["fr"]
    assert meta(response, "article:published_time") == [localtime(release.published_at).isoformat()]
    assert meta(response, "article:modified_time") == [localtime(release.updated_at).isoformat()]
    assert meta(response, "article:tag") == ["Launchers"]
    assert meta(response, "twitter:card") == ["summary"]
    assert meta(response, "twitter:title") == ["Ariane 6 flies"]


def test_a_release_page_carries_a_news_article_for_search_engines(client):
    agency = AgencyFactory(
        name="Centre national d'études spatiales", acronym="CNES", website="https://cnes.fr"
    )
    release = ReleaseFactory(
        agency=agency,
        title="CNES and JAXA meet",
        lead="They met in Tokyo.",
        language="fr",
        reference_prefix="PR",
        reference_number="083",
        reference_year=2013,
        dateline_date=date(2013, 10, 28),
    )
    url = f"http://testserver{release.get_absolute_url()}"

    (article,) = json_ld_of(client.get(release.get_absolute_url()))

    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "CNES and JAXA meet"
    assert article["description"] == "They met in Tokyo."
    assert article["inLanguage"] == "fr"
    assert article["url"] == url
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert article["identifier"] == "PR083 - 2013"
    assert article["dateline"] == "Paris, le 28 octobre 2013"
    # The publication time, not the dateline's date; and when it last changed.
    assert article["datePublished"] == localtime(release.published_at).isoformat(timespec="seconds")
    assert article["dateModified"] == localtime(release.updated_at).isoformat(timespec="seconds")
    assert article["author"] == {
        "@type": "Organization",
        "name": "Centre national d'études spatiales",
        "alternateName": "CNES",
        "url": f"http://testserver{agency.get_absolute_url()}",
        "sameAs": "https://cnes.fr",
    }
    assert article["publisher"] == {"@type": "Organization", "name": "Pressroom", "url": "http://testserver/"}


def test_a_hostile_title_stays_inside_the_json_ld(client):
    title = '</script><script>alert("owned")</script> & <!-- R&D'
    release = ReleaseFactory(title=title)

    response = client.get(release.get_absolute_url())

    assert "<script>alert(" not in response.content.decode()
    (article,) = json_ld_of(response)
    assert article["headline"] == title


def test_the_staff_preview_is_never_offered_for_indexing_or_sharing(admin_client):
    for release in [ReleaseFactory(draft=True), ReleaseFactory(embargoed=True), ReleaseFactory()]:
        response = admin_client.get(reverse("releases:preview", kwargs={"pk": release.pk}))

        assert response.status_code == 200
        assert meta(response, "robots") == ["noindex, nofollow"]
        assert canonical(response) is None
        assert json_ld_of(response) == []
        assert meta(response, "og:url") == meta(response, "og:title") == []


def test_releases_the_public_may_not_see_have_no_public_page_to_describe(client):
    for release in [
        ReleaseFactory(draft=True),
        ReleaseFactory(scheduled=True),
        ReleaseFactory(embargoed=True),
    ]:
        assert client.get(release.get_absolute_url()).status_code == 404


# --- feed links on the pages ---------------------------------------------------------------


def feed_links(response) -> dict[str, str]:
    links = re.findall(
        r'<link rel="alternate" type="application/(rss|atom)\+xml" title="[^"]*" href="([^"]*)">',
        head_of(response),
    )
    return {kind: href.replace("&amp;", "&") for kind, href in links}


def test_release_pages_and_the_home_page_offer_the_feed_of_every_release(client):
    release = ReleaseFactory()

    for path in ["/", release.get_absolute_url()]:
        assert feed_links(client.get(path)) == {"rss": "/releases/feed/rss/", "atom": "/releases/feed/atom/"}


def test_the_list_offers_the_feed_of_its_filters_and_search(client):
    agency = AgencyFactory(acronym="CNES")
    ReleaseFactory(agency=agency)

    response = client.get(f"/releases/?agency={agency.slug}&q=JAXA&order=newest&page=1")

    query = f"agency={agency.slug}&q=JAXA"  # the feed is newest first whatever the order
    assert feed_links(response) == {
        "rss": f"/releases/feed/rss/?{query}",
        "atom": f"/releases/feed/atom/?{query}",
    }
    body = response.content.decode()
    assert "Follow these releases by feed" in body
    assert f'href="/releases/feed/rss/?{query.replace("&", "&amp;")}"' in body


def test_the_unfiltered_list_offers_the_feed_of_every_release(client):
    ReleaseFactory()

    response = client.get("/releases/")

    assert feed_links(response) == {"rss": "/releases/feed/rss/", "atom": "/releases/feed/atom/"}
    assert "Follow all releases by feed" in response.content.decode()


def test_an_agency_page_offers_the_feed_of_its_releases(client):
    agency = AgencyFactory(name="Agence spatiale", acronym="AS")
    ReleaseFactory(agency=agency)

    response = client.get(agency.get_absolute_url())

    assert feed_links(response) == {
        "rss": f"/releases/feed/rss/?agency={agency.slug}",
        "atom": f"/releases/feed/atom/?agency={agency.slug}",
    }
    assert 'title="Releases from or mentioning AS (RSS)"' in head_of(response)
    assert "Follow AS by feed" in response.content.decode()
