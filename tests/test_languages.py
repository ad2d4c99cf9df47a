"""The site in English and French; each release in its own language; versions of one release."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.groups import EDITORS, PRESS_OFFICE, PUBLISHERS
from releases.importing import Directory, release_import_file
from releases.models import Release
from releases.services import release_link_version, release_record_content, release_start_translation
from tests.admin_forms import release_change_form
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    PressContactFactory,
    QuoteFactory,
    ReleaseContactFactory,
    ReleaseFactory,
)

pytestmark = pytest.mark.django_db

NNBSP = "\u202f"  # the narrow no-break space French puts inside its guillemets


def page(client, url, language="en"):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def article(html):
    """The release itself, without the page around it (header, head's meta tags, footer)."""
    return html[html.index('<article class="release"') : html.rindex("</article>")]


def release_with_contact_and_quote(language, **fields):
    release = ReleaseFactory(language=language, dateline_date=date(2013, 10, 28), **fields)
    ReleaseContactFactory(release=release, contact=PressContactFactory(phone="+33 1 44 76 74 04"))
    QuoteFactory(release=release, text="Nous sommes ravis." if language == "fr" else "We are delighted.")
    return release


def french_and_english_versions(**french_fields):
    english = ReleaseFactory(language="en", title="Satellite launched")
    french = ReleaseFactory(language="fr", title="Lancement du satellite", **french_fields)
    release_link_version(release=english, version=french)
    return english, french


# The release's own language decides its labels, dates and typography


@pytest.mark.parametrize("interface", ["en", "fr"])
def test_a_french_release_reads_in_french_whatever_the_interface(client, interface):
    release = release_with_contact_and_quote("fr", kind=Release.Kind.PRESS_RELEASE, dateline_place="Paris")
    html = article(page(client, release.get_absolute_url(), interface))
    for label in ["Communiqué de presse", "Contacts presse", "Tél.", "Citations", "Émis par"]:
        assert label in html
    assert "Paris, le 28 octobre 2013" in html
    for english in [">Press release<", ">Phone<", ">Quotes<", "28 October 2013"]:
        assert english not in html
    assert f"<p>«{NNBSP}Nous sommes ravis.{NNBSP}»</p>" in html
    assert '<article class="release" lang="fr">' in html


def test_the_page_around_a_french_release_stays_in_the_interface_language(client):
    release = ReleaseFactory(language="fr")
    html = page(client, release.get_absolute_url(), "en")
    assert '<html lang="en">' in html
    assert ">Releases</a>" in html  # the header's navigation
    assert "Skip to content" in html


def test_an_english_release_reads_in_english_under_a_french_interface(client):
    release = release_with_contact_and_quote("en", kind=Release.Kind.PRESS_RELEASE)
    html = page(client, release.get_absolute_url(), "fr")
    assert '<html lang="fr">' in html
    assert ">Communiqués</a>" in html  # the header, in French
    html = article(html)
    for label in ["Press release", "Press contacts", ">Phone<", ">Quotes<", "28 October 2013"]:
        assert label in html
    for french in ["Communiqué de presse", "Tél.", "Citations", "octobre"]:
        assert french not in html
    assert "<p>“We are delighted.”</p>" in html


def test_a_release_in_a_language_without_a_catalogue_has_labels_in_the_interface_language(client):
    release = release_with_contact_and_quote("de", kind=Release.Kind.PRESS_RELEASE)
    release.quotes.update(text="Wir freuen uns.")
    html = page(client, release.get_absolute_url(), "fr")
    assert "Communiqué de presse" in html and "Contacts presse" in html
    assert "„Wir freuen uns.“" in html  # German quotation marks all the same


def test_release_cards_carry_the_labels_and_dates_of_their_release(client):
    ReleaseFactory(language="fr", kind=Release.Kind.PRESS_KIT, dateline_date=date(2014, 3, 1))
    ReleaseFactory(language="en", kind=Release.Kind.PRESS_KIT, dateline_date=date(2014, 3, 2))
    html = page(client, reverse("releases:list"), "en")
    assert "Dossier de presse" in html and "1er mars 2014" in html
    assert "Press kit" in html and "2 March 2014" in html


def test_quotes_on_a_person_page_follow_the_typography_of_their_release(client):
    person = PersonFactory()
    QuoteFactory(person=person, release=ReleaseFactory(language="fr"), text="C'est <historique>.")
    QuoteFactory(person=person, release=ReleaseFactory(language="en"), text="A great day.")
    html = page(client, person.get_absolute_url())
    assert f"<p>«{NNBSP}C&#x27;est &lt;historique&gt;.{NNBSP}»</p>" in html  # escaped, in guillemets
    assert "“A great day.”" in html


# The language switcher


def test_the_switcher_offers_each_language_in_its_own_name(client):
    html = page(client, reverse("releases:list") + "?year=2024", "en")
    assert 'lang="fr">Français</button>' in html
    assert 'lang="en" aria-current="true">English</span>' in html
    assert 'name="next" value="/releases/?year=2024"' in html


def test_the_switcher_is_a_form_of_links_with_no_token_of_its_own(client):
    html = page(client, reverse("home"))
    assert f'action="{reverse("set_language")}" method="get"' in html
    assert "csrfmiddlewaretoken" not in html  # the page is the same for everyone: it can be cached


def test_switching_to_french_returns_to_the_same_page_in_french(client):
    release = ReleaseFactory(language="en")
    response = client.get(
        reverse("set_language"), {"next": release.get_absolute_url() + "?from=header", "language": "fr"}
    )
    assert response.status_code == 302
    assert response["Location"] == release.get_absolute_url() + "?from=header"
    assert "no-store" in response["Cache-Control"]  # it sets a cookie: nobody may keep it
    html = page(client, response["Location"], "en")  # the cookie wins over the browser's language
    assert '<html lang="fr">' in html
    assert ">Communiqués</a>" in html
    assert 'lang="en">English</button>' in html

    client.get(reverse("set_language"), {"next": release.get_absolute_url(), "language": "en"})
    assert '<html lang="en">' in page(client, release.get_absolute_url(), "fr")


def test_the_switcher_never_sends_a_visitor_to_another_site(client):
    for elsewhere in ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]:
        response = client.get(reverse("set_language"), {"next": elsewhere, "language": "fr"})
        assert response["Location"] == "/"


