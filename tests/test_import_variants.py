"""Documents as real press offices write them: the importer reads each variant right."""

from datetime import date

import pytest

from contacts.models import Agency, PressContact
from releases.importing import Directory, DocumentError, parse_embargo, parse_release, release_import_file
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

HEADER = "Paris, 28 October 2013\n\n## A title\n\n**The lead.**\n\nThe body.\n\n"


def contacts_of(text: str):
    blocks = parse_release(HEADER + text).contact_blocks
    return [
        (b.agency_label, [(c.name, c.phone, c.mobile, c.email, c.agency_label) for c in b.contacts])
        for b in blocks
    ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("10:00 CET, 12 February 2015", "2015-02-12T09:00"),
        ("3:00 PM CET, 12 February 2015", "2015-02-12T14:00"),
        ("3 p.m. CET, 12 February 2015", "2015-02-12T14:00"),
        ("10:00 a.m. EST, February 12, 2015", "2015-02-12T15:00"),
        ("12 février 2015 à 10h", "2015-02-12T09:00"),
        ("12 février 2015 à 10 heures", "2015-02-12T09:00"),
        ("10:00 UTC+1 ON 12 February 2015", "2015-02-12T09:00"),
        ("Thursday 12 February 2015, 00:01 GMT", "2015-02-12T00:01"),
    ],
)
def test_embargo_times_as_press_offices_write_them(written, expected):
    assert parse_embargo(written, 1).instant(agency=None).strftime("%Y-%m-%dT%H:%M") == expected


@pytest.mark.parametrize(
    ("line", "place", "day"),
    [
        ("Washington, D.C., October 28, 2013", "Washington, D.C.", date(2013, 10, 28)),
        ("PARIS, Oct. 28, 2013", "PARIS", date(2013, 10, 28)),
        ("Paris, le 1er mars 2014", "Paris", date(2014, 3, 1)),
        ("Tokyo, Monday 28 October 2013", "Tokyo", date(2013, 10, 28)),
    ],
)
def test_datelines_as_press_offices_write_them(line, place, day):
    parsed = parse_release(f"{line}\n\n## Title\n")
    assert (parsed.dateline_place, parsed.dateline_date) == (place, day)


def test_a_dateline_may_open_the_lead():
    parsed = parse_release(
        "## Le CNES lance un satellite\n\n**Paris, le 5 mars 2014 – Le CNES a lancé.**\n\nTexte.\n"
    )
    assert (parsed.dateline_place, parsed.dateline_date, parsed.language) == ("Paris", date(2014, 3, 5), "fr")
    assert parsed.lead == "Le CNES a lancé."
    assert parsed.body == "Texte."


def test_an_underlined_title_and_heading_are_read():
    parsed = parse_release(
        "Paris, 28 October 2013\n\nA title\n=======\n\nBody.\n\nPress contacts\n---\n\nA Person\n"
    )
    assert parsed.title == "A title"
    assert parsed.contact_blocks[0].contacts[0].name == "A Person"


def test_a_year_no_press_release_has_is_an_error():
    with pytest.raises(DocumentError, match="impossible year"):
        parse_release("Paris, 1 January 0001\n\n## Title\n")


def test_contacts_written_one_per_line():
    text = (
        "### CNES press contacts\n\n"
        "Alain Delrieu – Tel. +33 1 44 76 74 04 – alain.delrieu@cnes.fr\n"
        "Pascale Bresson | +33 1 44 76 75 39\n"
    )
    assert contacts_of(text) == [
        ("CNES", [("Alain Delrieu", "+33 1 44 76 74 04", "", "alain.delrieu@cnes.fr", ""),
                  ("Pascale Bresson", "+33 1 44 76 75 39", "", "", "")]),
    ]  # fmt: skip


def test_grouped_contacts_with_mobile_fax_and_labels():
    text = (
        "### Contacts presse\n\nAlain Delrieu\nFax 01 44 76 76 76\nTél. 01 44 76 74 04\nMob. 06 12 34 56 78\n"
        "Courriel : alain.delrieu@cnes.fr\n\nDelrieu, Pascale\nTél. : 01 44 76 75 39 / 06 11 22 33 44\n"
    )
    assert contacts_of(text) == [
        ("", [("Alain Delrieu", "01 44 76 74 04", "06 12 34 56 78", "alain.delrieu@cnes.fr", ""),
              ("Pascale Delrieu", "01 44 76 75 39", "06 11 22 33 44", "", "")]),
    ]  # fmt: skip


