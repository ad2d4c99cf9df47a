"""sitemap.xml: an index of sections, each bounded whatever the size of the archive.

Releases come one section a year ("releases-2013"), so no request reads the whole archive:
the index lists the years public releases have (releases.facets.public_years()), and a
section reads one year. The directory's pages come from contacts/sitemaps.py.
"""

import re

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.template.response import TemplateResponse
from django.urls import reverse

from contacts.sitemaps import AgencySitemap, PersonSitemap
from releases.facets import public_years
from releases.models import Release

RELEASES_SECTION = "releases-"


class StaticSitemap(Sitemap):
    """The home page, the list of releases and the directory of press contacts."""

    changefreq = "daily"

    def items(self):
        return ["home", "releases:list", "contacts:directory"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        if item == "contacts:directory":
            return None
        return self.latest_publication

    @property
    def latest_publication(self):
        """The latest publication time: one step down the (status, published_at) index."""
        if not hasattr(self, "_latest_publication"):
            latest = Release.objects.public().order_by("-published_at").values_list("published_at", flat=True)
            self._latest_publication = latest.first()
        return self._latest_publication


class ReleaseYearSitemap(Sitemap):
    """The public releases of one year (of their dateline), with when each last changed.
    A year holds far fewer than a sitemap's 50,000 addresses."""

    changefreq = "weekly"

    def __init__(self, year: int):
        self.year = year

    def items(self):
        return (
            Release.objects.public()
            .filter(dateline_date__year=self.year)
            .only("slug", "updated_at")
            .order_by("-dateline_date", "-published_at", "-pk")
        )

    def lastmod(self, release):
        return release.updated_at


def sections() -> dict[str, Sitemap]:
    """The sections that never grow with the archive."""
    return {"pages": StaticSitemap(), "agencies": AgencySitemap(), "people": PersonSitemap()}


@x_robots_tag
def sitemap_index(request):
    """/sitemap.xml: each section's address. Django's own index view would count every
    section and read every item's lastmod, the whole archive; this one reads only the years."""
    names = [*sections(), *(f"{RELEASES_SECTION}{year}" for year in public_years())]
    items = [
        SitemapIndexItem(request.build_absolute_uri(reverse("sitemap-section", kwargs={"section": name})))
        for name in names
    ]
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml")


def sitemap_section(request, section: str):
    """/sitemap-<section>.xml, with Django's own sitemap view."""
    available = sections()
    # Four-digit years from 1000: year 0 has no dates to filter by.
    if year := re.fullmatch(rf"{RELEASES_SECTION}([1-9]\d{{3}})", section, flags=re.ASCII):
        available[section] = ReleaseYearSitemap(int(year[1]))
    return sitemap_views.sitemap(request, sitemaps=available, section=section)
