"""Mentions proposed from the text, in the release admin.

Saving a release finds the agencies and people its text names, as the importer does
(releases/mentions.py); those the release does not mention yet are proposed on its change
form, under "Mentions found in the text", ticked. Saving adds the ticked ones and declines the
others: a declined mention is not proposed again until the text changes (nor is a mention the
editor deletes from the "mentioned" rows). When a save finds new ones, the editor is brought
back to the form to confirm them, and a message names them.
"""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pressroom.admin_history import is_version
from releases.mentions import (
    Mentions,
    mentions_directory,
    release_confirm_mentions,
    release_proposed_mentions,
)
from releases.models import AgencyMention, PersonMention

FIELD = "proposed_mentions"


def key(row) -> str:
    """A checkbox's value: "agency:12", "person:7"."""
    return f"{row._meta.model_name}:{row.pk}"


class ProposedMentionsForm(forms.Form):
    """Mixed into the release's change form; `proposals` set on the class (a Mentions)."""

    proposals = Mentions()
    proposed_mentions = forms.MultipleChoiceField(
        label=_("Mentions found in the text"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Agencies and people the text names that the release does not mention yet. The ticked "
            "ones are added when you save; untick those it should not mention."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rows = [*self.proposals.agencies, *self.proposals.people]
        self.fields[FIELD].choices = [(key(row), str(row)) for row in rows]
        self.fields[FIELD].initial = [key(row) for row in rows]  # ticked until unticked

    def chosen(self) -> tuple[Mentions, Mentions]:
        """The proposals ticked, and those unticked."""
        ticked = set(self.cleaned_data.get(FIELD, []))
        confirmed, declined = Mentions(), Mentions()
        for agency in self.proposals.agencies:
            (confirmed if key(agency) in ticked else declined).agencies.append(agency)
        for person in self.proposals.people:
            (confirmed if key(person) in ticked else declined).people.append(person)
        return confirmed, declined


class ProposedMentionsAdmin:
    """Mixed into ReleaseAdmin."""

    def proposals(self, request, release) -> Mentions:
        """The mentions to propose for a release as saved, asked once a request."""
        cache = request.__dict__.setdefault("proposed_mentions", {})
        if release.pk not in cache:
            cache[release.pk] = release_proposed_mentions(release=release, directory=mentions_directory())
        return cache[release.pk]

    def offers_mentions(self, request, obj) -> bool:
        return (
            obj is not None
            and not is_version(obj)
            and self.has_change_permission(request, obj)
            and bool(self.proposals(request, obj))
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self.offers_mentions(request, obj):
            form = kwargs.get("form", self.form)
            attrs = {"proposals": self.proposals(request, obj)}
            kwargs["form"] = type(form.__name__, (ProposedMentionsForm, form), attrs)
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.offers_mentions(request, obj):
            return [*fieldsets, (_("Mentions found in the text"), {"fields": [FIELD]})]
        return fieldsets

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        release = form.instance
        confirmed, declined = form.chosen() if FIELD in form.fields else (Mentions(), Mentions())
        for formset in formsets:  # a mention deleted from the rows: declined too
            if formset.model is AgencyMention:
                declined.agencies += [mention.agency for mention in formset.deleted_objects]
            elif formset.model is PersonMention:
                declined.people += [mention.person for mention in formset.deleted_objects]
        added = release_confirm_mentions(release=release, confirmed=confirmed, declined_now=declined)
        if added:
            names = ", ".join(added.names())
            self.message_user(request, gettext("Mentions added: %(names)s.") % {"names": names})
        request.proposed_mentions = {}  # the text as saved may name others
        if found := self.proposals(request, release):
            request.mentions_to_confirm = True
            message = gettext(
                "Found in the text: %(names)s. Confirm or untick them under “Mentions found in "
                "the text”, then save."
            ) % {"names": ", ".join(found.names())}
            self.message_user(request, message, messages.WARNING)

    def response_add(self, request, obj, post_url_continue=None):
        return self.to_mentions(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self.to_mentions(request, obj) or super().response_change(request, obj)

    def to_mentions(self, request, obj):
        """Back to the form when the text names mentions to confirm (a plain "Save")."""
        buttons = {"_continue", "_addanother", "_saveasnew", "_popup"}
        if getattr(request, "mentions_to_confirm", False) and not buttons & set(request.POST):
            url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
            return HttpResponseRedirect(url)
        return None
