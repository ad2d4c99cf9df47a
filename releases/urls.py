from django.urls import path

from releases import views

app_name = "releases"

urlpatterns = [
    path("", views.ReleaseListView.as_view(), name="list"),
    path("preview/<int:pk>/", views.ReleasePreviewView.as_view(), name="preview"),
    path("<uslug:slug>/", views.ReleaseDetailView.as_view(), name="detail"),
]
