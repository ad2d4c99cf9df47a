"""A journalist switches the site to French, in a real browser."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from releases.models import Release
from releases.services import release_link_version
from tests.factories import PressContactFactory, QuoteFactory, ReleaseContactFactory, ReleaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def release_in(language, title, quote):
    release = ReleaseFactory(
        language=language,
        title=title,
        kind=Release.Kind.PRESS_RELEASE,
        dateline_place="Paris",
        dateline_date=date(2013, 10, 28),
    )
    ReleaseContactFactory(release=release, contact=PressContactFactory(phone="+33 1 44 76 74 04"))
    QuoteFactory(release=release, text=quote)
    return release


def test_a_journalist_switches_to_french_and_reads_the_french_version(live_server, page):
    english = release_in("en", "Satellite launched", "We are delighted.")
    french = release_in("fr", "Lancement du satellite", "Nous sommes ravis.")
    release_link_version(release=english, version=french)

    page.goto(live_server.url + english.get_absolute_url())
    header = page.locator(".site-header")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(header.get_by_role("link", name="Releases")).to_be_visible()
    expect(page.get_by_text("28 October 2013")).to_be_visible()

    header.get_by_role("button", name="Français").click()
    expect(page).to_have_url(live_server.url + english.get_absolute_url())  # the same page
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(header.get_by_role("link", name="Communiqués")).to_be_visible()
    expect(header.get_by_role("link", name="Contacts presse")).to_be_visible()
    expect(header.get_by_role("button", name="English")).to_be_visible()
    # An English release keeps its English labels and date under the French interface.
    expect(page.get_by_role("heading", name="Press contacts", level=2)).to_be_visible()
    expect(page.get_by_text("Paris, 28 October 2013")).to_be_visible()

    page.get_by_role("link", name="Version française").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lancement du satellite")
    article = page.locator("article.release")
    expect(article.get_by_text("Communiqué de presse")).to_be_visible()
    expect(article.get_by_text("Paris, le 28 octobre 2013")).to_be_visible()
    expect(article.get_by_role("heading", name="Contacts presse", level=2)).to_be_visible()
    expect(article.get_by_role("heading", name="Citations", level=2)).to_be_visible()
    expect(article.locator(".contact-card dt").first).to_have_text("Tél.")
    expect(article.locator("figure.quote blockquote")).to_have_text(
        re.compile("^«\u202fNous sommes ravis.\u202f»$")
    )
    expect(page.get_by_role("link", name="English version")).to_have_attribute("hreflang", "en")


def test_the_language_switcher_fits_a_phone(live_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(live_server.url + ReleaseFactory().get_absolute_url())
        expect(page.locator("html")).to_have_attribute("lang", "fr")  # from the browser's language
        switch = page.get_by_role("button", name="English")
        expect(switch).to_be_visible()
        box = switch.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # no sideways scrolling
        assert box["height"] >= 32  # big enough to tap
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
