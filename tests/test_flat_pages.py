"""Every public page costs what it costs for a handful of releases when the archive holds a
million: the same queries whatever the number of releases (counts bounded, filter choices read
by index probes or from the settings, cards read in one query), and no page but a search reads
the search index. What journalists see of the counts and the filters' choices is pinned here too.
"""

import re
from datetime import date

import pytest
from django.db import connection
from django.forms import Select
from django.http import QueryDict
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext

from releases import facets, search
from releases.filters import ReleaseFilter, SelectInOnePass
from releases.models import Release
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    PressContactFactory,
    QuoteFactory,
    ReleaseContactFactory,
    ReleaseFactory,
    RoleFactory,
    TopicFactory,
)
from tests.test_views import text_of

pytestmark = pytest.mark.django_db


class Archive:
    """Two agencies naming each other, a quoted person with a role, a press contact, a topic;
    releases added by grow(), spread over five years and two languages."""

    def __init__(self):
        self.cnes = AgencyFactory(name="Centre national d'études spatiales", acronym="CNES", slug="cnes")
        self.jaxa = AgencyFactory(name="Japan Aerospace Exploration Agency", acronym="JAXA", slug="jaxa")
        self.ada = PersonFactory(name="Ada Lovelace", slug="ada")
        RoleFactory(person=self.ada, agency=self.cnes, title="Director")
        self.contact = PressContactFactory(agency=self.cnes)
        self.topic = TopicFactory(name="Launchers", slug="launchers")
        self.releases = []

    def grow(self, count: int):
        for n in range(len(self.releases), len(self.releases) + count):
            issuer, named = (self.cnes, self.jaxa) if n % 2 else (self.jaxa, self.cnes)
            release = ReleaseFactory(
                agency=issuer,
                title=f"Satellite news {n}",
                body="A satellite story, told in full.",
                dateline_date=date(2010 + n % 5, 3, 1 + n % 25),
                language="fr" if n % 3 == 0 else "en",
                topics=[self.topic],
            )
            release.mentioned_agencies.add(named)
            QuoteFactory(release=release, person=self.ada, text="We launched.")
            ReleaseContactFactory(release=release, contact=self.contact)
            self.releases.append(release)


@pytest.fixture
def archive(monkeypatch):
    # Bounds a small archive crosses, as a big one crosses the real ones: counts exact up to 5,
    # relevance among the 5 newest matches.
    monkeypatch.setattr(facets, "EXACT_UP_TO", 5)
    monkeypatch.setattr(search, "CANDIDATES", 5)
    return Archive()


