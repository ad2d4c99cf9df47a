"""A journalist's preview of an embargoed release, through the link an editor sent them.

The page is the public page of the release (the same view and template: what it shows, and that
language versions and roles go through public(), is written once), under a banner that says it
is embargoed until when. Neither it nor the refusals are cached, indexed or sent as a referrer:
their address is the journalist's key.
"""

from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers

from pressroom.replicas import reads_from_primary
from releases.models import Release
from releases.previews import preview_access_record, preview_link_open
from releases.views import ReleaseDetailView

# Why a link shows no text, and with which status: a link that was good once is gone (410).
REFUSALS = {"unknown": 404, "unavailable": 404, "revoked": 410, "expired": 410}


def private(response):
    """Kept by no cache, indexed by no search engine, named to no site a link leads to."""
    add_never_cache_headers(response)  # Cache-Control: max-age=0, no-cache, no-store, …, private
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@reads_from_primary  # a link revoked a moment ago shows nothing, whatever a replica's lag
class PreviewLinkView(ReleaseDetailView):
    template_name = "releases/preview_link.html"
    http_method_names = ["get", "head"]

    def get_queryset(self):
        return Release.objects.for_page()

    def get(self, request, *args, **kwargs):
        opened = preview_link_open(token=kwargs["token"])
        if opened.refused == "public":
            return private(redirect(opened.link.release))
        if opened.refused:
            status = REFUSALS[opened.refused]
            context = {"refused": opened.refused}
            return private(render(request, "releases/preview_link_refused.html", context, status=status))
        self.object = self.get_queryset().get(pk=opened.link.release_id)
        preview_access_record(link=opened.link, request=request)
        context = self.get_context_data(
            object=self.object,
            preview=True,  # the template's rule for pages that are not public: noindex, nothing to share
            preview_link=opened.link,
            not_before=self.object.due_at(),
        )
        return private(self.render_to_response(context))
