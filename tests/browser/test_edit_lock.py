"""Two editors in two browsers edit one release: the second is told, keeps their text, and
saves it on top of the first's; then mentions found in the text are confirmed."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from contacts.groups import EDITORS
from releases.models import Release
from tests.browser.conftest import ARTIFACTS
from tests.factories import AgencyFactory, PersonFactory, ReleaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if "Content Security" in message.text else None
    )
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    page.console_errors = errors
    return page


def test_two_editors_edit_one_release_and_neither_edit_is_lost(live_server, browser, django_user_model):
    for name in ("alice", "bob"):
        user = django_user_model.objects.create_user(username=name, password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name=EDITORS))
    jaxa = AgencyFactory(name="Japan Aerospace Exploration Agency", acronym="JAXA", country="JP")
    PersonFactory(name="Jean-Yves Le Gall")
    release = ReleaseFactory(draft=True, title="Ariane 6 ready", lead="The launcher is ready.")
    url = f"{live_server.url}/admin/releases/release/{release.pk}/change/"
    alice, bob = log_in(browser, live_server, "alice"), log_in(browser, live_server, "bob")
    alice.goto(url)
    bob.goto(url)

    alice.get_by_label("Title:").fill("Ariane 6 ready for its first flight")
    alice.get_by_role("button", name="Save and continue editing").click()
    expect(alice.locator(".messagelist")).to_contain_text("was changed successfully")

    bob.get_by_label("Lead:").fill("JAXA watched the launcher, said Jean-Yves Le Gall.")
    bob.get_by_role("button", name="Save and continue editing").click()
    conflict = bob.locator(".errorlist.nonfield")
    expect(conflict).to_contain_text("Someone else saved this release while you were editing it")
    expect(conflict).to_contain_text("Saved by alice")
    expect(conflict).to_contain_text("Ariane 6 ready for its first flight")
    expect(bob.get_by_label("Lead:")).to_have_value("JAXA watched the launcher, said Jean-Yves Le Gall.")
    ARTIFACTS.mkdir(exist_ok=True)
    bob.screenshot(path=str(ARTIFACTS / "edit-lock-conflict.png"), full_page=True)

    bob.get_by_role("button", name="Save and continue editing").click()  # on top of alice's
    expect(bob.locator(".messagelist")).to_contain_text("Found in the text: JAXA, Jean-Yves Le Gall")
    release.refresh_from_db()
    assert (release.title, release.lead) == (
        "Ariane 6 ready for its first flight",
        "JAXA watched the launcher, said Jean-Yves Le Gall.",
    )

    found = bob.locator(".field-proposed_mentions")
    expect(found.get_by_label("Japan Aerospace Exploration Agency (JAXA)")).to_be_checked()
    found.get_by_label("Jean-Yves Le Gall").uncheck()
    bob.screenshot(path=str(ARTIFACTS / "proposed-mentions.png"), full_page=True)
    bob.get_by_role("button", name="Save", exact=True).click()
    expect(bob.locator(".messagelist")).to_contain_text("Mentions added: JAXA.")
    assert list(Release.objects.get(pk=release.pk).mentioned_agencies.all()) == [jaxa]

    bob.goto(url)
    bob.get_by_role("link", name="History").click()
    expect(bob.locator("#change-history")).to_contain_text("Ariane 6 ready for its first flight")
    bob.screenshot(path=str(ARTIFACTS / "release-history.png"), full_page=True)
    assert not alice.console_errors and not bob.console_errors  # the policy blocked nothing
