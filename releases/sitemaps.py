"""sitemap.xml: an index of sections, each bounded whatever the size of the archive.

Releases come one section a month of their dateline ("releases-2013-10"), so no request reads
the whole archive, nor a year of it: the index lists the months from the newest public
release's back to the oldest's (releases.facets.public_months(), two index probes), and a
section reads its month's rows, in one range of the dateline index. The directory's pages come
from contacts/sitemaps.py.
"""

import calendar
import re
from datetime import date

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.template.response import TemplateResponse
from django.urls import reverse

from contacts.sitemaps import AgencySitemap, PersonSitemap
from releases.facets import public_months
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


class ReleaseMonthSitemap(Sitemap):
    """The public releases of one month (of their dateline), with when each last changed: one
    query, a range of the dateline index. A month of a million-release archive holds a few
    thousand, far fewer than a sitemap's 50,000 addresses (`limit`), the most a section gives."""

    changefreq = "weekly"

    def __init__(self, year: int, month: int):
        self.first = date(year, month, 1)
        self.last = self.first.replace(day=calendar.monthrange(year, month)[1])  # to 9999-12-31

    def items(self):
        releases = (
            Release.objects.public()
            .filter(dateline_date__range=(self.first, self.last))
            .only("slug", "updated_at")
            .order_by("-dateline_date", "-published_at", "-pk")
        )
        # Read once, as a list: Django's paginator then counts it without a COUNT query.
        return list(releases[: self.limit])

    def lastmod(self, release):
        return release.updated_at


def month_section(year: int, month: int) -> str:
    return f"{RELEASES_SECTION}{year:04d}-{month:02d}"


def sections() -> dict[str, Sitemap]:
    """The sections that never grow with the archive."""
    return {"pages": StaticSitemap(), "agencies": AgencySitemap(), "people": PersonSitemap()}


@x_robots_tag
def sitemap_index(request):
    """/sitemap.xml: each section's address. Django's own index view would count every
    section and read every item's lastmod, the whole archive; this one reads only the newest
    and the oldest dateline."""
    names = [*sections(), *(month_section(year, month) for year, month in public_months())]
    items = [
        SitemapIndexItem(request.build_absolute_uri(reverse("sitemap-section", kwargs={"section": name})))
        for name in names
    ]
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml")


def sitemap_section(request, section: str):
    """/sitemap-<section>.xml, with Django's own sitemap view."""
    available = sections()
    # Four-digit years from 1000 (year 0 has no dates to filter by), months 01 to 12.
    if month := re.fullmatch(rf"{RELEASES_SECTION}([1-9]\d{{3}})-(0[1-9]|1[0-2])", section, flags=re.ASCII):
        available[section] = ReleaseMonthSitemap(int(month[1]), int(month[2]))
    return sitemap_views.sitemap(request, sitemaps=available, section=section)
