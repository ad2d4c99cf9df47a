from django.urls import path

from contacts import views

app_name = "contacts"

urlpatterns = [
    path("agencies/<uslug:slug>/", views.AgencyDetailView.as_view(), name="agency"),
    path("people/<uslug:slug>/", views.PersonDetailView.as_view(), name="person"),
    path("press-contacts/", views.PressContactListView.as_view(), name="directory"),
]
