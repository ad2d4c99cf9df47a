"""The contacts stage: press contacts read in the forms press offices write them.

Every name, number and address here is invented; numbers come from ranges kept for fiction
(US 555-01xx, France 01 99 00 xx xx, Germany 0221 4710 xxx, UK 020 7946 0xxx).
"""

import pytest

from releases.importing import parse_release
from releases.importing.contacts.blocks import parse_contact_block
from releases.importing.contacts.lines import read_line

TOP = "Paris, 28 October 2013\n\n## A title\n\n**The lead.**\n\nThe body.\n\n"


def contacts(text: str, top: str = TOP):
    """(name, office, title, phone, mobile, fax, email, agency) of each contact the document gives."""
    parsed = parse_release(top + text)
    return [
        (c.name, c.office, c.title, c.phone, c.mobile, c.fax, c.email, c.agency_label)
        for block in parsed.contact_blocks
        for c in block.contacts
    ]


def notes(parsed, code):
    return [note for note in parsed.review.notes if note.code == code]


def test_an_office_with_tel_and_fax_lines_and_no_person_is_a_contact():
    text = (
        "**For more information:**\n\n"
        "Orbital Bureau Media Relations Office\nTel: +33 1 99 00 44 10\nFax: +33 1 99 00 44 99\n"
    )
    assert contacts(text) == [
        (
            "",
            "Orbital Bureau Media Relations Office",
            "",
            "+33 1 99 00 44 10",
            "",
            "+33 1 99 00 44 99",
            "",
            "",
        )
    ]


def test_a_heading_that_is_an_office_with_its_numbers_under_it_is_the_contact():
    text = "Pressestelle\nTelefon: 0221 4710 300\nE-Mail: presse@raumwerk.example.de\n"
    assert contacts(text) == [
        ("", "Pressestelle", "", "0221 4710 300", "", "", "presse@raumwerk.example.de", "")
    ]


def test_an_office_line_above_a_person_introduces_them():
    text = (
        "### Contacts presse\n\n"
        "Service de presse du Bureau orbital\n"
        "Léa Martin. Tél : 01 99 00 31 31\nlea.martin@orbital.example.fr\n"
    )
    ((name, office, title, phone, *_others, email, agency),) = contacts(text)
    assert (name, office, title) == ("Léa Martin", "", "Service de presse du Bureau orbital")
    assert (phone, email, agency) == ("01 99 00 31 31", "lea.martin@orbital.example.fr", "")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Contact presse : Léa Martin Tél. 01 99 00 31 31 lea.martin@orbital.example.fr",
            ("Léa Martin", "", "", "01 99 00 31 31", "", "", "lea.martin@orbital.example.fr", ""),
        ),
        (
            "Contact: Jo Farrow -- jo.farrow@kestrel.example.com, 303-555-0188",
            ("Jo Farrow", "", "", "303-555-0188", "", "", "jo.farrow@kestrel.example.com", ""),
        ),
        (
            "Company Press Contact: Jo Farrow Director of Communications jo.farrow@kestrel.example.com",
            ("Jo Farrow", "", "Director of Communications", "", "", "", "jo.farrow@kestrel.example.com", ""),
        ),
        (
            "Contact Kestrel: Jo Farrow - Media Relations: jo.farrow@kestrel.example.com",
            ("Jo Farrow", "", "Media Relations", "", "", "", "jo.farrow@kestrel.example.com", ""),
        ),
        (
            "Contacto de prensa: Elena Ruiz – Tel. 91 555 01 22 – eruiz@orbital.example.es",
            ("Elena Ruiz", "", "", "91 555 01 22", "", "", "eruiz@orbital.example.es", ""),
        ),
    ],
)
def test_a_contact_written_on_one_line_after_its_heading(line, expected):
    assert contacts(line + "\n") == [expected]


def test_several_contacts_in_a_parenthesis_closing_the_body():
    text = "(For more information: Anke Vos – Tel.: +32 2 555 01 11; Luca Ferri – Tel.: +32 255 50122)\n"
    parsed = parse_release(TOP + text)
    assert [(c.name, c.phone) for c in parsed.contact_blocks[0].contacts] == [
        ("Anke Vos", "+32 2 555 01 11"),
        ("Luca Ferri", "+32 255 50122"),
    ]
    assert "For more information" not in parsed.body and parsed.body == "The body."


def test_a_parenthesis_of_contacts_at_the_end_of_a_paragraph_leaves_the_paragraph():
    parsed = parse_release(
        TOP + "The call closes in June. (For more information: Anke Vos – Tel.: +32 2 555 01 11)\n"
    )
    assert [c.name for c in parsed.contact_blocks[0].contacts] == ["Anke Vos"]
    assert parsed.body == "The body.\n\nThe call closes in June."


