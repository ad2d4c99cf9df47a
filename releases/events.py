"""What happened to a release, and who did it: one event for every change of state, and for
the review of a release published without one.

Written only by the workflow (releases/services/workflow.py). A correction's note and a
withdrawal's reason are public (the release's page, the feeds); a comment sending a release
back or the reason for publishing it without review is for staff only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReleaseEventQuerySet(models.QuerySet):
    def corrections(self):
        """Public change notes, newest first."""
        return self.filter(action=ReleaseEvent.Action.CORRECTED).order_by("-at", "-pk")

    def latest_first(self):
        return self.order_by("-at", "-pk")


class ReleaseEvent(models.Model):
    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        SENT_BACK = "sent_back", _("Sent back to draft")
        APPROVED = "approved", _("Approved")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        FORCE_PUBLISHED = "force_published", _("Published without review")
        REVIEWED = "reviewed", _("Reviewed after publication")
        CORRECTED = "corrected", _("Corrected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        RESTORED = "restored", _("Restored")

    release = models.ForeignKey(
        "releases.Release", on_delete=models.CASCADE, related_name="events", verbose_name=_("release")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    # None: done by the system (an import with --publish, the demo).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    objects = ReleaseEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("release event")
        verbose_name_plural = _("release events")
        ordering = ["-at", "-pk"]
        get_latest_by = "at"
        indexes = [models.Index(fields=["release", "-at"], name="release_event_latest_idx")]

    def __str__(self):
        return f"{self.get_action_display()}: {self.release_id}"


def latest_event(field: str = "action"):
    """A subquery: `field` of the latest event of the outer release."""
    latest = ReleaseEvent.objects.filter(release=OuterRef("pk")).latest_first()
    return models.Subquery(latest.values(field)[:1])


def submitted_by(user) -> Exists:
    """The outer release was submitted for review by `user` (at least once)."""
    return Exists(
        ReleaseEvent.objects.filter(
            Q(release=OuterRef("pk")), action=ReleaseEvent.Action.SUBMITTED, user=user
        )
    )
