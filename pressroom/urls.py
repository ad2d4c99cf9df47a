from django.contrib import admin
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _

from pressroom.converters import UnicodeSlugConverter
from releases.views import HomeView

register_converter(UnicodeSlugConverter, "uslug")

admin.site.site_header = _("Pressroom administration")
admin.site.site_title = _("Pressroom")
admin.site.index_title = _("Pressroom")
admin.site.enable_nav_sidebar = False  # the lists need the width more than a second menu

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("releases/", include("releases.urls")),
    path("", include("contacts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
