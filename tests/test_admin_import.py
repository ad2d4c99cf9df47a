"""Editors import documents in the admin: drafts to review, the original kept, nothing public."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contacts.groups import EDITORS, PRESS_OFFICE, PUBLISHERS
from releases.importing.review import ReviewNote
from releases.models import Release
from releases.services import release_force_publish, release_publish_as_system
from releases.sources import SourceDocument
from tests.admin_forms import release_change_form
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    QuoteFactory,
    ReleaseContactFactory,
    ReleaseFactory,
    RoleFactory,
    StaffFactory,
)
from tests.test_leaks import Markers, crawl, public_paths

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/releases/release/import/"


def document(title="Northwind opens a test bench for reusable engines", dateline="", lead=None, extra=""):
    """A press release as an agency writes it in plain text: our own words, no date unless given."""
    lead = lead or "The Northwind Space Agency has opened a bench where engines are fired before they fly."
    return f"""# {title}

{dateline}

**{lead}**

The bench stands in the hills above the river. {extra}

## NWSA press contacts

Lena Berg
Tel: +33 5 61 28 33 90
lena.berg@nwsa.example.org

https://press.nwsa.example.org
"""


def upload(name, text: str | bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text)


@pytest.fixture
def agency(db):
    return AgencyFactory(
        name="Northwind Space Agency", acronym="NWSA", website="https://www.nwsa.example.org", country="FR"
    )


@pytest.fixture
def editor(staff):
    return staff(EDITORS)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def import_files(client, *files, follow=True):
    return client.post(IMPORT_URL, {"files": list(files)}, follow=follow)


# Who may import


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_press_office_staff_may_neither_see_nor_use_the_import(client, staff, agency):
    client.force_login(staff(PRESS_OFFICE))
    assert client.get(IMPORT_URL).status_code == 403
    assert import_files(client, upload("release.txt", document()), follow=False).status_code == 403
    assert not Release.objects.exists() and not SourceDocument.objects.exists()


def test_staff_who_may_only_view_releases_get_no_import(client, django_user_model, agency):
    from django.contrib.auth.models import Permission

    reader = django_user_model.objects.create_user(username="reader", password="pw", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_release"))
    client.force_login(reader)
    changelist = client.get(reverse("admin:releases_release_changelist")).content.decode()
    assert "Import from a document" not in changelist
    assert client.get(IMPORT_URL).status_code == 403


def test_an_editor_finds_the_import_on_the_release_list(editor_client):
    changelist = editor_client.get(reverse("admin:releases_release_changelist")).content.decode()
    assert f'href="{IMPORT_URL}"' in changelist and "Import from a document" in changelist
    page = editor_client.get(IMPORT_URL)
    assert page.status_code == 200
    field = page.content.decode()
    assert 'type="file"' in field and " multiple" in field
    assert 'accept=".txt,.md,.markdown,.docx,.pdf,.html,.htm"' in field
    assert 'enctype="multipart/form-data"' in field and "csrfmiddlewaretoken" in field


def test_an_import_without_the_form_s_csrf_token_is_refused(editor, agency):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert import_files(client, upload("release.txt", document()), follow=False).status_code == 403
    assert not Release.objects.exists()


def test_posting_no_file_shows_the_form_again(editor_client):
    response = editor_client.post(IMPORT_URL, {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


# One document, several documents


def test_one_document_without_a_date_lands_on_its_draft_with_the_review_notes(editor_client, editor, agency):
    text = document()
    response = import_files(editor_client, upload("bench.txt", text))

    release = Release.objects.get()
    assert response.redirect_chain[-1][0] == reverse("admin:releases_release_change", args=[release.pk])
    assert (release.status, release.dateline_date, release.agency) == (Release.Status.DRAFT, None, agency)
    change_url = reverse("admin:releases_release_change", args=[release.pk])
    link = f'<a href="{change_url}">{release.title}</a>'
    assert messages_of(response) == [f"<code>bench.txt</code>: draft, needs review (no date) {link}"]
    page = response.content.decode()
    assert "Imported from <strong>bench.txt</strong>" in page
    assert "Needs review:" in page and "<strong>No date</strong>" in page
    source = release.sources.get()
    assert (source.name, source.format, source.size, source.imported_by) == (
        "bench.txt",
        "txt",
        len(text),
        editor,
    )
    assert source.needs_review and [note.code for note in source.review_notes] == ["no_date"]
    with source.file.open("rb") as kept:
        assert kept.read() == text.encode()


def test_several_documents_are_each_reported_and_a_bad_one_fails_alone(editor_client, agency):
    dated = document(title="A bench fired for the first time", dateline="Toulouse, 12 March 2026")
    undated = document(title="A second bench is planned")
    impossible = document(title="A bench on a day that never was", dateline="Toulouse, 31 February 2026")
    response = import_files(
        editor_client,
        upload("fired.txt", dated),
        upload("planned.md", undated),
        upload("never.txt", impossible),
        upload("slides.pptx", b"PK\x03\x04 not a press release"),
    )

    assert response.redirect_chain[-1][0] == reverse("admin:releases_release_changelist")
    said = messages_of(response)
    assert len(said) == 4
    fired = Release.objects.get(title="A bench fired for the first time")
    planned = Release.objects.get(title="A second bench is planned")
    assert said[0].startswith("<code>fired.txt</code>: draft") and fired.title in said[0]
    assert said[1].startswith("<code>planned.md</code>: draft, needs review (no date)")
    assert said[2].startswith("<code>never.txt</code>: failed: ") and "31 February" in said[2]
    assert said[3].startswith("<code>slides.pptx</code>: failed: ")
    assert fired.dateline_date == date(2026, 3, 12) and planned.dateline_date is None
    assert {r.status for r in (fired, planned)} == {Release.Status.DRAFT}  # never published from here
    assert Release.objects.count() == 2 and SourceDocument.objects.count() == 2
    page = response.content.decode()
    for release in (fired, planned):  # each message links to its draft
        assert f'href="{reverse("admin:releases_release_change", args=[release.pk])}"' in page


def test_a_file_over_the_limit_is_refused_with_a_message(editor_client, agency):
    huge = document() + "More words about the bench. " * 80_000  # over 2 MB of text
    response = import_files(editor_client, upload("huge.txt", huge))
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == IMPORT_URL
    [said] = messages_of(response)
    assert said.startswith("<code>huge.txt</code>: failed: larger than")
    assert not Release.objects.exists() and not SourceDocument.objects.exists()


def test_an_empty_file_fails_alone(editor_client, agency):
    response = import_files(editor_client, upload("empty.txt", b""), upload("bench.txt", document()))
    said = messages_of(response)
    assert said[0] == "<code>empty.txt</code>: failed: the file is empty"
    assert said[1].startswith("<code>bench.txt</code>: draft")
    assert Release.objects.count() == 1


def test_the_same_file_imported_again_is_stored_once(editor_client, agency):
    import_files(editor_client, upload("bench.txt", document()))
    response = import_files(editor_client, upload("bench copy.txt", document()))
    assert "unchanged" in messages_of(response)[0]
    source = SourceDocument.objects.get()
    assert source.name == "bench.txt"  # the first name; the same bytes are not kept twice


def test_a_file_name_from_the_editor_s_computer_never_chooses_where_it_is_stored(agency):
    release = ReleaseFactory(draft=True, agency=agency)
    source = SourceDocument.objects.record(
        release=release, name="../../etc/Communiqué final (2).txt", data=b"text", format="txt", notes=[]
    )
    assert source.name == "Communiqué final (2).txt"
    year = timezone.now().year
    assert source.file.name == f"{year}/{source.sha256[:2]}/{source.sha256[:16]}-Communiqué_final_2.txt"
    assert ".." not in source.file.name
    assert source.file.storage.path(source.file.name).startswith(str(source.file.storage.location))


# The imported document and its review notes


def test_the_document_downloads_as_an_attachment_for_editors(editor_client, agency):
    text = document()
    import_files(editor_client, upload("bench.txt", text))
    source = SourceDocument.objects.get()
    url = reverse("admin:releases_release_source", args=[source.release_id, source.pk])
    change_page = editor_client.get(reverse("admin:releases_release_change", args=[source.release_id]))
    assert f'href="{url}"' in change_page.content.decode()

    response = editor_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="bench.txt"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == text.encode()


def test_a_word_document_downloads_as_one(editor_client, agency):
    release = ReleaseFactory(draft=True, agency=agency)
    source = SourceDocument.objects.record(
        release=release, name="bench.docx", data=b"PK\x03\x04word", format="docx", notes=[]
    )
    response = editor_client.get(reverse("admin:releases_release_source", args=[release.pk, source.pk]))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == 'attachment; filename="bench.docx"'


def test_only_staff_who_may_view_releases_download_documents(client, staff, agency):
    release = ReleaseFactory(draft=True, agency=agency)
    source = SourceDocument.objects.record(
        release=release, name="a.txt", data=b"text", format="txt", notes=[]
    )
    url = reverse("admin:releases_release_source", args=[release.pk, source.pk])
    assert client.get(url)["Location"].startswith(reverse("admin:login"))
    client.force_login(staff(PRESS_OFFICE))
    assert client.get(url).status_code == 403
    assert client.get(reverse("admin:releases_release_source", args=[release.pk, 999999])).status_code == 403


def test_another_release_s_document_is_not_found(editor_client, agency):
    first, second = ReleaseFactory(draft=True, agency=agency), ReleaseFactory(draft=True, agency=agency)
    source = SourceDocument.objects.record(release=first, name="a.txt", data=b"text", format="txt", notes=[])
    assert (
        editor_client.get(reverse("admin:releases_release_source", args=[second.pk, source.pk])).status_code
        == 404
    )
    assert (
        editor_client.get(reverse("admin:releases_release_source", args=[first.pk, 999999])).status_code
        == 404
    )


def test_review_notes_and_file_names_are_shown_escaped(editor_client, agency):
    release = ReleaseFactory(draft=True, agency=agency)
    hostile = ReviewNote("no_title", "<script>alert('note')</script> check the title", "<b>line 3</b>")
    SourceDocument.objects.record(
        release=release, name="<img src=x onerror=alert(1)>.txt", data=b"text", format="txt", notes=[hostile]
    )
    page = editor_client.get(reverse("admin:releases_release_change", args=[release.pk])).content.decode()
    assert "<script>alert('note')" not in page and "&lt;script&gt;alert(&#x27;note&#x27;)" in page
    assert "<b>line 3</b>" not in page and "&lt;b&gt;line 3&lt;/b&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.txt" in page


def test_an_uploaded_file_s_name_is_shown_escaped(editor_client, agency):
    response = import_files(editor_client, upload("<img src=x onerror=alert(1)>.txt", document()))
    [said] = messages_of(response)
    assert said.startswith("<code>&lt;img src=x onerror=alert(1)&gt;.txt</code>: draft")
    assert "<img src=x" not in response.content.decode()


def test_the_quote_inline_shows_the_speaker_s_title_as_written(editor_client, agency):
    quote = QuoteFactory(release=ReleaseFactory(draft=True, agency=agency), speaker_title="Head of Engines")
    page = editor_client.get(reverse("admin:releases_release_change", args=[quote.release_id]))
    assert 'name="quotes-0-speaker_title" value="Head of Engines"' in page.content.decode()


def test_deleting_an_imported_draft_names_its_document_to_the_editor(editor_client, agency):
    release = ReleaseFactory(draft=True, agency=agency)
    SourceDocument.objects.record(release=release, name="bench.txt", data=b"text", format="txt", notes=[])
    page = editor_client.get(reverse("admin:releases_release_delete", args=[release.pk])).content.decode()
    assert "Imported document: bench.txt" in page and "not listed" not in page
    editor_client.post(reverse("admin:releases_release_delete", args=[release.pk]), {"post": "yes"})
    assert not Release.objects.exists() and not SourceDocument.objects.exists()


# From draft to published


def test_publishing_the_draft_with_its_date_signs_off_the_review(editor_client, editor, agency, staff):
    import_files(editor_client, upload("bench.txt", document()))
    release = Release.objects.get()
    now = timezone.now()
    form = release_change_form(release, dateline_place="Toulouse", dateline_date="2026-03-12")
    response = editor_client.post(reverse("admin:releases_release_change", args=[release.pk]), form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    editor_client.post(reverse("admin:releases_release_transition", args=[release.pk, "submit"]))
    publisher = Client()
    publisher.force_login(reviewer := staff(PUBLISHERS))
    for action in ("approve", "publish"):
        publisher.post(reverse("admin:releases_release_transition", args=[release.pk, action]))
    release.refresh_from_db()
    source = release.sources.get()
    assert release.is_public() and release.dateline_date == date(2026, 3, 12)
    assert not source.needs_review and source.reviewed_by == reviewer and source.reviewed_at >= now
    page = editor_client.get(reverse("admin:releases_release_change", args=[release.pk])).content.decode()
    assert "Needs review:" not in page and "Reviewed on" in page


def test_a_draft_without_a_date_cannot_be_submitted(editor_client, agency):
    import_files(editor_client, upload("bench.txt", document()))
    release = Release.objects.get()
    response = editor_client.post(
        reverse("admin:releases_release_transition", args=[release.pk, "submit"]), follow=True
    )
    assert "This release still needs the dateline's place, the dateline's date." in messages_of(response)
    release.refresh_from_db()
    assert release.status == Release.Status.DRAFT and release.sources.get().needs_review


def test_the_publish_action_publishes_the_approved_releases_and_says_why_not_the_others(
    client, staff, agency
):
    client.force_login(staff(PUBLISHERS))
    undated = ReleaseFactory(approved=True, agency=agency, dateline_date=None)
    draft = ReleaseFactory(draft=True, agency=agency, title="A draft")
    approved = ReleaseFactory(approved=True, agency=agency)
    ReleaseContactFactory(release=approved)
    response = client.post(
        reverse("admin:releases_release_changelist"),
        {"action": "publish_now", "_selected_action": [undated.pk, draft.pk, approved.pk]},
        follow=True,
    )
    said = messages_of(response)
    assert "1 release published." in said
    assert f"“{undated.title}”: Set the dateline date before publishing this release." in said
    assert "“A draft”: “Publish or schedule” is not possible now: this release is “Draft”." in said
    assert [r.visibility() for r in Release.objects.order_by("pk")] == ["approved", "draft", "public"]


def test_the_database_refuses_a_published_release_without_a_date(agency):
    release = ReleaseFactory(agency=agency)
    with pytest.raises(IntegrityError), transaction.atomic():
        Release.objects.filter(pk=release.pk).update(dateline_date=None)


def test_the_release_list_finds_and_marks_the_drafts_that_need_review(editor_client, agency):
    import_files(editor_client, upload("bench.txt", document()))
    import_files(
        editor_client,
        upload("fired.txt", document(title="A bench fired", dateline="Toulouse, 12 March 2026")),
    )
    ReleaseFactory(agency=agency, title="Written in the admin")
    changelist = reverse("admin:releases_release_changelist")

    needed = editor_client.get(changelist, {"review": "needed"})
    assert [r.title for r in needed.context["cl"].result_list] == [
        "Northwind opens a test bench for reusable engines"
    ]
    assert 'class="needs-review"' in needed.content.decode()
    assert "Date to be set" in needed.content.decode()
    others = editor_client.get(changelist, {"review": "none"}).context["cl"].result_list
    assert {r.title for r in others} == {"A bench fired", "Written in the admin"}
    everything = editor_client.get(changelist).context["cl"].result_list
    assert everything[0].dateline_date is None  # undated drafts first


def test_a_newer_import_replaces_the_notes_of_an_older_one(agency):
    release = ReleaseFactory(draft=True, agency=agency, dateline_date=None)
    SourceDocument.objects.record(
        release=release, name="v1.txt", data=b"one", format="txt", notes=[ReviewNote("no_date", "no date")]
    )
    assert Release.objects.filter(SourceDocument.objects.latest_needs_review()).get() == release
    SourceDocument.objects.record(release=release, name="v2.txt", data=b"two", format="txt", notes=[])
    assert not Release.objects.filter(SourceDocument.objects.latest_needs_review()).exists()


# Drafts from an import never reach the public


def test_imported_drafts_are_never_public(editor_client, agency):
    markers = Markers()
    text = document(
        title=f"Bench {markers('importtitle')}",
        lead=f"The agency opened {markers('importlead')} today.",
        extra=f"It is called {markers('importbody')}.",
    )
    import_files(
        editor_client,
        upload("undated.txt", text),
        upload("dated.txt", text.replace("# Bench", "Toulouse, 12 March 2026\n\n# Dated bench")),
    )
    assert Release.objects.filter(status=Release.Status.DRAFT).count() == 2
    ReleaseFactory(agency=agency, title="A public release")  # the public site is not empty

    public = Client()
    answers = crawl(public, public_paths(markers))
    assert len(answers) > 50
    leaks = {
        path: found
        for path, (_, _, body) in answers.items()
        if (found := markers.in_text(body, but_not_in=path))
    }
    assert not leaks
    assert not [path for path, (status, _, _) in answers.items() if status >= 500]


def test_a_draft_preview_without_a_date_shows_the_place_alone(editor_client, agency):
    release = ReleaseFactory(draft=True, agency=agency, dateline_date=None, dateline_place="Toulouse")
    page = editor_client.get(reverse("releases:preview", args=[release.pk])).content.decode()
    assert '<p class="release-dateline" lang="en">Toulouse</p>' in page


# The models' side of a draft without a date


def test_a_draft_without_a_date_has_an_empty_dateline(agency):
    release = ReleaseFactory.build(agency=agency, dateline_date=None, dateline_place="")
    assert (release.dateline_date_text, release.dateline) == ("", "")
    release.dateline_place = "Toulouse"
    assert release.dateline == "Toulouse"
    release.dateline_date = date(2026, 3, 1)
    assert release.dateline == "Toulouse, 1 March 2026"


def test_a_quote_in_an_undated_draft_names_the_speaker_s_role_today(agency):
    person = PersonFactory()
    RoleFactory(
        person=person,
        agency=agency,
        title="Former head",
        start_date=date(2001, 1, 1),
        end_date=date(2009, 12, 31),
    )
    RoleFactory(person=person, agency=agency, title="Director of Propulsion", start_date=date(2020, 1, 1))
    quote = QuoteFactory(release=ReleaseFactory(draft=True, agency=agency, dateline_date=None), person=person)
    assert quote.role.title == "Director of Propulsion"
    quote.release.dateline_date = date(2005, 6, 1)
    assert quote.role.title == "Former head"


def test_publishing_an_undated_release_through_the_services_is_refused(agency):
    from django.core.exceptions import ValidationError

    release = ReleaseFactory(draft=True, agency=agency, dateline_date=None)
    with pytest.raises(ValidationError, match="Set the dateline date"):
        release_publish_as_system(release=release)
    root = StaffFactory(username="root", is_superuser=True)
    with pytest.raises(ValidationError, match="Set the dateline date"):
        release_force_publish(release=release, user=root, reason="Now.")
    release.refresh_from_db()
    assert release.status == Release.Status.DRAFT
