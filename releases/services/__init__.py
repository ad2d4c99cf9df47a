"""Workflows on releases, shared by the admin, the commands and the tests.

- workflow.py: the one way a release changes state (submit, send back, approve, publish,
  publish without review and mark it reviewed later, correct, withdraw, restore), with rules.py
  saying who may and when;
- sources.py: the documents a release was imported from, signed off when it is published;
- versions.py: language versions, linked, unlinked and started.
"""

from releases.services.rules import missing as release_missing
from releases.services.sources import release_file_contacts, release_sources_reviewed
from releases.services.versions import (
    check_one_version_per_language,
    release_content_digest,
    release_link_version,
    release_link_versions_by_reference,
    release_mark_translation_current,
    release_record_content,
    release_start_translation,
    release_unlink_version,
)
from releases.services.workflow import (
    release_approve,
    release_correct,
    release_correct_as_system,
    release_force_publish,
    release_mark_reviewed,
    release_publish,
    release_publish_as_system,
    release_restore,
    release_send_back,
    release_submit,
    release_withdraw,
)

__all__ = [
    "check_one_version_per_language",
    "release_approve",
    "release_content_digest",
    "release_correct",
    "release_correct_as_system",
    "release_file_contacts",
    "release_force_publish",
    "release_link_version",
    "release_link_versions_by_reference",
    "release_mark_reviewed",
    "release_mark_translation_current",
    "release_missing",
    "release_publish",
    "release_publish_as_system",
    "release_record_content",
    "release_restore",
    "release_send_back",
    "release_sources_reviewed",
    "release_start_translation",
    "release_submit",
    "release_unlink_version",
    "release_withdraw",
]
