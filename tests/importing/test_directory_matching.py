"""Contacts matched against the directory: the same contact whatever the name looks like; a
number that differs is reported and the directory's kept; offices as contacts, on every page."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from contacts.models import Person, PressContact
from releases.importing import Directory, release_import_file
from tests.factories import AgencyFactory, PersonFactory, PressContactFactory

pytestmark = pytest.mark.django_db


def top(title="Asteroid capsule opened"):
    return f"Tokyo, 15 June 2022\n\n## {title}\n\n**The capsule was opened.**\n\nThe body.\n\n"


def imported(write_document, text, title="Asteroid capsule opened", **options):
    return release_import_file(
        path=write_document(top(title) + text, name=f"{len(title)}.txt"), directory=Directory(), **options
    )


def notes(result, code):
    return [note for note in result.review.notes if note.code == code]


@pytest.fixture
def skyward():
    """An agency whose press officer the directory knows by her name in Japanese."""
    agency = AgencyFactory(name="Skyward Exploration Agency", acronym="SKYX", country="JP")
    hanako = PersonFactory(name="山田花子", name_latin="Yamada Hanako")
    PressContactFactory(
        person=hanako,
        agency=agency,
        title="広報部",
        phone="+81 50 5550 1234",
        email="yamada.hanako@skyx.example.jp",
    )
    return agency


def test_a_contact_known_by_e_mail_is_the_same_person_whatever_the_script(write_document, skyward):
    text = "### Media contact\n\nPublic Affairs Department, Yamada Hanako\nyamada.hanako@skyx.example.jp\n"
    result = imported(write_document, text)
    (contact,) = result.release.contacts.all()
    assert contact.person.name == "山田花子" and contact.title == "広報部"  # the directory's
    assert Person.objects.count() == 1 and PressContact.objects.count() == 1
    assert not notes(result, "number_differs")


def test_a_latin_spelling_with_the_words_in_the_other_order_is_the_same_person(write_document, skyward):
    result = imported(write_document, "### SKYX press contact\n\nHanako Yamada\nTel. 050-5550-1234\n")
    assert result.release.contacts.get().person.name == "山田花子"
    assert Person.objects.count() == 1


def test_a_contact_known_by_a_number_only_they_have_is_the_same_contact(write_document):
    agency = AgencyFactory(name="Orbital Bureau", acronym="ORBA", country="US")
    known = PressContactFactory(person=PersonFactory(name="Dana Reyes"), agency=agency, phone="202-555-0142")
    result = imported(write_document, "### ORBA press contacts\n\nD. Reyes\n202-555-0142\n")
    assert result.release.contacts.get() == known


def test_another_name_on_a_known_number_is_another_person(write_document):
    agency = AgencyFactory(name="Orbital Bureau", acronym="ORBA", country="US")
    PressContactFactory(person=PersonFactory(name="Dana Reyes"), agency=agency, phone="202-555-0142")
    result = imported(write_document, "### ORBA press contacts\n\nOmar Haddad\n202-555-0142\n")
    assert result.release.contacts.get().person.name == "Omar Haddad"
    assert Person.objects.count() == 2


def test_a_number_that_differs_from_the_directorys_is_reported_and_the_directorys_kept(write_document):
    agency = AgencyFactory(name="Orbital Bureau", acronym="ORBA", country="FR")
    known = PressContactFactory(
        person=PersonFactory(name="Léa Martin"),
        agency=agency,
        phone="+33 1 99 00 12 34",
        email="lea@orba.example.fr",
    )
    text = "### Contacts presse ORBA\n\nLéa Martin\nTél. 01 99 00 12 43\nlea@orba.example.fr\n"
    result = imported(write_document, text, publish=True)
    (note,) = notes(result, "number_differs")
    assert "01 99 00 12 43" in note.message and "+33 1 99 00 12 34" in note.message
    assert note.where == "line 12"
    assert "number differs from the directory" in result.describe()
    known.refresh_from_db()
    assert (known.phone, known.phone_e164) == ("+33 1 99 00 12 34", "+33199001234")
    assert result.release.contacts.get() == known


def test_what_the_directory_lacks_is_filled_from_the_document(write_document):
    agency = AgencyFactory(name="Orbital Bureau", acronym="ORBA", country="FR")
    known = PressContactFactory(person=PersonFactory(name="Léa Martin"), agency=agency, phone="", email="")
    text = (
        "### Contacts presse ORBA\n\n"
        "Léa Martin\nTél. 01 99 00 12 43\nPortable 06 99 00 12 43\nlea@orba.example.fr\n"
    )
    imported(write_document, text)
    known.refresh_from_db()
    assert (known.phone_e164, known.mobile_e164, known.email) == (
        "+33199001243",
        "+33699001243",
        "lea@orba.example.fr",
    )


def test_an_unlabelled_mobile_number_is_told_by_its_country_numbering(write_document):
    AgencyFactory(name="Orbital Bureau", acronym="ORBA", country="FR")
    result = imported(write_document, "### Contacts presse ORBA\n\nLéa Martin\n06 99 00 31 31\n")
    contact = result.release.contacts.get()
    assert (contact.phone, contact.mobile_e164) == ("", "+33699003131")


def test_an_unreadable_number_is_noted_and_left_out(write_document):
    AgencyFactory(name="Orbital Bureau", acronym="ORBA", country="FR")
    result = imported(write_document, "### Contacts presse ORBA\n\nLéa Martin\nTél. 01 99 00\n")
    assert result.release.contacts.get().phone == ""
    (note,) = notes(result, "number_unreadable")
    assert "01 99 00" in note.message


def test_a_contacts_agency_is_the_one_its_e_mail_domain_belongs_to(write_document):
    AgencyFactory(name="Orbital Bureau", acronym="ORBA", country="FR")
    maple = AgencyFactory(
        name="Maple Space Agency", acronym="MSA", country="CA", website="https://msa.example.ca"
    )
    text = (
        "### ORBA press contacts\n\nLéa Martin\nTél. 01 99 00 31 31\n\n"
        "Relations avec les médias\nAgence spatiale de l'érable\nTél. : 450-555-0199\nmedias@msa.example.ca\n"
    )
    result = imported(write_document, text)
    office = result.release.contacts.get(person=None)
    assert (office.office, office.agency, office.phone_e164) == (
        "Relations avec les médias",
        maple,
        "+14505550199",
    )


@pytest.fixture
def office_release(write_document):
    AgencyFactory(name="Orbital Bureau", acronym="ORBA", country="FR")
    text = (
        "**For more information:**\n\nORBA Media Relations Office\n"
        "Tel: +33 1 99 00 44 10 to 4415\nFax: +33 1 99 00 72 60\nmedia@orba.example.fr\n"
    )
    return imported(write_document, text, publish=True).release


def test_an_office_is_saved_as_a_contact_with_no_person(office_release):
    office = office_release.contacts.get()
    assert (office.person, office.office, office.agency.acronym) == (
        None,
        "ORBA Media Relations Office",
        "ORBA",
    )
    assert (office.phone, office.phone_e164) == (
        "+33 1 99 00 44 10 to 4415",
        "+33199004410",
    )  # a range: its first
    assert office.fax_e164 == "+33199007260"
    assert str(office) == "ORBA Media Relations Office (ORBA)"


def test_importing_the_office_again_finds_it(office_release, write_document):
    AgencyFactory(name="Kestrel", acronym="KST")
    imported(
        write_document,
        "**For more information:**\n\nORBA Media Relations Office\nTel: +33 1 99 00 44 10\n",
        title="Second",
    )
    assert PressContact.objects.filter(office="ORBA Media Relations Office").count() == 1


def test_an_office_shows_its_name_phone_fax_and_e_mail_on_the_release_page_and_in_the_feed(office_release):
    page = Client().get(office_release.get_absolute_url()).content.decode()
    assert '<h3 class="contact-card__name">ORBA Media Relations Office</h3>' in page
    assert 'href="tel:+33199004410"' in page and "+33 1 99 00 44 10 to 4415" in page  # as written
    assert "+33 1 99 00 72 60" in page and 'href="tel:+33199007260"' not in page  # a fax is not dialled
    assert 'href="mailto:media@orba.example.fr"' in page
    feed = Client().get(reverse("releases:feed-rss")).content.decode()
    assert "ORBA Media Relations Office" in feed and "+33 1 99 00 72 60" in feed


def test_an_office_shows_in_the_press_contacts_directory(office_release):
    page = Client().get("/press-contacts/").content.decode()
    assert "ORBA Media Relations Office" in page


def test_a_press_contact_is_a_person_or_an_office_never_both_nor_neither():
    agency = AgencyFactory()
    for person, office in [(None, ""), (PersonFactory(), "Press Office")]:
        with pytest.raises(ValidationError, match="a person or an office"):
            PressContact(person=person, office=office, agency=agency).full_clean()
    PressContact.objects.create(office="Press Office", agency=agency)
    with pytest.raises(ValidationError, match="already has an office contact of this name"):
        PressContact(office="Press Office", agency=agency).full_clean()
