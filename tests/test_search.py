"""A journalist searches the archive: the same stories on PostgreSQL and SQLite."""

import html
import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.models.expressions import RawSQL
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts.models import Agency, Person
from releases import facets, search
from releases.importing import Directory, release_import_file
from releases.models import AgencyMention, PersonMention, Quote, Release
from tests.conftest import SEED
from tests.factories import AgencyFactory, PersonFactory, ReleaseFactory
from tests.test_views import text_of

pytestmark = pytest.mark.django_db


def titles(client, **params) -> list[str]:
    response = client.get("/releases/", params)
    assert response.status_code == 200
    content = response.content.decode()
    found = re.findall(r'class="card-title"[^>]*>(.*?)</h\d>', content, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", t)) for t in found]


@pytest.fixture
def seed_with_directory(db):
    """The seed, imported with JAXA and Masao Sakauchi (坂内正夫) already in the directory."""
    Agency.objects.create(
        name="Japan Aerospace Exploration Agency", acronym="JAXA", slug="jaxa", country="JP"
    )
    Person.objects.create(name="坂内正夫", name_latin="Masao Sakauchi", slug="masao-sakauchi")
    return release_import_file(path=SEED, directory=Directory(), publish=True).release


def test_searching_jaxa_finds_the_seed_with_the_words_highlighted(client, seed_with_directory):
    ReleaseFactory(title="Rocket engine test completed", body="Nothing about the partner agency.")
    response = client.get("/releases/", {"q": "JAXA"})
    content = response.content.decode()

    assert titles(client, q="JAXA") == [seed_with_directory.title]
    assert "<mark>JAXA</mark>" in content
    assert 'value="JAXA"' in content  # the query stays in the box
    assert "1 release" in text_of(response)


@pytest.mark.parametrize("query", ["Sakauchi", "坂内正夫", "Masao Sakauchi", "LE GALL", "le gall"])
def test_people_are_found_by_name_in_either_script_and_in_any_case(client, seed_with_directory, query):
    assert titles(client, q=query) == [seed_with_directory.title]


@pytest.mark.parametrize("query", ["PR083 - 2013", "PR083", "pr83", "pr 83", "PR083-2013"])
def test_a_release_is_found_by_its_reference_as_written(client, seed_with_directory, query):
    ReleaseFactory(title="Another one", reference_prefix="PR", reference_number="084", reference_year=2013)
    assert titles(client, q=query) == [seed_with_directory.title]


def test_accents_and_word_forms_do_not_matter(client):
    french = ReleaseFactory(language="fr", title="La coopération spatiale franco-japonaise", body="Texte.")
    english = ReleaseFactory(language="en", title="Space cooperation with Japan", body="Text.")
    ReleaseFactory(title="Launch schedule", body="Nothing to see.")

    assert set(titles(client, q="cooperation")) == {french.title, english.title}
    assert set(titles(client, q="coopération")) == {french.title, english.title}
    assert titles(client, q="japonaise") == [french.title]


def test_phrases_alternatives_and_exclusions(client):
    ReleaseFactory(title="Annual meeting in Tokyo", body="The annual meeting of the partners.")
    ReleaseFactory(title="Meeting notes", body="A meeting that is annual only in name.")
    ReleaseFactory(title="Mars sample return", body="A mission to Mars.")

    assert titles(client, q='"annual meeting"') == ["Annual meeting in Tokyo"]
    assert set(titles(client, q="tokyo OR mars")) == {"Annual meeting in Tokyo", "Mars sample return"}
    assert titles(client, q="meeting -tokyo") == ["Meeting notes"]


def test_a_title_match_ranks_above_a_body_match_and_newer_above_older(client):
    today = timezone.localdate()
    ReleaseFactory(title="Budget for 2025", body="The satellite budget grows.", dateline_date=today)
    ReleaseFactory(title="Satellite launched", body="It flies.", dateline_date=today - timedelta(days=30))
    ReleaseFactory(
        title="Satellite launched, again", body="It flies.", dateline_date=today - timedelta(days=1000)
    )

    assert titles(client, q="satellite") == [
        "Satellite launched",
        "Satellite launched, again",
        "Budget for 2025",
    ]
    assert titles(client, q="satellite", order="newest") == [
        "Budget for 2025",
        "Satellite launched",
        "Satellite launched, again",
    ]


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Release.Status.DRAFT},
        {"status": Release.Status.REVIEW},
        {"published_at": timezone.now() + timedelta(hours=1)},
        {"embargo_until": timezone.now() + timedelta(hours=1)},
    ],
    ids=["draft", "review", "scheduled", "embargoed"],
)
def test_search_never_reveals_a_hidden_release(client, hidden):
    ReleaseFactory(title="Public note on Ariane", body="Ariane flies.")
    ReleaseFactory(title="Secret Ariane contract", body="Ariane contract worth millions.", **hidden)

    response = client.get("/releases/", {"q": "Ariane contract"})
    page = text_of(response)
    assert "Secret" not in page and "millions" not in page
    assert "0 releases" in page
    assert titles(client, q="Ariane") == ["Public note on Ariane"]
    assert "1 release" in text_of(client.get("/releases/", {"q": "Ariane"}))


