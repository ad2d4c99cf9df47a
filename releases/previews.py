"""Embargoed previews for journalists: a release that is not public yet, shared with one named
journalist through a link of their own, view-only, expiring and revocable, each opening logged.

The link's address carries a random key (32 bytes from `secrets`) beside the link's id, signed
with the site's SECRET_KEY under a salt of its own (django.core.signing): an address the site
did not sign is refused before the database is asked. The database keeps only the key's
SHA-256, compared in constant time, so neither the admin nor a copy of the database can rebuild
an address: the editor copies it once, when they create it.

Only a release the public cannot see yet but that is on its way (published, and scheduled or
embargoed: `PREVIEWABLE`) can be shared; a link to a release sent back to draft stops working,
and a link to a release that has gone public leads to its public page.
"""

import hashlib
import ipaddress
import re
import secrets
from datetime import datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import F, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from pressroom.client_ip import client_ip
from releases.models import Release

SALT = "releases.previews.PreviewLink"
# What may be shared ahead of time: a published release the public will see at its time.
PREVIEWABLE = {Release.Visibility.SCHEDULED, Release.Visibility.EMBARGOED}
USER_AGENT_LENGTH = 300
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def can_be_previewed(release: Release, now=None) -> bool:
    """May journalists be sent a preview of the release now? Drafts and public releases: no."""
    return release.visibility(now) in PREVIEWABLE


def may_share_previews(user) -> bool:
    """Who may create and revoke preview links and read their log: those who may change releases."""
    return user.has_perm("releases.change_release")


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


class PreviewLinkQuerySet(models.QuerySet):
    def active(self, now=None):
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())

    def revoked(self):
        return self.filter(revoked_at__isnull=False)

    def expired(self, now=None):
        return self.filter(revoked_at__isnull=True, expires_at__lte=now or timezone.now())

    def from_token(self, token: str) -> "PreviewLink | None":
        """The link an address's token names, or None for one the site did not sign or that
        names no link (tampered, made up, or from another site)."""
        try:
            value = signer().unsign(token)
        except signing.BadSignature:
            return None
        pk, _, key = value.partition(".")
        if not (pk.isascii() and pk.isdecimal() and len(pk) <= 18 and key):
            return None
        link = self.select_related("release").filter(pk=int(pk)).first()
        if link is None or not constant_time_compare(link.key_hash, key_digest(key)):
            return None
        return link


class PreviewLink(models.Model):
    """One journalist's link to the preview of one release."""

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="preview_links", verbose_name=_("release")
    )
    journalist_name = models.CharField(_("journalist"), max_length=200)
    journalist_email = models.EmailField(_("journalist's e-mail"))
    outlet = models.CharField(_("outlet"), max_length=200, blank=True, help_text=_("“Le Monde”, “AFP”."))
    key_hash = models.CharField(max_length=64, editable=False)  # SHA-256 of the address's key
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    expires_at = models.DateTimeField(_("expires"), help_text=_("The link stops working at this time."))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="preview_link_expires_after_creation",
                violation_error_message=_("A preview link expires after it is created."),
            ),
            models.CheckConstraint(
                condition=Q(revoked_by__isnull=True) | Q(revoked_at__isnull=False),
                name="preview_link_revoked_by_when_revoked",
            ),
        ]

    def __str__(self):
        if self.outlet:
            return f"{self.journalist_name} ({self.outlet})"
        return self.journalist_name

    def state(self, now=None) -> "PreviewLink.State":
        """Mirrors PreviewLinkQuerySet.active(), revoked() and expired() for one link."""
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.expires_at <= (now or timezone.now()):
            return self.State.EXPIRED
        return self.State.ACTIVE


class PreviewAccess(models.Model):
    """One opening of a preview link that showed the release."""

    link = models.ForeignKey(
        PreviewLink, on_delete=models.CASCADE, related_name="accesses", verbose_name=_("preview link")
    )
    at = models.DateTimeField(_("opened"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=USER_AGENT_LENGTH, blank=True)

    class Meta:
        verbose_name = _("preview access")
        verbose_name_plural = _("preview accesses")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.link} · {self.at:%Y-%m-%d %H:%M}"


