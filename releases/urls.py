from django.urls import path

from releases import views
from releases.feeds import ReleasesAtomFeed, ReleasesRssFeed
from releases.views_previews import PreviewLinkView

app_name = "releases"

urlpatterns = [
    path("", views.ReleaseListView.as_view(), name="list"),
    path("preview/<int:pk>/", views.ReleasePreviewView.as_view(), name="preview"),
    # A journalist's preview of an embargoed release, through a signed link (releases/previews.py).
    path("preview-link/<str:token>/", PreviewLinkView.as_view(), name="preview-link"),
    path("feed/rss/", ReleasesRssFeed(), name="feed-rss"),
    path("feed/atom/", ReleasesAtomFeed(), name="feed-atom"),
    path("<uslug:slug>/versions/<int:number>/", views.EarlierVersionView.as_view(), name="earlier-version"),
    path("<uslug:slug>/", views.ReleaseDetailView.as_view(), name="detail"),
]
