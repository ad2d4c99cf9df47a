"""The read-only JSON API: what a newsroom's software reads of the public releases, and nothing more."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from releases.models import Release
from releases.services import release_correct
from tests.factories import (
    AgencyFactory,
    PressContactFactory,
    QuoteFactory,
    ReleaseContactFactory,
    ReleaseFactory,
    RoleFactory,
    TopicFactory,
)
from tests.workflow import publisher

pytestmark = pytest.mark.django_db

LIST = "/api/releases/"


def titles(answer) -> list[str]:
    return [item["title"] for item in answer.json()["results"]]


def every_page(client, url=LIST, **params) -> list[str]:
    """The titles of every page, following `next` from the first."""
    seen, answer = [], client.get(url, params)
    while True:
        assert answer.status_code == 200
        seen += titles(answer)
        if not answer.json()["next"]:
            return seen
        answer = client.get(answer.json()["next"])


HIDDEN = {
    "draft": {"draft": True},
    "in review": {"in_review": True},
    "approved": {"approved": True},
    "scheduled": {"scheduled": True},
    "embargoed": {"embargoed": True},
    "withdrawn": {"withdrawn": True},
}


@pytest.mark.parametrize("state", HIDDEN)
def test_a_hidden_release_is_neither_listed_nor_served(client, state):
    ReleaseFactory(title="Public launch")
    hidden = ReleaseFactory(
        title=f"Secret {state} launch", slug=f"secret-{state.replace(' ', '-')}", **HIDDEN[state]
    )

    assert titles(client.get(LIST)) == ["Public launch"]
    assert titles(client.get(LIST, {"q": "secret"})) == []
    # Its agency issued nothing public: the API knows no such agency, as the list's filter doesn't.
    assert client.get(LIST, {"agency": hidden.agency.slug}).status_code == 400
    answer = client.get(f"/api/releases/{hidden.slug}/")
    assert answer.status_code == 404
    assert "Secret" not in answer.content.decode()
    assert answer.json()["error"]


def test_a_scheduled_release_appears_once_its_time_has_come(client):
    release = ReleaseFactory(title="Launch at noon", scheduled=True)
    assert titles(client.get(LIST)) == []

    Release.objects.filter(pk=release.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert titles(client.get(LIST)) == ["Launch at noon"]


def test_the_list_gives_each_release_with_its_agency_topics_and_links(client):
    cnes = AgencyFactory(name="Centre national d'études spatiales", acronym="CNES", slug="cnes")
    ReleaseFactory(title="Older", dateline_date=date(2013, 10, 27))
    release = ReleaseFactory(
        title="Ariane 6 flies",
        agency=cnes,
        language="fr",
        dateline_date=date(2013, 10, 28),
        reference_prefix="PR",
        reference_number="083",
        reference_year=2013,
        lead="The **first** flight.",
        topics=[TopicFactory(name="Launchers", slug="launchers")],
    )

    answer = client.get(LIST)

    assert answer["Content-Type"] == "application/json"
    newest = answer.json()["results"][0]
    assert [item["title"] for item in answer.json()["results"]] == ["Ariane 6 flies", "Older"]
    assert newest["id"] == release.pk
    assert newest["url"] == f"http://testserver/releases/{release.slug}/"
    assert newest["api_url"] == f"http://testserver/api/releases/{release.slug}/"
    assert newest["reference"] == "PR083 - 2013"
    assert newest["dateline"] == "Paris, le 28 octobre 2013"
    assert newest["language"] == "fr"
    assert newest["kind"] == "press_release"
    assert newest["lead"] == "The first flight."
    assert newest["agency"] == {
        "name": "Centre national d'études spatiales",
        "acronym": "CNES",
        "url": "http://testserver/agencies/cnes/",
    }
    assert newest["topics"] == [{"name": "Launchers", "slug": "launchers"}]
    assert newest["published_at"].startswith(release.published_at.isoformat()[:19])


def test_the_list_takes_the_list_pages_filters(client):
    cnes, esa = AgencyFactory(slug="cnes"), AgencyFactory(slug="esa")
    launchers = TopicFactory(slug="launchers")
    ReleaseFactory(
        title="CNES launcher 2013", agency=cnes, dateline_date=date(2013, 5, 1), topics=[launchers]
    )
    ReleaseFactory(title="CNES satellite 2014", agency=cnes, dateline_date=date(2014, 5, 1))
    ReleaseFactory(title="ESA launcher 2013", agency=esa, dateline_date=date(2013, 6, 1), topics=[launchers])
    ReleaseFactory(title="ESA satellite 2013", agency=esa, dateline_date=date(2013, 7, 1), language="fr")

    assert titles(client.get(LIST, {"agency": "cnes"})) == ["CNES satellite 2014", "CNES launcher 2013"]
    assert titles(client.get(LIST, {"topic": "launchers"})) == ["ESA launcher 2013", "CNES launcher 2013"]
    assert titles(client.get(LIST, {"language": "fr"})) == ["ESA satellite 2013"]
    assert titles(client.get(LIST, {"year": "2014"})) == ["CNES satellite 2014"]
    assert titles(client.get(LIST, {"agency": "esa", "year": "2013", "topic": "launchers"})) == [
        "ESA launcher 2013"
    ]
    assert titles(client.get(LIST, {"q": "satellite"})) == ["CNES satellite 2014", "ESA satellite 2013"]


def test_pages_follow_each_other_by_cursor_with_the_filters_kept(client):
    cnes = AgencyFactory(slug="cnes")
    for n in range(45):
        ReleaseFactory(title=f"CNES {n:02d}", agency=cnes, dateline_date=date(2020, 1, 1) + timedelta(days=n))
    ReleaseFactory(title="Another agency's", dateline_date=date(2030, 1, 1))

    first = client.get(LIST, {"agency": "cnes"}).json()
    assert first["previous"] is None
    assert "agency=cnes" in first["next"] and "after=" in first["next"]

    seen = every_page(client, agency="cnes")
    assert seen == [f"CNES {n:02d}" for n in reversed(range(45))]

    second = client.get(first["next"]).json()
    back = client.get(second["previous"]).json()
    assert [item["title"] for item in back["results"]] == [item["title"] for item in first["results"]]
    assert back["previous"] is None


BAD = {
    "a year that is not one": {"year": "20x4"},
    "an unknown agency": {"agency": "no-such-agency"},
    "an unknown topic": {"topic": "no-such-topic"},
    "an unknown language": {"language": "xx"},
    "a search with nothing to search": {"q": "!"},
    "a search too long": {"q": "word " * 100},
    "a cursor that does not parse": {"after": "yesterday"},
    "two cursors": {"after": "2020-01-01_0_1", "before": "2020-01-01_0_1"},
}


@pytest.mark.parametrize("case", BAD)
def test_a_parameter_that_cannot_be_read_gets_a_400_saying_which(client, case):
    ReleaseFactory(dateline_date=date(2014, 1, 1))

    answer = client.get(LIST, BAD[case])

    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/json"
    body = answer.json()
    assert body["error"]
    assert body["fields"] and set(body["fields"]) <= set(BAD[case])
    assert all(error["message"] for errors in body["fields"].values() for error in errors)


def test_a_release_carries_what_its_page_shows(client):
    release = ReleaseFactory(
        title="Ariane 6 flies",
        lead="The first flight.",
        body="Liftoff at *noon*.",
        dateline_date=date(2024, 5, 1),
    )
    role = RoleFactory(
        title="Director of Launchers",
        agency=release.agency,
        start_date=date(2020, 1, 1),
        end_date=date(2024, 12, 31),
    )
    RoleFactory(
        person=role.person, title="Director General", agency=release.agency, start_date=date(2025, 1, 1)
    )
    QuoteFactory(release=release, person=role.person, text="A great day.")
    ReleaseContactFactory(
        release=release, contact=PressContactFactory(person__name="Anne Press", title="Head")
    )
    release_correct(release=release, user=publisher(), note="corrected the time of liftoff")

    answer = client.get(f"/api/releases/{release.slug}/")

    assert answer.status_code == 200
    data = answer.json()
    assert data["title"] == "Ariane 6 flies"
    assert data["body_html"] == "<p>Liftoff at <em>noon</em>.</p>"
    assert data["quotes"] == [
        {
            "text": "A great day.",
            "person": {"name": role.person.name, "url": f"http://testserver{role.person.get_absolute_url()}"},
            "role": f"Director of Launchers, {release.agency.acronym}",
        }
    ]
    [contact] = data["press_contacts"]
    assert contact["name"] == "Anne Press"
    assert contact["title"] == "Head"
    assert contact["phone_e164"] == "+33144767500"
    assert contact["press_desk"] is False
    assert [note["note"] for note in data["corrections"]] == ["corrected the time of liftoff"]


def test_a_contact_who_left_gives_way_to_the_press_desk_as_on_the_page(client):
    agency = AgencyFactory(acronym="CNES", press_phone="+33 1 44 76 75 00", press_email="press@cnes.fr")
    release = ReleaseFactory(agency=agency)
    ReleaseContactFactory(release=release, contact=PressContactFactory(agency=agency, is_active=False))

    [card] = client.get(f"/api/releases/{release.slug}/").json()["press_contacts"]

    assert card["press_desk"] is True
    assert card["email"] == "press@cnes.fr"
    assert card["agency"]["acronym"] == "CNES"


def test_an_unknown_release_is_a_json_404(client):
    answer = client.get("/api/releases/no-such-release/")
    assert answer.status_code == 404
    assert answer["Content-Type"] == "application/json"


def test_the_api_only_reads(client):
    release = ReleaseFactory()
    assert client.post(LIST).status_code == 405
    assert client.delete(f"/api/releases/{release.slug}/").status_code == 405


def full_release(n: int, agency, topic) -> Release:
    release = ReleaseFactory(
        agency=agency, dateline_date=date(2024, 1, 1) + timedelta(days=n), topics=[topic, TopicFactory()]
    )
    QuoteFactory(release=release, person=RoleFactory(agency=agency).person)
    ReleaseContactFactory(release=release, contact=PressContactFactory(agency=agency))
    return release


def queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_a_request_costs_the_same_queries_with_3_releases_or_30(client):
    agency, topic = AgencyFactory(slug="cnes"), TopicFactory(slug="launchers")
    asks = [
        (LIST, None),
        (LIST, {"agency": "cnes", "topic": "launchers", "year": "2024"}),
        (LIST, {"q": "release", "language": "en"}),
    ]
    releases = [full_release(n, agency, topic) for n in range(3)]
    few = [queries(client, url, params) for url, params in asks]
    few.append(queries(client, f"/api/releases/{releases[0].slug}/"))

    releases += [full_release(n, agency, topic) for n in range(27)]
    many = [queries(client, url, params) for url, params in asks]
    many.append(queries(client, f"/api/releases/{releases[0].slug}/"))

    assert many == few
    assert len(client.get(LIST).json()["results"]) == 20
