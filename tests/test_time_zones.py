"""Embargoes and publication times on the issuing agency's clock, across daylight-saving changes.

CNES is in Paris (CET in winter, CEST in summer: the clocks went forward on 29 March 2015 and
back on 25 October 2015), JAXA in Tokyo (JST all year). An editor enters 10:00 and means 10:00
at the agency; the release reaches the public at that instant, and every page says it with
its zone.
"""

import importlib
import re
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from contacts.groups import EDITORS, PRESS_OFFICE
from contacts.models import Agency
from contacts.timezones import agency_time_text, local_to_utc, zone_for_country
from releases.importing import Directory
from releases.importing.resolving import agency_for
from releases.models import Release
from releases.services import release_approve, release_submit
from tests import workflow
from tests.admin_forms import release_change_form
from tests.factories import AgencyFactory, ReleaseContactFactory, ReleaseFactory
from tests.test_views import text_of


@pytest.fixture
def cnes(db):
    return AgencyFactory(name="Centre national d'études spatiales", acronym="CNES", time_zone="Europe/Paris")


@pytest.fixture
def jaxa(db):
    return AgencyFactory(
        name="Japan Aerospace Exploration Agency", acronym="JAXA", country="JP", time_zone="Asia/Tokyo"
    )


@pytest.fixture
def editor_client(client, staff):
    client.force_login(staff(EDITORS))
    return client


PUBLISHED_ON = datetime(2015, 2, 2, 8, 0, tzinfo=UTC)


def release_of(agency, **fields) -> Release:
    """A release the agency published on 2 February 2015."""
    return ReleaseFactory(agency=agency, **{"published_at": PUBLISHED_ON, **fields})


def draft_of(agency, **fields) -> Release:
    """A draft of the agency's, which its editors may change."""
    return ReleaseFactory(draft=True, agency=agency, **fields)


def published_in_2015(release):
    """As if published on 2 February 2015 (a time gone by, which the workflow takes no more)."""
    Release.objects.filter(pk=release.pk).update(status=Release.Status.PUBLISHED, published_at=PUBLISHED_ON)
    release.refresh_from_db()


def change_url(release) -> str:
    return reverse("admin:releases_release_change", args=[release.pk])


def save_times(client, release, **times):
    """Save the release's change form as an editor would, with `times` typed in."""
    return client.post(change_url(release), release_change_form(release, **times))


def input_value(html: str, name: str) -> str:
    """The value an input of the page holds."""
    tag = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', html)
    assert tag, f"no input {name}"
    value = re.search(r'\bvalue="([^"]*)"', tag[0])
    return value[1] if value else ""


# The day before and the day of each change: 10:00 in Paris is 09:00 UTC in winter, 08:00 in
# summer; 10:00 in Tokyo is always 01:00 UTC.
EMBARGOES = [
    ("cnes", "2015-03-28", datetime(2015, 3, 28, 9, 0, tzinfo=UTC), "10:00 CET, 28 March 2015"),
    ("cnes", "2015-03-29", datetime(2015, 3, 29, 8, 0, tzinfo=UTC), "10:00 CEST, 29 March 2015"),
    ("cnes", "2015-10-24", datetime(2015, 10, 24, 8, 0, tzinfo=UTC), "10:00 CEST, 24 October 2015"),
    ("cnes", "2015-10-25", datetime(2015, 10, 25, 9, 0, tzinfo=UTC), "10:00 CET, 25 October 2015"),
    ("jaxa", "2015-03-28", datetime(2015, 3, 28, 1, 0, tzinfo=UTC), "10:00 JST, 28 March 2015"),
    ("jaxa", "2015-03-29", datetime(2015, 3, 29, 1, 0, tzinfo=UTC), "10:00 JST, 29 March 2015"),
    ("jaxa", "2015-10-25", datetime(2015, 10, 25, 1, 0, tzinfo=UTC), "10:00 JST, 25 October 2015"),
]


ZONES = {"CNES": "Europe/Paris (CET/CEST)", "JAXA": "Asia/Tokyo (JST)"}  # as the help text names them


@pytest.mark.parametrize(("agency", "day", "instant", "shown"), EMBARGOES)
def test_an_embargo_entered_at_ten_local_time_ends_at_ten_at_the_agency(
    request, editor_client, agency, day, instant, shown
):
    agency = request.getfixturevalue(agency)
    release = draft_of(agency)

    response = save_times(editor_client, release, embargo_until_0=day, embargo_until_1="10:00")

    assert response.status_code == 302, response.context["adminform"].form.errors
    release.refresh_from_db()
    assert release.embargo_until == instant
    # The form shows it back as it was entered, and says in which zone.
    page = editor_client.get(change_url(release)).content.decode()
    assert input_value(page, "embargo_until_0") == day
    assert input_value(page, "embargo_until_1") == "10:00:00"
    assert ZONES[agency.acronym] in page
    assert f"Not before {shown}, once published" in page
    # Published, it is hidden until that instant, not a second less; public from it, with nobody acting.
    published_in_2015(release)
    assert release not in Release.objects.public(now=instant - timedelta(seconds=1))
    assert release in Release.objects.public(now=instant)
    assert f"Public since {shown}" in editor_client.get(change_url(release)).content.decode()
    # Journalists read it with its zone on the release's page.
    public = editor_client.get(release.get_absolute_url()).content.decode()
    assert f"Embargoed until {shown}" in public