def test_names_written_as_mail_links_and_agencies_in_parentheses():
    text = (
        "### Press contacts\n\n[Alain Delrieu](mailto:alain.delrieu@cnes.fr)\nTel. +33 1 44 76 74 04\n\n"
        "Marco Trovatello (ESA)\nTel. +49 6151 90 2516\n"
    )
    assert contacts_of(text) == [
        ("", [("Alain Delrieu", "+33 1 44 76 74 04", "", "alain.delrieu@cnes.fr", ""),
              ("Marco Trovatello", "+49 6151 90 2516", "", "", "ESA")]),
    ]  # fmt: skip


def test_a_contact_on_the_heading_line():
    assert contacts_of(
        "**Press contact:** Pascale Bresson, +33 1 44 76 75 39, pascale.bresson@cnes.fr\n"
    ) == [
        ("", [("Pascale Bresson", "+33 1 44 76 75 39", "", "pascale.bresson@cnes.fr", "")]),
    ]


@pytest.mark.parametrize(
    ("heading", "label"),
    [
        ("### Media contacts in Kourou", ""),
        ("### Press contacts for this release", ""),
        ("### Press contacts (CNES and JAXA)", ""),
        ("### Media relations", ""),
        ("**Relations presse CNES**", "CNES"),
        ("For more information, please contact:", ""),
    ],
)
def test_contacts_headings_name_an_agency_only_when_they_do(heading, label):
    assert contacts_of(f"{heading}\n\nAlain Delrieu\n")[0][0] == label


def test_what_follows_the_contacts_stays_in_the_body():
    parsed = parse_release(
        HEADER
        + "### CNES press contacts\n\nAlain Delrieu\nalain.delrieu@cnes.fr\n\nFollow CNES on X: @CNES\n\n"
        "### About CNES\n\nThe Centre national d'études spatiales shapes France's space policy in Europe.\n"
    )
    assert [c.name for c in parsed.contact_blocks[0].contacts] == ["Alain Delrieu"]
    assert "### About CNES" in parsed.body and "shapes France's space policy" in parsed.body
    assert "Follow CNES on X: @CNES" in parsed.body


def test_a_link_that_ends_the_body_is_not_taken_for_the_press_site():
    parsed = parse_release(HEADER + "[Watch the launch video](https://video.example/launch)\n")
    assert parsed.press_site_url == ""
    assert "[Watch the launch video]" in parsed.body


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ('“We are proud of this mission,” said Johann-Dietrich Wörner, Chairman.', "Johann-Dietrich Wörner"),
        ('Federal Minister Thomas de Maizière said: “This is a great day.”', "Thomas de Maizière"),
        ('Jean Dupont welcomed Hans Schmidt. Schmidt said: “Our cooperation is strong.”', "Hans Schmidt"),
        ('On Monday Gerd Gruppe said: “We will deliver.”', "Gerd Gruppe"),
        ('Le Gall thanked Naoki Okumura for his welcome. He then stated: "It went well."', None),
    ],
)  # fmt: skip
def test_quotes_are_given_to_the_person_who_speaks_or_to_nobody(paragraph, speaker):
    quotes = parse_release(HEADER + paragraph + "\n").quotes
    assert [q.speaker for q in quotes] == ([speaker] if speaker else [])
    assert all(not q.text.endswith(",") for q in quotes)


def test_a_second_block_for_an_unknown_agency_does_not_borrow_the_first_ones_country(write_document):
    text = (
        HEADER + "### CNES press contacts\n\nAlain Delrieu\nTel. +33 1 44 76 74 04\n\n"
        "### JAXA press contact\n\n山田太郎\nTel. 03-5289-3650\n"
    )
    result = release_import_file(path=write_document(text), directory=Directory(), publish=True)
    (note,) = [note for note in result.review.notes if note.code == "number_unreadable"]
    assert "has no country code and JAXA's country is unknown" in note.message
    assert Agency.objects.get(acronym="JAXA").country == ""  # not France, the first block's country
    Agency.objects.filter(acronym="JAXA").update(country="JP")
    release_import_file(path=write_document(text), directory=Directory(), publish=True)
    assert PressContact.objects.get(person__name="山田太郎").phone_e164 == "+81352893650"


