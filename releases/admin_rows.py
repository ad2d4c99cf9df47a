"""The release form's inline rows (quotes, press contacts, mentions): a row the editor left as
it was is taken as it stands, not validated again.

Validating a row reads the database three times (its own row again, the row it names, and
whether that row exists): a release with ten quotes would cost thirty queries to save, though
only what the editor changed can be wrong, and Django saves only changed rows. A new, changed or
deleted row is validated as usual, and the formset still checks the rows against each other
(an agency mentioned twice) from every row's values.
"""

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import InlineForeignKeyField
from django.forms.utils import ErrorDict


class RowForm(forms.ModelForm):
    def full_clean(self):
        if not (self.is_bound and self.instance.pk is not None) or self.has_changed():
            return super().full_clean()
        self._errors = ErrorDict()
        self.cleaned_data = {
            name: self.value_as_it_stands(name, field) for name, field in self.fields.items()
        }

    def value_as_it_stands(self, name, field):
        """What cleaning the unchanged field would give: the row's own value (the inline's
        queryset reads the rows it names with it)."""
        if name == DELETION_FIELD_NAME:
            return False
        if isinstance(field, InlineForeignKeyField):
            return field.parent_instance
        if name == self.instance._meta.pk.name:
            return self.instance
        return getattr(self.instance, name)
