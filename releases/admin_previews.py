"""Preview links for journalists in the admin.

On a release's own page ("Preview links", from its change form): create a link for a named
journalist while the release is scheduled or embargoed (its address is shown once, to copy),
revoke one, and read who opened which link, when and from where. And every link in one list,
filtered by state, with a "revoke" action. Only those who may change releases see any of it
(`may_share_previews`); every view and action checks it, also on a direct POST.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from releases.models import Release
from releases.previews import (
    PreviewAccess,
    PreviewLink,
    can_be_previewed,
    may_share_previews,
    preview_link_create,
    preview_link_default_expiry,
    preview_link_revoke,
)

ACCESS_LOG_LENGTH = 200  # the latest openings on a release's page; each link's page has them all


class PreviewLinkForm(forms.ModelForm):
    class Meta:
        model = PreviewLink
        fields = ["journalist_name", "journalist_email", "outlet", "expires_at"]
        widgets = {
            "expires_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, *args, release: Release, **kwargs):
        super().__init__(*args, **kwargs)
        expires = self.fields["expires_at"]
        expires.required = False
        expires.initial = timezone.localtime(preview_link_default_expiry(release=release))
        expires.help_text = _("Left as proposed: a day after the embargo ends. At most %(days)s days.") % {
            "days": settings.PREVIEW_LINK_MAX_DAYS
        }


def links_with_views(queryset):
    """Links with how often and when last they were opened, and who made and revoked them."""
    return queryset.select_related("release", "created_by", "revoked_by").annotate(
        views=Count("accesses"), last_opened=Max("accesses__at")
    )


class ReleasePreviewLinksAdmin:
    """Mixed into ReleaseAdmin: the page of a release's preview links and their log."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.preview_links_view)
        return [path("<int:pk>/previews/", view, name="releases_release_previews"), *super().get_urls()]

    def preview_links_view(self, request, pk):
        release = get_object_or_404(Release.objects.select_related("agency"), pk=pk)
        if not (self.has_change_permission(request, release) and may_share_previews(request.user)):
            raise PermissionDenied
        form = PreviewLinkForm(release=release)
        if request.method == "POST":
            action = request.POST.get("action")
            if action == "create":
                form = PreviewLinkForm(request.POST, release=release)
                if response := self.create_preview_link(request, release, form):
                    return response
            elif action == "revoke":
                return self.revoke_preview_link(request, release)
            else:
                raise Http404
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Preview links for journalists"),
            "subtitle": str(release),
            "release": release,
            "can_be_previewed": can_be_previewed(release),
            "not_before": release.due_at(),
            "form": form,
            "links": links_with_views(release.preview_links.all()),
            "accesses": PreviewAccess.objects.filter(link__release=release).select_related("link")[
                :ACCESS_LOG_LENGTH
            ],
            "access_log_length": ACCESS_LOG_LENGTH,
        }
        return TemplateResponse(request, "admin/releases/release/previews.html", context)

    def create_preview_link(self, request, release, form):
        """Create the link the form describes; a redirect, or None to show the form's errors."""
        if not form.is_valid():
            return None
        try:
            new = preview_link_create(release=release, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):  # about a field: beside it
                form.add_error(None, error)
            else:  # about the release (no longer scheduled or embargoed): above the page
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            return None
        url = request.build_absolute_uri(new.path)
        message = format_html(
            '{} <code class="preview-link-url">{}</code>',
            _("Preview link for %(journalist)s created. Copy it now: it is not shown again.")
            % {"journalist": new.link},
            url,
        )
        self.message_user(request, message, messages.SUCCESS)
        return redirect(request.path)

    def revoke_preview_link(self, request, release):
        pk = request.POST.get("link", "")
        if not (pk.isascii() and pk.isdecimal()):  # a tampered form: not found, never a server error
            raise Http404
        link = get_object_or_404(release.preview_links.all(), pk=pk)
        preview_link_revoke(link=link, user=request.user)
        message = _("The preview link for %(journalist)s is revoked: it no longer shows the release.")
        self.message_user(request, message % {"journalist": link}, messages.SUCCESS)
        return redirect(request.path)


class PreviewStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return PreviewLink.State.choices

    def queryset(self, request, queryset):
        match self.value():
            case PreviewLink.State.ACTIVE:
                return queryset.active()
            case PreviewLink.State.REVOKED:
                return queryset.revoked()
            case PreviewLink.State.EXPIRED:
                return queryset.expired()
        return queryset


class PreviewAccessInline(admin.TabularInline):
    model = PreviewAccess
    extra = 0
    fields = readonly_fields = ["at", "ip_address", "user_agent"]
    can_delete = False

    def has_view_permission(self, request, obj=None):
        return may_share_previews(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PreviewLink)
class PreviewLinkAdmin(admin.ModelAdmin):
    """Every preview link, read-only: links are made and revoked through the services alone."""

    list_display = [
        "journalist_display",
        "outlet",
        "release_display",
        "state_display",
        "created_at",
        "created_by",
        "expires_at",
        "views_display",
    ]
    list_filter = [PreviewStateFilter, "created_at", "expires_at"]
    search_fields = ["journalist_name", "journalist_email", "outlet", "release__title"]
    fields = [
        "release",
        "journalist_name",
        "journalist_email",
        "outlet",
        "created_at",
        "created_by",
        "expires_at",
        "revoked_at",
        "revoked_by",
    ]
    inlines = [PreviewAccessInline]
    actions = ["revoke"]
    view_on_site = False

    def get_queryset(self, request):
        return links_with_views(super().get_queryset(request))

    # Those who may change releases may read the links and revoke them; nobody edits one here.
    def has_module_permission(self, request):
        return may_share_previews(request.user)

    def has_view_permission(self, request, obj=None):
        return may_share_previews(request.user)

    def has_revoke_permission(self, request):
        return may_share_previews(request.user)

    def has_add_permission(self, request):
        return False  # a link's address is shown once: made on its release's page

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A link goes with its release: who may delete the release may delete its links that
        # way (the release's delete confirmation asks this of each); never one by one here.
        return obj is not None and request.user.has_perm("releases.delete_release")

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "show_delete": False}
        return super().changeform_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("journalist"), ordering="journalist_name")
    def journalist_display(self, link):
        return format_html("{}<br><small>{}</small>", link.journalist_name, link.journalist_email)

    @admin.display(description=_("release"), ordering="release__title")
    def release_display(self, link):
        url = reverse("admin:releases_release_previews", args=[link.release_id])
        return format_html('<a href="{}">{}</a>', url, link.release.title)

    @admin.display(description=_("state"))
    def state_display(self, link):
        return link.state().label

    @admin.display(description=_("views"), ordering="views")
    def views_display(self, link):
        if not link.views:
            return "0"
        last = date_format(timezone.localtime(link.last_opened), "DATETIME_FORMAT")
        return format_html("{} <small>({})</small>", link.views, _("last %(time)s") % {"time": last})

    @admin.action(description=_("Revoke the selected preview links"), permissions=["revoke"])
    def revoke(self, request, queryset):
        links = list(queryset.active())
        for link in links:
            preview_link_revoke(link=link, user=request.user)
        count = len(links)
        message = ngettext("%d preview link revoked.", "%d preview links revoked.", count) % count
        self.message_user(request, message, messages.SUCCESS)
