from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "releases"
    verbose_name = _("Publishing")

    def ready(self):
        from releases import caching
        from releases.search import signals  # noqa: F401  (keeps the search index in step)

        caching.connect_signals()  # a change the public may see moves the page cache's generation
