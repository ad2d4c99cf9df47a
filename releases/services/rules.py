"""The workflow's rules: who may move a release, from which state, and what it needs first.

Each transition names the permission it takes and the states it starts from; the services
(workflow.py) check them before they change anything, and the admin asks the same table which
buttons to show. Editing a release's text follows the same roles (`may_edit`).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from releases.events import ReleaseEvent
from releases.models import Release

State = Release.Visibility
NOT_YET_PUBLIC = frozenset({State.SCHEDULED, State.EMBARGOED})


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    permission: str  # a permission of the releases app
    sources: frozenset  # the states (Release.Visibility) it starts from
    asks: str = ""  # what its form asks: "comment", "reason", "note", "time", or nothing
    # The action's button in the admin: "default" (the way forward), "" or "danger".
    style: str = ""


SUBMIT = Transition(
    "submit",
    gettext_lazy("Submit for review"),
    "change_release",
    frozenset({State.DRAFT}),
    style="default",
)
SEND_BACK = Transition(
    "send_back",
    gettext_lazy("Send back to draft"),
    "approve_release",
    frozenset({State.REVIEW, State.APPROVED, *NOT_YET_PUBLIC}),
    asks="comment",
)
APPROVE = Transition(
    "approve", gettext_lazy("Approve"), "approve_release", frozenset({State.REVIEW}), style="default"
)
PUBLISH = Transition(
    "publish",
    gettext_lazy("Publish or schedule"),
    "publish_release",
    frozenset({State.APPROVED, State.SCHEDULED}),
    asks="time",
    style="default",
)
FORCE_PUBLISH = Transition(
    "force_publish",
    gettext_lazy("Publish without review"),
    "force_publish_release",
    frozenset({State.DRAFT, State.REVIEW}),
    asks="reason",
    style="danger",
)
CORRECT = Transition(
    "correct",
    gettext_lazy("Add a correction note"),
    "correct_release",
    frozenset({State.PUBLIC}),
    asks="note",
)
WITHDRAW = Transition(
    "withdraw",
    gettext_lazy("Withdraw"),
    "withdraw_release",
    frozenset({State.PUBLIC}),
    asks="reason",
    style="danger",
)
RESTORE = Transition("restore", gettext_lazy("Restore"), "withdraw_release", frozenset({State.WITHDRAWN}))
# The review a release published without one did not have, by another publisher, afterwards.
MARK_REVIEWED = Transition(
    "mark_reviewed",
    gettext_lazy("Mark as reviewed"),
    "approve_release",
    frozenset({State.PUBLIC, *NOT_YET_PUBLIC, State.WITHDRAWN}),
    style="default",
)

TRANSITIONS = {
    transition.name: transition
    for transition in [
        SUBMIT,
        SEND_BACK,
        APPROVE,
        PUBLISH,
        FORCE_PUBLISH,
        MARK_REVIEWED,
        CORRECT,
        WITHDRAW,
        RESTORE,
    ]
}


def has_permission(user, transition: Transition) -> bool:
    return user is not None and user.has_perm(f"releases.{transition.permission}")


def is_own(user, release: Release) -> bool:
    """The user wrote the release or submitted it for review."""
    if user is None or user.pk is None:
        return False
    if release.created_by_id == user.pk:
        return True
    return release.events.filter(action=ReleaseEvent.Action.SUBMITTED, user=user).exists()


def may_approve_own() -> bool:
    return getattr(settings, "PRESSROOM_PUBLISHERS_APPROVE_OWN", False)


def check(user, transition: Transition, release: Release, now=None) -> None:
    """Raise PermissionDenied or ValidationError, with a message, unless `user` may take
    `release` through `transition` now."""
    if not has_permission(user, transition):
        raise PermissionDenied(
            _("You may not do this: “%(action)s” is for staff with the permission to.")
            % {"action": transition.label}
        )
    state = release.visibility(now)
    if state not in transition.sources:
        raise ValidationError(
            _("“%(action)s” is not possible now: this release is “%(state)s”.")
            % {"state": state.label, "action": transition.label},
            code="wrong_state",
        )
    if refusal := second_pair_of_eyes(user, transition, release):
        raise refusal


def second_pair_of_eyes(user, transition: Transition, release: Release) -> Exception | None:
    """Why `user` may not take `release` through `transition`, beyond permission and state: a
    publisher does not approve a release they wrote or submitted, nor review one they published
    without review (unless PRESSROOM_PUBLISHERS_APPROVE_OWN); only a release published without
    review, and not reviewed since, is marked reviewed. None when nothing stands in the way."""
    if transition is APPROVE and not may_approve_own() and is_own(user, release):
        return PermissionDenied(_("You wrote or submitted this release: another publisher approves it."))
    if transition is MARK_REVIEWED:
        if not release.awaits_later_review():
            return ValidationError(
                _("This release awaits no review: it was reviewed before publication, or since."),
                code="not_awaiting_review",
            )
        if not may_approve_own() and user is not None and release.forced_by_id == user.pk:
            return PermissionDenied(
                _("You published this release without review: another publisher reviews it.")
            )
    return None


def allowed(user, release: Release, now=None) -> list[Transition]:
    """The transitions `user` may take `release` through now: the admin's buttons."""
    now = now or timezone.now()
    state = release.visibility(now)
    return [
        transition
        for transition in TRANSITIONS.values()
        if state in transition.sources
        and has_permission(user, transition)
        and second_pair_of_eyes(user, transition, release) is None
    ]


