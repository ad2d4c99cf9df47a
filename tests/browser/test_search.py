"""A journalist searches the archive from the header, in a real browser.

Switching the interface to French on a release is told in full (versions, quotes, phones) in
tests/browser/test_languages.py; here the French interface is reached from a search.
"""

import re
from datetime import date
from urllib.parse import parse_qs, urljoin, urlparse

import feedparser
import pytest
from playwright.sync_api import expect

from contacts.models import Agency, Person
from releases.importing import Directory, release_import_file
from releases.models import Release
from tests.conftest import SEED
from tests.factories import AgencyFactory, PressContactFactory, ReleaseContactFactory, ReleaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive():
    """The seed (with JAXA and 坂内正夫 / Masao Sakauchi in the directory), and releases of our own."""
    Agency.objects.create(
        name="Japan Aerospace Exploration Agency", acronym="JAXA", slug="jaxa", country="JP"
    )
    Person.objects.create(name="坂内正夫", name_latin="Masao Sakauchi", slug="masao-sakauchi")
    seed = release_import_file(path=SEED, directory=Directory(), publish=True).release

    centre = AgencyFactory(name="Centre d'études orbitales", acronym="CEO", country="FR")
    arctic = ReleaseFactory(
        agency=centre,
        language="fr",
        kind=Release.Kind.PRESS_RELEASE,
        title="Coopération spatiale franco-canadienne : un accord pour observer la banquise",
        lead="Le Centre d'études orbitales et l'Agence spatiale boréale ont signé ce lundi à "
        "Toulouse un accord-cadre qui ouvre une nouvelle étape de leur coopération.",
        body="L'accord prévoit le développement conjoint d'un instrument de mesure de l'épaisseur "
        "de la glace de mer. Les équipes des deux agences feront le point chaque année sur "
        "l'avancement de cette coopération.",
        dateline_place="Toulouse",
        dateline_date=date(2013, 10, 28),
    )
    ReleaseContactFactory(release=arctic, contact=PressContactFactory(agency=centre))
    meridienne = ReleaseFactory(
        agency=centre,
        language="fr",
        kind=Release.Kind.PRESS_KIT,
        title="Le satellite Méridienne achève sa recette en orbite",
        lead="Trois mois après son lancement, Méridienne est déclaré bon pour le service.",
        body="Ce satellite est le fruit d'une coopération entre six laboratoires publics.",
        dateline_place="Paris",
        dateline_date=date(2024, 3, 12),
    )
    ReleaseFactory(
        agency=centre,
        language="fr",
        title="Ouverture des candidatures aux bourses de thèse 2025",
        lead="Les dossiers sont à déposer avant le 15 mars.",
        body="Les sujets proposés couvrent l'astrophysique et les sciences de la Terre.",
        dateline_date=date(2024, 11, 4),
    )
    ReleaseFactory(
        agency=centre,
        title="Star tracker built with JAXA passes its vibration tests",
        lead="The star tracker the Centre builds with JAXA has come through its vibration tests.",
        body="Delivery to the satellite's integration hall is planned for the spring.",
        dateline_date=date(2024, 5, 6),
    )
    ReleaseFactory(
        agency=centre,
        title="Student rocket competition opens for entries",
        lead="Teams of students may enter until the end of January.",
        body="Launches take place in the summer.",
        dateline_date=date(2024, 9, 2),
    )
    # Never to be seen: it mentions JAXA and cooperation, but is under embargo.
    ReleaseFactory(
        agency=centre,
        embargoed=True,
        title="Embargoed: JAXA cooperation budget doubles",
        body="Figures for the next cooperation programme with JAXA.",
        dateline_date=date(2013, 11, 2),
    )
    return {"seed": seed, "arctic": arctic, "meridienne": meridienne}


def result_titles(page) -> list[str]:
    return [title.strip() for title in page.locator(".release-card .card-title").all_inner_texts()]


def search_from_the_header(page, words):
    box = page.locator("form.site-search").get_by_role("searchbox")
    box.fill(words)
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/releases/\?q="))


