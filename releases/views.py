"""Public pages of releases. Every one starts from Release.objects.public(), but a release's own
page, which stays (with its notice) once the release is withdrawn: with_public_page()."""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from releases import search
from releases.facets import Count, beyond, count, public_agencies
from releases.filters import ReleaseFilter
from releases.models import Release
from releases.pagination import keyset_page


class PublicReleaseMixin:
    """Releases the public may see; each view adds what its page shows (for_cards, for_page)."""

    model = Release

    def get_queryset(self):
        return Release.objects.public()


class HomeView(PublicReleaseMixin, ListView):
    template_name = "releases/home.html"
    context_object_name = "releases"

    def get_queryset(self):
        return super().get_queryset().for_cards()[:10]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["agencies"] = public_agencies(self.request)
        return context


class ReleaseListView(PublicReleaseMixin, FilterView):
    """The archive, filtered and searched: newest first by cursor, or by relevance by page."""

    filterset_class = ReleaseFilter
    template_name = "releases/release_list.html"
    context_object_name = "releases"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        # Empty filter fields are left out of the URL: ?agency=jaxa, not ?agency=jaxa&topic=&year=
        given = request.GET.copy()
        for name in [name for name, value in given.items() if not value.strip()]:
            del given[name]
        if given != request.GET:
            return redirect(f"{request.path}?{given.urlencode()}" if given else request.path)
        if not given.get("q"):
            return super().get(request, *args, **kwargs)
        try:
            with search.time_limit():
                return super().get(request, *args, **kwargs).render()
        except search.SearchTooBroad:
            return render(request, "releases/search_too_broad.html", {"words": given["q"]})

    def get_queryset(self):
        return super().get_queryset().for_cards()

    def paginate_queryset(self, queryset, page_size):
        if self.filterset.ranked:
            return self.paginate_by_relevance(queryset, page_size)
        page = keyset_page(
            queryset,
            after=self.request.GET.get("after"),
            before=self.request.GET.get("before"),
            size=page_size,
        )
        return None, page, page.object_list, page.has_other_pages()

    def paginate_by_relevance(self, queryset, page_size):
        """Numbered pages of the best matches: their ids ranked once, then one page's rows."""
        self.ranked = search.ranked(queryset, self.filterset.query)
        paginator = Paginator(self.ranked.ids[: search.CANDIDATES], page_size)
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404(str(error)) from error
        rows = queryset.in_bulk(page.object_list)
        page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
        return paginator, page, page.object_list, page.has_other_pages()

    def result_count(self, queryset) -> Count:
        ranked = getattr(self, "ranked", None)
        if ranked is None:
            return count(queryset)
        if ranked.more:  # more matches than were ranked
            return beyond(search.CANDIDATES, ranked.estimate)
        return Count(len(ranked.ids))  # every match was ranked: the count is exact

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        valid = not filterset.is_bound or filterset.is_valid()
        query = filterset.query
        if query:  # where the words were found, on each release of the page
            snippets = search.snippets(context["releases"], query)
            for release in context["releases"]:
                release.search_snippet = snippets.get(release.pk, "")
        context.update(
            filtered=any(self.request.GET.get(name) for name in filterset.base_filters if name != "order"),
            search_query=query,
            result_count=self.result_count(self.object_list) if valid else None,
            person=filterset.form.cleaned_data.get("person") if filterset.is_bound and valid else None,
        )
        return context


class ReleaseDetailView(PublicReleaseMixin, DetailView):
    template_name = "releases/release_detail.html"
    context_object_name = "release"

    def get_queryset(self):
        return Release.objects.with_public_page().for_page()

    def get_context_data(self, **kwargs):
        # Only versions the public may see: a draft or embargoed translation is never linked.
        versions = Release.objects.public().language_versions(self.object, self.request)
        return super().get_context_data(versions=versions, **kwargs)


class EarlierVersionView(DetailView):
    """An earlier version of a corrected release, as journalists saw it (releases/earlier_versions.py);
    only of a release whose own page the public may see."""

    template_name = "releases/earlier_version.html"
    context_object_name = "version"

    def get_object(self, queryset=None):
        releases = Release.objects.with_public_page().select_related("agency")
        release = get_object_or_404(releases, slug=self.kwargs["slug"])
        version = get_object_or_404(release.earlier_versions, number=self.kwargs["number"])
        version.release = release
        return version

    def get_context_data(self, **kwargs):
        versions = self.object.release.earlier_versions.only("number", "public_from", "replaced_at")
        return super().get_context_data(release=self.object.release, versions=versions, **kwargs)


@method_decorator([staff_member_required, never_cache], name="dispatch")
class ReleasePreviewView(PermissionRequiredMixin, ReleaseDetailView):
    """Editors see any release, draft or embargoed, as the public will; never cached."""

    permission_required = "releases.view_release"
    raise_exception = True  # staff without it (the press office) get a 403

    def get_queryset(self):
        return Release.objects.for_page()

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)