def refused_to(user, release: Release, now=None) -> list[str]:
    """Why transitions `user` has the permission for, from this state, are not theirs to take
    (the release is their own): said in the admin, where their buttons would be."""
    state = release.visibility(now)
    reasons = []
    for transition in TRANSITIONS.values():
        if state in transition.sources and has_permission(user, transition):
            refusal = second_pair_of_eyes(user, transition, release)
            if isinstance(refusal, PermissionDenied):
                reasons.append(str(refusal))
    return reasons


def may_edit(user, release: Release, now=None) -> bool:
    """Who may change a release's text in each state: editors their drafts; publishers what is
    in review, approved or not yet public; a public release takes a correction (with its note);
    a withdrawn one is restored before anyone edits it."""
    if user is None or not user.has_perm("releases.change_release"):
        return False
    state = release.visibility(now)
    if state == State.DRAFT:
        return True
    if state in {State.REVIEW, State.APPROVED, *NOT_YET_PUBLIC}:
        return user.has_perm("releases.approve_release") or user.has_perm("releases.publish_release")
    if state == State.PUBLIC:
        return user.has_perm("releases.correct_release")
    return False


def may_delete(user, release: Release) -> bool:
    """A draft that never went out may be deleted (by staff who may delete releases); what the
    public saw is withdrawn instead, and keeps its page. Superusers may delete anything."""
    if user is None or not user.has_perm("releases.delete_release"):
        return False
    if user.is_superuser:
        return True
    return release.status == Release.Status.DRAFT and release.first_published_at is None


def required_text(value: str, message) -> str:
    """A comment, reason or note, stripped; an empty one is refused with `message`."""
    value = (value or "").strip()
    if not value:
        raise ValidationError(message, code="required")
    return value


def check_publishable(release: Release) -> None:
    """What no release goes out without, even from an import: a date and a real issuer."""
    if release.dateline_date is None:  # imported without a date: an editor sets it
        raise ValidationError(_("Set the dateline date before publishing this release."), code="undated")
    if release.agency.is_unknown_issuer:  # imported with no issuer found: an editor chooses it
        raise ValidationError(
            _("Choose the issuing agency before publishing this release."), code="no_issuer"
        )


def missing(release: Release) -> list[str]:
    """What a release lacks before it is approved or published, in words; [] when nothing."""
    lacking = []
    if not release.title.strip():
        lacking.append(_("a title"))
    if not release.lead.strip():
        lacking.append(_("a lead"))
    agency = release.agency if release.agency_id else None
    if agency is None or agency.is_unknown_issuer:
        lacking.append(_("its issuing agency"))
    if not release.dateline_place.strip():
        lacking.append(_("the dateline's place"))
    if release.dateline_date is None:
        lacking.append(_("the dateline's date"))
    desk = agency is not None and (agency.press_phone or agency.press_email)
    if not desk and not release.release_contacts.exists():
        lacking.append(_("a press contact (or a press desk for its agency)"))
    return lacking


def check_complete(release: Release) -> None:
    if lacking := missing(release):
        raise ValidationError(
            _("This release still needs %(what)s.") % {"what": ", ".join(lacking)}, code="incomplete"
        )