def test_a_journalist_searches_from_the_header_narrows_by_year_and_follows_the_feed(
    live_server, page, archive
):
    seed = archive["seed"]
    page.goto(live_server.url)
    search_from_the_header(page, "JAXA")

    # The seed, about CNES and JAXA, is found, with where it says JAXA highlighted.
    expect(page.get_by_role("heading", level=1)).to_have_text("Releases matching “JAXA”")
    expect(page.get_by_role("status")).to_have_text("2 releases")
    assert set(result_titles(page)) == {seed.title, "Star tracker built with JAXA passes its vibration tests"}
    seed_card = page.locator(".release-card").filter(has_text=seed.title)
    expect(seed_card.locator(".card-snippet mark").first).to_have_text(re.compile("^JAXA$", re.I))
    expect(page.get_by_text("Embargoed", exact=False)).to_have_count(0)

    # A person of the seed, by the Latin transliteration of 坂内正夫.
    search_from_the_header(page, "Sakauchi")
    expect(page.get_by_role("status")).to_have_text("1 release")
    assert result_titles(page) == [seed.title]

    # Back to JAXA, then only 2013: the words stay in the box and in the address.
    search_from_the_header(page, "JAXA")
    filters = page.locator("form.filters")
    filters.get_by_label("Year").select_option("2013")
    filters.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"year=2013"))
    address = parse_qs(urlparse(page.url).query)
    assert address["q"] == ["JAXA"] and address["year"] == ["2013"]
    expect(filters.get_by_role("searchbox")).to_have_value("JAXA")
    expect(page.locator("form.site-search").get_by_role("searchbox")).to_have_value("JAXA")
    expect(page.get_by_role("status")).to_have_text("1 release")
    assert result_titles(page) == [seed.title]

    # The feed of this search: a valid Atom feed of the same releases, and nothing hidden.
    atom = page.locator(".feed-links").get_by_role("link", name="Atom")
    href = atom.get_attribute("href")
    following = parse_qs(urlparse(href).query)
    assert following["q"] == ["JAXA"] and following["year"] == ["2013"]
    response = page.request.get(urljoin(page.url, href))
    assert response.ok
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.body())
    assert not feed.bozo, feed.get("bozo_exception")
    assert "JAXA" in feed.feed.title
    assert [entry.title for entry in feed.entries] == [seed.title]
    assert "Sakauchi" in feed.entries[0].content[0].value  # the full text travels with the item


def test_a_journalist_finds_french_releases_with_or_without_accents_and_reads_one_in_french(
    live_server, page, archive
):
    arctic, meridienne = archive["arctic"], archive["meridienne"]
    page.goto(live_server.url + "/press-contacts/")

    for words in ["coopération", "cooperation"]:
        search_from_the_header(page, words)
        found = result_titles(page)
        assert arctic.title in found and meridienne.title in found, (words, found)
        assert "Ouverture des candidatures aux bourses de thèse 2025" not in found
        assert not any("Embargoed" in title for title in found)
        card = page.locator(".release-card").filter(has_text=arctic.title)
        expect(card.locator("mark").first).to_have_text(re.compile("^coopération$", re.I))

    # The whole interface in French, the search kept.
    page.locator(".site-header").get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page).to_have_url(re.compile(r"/releases/\?q=cooperation$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Communiqués correspondant à «\s*cooperation\s*»$")
    )
    header_search = page.locator("form.site-search")
    expect(header_search.get_by_role("searchbox")).to_have_value("cooperation")
    expect(header_search.get_by_role("button", name="Rechercher")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("3 communiqués")  # the seed and ours

    # A French release: its labels and its date in French.
    page.get_by_role("link", name=arctic.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(arctic.title)
    article = page.locator("article.release")
    expect(article.locator(".release-kicker .tag")).to_have_text("Communiqué de presse")
    expect(article.locator(".release-dateline")).to_have_text("Toulouse, le 28 octobre 2013")
    expect(article.get_by_role("heading", name="Contacts presse", level=2)).to_be_visible()
    expect(page.locator(".site-header").get_by_role("link", name="Communiqués")).to_be_visible()


def test_search_results_fit_a_phone_and_the_box_can_be_used(live_server, browser, archive):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="fr-FR"
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/releases/?q=coopération")
        expect(page.locator(".release-card").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling

        box = page.locator("form.site-search").get_by_role("searchbox")
        button = page.locator("form.site-search").get_by_role("button", name="Rechercher")
        for control in (box, button):
            edges = control.bounding_box()
            assert edges["x"] >= 0 and edges["x"] + edges["width"] <= 390
            assert edges["height"] >= 36  # big enough to tap
        assert box.bounding_box()["width"] >= 200  # room to read what was typed

        box.fill("JAXA")
        button.tap()
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("JAXA"))
        expect(page.locator(".release-card").filter(has_text=archive["seed"].title)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
