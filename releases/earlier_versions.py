"""Earlier versions of a corrected release, each as journalists saw it.

A public release's text changes only by a correction (releases/services/workflow.py,
release_correct). Just before one is saved, the version it replaces is kept here, as its page
showed it: title, dateline, reference, lead and body with their quotes marked up, the quotes
shown after the body, and the press contacts with their details as printed when that version
came out (releases/press_contacts.py). The public page of the release links them ("Earlier
versions"); each has its own page, never indexed, pointing to the current one.
"""

from datetime import datetime

from django.db import models
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from releases.press_contacts import contacts_as_printed
from releases.quotes.page import quoted_text


class EarlierVersion(models.Model):
    release = models.ForeignKey(
        "releases.Release",
        on_delete=models.CASCADE,
        related_name="earlier_versions",
        verbose_name=_("release"),
    )
    number = models.PositiveSmallIntegerField(_("version"))  # 1: as first published
    public_from = models.DateTimeField(_("public from"))
    replaced_at = models.DateTimeField(_("replaced"))
    # The public note of the correction that replaced it ("corrected a phone number").
    replaced_because = models.TextField(_("correction note"), blank=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("type"), max_length=30, blank=True)  # Release.kind's value
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    dateline = models.CharField(_("dateline"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=15)
    # As the page showed them: sanitised on the release's save, quotes marked up by
    # releases/quotes/page.py, which escapes all it adds.
    lead_html = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    quotes = models.JSONField(default=list, blank=True)  # [{text, speaker, speaker_url, role}]
    contacts = models.JSONField(default=list, blank=True)  # press_contacts.contacts_as_printed()
    press_site_url = models.URLField(_("press site"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")
        ordering = ["release", "number"]
        constraints = [
            models.UniqueConstraint(fields=["release", "number"], name="one_earlier_version_per_number")
        ]

    def __str__(self):
        return f"{self.title} ({self.number})"

    def get_absolute_url(self):
        return reverse("releases:earlier-version", args=[self.release.slug, self.number])

    def get_kind_display(self) -> str:
        from releases.models import Release

        return dict(Release._meta.get_field("kind").flatchoices).get(self.kind, self.kind)

    @property
    def lead(self) -> SafeString:
        return mark_safe(self.lead_html)  # kept as the page showed it (see above)

    @property
    def body(self) -> SafeString:
        return mark_safe(self.body_html)


def record_earlier_version(release, *, replaced_at: datetime, note: str) -> EarlierVersion:
    """Keep `release` as the public sees it now (read from the database, its row locked by the
    correction), before a correction replaces it at `replaced_at`."""
    from releases.models import Release

    shown = Release.objects.for_text().get(pk=release.pk)
    previous = shown.earlier_versions.order_by("-number").first()
    public_from = previous.replaced_at if previous else shown.due_at()
    text = quoted_text(shown)
    return EarlierVersion.objects.create(
        release=shown,
        number=previous.number + 1 if previous else 1,
        public_from=public_from,
        replaced_at=replaced_at,
        replaced_because=note,
        title=shown.title,
        kind=shown.kind,
        reference=shown.reference,
        dateline=shown.dateline,
        language=shown.language,
        lead_html=str(text.lead) if shown.lead else "",
        body_html=str(text.body),
        quotes=[
            {
                "text": quote.text,
                "speaker": quote.person.name,
                "speaker_url": speaker.url,
                "role": speaker.role,
            }
            for quote, speaker in text.others
        ],
        contacts=contacts_as_printed(shown, public_from),
        press_site_url=shown.press_site_url,
    )
