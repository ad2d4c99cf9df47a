"""A journalist reads a corrected release as it is now and as it was: each published version is
kept as they saw it, with the press contacts as printed then; the page itself always gives
today's details, and a contact who has left gives way to the agency's press desk."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.urls import reverse

from releases.earlier_versions import EarlierVersion
from releases.importing import Directory, release_import_file
from releases.models import Release, ReleaseContact
from releases.services import release_correct
from tests.conftest import SEED
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    PressContactFactory,
    QuoteFactory,
    ReleaseContactFactory,
    ReleaseFactory,
)
from tests.workflow import publish, publisher

pytestmark = pytest.mark.django_db

NOW = datetime(2013, 10, 28, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    class Clock:
        now = NOW

    held = Clock()
    with mock.patch("django.utils.timezone.now", side_effect=lambda: held.now):
        yield held


@pytest.fixture
def cnes():
    return AgencyFactory(
        name="Centre national d'études spatiales", acronym="CNES", press_phone="+33 1 44 76 75 40"
    )


@pytest.fixture
def marie(cnes):
    return PressContactFactory(
        person=PersonFactory(name="Marie Dupont"),
        agency=cnes,
        phone="+33 1 44 76 75 00",
        email="m@cnes.example",
    )


def published_release(cnes, marie, **fields) -> Release:
    release = ReleaseFactory(
        draft=True,
        agency=cnes,
        dateline_date=NOW.date(),
        **{"title": "Sentinel lifts off", "body": "The launch is set for 3 November.", **fields},
    )
    ReleaseContactFactory(release=release, contact=marie)
    return publish(release)


def correct(release, clock, *, body, note, days=1):
    clock.now += timedelta(days=days)
    release.body = body
    return release_correct(release=release, user=publisher(), note=note)


def test_a_corrected_release_offers_its_earlier_version_as_journalists_saw_it(client, clock, cnes, marie):
    release = published_release(cnes, marie)
    correct(release, clock, body="The launch is set for 4 November.", note="corrected the launch date")

    page = client.get(release.get_absolute_url()).content.decode()
    assert "4 November" in page and "3 November" not in page
    assert "Earlier versions:" in page
    earlier_url = reverse("releases:earlier-version", args=[release.slug, 1])
    assert f'href="{earlier_url}"' in page

    earlier = client.get(earlier_url)
    assert earlier.status_code == 200
    text = earlier.content.decode()
    assert "The launch is set for 3 November." in text and "4 November" not in text
    assert "Replaced by a correction: corrected the launch date" in text
    assert f'href="{release.get_absolute_url()}"' in text  # "Read the current version"
    assert '<meta name="robots" content="noindex">' in text
    assert f'rel="canonical" href="http://testserver{release.get_absolute_url()}"' in text


def test_each_correction_keeps_the_version_it_replaced(client, clock, cnes, marie):
    release = published_release(cnes, marie)
    correct(release, clock, body="Version two.", note="first fix")
    correct(release, clock, body="Version three.", note="second fix")

    versions = list(release.earlier_versions.order_by("number"))
    assert [(v.number, v.replaced_because) for v in versions] == [(1, "first fix"), (2, "second fix")]
    assert versions[0].public_from == NOW and versions[1].public_from == versions[0].replaced_at
    second = client.get(versions[1].get_absolute_url()).content.decode()
    assert "Version two." in second and "Version three." not in second
    assert client.get(reverse("releases:earlier-version", args=[release.slug, 3])).status_code == 404


def test_an_earlier_version_keeps_the_phone_it_printed_while_the_page_gives_todays(
    client, clock, cnes, marie
):
    release = published_release(cnes, marie)
    clock.now += timedelta(hours=5)
    marie.phone = "+33 1 44 76 74 04"  # the press office updates the directory
    marie.save()
    correct(release, clock, body="The launch is set for 4 November.", note="corrected the launch date")

    page = client.get(release.get_absolute_url()).content.decode()
    assert "+33 1 44 76 74 04" in page and "+33 1 44 76 75 00" not in page
    earlier = client.get(reverse("releases:earlier-version", args=[release.slug, 1])).content.decode()
    assert "Press contacts, as printed" in earlier
    assert "Marie Dupont" in earlier
    assert "+33 1 44 76 75 00" in earlier and "+33 1 44 76 74 04" not in earlier
    assert 'href="tel:+33144767500"' in earlier  # still a number a journalist can call


def test_quotes_are_kept_as_the_page_showed_them(client, clock, cnes, marie):
    release = published_release(cnes, marie, body="“We are ready,” said Jean Martin.")
    QuoteFactory(release=release, person=PersonFactory(name="Jean Martin"), text="We are ready")
    QuoteFactory(release=release, person=PersonFactory(name="Anna Berg"), text="A fine day for Europe.")
    correct(release, clock, body="“We are all ready,” said Jean Martin.", note="quote as said")

    version = EarlierVersion.objects.get()
    assert "<q" in version.body_html and "We are ready" in version.body_html
    assert [quote["speaker"] for quote in version.quotes] == ["Anna Berg"]  # shown after the body
    earlier = client.get(version.get_absolute_url()).content.decode()
    assert "A fine day for Europe." in earlier and "Anna Berg" in earlier


def test_a_contact_who_left_gives_way_to_the_press_desk_nothing_deleted(client, clock, cnes, marie):
    release = published_release(cnes, marie)
    marie.is_active = False
    marie.save()

    page = client.get(release.get_absolute_url()).content.decode()
    assert "Marie Dupont" not in page and "m@cnes.example" not in page
    assert "Press desk" in page and "+33 1 44 76 75 40" in page
    feed = client.get(reverse("releases:feed-rss")).content.decode()
    assert "Marie Dupont" not in feed and "Press desk, CNES" in feed
    assert ReleaseContact.objects.filter(release=release, contact=marie).exists()


def test_a_contact_who_left_gives_way_to_their_own_agencys_desk(client, clock, cnes, marie):
    esa = AgencyFactory(name="European Space Agency", acronym="ESA", press_email="media@esa.example")
    colleague = PressContactFactory(person=PersonFactory(name="Karl Weber"), agency=esa, is_active=False)
    release = published_release(cnes, marie)
    ReleaseContact.objects.create(release=release, contact=colleague, order=1)

    cards = Release.objects.for_page().get(pk=release.pk).press_contacts_now
    assert [(card.contact, card.desk) for card in cards] == [(marie, None), (None, esa)]


def test_no_earlier_version_of_a_release_the_public_may_not_see(client, clock, cnes, marie):
    release = published_release(cnes, marie)
    correct(release, clock, body="Corrected.", note="fix")
    url = reverse("releases:earlier-version", args=[release.slug, 1])
    Release.objects.filter(pk=release.pk).update(embargo_until=clock.now + timedelta(days=1))
    assert client.get(url).status_code == 404


def test_a_public_release_imported_again_with_changes_keeps_the_version_journalists_saw(
    client, write_document
):
    text = SEED.read_text()
    first = release_import_file(path=write_document(text), directory=Directory(), publish=True).release
    again = release_import_file(
        path=write_document(text.replace("annual meeting**", "yearly meeting**")), directory=Directory()
    )
    assert again.outcome == "updated"

    page = client.get(first.get_absolute_url()).content.decode()
    assert "yearly meeting" in page
    assert "updated from the issuer&#x27;s document" in page
    earlier = client.get(reverse("releases:earlier-version", args=[first.slug, 1])).content.decode()
    assert "annual meeting<" in earlier and "yearly meeting<" not in earlier  # the title
    assert "alain.delrieu@cnes.fr" in earlier  # the press contacts as printed


def test_an_unchanged_document_imported_again_records_no_correction(write_document):
    path = write_document(SEED.read_text())
    release = release_import_file(path=path, directory=Directory(), publish=True).release
    release_import_file(path=path, directory=Directory(), publish=True)
    assert not release.earlier_versions.exists()
    assert not release.events.filter(action="corrected").exists()