def test_the_index_follows_every_change(client):
    agency = AgencyFactory(name="Centre national d'études spatiales", acronym="CNES")
    release = ReleaseFactory(agency=agency, title="Launch report", body="A good launch.")
    assert titles(client, q="launch") == ["Launch report"]

    release.body = "A flawless liftoff."
    release.save()
    assert titles(client, q="liftoff") == ["Launch report"]

    speaker = PersonFactory(name="Philippe Baptiste")
    Quote.objects.create(release=release, person=speaker, text="Interplanetary ambitions remain.")
    assert titles(client, q="interplanetary") == ["Launch report"]
    assert titles(client, q="Baptiste") == ["Launch report"]

    partner = AgencyFactory(name="Deutsches Zentrum für Luft- und Raumfahrt", acronym="DLR")
    AgencyMention.objects.create(release=release, agency=partner)
    assert titles(client, q="DLR") == ["Launch report"]

    partner.acronym = "GSA"  # a renamed agency re-indexes the releases that name it
    partner.save()
    assert titles(client, q="GSA") == ["Launch report"]
    assert titles(client, q="DLR") == []

    person = PersonFactory(name="Jean Dupont")
    PersonMention.objects.create(release=release, person=person)
    person.name_latin = "Johannes Duponti"
    person.save()
    assert titles(client, q="Duponti") == ["Launch report"]


@pytest.mark.parametrize(
    "query, message",
    [
        ("a", "Type a word of two letters or more"),
        ("!!! ??? ...", "Type a word of two letters or more"),
        ("-", "Type a word of two letters or more"),
        ("space " * 170, "Searches are limited to 200 characters"),
    ],
)
def test_a_query_with_nothing_to_search_gets_a_helpful_page(client, query, message):
    ReleaseFactory(title="Something")
    response = client.get("/releases/", {"q": query})
    assert response.status_code == 200
    assert message in text_of(response)


def test_odd_queries_never_break_the_page(client):
    ReleaseFactory(title="Something", body="Text & more <b>bold</b>.")
    for query in [
        '"',
        '"unclosed phrase',
        "or",
        "OR OR",
        "-a -b",
        "a:b*",
        "(x)",
        "'; DROP TABLE",
        "NEAR(a b)",
        "\\",
    ]:
        assert client.get("/releases/", {"q": query}).status_code == 200


def test_snippets_are_escaped(client):
    ReleaseFactory(
        title="Escaping", body="The <script>alert(1)</script> tag and a `<b>` in **Markdown** satellite."
    )
    content = client.get("/releases/", {"q": "satellite"}).content.decode()
    snippet = content.split("card-snippet", 1)[1].split("</p>", 1)[0]
    assert "<script" not in snippet and "<b>" not in snippet
    assert "<mark>satellite</mark>" in snippet


def test_search_combines_with_filters_and_keeps_the_query(client):
    agency = AgencyFactory(acronym="ESA")
    ReleaseFactory(agency=agency, title="Gaia data release", dateline_date=date(2022, 6, 13))
    ReleaseFactory(agency=agency, title="Gaia launch", dateline_date=date(2013, 12, 19))
    ReleaseFactory(title="Gaia elsewhere", dateline_date=date(2022, 1, 1))

    assert titles(client, q="Gaia", year="2022", agency=agency.slug) == ["Gaia data release"]
    content = client.get("/releases/", {"q": "Gaia", "year": "2022"}).content.decode()
    assert 'value="Gaia"' in content
    assert re.search(r'<option value="2022" selected>', content)


