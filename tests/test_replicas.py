"""Read replicas: the public's pages read from a replica, staff and every write use the primary.

The test settings' `replica_1` is the test database itself (TEST MIRROR), so each test counts
the queries each alias received. Replicas are on only in these tests (DATABASE_REPLICAS): a
replica's connection is not the test's, so it sees only committed rows, which takes
transactional tests; the rest of the suite keeps the faster ones, and reads from the primary.
"""

from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.db import connections, router, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.groups import PUBLISHERS
from pressroom.replicas import PIN_COOKIE, reading_from
from releases.models import Release
from releases.previews import preview_link_create, preview_link_revoke
from tests.factories import ReleaseContactFactory, ReleaseFactory, StaffFactory
from tests.test_settings import production

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica_1"])


@pytest.fixture(autouse=True)
def replica(settings):
    settings.DATABASE_REPLICAS = ["replica_1"]
    yield
    connections["replica_1"].close()  # no session of its own left to hold a lock a later test waits on


@pytest.fixture
def publisher_client():
    client = Client()
    client.force_login(StaffFactory(username="publisher", group=PUBLISHERS))
    return client


@contextmanager
def queries():
    """The queries the primary and the replica received meanwhile."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica_1"]) as replica,
    ):
        yield SimpleNamespace(primary=primary, replica=replica)


def test_an_anonymous_visitor_reads_the_release_list_from_the_replica(client):
    ReleaseFactory(title="Sentinel-6 launched")
    with queries() as sent:
        response = client.get(reverse("releases:list"))
    assert "Sentinel-6 launched" in response.content.decode()
    assert len(sent.replica) > 0
    assert len(sent.primary) == 0


def test_staff_read_the_public_pages_from_the_primary(publisher_client):
    release = ReleaseFactory(title="Sentinel-6 launched")
    with queries() as sent:
        assert "Sentinel-6 launched" in publisher_client.get(reverse("releases:list")).content.decode()
        assert publisher_client.get(release.get_absolute_url()).status_code == 200
    assert len(sent.replica) == 0


def test_the_admin_and_its_saves_use_the_primary_only(publisher_client):
    release = ReleaseFactory(title="Sentinel-6 launched", approved=True)
    ReleaseContactFactory(release=release)
    transition = reverse("admin:releases_release_transition", args=[release.pk, "publish"])
    with queries() as sent:
        assert publisher_client.get(reverse("admin:releases_release_changelist")).status_code == 200
        assert publisher_client.post(transition).status_code == 302
        assert (
            publisher_client.get(reverse("admin:releases_release_change", args=[release.pk])).status_code
            == 200
        )
    assert Release.objects.public().filter(pk=release.pk).exists()
    assert len(sent.replica) == 0
    assert any(query["sql"].startswith("UPDATE") for query in sent.primary)


def test_the_editor_reads_the_release_they_just_published_from_the_primary_even_logged_out(
    publisher_client,
):
    release = ReleaseFactory(title="Sentinel-6 launched", approved=True)
    ReleaseContactFactory(release=release)
    publisher_client.post(reverse("admin:releases_release_transition", args=[release.pk, "publish"]))
    with queries() as sent:
        assert publisher_client.get(release.get_absolute_url()).status_code == 200
        publisher_client.post(reverse("admin:logout"))
        # Logged out now, the browser still reads from the primary for a while after its form.
        assert "Sentinel-6 launched" in publisher_client.get(reverse("releases:list")).content.decode()
    assert len(sent.replica) == 0
    with queries() as sent:
        assert "Sentinel-6 launched" in Client().get(reverse("releases:list")).content.decode()
    assert len(sent.replica) > 0


def test_a_browser_that_sent_a_form_reads_from_the_primary_for_a_while(client, settings):
    settings.DATABASE_REPLICA_PIN_SECONDS = 30
    ReleaseFactory()
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/releases/"})
    assert response.cookies[PIN_COOKIE]["max-age"] == 30
    with queries() as sent:
        client.get(reverse("releases:list"))
    assert len(sent.replica) == 0
    client.cookies.pop(PIN_COOKIE)  # the while is over
    with queries() as sent:
        client.get(reverse("releases:list"))
    assert len(sent.replica) > 0


def test_a_revoked_preview_link_shows_nothing_at_once_whatever_the_replica(client):
    release = ReleaseFactory(title="Sentinel-6 launched", embargoed=True)
    publisher = StaffFactory(username="publisher", group=PUBLISHERS)
    shared = preview_link_create(
        release=release, user=publisher, journalist_name="Claire Martin", journalist_email="c@example.org"
    )
    with queries() as sent:
        assert client.get(shared.path).status_code == 200
        preview_link_revoke(link=shared.link, user=publisher)
        assert client.get(shared.path).status_code == 410
    assert len(sent.replica) == 0


def test_without_replicas_every_page_reads_from_the_primary(client, settings):
    settings.DATABASE_REPLICAS = []
    ReleaseFactory()
    with queries() as sent:
        assert client.get(reverse("releases:list")).status_code == 200
    assert len(sent.replica) == 0
    assert PIN_COOKIE not in client.post(reverse("set_language"), {"language": "fr"}).cookies


def test_inside_a_transaction_on_the_primary_reads_see_its_writes():
    token = reading_from.set("replica_1")  # as on a public page
    try:
        with queries() as sent:
            Release.objects.count()
        assert len(sent.replica) == 1
        with transaction.atomic(), queries() as sent:
            ReleaseFactory()
            assert Release.objects.count() == 1
        assert len(sent.replica) == 0
    finally:
        reading_from.reset(token)


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate_model("default", Release)
    assert not router.allow_migrate_model("replica_1", Release)


def test_production_adds_a_replica_alias_for_each_url_of_database_replica_urls():
    result = production(
        "DATABASE_REPLICAS",
        "DATABASES",
        DATABASE_REPLICA_URLS="postgres://reader@replica-a:5432/pressroom,postgres://reader@replica-b/pressroom",
    )
    assert result.returncode == 0, result.stderr
    aliases, databases = result.stdout.strip().split("|")
    assert aliases == "['replica_1', 'replica_2']"
    assert "'HOST': 'replica-a'" in databases and "'HOST': 'replica-b'" in databases


def test_production_refuses_a_replica_that_is_not_postgresql():
    result = production("DATABASES", DATABASE_REPLICA_URLS="sqlite:////tmp/copy.sqlite3")
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URLS must name PostgreSQL replicas" in result.stderr
