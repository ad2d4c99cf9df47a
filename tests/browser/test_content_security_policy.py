"""The Content-Security-Policy blocks nothing the site itself needs: the public pages and the
release admin run in Chromium without a single violation."""

import pytest
from playwright.sync_api import expect

from contacts.groups import EDITORS
from releases.importing import Directory, release_import_file
from tests.conftest import SEED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watch_violations(page) -> list[str]:
    """What Chromium reports: CSP refusals in the console, and securitypolicyviolation events."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.expose_function("reportViolation", lambda text: violations.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "window.reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`))"
    )
    return violations


def test_public_pages_and_the_release_admin_run_without_a_csp_violation(live_server, page, staff):
    seed = release_import_file(path=SEED, directory=Directory(), publish=True).release
    person = seed.quotes.first().person
    violations = watch_violations(page)
    for url in [
        "/",
        "/releases/",
        "/releases/?q=Kibo&agency=cnes",
        seed.get_absolute_url(),
        seed.agency.get_absolute_url(),
        person.get_absolute_url(),
        "/press-contacts/",
        "/nowhere/",
    ]:
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
    # The language switcher posts a form.
    page.goto(live_server.url + seed.get_absolute_url())
    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    staff(EDITORS)
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("editors")
    page.locator("#id_password").fill("pw")
    page.locator("input[type=submit]").click()
    for url in [
        "/admin/releases/release/",
        f"/admin/releases/release/{seed.pk}/change/",
        "/admin/releases/release/add/",
    ]:
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
    # The admin's own scripts run: the add form fills the slug from the title.
    page.locator("#id_title").press_sequentially("A test of the admin scripts")
    expect(page.locator("#id_slug")).to_have_value("a-test-of-the-admin-scripts")

    assert violations == []