def queries_for(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200, path
    return [query["sql"] for query in captured]


PUBLIC_PAGES = [
    "/",
    "/releases/",
    "/releases/?agency=cnes&year=2012",
    "/releases/?agency=cnes&agency_role=issued",
    "/releases/?agency=cnes&agency_role=mentioning",
    "/releases/?person=ada",
    "/releases/?topic=launchers&language=fr&kind=press_release",
    "/releases/?q=satellite",
    "/releases/?q=satellite&order=newest",
    "/releases/?q=%22satellite+news%22",
    "/agencies/cnes/",
    "/agencies/jaxa/",
    "/people/ada/",
    "/press-contacts/",
    "/releases/feed/rss/",
    "/releases/feed/atom/?agency=jaxa",
    "/sitemap.xml",
    "/sitemap-releases-2012-03.xml",
    "/sitemap-agencies.xml",
    "/sitemap-people.xml",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_public_page_runs_the_same_queries_for_30_releases_as_for_3(client, archive, path):
    archive.grow(3)
    few = len(queries_for(client, path))
    archive.grow(27)
    assert len(queries_for(client, path)) == few


def test_a_release_page_runs_the_same_queries_however_big_the_archive(client, archive):
    archive.grow(3)
    page = archive.releases[0].get_absolute_url()
    few = len(queries_for(client, page))
    archive.grow(27)
    assert len(queries_for(client, page)) == few


def test_no_page_but_a_search_reads_the_search_index(client, archive):
    archive.grow(3)
    searches = {path for path in PUBLIC_PAGES if "q=" in path}
    for path in [*PUBLIC_PAGES, archive.releases[0].get_absolute_url()]:
        reading = [sql for sql in queries_for(client, path) if "search_vector" in sql]
        assert bool(reading) == (path in searches and connection.vendor == "postgresql"), path


def year_options(client) -> list[str]:
    content = client.get("/releases/").content.decode()
    select = re.search(r'<select name="year".*?</select>', content, re.S)[0]
    return re.findall(r'<option value="(\d+)"', select)


def test_the_year_filter_offers_every_year_from_the_newest_public_release_to_the_oldest(client):
    ReleaseFactory(dateline_date=date(2013, 5, 2))
    ReleaseFactory(dateline_date=date(2016, 1, 9))
    ReleaseFactory(dateline_date=date(2019, 3, 4), draft=True)
    ReleaseFactory(dateline_date=date(2009, 3, 4), scheduled=True)
    assert year_options(client) == ["2016", "2015", "2014", "2013"]
    # a year between them with no release is a choice that finds none, not an error
    response = client.get("/releases/", {"year": "2014"})
    assert "No release matches these filters." in text_of(response)
    assert "Select a valid choice" not in text_of(response)


def test_the_year_filter_offers_nothing_before_the_first_public_release(client):
    ReleaseFactory(draft=True, dateline_date=date(2013, 5, 2))
    assert year_options(client) == []


def test_the_language_filter_offers_the_languages_the_site_publishes_in(client, settings):
    settings.PRESSROOM_RELEASE_LANGUAGES = ["en", "fr", "de"]
    ReleaseFactory(language="en")
    content = client.get("/releases/").content.decode()
    for code, name in [("de", "German"), ("en", "English"), ("fr", "French")]:
        assert f'<option value="{code}">{name}</option>' in content
    assert "No release matches these filters." in text_of(client.get("/releases/", {"language": "fr"}))
    # A language the site does not publish in is not a choice, whatever a release is written in.
    settings.PRESSROOM_RELEASE_LANGUAGES = ["en", "fr"]
    ReleaseFactory(language="de")
    assert '<option value="de">' not in client.get("/releases/").content.decode()


def test_the_filters_are_the_same_html_as_djangos_own_selects():
    ReleaseFactory(agency=AgencyFactory(slug="cnes"), topics=[TopicFactory(slug="launchers")])
    chosen = (
        "agency=cnes&agency_role=issued&topic=launchers&year=2010&language=fr&kind=statement&order=newest"
    )
    for data in [QueryDict(""), QueryDict(chosen), QueryDict("year=1066&agency=nowhere")]:
        form = ReleaseFilter(data, queryset=Release.objects.public()).form
        form.is_valid()
        selects = [name for name, field in form.fields.items() if isinstance(field.widget, SelectInOnePass)]
        assert len(selects) == 7
        for name in selects:
            ours = str(form[name])
            form.fields[name].widget.__class__ = Select
            assert parse_html(ours) == parse_html(str(form[name])), name


def test_the_agency_page_counts_exactly_up_to_the_bound_then_says_about_or_more(client, archive):
    archive.grow(4)  # CNES issues 2 and is named by 2; JAXA the other way round
    page = text_of(client.get("/agencies/cnes/"))
    assert re.search(r"All releases issued by CNES → 2 releases", page)
    assert re.search(r"All releases mentioning CNES → 2 releases", page)
    archive.grow(16)
    page = text_of(client.get("/agencies/cnes/"))
    more = r"(More than 5 releases|About \d+ releases)"
    assert re.search(rf"All releases issued by CNES → {more}", page)
    assert re.search(rf"All releases mentioning CNES → {more}", page)


def test_the_person_page_counts_each_release_once_whether_it_names_or_quotes_them(client):
    ada = PersonFactory(name="Ada Lovelace", slug="ada")
    named, quoted, both = ReleaseFactory.create_batch(3)
    ReleaseFactory(title="Not about her")
    named.mentioned_people.add(ada)
    QuoteFactory(release=quoted, person=ada)
    both.mentioned_people.add(ada)
    QuoteFactory(release=both, person=ada)
    QuoteFactory(release=both, person=ada, text="Twice in one release.")
    ReleaseFactory(draft=True).mentioned_people.add(ada)
    page = text_of(client.get("/people/ada/"))
    assert "All releases naming Ada Lovelace → 3 releases" in page
    assert "Not about her" not in page
    listed = client.get("/releases/", {"person": "ada"})
    assert {release.pk for release in listed.context["releases"]} == {named.pk, quoted.pk, both.pk}


def test_the_topic_filter_probes_an_index_that_leads_with_the_topic_and_holds_the_release():
    """Each topic offered is checked for a public release: without this index the probe reads
    every link of the topic (70 ms a list page at a million releases, bench/archive.py)."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "releases_release_topics")
    assert any(c["index"] and c["columns"] == ["topic_id", "release_id"] for c in constraints.values())
