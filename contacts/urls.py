from django.urls import path

from contacts import views
from releases.caching import cache_public

app_name = "contacts"

# Served from the cache while true (releases/caching.py).
urlpatterns = [
    path("agencies/<uslug:slug>/", cache_public(views.AgencyDetailView.as_view()), name="agency"),
    path("people/<uslug:slug>/", cache_public(views.PersonDetailView.as_view()), name="person"),
    path("press-contacts/", cache_public(views.PressContactListView.as_view()), name="directory"),
]