def test_the_agency_filter_covers_releases_issued_and_mentioning(client, seed_with_directory):
    jaxa = Agency.objects.get(acronym="JAXA")
    own = ReleaseFactory(agency=jaxa, title="JAXA's own release")

    assert set(titles(client, agency="jaxa")) == {own.title, seed_with_directory.title}
    assert titles(client, agency="jaxa", agency_role="issued") == [own.title]
    assert titles(client, agency="jaxa", agency_role="mentioning") == [seed_with_directory.title]


def test_the_person_filter_finds_releases_that_name_or_quote_them(client):
    person = PersonFactory(name="Naoki Okumura", slug="naoki-okumura")
    named = ReleaseFactory(title="Named")
    quoted = ReleaseFactory(title="Quoted")
    ReleaseFactory(title="Neither")
    PersonMention.objects.create(release=named, person=person)
    Quote.objects.create(release=quoted, person=person, text="We are ready.")

    assert set(titles(client, person="naoki-okumura")) == {"Named", "Quoted"}
    assert "Releases naming Naoki Okumura" in text_of(client.get("/releases/", {"person": "naoki-okumura"}))


def test_the_date_range_narrows_the_list(client):
    for day in [date(2020, 1, 1), date(2020, 6, 1), date(2021, 1, 1)]:
        ReleaseFactory(title=f"Of {day}", dateline_date=day)
    assert titles(client, date_from="2020-02-01", date_to="2020-12-31") == ["Of 2020-06-01"]
    assert client.get("/releases/", {"date_from": "2020-13-45"}).status_code == 200


def test_empty_filter_fields_are_left_out_of_the_url(client):
    response = client.get("/releases/?agency=jaxa&topic=&year=&q=")
    assert response.status_code == 302
    assert response.url == "/releases/?agency=jaxa"
    assert client.get("/releases/?topic=&year=").url == "/releases/"