def test_a_french_document_teaches_an_agency_without_a_country_its_country(write_document):
    cnes = AgencyFactory(name="Centre national d'études spatiales", acronym="CNES", country="")
    text = (
        "Paris, le 5 mars 2014\n\n## Titre\n\nTexte.\n\n"
        "### Contacts presse CNES\n\nPascale Bresson\nTél. 01 44 76 75 39\n"
    )
    release_import_file(path=write_document(text), directory=Directory(), publish=True)
    cnes.refresh_from_db()
    assert cnes.country == "FR"
    assert PressContact.objects.get().phone_e164 == "+33144767539"


def test_the_first_of_the_month_reads_as_french_writes_it(write_document):
    text = "Paris, le 1er mars 2014\n\n## Titre\n\nTexte.\n\n### Contacts presse CNES\n\nPascale Bresson\n"
    release = release_import_file(path=write_document(text), directory=Directory(), publish=True).release
    assert release.dateline == "Paris, le 1er mars 2014"


def test_an_unexpected_failure_in_one_file_does_not_stop_the_others(tmp_path, monkeypatch):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    from releases.importing import files as importing
    from tests.conftest import SEED

    (tmp_path / "a.txt").write_text("Paris, 1 March 2014\n\n## Boom\n")
    (tmp_path / "b.txt").write_text(SEED.read_text())
    real = importing.release_import

    def explode_on_boom(*, parsed, **kwargs):
        if parsed.title == "Boom":
            raise OverflowError("date value out of range")
        return real(parsed=parsed, **kwargs)

    monkeypatch.setattr(importing, "release_import", explode_on_boom)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_releases", str(tmp_path), stdout=out, stderr=err)
    assert "a.txt: failed: OverflowError('date value out of range')" in err.getvalue()
    assert "2 files: 1 created, 0 updated, 0 unchanged, 1 failed." in out.getvalue()


def test_an_unnamed_issuer_is_found_by_its_domain(write_document):
    cnes = AgencyFactory(name="Centre national d'études spatiales", acronym="CNES", website="https://cnes.fr")
    text = HEADER + "### Press contacts\n\nAlain Delrieu\nTel. +33 1 44 76 74 04\nalain.delrieu@cnes.fr\n"
    release = release_import_file(path=write_document(text), directory=Directory(), publish=True).release
    assert release.agency == cnes
    assert release.contacts.get().agency == cnes


@pytest.mark.parametrize(
    ("line", "reference"),
    [
        ("PR083 - 2013", "PR083 - 2013"),
        # Kept exactly as written; a label before it ("Ref.:") is no part of it.
        ("ESA PR 12-2014", "ESA PR 12-2014"),
        ("CP n°045 - 2014", "CP n°045 - 2014"),
        ("N° 045-2014", "N° 045-2014"),
        ("Ref.: CP-045-2014", "CP-045-2014"),
        ("No. 12/2014", "No. 12/2014"),
    ],
)
def test_references_as_agencies_number_them(line, reference, write_document):
    text = f"Paris, 28 October 2013\n\n{line}\n\n## Title\n\nBody.\n\n### CNES press contacts\n\nA Person\n"
    assert (
        release_import_file(path=write_document(text), directory=Directory(), publish=True).release.reference
        == reference
    )


@pytest.mark.parametrize(
    "document",
    [
        "HOLD FOR RELEASE UNTIL 11:00 a.m. EDT, March 13, 2014\n\nWASHINGTON, March 12, 2014\n\n## T\n",
        "NOT FOR PUBLICATION BEFORE 11:00 EDT, 13 March 2014\n\nWashington, 12 March 2014\n\n## T\n",
        "EMBARGOED UNTIL Thursday, 13 March 2014, 11:00 EDT\n\nWashington, 12 March 2014\n\n## T\n",
        "Washington, 12 March 2014\n\n## T\n\n**EMBARGOED UNTIL 11:00 EDT, 13 March 2014**\n\n**Lead.**\n",
    ],
)
def test_every_usual_embargo_line_holds_the_release_back(document):
    parsed = parse_release(document)
    assert parsed.embargo.instant(agency=None).strftime("%Y-%m-%d %H:%M") == "2014-03-13 15:00"
    assert parsed.dateline_date == date(2014, 3, 12)


def test_a_type_label_written_as_a_heading_is_no_title():
    parsed = parse_release("Bremen, 12 March 2014\n\n# PRESS RELEASE\n\n## OHB and DLR agree\n\n**Lead.**\n")
    assert (parsed.title, parsed.lead) == ("OHB and DLR agree", "Lead.")


