"""What a review of the importer found: each a story that failed before its fix."""

import pytest
from django.contrib.auth.models import Permission

from contacts.models import Agency, Person, PressContact
from releases.importing import Directory, import_document
from releases.models import Release
from tests.factories import AgencyFactory
from tests.test_admin_import import IMPORT_URL, document, import_files, upload
from tests.workflow import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(db):
    return AgencyFactory(name="Northwind Space Agency", acronym="NWSA", country="FR")


def test_two_different_undated_documents_with_one_title_are_two_drafts(agency):
    """An undated document is not the same release as another undated one that happens to
    share its title: the second import must not overwrite the first draft."""
    directory = Directory()
    first = import_document(
        name="bench.txt", data=document(extra="The first document.").encode(), directory=directory
    )
    second = import_document(
        name="bench-2.txt", data=document(extra="Another document altogether.").encode(), directory=directory
    )

    assert (first.outcome, second.outcome) == ("created", "created")
    assert Release.objects.count() == 2
    assert "The first document." in Release.objects.get(pk=first.release.pk).body


def test_the_same_undated_document_imported_again_is_unchanged(agency):
    directory = Directory()
    data = document().encode()
    import_document(name="bench.txt", data=data, directory=directory)
    again = import_document(name="bench.txt", data=data, directory=directory)

    assert again.outcome == "unchanged"
    assert Release.objects.count() == 1


def test_a_web_page_declaring_a_charset_that_cannot_decode_is_read_as_undeclared(agency):
    """`<meta charset="idna">` names a codec that decodes no page: read as an undeclared page,
    never an error of ours."""
    page = (
        b'<html><head><meta charset="idna"><title>A bench opens</title></head>'
        b"<body><h1>A bench opens</h1><p>Northwind Space Agency engines are fired here.</p></body></html>"
    )
    result = import_document(name="bench.html", data=page, directory=Directory())

    assert result.release.title == "A bench opens"


def test_staff_who_may_add_but_not_change_releases_cannot_import(client, django_user_model, agency):
    """An import updates the release a document already is: it needs the right to change releases."""
    adder = django_user_model.objects.create_user(username="adder", password="pw", is_staff=True)
    adder.user_permissions.add(*Permission.objects.filter(codename__in=["add_release", "view_release"]))
    client.force_login(adder)

    assert client.get(IMPORT_URL).status_code == 403
    assert import_files(client, upload("bench.txt", document()), follow=False).status_code == 403
    assert not Release.objects.exists()
    # The release list offers "Add release", not an import it would refuse.
    listing = client.get("/admin/releases/release/").content.decode()
    assert "Add release" in listing and "Import from a document" not in listing


def test_the_unknown_issuer_placeholder_never_reaches_the_public(client):
    """A document naming no issuer: its release and its contacts are filed under "Unknown
    issuer (to review)". The editor chooses the agency and publishes; the placeholder agency
    must not become a public page (nor be listed in the sitemap)."""
    text = """# A test bench for reusable engines opens in the hills

Toulouse, 5 March 2024

**A bench where engines are fired before they fly has opened above the river.**

The bench stands in the hills.

## Press contact

Lena Berg
Tel: +33 5 61 28 33 90
lena.berg@example.org
"""
    result = import_document(name="bench.txt", data=text.encode(), directory=Directory())
    release = result.release
    unknown = Agency.objects.get(is_unknown_issuer=True)
    assert release.agency == unknown
    release.agency = Agency.objects.create(name="Northwind Space Agency", acronym="NWSA", country="FR")
    release.save()
    publish(release)

    assert client.get(release.get_absolute_url()).status_code == 200
    assert client.get(unknown.get_absolute_url()).status_code == 404
    assert not Agency.objects.public().filter(pk=unknown.pk).exists()  # sitemaps, filters, lists


def test_contacts_filed_under_the_unknown_issuer_move_to_the_agency_the_editor_chose(client):
    """The editor chooses the issuing agency and publishes: the press contacts the import filed
    under the placeholder are that agency's now, on the release page and in the directory."""
    text = """# A test bench for reusable engines opens in the hills

Toulouse, 5 March 2024

**A bench where engines are fired before they fly has opened above the river.**

## Press contacts

Lena Berg
Tel: +33 5 61 28 33 90
lena.berg@example.org

Paul Mercier
Tel: +33 5 61 28 33 91
paul.mercier@example.org
"""
    release = import_document(name="bench.txt", data=text.encode(), directory=Directory()).release
    northwind = Agency.objects.create(name="Northwind Space Agency", acronym="NWSA", country="FR")
    known = PressContact.objects.create(
        agency=northwind, person=Person.objects.get(name="Paul Mercier"), phone="+33 5 61 28 33 91"
    )
    release.agency = northwind
    release.save()
    publish(release)

    contacts = [link.contact for link in release.release_contacts.order_by("order")]
    assert [c.agency for c in contacts] == [northwind, northwind]
    assert contacts[1] == known  # the directory's own contact for that person, not a second one
    page = client.get(release.get_absolute_url()).content.decode()
    assert "Unknown issuer" not in page and "Lena Berg" in page and "Paul Mercier" in page
