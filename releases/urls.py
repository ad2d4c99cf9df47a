from django.urls import path

from releases import views
from releases.feeds import ReleasesAtomFeed, ReleasesRssFeed

app_name = "releases"

urlpatterns = [
    path("", views.ReleaseListView.as_view(), name="list"),
    path("preview/<int:pk>/", views.ReleasePreviewView.as_view(), name="preview"),
    path("feed/rss/", ReleasesRssFeed(), name="feed-rss"),
    path("feed/atom/", ReleasesAtomFeed(), name="feed-atom"),
    path("<uslug:slug>/", views.ReleaseDetailView.as_view(), name="detail"),
]
