"""What a transition asks in the admin (releases/admin_workflow.py): each form's fields are the
keyword arguments of its service (`comment`, `reason`, `note`, `at`)."""

from django import forms
from django.utils.translation import gettext, gettext_lazy

from contacts.timezones import agency_zone, local_to_utc, zone_label
from releases.admin_times import AgencyDateTimeField


class TransitionForm(forms.Form):
    """What a transition asks of one release (nothing, for this base): each form knows it."""

    def __init__(self, *args, release, **kwargs):
        super().__init__(*args, **kwargs)
        self.release = release


class CommentForm(TransitionForm):
    comment = forms.CharField(
        label=gettext_lazy("What to change"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The editor reads it at the top of their list of releases."),
    )


class ForceReasonForm(TransitionForm):
    reason = forms.CharField(
        label=gettext_lazy("Why it cannot wait for a review"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("For the staff: the release is listed as published without review."),
    )


class WithdrawReasonForm(TransitionForm):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the withdrawal"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Public: the release's page shows it, with the date."),
    )


def correction_note_field():
    return forms.CharField(
        label=gettext_lazy("Correction note"),
        max_length=300,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text=gettext_lazy(
            "Public, on the page and in the feeds: “Updated 29 October 2013: corrected a phone number”."
        ),
    )


class NoteForm(TransitionForm):
    note = correction_note_field()


class TimeForm(TransitionForm):
    """The publication time, on the issuing agency's clock (releases/admin_times.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = self.release.agency
        zone = agency_zone(self.agency)
        now_or_later = gettext("Leave it empty to publish now; a time ahead schedules the release.")
        where = gettext("In the issuing agency's time zone, %(zone)s.") % {"zone": zone_label(zone)}
        self.fields["at"] = AgencyDateTimeField(
            zone=zone,
            label=gettext_lazy("Publication time"),
            required=False,
            help_text=f"{now_or_later} {where}",
        )

    def clean_at(self):
        entered = self.cleaned_data["at"]
        if entered is None:
            return None
        return local_to_utc(self.agency, entered.value, abbreviation=entered.abbreviation)


FORMS = {
    "send_back": CommentForm,
    "force_publish": ForceReasonForm,
    "withdraw": WithdrawReasonForm,
    "correct": NoteForm,
    "publish": TimeForm,
}


class CorrectionNoteForm(forms.ModelForm):
    """The change form of a public release: saving it publishes a correction, with its note."""

    correction_note = correction_note_field()
