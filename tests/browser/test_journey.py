"""A journalist's journey, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from releases.importing import Directory, release_import_file
from tests.conftest import SEED
from tests.factories import AgencyFactory, ReleaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_journalist_finds_the_seed_through_the_list_and_calls_its_press_contacts(live_server, page):
    # Enough other agencies' releases that the seed is not on the first page unfiltered.
    for agency in AgencyFactory.create_batch(2):
        ReleaseFactory.create_batch(12, agency=agency)
    seed = release_import_file(path=SEED, directory=Directory(), publish=True).release

    page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("link", name=re.compile("all releases", re.I)).first.click()
    expect(page).to_have_url(re.compile(r"/releases/$"))
    expect(page.get_by_text("25 releases")).to_be_visible()

    page.get_by_label("Agency", exact=True).select_option(label=seed.agency.name)
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"agency=cnes"))
    expect(page.get_by_text("1 release", exact=True)).to_be_visible()

    page.get_by_role("link", name=seed.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(seed.title)
    expect(page.get_by_text("Paris, 28 October 2013")).to_be_visible()
    expect(page.get_by_text("PR083 - 2013")).to_be_visible()

    contacts = page.locator("#press-contacts")
    expect(contacts.get_by_role("heading", name="Press contacts")).to_be_visible()
    expect(contacts.locator(".contact-card")).to_have_count(3)
    # Dialled from abroad: the international form, the press office's own form beside it.
    phone = contacts.get_by_role("link", name="+33 1 44 76 74 04", exact=True)
    expect(phone).to_have_attribute("href", "tel:+33144767404")
    expect(contacts.get_by_text("as written: +33 (0)1 44 76 74 04")).to_be_visible()
    mail = contacts.get_by_role("link", name="pascale.bresson@cnes.fr")
    expect(mail).to_have_attribute("href", "mailto:pascale.bresson@cnes.fr")
    expect(page.get_by_role("link", name="www.cnes.fr/presse")).to_have_attribute(
        "href", "http://www.cnes.fr/presse"
    )


def test_the_release_page_reads_well_on_a_phone(live_server, browser):
    seed = release_import_file(path=SEED, directory=Directory(), publish=True).release
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + seed.get_absolute_url())
    # Nothing wider than the screen: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(page.locator("#press-contacts .contact-card").first).to_be_visible()
    context.close()
