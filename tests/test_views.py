"""What journalists see on the public site."""

import html
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from releases.models import Release
from tests.conftest import SEED
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    PressContactFactory,
    QuoteFactory,
    ReleaseContactFactory,
    ReleaseFactory,
    RoleFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


# The seed's lead and body paragraphs, read straight from the file (its 6th to 11th blocks).
SEED_PARAGRAPHS = [" ".join(p.replace("**", "").split()) for p in SEED.read_text().split("\n\n")[5:11]]
assert SEED_PARAGRAPHS[0].startswith("For the annual meeting") and SEED_PARAGRAPHS[-1].startswith(
    "After these"
)


def text_of(response) -> str:
    """The page as a reader sees it: no tags, entities decoded, spaces collapsed."""
    content = response.content.decode()
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", content, flags=re.S)
    content = re.sub(r"</?q\b[^>]*>", "", content)  # a quotation sits inside its marks: “<q>…</q>”
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content)).split())


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_seed_page_shows_every_fact_of_the_seed(client, seed_release):
    response = client.get(seed_release.get_absolute_url())
    assert response.status_code == 200
    page, content = text_of(response), response.content.decode()

    assert "PR083 - 2013" in page
    assert "Press release" in page
    assert "Paris, 28 October 2013" in page
    assert "French-Japanese space cooperation CNES and JAXA hold annual meeting" in page
    # The lead and every body paragraph, as the seed file writes them.
    for paragraph in SEED_PARAGRAPHS:
        assert paragraph in page
    # The quote, once, marked up where the body has it, and its speaker linked there.
    assert page.count("I am pleased to report that this annual meeting") == 1
    assert '<q class="quote" cite="/people/jean-yves-le-gall/">I am pleased to report' in content
    assert '<a class="quote-speaker" href="/people/jean-yves-le-gall/">Jean-Yves Le Gall</a>' in content
    # The three press contacts: phones in international form as tel: links in E.164, the
    # written form beside them; mailto: links.
    contacts = content.split('id="press-contacts"', 1)[1]
    for name, written, e164, email in [
        ("Alain Delrieu", "+33 (0)1 44 76 74 04", "+33144767404", "alain.delrieu@cnes.fr"),
        ("Pascale Bresson", "+33 (0)1 44 76 75 39", "+33144767539", "pascale.bresson@cnes.fr"),
        ("Julien Watelet", "+33 (0)1 44 76 78 37", "+33144767837", "julien.watelet@cnes.fr"),
    ]:
        assert name in contacts
        international = written.replace("(0)", "").replace("  ", " ")
        assert f'<a class="phone" href="tel:{e164}">{international}</a>' in contacts
        assert f'as written: <span class="phone-written__number">{written}</span>' in contacts
        assert f'<a href="mailto:{email}">{email}</a>' in contacts
    assert '<a href="http://www.cnes.fr/presse">www.cnes.fr/presse</a>' in content


def test_the_seed_page_links_the_agencies_and_people_it_names(client, db):
    jaxa = AgencyFactory(name="Japan Aerospace Exploration Agency", acronym="JAXA")
    okumura = PersonFactory(name="奥村直樹", name_latin="Naoki Okumura")
    from releases.importing import Directory, release_import_file

    release = release_import_file(path=SEED, directory=Directory(), publish=True).release
    content = client.get(release.get_absolute_url()).content.decode()
    assert f'href="{jaxa.get_absolute_url()}"' in content
    assert f'href="{okumura.get_absolute_url()}"' in content
    assert "奥村直樹" in content


def test_the_list_shows_newest_first_twenty_a_page(client):
    releases = ReleaseFactory.create_batch(25)
    response = client.get(reverse("releases:list"))
    shown = list(response.context["releases"])
    assert len(shown) == 20
    assert shown[0] == max(releases, key=lambda r: r.dateline_date)
    assert "25 releases" in text_of(response)
    older = re.search(r'rel="next" href="([^"]*)"', response.content.decode())[1]
    second = client.get(reverse("releases:list") + html.unescape(older))
    assert len(second.context["releases"]) == 5
    assert not set(second.context["releases"]) & set(shown)


