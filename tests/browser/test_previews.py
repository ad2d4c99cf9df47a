"""An editor shares an embargoed release with a journalist, then revokes the link, in a real browser."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from contacts.groups import PUBLISHERS
from releases.importing import Directory, release_import_file
from tests.browser.conftest import ARTIFACTS
from tests.conftest import SEED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_journalist_reads_the_embargoed_release_then_finds_the_link_revoked(
    live_server, page, browser, staff
):
    release = release_import_file(path=SEED, directory=Directory(), publish=True).release
    release.embargo_until = timezone.now() + timedelta(days=2)
    release.save()
    staff(PUBLISHERS)  # login "publishers", password "pw": who handles an embargo

    # The publisher creates a link for the journalist from the release's page in the admin.
    page.goto(f"{live_server.url}/admin/releases/release/{release.pk}/change/")
    page.get_by_label("Username").fill("publishers")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Preview links").click()
    expect(page.get_by_role("heading", name="Preview links for journalists")).to_be_visible()
    page.get_by_label("Journalist:").fill("Claire Martin")
    page.get_by_label("Journalist's e-mail:").fill("claire@lemonde.example")
    page.get_by_label("Outlet:").fill("Le Monde")
    page.get_by_role("button", name="Create the link").click()
    expect(page.locator(".messagelist")).to_contain_text("Preview link for Claire Martin (Le Monde) created")
    url = page.locator(".preview-link-url").inner_text().strip()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "preview-link-created.png"))
    assert re.fullmatch(rf"{re.escape(live_server.url)}/releases/preview-link/[^/]+/", url)

    # The journalist, not logged in, opens it in their own browser.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    journalist = context.new_page()
    journalist.goto(url)
    banner = journalist.locator(".embargo-banner").first
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("EMBARGOED — not for publication before")
    expect(banner).to_contain_text(re.compile(r"\d\d:\d\d CES?T, \d+ \w+ \d{4}"))
    expect(journalist.get_by_role("heading", level=1)).to_have_text(release.title)
    expect(journalist.locator("#press-contacts .contact-card")).to_have_count(3)
    expect(journalist.locator('meta[name="robots"]')).to_have_attribute("content", "noindex, nofollow")
    journalist.screenshot(path=str(ARTIFACTS / "preview-link.png"), full_page=True)

    # The editor sees the opening in the log, and revokes the link.
    page.reload()
    expect(page.locator(".preview-access-log")).to_contain_text("Claire Martin (Le Monde)")
    expect(page.locator(".preview-access-log")).to_contain_text("127.0.0.1")
    page.get_by_role("button", name="Revoke the link for Claire Martin (Le Monde)").click()
    expect(page.locator(".messagelist")).to_contain_text("is revoked")
    page.screenshot(path=str(ARTIFACTS / "preview-links-admin.png"), full_page=True)

    # The same link now shows the refusal, and nothing of the release.
    journalist.reload()
    expect(journalist.get_by_role("heading", level=1)).to_have_text("This preview link has been revoked")
    expect(journalist.get_by_text(release.title)).to_have_count(0)
    expect(journalist.locator(".embargo-banner")).to_have_count(0)
    journalist.screenshot(path=str(ARTIFACTS / "preview-link-revoked.png"), full_page=True)
    context.close()