def test_the_place_may_be_followed_by_a_dash():
    parsed = parse_release(
        "## Contract signed\n\nLE BOURGET – June 25, 2015 – Arianespace signed a contract.\n"
    )
    assert (parsed.dateline_place, parsed.dateline_date) == ("LE BOURGET", date(2015, 6, 25))
    assert parsed.body == "Arianespace signed a contract."


def test_a_picture_above_the_lead_stays_in_the_body():
    parsed = parse_release(
        "## Launch\n\n![Sentinel-1](https://example.org/s1.jpg)\n\n"
        "**Kourou, March 12, 2014 – Arianespace signs.**\n"
    )
    assert (parsed.dateline_place, parsed.lead) == ("Kourou", "Arianespace signs.")
    assert parsed.body == "![Sentinel-1](https://example.org/s1.jpg)"


def test_contacts_with_titles_labels_tables_and_bullets():
    text = (
        "### Press contacts\n\n"
        "Pascale Bresson\nHead of Press Relations\npascale.bresson@cnes.fr\n\n"
        "Markus Bauer, ESA Media Relations Officer\n"
        "T: +31 71 565 6799\nM: +31 6 1234 5678\nE: markus.bauer@esa.int\n\n"
        "- Carlo Corazza (+32 2 295 17 52)\n\n"
        "* Alain Delrieu <alain.delrieu@cnes.fr>, +33 1 44 76 74 04\n\n"
        "| Name | Phone | E-mail |\n|---|---|---|\n"
        "| Julien Watelet | +33 1 44 76 78 37 | julien.watelet@cnes.fr |\n"
    )
    contacts = parse_release(HEADER + text).contact_blocks[0].contacts
    assert [(c.name, c.title, c.phone, c.mobile, c.email) for c in contacts] == [
        ("Pascale Bresson", "Head of Press Relations", "", "", "pascale.bresson@cnes.fr"),
        (
            "Markus Bauer",
            "ESA Media Relations Officer",
            "+31 71 565 6799",
            "+31 6 1234 5678",
            "markus.bauer@esa.int",
        ),
        ("Carlo Corazza", "", "+32 2 295 17 52", "", ""),
        ("Alain Delrieu", "", "+33 1 44 76 74 04", "", "alain.delrieu@cnes.fr"),
        ("Julien Watelet", "", "+33 1 44 76 78 37", "", "julien.watelet@cnes.fr"),
    ]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ('NASA Administrator Charles Bolden said: "We are ready."', "Charles Bolden"),
        ('Airbus Defence and Space CEO Bernhard Gerwert said: "A showcase."', "Bernhard Gerwert"),
        ('"We are proud," said Arianespace Chairman and CEO Stéphane Israël.', "Stéphane Israël"),
        ('"Ready," said ESA\'s Director of Launchers, Daniel Neuenschwander.', "Daniel Neuenschwander"),
        ('Thomas Reiter, ESA Director of Human Spaceflight, said: "Debris is a threat."', "Thomas Reiter"),
        ('"A new chapter," said Dr. Jan Wörner.', "Jan Wörner"),
    ],
)
def test_speakers_are_named_without_their_titles(paragraph, speaker):
    assert [q.speaker for q in parse_release(HEADER + paragraph + "\n").quotes] == [speaker]


def test_a_speaker_named_by_surname_is_the_person_the_directory_knows():
    quotes = parse_release(
        HEADER + '"Same ambitions," said Mr Le Gall.\n', known_names=["Jean-Yves Le Gall"]
    ).quotes
    assert [q.speaker for q in quotes] == ["Jean-Yves Le Gall"]


def test_the_french_version_of_a_release_is_a_release_of_its_own(write_document):
    from tests.conftest import SEED

    english = release_import_file(path=write_document(SEED.read_text(), name="en.txt"), directory=Directory())
    french_text = (
        "Paris, le 28 octobre 2013\n\nPR083 - 2013\n\n**Communiqué de presse**\n\n"
        "## Coopération spatiale franco-japonaise\n\n**Le CNES et la JAXA se sont réunis.**\n\n"
        "### Contacts presse CNES\n\nAlain Delrieu\n"
    )
    french = release_import_file(
        path=write_document(french_text, name="fr.txt"), directory=Directory(), publish=True
    )
    assert (english.outcome, french.outcome) == ("created", "created")
    assert english.release.pk != french.release.pk
    assert french.release.reference == english.release.reference == "PR083 - 2013"
