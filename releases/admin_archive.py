"""The release admin at a million releases: nothing on its list reads the whole archive.

- ArchivePaginator counts a short list exactly; for a long one it takes PostgreSQL's estimate
  (the planner's, from its statistics: no scan), or says "more than" on SQLite. Django would
  count the whole list, twice (with `show_full_result_count`).
- The search reads the full-text index (releases/search): the words of the title, lead, body and
  quotes, the names, and the reference as written ("PR083 - 2013", "PR083", "pr 83").
- The topic filter offers the topics some release has (one probe each of the link table), not
  the topics of every listed release (a DISTINCT over the archive).
- calendar_hierarchy() gives the date hierarchy's choices from the calendar: the years from the
  oldest release to the newest (two index probes), the months of a year, the days of a month;
  Django's asks the database for each distinct year, month or day (a scan of the list).
- The list's rows come without their texts, and each checkbox is written at once, not through
  a widget's template.
- The change page reads the release once, not once per mixin's change_view.
"""

import calendar
import datetime

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import Exists, OuterRef
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext

from releases import search
from releases.models import Release, Topic

# Counted exactly up to EXACT_UP_TO, in one statement with the planner's estimate beyond
# (search.bounded_count, as the public list counts).
EXACT_UP_TO = 1000


class ArchivePaginator(Paginator):
    """A count that reads no long list: exact for a short one; for a long one, PostgreSQL's
    estimate (`estimated`) or, on SQLite, "more than EXACT_UP_TO" (`at_least`). A page that
    comes up short ends the list, and then its count is exact."""

    estimated = at_least = False

    @cached_property
    def count(self):
        rows = self.object_list.order_by().values("pk")
        if rows.query.is_empty():  # none(): nothing to count, nothing to explain
            return 0
        # Counted up to EXACT_UP_TO + 1 rows, and no further; beyond, the planner's estimate
        # (PostgreSQL, from its statistics: no scan) or "more than EXACT_UP_TO" (SQLite).
        counted, estimate = search.bounded_count(rows, EXACT_UP_TO)
        if counted <= EXACT_UP_TO:
            return counted
        if estimate is None or estimate <= EXACT_UP_TO:
            self.at_least = True
            return EXACT_UP_TO
        self.estimated = True
        return round(estimate, 2 - len(str(estimate)))  # about 980,000, not 981,342

    def validate_number(self, number):
        """Any page is asked for when the count is not exact: past the end, it is empty."""
        try:
            return super().validate_number(number)
        except EmptyPage:
            if not (self.estimated or self.at_least) or int(number) < 1:
                raise
            return int(number)

    def page(self, number):
        if not (self.estimated or self.at_least):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if rows and len(rows) < self.per_page:  # the last page: now the count is known
            self.estimated = self.at_least = False
            self.__dict__.update(count=bottom + len(rows))
            self.__dict__.pop("num_pages", None)
        return Page(rows, number, self)


class ArchiveChangeList(ChangeList):
    """The list's rows without their texts and search vector (about 10 KB a release): it shows
    none of them. Actions still get whole releases (`get_queryset`)."""

    LEFT_OUT = ["lead", "body", "lead_html", "body_html", "search_vector", "mentions_declined"]

    def get_results(self, request):
        self.queryset = self.queryset.defer(*self.LEFT_OUT)
        super().get_results(request)


class UsedTopicsFilter(admin.RelatedFieldListFilter):
    """The topics some release has, by name: one probe each of the link table."""

    def field_choices(self, field, request, model_admin):
        used = Release.topics.through.objects.filter(topic=OuterRef("pk"))
        return [(topic.pk, str(topic)) for topic in Topic.objects.filter(Exists(used)).order_by("name")]


class LargeArchiveAdmin:
    """Mixed into ReleaseAdmin: its list's count, search and filters read no whole archive, and
    its change page reads the release once."""

    paginator = ArchivePaginator
    show_full_result_count = False  # Django's second count, of the unfiltered list
    # The search box; get_search_results reads the full-text index, not these fields.
    search_fields = ["title"]

    def get_changelist(self, request, **kwargs):
        return ArchiveChangeList

    def action_checkbox(self, obj):
        """Django's checkbox, written here rather than through a widget's template: the list
        renders a hundred of them."""
        label = format_html(gettext("Select this object for an action - {}"), obj)
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )

    def get_object(self, request, object_id, from_field=None):
        """On a GET, the release read once for the page: the mixins' change_view read it too.
        A POST reads it again in the transaction that saves it (Django's changeform_view)."""
        if request.method != "GET":
            return super().get_object(request, object_id, from_field)
        return self.release_shown(request, object_id, from_field)

    def release_shown(self, request, object_id, from_field=None):
        """The release as the change view's mixins show it (its state, its versions), read once
        a request, whatever the method."""
        read = request.__dict__.setdefault("releases_read", {})
        if (object_id, from_field) not in read:
            read[object_id, from_field] = super().get_object(request, object_id, from_field)
        return read[object_id, from_field]

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        try:
            query = search.parse(search_term)
        except ValidationError:  # nothing to search for, or too long: nothing found
            return queryset.none(), False
        return search.search(queryset, query), False


def calendar_hierarchy(cl) -> dict:
    """The context of Django's admin/date_hierarchy.html, its choices from the calendar."""
    field = cl.date_hierarchy
    names = {part: f"{field}__{part}" for part in ("year", "month", "day")}
    try:
        year, month, day = (int(cl.params.get(name) or 0) for name in names.values())
        if year and month:
            datetime.date(year, month, day or 1)
    except ValueError:  # not a date: Django's list says so itself
        return {"show": False}

    def link(**parts):
        return cl.get_query_string({names[part]: value for part, value in parts.items()}, [f"{field}__"])

    def choice(when, date_format, **parts):
        title = capfirst(formats.date_format(when, date_format))
        return {"link": link(**parts), "title": title} if parts else {"title": title}

    if year and month and day:
        back = choice(datetime.date(year, month, day), "YEAR_MONTH_FORMAT", year=year, month=month)
        choices = [choice(datetime.date(year, month, day), "MONTH_DAY_FORMAT")]
    elif year and month:
        back = {"link": link(year=year), "title": str(year)}
        days = range(1, calendar.monthrange(year, month)[1] + 1)
        choices = [
            choice(datetime.date(year, month, d), "MONTH_DAY_FORMAT", year=year, month=month, day=d)
            for d in days
        ]
    elif year:
        back = {"link": link(), "title": gettext("All dates")}
        months = range(1, 13)
        choices = [choice(datetime.date(year, m, 1), "YEAR_MONTH_FORMAT", year=year, month=m) for m in months]
    else:
        back = None
        choices = [{"link": link(year=y), "title": str(y)} for y in years_of(cl.root_queryset, field)]
    return {"show": True, "back": back, "choices": choices}


def years_of(queryset, field: str) -> range:
    """From the oldest dated release's year to the newest's: two index probes."""
    dated = queryset.filter(**{f"{field}__isnull": False}).values_list(field, flat=True)
    oldest, newest = dated.order_by(field).first(), dated.order_by(f"-{field}").first()
    if oldest is None:
        return range(0)
    return range(oldest.year, newest.year + 1)
