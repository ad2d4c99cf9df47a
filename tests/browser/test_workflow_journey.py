"""An editor's and a publisher's day, in a real browser: a draft written and submitted, sent
back with a comment, fixed and submitted again, approved, scheduled a minute ahead, shared with
a journalist by a preview link (who reads it, not logged in, until the link is revoked), on the
public list at its time (nobody acting), corrected with a public note (the version it replaced
kept as journalists saw it), then withdrawn.

The clock is held by the test (the live server runs in this process), so "a minute ahead"
takes no minute."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from contacts.groups import EDITORS, PUBLISHERS
from releases.models import Release
from tests.browser.conftest import ARTIFACTS
from tests.factories import AgencyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Northwind fires its first reusable engine"


@pytest.fixture
def clock():
    class Clock:
        now = timezone.now().replace(microsecond=0)

    held = Clock()
    with mock.patch("django.utils.timezone.now", side_effect=lambda: held.now):
        yield held


def log_in(page, live_server, username):
    page.goto(live_server.url + "/admin/")
    if page.get_by_role("button", name="Log out").count():
        page.get_by_role("button", name="Log out").click()
        page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()


def said(page):
    return page.locator(".messagelist")


def test_an_editor_and_a_publisher_take_a_release_from_draft_to_withdrawal(
    live_server, page, browser, staff, clock
):
    AgencyFactory(name="Northwind Space Agency", acronym="NWSA", press_email="press@nwsa.example.org")
    staff(EDITORS), staff(PUBLISHERS)  # logins "editors" and "publishers", password "pw"
    ARTIFACTS.mkdir(exist_ok=True)

    # The editor writes a draft and submits it.
    log_in(page, live_server, "editors")
    page.goto(live_server.url + "/admin/releases/release/add/")
    page.locator(".field-agency .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("NWSA")
    page.get_by_role("option", name=re.compile("Northwind")).click()
    page.get_by_label("Title:").fill("Northwind fires its first reusable engin")  # a typo
    page.get_by_label("Dateline place:").fill("Toulouse")
    page.get_by_label("Dateline date:").fill("2026-03-12")
    page.get_by_label("Lead:").fill("The engine fired for ninety seconds on the bench above the river.")
    page.get_by_label("Body:").fill("Call the press office at +33 5 00 00 00 00.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(said(page)).to_contain_text("was added successfully")
    expect(page.locator(".workflow-panel .state-badge")).to_have_text("Draft")
    page.get_by_role("button", name="Submit for review").click()
    expect(said(page)).to_contain_text("submitted for review.")
    change_url = page.url

    # The publisher finds it on the dashboard and sends it back with a comment.
    log_in(page, live_server, "publishers")
    page.goto(live_server.url + "/admin/releases/release/")
    page.get_by_role("link", name="Workflow dashboard").click()
    page.locator("section").filter(has_text="Awaiting review").get_by_role(
        "link", name=re.compile("Northwind")
    ).click()
    page.get_by_role("link", name="Send back to draft…").click()
    page.get_by_label("What to change").fill("A letter is missing from the title.")
    page.get_by_role("button", name="Send back to draft").click()
    expect(said(page)).to_contain_text("sent back to draft.")

    # The editor reads why at the top of the list, fixes the title and submits again.
    log_in(page, live_server, "editors")
    page.goto(live_server.url + "/admin/releases/release/")
    sent_back = page.get_by_role("alert").filter(has_text="Sent back to you")
    expect(sent_back).to_contain_text("A letter is missing from the title.")
    sent_back.get_by_role("link").click()
    page.get_by_label("Title:").fill(TITLE)
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(said(page)).to_contain_text("submitted for review.")

    # The publisher approves it and schedules it a minute ahead.
    log_in(page, live_server, "publishers")
    page.goto(change_url)
    page.get_by_role("button", name="Approve").click()
    expect(said(page)).to_contain_text(": approved.")
    page.screenshot(path=str(ARTIFACTS / "workflow-approved.png"))
    at = timezone.localtime(clock.now + timedelta(minutes=1))
    page.get_by_role("link", name="Publish or schedule…").click()
    page.locator("input[name=at_0]").fill(at.date().isoformat())
    page.locator("input[name=at_1]").fill(at.strftime("%H:%M:%S"))
    page.get_by_role("button", name="Publish or schedule").click()
    expect(said(page)).to_contain_text("is scheduled for")
    release = Release.objects.get()
    assert release.visibility() == Release.Visibility.SCHEDULED

    # Before its time, a journalist gets a preview link; they read it in their own browser,
    # not logged in, until the publisher revokes it.
    page.get_by_role("link", name="Preview links").click()
    page.get_by_label("Journalist:").fill("Claire Martin")
    page.get_by_label("Journalist's e-mail:").fill("claire@lemonde.example")
    page.get_by_label("Outlet:").fill("Le Monde")
    page.get_by_role("button", name="Create the link").click()
    link = page.locator(".preview-link-url").inner_text().strip()
    journalist_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    journalist = journalist_context.new_page()
    journalist.goto(link)
    expect(journalist.locator(".embargo-banner").first).to_contain_text(
        "EMBARGOED — not for publication before"
    )
    expect(journalist.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_role("button", name="Revoke the link for Claire Martin (Le Monde)").click()
    expect(said(page)).to_contain_text("is revoked")
    journalist.reload()
    expect(journalist.get_by_role("heading", level=1)).to_have_text("This preview link has been revoked")
    expect(journalist.get_by_text(TITLE)).to_have_count(0)
    journalist_context.close()

    # Not on the public list a second before its time; there at its time, nobody acting.
    clock.now += timedelta(seconds=59)
    page.goto(live_server.url + "/releases/")
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)
    clock.now += timedelta(seconds=1)
    page.goto(live_server.url + "/releases/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    # A correction, with its public note.
    clock.now += timedelta(days=1)
    page.goto(change_url)
    page.get_by_label("Body:").fill("Call the press office at +33 5 61 28 33 90.")
    page.get_by_label("Correction note:").fill("corrected a phone number")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(said(page)).to_contain_text("was changed successfully")
    page.goto(live_server.url + release.get_absolute_url())
    expect(page.locator(".release-corrections")).to_contain_text(": corrected a phone number")
    expect(page.locator(".release-times")).to_contain_text("Last updated")
    expect(page.get_by_text("+33 5 61 28 33 90")).to_be_visible()
    # The version it replaced, as journalists saw it.
    page.get_by_role("link", name=re.compile("as published on")).click()
    expect(page.locator(".notice--earlier")).to_contain_text(
        "Replaced by a correction: corrected a phone number"
    )
    expect(page.get_by_text("+33 5 00 00 00 00")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "workflow-earlier-version.png"), full_page=True)
    page.get_by_role("link", name="Read the current version").click()
    expect(page.get_by_text("+33 5 61 28 33 90")).to_be_visible()

    # Withdrawn: gone from the list, its page stays with the notice.
    page.goto(change_url)
    page.get_by_role("link", name="Withdraw…").click()
    page.get_by_label("Reason for the withdrawal").fill("The firing is to be confirmed by the test team.")
    page.get_by_role("button", name="Withdraw").click()
    expect(said(page)).to_contain_text(": withdrawn.")
    page.goto(live_server.url + "/releases/")
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)
    page.goto(live_server.url + release.get_absolute_url())
    expect(page.locator(".notice--withdrawn")).to_contain_text(
        "The firing is to be confirmed by the test team."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