def test_the_switcher_sets_only_a_language_of_the_site(client):
    response = client.get(reverse("set_language"), {"next": "/", "language": "xx"})
    assert response["Location"] == "/" and not response.cookies


# Versions of one release in several languages


def test_versions_link_to_each_other_in_their_own_language(client):
    english, french = french_and_english_versions()
    html = page(client, english.get_absolute_url(), "en")
    french_url = f"http://testserver{french.get_absolute_url()}"
    assert f'<a href="{french.get_absolute_url()}" hreflang="fr" lang="fr">Version française</a>' in html
    assert f'<link rel="alternate" hreflang="fr" href="{french_url}">' in html
    assert (
        f'<link rel="alternate" hreflang="en" href="http://testserver{english.get_absolute_url()}">' in html
    )

    html = page(client, french.get_absolute_url(), "fr")
    assert f'<a href="{english.get_absolute_url()}" hreflang="en" lang="en">English version</a>' in html
    assert f'hreflang="en" href="http://testserver{english.get_absolute_url()}"' in html


def test_a_release_without_versions_has_no_language_links(client):
    html = page(client, ReleaseFactory().get_absolute_url())
    assert "hreflang" not in html
    assert "Version française" not in html


@pytest.mark.parametrize("hidden", ["draft", "scheduled", "embargoed"])
def test_a_translation_the_public_may_not_see_is_never_linked_or_hinted_at(client, hidden):
    english, french = french_and_english_versions(**{hidden: True})
    html = page(client, english.get_absolute_url(), "en")
    assert "hreflang" not in html
    assert "Version française" not in html
    assert french.slug not in html
    assert french.title not in html
    assert client.get(french.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("hidden", ["draft", "scheduled", "embargoed"])
def test_a_public_translation_never_links_to_a_hidden_original(client, hidden):
    original = ReleaseFactory(language="en", title="Original not out yet", **{hidden: True})
    translation = ReleaseFactory(language="fr")
    release_link_version(release=original, version=translation)
    html = page(client, translation.get_absolute_url(), "fr")
    assert "hreflang" not in html and "English version" not in html
    assert original.slug not in html and original.title not in html


def test_of_three_versions_only_the_public_ones_are_linked(client):
    english, french = french_and_english_versions()
    german = ReleaseFactory(language="de", draft=True)
    release_link_version(release=french, version=german)  # a version of a version: the same release
    assert german.translation_of == english
    html = page(client, french.get_absolute_url(), "en")
    assert "English version" in html
    assert german.slug not in html and 'hreflang="de"' not in html


def test_the_release_page_asks_one_more_query_only_when_it_has_versions(client):
    def queries_for(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    english, _french = french_and_english_versions()
    alone = queries_for(ReleaseFactory().get_absolute_url())
    assert queries_for(english.get_absolute_url()) == alone + 1


def test_the_importer_links_the_english_and_french_versions_of_a_document(write_document):
    agency = AgencyFactory()
    document = "{dateline}\n\nPR042 - 2024\n\n# {title}\n\n**{lead}**\n\nText.\n"
    english, french = [
        release_import_file(
            path=write_document(text, name), directory=Directory(), agency=agency, publish=True
        ).release
        for name, text in [
            ("en.txt", document.format(dateline="Paris, 3 May 2024", title="A probe", lead="A probe.")),
            (
                "fr.txt",
                document.format(dateline="Paris, le 3 mai 2024", title="Une sonde", lead="Une sonde."),
            ),
        ]
    ]
    assert (english.language, french.language) == ("en", "fr")
    french.refresh_from_db()
    assert french.translation_of == english
    assert set(Release.objects.versions_of(english)) == {english, french}


# Versions in the admin


@pytest.fixture
def staff_client(staff):
    def make(group_name):
        client = Client()
        client.force_login(staff(group_name))
        return client

    return make


def versions_url(release):
    return reverse("admin:releases_release_versions", args=[release.pk])


def test_an_editor_links_and_unlinks_a_version(staff_client):
    editor = staff_client(EDITORS)
    english, french = ReleaseFactory(language="en"), ReleaseFactory(language="fr")
    change = editor.get(reverse("admin:releases_release_change", args=[english.pk])).content.decode()
    assert versions_url(english) in change

    response = editor.post(versions_url(english), {"action": "link", "link-version": french.pk})
    assert response.status_code == 302
    french.refresh_from_db()
    assert french.translation_of == english
    change = editor.get(reverse("admin:releases_release_change", args=[english.pk])).content.decode()
    assert french.title in change and reverse("admin:releases_release_change", args=[french.pk]) in change

    editor.post(versions_url(english), {"action": "unlink", "version": french.pk})
    french.refresh_from_db()
    assert french.translation_of is None


def test_two_versions_in_one_language_cannot_be_linked(staff_client):
    editor = staff_client(EDITORS)
    english, french = french_and_english_versions()
    other_french = ReleaseFactory(language="fr")
    response = editor.post(
        versions_url(english), {"action": "link", "link-version": other_french.pk}, follow=True
    )
    assert "one version per language" in response.content.decode()
    other_french.refresh_from_db()
    assert other_french.translation_of is None


def test_an_editor_starts_a_translation_as_a_linked_draft(staff_client, client):
    editor = staff_client(EDITORS)
    english = release_with_contact_and_quote("en", title="Satellite launched")
    response = editor.post(versions_url(english), {"action": "start", "start-language": "fr"})
    translation = Release.objects.get(language="fr")
    assert response["Location"] == reverse("admin:releases_release_change", args=[translation.pk])
    assert translation.translation_of == english
    assert translation.status == Release.Status.DRAFT
    assert translation.title == english.title and translation.body == english.body
    assert translation.quotes.get().text == "We are delighted."
    assert list(translation.contacts.all()) == list(english.contacts.all())
    assert "Version française" not in page(client, english.get_absolute_url())  # a draft: not linked


def test_the_press_office_may_not_link_unlink_or_translate_releases(staff_client):
    press_office = staff_client(PRESS_OFFICE)
    english, french = ReleaseFactory(language="en"), ReleaseFactory(language="fr")
    assert press_office.get(versions_url(english)).status_code == 403
    for data in [
        {"action": "link", "link-version": french.pk},
        {"action": "start", "start-language": "de"},
    ]:
        assert press_office.post(versions_url(english), data).status_code == 403
    release_link_version(release=english, version=french)
    assert (
        press_office.post(versions_url(english), {"action": "unlink", "version": french.pk}).status_code
        == 403
    )
    french.refresh_from_db()
    assert french.translation_of == english
    assert Release.objects.count() == 2


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    release = ReleaseFactory()
    response = client.get(versions_url(release))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


OUTDATED = "Translation may be out of date"


def test_a_translation_is_flagged_once_its_original_changes_until_marked_current(staff_client):
    editor, publisher = staff_client(EDITORS), staff_client(PUBLISHERS)
    english, french = french_and_english_versions()
    french_change = reverse("admin:releases_release_change", args=[french.pk])
    assert OUTDATED not in editor.get(french_change).content.decode()

    response = publisher.post(  # the original is public: a publisher corrects it
        reverse("admin:releases_release_change", args=[english.pk]),
        release_change_form(
            english,
            body="The body, with a new paragraph.\n\nA correction.",
            correction_note="added a paragraph",
        ),
    )
    assert response.status_code == 302
    html = editor.get(french_change).content.decode()
    assert OUTDATED in html
    assert "Satellite launched" in html  # names the original
    assert (
        OUTDATED
        not in editor.get(reverse("admin:releases_release_change", args=[english.pk])).content.decode()
    )

    response = editor.post(versions_url(french), {"action": "mark_current"})
    assert response["Location"] == french_change
    assert OUTDATED not in editor.get(french_change).content.decode()


def test_a_status_change_of_the_original_does_not_flag_its_translation(staff_client):
    editor, publisher = staff_client(EDITORS), staff_client(PUBLISHERS)
    english, french = french_and_english_versions()
    for action, data in [("withdraw", {"reason": "Too early."}), ("restore", {})]:
        publisher.post(reverse("admin:releases_release_transition", args=[english.pk, action]), data)
    english.refresh_from_db()
    assert english.status == Release.Status.PUBLISHED
    assert [event.action for event in english.events.all()] == ["restored", "withdrawn"]
    html = editor.get(reverse("admin:releases_release_change", args=[french.pk])).content.decode()
    assert OUTDATED not in html


def test_a_new_quote_in_the_original_flags_its_translation():
    english, french = french_and_english_versions()
    QuoteFactory(release=english, text="A new quote.")
    assert release_record_content(release=english)
    french.refresh_from_db()
    assert french.translation_outdated_since == english.content_changed_at


def test_a_translation_started_from_a_release_is_current_until_the_original_changes():
    english = ReleaseFactory(language="en")
    french = release_start_translation(release=english, language="fr")
    assert french.translation_outdated_since is None
    english.body = "Changed."
    english.save()
    release_record_content(release=english)
    french.refresh_from_db()
    assert french.translation_outdated_since is not None
