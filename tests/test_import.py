"""Importing press releases written as text, as press offices write them."""

from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from contacts.models import Agency, Person, PressContact
from releases.importing import Directory, DocumentError, parse_release, release_import_file
from releases.models import Release
from tests.conftest import SEED
from tests.factories import AgencyFactory, PersonFactory, RoleFactory

pytestmark = pytest.mark.django_db


def run_import(*paths, publish=True, **options):
    """Run the command as a user would (by default with --publish, as for an archive);
    return (exit error or None, stdout, stderr)."""

    out, err = StringIO(), StringIO()
    try:
        call_command("import_releases", *map(str, paths), stdout=out, stderr=err, publish=publish, **options)
    except CommandError as error:
        return error, out.getvalue(), err.getvalue()
    return None, out.getvalue(), err.getvalue()


def test_seed_is_imported_with_every_fact(seed_release):
    release = Release.objects.get(pk=seed_release.pk)
    assert release.reference == "PR083 - 2013"
    assert (release.reference_prefix, release.reference_number, release.reference_year) == ("PR", "083", 2013)
    assert release.kind == Release.Kind.PRESS_RELEASE
    assert release.language == "en"
    assert release.dateline == "Paris, 28 October 2013"
    assert release.title == "French-Japanese space cooperation CNES and JAXA hold annual meeting"
    assert release.lead.startswith("For the annual meeting between CNES and the Japan Aerospace")
    assert release.lead.endswith("on Monday 28 October in Tokyo.")
    assert release.body.count("\n\n") == 4  # five body paragraphs
    assert release.agency.acronym == "CNES"
    assert release.press_site_url == "http://www.cnes.fr/presse"
    assert release.is_public()
    contacts = [
        (rc.contact.person.name, rc.contact.phone, rc.contact.phone_e164, rc.contact.email)
        for rc in release.release_contacts.select_related("contact__person")
    ]
    assert contacts == [
        ("Alain Delrieu", "+33 (0)1 44 76 74 04", "+33144767404", "alain.delrieu@cnes.fr"),
        ("Pascale Bresson", "+33 (0)1 44 76 75 39", "+33144767539", "pascale.bresson@cnes.fr"),
        ("Julien Watelet", "+33 (0)1 44 76 78 37", "+33144767837", "julien.watelet@cnes.fr"),
    ]
    quote = release.quotes.get()
    assert quote.person.name == "Jean-Yves Le Gall"
    assert quote.text.startswith("I am pleased to report")
    assert quote.text.endswith("international space community.")


def test_seed_links_the_agencies_and_people_the_directory_knows(db):
    jaxa = AgencyFactory(name="Japan Aerospace Exploration Agency", acronym="JAXA", country="JP")
    esa = AgencyFactory(name="European Space Agency", acronym="ESA")
    okumura = PersonFactory(name="奥村直樹", name_latin="Naoki Okumura")
    RoleFactory(person=okumura, agency=jaxa, title="President")
    unrelated = PersonFactory(name="Somebody Else")

    release = release_import_file(path=SEED, directory=Directory(), publish=True).release

    assert {jaxa, esa} <= set(release.mentioned_agencies.all())
    assert okumura in release.mentioned_people.all()
    assert unrelated not in release.mentioned_people.all()


def test_importing_the_same_file_twice_changes_nothing(db):
    first = release_import_file(path=SEED, directory=Directory(), publish=True)
    before = Release.objects.values().get(pk=first.release.pk)
    counts = (Release.objects.count(), Person.objects.count(), PressContact.objects.count())

    again = release_import_file(path=SEED, directory=Directory(), publish=True)

    assert (first.outcome, again.outcome) == ("created", "unchanged")
    assert Release.objects.values().get(pk=first.release.pk) == before
    assert (Release.objects.count(), Person.objects.count(), PressContact.objects.count()) == counts


def test_an_edited_document_updates_its_release(write_document):
    text = SEED.read_text()
    first = release_import_file(path=write_document(text), directory=Directory(), publish=True)
    second = release_import_file(
        path=write_document(text.replace("annual meeting**", "yearly meeting**")), directory=Directory()
    )
    assert second.outcome == "updated"
    assert second.release.pk == first.release.pk
    assert Release.objects.get(pk=first.release.pk).title.endswith("hold yearly meeting")


