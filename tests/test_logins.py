"""Password guessing: after a few wrong passwords, a login is locked for that address (django-axes)."""

import logging
from io import StringIO

import pytest
from django.core.management import call_command

from contacts.groups import EDITORS, PRESS_OFFICE

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"


@pytest.fixture
def editor(staff):
    return staff(EDITORS)  # login "editors", password "pw"


def log_in(client, username, password, address="203.0.113.7", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def is_logged_in(client):
    return "_auth_user_id" in client.session


def test_after_five_wrong_passwords_the_editor_is_locked_out_even_with_the_right_one(
    client, editor, settings, caplog
):
    assert settings.AXES_FAILURE_LIMIT == 5
    with caplog.at_level(logging.WARNING, logger="axes"):
        for attempt in range(4):
            assert log_in(client, "editors", f"guess-{attempt}").status_code == 200  # the form again
        locked = log_in(client, "editors", "guess-4")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many failed logins" in page and "css/site.css" in page  # the site's styled page
    assert "Try again in 30 minutes" in page

    # Every failure was logged, with the login and the address.
    failures = [r.getMessage() for r in caplog.records if "login failure by" in r.getMessage()]
    assert len(failures) == 5 and all("editors" in m and "203.0.113.7" in m for m in failures)
    assert any("Locking out" in r.getMessage() for r in caplog.records)

    assert log_in(client, "editors", "pw").status_code == 429
    assert not is_logged_in(client)


def test_a_lockout_leaves_other_logins_and_other_addresses_alone(client, editor, staff):
    staff(PRESS_OFFICE)
    for attempt in range(5):
        log_in(client, "editors", f"guess-{attempt}")
    assert log_in(client, "editors", "pw").status_code == 429

    assert log_in(client, "pressoffice", "pw").status_code == 302  # another login, same address
    assert is_logged_in(client)
    client.logout()
    assert log_in(client, "editors", "pw", address="198.51.100.20").status_code == 302  # the editor's office
    assert is_logged_in(client)


def test_a_successful_login_forgets_the_earlier_mistakes(client, editor):
    for attempt in range(4):
        log_in(client, "editors", f"typo-{attempt}")
    assert log_in(client, "editors", "pw").status_code == 302
    client.logout()
    for attempt in range(4):
        assert log_in(client, "editors", f"typo-{attempt}").status_code == 200  # not locked yet


def test_an_administrator_unlocks_one_login_with_axes_reset_username(client, editor):
    for attempt in range(5):
        log_in(client, "editors", f"guess-{attempt}")
    assert log_in(client, "editors", "pw").status_code == 429

    call_command("axes_reset_username", "editors", stdout=StringIO())
    assert log_in(client, "editors", "pw").status_code == 302


def test_behind_the_proxy_the_address_is_the_one_the_proxy_added_not_what_the_client_wrote(
    client, editor, settings
):
    settings.BEHIND_PROXY = True
    for attempt in range(5):  # a new forged address each time, the same real one appended by the proxy
        forged = f"10.0.0.{attempt}, 203.0.113.7"
        log_in(client, "editors", f"guess-{attempt}", address="127.0.0.1", HTTP_X_FORWARDED_FOR=forged)
    assert (
        log_in(client, "editors", "pw", address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7").status_code
        == 429
    )
    # Another reader behind the same proxy is someone else.
    other = log_in(client, "editors", "pw", address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert other.status_code == 302
