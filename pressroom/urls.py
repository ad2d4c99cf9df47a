from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from releases.views import HomeView

admin.site.site_header = _("Pressroom administration")
admin.site.site_title = _("Pressroom")
admin.site.index_title = _("Press room")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("releases/", include("releases.urls")),
    path("", include("contacts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
