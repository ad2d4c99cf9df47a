"""The editorial workflow in the release admin.

Mixed into ReleaseAdmin: the state as a badge (list and form), filters by state and for
releases published without review, a button for each transition the user may make (each a POST
to `transition_view`, which checks the permission and calls the service), the comments that
sent an editor's drafts back at the top of their list, and the dashboard of what awaits review
and what goes out in the next days. The rules are releases/services/rules.py's; the changes
releases/services/workflow.py's. Nothing here writes a state itself.
"""

from datetime import timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from contacts.timezones import agency_time_text
from pressroom.admin_history import is_version
from releases import services
from releases.admin_workflow_forms import FORMS, CorrectionNoteForm, TransitionForm
from releases.models import Release
from releases.services import rules

State = Release.Visibility
DASHBOARD_DAYS = 7
DASHBOARD_ROWS = 50
SERVICES = {
    "submit": services.release_submit,
    "send_back": services.release_send_back,
    "approve": services.release_approve,
    "publish": services.release_publish,
    "force_publish": services.release_force_publish,
    "mark_reviewed": services.release_mark_reviewed,
    "correct": services.release_correct,
    "withdraw": services.release_withdraw,
    "restore": services.release_restore,
}


class StateFilter(admin.SimpleListFilter):
    """By state, in the terms of the queryset (public(), scheduled(), in_review()…)."""

    title = gettext_lazy("state")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        if self.value() in State.values:
            return queryset.in_state(State(self.value()))
        return queryset


