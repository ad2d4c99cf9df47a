"""History in the admin: every change to a release or a row of the directory, who made it and
when, the fields it changed with their old and new values, and "revert to this version"
(django-simple-history's pages, through HistoryAdmin).

Whoever may view a row may read its history; only whoever may change it may restore one of its
versions: a POST to a version's page is refused (403), not just its button hidden. Press-office
staff restore agencies, people, roles and press contacts; editors, releases.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic
from simple_history.template_utils import HistoricalRecordContextHelper

# simple-history keeps a change's reason in at most this many characters.
REASON_LENGTH = 100


def readable_value(field, value):
    """A field's value as the admin shows it: a choice by its label, a time in the site's
    zone, yes or no, "—" for nothing; a related row as itself (simple-history fetched it)."""
    if value is None or value == "":
        return "—"
    if field.choices and not field.many_to_many:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.BooleanField):
        return gettext("yes") if value else gettext("no")
    if isinstance(field, models.DateTimeField):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return date_format(value, "DATE_FORMAT")
    return value


class ReadableChanges(HistoricalRecordContextHelper):
    """The "Changes" column of a history: each field by its name, old → new, readable."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return readable_value(self.model._meta.get_field(change.field), value)


def is_version(obj) -> bool:
    """Is `obj` a past version of a row (simple-history's "revert" page hands one over)?"""
    return obj is not None and to_historic(obj) is not None


class HistoryAdmin(SimpleHistoryAdmin):
    """A ModelAdmin with a history: the list of changes with their fields' old and new values,
    each version viewable, and restorable by whoever may change the row."""

    object_history_list_template = "admin/history_list.html"  # no inline style

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        for record in historical_records:  # the oldest on the page: nothing to compare it with here
            if not hasattr(record, "history_delta_changes"):
                record.history_delta_changes = None

    def history_view(self, request, object_id, extra_context=None):
        self.check_pk(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A past version, as a form; posting it restores it, for whoever may change the row."""
        self.check_pk(object_id)
        if not str(version_id).isdecimal():
            raise Http404
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                raise Http404
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def check_pk(self, object_id):
        """A 404 for an address whose id is no id ("/agency/abc/history/"), not a server error."""
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError as error:
            raise Http404 from error

    def save_form(self, request, form, change):
        """The row to save, a restored version saying so in its history. Here, not in
        save_model: a model admin may save a row its own way (the release admin saves a public
        release through release_correct), past the other mixins' save_model."""
        obj = super().save_form(request, form, change)
        if is_version(obj):
            record = to_historic(obj)
            when = date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
            reason = gettext("Restored the version of %(when)s") % {"when": when}
            obj._change_reason = reason[:REASON_LENGTH]
        return obj
