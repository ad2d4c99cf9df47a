"""A read-only JSON API of the public releases: `/api/releases/` and `/api/releases/<slug>/`.

The list is the release list's, as data: public releases only, newest first, paged by cursor
(releases/pagination.py), with the list's filters and search (releases/filters.py). A release
carries what its page shows: body, quotes with their speakers' roles then, press contacts
with today's details (releases/press_contacts.py) and public change notes. Every answer costs
a fixed number of queries, whatever the size of the archive; a parameter that cannot be read
gets a 400 that says which, never the whole archive.
"""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from releases import search
from releases.filters import ReleaseFilter
from releases.models import Release
from releases.pagination import Cursor, keyset_page
from releases.quotes.speakers import speaker_of

PAGE_SIZE = 20
# What no item shows: the list reads each row without its longest columns.
NOT_LISTED = ("body", "body_html", "search_vector", "mentions_declined")


def error(status: int, message: str, **details) -> JsonResponse:
    return JsonResponse({"error": message, **details}, status=status)


@require_safe
def release_list(request):
    """Public releases, newest first, PAGE_SIZE a page, with `next` and `previous` links."""
    cursors = {name: request.GET.get(name) for name in ("after", "before") if request.GET.get(name)}
    if len(cursors) > 1 or any(Cursor.parse(value) is None for value in cursors.values()):
        message = _("This cursor cannot be read: follow the next and previous links as given.")
        return error(
            400, message, fields={name: [{"message": message, "code": "invalid"}] for name in cursors}
        )
    # More than a card shows (references, times, topics), never the body or the search index.
    releases = (
        Release.objects.public()
        .select_related("agency")
        .defer(*NOT_LISTED)
        .newest_first()
        .prefetch_related("topics")
    )
    filterset = ReleaseFilter(request.GET, queryset=releases, request=request)
    if not filterset.is_valid():
        return error(400, _("Some parameters cannot be read."), fields=filterset.errors.get_json_data())
    if not filterset.query:
        return JsonResponse(list_page(request, filterset.qs))
    try:
        with search.time_limit():
            return JsonResponse(list_page(request, filterset.qs))
    except search.SearchTooBroad:
        return error(503, _("This search is too broad to follow: add a word or a filter."))


def list_page(request, releases) -> dict:
    page = keyset_page(
        releases, after=request.GET.get("after"), before=request.GET.get("before"), size=PAGE_SIZE
    )
    return {
        "next": page_link(request, after=page.older),
        "previous": page_link(request, before=page.newer),
        "results": [release_item(request, release) for release in page],
    }


def page_link(request, **cursor) -> str | None:
    """This list's address with the same filters, at another cursor; None when there is no page."""
    name, value = next(iter(cursor.items()))
    if value is None:
        return None
    params = request.GET.copy()
    params.pop("after", None)
    params.pop("before", None)
    params[name] = str(value)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def release_item(request, release: Release) -> dict:
    """A release as the list gives it; its agency and topics come with it (select/prefetch)."""
    return {
        "id": release.pk,
        "url": request.build_absolute_uri(release.get_absolute_url()),
        "api_url": request.build_absolute_uri(reverse("api:release", kwargs={"slug": release.slug})),
        "title": release.title,
        "reference": release.reference,
        "kind": release.kind,
        "language": release.language,
        "dateline": release.dateline,
        "published_at": release.published_at,
        "updated_at": release.updated_at,
        "agency": agency_item(release.agency, request.build_absolute_uri),
        "lead": release.lead_text,
        "topics": [{"name": topic.name, "slug": topic.slug} for topic in release.topics.all()],
    }


@require_safe
def release_detail(request, slug):
    """One public release, in full; 404 for any other (draft, scheduled, embargoed, withdrawn)."""
    try:
        release = get_object_or_404(Release.objects.public().for_text(), slug=slug)
    except Http404:
        return error(404, _("No public release has this address."))
    url_for = request.build_absolute_uri
    return JsonResponse(
        {
            **release_item(request, release),
            "lead_html": release.lead_html,
            "body_html": release.body_html,
            "quotes": [quote_item(quote, release, url_for) for quote in release.quotes.all()],
            "press_contacts": [contact_item(card, url_for) for card in release.press_contacts_now],
            "corrections": [{"at": note.at, "note": note.comment} for note in release.correction_notes],
        }
    )


def quote_item(quote, release, url_for) -> dict:
    """A quote with its speaker as the page names them: their role on the release's day."""
    speaker = speaker_of(quote, release.dateline_date, url_for)
    return {
        "text": quote.text,
        "person": {"name": quote.person.name, "url": speaker.url},
        "role": speaker.role,
    }


def contact_item(card, url_for) -> dict:
    """A press contact card: a person or an office, or an agency's press desk."""
    if card.desk is not None:
        agency = card.desk
        return {
            "press_desk": True,
            "agency": agency_item(agency, url_for),
            "phone": agency.press_phone,
            "phone_e164": agency.press_phone_e164,
            "email": agency.press_email,
        }
    contact = card.contact
    person = contact.person
    return {
        "press_desk": False,
        "name": contact.name,
        "person_url": url_for(person.get_absolute_url()) if person else None,
        "title": contact.title,
        "agency": agency_item(contact.agency, url_for),
        "phone": contact.phone,
        "phone_e164": contact.phone_e164,
        "mobile": contact.mobile,
        "mobile_e164": contact.mobile_e164,
        "fax": contact.fax,
        "fax_e164": contact.fax_e164,
        "email": contact.email,
    }


def agency_item(agency, url_for) -> dict:
    return {"name": agency.name, "acronym": agency.acronym, "url": url_for(agency.get_absolute_url())}
