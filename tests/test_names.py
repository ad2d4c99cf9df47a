"""Names in any script carry their language, so browsers and screen readers read them right."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from contacts.models import Person, PressContact
from releases.importing import Directory, release_import_file
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    PressContactFactory,
    QuoteFactory,
    ReleaseFactory,
    RoleFactory,
)

pytestmark = pytest.mark.django_db


def section(response, marker: str) -> str:
    """The inside of the <section> whose opening tag holds `marker`."""
    after = response.content.decode().split(marker, 1)[1]
    return after.split(">", 1)[1].split("</section>", 1)[0]


SAKAUCHI = '<a href="{url}" lang="ja">坂内正夫</a> <span class="muted" lang="ja-Latn">(Masao Sakauchi)</span>'


@pytest.fixture
def sakauchi():
    nict = AgencyFactory(name="National Institute of Information and Communications Technology", country="JP")
    person = PersonFactory(name="坂内正夫", name_latin="Masao Sakauchi")
    RoleFactory(person=person, agency=nict, title="President")
    person.save()  # a role at a Japanese agency: the name is Japanese
    assert person.name_language == "ja"
    return person


def test_a_japanese_name_carries_its_language_on_the_release_page(client, sakauchi):
    release = ReleaseFactory(title="Annual meeting")
    release.mentioned_people.add(sakauchi)
    QuoteFactory(release=release, person=sakauchi, text="We are delighted.")
    response = client.get(release.get_absolute_url())
    name = SAKAUCHI.format(url=sakauchi.get_absolute_url())
    assertInHTML(f"<li>{name}</li>", section(response, 'aria-labelledby="mentions-heading"'))
    assert f"<figcaption>— {name}, " in section(response, 'aria-labelledby="quotes-heading"')


def test_a_japanese_name_carries_its_language_on_the_person_page(client, sakauchi):
    content = client.get(sakauchi.get_absolute_url()).content.decode()
    assertInHTML('<h1><span lang="ja">坂内正夫</span></h1>', content)
    assertInHTML('<p class="subtitle" lang="ja-Latn">Masao Sakauchi</p>', content)


def test_a_japanese_name_carries_its_language_on_the_agency_page_and_in_the_directory(client):
    jaxa = AgencyFactory(name="Japan Aerospace Exploration Agency", acronym="JAXA", country="JP")
    yamada = PressContactFactory(agency=jaxa, person=PersonFactory(name="やまだ はなこ")).person
    name = f'<a href="{yamada.get_absolute_url()}" lang="ja">やまだ はなこ</a>'
    for url in [reverse("contacts:directory"), jaxa.get_absolute_url()]:
        content = client.get(url).content.decode()
        assertInHTML(f'<h3 class="contact-card__name">{name}</h3>', content)
    # The agency's name with its acronym, the same on both pages.
    assertInHTML(
        f'<h2 id="agency-{jaxa.pk}-heading"><a href="{jaxa.get_absolute_url()}">Japan Aerospace Exploration '
        'Agency</a> <span class="acronym">(JAXA)</span></h2>',
        client.get(reverse("contacts:directory")).content.decode(),
    )
    assertInHTML(
        '<h1>Japan Aerospace Exploration Agency <span class="acronym">(JAXA)</span></h1>',
        client.get(jaxa.get_absolute_url()).content.decode(),
    )


def test_a_latin_name_carries_no_language_of_its_own(client):
    person = PersonFactory(name="Jean-Yves Le Gall")
    RoleFactory(person=person, agency=AgencyFactory(country="FR"))
    person.save()
    assert person.name_language == ""
    release = ReleaseFactory()
    QuoteFactory(release=release, person=person)
    content = client.get(release.get_absolute_url()).content.decode()
    assert f'<figcaption>— <a href="{person.get_absolute_url()}">Jean-Yves Le Gall</a>' in content


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("やまだ はなこ", "ja"),  # hiragana
        ("ジョン・スミス", "ja"),  # katakana
        ("山田ハナコ", "ja"),  # kanji and kana
        ("김연아", "ko"),  # hangul
        ("Αθηνά Παππά", "el"),
        ("奥村直樹", ""),  # Chinese characters alone: Japanese, Chinese or Korean?
        ("Юрий Гагарин", ""),  # Cyrillic alone: Russian, Ukrainian, Bulgarian…?
        ("Jean-Yves Le Gall", ""),
    ],
)
def test_a_new_name_gets_the_language_its_script_tells(name, language):
    assert PersonFactory(name=name).name_language == language


@pytest.mark.parametrize(
    ("name", "country", "language"),
    [
        ("奥村直樹", "JP", "ja"),
        ("杨利伟", "CN", "zh"),
        ("Юрий Гагарин", "RU", "ru"),
        ("奥村直樹", "FR", ""),  # France does not write Chinese characters: left for an editor
        ("Jean-Jacques Dordain", "FR", ""),
    ],
)
def test_a_name_its_script_leaves_open_gets_the_language_of_its_agency_country(name, country, language):
    person = PersonFactory(name=name)
    RoleFactory(person=person, agency=AgencyFactory(country=country))
    person.save()
    assert person.name_language == language


def test_a_name_at_agencies_of_two_countries_is_left_for_an_editor():
    person = PersonFactory(name="奥村直樹")
    RoleFactory(person=person, agency=AgencyFactory(country="JP"))
    PressContactFactory(person=person, agency=AgencyFactory(country="CN"))
    person.save()
    assert person.name_language == ""


def test_an_editor_choice_is_kept():
    person = PersonFactory(name="奥村直樹", name_language="zh-Hant")
    RoleFactory(person=person, agency=AgencyFactory(country="JP"))
    person.save()
    assert person.name_language == "zh-Hant"


def test_the_importer_gives_a_japanese_press_contact_her_language(write_document):
    AgencyFactory(name="Japan Aerospace Exploration Agency", acronym="JAXA", country="JP")
    text = (
        "Tokyo, 28 October 2013\n\n## Title\n\nBody.\n\n"
        "### JAXA press contact\n\n山田太郎\nTel. 03-5289-3650\n"
    )
    release_import_file(path=write_document(text), directory=Directory(), publish=True)
    assert PressContact.objects.get().person.name_language == "ja"


def test_the_demo_names_its_japanese_people_in_japanese():
    call_command("load_demo", releases=0, i_know=True, stdout=StringIO())
    for name in ["奥村直樹", "坂内正夫", "西本淳哉", "山田花子"]:
        assert Person.objects.get(name=name).name_language == "ja", name
    assert Person.objects.get(name="Jean-Yves Le Gall").name_language == ""