def test_filters_narrow_the_list_and_survive_paging(client):
    cnes, esa = AgencyFactory(acronym="CNES", slug="cnes"), AgencyFactory(acronym="ESA")
    launchers = TopicFactory(name="Launchers")
    ReleaseFactory.create_batch(23, agency=cnes, topics=[launchers])
    ReleaseFactory.create_batch(4, agency=esa)
    ReleaseFactory(agency=cnes, language="fr")

    response = client.get(reverse("releases:list"), {"agency": "cnes", "topic": launchers.slug})
    assert "23 releases" in text_of(response)
    assert all(r.agency == cnes for r in response.context["releases"])
    next_link = re.search(r'rel="next" href="([^"]*after=[^"]*)"', response.content.decode())[1]
    next_link = html.unescape(next_link)
    assert "agency=cnes" in next_link and f"topic={launchers.slug}" in next_link
    page_two = client.get(reverse("releases:list") + next_link)
    assert len(page_two.context["releases"]) == 3
    assert 'href="/releases/">Clear the search and filters' in " ".join(page_two.content.decode().split())

    french = client.get(reverse("releases:list"), {"language": "fr", "kind": "press_release"})
    assert "1 release" in text_of(french)


def test_year_filter_offers_only_years_with_public_releases(client):
    ReleaseFactory(dateline_date=timezone.localdate().replace(year=2013))
    ReleaseFactory(dateline_date=timezone.localdate().replace(year=2015), status=Release.Status.DRAFT)
    response = client.get(reverse("releases:list"), {"year": "2013"})
    assert "1 release" in text_of(response)
    assert '<option value="2015"' not in response.content.decode()


def test_filters_offer_no_agency_or_topic_known_only_from_hidden_releases(client):
    ReleaseFactory(agency=AgencyFactory(name="Visible Agency"), topics=[TopicFactory(name="Open topic")])
    ReleaseFactory(
        agency=AgencyFactory(name="Secret Agency"),
        topics=[TopicFactory(name="Secret topic")],
        status=Release.Status.DRAFT,
        language="de",
    )
    for url in [reverse("releases:list"), reverse("home")]:
        page = client.get(url).content.decode()
        assert "Visible Agency" in page
        assert "Secret Agency" not in page, url
        assert "Secret topic" not in page, url
    assert '<option value="en">English</option>' in client.get(reverse("releases:list")).content.decode()
    assert "German" not in client.get(reverse("releases:list")).content.decode()


def test_a_bad_filter_value_is_a_form_error_not_a_crash(client):
    ReleaseFactory()
    response = client.get(reverse("releases:list"), {"year": "abc", "agency": "nope", "page": "1"})
    assert response.status_code == 200
    assert "Select a valid choice" in text_of(response)


def test_a_search_page_past_the_end_is_not_found(client):
    ReleaseFactory(title="Satellite")
    assert client.get(reverse("releases:list"), {"q": "satellite", "page": "99"}).status_code == 404


@pytest.mark.parametrize("hidden", ["draft", "review", "scheduled", "embargoed"])
def test_hidden_releases_reach_the_public_by_no_path(client, hidden):
    person = PersonFactory()
    changes = {
        "draft": {"status": Release.Status.DRAFT},
        "review": {"status": Release.Status.REVIEW},
        "scheduled": {"published_at": timezone.now() + timedelta(minutes=5)},
        "embargoed": {"embargo_until": timezone.now() + timedelta(minutes=5)},
    }[hidden]
    release = ReleaseFactory(title="Secret lunar base", **changes)
    release.mentioned_people.add(person)
    QuoteFactory(release=release, person=person, text="Top secret words")

    assert client.get(release.get_absolute_url()).status_code == 404
    for url in [
        reverse("home"),
        reverse("releases:list"),
        reverse("releases:list") + f"?agency={release.agency.slug}",
        release.agency.get_absolute_url(),
        person.get_absolute_url(),
    ]:
        page = text_of(client.get(url))
        assert "Secret lunar base" not in page, url
        assert "Top secret words" not in page, url


