"""The documents releases were imported from, kept beside them with what an editor must review.

Each import keeps the file it read (in the private "sources" storage, which no URL of the site
serves: editors download it through the admin) and the importer's review notes. A draft whose
latest document has notes no editor has signed off "needs review"; publishing it signs them off
(releases/services.py, `release_sources_reviewed`).
"""

import hashlib
import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # releases.importing loads the models: import it only where it is used
    from releases.importing.review import ReviewNote

MAX_NAME_LENGTH = 255
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def sources_storage():
    """The private storage of imported documents (settings.STORAGES["sources"])."""
    return storages["sources"]


def original_name(name: str, format: str) -> str:
    """The file's own name as the editor's computer gave it: no folders, no control characters."""
    name = CONTROL_CHARACTERS.sub("", PurePosixPath(name.replace("\\", "/")).name).strip()
    return name[-MAX_NAME_LENGTH:] or f"document.{format}"


def stored_name(name: str, format: str) -> str:
    """A name safe on any disk: 'Communiqué 12 (final).docx' -> 'Communiqué_12_final.docx'."""
    try:
        return get_valid_filename(name)[-80:].lstrip(".") or f"document.{format}"
    except SuspiciousFileOperation:  # nothing usable left: "..", "///"
        return f"document.{format}"


def source_path(source: "SourceDocument", filename: str) -> str:
    """'2026/3f/3f9a0c1e2b4d5a6f-release.docx': by year, then by the first bytes of the digest."""
    year = (source.imported_at or timezone.now()).year
    return f"{year}/{source.sha256[:2]}/{source.sha256[:16]}-{stored_name(filename, source.format)}"


class SourceDocumentQuerySet(models.QuerySet):
    def record(
        self,
        *,
        release,
        name: str,
        data: bytes,
        format: str,
        notes: list["ReviewNote"],
        user=None,
        new_release: bool = False,
    ) -> "SourceDocument":
        """Keep the document `release` was imported from, with the import's review notes.

        The same bytes imported again for the same release are not stored twice: the row
        gets this import's notes, time and user (and needs review again if the notes changed).
        Call it inside the import's transaction. A file written before a rollback stays on disk
        under its digest and is used again by the next import of the same bytes. A release
        this import created (`new_release`) keeps no file yet: none is looked for.
        """
        digest = hashlib.sha256(data).hexdigest()
        wanted = [note.as_dict() for note in notes]
        user = user if user is not None and user.is_authenticated else None
        source = None if new_release else self.filter(release=release, sha256=digest).first()
        if source is not None:
            if source.notes != wanted:
                source.notes = wanted
                source.reviewed_at = source.reviewed_by = None
            source.imported_at, source.imported_by = timezone.now(), user
            source.save(update_fields=["notes", "reviewed_at", "reviewed_by", "imported_at", "imported_by"])
            return source
        source = self.model(
            release=release,
            name=original_name(name, format),
            format=format,
            size=len(data),
            sha256=digest,
            imported_by=user,
            notes=wanted,
        )
        path = source_path(source, source.name)
        storage = source.file.storage
        if storage.exists(path) and storage.size(path) == len(data):
            source.file.name = path  # the same bytes, kept by an import that was rolled back
        else:
            source.file.save(source.name, ContentFile(data), save=False)
        source.save()
        return source

    def needing_review(self):
        """Documents with review notes that no editor has signed off."""
        return self.filter(reviewed_at__isnull=True).exclude(notes=[])

    def latest_needs_review(self) -> Exists:
        """For a Release queryset: whether its latest document needs review (an older one's
        notes were about a text the latest import replaced)."""
        latest = self.filter(release=OuterRef("release")).order_by("-imported_at", "-pk").values("pk")[:1]
        return Exists(self.needing_review().filter(release=OuterRef("pk"), pk=Subquery(latest)))


class SourceFormat(models.TextChoices):
    TXT = "txt", _("Text")
    MD = "md", _("Markdown")
    DOCX = "docx", _("Word (.docx)")
    PDF = "pdf", _("PDF")
    HTML = "html", _("Web page")


class SourceDocument(models.Model):
    Format = SourceFormat

    # What the download says the file is: a browser never guesses (X-Content-Type-Options).
    CONTENT_TYPES = {
        Format.TXT: "text/plain; charset=utf-8",
        Format.MD: "text/markdown; charset=utf-8",
        Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Format.PDF: "application/pdf",
        Format.HTML: "text/html; charset=utf-8",
    }

    release = models.ForeignKey(
        "releases.Release", on_delete=models.CASCADE, related_name="sources", verbose_name=_("release")
    )
    file = models.FileField(_("file"), storage=sources_storage, upload_to=source_path, max_length=255)
    name = models.CharField(_("file name"), max_length=MAX_NAME_LENGTH, help_text=_("As it was uploaded."))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    # ReviewNote.as_dict() of each note the import made: what is missing, guessed or differs.
    notes = models.JSONField(_("review notes"), default=list, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    objects = SourceDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("imported document")
        verbose_name_plural = _("imported documents")
        ordering = ["-imported_at", "-pk"]
        get_latest_by = ["imported_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["release", "sha256"], name="source_stored_once_per_release"),
            models.CheckConstraint(
                condition=Q(format__in=SourceFormat.values),
                name="source_format_known",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def needs_review(self) -> bool:
        return bool(self.notes) and self.reviewed_at is None

    @property
    def review_notes(self) -> list["ReviewNote"]:
        from releases.importing.review import ReviewNote

        return [ReviewNote.from_dict(note) for note in self.notes]

    @property
    def content_type(self) -> str:
        return self.CONTENT_TYPES.get(self.format, "application/octet-stream")
