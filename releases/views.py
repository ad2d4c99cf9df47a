"""Public pages of releases. Every one starts from Release.objects.public()."""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from releases.filters import ReleaseFilter, public_agencies
from releases.models import Release


class PublicReleaseMixin:
    """Releases the public may see, with what their pages show fetched up front."""

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
    filterset_class = ReleaseFilter
    template_name = "releases/release_list.html"
    context_object_name = "releases"
    paginate_by = 20

    def get_queryset(self):
        return super().get_queryset().for_cards()

    def get_context_data(self, **kwargs):
        filtered = any(self.request.GET.get(name) for name in self.filterset_class.base_filters)
        return super().get_context_data(filtered=filtered, **kwargs)


class ReleaseDetailView(PublicReleaseMixin, DetailView):
    template_name = "releases/release_detail.html"
    context_object_name = "release"

    def get_queryset(self):
        return super().get_queryset().for_page()


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
