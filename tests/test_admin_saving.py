"""Saving a release in the admin costs the same number of queries whatever its title, its
agency's archive, and the quotes and contacts it already has: only what the editor changed is
read again. The rules are kept: an edited row is validated, the release's constraints too."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.groups import EDITORS, PUBLISHERS
from contacts.models import Person
from releases.mentions import directory_stamp
from releases.models import Release
from tests.admin_forms import admin_form_data
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    QuoteFactory,
    ReleaseContactFactory,
    ReleaseFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

COMMON = "Satellite launched"


def a_release(title=COMMON, *, others=2, quotes=3, contacts=2, draft=False) -> Release:
    """A release with quotes and press contacts, and `others` releases of its agency titled alike."""
    agency = AgencyFactory()
    for _ in range(others):
        ReleaseFactory(agency=agency, title=title)
    author = StaffFactory(username="author")
    release = ReleaseFactory(
        agency=agency, title=title, created_by=author, **({"draft": True} if draft else {})
    )
    for _ in range(quotes):
        QuoteFactory(release=release)
    for _ in range(contacts):
        ReleaseContactFactory(release=release)
    return release


def change_url(release) -> str:
    return reverse("admin:releases_release_change", args=[release.pk])


def signed_in(release) -> Client:
    """A publisher for a public release (a correction), an editor for a draft."""
    public = release.status == Release.Status.PUBLISHED
    user = StaffFactory(username="saver", group=PUBLISHERS if public else EDITORS)
    client = Client()
    client.force_login(user)
    return client


def form_of(client, release, **changes) -> dict:
    """The change form as the browser would post it, the body edited (with a correction's note)."""
    data = admin_form_data(client.get(change_url(release)))
    data["body"] = ["Call +33 1 44 76 75 00."]
    if "correction_note" in data:
        data["correction_note"] = ["corrected a phone number"]
    return data | changes


def queries_to_save(release) -> list[str]:
    client = signed_in(release)
    data = form_of(client, release)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(change_url(release), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    release.refresh_from_db()
    assert release.body == "Call +33 1 44 76 75 00."
    return [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize("draft", [False, True], ids=["correction", "draft"])
def test_saving_costs_the_same_queries_whatever_the_title_and_the_agency_s_archive(draft):
    counts = {
        "a common title, 2 alike": len(queries_to_save(a_release(COMMON, others=2, draft=draft))),
        "a common title, 10 alike": len(queries_to_save(a_release(COMMON, others=10, draft=draft))),
        "a unique title": len(queries_to_save(a_release("Comet dust in a zebra's mane", draft=draft))),
    }
    assert len(set(counts.values())) == 1, counts


@pytest.mark.parametrize("draft", [False, True], ids=["correction", "draft"])
def test_saving_costs_the_same_queries_whatever_the_quotes_and_contacts_left_as_they_were(draft):
    few = len(queries_to_save(a_release(quotes=1, contacts=1, draft=draft)))
    many = len(queries_to_save(a_release(quotes=8, contacts=5, draft=draft)))
    assert few == many


@pytest.mark.parametrize(("draft", "most"), [(False, 68), (True, 42)], ids=["correction", "draft"])
def test_saving_reads_neither_the_whole_directory_nor_more_than_a_few_dozen_queries(draft, most):
    queries = queries_to_save(a_release(quotes=3, contacts=2, draft=draft))
    assert len(queries) <= most
    assert not [sql for sql in queries if "COUNT(" in sql.upper()]


def test_an_edited_row_is_validated_and_a_row_left_as_it_was_is_kept():
    release = a_release(quotes=2, contacts=1, draft=True)
    client = signed_in(release)
    data = form_of(client, release)
    first, second = release.quotes.order_by("order", "pk")
    index = {quote.pk: i for i, quote in enumerate(release.quotes.order_by("order", "pk"))}

    edited = {**data, f"quotes-{index[second.pk]}-person": ["999999"]}  # no such person
    response = client.post(change_url(release), edited)
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors[index[second.pk]]["person"]

    other = PersonFactory(name="Ada Quill")
    edited = {**data, f"quotes-{index[second.pk]}-person": [str(other.pk)]}
    assert client.post(change_url(release), edited).status_code == 302
    assert [quote.person for quote in release.quotes.order_by("order", "pk")] == [first.person, other]


def test_a_mention_added_twice_beside_one_left_as_it_was_is_refused_not_a_server_error():
    release = a_release(quotes=0, contacts=1, draft=True)
    named = AgencyFactory(name="Named agency")
    release.mentioned_agencies.add(named)
    client = signed_in(release)
    data = form_of(client, release)
    assert data["agencymention_set-TOTAL_FORMS"] == ["1"]
    data |= {
        "agencymention_set-TOTAL_FORMS": ["2"],
        "agencymention_set-1-agency": [str(named.pk)],
        "agencymention_set-1-release": [str(release.pk)],
    }
    response = client.post(change_url(release), data)
    assert response.status_code == 200
    assert "duplicate" in response.content.decode().lower()
    assert release.agencymention_set.count() == 1


def test_a_release_breaking_several_rules_is_told_each_in_one_query_for_all():
    release = ReleaseFactory.build(
        agency=AgencyFactory(), published_at=None, dateline_date=None, reference_number="12"
    )
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError) as refused:
        release.validate_constraints()
    assert set(refused.value.messages) >= {
        "A published release needs a publication time.",
        "A published release needs a dateline date.",
        "A reference number needs its year.",
    }
    checks = [
        q["sql"] for q in queries.captured_queries if "COALESCE" in q["sql"] and "EXISTS" not in q["sql"]
    ]
    assert len(checks) == 1


def test_the_mentions_directory_sees_people_added_in_bulk():
    before = directory_stamp()
    Person.objects.bulk_create([Person(name="Ada Quill", slug="ada-quill")])  # no history record
    assert directory_stamp() != before