FRENCH = """Paris, le 5 mars 2014

CP021 - 2014

**Communiqué de presse**

## **Le CNES et la NASA renforcent leur coopération**

**Le président du CNES a signé un accord avec la NASA.**

Le texte de l'accord porte sur *l'observation de la Terre* et sur :

- le climat ;
- les océans.

Voir [le site de la NASA](https://www.nasa.gov).

Jean-Yves Le Gall a déclaré : « Cet accord est une excellente nouvelle. »

### **Contacts presse CNES**

Pascale Bresson  
Tél. 01 44 76 75 39  
pascale.bresson@cnes.fr

Fabienne Lissak  
Tél. 01 44 76 78 98
"""


def test_a_french_document_is_read_in_french(write_document):
    release = release_import_file(path=write_document(FRENCH), directory=Directory(), publish=True).release
    assert release.language == "fr"
    assert release.kind == Release.Kind.PRESS_RELEASE
    assert release.dateline_date == date(2014, 3, 5)
    assert release.dateline == "Paris, le 5 mars 2014"
    assert release.reference == "CP021 - 2014"
    assert release.lead == "Le président du CNES a signé un accord avec la NASA."
    # Emphasis, lists and links survive into the sanitised HTML.
    assert "<em>l'observation de la Terre</em>" in release.body_html
    assert "<li>le climat ;</li>" in release.body_html
    assert 'href="https://www.nasa.gov"' in release.body_html
    assert release.quotes.get().text == "Cet accord est une excellente nouvelle."
    contacts = {c.person.name: c for c in PressContact.objects.select_related("person")}
    # National numbers read as French ones; the second contact has no e-mail.
    assert contacts["Pascale Bresson"].phone_e164 == "+33144767539"
    assert contacts["Pascale Bresson"].phone == "01 44 76 75 39"
    assert contacts["Fabienne Lissak"].phone_e164 == "+33144767898"
    assert contacts["Fabienne Lissak"].email == ""


EMBARGOED = """**EMBARGOED UNTIL 10:00 CET, 12 February 2015**

Darmstadt, 10 February 2015

Media advisory

# Rosetta team to present comet results

**Scientists will present the first results.**

Body text.

### ESA press contact

Markus Bauer  
Tel. +49 6151 90 2696  
[markus.bauer@esa.int](mailto:markus.bauer@esa.int)
"""


def test_an_embargo_line_becomes_the_embargo_time(write_document):
    release = release_import_file(path=write_document(EMBARGOED), directory=Directory(), publish=True).release
    assert release.embargo_until == datetime(2015, 2, 12, 9, 0, tzinfo=UTC)
    assert release.kind == Release.Kind.MEDIA_ADVISORY
    assert release.reference == ""  # no reference line
    assert release.agency.acronym == "ESA"  # a one-contact "press contact" block names the agency
    assert release.agency.country == "DE"  # learnt from the contact's phone number
    contact = release.release_contacts.get().contact
    assert (contact.person.name, contact.phone_e164, contact.email) == (
        "Markus Bauer",
        "+496151902696",
        "markus.bauer@esa.int",
    )


def test_an_embargoed_import_stays_hidden_until_its_time(write_document):
    soon = datetime.now(UTC) + timedelta(days=2)
    text = EMBARGOED.replace("10:00 CET, 12 February 2015", soon.strftime("%H:%M UTC, %d %B %Y"))
    release = release_import_file(path=write_document(text), directory=Directory(), publish=True).release
    assert not release.is_public()
    assert not Release.objects.public().filter(pk=release.pk).exists()


JOINT = """Tokyo, October 1, 2020

Joint press release

## JAXA and CNES sign agreement on Martian Moons eXploration

**JAXA and CNES agreed today.**

The rover will be built in France.

"This is a great day," said 山川宏 of JAXA.

### JAXA press contacts

山田花子  
Tel. 050-3362-4374

### CNES press contacts

Alain Delrieu  
Tel. +33 (0)1 44 76 74 04  
alain.delrieu@cnes.fr

**[www.jaxa.jp](https://www.jaxa.jp)**
"""


