"""The issuer: found from the document itself and matched against the directory; `--agency`
only when the document names none; "Unknown issuer (to review)" when nothing names one."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from contacts.groups import EDITORS, PUBLISHERS
from contacts.models import Agency
from releases.importing import Directory, release_import_file
from releases.models import Release
from releases.services import release_publish_as_system, release_submit
from tests.factories import AgencyFactory, StaffFactory

pytestmark = pytest.mark.django_db

TOP = (
    "Toulouse, 3 March 2025\n\n## The bureau opens its launch window\n\n**The window opens.**\n\n"
    "The body.\n\n"
)


def imported(write_document, text, **options):
    return release_import_file(path=write_document(TOP + text), directory=Directory(), **options)


def codes(result) -> list[str]:
    return [note.code for note in result.review.notes if note.code in {"no_issuer", "issuer_guessed"}]


@pytest.fixture
def orbital():
    return AgencyFactory(
        name="Orbital Bureau", acronym="ORBA", country="FR", website="https://www.orbital.example.fr"
    )


def test_the_contacts_heading_names_the_issuer_and_outweighs_the_command_line(write_document, orbital):
    other = AgencyFactory(name="Kestrel Dynamics", acronym="KD")
    result = imported(write_document, "### ORBA press contacts\n\nLéa Martin\n", agency=other)
    assert result.release.agency == orbital and codes(result) == []


def test_a_newswire_source_line_names_the_issuer_not_the_partner_in_another_about(write_document):
    kestrel = AgencyFactory(name="Kestrel Dynamics", acronym="", country="US")
    AgencyFactory(name="Garonne Spatial", acronym="")
    text = (
        "**About Garonne Spatial**\n\nGaronne Spatial builds antenna feeds.\n\n"
        "**About Kestrel Dynamics**\n\nKestrel Dynamics, Inc. builds booms.\n\n"
        "SOURCE Kestrel Dynamics, Inc.\n"
    )
    assert imported(write_document, text).release.agency == kestrel


@pytest.mark.parametrize(
    "boilerplate",
    ["### About Kestrel Dynamics", "### Über Kestrel Dynamics", "### À propos de Kestrel Dynamics"],
)
def test_the_about_boilerplate_names_the_issuer(write_document, boilerplate):
    kestrel = AgencyFactory(name="Kestrel Dynamics", acronym="")
    text = f"{boilerplate}\n\nKestrel Dynamics builds booms.\n"
    assert imported(write_document, text).release.agency == kestrel


def test_the_domain_of_the_contacts_addresses_names_the_issuer(write_document, orbital):
    text = "### Press contacts\n\nLéa Martin\nlea.martin@labs.orbital.example.fr\n"
    result = imported(write_document, text)
    assert result.release.agency == orbital
    assert result.release.contacts.get().agency == orbital


def test_a_header_line_naming_a_known_agency_names_the_issuer(write_document, orbital):
    text = "Orbital Bureau - Press release\n\n# Launch window opens\n\nToulouse, 3 March 2025\n\nThe body.\n"
    result = release_import_file(path=write_document(text), directory=Directory())
    assert result.release.agency == orbital


def test_the_reference_prefix_names_the_issuer(write_document, orbital):
    text = "ORBA PR 12-2025\n\n# Launch window opens\n\nToulouse, 3 March 2025\n\nThe body.\n"
    assert release_import_file(path=write_document(text), directory=Directory()).release.agency == orbital


def test_an_issuer_named_by_the_contacts_heading_is_introduced_unlisted_and_may_be_published(write_document):
    result = imported(write_document, "### ORBX press contacts\n\nLéa Martin\n", publish=True)
    agency = result.release.agency
    assert (agency.acronym, agency.is_listed) == ("ORBX", False)
    assert codes(result) == [] and result.release.status == Release.Status.PUBLISHED


def test_an_issuer_only_guessed_from_the_boilerplate_is_introduced_and_noted(write_document):
    result = imported(
        write_document, "### About Kestrel Dynamics\n\nKestrel Dynamics builds booms.\n", publish=True
    )
    assert result.release.agency.name == "Kestrel Dynamics" and not result.release.agency.is_listed
    assert codes(result) == ["issuer_guessed"]
    assert result.release.status == Release.Status.DRAFT  # never published from a guess


def test_the_command_lines_agency_is_used_when_the_document_names_none(write_document, orbital):
    result = imported(write_document, "", agency=orbital)
    assert result.release.agency == orbital and codes(result) == []


def test_a_document_naming_no_issuer_is_filed_under_the_one_unknown_issuer(write_document):
    first = imported(write_document, "", publish=True)
    second = release_import_file(
        path=write_document(TOP.replace("launch window", "landing zone") + "Text.\n", name="other.txt"),
        directory=Directory(),
    )
    placeholder = first.release.agency
    assert placeholder.is_unknown_issuer and not placeholder.is_listed
    assert second.release.agency == placeholder and Agency.objects.filter(is_unknown_issuer=True).count() == 1
    assert codes(first) == ["no_issuer"] and first.release.status == Release.Status.DRAFT
    assert "needs review (" in first.describe() and "issuer unknown" in first.describe()


def test_a_release_under_the_unknown_issuer_cannot_be_published_until_its_agency_is_chosen(write_document):
    release = imported(write_document, "").release
    release.status, release.published_at = Release.Status.PUBLISHED, timezone.now()
    with pytest.raises(ValidationError) as refused:
        release.full_clean()
    assert "Choose the issuing agency" in refused.value.message_dict["agency"][0]
    with pytest.raises(ValidationError, match="Choose the issuing agency"):
        release_publish_as_system(release=Release.objects.get(pk=release.pk))
    with pytest.raises(ValidationError, match="its issuing agency"):
        release_submit(release=Release.objects.get(pk=release.pk), user=StaffFactory(group=EDITORS))
    release.agency = AgencyFactory()
    release.full_clean()  # with an agency chosen, it may be published


def test_publishing_without_review_in_the_admin_leaves_a_release_with_no_issuer_a_draft(
    write_document, client, staff
):
    client.force_login(staff(PUBLISHERS))
    release = imported(write_document, "").release
    response = client.post(
        reverse("admin:releases_release_transition", args=[release.pk, "force_publish"]),
        {"reason": "The launch is in an hour."},
    )
    assert "Choose the issuing agency before publishing" in response.content.decode()
    release.refresh_from_db()
    assert release.status == Release.Status.DRAFT and not Release.objects.public().exists()


def test_the_unknown_issuer_is_never_shown_to_the_public(write_document, client):
    placeholder = imported(write_document, "").release.agency
    assert client.get(placeholder.get_absolute_url()).status_code == 404
    assert placeholder.name not in client.get("/press-contacts/").content.decode()
