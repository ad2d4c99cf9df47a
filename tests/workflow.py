"""Taking a release along the workflow in tests, as the staff would: through the services."""

from contacts.groups import EDITORS, PUBLISHERS
from releases.models import Release
from releases.services import release_approve, release_publish, release_submit
from tests.factories import ReleaseContactFactory, StaffFactory


def editor():
    return StaffFactory(username="an-editor", group=EDITORS)


def publisher():
    return StaffFactory(username="a-publisher", group=PUBLISHERS)


def publish(release: Release, *, at=None) -> Release:
    """Submit a draft (given a press contact if it has none, nor a press desk), approve it and
    publish it now, or schedule it for `at`."""
    desk = release.agency.press_phone or release.agency.press_email
    if not desk and not release.release_contacts.exists():
        ReleaseContactFactory(release=release)
    release_submit(release=release, user=editor())
    release_approve(release=release, user=publisher())
    return release_publish(release=release, user=publisher(), at=at)
