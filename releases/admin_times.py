"""Publication and embargo times in the release admin, on the issuing agency's clock.

The editor enters "10:00" on 12 February 2015 for a JAXA release and means 10:00 in Tokyo: the
form reads the date and time as the agency's wall time (the help text names its zone, "Asia/Tokyo
(JST)"), stores the instant in UTC, and shows it back as 10:00 when the form is opened again.
The rules of the clocks (the spring's missing hour, the autumn's double one) are
contacts/timezones.py's; here they become form errors.

A time the editor did not touch keeps its instant, even when the issuing agency changes in the
same save; a time entered or changed is read in the zone of the agency the form saves.
"""

import re
from datetime import datetime
from typing import NamedTuple

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

from contacts.timezones import (
    WallTime,
    agency_time_text,
    agency_zone,
    local_to_utc,
    wall_time,
    zone_label,
)
from releases.models import Release

# "02:30 CET", "02:30:00 cest", "10:00 UTC+04": a time, then the zone's abbreviation.
WRITTEN_ZONE = re.compile(r"^(?P<time>.*?)\s*(?P<zone>[A-Za-z]{2,6}(?:[+-]\d{1,2}(?::\d{2})?)?|[+-]\d{2,4})$")


class ClockTime(NamedTuple):
    time: object  # datetime.time
    abbreviation: str = ""


class ClockField(forms.TimeField):
    """A time of day, and the zone's abbreviation if one is written after it ("02:30 CET")."""

    def to_python(self, value):
        if isinstance(value, str) and (match := WRITTEN_ZONE.match(value.strip())) and match["time"]:
            time = super().to_python(match["time"])
            return ClockTime(time, match["zone"].upper()) if time else None
        time = super().to_python(value)
        return ClockTime(time) if time else None


class AgencyDateTimeWidget(AdminSplitDateTime):
    """The admin's date and time inputs, showing an instant on the agency's clock."""

    zone = None

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets[1].attrs["size"] = "12"  # room for "02:30:00 CEST"

    def decompress(self, value):
        if not isinstance(value, datetime):
            return [None, None]
        if timezone.is_naive(value) or self.zone is None:
            return [value.date(), value.time()]
        shown = wall_time(value, self.zone)
        if not shown.abbreviation:
            return [shown.value.date(), shown.value.time()]
        # The hour that happens twice: the abbreviation tells which, and is read back.
        clock = shown.value.strftime(get_format("TIME_INPUT_FORMATS")[0])
        return [shown.value.date(), f"{clock} {shown.abbreviation}"]


class AgencyDateTimeField(forms.MultiValueField):
    """A date and a wall time, cleaned to a WallTime: the form reads it in the agency's zone."""

    widget = AgencyDateTimeWidget
    default_error_messages = forms.SplitDateTimeField.default_error_messages

    def __init__(self, *, zone=None, **kwargs):
        errors = {**forms.Field.default_error_messages, **self.default_error_messages}
        fields = (
            forms.DateField(error_messages={"invalid": errors["invalid_date"]}),
            ClockField(error_messages={"invalid": errors["invalid_time"]}),
        )
        super().__init__(fields, **kwargs)
        self.zone = zone

    @property
    def zone(self):
        return self._zone

    @zone.setter
    def zone(self, zone):
        self._zone = zone
        self.widget.zone = zone

    def compress(self, data_list):
        if not data_list:
            return None
        day, clock = data_list
        if day is None:
            raise ValidationError(self.error_messages["invalid_date"], code="invalid_date")
        if clock is None:
            raise ValidationError(self.error_messages["invalid_time"], code="invalid_time")
        return WallTime(datetime.combine(day, clock.time), clock.abbreviation)

    def has_changed(self, initial, data):
        """Whether the editor changed what the form showed: the wall time, to the second."""
        if self.disabled:
            return False
        try:
            entered = self.clean(data)
        except ValidationError:
            return True
        if isinstance(initial, datetime) and timezone.is_aware(initial) and self.zone is not None:
            return entered != wall_time(initial, self.zone)
        return entered is not None or initial not in self.empty_values


class AgencyTimesFormMixin:
    """For a release's ModelForm: `published_at` and `embargo_until` on the agency's clock."""

    agency_time_fields = ("published_at", "embargo_until")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agency = self.instance.agency if self.instance.agency_id else None
        zone = agency_zone(agency)
        for name in self.agency_time_fields:
            if name not in self.fields:
                continue
            model_field = Release._meta.get_field(name)
            if agency is None:
                where = _("In the issuing agency's time zone.")
            else:
                where = _("In the issuing agency's time zone, %(zone)s.") % {"zone": zone_label(zone)}
            self.fields[name] = AgencyDateTimeField(
                zone=zone,
                required=self.fields[name].required,
                label=self.fields[name].label,
                help_text=f"{model_field.help_text} {where}",
            )

    def clean(self):
        cleaned = super().clean()
        agency = cleaned.get("agency") or (self.instance.agency if self.instance.agency_id else None)
        for name in self.agency_time_fields:
            entered = cleaned.get(name)
            if not isinstance(entered, WallTime):
                continue
            kept = getattr(self.instance, name, None)
            if kept is not None and name not in self.changed_data:
                cleaned[name] = kept  # untouched: the same instant, to the microsecond
                continue
            try:
                cleaned[name] = local_to_utc(agency, entered.value, abbreviation=entered.abbreviation)
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


class AgencyTimesForm(AgencyTimesFormMixin, forms.ModelForm):
    """The release admin's form (the admin adds the other fields)."""

    class Meta:
        model = Release
        fields = ["agency", "published_at", "embargo_until"]


class AgencyTimesAdmin:
    """For the release admin: its form's times, the change page's clock and the "public from" line
    in the agency's zone."""

    form = AgencyTimesForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """Rendered on the agency's clock: the date widgets' "Now" and "Today" give its time."""
        response = super().render_change_form(request, context, add, change, form_url, obj)
        with timezone.override(agency_zone(obj.agency if obj is not None and obj.agency_id else None)):
            return response.render()

    @admin.display(description=_("public from"))
    def due_display(self, release):
        due = release.due_at()
        if due is None:
            return "—"
        when = agency_time_text(due, release.agency)
        if release.status != Release.Status.PUBLISHED:
            return _("Not before %(time)s, once published") % {"time": when}
        if release.is_public():
            return _("Public since %(time)s") % {"time": when}
        return _("Goes public at %(time)s") % {"time": when}
