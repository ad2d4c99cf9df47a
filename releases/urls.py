from django.urls import path

from releases import views
from releases.caching import cache_public
from releases.feeds import ReleasesAtomFeed, ReleasesRssFeed
from releases.views_previews import PreviewLinkView

app_name = "releases"

# Public answers are served from the cache while true (releases/caching.py); previews never are.
urlpatterns = [
    path("", cache_public(views.ReleaseListView.as_view()), name="list"),
    path("preview/<int:pk>/", views.ReleasePreviewView.as_view(), name="preview"),
    # A journalist's preview of an embargoed release, through a signed link (releases/previews.py).
    path("preview-link/<str:token>/", PreviewLinkView.as_view(), name="preview-link"),
    path("feed/rss/", cache_public(ReleasesRssFeed()), name="feed-rss"),
    path("feed/atom/", cache_public(ReleasesAtomFeed()), name="feed-atom"),
    path(
        "<uslug:slug>/versions/<int:number>/",
        cache_public(views.EarlierVersionView.as_view()),
        name="earlier-version",
    ),
    path("<uslug:slug>/", cache_public(views.ReleaseDetailView.as_view()), name="detail"),
]
