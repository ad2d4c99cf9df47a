"""The filters journalists use on the release list."""

import django_filters
from django.db.models import Exists, OuterRef
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from contacts.models import Agency
from releases.models import Release, Topic


def public_agencies(request):
    """Agencies with at least one public release (a semi-join: one probe per agency)."""
    public = Release.objects.public().filter(agency=OuterRef("pk"))
    return Agency.objects.filter(Exists(public)).order_by("name")


def public_topics(request):
    public = Release.objects.public().filter(topics=OuterRef("pk"))
    return Topic.objects.filter(Exists(public)).order_by("name")


def public_languages():
    """The languages public releases are written in, by name."""
    names = dict(Release._meta.get_field("language").choices)
    codes = Release.objects.public().order_by().values_list("language", flat=True).distinct()
    return sorted(((code, names.get(code, code)) for code in codes), key=lambda choice: str(choice[1]))


def public_years():
    years = (
        Release.objects.public()
        .annotate(year=ExtractYear("dateline_date"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return [(str(year), str(year)) for year in years]


class ReleaseFilter(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(
        queryset=public_agencies,
        to_field_name="slug",
        label=_("Agency"),
        empty_label=_("All agencies"),
    )
    topic = django_filters.ModelChoiceFilter(
        field_name="topics",
        queryset=public_topics,
        to_field_name="slug",
        label=_("Topic"),
        empty_label=_("All topics"),
    )
    year = django_filters.ChoiceFilter(
        field_name="dateline_date__year",
        choices=public_years,
        label=_("Year"),
        empty_label=_("All years"),
    )
    language = django_filters.ChoiceFilter(
        choices=public_languages,
        label=_("Language"),
        empty_label=_("All languages"),
    )
    kind = django_filters.ChoiceFilter(
        choices=Release.Kind.choices, label=_("Type"), empty_label=_("All types")
    )

    class Meta:
        model = Release
        fields = ["agency", "topic", "year", "language", "kind"]
