"""Staff groups, each with exactly the permissions its job needs."""

from django.contrib.auth.models import Group, Permission

# Press-office staff keep the directory up to date and never touch releases.
PRESS_OFFICE = "Press office"
# Editors write and publish releases; they read the directory to pick contacts.
EDITORS = "Editors"

GROUP_PERMISSIONS = {
    PRESS_OFFICE: {
        "contacts": {
            model: ("add", "change", "delete", "view")
            for model in ("agency", "person", "role", "presscontact")
        },
    },
    EDITORS: {
        "releases": {
            model: ("add", "change", "delete", "view")
            for model in ("release", "quote", "topic", "releasecontact", "agencymention", "personmention")
        },
        "contacts": {model: ("view",) for model in ("agency", "person", "role", "presscontact")},
    },
}


def ensure_staff_groups(**kwargs):
    """Create or repair the staff groups (runs after every migrate)."""
    for name, apps in GROUP_PERMISSIONS.items():
        codenames = [
            (app, f"{action}_{model}")
            for app, models in apps.items()
            for model, actions in models.items()
            for action in actions
        ]
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in codenames
        ]
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