def test_several_contact_blocks_and_non_latin_names(write_document):
    AgencyFactory(name="Japan Aerospace Exploration Agency", acronym="JAXA", country="JP")
    path = write_document(JOINT, newline="\r\n")  # Windows line endings
    release = release_import_file(path=path, directory=Directory(), publish=True).release
    assert release.kind == Release.Kind.JOINT_PRESS_RELEASE
    assert release.dateline == "Tokyo, 1 October 2020"
    assert release.agency.acronym == "JAXA"
    assert release.press_site_url == "https://www.jaxa.jp"
    contacts = [
        (rc.contact.person.name, rc.contact.agency.acronym, rc.contact.phone_e164)
        for rc in release.release_contacts.select_related("contact__person", "contact__agency")
    ]
    assert contacts == [("山田花子", "JAXA", "+815033624374"), ("Alain Delrieu", "CNES", "+33144767404")]
    assert "\r" not in release.body
    assert release.quotes.get().person.name == "山川宏"
    assert Person.objects.get(name="山田花子").slug == "山田花子"


def test_a_document_without_a_title_is_a_draft_whose_first_sentence_stands_in_for_it():
    parsed = parse_release("Paris, 28 October 2013\n\nJust text. And more text.\n")
    assert parsed.title == "Just text"
    assert [(note.code, note.where) for note in parsed.review.notes if note.code != "language_guessed"] == [
        ("title_guessed", "")
    ]


def test_an_impossible_date_is_rejected_naming_the_line():
    with pytest.raises(DocumentError) as caught:
        parse_release("\n\nParis, 31 February 2014\n\n## Title\n")
    assert caught.value.line == 3
    assert "impossible date" in caught.value.message


def test_contacts_that_cannot_be_paired_are_kept_and_noted_for_review():
    parsed = parse_release(
        "Paris, 1 March 2014\n\n## T\n\n### Press contacts\n\nAnne Onet\nBruno Twain\n\nTel. 01 44 76 75 39\n"
    )
    contacts = parsed.contact_blocks[0].contacts
    assert [(c.name, c.phone) for c in contacts] == [("Anne Onet", ""), ("Bruno Twain", "")]
    (note,) = [note for note in parsed.review.notes if note.code == "contacts_unpaired"]
    assert "01 44 76 75 39" in note.message and note.where == "line 10"


def test_the_command_prints_a_line_per_file_and_a_summary(write_document):
    good = SEED
    bad = write_document("Paris, 31 February 2014\n\n## A title\n", name="bad.txt")
    error, out, err = run_import(good, bad)

    assert error is not None and error.returncode == 1
    assert f"{good}: created /releases/french-japanese-space-cooperation" in out
    assert f"{bad}:1: failed: impossible date “31 February 2014”" in err
    assert "2 files: 1 created, 0 updated, 0 unchanged, 1 failed." in out
    assert Release.objects.count() == 1


def test_without_publish_every_document_is_a_draft_and_the_line_says_what_to_review(write_document):
    text = SEED.read_text().replace("Paris, 28 October 2013", "Paris").replace("PR083", "PR084")
    undated = write_document(text, name="undated.txt")
    error, out, err = run_import(SEED, undated, publish=False, verbosity=2)

    seed, draft = Release.objects.order_by("pk")
    assert error is None and err == ""
    assert f"{SEED}: draft /admin/releases/release/{seed.pk}/change/" in out
    assert f"{undated}: draft, needs review (no date) /admin/releases/release/{draft.pk}/change/" in out
    assert "    no date: No date found: fill in the dateline date." in out
    assert "2 files: 2 created, 0 updated, 0 unchanged, 0 failed." in out
    assert "1 draft needs review" in out
    assert [r.status for r in (seed, draft)] == [Release.Status.DRAFT] * 2
    assert draft.dateline_date is None and draft.title == seed.title


def test_publish_publishes_only_the_documents_with_every_fact_found(write_document):
    undated = write_document(SEED.read_text().replace("Paris, 28 October 2013", "Paris"), name="undated.txt")
    error, out, err = run_import(undated, publish=True)

    release = Release.objects.get()
    assert release.status == Release.Status.DRAFT and not Release.objects.public().exists()
    assert f"{undated}: draft, needs review (no date) /admin/releases/release/{release.pk}/change/" in out
    # Corrected, the same document is published: the draft becomes the public release.
    error, out, err = run_import(SEED, publish=True)
    release.refresh_from_db()
    assert release.dateline_date is not None
    assert Release.objects.public().get().title == release.title


