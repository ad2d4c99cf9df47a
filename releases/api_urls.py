"""The read-only JSON API (releases/api.py), under /api/."""

from django.urls import path

from releases import api

app_name = "api"

urlpatterns = [
    path("releases/", api.release_list, name="releases"),
    path("releases/<uslug:slug>/", api.release_detail, name="release"),
]