class PublishedWithoutReviewFilter(admin.SimpleListFilter):
    """Releases a publisher published without review, for a later look."""

    title = gettext_lazy("review before publication")
    parameter_name = "forced"

    def lookups(self, request, model_admin):
        return [
            ("yes", gettext_lazy("Published without review")),
            ("reviewed", gettext_lazy("Published without review, reviewed since")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.published_without_review()
        if self.value() == "reviewed":
            return queryset.exclude(forced_reason="").exclude(forced_reviewed_at=None)
        return queryset


def state_badge(release) -> str:
    """The state as a badge: its annotation from the list's query, or asked of the release;
    a scheduled or embargoed release's time beside it, on its agency's clock."""
    state = State(getattr(release, "state", None) or release.visibility())
    badge = format_html('<span class="state-badge state-badge--{}">{}</span>', state.value, state.label)
    due = {State.SCHEDULED: release.published_at, State.EMBARGOED: release.embargo_until}.get(state)
    if due is None:
        return badge
    return format_html("{} {}", badge, agency_time_text(due, release.agency))


def as_now(release):
    """A past version of a release (the history's form restoring it) is judged by the release
    as it is now: restoring a version of a public release is a correction, whatever its state
    was then (releases/admin_history.py)."""
    if is_version(release):
        return Release.objects.filter(pk=release.pk).first() or release
    return release


class WorkflowAdmin:
    """Mixed into ReleaseAdmin (first, so that its checks come before the others')."""

    def get_urls(self):
        return [
            path(
                "workflow/",
                self.admin_site.admin_view(self.dashboard_view),
                name="releases_release_dashboard",
            ),
            path(
                "<int:pk>/workflow/<slug:action>/",
                self.admin_site.admin_view(self.transition_view),
                name="releases_release_transition",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_state()

    @admin.display(description=gettext_lazy("state"), ordering="state")
    def state_display(self, release):
        return state_badge(release)

    @admin.display(description=gettext_lazy("state"))
    def state_badge(self, release):
        return state_badge(release)

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("releases.publish_release")

    def has_change_permission(self, request, obj=None):
        """Who may edit a release in its state: rules.may_edit (editors their drafts,
        publishers the rest; a public release takes a correction, a withdrawn one nothing)."""
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or rules.may_edit(request.user, as_now(obj)))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or rules.may_delete(request.user, as_now(obj)))

    def get_deleted_objects(self, objs, request):
        """The list's "delete selected" too refuses a release that went out (Django asks only
        the model's permission there)."""
        to_delete, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if any(isinstance(obj, Release) and not rules.may_delete(request.user, obj) for obj in objs):
            perms_needed = {*perms_needed, str(self.opts.verbose_name)}
        return to_delete, counts, perms_needed, protected

    def get_readonly_fields(self, request, obj=None):
        # The state moves only by the buttons; so does the publication time.
        fields = [*super().get_readonly_fields(request, obj), "state_badge", "published_at"]
        if obj is not None and obj.status in {Release.Status.PUBLISHED, Release.Status.WITHDRAWN}:
            fields.append("embargo_until")  # it decides when the public sees it: set before publishing
        return fields

    @staticmethod
    def is_correction(obj) -> bool:
        return obj is not None and obj.pk is not None and as_now(obj).visibility() == State.PUBLIC

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self.is_correction(obj) and self.has_change_permission(request, obj):
            kwargs["form"] = type(
                "ReleaseCorrectionForm", (CorrectionNoteForm, kwargs.get("form", self.form)), {}
            )
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.is_correction(obj) and self.has_change_permission(request, obj):
            correction = {
                "fields": ["correction_note"],
                "description": _("This release is public: saving it publishes a correction, with this note."),
            }
            return [(_("Correction"), correction), *fieldsets]
        return fieldsets

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if change and "correction_note" in form.cleaned_data:
            try:  # the text as the form left it, saved with its public note
                services.release_correct(
                    release=obj, user=request.user, note=form.cleaned_data["correction_note"]
                )
            except ValidationError as error:  # withdrawn meanwhile: nothing is saved
                raise PermissionDenied(" ".join(error.messages)) from error
            return
        super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        release = self.release_shown(request, object_id) if str(object_id).isdecimal() else None
        extra_context = extra_context or {}
        if release is not None:
            extra_context["workflow"] = {
                "state": state_badge(release),
                "transitions": rules.allowed(request.user, release),
                "events": release.events.select_related("user")[:10],
                "refused": rules.refused_to(request.user, release),  # their own release
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        """At the top of an editor's list: their drafts a publisher sent back, with the comment."""
        extra_context = extra_context or {}
        if request.method == "GET" and self.has_change_permission(request):
            extra_context["sent_back"] = list(Release.objects.sent_back_to(request.user)[:20])
        return super().changelist_view(request, extra_context)

    def transition_view(self, request, pk, action):
        """A transition of one release: its form (GET), or done (POST) and back to the release."""
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied  # the press office: the same answer whether it exists or not
        transition = rules.TRANSITIONS.get(action)
        if transition is None:
            raise Http404
        release = get_object_or_404(Release.objects.select_related("agency"), pk=pk)
        if not rules.has_permission(request.user, transition):
            raise PermissionDenied
        form_class = FORMS.get(action, TransitionForm)
        form = form_class(request.POST if request.method == "POST" else None, release=release)
        change_url = reverse("admin:releases_release_change", args=[release.pk])
        if request.method == "POST" and form.is_valid():
            try:
                SERVICES[action](release=release, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                if form_class is TransitionForm:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
                    return redirect(change_url)
                form.add_error(None, error)
            else:
                self.message_user(request, self.done_message(release), messages.SUCCESS)
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": transition.label,
            "subtitle": str(release),
            "release": release,
            "transition": transition,
            "form": form,
            "media": self.media + form.media,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/releases/release/transition.html", context)

    @staticmethod
    def done_message(release) -> str:
        """What was done, as the event recorded it: "“Title”: submitted for review."."""
        if release.visibility() == State.SCHEDULED:
            when = date_format(timezone.localtime(release.published_at), "DATETIME_FORMAT")
            return _("“%(title)s” is scheduled for %(time)s.") % {"title": release.title, "time": when}
        event = release.events.latest_first().first()
        return _("“%(title)s”: %(done)s.") % {
            "title": release.title,
            "done": event.get_action_display().lower(),
        }

    def dashboard_view(self, request):
        """What awaits review, what is approved, and what goes out in the next days."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        now = timezone.now()
        releases = Release.objects.select_related("agency")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Workflow"),
            "days": DASHBOARD_DAYS,
            "sent_back": releases.sent_back_to(request.user)[:DASHBOARD_ROWS],
            "in_review": releases.in_review().order_by("updated_at")[:DASHBOARD_ROWS],
            "approved": releases.approved().order_by("updated_at")[:DASHBOARD_ROWS],
            "going_out": releases.going_out(until=now + timedelta(days=DASHBOARD_DAYS), now=now)[
                :DASHBOARD_ROWS
            ],
            "forced": releases.published_without_review().order_by("-published_at")[:10],
        }
        return TemplateResponse(request, "admin/releases/release/dashboard.html", context)

    @admin.action(
        description=gettext_lazy("Publish the selected approved releases now"), permissions=["publish"]
    )
    def publish_now(self, request, queryset):
        published, refused = 0, []
        for release in queryset.select_related("agency"):
            try:
                services.release_publish(release=release, user=request.user)
            except (ValidationError, PermissionDenied) as error:
                refused.append(f"“{release.title}”: {' '.join(getattr(error, 'messages', [str(error)]))}")
            else:
                published += 1
        if published:
            message = ngettext("%d release published.", "%d releases published.", published) % published
            self.message_user(request, message, messages.SUCCESS)
        for reason in refused:
            self.message_user(request, reason, messages.WARNING)