def test_staff_preview_a_draft_without_caching_and_others_cannot(client, admin_client):
    draft = ReleaseFactory(status=Release.Status.DRAFT, title="Work in progress")
    url = reverse("releases:preview", kwargs={"pk": draft.pk})
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Preview: this release is not public" in text_of(response)
    assert "no-cache" in response["Cache-Control"]
    assert client.get(url).status_code == 302  # to the login page


def test_list_runs_the_same_queries_whatever_the_number_of_releases(client, django_assert_num_queries):
    agencies = AgencyFactory.create_batch(3)
    for agency in agencies:
        ReleaseFactory.create_batch(2, agency=agency, topics=[TopicFactory()])
    few = queries_for(client, reverse("releases:list"))
    for agency in agencies:
        ReleaseFactory.create_batch(15, agency=agency, topics=[TopicFactory()])
    # the page of releases and their count; the filters' agencies, topics and years (the
    # languages are the site's, from its settings)
    with django_assert_num_queries(few):
        client.get(reverse("releases:list"))
    assert few == 5


def test_release_page_runs_the_same_queries_whatever_it_names(client, django_assert_num_queries):
    def release_naming(n):
        release = ReleaseFactory(topics=TopicFactory.create_batch(n))
        for _ in range(n):
            person = PersonFactory()
            RoleFactory(person=person)
            QuoteFactory(release=release, person=person)
            ReleaseContactFactory(release=release, contact=PressContactFactory())
            release.mentioned_people.add(person)
            release.mentioned_agencies.add(AgencyFactory())
        return release

    assert queries_for(client, release_naming(1).get_absolute_url()) == 9
    # the release with its agency; topics, agencies, people, quotes with their speakers' roles,
    # contacts, correction notes, earlier versions
    url = release_naming(8).get_absolute_url()
    with django_assert_num_queries(9):
        client.get(url)


def test_home_shows_the_latest_releases(client):
    ReleaseFactory(title="Old news", dateline_date=timezone.localdate().replace(year=2000))
    newest = ReleaseFactory.create_batch(10)
    response = client.get(reverse("home"))
    page = text_of(response)
    assert "Old news" not in page
    assert page.count("Release number") == 10
    assert f'href="{newest[-1].get_absolute_url()}"' in response.content.decode()


def test_agency_page_shows_releases_contacts_and_people(client):
    agency = AgencyFactory(
        name="Centre national d'études spatiales", acronym="CNES", press_phone="+33 1 44 76 75 00"
    )
    ReleaseFactory(agency=agency, title="A CNES release")
    contact = PressContactFactory(agency=agency, person=PersonFactory(name="Alain Delrieu"))
    PressContactFactory(agency=agency, person=PersonFactory(name="Gone Person"), is_active=False)
    RoleFactory(agency=agency, person=PersonFactory(name="Jean-Yves Le Gall"), title="President")

    response = client.get(agency.get_absolute_url())
    page = text_of(response)
    assert "A CNES release" in page
    assert "Alain Delrieu" in page and contact.email in page
    assert "Gone Person" not in page
    assert "Jean-Yves Le Gall" in page and "President" in page
    assert 'href="tel:+33144767500"' in response.content.decode()


def test_agency_page_lists_only_people_the_public_may_see(client):
    agency = AgencyFactory()
    RoleFactory(agency=agency, person=PersonFactory(name="Listed Person"))
    RoleFactory(agency=agency, person=PersonFactory(name="Unlisted Person", is_listed=False))
    page = text_of(client.get(agency.get_absolute_url()))
    assert "Listed Person" in page
    assert "Unlisted Person" not in page


def test_person_page_shows_roles_releases_and_quotes(client):
    person = PersonFactory(name="Jean-Yves Le Gall")
    RoleFactory(person=person, title="President", agency=AgencyFactory(acronym="CNES"))
    release = ReleaseFactory(title="Annual meeting")
    release.mentioned_people.add(person)
    QuoteFactory(release=release, person=person, text="I am pleased to report")
    page = text_of(client.get(person.get_absolute_url()))
    assert "President" in page and "CNES" in page
    assert "Annual meeting" in page
    assert "I am pleased to report" in page


