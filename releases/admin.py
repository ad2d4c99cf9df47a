from django.contrib import admin
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from contacts.models import PressContact
from pressroom.admin_visibility import VisibleDeletionAdmin
from releases.admin_archive import LargeArchiveAdmin, UsedTopicsFilter
from releases.admin_history import ReleaseHistoryAdmin
from releases.admin_import import DocumentImportAdmin, NeedsReviewFilter
from releases.admin_languages import LanguageFilter, ReleaseLanguagesAdmin
from releases.admin_mentions import ProposedMentionsAdmin
from releases.admin_previews import ReleasePreviewLinksAdmin  # registers PreviewLinkAdmin too
from releases.admin_rows import RowForm
from releases.admin_times import AgencyTimesAdmin
from releases.admin_versions import LanguageVersionsAdmin
from releases.admin_workflow import PublishedWithoutReviewFilter, StateFilter, WorkflowAdmin
from releases.models import (
    AgencyMention,
    PersonMention,
    Quote,
    Release,
    ReleaseContact,
    Topic,
)


class RelatedInline(admin.TabularInline):
    """An inline whose rows name related rows: fetched with them, not one query a row."""

    extra = 0
    related = ()
    form = RowForm  # a row left as it was is not validated again (admin_rows.py)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.related)


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    form = RowForm
    autocomplete_fields = ["person"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")

    fields = ["person", "speaker_title", "text", "order"]


class ReleaseContactInline(RelatedInline):
    model = ReleaseContact
    related = ["contact__person", "contact__agency"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "contact":  # the autocomplete's label names the person and agency
            kwargs["queryset"] = PressContact.objects.select_related("person", "agency")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    autocomplete_fields = ["contact"]
    fields = ["contact", "order"]


class AgencyMentionInline(RelatedInline):
    model = AgencyMention
    related = ["release", "agency"]
    autocomplete_fields = ["agency"]
    verbose_name = _("agency mentioned")
    verbose_name_plural = _("agencies mentioned")


class PersonMentionInline(RelatedInline):
    model = PersonMention
    related = ["release", "person"]
    autocomplete_fields = ["person"]
    verbose_name = _("person mentioned")
    verbose_name_plural = _("people mentioned")


@admin.register(Topic)
class TopicAdmin(VisibleDeletionAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Release)
class ReleaseAdmin(
    WorkflowAdmin,  # the editorial workflow (admin_workflow.py)
    ReleaseHistoryAdmin,  # history, restoring a version, the edit lock (admin_history.py)
    ProposedMentionsAdmin,  # mentions found in the text (admin_mentions.py)
    ReleaseLanguagesAdmin,  # the site's languages only (admin_languages.py)
    AgencyTimesAdmin,
    DocumentImportAdmin,
    LanguageVersionsAdmin,
    ReleasePreviewLinksAdmin,
    LargeArchiveAdmin,  # its list's count, search and filters at a million releases (admin_archive.py)
    VisibleDeletionAdmin,
):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "reference_display",
        "title",
        "agency_display",
        "dateline_display",
        "language_display",
        "state_display",  # releases/admin_workflow.py, as the state filter
        "review_display",
    ]
    list_display_links = ["reference_display", "title"]
    list_filter = [
        StateFilter,
        NeedsReviewFilter,
        PublishedWithoutReviewFilter,
        "kind",
        LanguageFilter,
        "agency",
        ("topics", UsedTopicsFilter),
    ]
    list_select_related = ["agency"]
    date_hierarchy = "dateline_date"
    # Undated drafts (imported without a date) first, on SQLite as on PostgreSQL.
    ordering = [models.F("dateline_date").desc(nulls_first=True), "-published_at", "-pk"]
    autocomplete_fields = ["agency", "topics"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["body_preview", "due_display", "created_at", "updated_at", "versions_display"]
    inlines = [QuoteInline, ReleaseContactInline, AgencyMentionInline, PersonMentionInline]
    actions = ["publish_now"]  # through the workflow's services (releases/admin_workflow.py)
    fieldsets = [
        (None, {"fields": ["agency", "kind", "language", "title", "slug"]}),
        (
            _("Reference"),
            {"fields": [("reference_prefix", "reference_number", "reference_year"), "reference_written"]},
        ),
        (_("Dateline"), {"fields": [("dateline_place", "dateline_date")]}),
        (_("Text"), {"fields": ["lead", "body", "body_preview", "press_site_url"]}),
        (
            _("Topics"),
            {"fields": ["topics"]},
        ),
        (
            _("Publication"),
            # The state and publication time change only by the workflow's buttons.
            {
                "fields": [
                    "state_badge",
                    "published_at",
                    "embargo_until",
                    "due_display",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
        (_("Language versions"), {"fields": ["versions_display"]}),
    ]

    class Media:
        css = {"all": ["admin/pressroom.css"]}

    @admin.display(description=_("reference"), ordering="reference_year")
    def reference_display(self, release):
        return release.reference or "—"

    @admin.display(description=_("agency"), ordering="agency__name")
    def agency_display(self, release):
        return release.agency.short_name

    @admin.display(description=_("dateline date"), ordering="dateline_date")
    def dateline_display(self, release):
        if release.dateline_date is None:
            return _("Date to be set")
        return date_format(release.dateline_date, "DATE_FORMAT")

    def get_fieldsets(self, request, obj=None):
        # With the mixins' fields (the edit lock, mentions, the workflow's correction note).
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:  # nothing to show in "public from", "created", "updated" and "versions" yet
            return [
                (
                    name,
                    {
                        **options,
                        "fields": [
                            f
                            for f in options["fields"]
                            if f not in {"due_display", "created_at", "updated_at"}
                        ],
                    },
                )
                for name, options in fieldsets
                if options["fields"] != ["versions_display"]
            ]
        return fieldsets

    @admin.display(description=_("preview of the body"))
    def body_preview(self, release):
        if not release.body_html:
            return _("Save the release to see its body as the public will.")
        return render_to_string("admin/releases/body_preview.html", {"release": release})

    def view_on_site(self, release):
        if release.is_public():
            return release.get_absolute_url()
        return reverse("releases:preview", kwargs={"pk": release.pk})
