"""Every response carries the security headers; a rejected Host header is one line in the log."""

import logging

import pytest

from contacts.groups import EDITORS
from tests.factories import ReleaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls():
    release = ReleaseFactory()
    return ["/", "/releases/", release.get_absolute_url(), release.agency.get_absolute_url(), "/admin/login/"]


def test_every_page_has_a_content_security_policy_without_inline_code(client, urls, staff):
    client.force_login(staff(EDITORS))
    release = ReleaseFactory()
    for url in [*urls, f"/admin/releases/release/{release.pk}/change/", "/nowhere/"]:
        response = client.get(url)
        policy = dict(
            directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";")
        )
        assert policy["default-src"] == policy["script-src"] == policy["style-src"] == "'self'", url
        assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
        assert "unsafe" not in response["Content-Security-Policy"]
        # The other headers stay.
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_a_request_for_another_host_is_refused_with_one_line_in_the_log(client, urls, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    lines = [logging.Formatter().format(record) for record in caplog.records]
    assert lines == [
        "Invalid HTTP_HOST header: 'evil.example'. You may need to add 'evil.example' to ALLOWED_HOSTS."
    ]