def test_contact_blocks_after_end_separated_by_blank_lines():
    text = (
        "Visit the mission's page.\n\n-end-\n\n"
        "Dana Reyes\nHeadquarters, Washington\n202-555-0111\ndana.reyes@agency.example.gov\n\n"
        "Omar Haddad\nGoddard Space Flight Center, Greenbelt, Md.\n"
        "301-555-0122\nomar.haddad@agency.example.gov\n"
    )
    parsed = parse_release(TOP + text)
    assert [(c.name, c.title, c.phone) for b in parsed.contact_blocks for c in b.contacts] == [
        ("Dana Reyes", "Headquarters, Washington", "202-555-0111"),
        ("Omar Haddad", "Goddard Space Flight Center, Greenbelt, Md.", "301-555-0122"),
    ]
    assert [c.email for b in parsed.contact_blocks for c in b.contacts] == [
        "dana.reyes@agency.example.gov",
        "omar.haddad@agency.example.gov",
    ]
    assert "-end-" not in parsed.body and "Dana Reyes" not in parsed.body


def test_contacts_before_the_headline_with_shared_lines_and_shortened_numbers():
    text = (
        "Dana Reyes/Omar Haddad\nHeadquarters, Washington\n202-555-0142/0157\n\n"
        "Priya Kaul\nAmes Research Center, Moffett Field, Calif.\n650-555-0133\n\n"
        "# AGENCY SELECTS LUNAR DRILL\n\nWASHINGTON -- The agency selected a drill.\n"
    )
    parsed = parse_release(text)
    assert parsed.title == "AGENCY SELECTS LUNAR DRILL"
    assert [(c.name, c.title, c.phone) for b in parsed.contact_blocks for c in b.contacts] == [
        ("Dana Reyes", "Headquarters, Washington", "202-555-0142"),
        ("Omar Haddad", "Headquarters, Washington", "202-555-0157"),
        ("Priya Kaul", "Ames Research Center, Moffett Field, Calif.", "650-555-0133"),
    ]


def test_two_names_sharing_one_phone_and_two_addresses():
    text = (
        "**Contacto de prensa**\n\nElena Ruiz / Pablo Soto\nGabinete de Prensa\nTel.: +34 91 555 01 40\n"
        "eruiz@orbital.example.es / psoto@orbital.example.es\n"
    )
    assert contacts(text) == [
        ("Elena Ruiz", "", "Gabinete de Prensa", "+34 91 555 01 40", "", "", "eruiz@orbital.example.es", ""),
        ("Pablo Soto", "", "Gabinete de Prensa", "+34 91 555 01 40", "", "", "psoto@orbital.example.es", ""),
    ]


def test_a_number_range_is_kept_as_written():
    text = "### Press contacts\n\nRaumwerk Pressestelle\nTel.: +49 221 4710 300 to 305\n"
    assert contacts(text) == [("", "Raumwerk Pressestelle", "", "+49 221 4710 300 to 305", "", "", "", "")]


@pytest.mark.parametrize(
    "heading",
    [
        "Contatti",
        "Contatti stampa",
        "Pressekontakt:",
        "Pressekontakte",
        "Contacto de prensa",
        "Contactos",
        "Persvoorlichting",
        "Perscontact:",
        "Contact presse",
        "＜本件に関するお問い合わせ先＞",
    ],
)
def test_contacts_headings_in_other_languages(heading):
    text = f"{heading}\nMarta Conti\nTel. +39 06 5550 1234\nmarta.conti@orbitale.example.it\n"
    assert contacts(text) == [
        ("Marta Conti", "", "", "+39 06 5550 1234", "", "", "marta.conti@orbitale.example.it", "")
    ]


@pytest.mark.parametrize(
    "title", ["Media Relations Officer", "Press Officer", "Pressesprecherin", "woordvoerder"]
)
def test_a_title_line_between_the_name_and_the_phone(title):
    text = f"### Press contacts\n\nMarta Conti\n{title}\nTel. +39 06 5550 1234\n"
    assert contacts(text) == [("Marta Conti", "", title, "+39 06 5550 1234", "", "", "", "")]


def test_an_organisation_line_in_a_block_names_the_contacts_agency_and_is_no_title():
    text = (
        "Pressekontakt:\nJonas Weber\nPressesprecher\nRaumwerk Gesellschaft für Raumfahrt (RWG)\n"
        "Telefon: +49 221 4710 310\n"
    )
    assert contacts(text) == [("Jonas Weber", "", "Pressesprecher", "+49 221 4710 310", "", "", "", "RWG")]


