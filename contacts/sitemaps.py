"""The directory's public pages, for search engines (served by releases/sitemaps.py)."""

from django.contrib.sitemaps import Sitemap

from contacts.models import Agency, Person


class AgencySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Agency.objects.public().only("slug").order_by("pk")


class PersonSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Person.objects.public().only("slug").order_by("pk")
