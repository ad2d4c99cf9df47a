from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "contacts"
    verbose_name = _("Directory")

    def ready(self):
        from contacts.groups import ensure_staff_groups

        # After releases' migrations too, so that every permission the groups need exists.
        post_migrate.connect(ensure_staff_groups, sender=self.apps.get_app_config("releases"))