@pytest.mark.parametrize(
    ("line", "kinds"),
    [
        ("Tél. 01 99 00 31 31", [("phone", "01 99 00 31 31")]),
        (
            "Telefon: 0221 4710 320, Handy: 0170 5550 123",
            [("phone", "0221 4710 320"), ("mobile", "0170 5550 123")],
        ),
        ("Cellulare 347 555 0123", [("mobile", "347 555 0123")]),
        ("Móvil: 655 555 012", [("mobile", "655 555 012")]),
        ("Portable : 06 99 00 31 31", [("mobile", "06 99 00 31 31")]),
        ("Mobil +49 170 5550123", [("mobile", "+49 170 5550123")]),
        ("Fax +33 1 99 00 31 00", [("fax", "+33 1 99 00 31 00")]),
        ("TEL：050-5550-1234", [("phone", "050-5550-1234")]),
        (
            "T +31 88 555 0100 M +31 6 5550 0100",
            [("phone", "+31 88 555 0100"), ("mobile", "+31 6 5550 0100")],
        ),
    ],
)
def test_number_labels_in_several_languages(line, kinds):
    assert [(item.kind, item.value) for item in read_line(line).details()] == kinds


def test_addresses_written_with_a_name_or_bare_are_read_and_nothing_else_is():
    line = read_line("Léa Martin <lea.martin@orbital.example.fr>, backup: press@orbital.example.fr")
    assert [(item.kind, item.value) for item in line.items if item.kind in {"text", "email"}] == [
        ("text", "Léa Martin"),
        ("email", "lea.martin@orbital.example.fr"),
        ("text", "backup"),
        ("email", "press@orbital.example.fr"),
    ]
    assert read_line("Follow us on X: @orbital").whole == "note"  # a handle is no address


def test_a_mobile_unlabelled_is_marked_for_the_country_to_tell():
    block = parse_contact_block("", 1, [(1, "Léa Martin"), (2, "+33 6 99 00 31 31")])
    (contact,) = block.contacts
    assert (contact.phone, contact.unlabelled) == ("+33 6 99 00 31 31", {"phone"})


def test_three_names_and_two_numbers_keep_the_names_and_note_the_numbers():
    text = "### Press office\n\nAnke Vos\nLuca Ferri\nMina Osei\n020 7946 0123\n020 7946 0456\n"
    parsed = parse_release(TOP + text)
    assert [(c.name, c.phone) for c in parsed.contact_blocks[0].contacts] == [
        ("Anke Vos", ""),
        ("Luca Ferri", ""),
        ("Mina Osei", ""),
    ]
    (note,) = notes(parsed, "contacts_unpaired")
    assert (
        "020 7946 0123, 020 7946 0456" in note.message and "Anke Vos, Luca Ferri, Mina Osei" in note.message
    )
    assert note.where == "line 14"  # the first number it could not place


def test_names_then_numbers_then_addresses_are_paired_by_order():
    text = (
        "### Press contacts\n\nAnke Vos\nLuca Ferri\n\nTel. +33 1 99 00 31 01\nTel. +33 1 99 00 31 02\n\n"
        "luca.ferri@orbital.example.fr\nanke.vos@orbital.example.fr\n"
    )
    parsed = parse_release(TOP + text)
    assert [(c.name, c.phone, c.email) for c in parsed.contact_blocks[0].contacts] == [
        ("Anke Vos", "+33 1 99 00 31 01", "luca.ferri@orbital.example.fr"),
        ("Luca Ferri", "+33 1 99 00 31 02", "anke.vos@orbital.example.fr"),
    ]  # as written: the order pairs them, even when an editor would swap them


def test_fewer_addresses_than_names_go_to_the_name_they_spell():
    text = "### Press contacts\n\nAnke Vos\nLuca Ferri\n\nluca.ferri@orbital.example.fr\n"
    parsed = parse_release(TOP + text)
    assert [(c.name, c.email) for c in parsed.contact_blocks[0].contacts] == [
        ("Anke Vos", ""),
        ("Luca Ferri", "luca.ferri@orbital.example.fr"),
    ]
    assert not notes(parsed, "contacts_unpaired")


def test_details_with_no_name_are_noted_not_lost():
    parsed = parse_release(TOP + "### Press contacts\n\nTel. +33 1 99 00 31 01\n")
    (note,) = notes(parsed, "contacts_unpaired")
    assert "+33 1 99 00 31 01" in note.message


def test_a_sentence_about_contacts_in_the_body_stays_in_the_body():
    parsed = parse_release(TOP + "Contact: the mission team will answer questions at the briefing.\n")
    assert parsed.contact_blocks == []
    assert "Contact: the mission team" in parsed.body