def test_directory_lists_press_desks_and_active_contacts_grouped_by_agency(client):
    cnes, esa = AgencyFactory(name="CNES agency"), AgencyFactory(name="ESA agency")
    desk_only = AgencyFactory(name="NICT agency", country="JP", press_phone="+81 42-327-7111")
    AgencyFactory(name="Agency with nobody to call")
    PressContactFactory(agency=cnes, person=PersonFactory(name="Alain Delrieu"))
    PressContactFactory(agency=esa, person=PersonFactory(name="Markus Bauer"))
    PressContactFactory(agency=esa, person=PersonFactory(name="Retired Person"), is_active=False)
    response = client.get(reverse("contacts:directory"))
    page = text_of(response)
    assert page.index("CNES agency") < page.index("Alain Delrieu") < page.index("ESA agency")
    assert page.index("ESA agency") < page.index("Markus Bauer") < page.index("NICT agency")
    assert "Retired Person" not in page
    assert "Agency with nobody to call" not in page
    assert 'href="tel:+81423277111"' in response.content.decode()
    assert desk_only.press_phone in page


def test_directory_runs_the_same_queries_whatever_its_size(client):
    for _ in range(2):
        PressContactFactory()
    few = queries_for(client, reverse("contacts:directory"))
    for _ in range(12):
        PressContactFactory()
    assert queries_for(client, reverse("contacts:directory")) == few


def test_a_release_without_press_contacts_offers_the_agency_press_desk(client):
    agency = AgencyFactory(country="JP", press_phone="+81 42-327-7111", press_email="press@nict.go.jp")
    release = ReleaseFactory(agency=agency)
    content = client.get(release.get_absolute_url()).content.decode()
    section = content.split('id="press-contacts"', 1)[1]
    assert '<a class="phone" href="tel:+81423277111">+81 42-327-7111</a>' in section
    assert 'href="mailto:press@nict.go.jp"' in section


def test_the_agency_page_names_its_country(client):
    agency = AgencyFactory(country="JP")
    assert "Japan" in text_of(client.get(agency.get_absolute_url()))


def test_the_person_page_shows_the_latest_ten_and_says_how_many(client):
    person = PersonFactory()
    for release in ReleaseFactory.create_batch(12):
        release.mentioned_people.add(person)
        QuoteFactory(release=release, person=person)
    response = client.get(person.get_absolute_url())
    assert len(response.context["releases"]) == 10
    assert len(response.context["quotes"]) == 10
    assert "12" in text_of(response)


@pytest.mark.parametrize("url", ["/releases/%00/", "/agencies/%00/", "/people/%00/", "/releases/a%20b/"])
def test_odd_characters_in_a_path_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_the_press_office_cannot_preview_releases(client, django_user_model):
    from django.contrib.auth.models import Group

    from contacts.groups import PRESS_OFFICE

    user = django_user_model.objects.create_user(username="po", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=PRESS_OFFICE))
    client.force_login(user)
    draft = ReleaseFactory(status=Release.Status.DRAFT, title="Draft for editors only")
    response = client.get(reverse("releases:preview", kwargs={"pk": draft.pk}))
    assert response.status_code == 403
    assert "Draft for editors only" not in response.content.decode()


def test_not_found_pages_are_in_the_site_style(client):
    response = client.get("/releases/no-such-release/")
    assert response.status_code == 404
    assert 'href="/releases/"' in response.content.decode()  # the site's navigation
    assert client.get("/agencies/no-such-agency/").status_code == 404


def test_the_server_error_page_renders_without_context():
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "site.css" in page


def test_user_written_text_is_escaped(client):
    release = ReleaseFactory(title="<script>alert('t')</script>", lead="<img src=x onerror=alert(1)>")
    content = client.get(release.get_absolute_url()).content.decode()
    assert "<script>alert" not in content
    assert "<img src=x" not in content
    assert "&lt;script&gt;" in content
