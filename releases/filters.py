"""The filters and the search journalists use on the release list (and its feeds)."""

import functools

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from contacts.models import Person
from releases import search
from releases.facets import public_agencies, public_languages, public_topics, public_years
from releases.models import Release


def year_choices():
    return [(str(year), str(year)) for year in public_years()]


class SelectInOnePass(forms.Select):
    """A <select> written in one pass, its options with format_html, rather than a template
    rendered per option: the list's filters offer dozens of options (years, agencies, topics)
    on every request. Flat choices only, as the filters have; the same HTML as Django's Select."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((option, " selected" if str(option) in chosen else "", label) for option, label in self.choices),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(self.build_attrs(self.attrs, attrs)), options
        )


class SearchField(forms.CharField):
    """The words typed in the search box, read into a search.SearchQuery."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return search.parse(value)
        except ValidationError as error:
            raise ValidationError(error.messages, code=error.code) from None


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField

    def filter(self, queryset, value):
        return queryset  # applied last, by ReleaseFilter.filter_queryset, to rank what remains


class ReleaseFilter(django_filters.FilterSet):
    q = SearchFilter(
        label=_("Search"),
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "maxlength": search.MAX_LENGTH * 2,
                "placeholder": _("Words, names, a reference"),
            }
        ),
    )
    agency = django_filters.ModelChoiceFilter(
        queryset=public_agencies,
        to_field_name="slug",
        method="filter_agency",
        label=_("Agency"),
        widget=SelectInOnePass,
        empty_label=_("All agencies"),
    )
    agency_role = django_filters.ChoiceFilter(
        choices=[("issued", _("issued by")), ("mentioning", _("mentioning"))],
        method="filter_nothing",
        label=_("Agency's part"),
        widget=SelectInOnePass,
        empty_label=_("issued by or mentioning"),
    )
    person = django_filters.ModelChoiceFilter(
        queryset=lambda request: Person.objects.public(),
        to_field_name="slug",
        method="filter_person",
        label=_("Person"),
        widget=forms.HiddenInput,
    )
    topic = django_filters.ModelChoiceFilter(
        field_name="topics",
        queryset=public_topics,
        to_field_name="slug",
        label=_("Topic"),
        widget=SelectInOnePass,
        empty_label=_("All topics"),
    )
    year = django_filters.ChoiceFilter(
        field_name="dateline_date__year",
        choices=year_choices,
        label=_("Year"),
        widget=SelectInOnePass,
        empty_label=_("All years"),
    )
    date_from = django_filters.DateFilter(
        field_name="dateline_date",
        lookup_expr="gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="dateline_date",
        lookup_expr="lte",
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    language = django_filters.ChoiceFilter(
        choices=public_languages,
        label=_("Language"),
        widget=SelectInOnePass,
        empty_label=_("All languages"),
    )
    kind = django_filters.ChoiceFilter(
        choices=Release.Kind.choices, label=_("Type"), widget=SelectInOnePass, empty_label=_("All types")
    )
    order = django_filters.ChoiceFilter(
        choices=[("newest", _("Newest first"))],
        method="filter_nothing",
        label=_("Order"),
        widget=SelectInOnePass,
        empty_label=_("Most relevant"),  # the default, left out of the URL
    )

    class Meta:
        model = Release
        fields = [
            "q",
            "agency",
            "agency_role",
            "person",
            "topic",
            "year",
            "date_from",
            "date_to",
            "language",
            "kind",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once per request, though the form asks twice (to validate, then to render).
        self.filters["year"].extra["choices"] = functools.cache(year_choices)

    def filter_nothing(self, queryset, name, value):
        return queryset  # read by another filter

    def filter_agency(self, queryset, name, agency):
        match self.form.cleaned_data.get("agency_role"):
            case "issued":
                return queryset.issued_by(agency)
            case "mentioning":
                return queryset.mentioning_agency(agency)
        return queryset.involving_agency(agency)

    def filter_person(self, queryset, name, person):
        return queryset.naming_person(person)

    def filter_queryset(self, queryset):
        """Filters, then the search; in the queryset's order (the list ranks a search itself)."""
        queryset = super().filter_queryset(queryset)
        query = self.form.cleaned_data.get("q")
        return search.search(queryset, query) if query else queryset

    @property
    def query(self):
        return self.form.cleaned_data.get("q") if self.is_bound and self.is_valid() else None

    @property
    def sort_order(self) -> str:
        return self.form.cleaned_data.get("order") or "relevance"

    @property
    def ranked(self) -> bool:
        """Results in order of relevance: paged by number among the best matches."""
        return bool(self.query) and self.sort_order == "relevance"