def test_a_failing_file_writes_nothing(write_document):
    # The contacts block is read (and creates an agency and people) before the bad press site fails it.
    text = SEED.read_text().replace("(http://www.cnes.fr/presse)", "(http://www.cnes..fr/presse)")
    error, out, err = run_import(write_document(text))
    assert error is not None
    assert ":37: failed: press site: Enter a valid URL." in err
    assert (Release.objects.count(), Agency.objects.count(), Person.objects.count()) == (0, 0, 0)


def test_a_folder_is_imported_file_by_file(tmp_path):
    (tmp_path / "a.txt").write_text(SEED.read_text())
    (tmp_path / "b.md").write_text(FRENCH)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")  # no document: left alone
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # a document, but a broken one
    (tmp_path / "broken.txt").write_bytes(b"Paris, 1 March 2014\n\n## \xff\xfe\n")
    error, out, err = run_import(tmp_path)
    assert "4 files: 2 created, 0 updated, 0 unchanged, 2 failed." in out
    assert "broken.txt:3: failed: not UTF-8 text" in err
    assert "notes.pdf: failed:" in err
    assert "photo.jpg" not in out + err


def test_the_issuing_agency_can_be_named_on_the_command_line(write_document):
    AgencyFactory(name="European Space Agency", acronym="ESA")
    path = write_document("Paris, 1 March 2014\n\n## A release with no contacts\n\nText.\n")
    unknown = release_import_file(path=path, directory=Directory(), publish=True)
    assert "no_issuer" in [note.code for note in unknown.review.notes]
    assert unknown.release.agency.is_unknown_issuer and unknown.release.status == Release.Status.DRAFT
    unknown.release.delete()
    error, out, err = run_import(path, agency="ESA")
    assert error is None
    assert Release.objects.get().agency.acronym == "ESA"


def test_a_progress_bar_shows_on_a_terminal_for_many_files(tmp_path, capsys):
    class Terminal(StringIO):
        def isatty(self):
            return True

    text = SEED.read_text()
    for n in range(10):
        (tmp_path / f"pr{n}.txt").write_text(text.replace("PR083 - 2013", f"PR{n:03d} - 2013"))
    out = Terminal()
    call_command("import_releases", str(tmp_path), "--publish", stdout=out)
    assert "10/10" in capsys.readouterr().err
    assert "10 files: 10 created" in out.getvalue()
    assert out.getvalue().count(": created /releases/") == 10


def seed_with(old: str, new: str) -> str:
    text = SEED.read_text()
    assert old in text
    return text.replace(old, new)


@pytest.mark.parametrize(
    "sentence",
    [
        "Journalists may call the press contacts listed at the end of this release.",
        "- press contacts are listed below",
        "> Our press contacts never sleep",
    ],
)
def test_a_sentence_that_mentions_press_contacts_stays_in_the_body(write_document, sentence):
    text = seed_with("CNES has also signed", f"{sentence}\n\nCNES has also signed")
    release = release_import_file(path=write_document(text), directory=Directory(), publish=True).release
    assert sentence in release.body
    assert release.agency.acronym == "CNES"
    assert release.release_contacts.count() == 3


def test_text_in_a_contacts_block_stays_in_the_body(write_document):
    sentence = "During the visit, journalists in Tokyo may also reach the CNES office at the French embassy."
    text = seed_with(
        "[julien.watelet@cnes.fr](mailto:julien.watelet@cnes.fr)\n",
        "[julien.watelet@cnes.fr](mailto:julien.watelet@cnes.fr)\n\n" + sentence + "\n",
    )
    release = release_import_file(path=write_document(text), directory=Directory(), publish=True).release
    assert release.release_contacts.count() == 3
    assert sentence in release.body


def test_an_international_freephone_number_does_not_become_a_country(write_document):
    text = seed_with("Tel. +33 (0)1 44 76 74 04", "Tel. +800 1234 5678")
    release = release_import_file(path=write_document(text), directory=Directory(), publish=True).release
    assert release.agency.country == "FR"  # from the next, French, number
    assert release.contacts.get(person__name="Alain Delrieu").phone_e164 == "+80012345678"