def test_a_time_the_clocks_skip_in_the_spring_is_a_form_error(editor_client, cnes, jaxa):
    paris = draft_of(cnes)

    response = save_times(editor_client, paris, embargo_until_0="2015-03-29", embargo_until_1="02:30")

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["embargo_until"]
    assert errors == [
        "02:30 on 29 March 2015 does not exist in Europe/Paris: the clocks go forward that night. "
        "Enter a time before or after the change, such as 03:30."
    ]
    paris.refresh_from_db()
    assert paris.embargo_until is None  # nothing saved
    # Tokyo keeps its clocks: the same wall time is an ordinary one there.
    tokyo = draft_of(jaxa)
    assert (
        save_times(editor_client, tokyo, embargo_until_0="2015-03-29", embargo_until_1="02:30").status_code
        == 302
    )
    tokyo.refresh_from_db()
    assert tokyo.embargo_until == datetime(2015, 3, 28, 17, 30, tzinfo=UTC)


def test_the_hour_that_happens_twice_in_the_autumn_is_written_with_its_zone(editor_client, cnes):
    release = draft_of(cnes)

    twice = save_times(editor_client, release, embargo_until_0="2015-10-25", embargo_until_1="02:30")
    assert twice.status_code == 200
    assert twice.context["adminform"].form.errors["embargo_until"] == [
        "02:30 happens twice on 25 October 2015 in Europe/Paris, as the clocks go back: first CEST, "
        "then an hour later CET. Write which, such as “02:30 CET”."
    ]
    wrong = save_times(editor_client, release, embargo_until_0="2015-10-25", embargo_until_1="02:30 JST")
    assert wrong.context["adminform"].form.errors["embargo_until"] == [
        "At 02:30 on 25 October 2015, Europe/Paris is on CEST or CET, not “JST”."
    ]

    second = save_times(editor_client, release, embargo_until_0="2015-10-25", embargo_until_1="02:30 cet")
    assert second.status_code == 302
    release.refresh_from_db()
    assert release.embargo_until == datetime(2015, 10, 25, 1, 30, tzinfo=UTC)
    assert agency_time_text(release.embargo_until, cnes) == "02:30 CET, 25 October 2015"
    # Shown back with its zone, it saves again unchanged.
    page = editor_client.get(change_url(release)).content.decode()
    assert input_value(page, "embargo_until_1") == "02:30:00 CET"
    assert (
        save_times(
            editor_client, release, embargo_until_0="2015-10-25", embargo_until_1="02:30:00 CET"
        ).status_code
        == 302
    )
    release.refresh_from_db()
    assert release.embargo_until == datetime(2015, 10, 25, 1, 30, tzinfo=UTC)

    first = save_times(editor_client, release, embargo_until_0="2015-10-25", embargo_until_1="02:30 CEST")
    assert first.status_code == 302
    release.refresh_from_db()
    assert release.embargo_until == datetime(2015, 10, 25, 0, 30, tzinfo=UTC)


def test_the_publication_time_is_entered_on_the_agency_clock_too(client, jaxa):
    release = draft_of(jaxa)
    ReleaseContactFactory(release=release)
    release_submit(release=release, user=workflow.editor())
    release_approve(release=release, user=workflow.publisher())
    client.force_login(workflow.publisher())
    publish = reverse("admin:releases_release_transition", args=[release.pk, "publish"])
    assert "Asia/Tokyo (JST)" in client.get(publish).content.decode()  # the form says which clock

    response = client.post(publish, {"at_0": "2099-02-12", "at_1": "10:00"})

    assert response.status_code == 302
    release.refresh_from_db()
    assert release.published_at == datetime(2099, 2, 12, 1, 0, tzinfo=UTC)
    page = client.get(change_url(release)).content.decode()
    assert "Goes public at 10:00 JST, 12 February 2099" in page
    # The list says when it goes out, on the agency's clock.
    listing = text_of(client.get(reverse("admin:releases_release_changelist")))
    assert "Scheduled 10:00 JST, 12 February 2099" in listing


def test_changing_the_issuing_agency_keeps_the_times_not_retyped(editor_client, cnes, jaxa):
    release = draft_of(cnes, embargo_until=datetime(2015, 3, 28, 9, 0, tzinfo=UTC))  # 10:00 CET
    kept = release_change_form(
        release, agency=jaxa.pk, embargo_until_0="2015-03-28", embargo_until_1="10:00:00"
    )

    assert editor_client.post(change_url(release), kept).status_code == 302
    release.refresh_from_db()
    assert (release.agency, release.embargo_until) == (jaxa, datetime(2015, 3, 28, 9, 0, tzinfo=UTC))
    # Shown from now on at JAXA's time; retyped, a time is read there.
    page = editor_client.get(change_url(release)).content.decode()
    assert input_value(page, "embargo_until_1") == "18:00:00"
    save_times(editor_client, release, embargo_until_0="2015-03-28", embargo_until_1="10:00")
    release.refresh_from_db()
    assert release.embargo_until == datetime(2015, 3, 28, 1, 0, tzinfo=UTC)


