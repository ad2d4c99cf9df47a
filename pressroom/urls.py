from django.contrib import admin
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from pressroom.admin_visibility import view_on_site
from pressroom.converters import UnicodeSlugConverter
from pressroom.languages import set_language
from releases.caching import cache_public
from releases.sitemaps import sitemap_index, sitemap_section
from releases.views import HomeView

register_converter(UnicodeSlugConverter, "uslug")

admin.site.site_header = _("Pressroom administration")
admin.site.site_title = _("Pressroom")
admin.site.index_title = _("Pressroom")
admin.site.enable_nav_sidebar = False  # the lists need the width more than a second menu

# Public answers are served from the cache while true (cache_public, releases/caching.py).
urlpatterns = [
    path("", cache_public(HomeView.as_view()), name="home"),
    path("releases/", include("releases.urls")),
    path("api/", include("releases.api_urls")),
    path("", include("contacts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sitemap.xml", cache_public(sitemap_index), name="sitemap"),
    path("sitemap-<slug:section>.xml", cache_public(sitemap_section), name="sitemap-section"),
    path(
        "robots.txt",
        cache_public(TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
        name="robots",
    ),
    # Before the admin's own: "view on site" only for staff who may view the object's kind.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site)),
    path("admin/", admin.site.urls),
]
