"""RSS and Atom feeds of releases: all of them, or any filtered list or search.

A feed takes the list page's query string (/releases/feed/rss/?agency=cnes&q=JAXA), so the
feed of a search is how a journalist follows a subject. It starts from
Release.objects.public() like every public page, answers conditional GETs from the items it
holds, and gives each item the full text with its press contacts.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, QueryDict
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.http import http_date, urlencode
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from releases import search
from releases.filters import ReleaseFilter
from releases.models import Release, release_languages

FEED_SIZE = 20


# How the list is shown, not which releases it holds: a feed is always newest first.
NOT_FOR_FEEDS = {"order"}


def filter_params(query: QueryDict, *, feed: bool = False) -> list[tuple[str, str]]:
    """The list's filters in `query`, in order: no empty value, no page, nothing else;
    with `feed`, only those that choose releases."""
    names = [name for name in ReleaseFilter.base_filters if not (feed and name in NOT_FOR_FEEDS)]
    return [
        (key, value) for key, values in query.lists() if key in names for value in values if value.strip()
    ]


def describe_filters(filterset: ReleaseFilter) -> list[str]:
    """What a valid filterset follows, in words: ["from CNES", "matching “JAXA”"]."""
    criteria = []
    data = filterset.form.cleaned_data
    for name, value in data.items():
        if value in (None, "", [], ()) or name in NOT_FOR_FEEDS or name == "agency_role":
            continue
        if name == "agency":
            role = data.get("agency_role")
            if role == "issued":
                criteria.append(_("from %(agency)s") % {"agency": value.short_name})
            elif role == "mentioning":
                criteria.append(_("mentioning %(agency)s") % {"agency": value.short_name})
            else:
                criteria.append(_("from or mentioning %(agency)s") % {"agency": value.short_name})
        elif name == "person":
            criteria.append(_("naming %(person)s") % {"person": value.name})
        elif name == "date_from":
            criteria.append(_("since %(date)s") % {"date": date_format(value)})
        elif name == "date_to":
            criteria.append(_("until %(date)s") % {"date": date_format(value)})
        elif name == "topic":
            criteria.append(_("about %(topic)s") % {"topic": value})
        elif name == "year":
            criteria.append(_("of %(year)s") % {"year": value})
        elif name == "language":
            languages = dict(release_languages())
            criteria.append(_("in %(language)s") % {"language": languages.get(value, value)})
        elif name == "kind":
            criteria.append(_("of type “%(kind)s”") % {"kind": Release.Kind(value).label})
        elif name == "q":
            criteria.append(_("matching “%(query)s”") % {"query": getattr(value, "text", value)})
        else:  # a filter the list gained since: its label and value
            label = filterset.filters[name].label or name
            criteria.append(f"{label}: {value}")
    return criteria


@dataclass
class ReleaseFeedQuery:
    """What one request's feed follows, and the keys of the releases it holds."""

    request: HttpRequest
    params: list[tuple[str, str]]
    criteria: list[str]
    # (pk, updated_at, published_at, embargo_until) of each release, newest publication first.
    keys: list[tuple[int, datetime, datetime, datetime | None]]
    language: str = ""  # the language filter, once validated: what the feed says it is in

    @classmethod
    def from_request(cls, request: HttpRequest) -> "ReleaseFeedQuery":
        params = filter_params(request.GET, feed=True)
        data = request.GET.copy()
        if "order" in ReleaseFilter.base_filters:
            data["order"] = "newest"  # a search's feed: every match, not the most relevant few
        filterset = ReleaseFilter(data, queryset=Release.objects.public(), request=request)
        if not filterset.is_valid():
            # As on the list page, a filter that cannot be read matches nothing: never
            # the whole archive under a title that says otherwise.
            return cls(request=request, params=params, criteria=[], keys=[])
        keys = filterset.qs.order_by("-published_at", "-pk").values_list(
            "pk", "updated_at", "published_at", "embargo_until"
        )[:FEED_SIZE]
        return cls(
            request=request,
            params=params,
            criteria=describe_filters(filterset),
            keys=list(keys),
            language=filterset.form.cleaned_data.get("language") or "",
        )

    @property
    def query_string(self) -> str:
        return urlencode(self.params)

    @property
    def etag(self) -> str:
        """Changes when a release enters, leaves or changes in this feed (or the language does)."""
        state = repr((get_language(), self.params, self.keys)).encode()
        return f'W/"{hashlib.sha256(state).hexdigest()[:32]}"'

    @property
    def last_modified(self) -> datetime | None:
        """When the newest of these releases changed or reached the public (an embargo lifted)."""
        times = [time for key in self.keys for time in key[1:] if time is not None]
        return max(times, default=None)

    @cached_property
    def releases(self) -> list[Release]:
        """The releases themselves, with what their items show, in a fixed number of queries."""
        if not self.keys:
            return []
        pks = [key[0] for key in self.keys]
        # public() again: a release unpublished since the keys were read stays out.
        releases = Release.objects.public().filter(pk__in=pks).for_text().order_by("-published_at", "-pk")
        return list(releases)


