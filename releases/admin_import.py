"""Importing documents in the release admin.

"Import from a document" on the release list (editors who may add releases): one or several
files, each imported as a draft by the importer (releases/importing), each reported on its own;
a file that fails never stops the others. A release's change page shows the document it was
imported from, with a download, and the review notes an editor must check before publishing;
the release list filters and marks the drafts that need review.
"""

import logging

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from releases.services import release_sources_reviewed
from releases.sources import SourceDocument

logger = logging.getLogger(__name__)

# The importer (releases/importing) is loaded on the first import, not with the admin: the site
# starts, and the release admin works, without its parsers and readers.


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or several files (Django's documented pattern). Each file is judged by the import,
    one by one, so that an empty or unreadable file fails alone."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload]
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("Documents"),
        help_text=gettext_lazy("Word (.docx), PDF, web pages (.html), text or Markdown; one or several."),
    )

    def __init__(self, *args, **kwargs):
        from releases.importing.readers import FORMATS

        super().__init__(*args, **kwargs)
        self.fields["files"].widget.attrs["accept"] = ",".join(FORMATS)  # what the importer reads


def said(upload, what) -> str:
    """'<code>bench.docx</code>: failed: …': the file's name as written (the admin capitalises
    a message's first letter), escaped, then what became of it."""
    return format_html("<code>{}</code>: {}", upload.name, what)


class NeedsReviewFilter(admin.SimpleListFilter):
    """Drafts whose latest imported document has review notes no editor has signed off."""

    title = gettext_lazy("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("needed", gettext_lazy("Needs review")), ("none", gettext_lazy("Nothing to review"))]

    def queryset(self, request, queryset):
        needs_review = SourceDocument.objects.latest_needs_review()
        match self.value():
            case "needed":
                return queryset.filter(needs_review)
            case "none":
                return queryset.exclude(needs_review)
        return queryset


class DocumentImportAdmin:
    """Mixed into ReleaseAdmin: the import page, the imported document and its review notes."""

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="releases_release_import"),
            path(
                "<int:pk>/sources/<int:source_pk>/",
                self.admin_site.admin_view(self.source_view),
                name="releases_release_source",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(needs_review=SourceDocument.objects.latest_needs_review())
        )

    @admin.display(description=gettext_lazy("review"), ordering="needs_review")
    def review_display(self, release):
        if getattr(release, "needs_review", False):
            return format_html('<span class="needs-review">{}</span>', _("Needs review"))
        return ""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if str(object_id).isdecimal():  # the latest document it was imported from, if any
            extra_context["source"] = (
                SourceDocument.objects.filter(release_id=object_id)
                .select_related("imported_by", "reviewed_by")
                .first()
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        release_sources_reviewed(release=obj, user=request.user)  # saved as published: reviewed

    def has_import_permission(self, request) -> bool:
        """An import may update the release a document already is: adding and changing both."""
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "has_import_permission": self.has_import_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        """Import one or several documents as drafts; editors who may add and change releases."""
        from releases.importing import Directory
        from releases.importing.readers import FORMATS, MAX_DOCUMENT_BYTES

        if not self.has_import_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
        if form.is_bound and form.is_valid():
            uploads = form.cleaned_data["files"]
            directory = Directory()  # what the directory knows, loaded once for every file
            results = [self.import_upload(request, upload, directory) for upload in uploads]
            if len(results) == 1 and results[0] is not None:
                return redirect("admin:releases_release_change", results[0].release.pk)
            if len(results) == 1:
                return redirect("admin:releases_release_import")  # the form again, with why
            return redirect("admin:releases_release_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import from a document"),
            "form": form,
            "media": self.media + form.media,
            "formats": ", ".join(FORMATS),
            "max_megabytes": MAX_DOCUMENT_BYTES // (1024 * 1024),
        }
        return TemplateResponse(request, "admin/releases/release/import.html", context)

    def import_upload(self, request, upload, directory):
        """Import one uploaded file as a draft and say how it went; None when it failed."""
        from releases.importing import DocumentError, import_document
        from releases.importing.readers import MAX_DOCUMENT_BYTES

        try:
            # At most the limit and one byte: the importer refuses what is over its limits.
            data = upload.read(MAX_DOCUMENT_BYTES + 1)
            if not data:
                raise DocumentError(_("the file is empty"))
            result = import_document(
                name=upload.name, data=data, directory=directory, publish=False, user=request.user
            )
        except DocumentError as error:
            self.message_user(request, said(upload, _("failed: %(why)s") % {"why": error}), messages.ERROR)
            return None
        except Exception:  # a fault of ours: the other files are still imported
            logger.exception("Importing %r in the admin failed", upload.name)
            failed = _("failed: an error on our side, logged for the administrators")
            self.message_user(request, said(upload, failed), messages.ERROR)
            return None
        release = result.release
        change_url = reverse("admin:releases_release_change", args=[release.pk])
        message = said(
            upload, format_html('{} <a href="{}">{}</a>', result.describe(), change_url, release.title)
        )
        self.message_user(request, message, messages.WARNING if result.review else messages.SUCCESS)
        return result

    def source_view(self, request, pk, source_pk):
        """The document a release was imported from, as a download: for staff who may view
        releases; another release's document is not found."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        source = get_object_or_404(
            SourceDocument.objects.select_related("release"), pk=source_pk, release_id=pk
        )
        if not self.has_view_or_change_permission(request, source.release):
            raise PermissionDenied
        try:
            file = source.file.storage.open(source.file.name, "rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(
            file, as_attachment=True, filename=source.name, content_type=source.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
