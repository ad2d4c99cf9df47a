"""The release admin's language fields: the languages the site is configured for
(settings.PRESSROOM_RELEASE_LANGUAGES, releases/models.py site_release_languages), not every
language Django knows; a release in another (imported in German) keeps and shows its own."""

from django import forms
from django.conf import global_settings
from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from releases.facets import languages_of
from releases.models import release_languages, site_release_languages


class SiteLanguagesForm(forms.Form):
    """Mixed into the release's form: its language among the site's, or its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "language" in self.fields:
            own = self.instance.language if self.instance.pk is not None else ""
            self.fields["language"].choices = site_release_languages(keeping=own)


class LanguageFilter(admin.SimpleListFilter):
    """The languages releases are written in (one index probe each), not a hundred."""

    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        names = dict(release_languages())
        codes = languages_of(model_admin.get_queryset(request))
        return sorted(((code, _(names.get(code, code))) for code in codes), key=lambda choice: str(choice[1]))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(language=self.value())
        return queryset


# Each language's name (translated when shown): the list names a hundred releases' languages
# without sorting every language Django knows for each (the field's choices, release_languages).
LANGUAGE_NAMES = dict(global_settings.LANGUAGES)


class ReleaseLanguagesAdmin:
    """Mixed into ReleaseAdmin; put LanguageFilter in its list_filter, language_display in its
    list_display."""

    @admin.display(description=_("language"), ordering="language")
    def language_display(self, release):
        return gettext(LANGUAGE_NAMES.get(release.language, release.language))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = kwargs.get("form", self.form)
        kwargs["form"] = type(form.__name__, (SiteLanguagesForm, form), {})
        return super().get_form(request, obj, change, **kwargs)