def test_cursor_pages_walk_the_whole_archive_both_ways(client):
    created = [
        ReleaseFactory(title=f"Release {n:02}", dateline_date=date(2020, 1, 1) + timedelta(days=n // 3))
        for n in range(45)
    ]
    expected = [r.title for r in Release.objects.public().newest_first()]
    assert len(expected) == len(created)

    seen, url, pages = [], "/releases/", []
    while url:
        response = client.get(url)
        content = response.content.decode()
        seen += [
            re.sub(r"<[^>]+>", "", t)
            for t in re.findall(r'class="card-title"[^>]*>(.*?)</h\d>', content, re.S)
        ]
        pages.append(content)
        older = re.search(r'class="pagination__next" rel="next" href="([^"]+)"', content)
        url = "/releases/" + older.group(1).replace("&amp;", "&") if older else None
    assert seen == expected and len(pages) == 3

    newer = (
        re.search(r'class="pagination__prev" rel="prev" href="([^"]+)"', pages[-1])
        .group(1)
        .replace("&amp;", "&")
    )
    back = client.get("/releases/" + newer).content.decode()
    assert re.findall(r'class="card-title"[^>]*><a[^>]*>(.*?)</a>', back) == expected[20:40]


def test_a_mangled_cursor_starts_from_the_newest(client):
    ReleaseFactory.create_batch(3)
    for cursor in ["nonsense", "2020-01-01_x_1", "9999-99-99_1_1", "2020-01-01_99999999999999999999999_1"]:
        assert client.get("/releases/", {"after": cursor}).status_code == 200


def test_counts_beyond_the_exact_limit_are_estimated_or_bounded(client, monkeypatch):
    monkeypatch.setattr(facets, "EXACT_UP_TO", 5)
    ReleaseFactory.create_batch(8)
    page = text_of(client.get("/releases/"))
    assert re.search(r"(More than 5 releases|About \d+ releases)", page)
    ReleaseFactory.create_batch(2, title="Rare word zeugma")
    assert "2 releases" in text_of(client.get("/releases/", {"q": "zeugma"}))


def test_relevance_ranks_the_newest_matches_and_says_there_are_more(client, monkeypatch):
    monkeypatch.setattr(facets, "EXACT_UP_TO", 5)
    monkeypatch.setattr(search, "CANDIDATES", 5)
    ReleaseFactory.create_batch(8, title="Common word comet")
    response = client.get("/releases/", {"q": "comet"})
    assert len(response.context["releases"]) == 5  # ranked among the five newest
    assert re.search(r"(More than 5 releases|About \d+ releases)", text_of(response))
    assert len(titles(client, q="comet", order="newest")) == 8  # newest first walks them all


def test_the_list_and_search_run_the_same_queries_whatever_the_number_of_releases(client):
    pages = [{}, {"q": "satellite"}, {"q": "satellite", "order": "newest"}, {"year": "2024"}]

    def queries(params):
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/releases/", params).status_code == 200
        return len(captured)

    ReleaseFactory.create_batch(5, body="A satellite story.")
    few = [queries(params) for params in pages]
    ReleaseFactory.create_batch(40, body="A satellite story.")
    assert [queries(params) for params in pages] == few
    assert max(few) <= 16  # the search's own time limit included (BEGIN, set_config, COMMIT on PostgreSQL)


def test_the_header_search_box_is_on_every_public_page(client, seed_with_directory):
    for url in ["/", "/releases/", seed_with_directory.get_absolute_url(), "/press-contacts/"]:
        content = client.get(url).content.decode()
        assert 'role="search"' in content and 'name="q"' in content


def test_agency_and_person_pages_link_to_their_full_lists(client, seed_with_directory):
    content = client.get("/agencies/jaxa/").content.decode()
    assert "Mentioning JAXA" in text_of(client.get("/agencies/jaxa/"))
    assert "agency=jaxa&amp;agency_role=mentioning" in content
    assert seed_with_directory.title in content

    person = Person.objects.get(slug="jean-yves-le-gall")
    content = client.get(person.get_absolute_url()).content.decode()
    assert f"?person={person.slug}" in content


def test_a_person_link_that_no_longer_works_says_so(client):
    ReleaseFactory(title="Something")
    response = client.get("/releases/", {"person": "nobody-we-know"})
    assert response.status_code == 200
    assert "This person is not in the directory" in text_of(response)


def test_an_agency_page_lists_its_own_releases_once(client):
    cnes = AgencyFactory(acronym="CNES", slug="cnes")
    own = ReleaseFactory(agency=cnes, title="CNES about CNES")
    AgencyMention.objects.create(release=own, agency=cnes)
    other = ReleaseFactory(title="ESA about CNES")
    AgencyMention.objects.create(release=other, agency=cnes)

    content = client.get("/agencies/cnes/").content.decode()
    assert content.count("CNES about CNES") == 1
    assert titles(client, agency="cnes", agency_role="mentioning") == ["ESA about CNES"]


def test_a_control_character_in_a_query_is_ignored(client):
    ReleaseFactory(title="Orbit raised")
    assert titles(client, q="\x01orbit\u200b") == ["Orbit raised"]
    assert client.get("/releases/", {"q": "orbit\x00"}).status_code == 200  # a form error, not a crash


SLOW = {
    "postgresql": "SELECT id FROM releases_release WHERE pg_sleep(0.2) IS NOT NULL",
    "sqlite": "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000000) "
    "SELECT max(x) FROM n",
}


def test_a_search_that_runs_out_of_time_asks_for_narrower_words(client, monkeypatch):
    """A phrase of common words that never meet could read the whole archive: it is cut short."""
    ReleaseFactory.create_batch(3, title="Space news")
    slow = RawSQL(SLOW[connection.vendor], [])
    backend = search.backend_for(connection)
    monkeypatch.setattr(backend, "matching", lambda queryset, query: queryset.filter(pk__in=slow))
    monkeypatch.setattr(search, "TIME_LIMIT_MS", 20)

    response = client.get("/releases/", {"q": '"space news"'})
    assert response.status_code == 200
    assert "too much of the archive" in text_of(response)
    assert 'value="&quot;space news&quot;"' in response.content.decode()  # the words stay, to edit
    assert client.get("/releases/feed/atom/", {"q": '"space news"'}).status_code == 503
    assert titles(client, agency=Release.objects.first().agency.slug)  # other requests are unaffected
