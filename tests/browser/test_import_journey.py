"""An editor imports a Word document in the admin, completes the draft and submits it; a
publisher approves and publishes it."""

import io
import re
from datetime import date

import pytest
from docx import Document
from playwright.sync_api import expect

from contacts.groups import EDITORS, PUBLISHERS
from releases.models import Release
from tests.browser.conftest import ARTIFACTS
from tests.factories import AgencyFactory, PersonFactory, RoleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Northwind opens a test bench for reusable engines"
LEAD = (
    "The Northwind Space Agency has opened a test bench where reusable rocket engines are "
    "fired a hundred times before they fly."
)
BODY = "The bench stands in the hills above the river, two hours from the launch site."
QUOTE = "Every engine we fire here teaches us something we could not learn on paper"
SPEAKER = "Maren Holt"
CONTACTS = [  # name, phone as written, the number dialled, e-mail
    ("Lena Berg", "+33 5 61 28 33 90", "+33561283390", "lena.berg@nwsa.example.org"),
    ("Tomas Reyes", "+33 6 12 34 56 78", "+33612345678", "tomas.reyes@nwsa.example.org"),
]
PRESS_SITE = "https://press.nwsa.example.org"


def word_document() -> bytes:
    """A release as an editor drafts it in Word: a heading, a bold lead, the body with a quote,
    a press-contacts block (one paragraph a person, a line each), the press site's link; no date."""
    document = Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph().add_run(LEAD).bold = True
    document.add_paragraph(BODY)
    document.add_paragraph(f"“{QUOTE},” said {SPEAKER}, Director of Propulsion at NWSA.")
    document.add_paragraph("The first engine is due on the bench in the spring.")
    document.add_heading("NWSA press contacts", level=2)
    for name, phone, _, email in CONTACTS:
        run = document.add_paragraph().add_run(name)
        for line in (f"Tel: {phone}", email):
            run.add_break()
            run.add_text(line)
    document.add_paragraph(PRESS_SITE)  # the press site's link, last, as agencies end a release
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_an_editor_imports_a_word_document_completes_the_draft_and_publishes_it(live_server, page, staff):
    agency = AgencyFactory(
        name="Northwind Space Agency", acronym="NWSA", website="https://www.nwsa.example.org", country="FR"
    )
    speaker = PersonFactory(name=SPEAKER)
    RoleFactory(person=speaker, agency=agency, title="Director of Propulsion", start_date=date(2020, 1, 1))
    staff(EDITORS)  # login "editors", password "pw"
    staff(PUBLISHERS)  # login "publishers"

    log_in(page, live_server, "editors")
    page.get_by_role("link", name="Releases").first.click()
    page.get_by_role("link", name="Import from a document").click()
    expect(page.get_by_role("heading", name="Import from a document")).to_be_visible()

    page.get_by_label("Documents").set_input_files(
        files=[
            {
                "name": "nwsa-test-bench.docx",
                "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "buffer": word_document(),
            }
        ]
    )
    page.get_by_role("button", name="Import").click()

    # The draft, with what the editor must check at the top.
    expect(page).to_have_url(re.compile(r"/admin/releases/release/\d+/change/$"))
    release = Release.objects.get()
    assert (release.status, release.dateline_date) == (Release.Status.DRAFT, None)
    panel = page.get_by_role("region", name="Imported document")
    expect(panel).to_contain_text("Imported from nwsa-test-bench.docx")
    expect(panel.get_by_role("link", name="download")).to_be_visible()
    expect(panel).to_contain_text("Needs review:")
    expect(panel.locator(".review-notes li").filter(has_text="No date")).to_have_count(1)
    expect(page.get_by_label("Title:")).to_have_value(TITLE)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "import-journey-review-notes.png"))

    # The editor fills in the dateline and submits the draft for review.
    page.get_by_label("Dateline place:").fill("Toulouse")
    page.get_by_label("Dateline date:").fill("2026-03-12")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("submitted for review.")
    change_url = page.url

    # A publisher approves it, then publishes it now.
    page.get_by_role("button", name="Log out").click()
    log_in(page, live_server, "publishers")
    page.goto(change_url)
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".messagelist")).to_contain_text(": approved.")
    page.get_by_role("link", name="Publish or schedule…").click()
    page.get_by_role("button", name="Publish or schedule").click()
    expect(page.locator(".messagelist")).to_contain_text(": published.")

    release.refresh_from_db()
    assert release.status == Release.Status.PUBLISHED and release.is_public()
    assert not release.sources.get().needs_review

    # The public page: every fact of the document.
    page.goto(live_server.url + release.get_absolute_url())
    article = page.locator("article.release")
    expect(article.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(article.locator(".release-dateline")).to_have_text("Toulouse, 12 March 2026")
    expect(article.locator(".lead")).to_have_text(LEAD)
    expect(article.get_by_text(BODY)).to_be_visible()
    # The quote once, where the document had it, marked up as a quotation, with its speaker.
    quoted = article.locator("blockquote, q").filter(has_text=QUOTE)
    expect(quoted).to_have_count(1)
    expect(article.get_by_text(QUOTE)).to_have_count(1)
    expect(article).to_contain_text(SPEAKER)
    expect(article).to_contain_text("Director of Propulsion")

    contacts = page.locator("#press-contacts")
    expect(contacts.locator(".contact-card")).to_have_count(len(CONTACTS))
    for name, phone, dialled, email in CONTACTS:
        card = contacts.locator(".contact-card").filter(has_text=name)
        expect(card.get_by_role("link", name=phone, exact=True)).to_have_attribute("href", f"tel:{dialled}")
        expect(card.get_by_role("link", name=email)).to_have_attribute("href", f"mailto:{email}")
    expect(page.get_by_role("link", name="press.nwsa.example.org")).to_have_attribute("href", PRESS_SITE)


def log_in(page, live_server, username):
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
