"""The read-only JSON API (releases/api.py), under /api/."""

from django.urls import path

from releases import api
from releases.caching import cache_public

app_name = "api"

urlpatterns = [
    # Served from the cache while true, with ETag and 304, as the pages are (releases/caching.py).
    path("releases/", cache_public(api.release_list), name="releases"),
    path("releases/<uslug:slug>/", cache_public(api.release_detail), name="release"),
]