@dataclass(frozen=True)
class ReleaseFeedItem:
    """A release in a feed, with the request its absolute addresses are built on."""

    release: Release
    request: HttpRequest

    @property
    def guid(self) -> str:
        """A tag URI on the release's pk: stable when the title (and its slug) change."""
        domain, _port = split_domain_port(self.request.get_host())
        created = localtime(self.release.created_at).date().isoformat()
        return f"tag:{domain or 'localhost'},{created}:release:{self.release.pk}"


class FullTextAtomFeed(Atom1Feed):
    """Atom: the lead as <summary type="text">, the full text as <content type="html">."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item.get("summary"):
            # The lead is plain text: Django would type it "html", and a reader would then run
            # the "<script>" a lead may quote (tests/test_hostile_content.py).
            handler.addQuickElement("summary", item["summary"], {"type": "text"})
        if item["description"]:
            handler.addQuickElement("content", item["description"], {"type": "html"})


class ReleasesRssFeed(Feed):
    feed_type = Rss201rev2Feed  # the full text in <description>, HTML escaped, as readers expect
    description_template = "releases/feed_item.html"
    item_guid_is_permalink = False

    def __call__(self, request, *args, **kwargs):
        if not request.GET.get("q"):
            return self.respond(request, *args, **kwargs)
        try:
            with search.time_limit():
                return self.respond(request, *args, **kwargs)
        except search.SearchTooBroad:
            return HttpResponse(
                _("This search is too broad to follow: add a word or a filter."),
                status=503,
                content_type="text/plain; charset=utf-8",
            )

    def respond(self, request, *args, **kwargs):
        """The feed, or 304 Not Modified when the reader's copy (ETag, date) is current.

        What django.views.decorators.http.condition does, with the feed's items read once:
        the conditional answer needs only their keys; the releases are fetched for a 200.
        """
        query = self.get_object(request, *args, **kwargs)
        etag, last_modified = query.etag, query.last_modified
        timestamp = int(last_modified.timestamp()) if last_modified else None
        response = get_conditional_response(request, etag=etag, last_modified=timestamp)
        if response is None:
            feed = self.get_feed(query, request)
            response = HttpResponse(content_type=feed.content_type)
            feed.write(response, "utf-8")
        response.headers["ETag"] = etag
        if timestamp:
            response.headers["Last-Modified"] = http_date(timestamp)
        return response

    def get_object(self, request, *args, **kwargs):
        return ReleaseFeedQuery.from_request(request)

    def get_feed(self, query, request):
        feed = super().get_feed(query, request)
        if query.language:  # a feed of releases in one language says so
            feed.feed["language"] = query.language
        return feed

    def title(self, query):
        what = (
            _("Releases %(criteria)s") % {"criteria": ", ".join(query.criteria)}
            if query.criteria
            else _("All releases")
        )
        return f"{what} — {settings.PRESSROOM_NAME}"

    def description(self, query):
        return _("The latest releases on %(site)s, in full, with their press contacts.") % {
            "site": settings.PRESSROOM_NAME
        }

    subtitle = description  # Atom's name for it

    def link(self, query):
        """The list page with the same filters."""
        url = reverse("releases:list")
        return f"{url}?{query.query_string}" if query.params else url

    def feed_url(self, query):
        url = query.request.path
        return f"{url}?{query.query_string}" if query.params else url

    def author_name(self, query):
        return settings.PRESSROOM_NAME

    def items(self, query):
        return [ReleaseFeedItem(release, query.request) for release in query.releases]

    def get_context_data(self, **kwargs):
        return {"release": kwargs["item"].release}

    def item_title(self, item):
        return item.release.title

    def item_link(self, item):
        return item.release.get_absolute_url()

    def item_guid(self, item):
        return item.guid

    def item_pubdate(self, item):
        return item.release.published_at  # the publication time, never the dateline's date

    def item_updateddate(self, item):
        return item.release.updated_at

    def item_author_name(self, item):
        return item.release.agency.name

    def item_author_link(self, item):
        return item.request.build_absolute_uri(item.release.agency.get_absolute_url())

    def item_categories(self, item):
        return [topic.name for topic in item.release.topics.all()]

    def item_extra_kwargs(self, item):
        return {"summary": item.release.lead_text}


class ReleasesAtomFeed(ReleasesRssFeed):
    feed_type = FullTextAtomFeed
