"""The one way a release changes state.

draft → in review → approved → published (now) or scheduled (a time ahead); a publisher may
send a release back to draft with a comment, publish one without review giving a reason (and
another publisher marks it reviewed later), correct a public one with a public note, withdraw it
with a public reason, and restore it.

Each function takes the acting `user`, checks their permission and the release's state
(rules.py) on the row as the database holds it (locked until the transaction ends, so two
publishers acting at once take turns), changes it, and records a ReleaseEvent. The admin, the
importer, the demo and the tests all come through here: nothing else writes `status`.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from releases.earlier_versions import record_earlier_version
from releases.events import ReleaseEvent
from releases.models import Release
from releases.references import release_assign_reference
from releases.services import rules
from releases.services.sources import release_sources_reviewed

Action = ReleaseEvent.Action
Status = Release.Status

# What the workflow writes; the caller's copy of a release is brought up to date with them.
STATE_FIELDS = [
    "status",
    "published_at",
    "first_published_at",
    "forced_by_id",
    "forced_reason",
    "forced_reviewed_at",
    "forced_reviewed_by_id",
    "withdrawn_at",
    "withdrawn_reason",
]
# A publication may move the slug on; every save counts one more edit (the edit lock).
WORKFLOW_FIELDS = [*STATE_FIELDS, "slug", "updated_at", "edit_version"]


def release_submit(*, release: Release, user) -> Release:
    """An editor hands a complete draft to the publishers."""
    with transaction.atomic():
        current = locked(release)
        rules.check(user, rules.SUBMIT, current)
        rules.check_complete(current)
        move(release, current, status=Status.REVIEW)
        record(current, Action.SUBMITTED, user)
    return release


def release_send_back(*, release: Release, user, comment: str) -> Release:
    """A publisher returns a release in review, approved or not yet public to its editor, who
    reads the comment at the top of their list."""
    with transaction.atomic():
        current = locked(release)
        rules.check(user, rules.SEND_BACK, current)
        comment = rules.required_text(comment, _("Say what to change: the editor reads it first."))
        move(release, current, status=Status.DRAFT, published_at=None)
        record(current, Action.SENT_BACK, user, comment)
    return release


def release_approve(*, release: Release, user) -> Release:
    """A second pair of eyes: a publisher approves a complete release someone else wrote."""
    with transaction.atomic():
        current = locked(release)
        rules.check(user, rules.APPROVE, current)
        rules.check_complete(current)
        move(release, current, status=Status.APPROVED)
        record(current, Action.APPROVED, user)
    return release


def release_publish(*, release: Release, user, at: datetime | None = None) -> Release:
    """Publish an approved release now, or schedule it for `at` (a scheduled one may be given
    another time). The review notes of the documents it was imported from are signed off."""
    now = timezone.now()
    with transaction.atomic():
        current = locked(release)
        rules.check(user, rules.PUBLISH, current, now)
        if at is not None and at <= now:
            raise ValidationError(
                _("This time has passed: publish now, or choose a time ahead."), code="past"
            )
        rules.check_publishable(current)
        rules.check_complete(current)
        published_at = at or now
        move(
            release,
            current,
            status=Status.PUBLISHED,
            published_at=published_at,
            **first_publication(current, published_at),
        )
        release_sources_reviewed(release=current, user=user)
        record(current, Action.SCHEDULED if at else Action.PUBLISHED, user, at=now)
    return release


def release_force_publish(*, release: Release, user, reason: str) -> Release:
    """Publish a draft or a release in review now, without review; it is listed ("Published
    without review") for a later look."""
    with transaction.atomic():
        current = locked(release)
        rules.check(user, rules.FORCE_PUBLISH, current)
        reason = rules.required_text(reason, _("Say why it cannot wait for a review."))
        rules.check_publishable(current)
        rules.check_complete(current)
        now = timezone.now()
        move(
            release,
            current,
            status=Status.PUBLISHED,
            published_at=now,
            forced_by=user,
            forced_reason=reason,
            forced_reviewed_at=None,  # sent back and published without review again: a new look
            forced_reviewed_by=None,
            **first_publication(current, now),
        )
        release_sources_reviewed(release=current, user=user)
        record(current, Action.FORCE_PUBLISHED, user, reason, at=now)
    return release


def release_mark_reviewed(*, release: Release, user) -> Release:
    """Another publisher has looked at a release published without review: it leaves the list
    of those published without review ("Published without review" in the admin, the dashboard)."""
    with transaction.atomic():
        current = locked(release)
        rules.check(user, rules.MARK_REVIEWED, current)
        now = timezone.now()
        move(release, current, forced_reviewed_at=now, forced_reviewed_by=user)
        record(current, Action.REVIEWED, user, at=now)
    return release


def release_correct(*, release: Release, user, note: str) -> Release:
    """Save a public release as corrected, with a public note of what changed ("corrected a
    phone number"), shown on its page and in the feeds. `release` carries the corrected text
    (or none: a note for a change made elsewhere, a press contact's phone in the directory)."""
    with transaction.atomic():
        current = locked(release)
        rules.check(user, rules.CORRECT, current)
        note = rules.required_text(note, _("Say what was corrected: the note is public."))
        now = timezone.now()
        record_earlier_version(current, replaced_at=now, note=note)  # as the public saw it
        for name in STATE_FIELDS:  # the text is the caller's; the state is the database's
            setattr(release, name, getattr(current, name))
        release.full_clean()
        release.save()
        record(release, Action.CORRECTED, user, note, at=now)
    return release


def release_correct_as_system(*, release: Release, note: str) -> None:
    """A public release's document imported again, and changed: the version it replaces is kept
    and the correction recorded with its public note, by no one (the command line). Called
    before the importer writes the new text, in its transaction. A release not yet out (its
    time or embargo ahead) is changed without a note: no one saw the version it replaces."""
    if not Release.objects.public().filter(pk=release.pk).exists():
        return
    now = timezone.now()
    record_earlier_version(release, replaced_at=now, note=note)
    record(release, Action.CORRECTED, None, note, at=now)


def release_withdraw(*, release: Release, user, reason: str) -> Release:
    """Take a public release off every list, feed, search and the sitemap; its page stays,
    marked withdrawn with the reason and the date."""
    with transaction.atomic():
        current = locked(release)
        rules.check(user, rules.WITHDRAW, current)
        reason = rules.required_text(reason, _("Say why: the notice on its page gives the reason."))
        now = timezone.now()
        move(release, current, status=Status.WITHDRAWN, withdrawn_at=now, withdrawn_reason=reason)
        record(current, Action.WITHDRAWN, user, reason, at=now)
    return release


def release_restore(*, release: Release, user) -> Release:
    """A withdrawn release is published again, at its first publication time."""
    with transaction.atomic():
        current = locked(release)
        rules.check(user, rules.RESTORE, current)
        move(release, current, status=Status.PUBLISHED, withdrawn_at=None, withdrawn_reason="")
        record(current, Action.RESTORED, user)
    return release


def release_publish_as_system(*, release: Release, at: datetime | None = None, comment: str = "") -> Release:
    """Publish a draft with no one acting: a complete document imported with `--publish`, the
    demo's releases. Saves the release as it is in memory (new or not); the checks of any
    publication (a date, a real issuer), no permission: it runs from the command line."""
    if release.pk is not None and release.status != Status.DRAFT:
        raise ValidationError(_("Only a draft is published this way."), code="wrong_state")
    rules.check_publishable(release)
    now = timezone.now()
    published_at = at or now
    release.status = Status.PUBLISHED
    release.published_at = published_at
    # Not numbered: an imported document keeps the reference it was written with, or has none
    # (an archive is not numbered anew); the demo's releases have theirs.
    for name, value in first_publication(release, published_at, numbered=False).items():
        setattr(release, name, value)
    with transaction.atomic(savepoint=False):
        release.save()
        record(release, Action.SCHEDULED if published_at > now else Action.PUBLISHED, None, comment, at=now)
    return release


def first_publication(release: Release, published_at: datetime, *, numbered: bool = True) -> dict:
    """The fields a release's first publication (or scheduling) sets, by name; {} after that.
    Called by release_publish, release_force_publish and release_publish_as_system, inside their
    transaction, with the row locked; the caller saves exactly these fields. A release `numbered`
    gets its agency's next reference now, unless it has one (release_assign_reference saves it)."""
    if release.first_published_at is not None:
        return {}
    if numbered:
        release_assign_reference(release)
    return {"first_published_at": published_at}


def locked(release: Release) -> Release:
    """The release as the database holds it now, its row locked until the transaction ends."""
    return Release.objects.select_for_update(of=("self",)).select_related("agency").get(pk=release.pk)


def move(release: Release, current: Release, **changes) -> None:
    """Write `changes` to the row (`current`), and bring the caller's copy up to date."""
    for name, value in changes.items():
        setattr(current, name, value)
    current.save(update_fields=[*changes, "updated_at"])
    for name in WORKFLOW_FIELDS:
        setattr(release, name, getattr(current, name))


def record(release: Release, action: str, user, comment: str = "", *, at: datetime | None = None):
    user = user if user is not None and getattr(user, "is_authenticated", False) else None
    return ReleaseEvent.objects.create(
        release=release, action=action, user=user, comment=comment, at=at or timezone.now()
    )
