"""The project's URLs, plus a bare Django view for load benchmarks.

The bare view returns a fixed 20 KB page with no database or template: what Django itself
costs per request on this machine, so each page's throughput reads as a share of it.
"""

from django.http import HttpResponse
from django.urls import include, path

PAGE = ("<p>" + "x" * 1000 + "</p>\n") * 20


def bare(request):
    return HttpResponse(PAGE)


urlpatterns = [path("bench/bare/", bare), path("", include("pressroom.urls"))]
