"""Take the README's screenshots of a running Pressroom (`make run` first).

.venv/bin/python docs/screenshots.py [http://127.0.0.1:8000]
"""

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).parent / "screenshots"
SEED = "/releases/french-japanese-space-cooperation-cnes-and-jaxa-hold-annual-meeting/"
# A French release of the demo with an English version, read with the interface in French.
FRENCH = "/releases/cnes-choisit-les-industriels-pour-la-constellation-calipso/"
PAGES = [
    ("home", "/", {}),
    ("list", "/releases/?agency=cnes", {}),
    ("search", "/releases/?q=JAXA", {"viewport": {"width": 1280, "height": 1300}}),
    ("release-fr", FRENCH, {"locale": "fr-FR"}),
    ("release", SEED, {}),
    ("agency", "/agencies/cnes/", {}),
    ("release-mobile", SEED, {"viewport": {"width": 390, "height": 844}, "is_mobile": True}),
]
VIEWPORT_ONLY = {"list", "search"}  # long lists: their first screen


def main(base: str) -> None:
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for name, path, options in PAGES:
            defaults = {"viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}
            context = browser.new_context(**(defaults | options))
            page = context.new_page()
            response = page.goto(base + path)
            assert response and response.ok, f"{path}: {response and response.status}"
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=name not in VIEWPORT_ONLY)
            context.close()
            print(OUT / f"{name}.png")
        admin_review(browser, base)
        admin_workflow(browser, base)
        browser.close()


def admin_review(browser, base: str) -> None:
    """The editor's view of the demo's imported Word document: a draft with its review notes."""
    context = browser.new_context(viewport={"width": 1280, "height": 760}, locale="en-GB")
    page = context.new_page()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pressroom-demo")
    page.click("input[type=submit]")
    page.goto(base + "/admin/releases/release/?review=needed")
    page.get_by_role("link", name="Forschungsflugzeug vermisst Eiswolken über der Nordsee").click()
    page.screenshot(path=str(OUT / "import-review.png"))
    context.close()
    print(OUT / "import-review.png")


def admin_workflow(browser, base: str) -> None:
    """The publisher's view of the demo's release in review: its state and the buttons."""
    context = browser.new_context(viewport={"width": 1280, "height": 560}, locale="en-GB")
    page = context.new_page()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "publisher")
    page.fill("#id_password", "pressroom-demo")
    page.click("input[type=submit]")
    page.goto(base + "/admin/releases/release/?visibility=review")
    page.get_by_role("link", name="Ariane 6 to launch the next CNES Earth-observation satellite").click()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUT / "workflow.png"))
    context.close()
    print(OUT / "workflow.png")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
