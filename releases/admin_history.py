"""A release's history and its edit lock, in the admin.

History: ReleaseHistoryAdmin, on pressroom.admin_history.HistoryAdmin. Restoring a past version
brings back its text and details (RESTORED_FIELDS); its state (status, publication time,
embargo), reference, address and language versions stay as they are now: they change through
the workflow (releases/services/workflow.py). Its quotes, contacts, mentions and topics stay
too. Restoring a version of a public release is a correction, saved with its public note.

Edit lock: the change form carries the edit version it was loaded from (Release.edit_version,
one more on every save). A form posted from an older version is refused: the editor sees who
changed what since, with links to those versions, and gets their input back unsaved. Saving it
again applies it on top of the other's: a field the editor did not change takes the other's
value; where both changed a field, the editor's is kept (the other's stays in the history).
The version is read with the release's row locked (PostgreSQL) in the admin's transaction, in
which the inlines are saved too: two saves at one moment take turns.
"""

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from pressroom.admin_history import HistoryAdmin, ReadableChanges, is_version
from releases.models import Release
from releases.services import release_record_content

# What restoring a past version of a release brings back.
RESTORED_FIELDS = [
    "agency",
    "kind",
    "language",
    "title",
    "dateline_place",
    "dateline_date",
    "lead",
    "body",
    "press_site_url",
]
RESTORE_NOTE = _(
    "Restoring this version brings back its text and details, below. The release's status, "
    "publication time, embargo, reference, address, quotes, contacts, mentions and topics stay "
    "as they are now."
)
LOCK_FIELDS = ("loaded_version", "conflict_seen")


class EditLockForm(forms.Form):
    """Mixed into the release's change form: refuses a form loaded from an older version."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    # The version the editor was shown a conflict with: saving again applies their form on it.
    conflict_seen = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # A past version being restored is checked against the release as it is now.
            restoring = is_version(self.instance)
            version = self.saved_version() if restoring else self.instance.edit_version
            self.fields["loaded_version"].initial = version

    def saved_version(self, *, lock: bool = False) -> int | None:
        rows = Release.objects.filter(pk=self.instance.pk)
        if lock:
            rows = rows.select_for_update()
        return rows.values_list("edit_version", flat=True).first()

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        loaded = cleaned_data.get("loaded_version")
        saved = self.saved_version(lock=True)
        if saved is None or loaded == saved:  # None: deleted meanwhile, the admin says so itself
            return cleaned_data
        if loaded is None:
            raise ValidationError(
                _("This form does not say which version of the release it shows: reload the page."),
                code="no_version",
            )
        if cleaned_data.get("conflict_seen") == saved:  # saving again, having seen their changes
            if not is_version(self.instance):
                self.apply_on_theirs(cleaned_data, loaded)
            return cleaned_data
        data = self.data.copy()
        data[self.add_prefix("conflict_seen")] = str(saved)
        self.data = data  # the form comes back with the editor's input, and the version they saw
        raise ValidationError(conflict_message(self.instance.pk, loaded), code="edited_meanwhile")

    def apply_on_theirs(self, cleaned_data, loaded: int):
        """Where the editor left a field as it was when they loaded the form, the release's
        value now (the other's change) is kept; a field without history (topics) is the form's."""
        base = version_at(self.instance.pk, loaded)
        if base is None:
            return
        now = Release.objects.get(pk=self.instance.pk)
        for name, value in cleaned_data.items():
            try:
                field = Release._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.many_to_many or not hasattr(base, field.attname):
                continue
            mine = value.pk if isinstance(value, models.Model) else value
            if mine == getattr(base, field.attname) and getattr(now, field.attname) != mine:
                cleaned_data[name] = getattr(now, name)


def version_at(pk, edit_version: int):
    """The history record of the release as it stood at `edit_version` (None when older than
    its history)."""
    records = Release.history.filter(id=pk, edit_version__lte=edit_version)
    return records.order_by("-edit_version", "-history_id").first()


def changes_since(pk, edit_version: int) -> list[dict]:
    """Each save of the release after `edit_version`: who, when, the fields it changed (old and
    new values, readable) and the address of that version in the history."""
    previous = version_at(pk, edit_version)
    later = Release.history.filter(id=pk).select_related("history_user").order_by("history_id")
    if previous is not None:
        later = later.filter(history_id__gt=previous.history_id)
    else:
        later = later.filter(edit_version__gt=edit_version)
    changes = []
    for record in later:
        fields = None  # not known: the save before it is older than the history
        if previous is not None:
            delta = record.diff_against(previous, foreign_keys_are_objs=True)
            fields = ReadableChanges(Release, record).context_for_delta_changes(delta)
        changes.append(
            {
                "who": record.history_user,
                "when": date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT"),
                "fields": fields,
                "url": reverse("admin:releases_release_simple_history", args=[pk, record.history_id]),
            }
        )
        previous = record
    return changes


def conflict_message(pk, loaded: int) -> str:
    """What the editor whose save was refused reads at the top of their form (safe HTML)."""
    return render_to_string(
        "admin/releases/release/edit_conflict.html",
        {
            "changes": changes_since(pk, loaded),
            "history_url": reverse("admin:releases_release_history", args=[pk]),
        },
    )


class RestoreForm(forms.Form):
    """Mixed into the form restoring a past version: all but RESTORED_FIELDS set as they are
    now before it is validated, as it will be saved (a version without a date is refused for a
    release published since); its address shown, unchanged."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].disabled = True
        if (now := Release.objects.filter(pk=self.instance.pk).first()) is None:
            return  # deleted since: the version can be read, not restored
        for field in Release._meta.concrete_fields:
            if field.name not in RESTORED_FIELDS:
                setattr(self.instance, field.attname, getattr(now, field.attname))
        self.initial["slug"] = now.slug

    def _save_m2m(self):
        """After the release is saved (by the admin's save_model, or through release_correct
        for a public release): its translations learn that its text changed."""
        super()._save_m2m()
        release_record_content(release=self.instance)


class ReleaseHistoryAdmin(HistoryAdmin):
    """Mixed into ReleaseAdmin: the history, restoring the text of a version, the edit lock."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and self.has_change_permission(request, obj):
            form = kwargs.get("form", self.form)
            mixins = (RestoreForm, EditLockForm) if is_version(obj) else (EditLockForm,)
            kwargs["form"] = type(form.__name__, (*mixins, form), {})
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        if is_version(obj):
            fields = [*RESTORED_FIELDS, "slug", LOCK_FIELDS]
            return [(None, {"fields": fields, "description": RESTORE_NOTE})]
        (name, options), *others = fieldsets
        return [(name, {**options, "fields": [*options["fields"], LOCK_FIELDS]}), *others]