def test_a_new_release_reads_its_times_in_the_zone_of_the_agency_chosen(editor_client, jaxa):
    data = release_change_form(
        ReleaseFactory.build(agency=jaxa, status=Release.Status.DRAFT, published_at=None, slug="jaxa-news"),
        agency=jaxa.pk,
        embargo_until_0="2015-02-12",
        embargo_until_1="10:00",
    )

    assert editor_client.post(reverse("admin:releases_release_add"), data).status_code == 302
    release = Release.objects.get(slug="jaxa-news")
    assert release.embargo_until == datetime(2015, 2, 12, 1, 0, tzinfo=UTC)


def test_the_change_page_runs_on_the_agency_clock(editor_client, jaxa):
    """The date widgets' "Now" gives the time in Tokyo, not in Paris."""
    page = editor_client.get(change_url(release_of(jaxa))).content.decode()
    assert 'data-admin-utc-offset="32400"' in page


def test_times_are_written_in_french_as_french_writes_them(cnes, client):
    instant = datetime(2015, 3, 1, 9, 0, tzinfo=UTC)
    with translation.override("fr"):
        assert agency_time_text(instant, cnes) == "1er mars 2015 à 10 h 00 CET"
    release = release_of(cnes, language="fr", embargo_until=instant)
    page = client.get(release.get_absolute_url()).content.decode()
    assert "Sous embargo jusqu’au 1er mars 2015 à 10 h 00 CET" in page


def test_a_zone_the_tz_database_does_not_know_is_refused(cnes, client, staff):
    cnes.time_zone = "Mars/Olympus_Mons"
    with pytest.raises(ValidationError) as refused:
        cnes.full_clean()
    assert "time_zone" in refused.value.message_dict

    client.force_login(staff(PRESS_OFFICE))
    url = reverse("admin:contacts_agency_change", args=[cnes.pk])
    form = client.get(url).content.decode()
    assert '<option value="Asia/Tokyo">Tokyo</option>' in form
    data = {
        "name": cnes.name,
        "acronym": cnes.acronym,
        "slug": cnes.slug,
        "country": "FR",
        "time_zone": "Asia/Tokyo",
        "reference_prefix": "CP",
        "is_listed": "on",
        "press_contacts-TOTAL_FORMS": "0",
        "press_contacts-INITIAL_FORMS": "0",
    }
    assert client.post(url, data).status_code == 302
    cnes.refresh_from_db()
    assert (cnes.time_zone, cnes.reference_prefix) == ("Asia/Tokyo", "CP")
    refused_post = client.post(url, data | {"time_zone": "Mars/Olympus_Mons"})
    assert refused_post.status_code == 200
    assert "time_zone" in refused_post.context["adminform"].form.errors


def test_a_time_entered_through_the_rule_is_checked_alike(cnes):
    """What the form does, for the services and commands that take a wall time."""
    assert local_to_utc(cnes, datetime(2015, 2, 12, 10, 0)) == datetime(2015, 2, 12, 9, 0, tzinfo=UTC)
    with pytest.raises(ValidationError) as gap:
        local_to_utc(cnes, datetime(2015, 3, 29, 2, 0))
    assert gap.value.code == "nonexistent_time"
    with pytest.raises(ValidationError) as fold:
        local_to_utc(cnes, datetime(2015, 10, 25, 2, 59))
    assert fold.value.code == "ambiguous_time"


def test_existing_agencies_take_their_country_zone_where_it_keeps_one(db):
    germany = AgencyFactory(country="DE", time_zone="Europe/Paris")
    japan = AgencyFactory(country="JP", time_zone="Europe/Paris")
    united_states = AgencyFactory(country="US", time_zone="Europe/Paris")
    migration = importlib.import_module("contacts.migrations.0004_agency_time_zone")

    migration.zones_by_country(apps, None)

    zones = dict(Agency.objects.values_list("pk", "time_zone"))
    assert zones[germany.pk] == "Europe/Berlin"
    assert zones[japan.pk] == "Asia/Tokyo"
    assert zones[united_states.pk] == "Europe/Paris"  # six zones: someone chooses
    assert zone_for_country("US") is None


def test_the_demo_agencies_keep_their_own_clocks(db):
    call_command("load_demo", "--i-know", releases=0, stdout=StringIO())

    zones = dict(Agency.objects.values_list("acronym", "time_zone"))
    assert (zones["CNES"], zones["JAXA"], zones["DLR"]) == ("Europe/Paris", "Asia/Tokyo", "Europe/Berlin")


def test_an_agency_the_importer_introduces_takes_its_countrys_zone(db):
    japanese = agency_for("JSPEC", Directory(), region="JP", press_site="", line=None)
    american = agency_for("ORBITAL", Directory(), region="US", press_site="", line=None)

    assert japanese.time_zone == "Asia/Tokyo"
    assert american.time_zone == settings.TIME_ZONE  # six zones: someone chooses