def test_a_contact_listed_twice_is_an_error_naming_its_line(write_document):
    text = seed_with("Julien Watelet\n", "Alain Delrieu\n")
    with pytest.raises(DocumentError) as caught:
        release_import_file(path=write_document(text), directory=Directory(), publish=True)
    assert caught.value.line == 27
    assert "listed twice" in caught.value.message


def test_a_rule_in_a_contacts_block_is_no_contact(write_document):
    text = seed_with("Julien Watelet\n\n", "Julien Watelet\n\n---\n\n")
    release = release_import_file(path=write_document(text), directory=Directory(), publish=True).release
    assert [c.person.name for c in release.contacts.all()] == [
        "Alain Delrieu",
        "Pascale Bresson",
        "Julien Watelet",
    ]


def test_an_english_title_with_a_french_looking_word_stays_english(write_document):
    text = seed_with("hold annual meeting", "sign a declaration on space debris")
    release = release_import_file(path=write_document(text), directory=Directory(), publish=True).release
    assert release.language == "en"
    assert release.dateline == "Paris, 28 October 2013"


def test_an_unknown_month_is_a_missing_date_named_with_its_line():
    parsed = parse_release("Paris, 28 Brumaire 2013\n\n## Title\n")
    assert parsed.dateline_date is None
    [note] = [note for note in parsed.review.notes if note.code == "no_date"]
    assert note.where == "line 1"
    assert "“Paris, 28 Brumaire 2013”" in note.message


def test_an_invalid_press_site_is_named_with_its_line(write_document):
    text = seed_with("(http://www.cnes.fr/presse)", "(http://www.cnes..fr/presse)")
    error, out, err = run_import(write_document(text))
    assert ":37: failed: press site: Enter a valid URL." in err


def test_reimporting_keeps_an_embargo_an_editor_set(write_document):
    path = write_document(SEED.read_text())
    release = release_import_file(path=path, directory=Directory(), publish=True).release
    later = timezone.now() + timedelta(days=3)
    Release.objects.filter(pk=release.pk).update(embargo_until=later)
    assert release_import_file(path=path, directory=Directory(), publish=True).outcome == "unchanged"
    assert Release.objects.get(pk=release.pk).embargo_until == later
    assert not Release.objects.public().exists()


def test_a_huge_file_is_refused_before_it_is_read(write_document):
    error, out, err = run_import(write_document("x" * (3 * 1024 * 1024)))
    assert "failed: larger than 2 MB" in err


def test_what_an_embargoed_document_introduces_stays_out_of_the_directory(write_document, client):
    text = seed_with(
        "Paris, 28 October 2013", "EMBARGOED UNTIL 10:00 CET, 12 February 2099\n\nParis, 28 October 2013"
    )
    release = release_import_file(path=write_document(text), directory=Directory(), publish=True).release
    assert not release.is_public()
    cnes, delrieu = release.agency, Person.objects.get(name="Alain Delrieu")
    assert client.get(cnes.get_absolute_url()).status_code == 404
    assert client.get(delrieu.get_absolute_url()).status_code == 404
    assert client.get(Person.objects.get(name="Jean-Yves Le Gall").get_absolute_url()).status_code == 404
    assert "Alain Delrieu" not in client.get("/press-contacts/").content.decode()

    Release.objects.filter(pk=release.pk).update(embargo_until=None, published_at=timezone.now())  # it lifts
    assert client.get(cnes.get_absolute_url()).status_code == 200
    assert client.get(delrieu.get_absolute_url()).status_code == 200
    assert "Alain Delrieu" in client.get("/press-contacts/").content.decode()


def test_a_national_number_is_read_in_the_agency_country(write_document):
    text = (
        "Washington, 5 May 2015\n\n## NASA news\n\n"
        "### NASA press contact\n\nDwayne Brown\nTel. (202) 358-1726\n"
    )
    result = release_import_file(path=write_document(text), directory=Directory())
    (note,) = [note for note in result.review.notes if note.code == "number_unreadable"]
    assert note.where == "line 8"
    assert "“(202) 358-1726” has no country code and NASA's country is unknown" in note.message
    assert PressContact.objects.get(person__name="Dwayne Brown").phone == ""
    Agency.objects.filter(acronym="NASA").update(country="US")
    release_import_file(path=write_document(text), directory=Directory())
    assert PressContact.objects.get(person__name="Dwayne Brown").phone_e164 == "+12023581726"