# Services: every change to a preview link goes through these.


class NewPreviewLink(NamedTuple):
    link: PreviewLink
    path: str  # the link's address on the site: shown to the editor once, never stored


def preview_link_default_expiry(*, release: Release, now: datetime | None = None) -> datetime:
    """A day after the release reaches the public, and never later than PREVIEW_LINK_MAX_DAYS."""
    now = now or timezone.now()
    latest = now + timedelta(days=settings.PREVIEW_LINK_MAX_DAYS)
    due = release.due_at()
    return min(due + timedelta(days=1), latest) if due else latest


def preview_link_create(
    *,
    release: Release,
    user,
    journalist_name: str,
    journalist_email: str,
    outlet: str = "",
    expires_at: datetime | None = None,
) -> NewPreviewLink:
    """Share a scheduled or embargoed release with one journalist; the address is returned once."""
    if not may_share_previews(user):
        raise PermissionDenied
    now = timezone.now()
    if not can_be_previewed(release, now):
        raise ValidationError(
            _("Only a scheduled or embargoed release can be shared before it is public."),
            code="not_previewable",
        )
    expires_at = expires_at or preview_link_default_expiry(release=release, now=now)
    if expires_at <= now:
        raise ValidationError({"expires_at": _("Choose a time in the future.")}, code="past")
    if expires_at > now + timedelta(days=settings.PREVIEW_LINK_MAX_DAYS):
        raise ValidationError(
            {
                "expires_at": _("A preview link lasts at most %(days)s days.")
                % {"days": settings.PREVIEW_LINK_MAX_DAYS}
            },
            code="too_long",
        )
    key = secrets.token_urlsafe(32)
    link = PreviewLink(
        release=release,
        journalist_name=journalist_name.strip(),
        journalist_email=journalist_email.strip(),
        outlet=outlet.strip(),
        key_hash=key_digest(key),
        created_at=now,
        created_by=user,
        expires_at=expires_at,
    )
    link.full_clean(exclude=["release", "created_by"])
    link.save()
    token = signer().sign(f"{link.pk}.{key}")
    return NewPreviewLink(link, reverse("releases:preview-link", kwargs={"token": token}))


def preview_link_revoke(*, link: PreviewLink, user) -> PreviewLink:
    """Stop a link from working, at once; revoking a revoked link changes nothing."""
    if not may_share_previews(user):
        raise PermissionDenied
    PreviewLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=user
    )
    link.refresh_from_db(fields=["revoked_at", "revoked_by"])
    return link


class Opened(NamedTuple):
    """What a preview address leads to: the release to show, or why not (`refused`)."""

    link: PreviewLink | None
    refused: str = ""  # "unknown", "revoked", "expired", "unavailable", or "public" (redirected)


def preview_link_open(*, token: str, now: datetime | None = None) -> Opened:
    """Read a preview address: show the release only through an active link to a release that
    may still be previewed; a release that has gone public is for its public page."""
    now = now or timezone.now()
    link = PreviewLink.objects.from_token(token)
    if link is None:
        return Opened(None, "unknown")
    state = link.state(now)
    if state != PreviewLink.State.ACTIVE:
        return Opened(link, state.value)
    if link.release.is_public(now):
        return Opened(link, "public")
    if not can_be_previewed(link.release, now):  # sent back to draft or to review
        return Opened(link, "unavailable")
    return Opened(link)


def preview_access_record(*, link: PreviewLink, request: HttpRequest) -> PreviewAccess:
    """Log an opening that showed the release: when, from where (the proxy's word for it only
    behind one: BEHIND_PROXY), with which browser."""
    address = client_ip(request)
    try:
        address = str(ipaddress.ip_address(address)) if address else None
    except ValueError:  # a proxy header that is not an address
        address = None
    agent = CONTROL_CHARACTERS.sub("", request.META.get("HTTP_USER_AGENT", ""))[:USER_AGENT_LENGTH]
    return PreviewAccess.objects.create(link=link, at=timezone.now(), ip_address=address, user_agent=agent)
