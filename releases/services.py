"""Workflows on releases, shared by the admin, the commands and the tests."""

from datetime import datetime

from django.utils import timezone

from releases.models import Release


def release_publish(*, release: Release, at: datetime | None = None) -> Release:
    """Publish a release now, or schedule it for `at`; keeps an earlier publication time."""
    release.status = Release.Status.PUBLISHED
    if at is not None:
        release.published_at = at
    elif release.published_at is None:
        release.published_at = timezone.now()
    release.save(update_fields=["status", "published_at", "updated_at"])
    return release


def release_unpublish(*, release: Release) -> Release:
    """Take a release back to draft: it leaves every public page at once."""
    release.status = Release.Status.DRAFT
    release.save(update_fields=["status", "updated_at"])
    return release
