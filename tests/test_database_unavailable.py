"""With the database down, a reader gets the styled 503 page with Retry-After, never a 500,
and the site recovers by itself once the database is back."""

import logging
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection

from tests.factories import PersonFactory, ReleaseFactory, RoleFactory

PAGES = [
    "/",
    "/releases/",
    "/releases/?q=satellite",
    "/releases/feed/rss/",
    "/press-contacts/",
    "/sitemap.xml",
]


REFUSED = OperationalError("connection to server at 127.0.0.1 port 5432 failed: Connection refused")


def database_down(error=REFUSED):
    """Every use of the connection fails, as when the server is stopped or unreachable."""
    return mock.patch.object(connection, "ensure_connection", side_effect=error)


@pytest.fixture
def archive(db):
    release = ReleaseFactory()
    role = RoleFactory(agency=release.agency, person=PersonFactory())
    return [release.get_absolute_url(), release.agency.get_absolute_url(), role.person.get_absolute_url()]


@pytest.mark.parametrize(
    "error", [OperationalError("server closed the connection"), InterfaceError("closed")]
)
def test_with_the_database_down_every_public_page_is_a_styled_503_then_back_to_200(
    client, archive, error, caplog
):
    for url in PAGES + archive:
        with database_down(error), caplog.at_level(logging.WARNING):
            caplog.clear()
            response = client.get(url)
        assert response.status_code == 503, url
        assert response["Retry-After"] == "30"
        assert "no-store" in response["Cache-Control"]  # no proxy keeps the outage
        assert "Content-Security-Policy" in response  # the other headers stay
        page = response.content.decode()
        assert "Temporarily unavailable" in page and "css/site.css" in page  # the site's own page
        # One line in the log, with its cause; no traceback.
        assert [(r.levelno, r.exc_info) for r in caplog.records] == [(logging.ERROR, None)], url
        assert caplog.records[0].getMessage().startswith(f"Database unavailable: {url.split('?')[0]} (")

        assert client.get(url).status_code == 200, url  # the database is back


def test_the_503_page_speaks_the_readers_language(client, archive):
    with database_down():
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 503
    assert '<html lang="fr">' in response.content.decode()


def test_an_error_that_is_not_about_the_connection_is_still_a_500(client, archive):
    client.raise_request_exception = False
    with mock.patch("releases.views.HomeView.get", side_effect=ValueError("a bug")):
        assert client.get("/").status_code == 500


@pytest.mark.django_db(transaction=True)
def test_a_lost_connection_is_closed_so_that_the_next_request_opens_a_new_one(client):
    ReleaseFactory()
    assert client.get("/").status_code == 200
    lost = OperationalError("terminating connection due to administrator command")
    with (
        mock.patch.object(connection, "ensure_connection", side_effect=lost),
        mock.patch.object(connection, "is_usable", return_value=False),
        mock.patch.object(connection, "close", wraps=connection.close) as close,
    ):
        assert client.get("/").status_code == 503
    close.assert_called_once()
    assert client.get("/").status_code == 200
