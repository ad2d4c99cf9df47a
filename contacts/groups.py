"""Staff groups, each with exactly the permissions its job needs."""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

# Press-office staff keep the directory up to date and never touch releases.
PRESS_OFFICE = "Press office"
# Editors write releases and submit them for review; they read the directory to pick contacts.
EDITORS = "Editors"
# Publishers are the second pair of eyes: they approve, publish or schedule, correct and
# withdraw releases (releases/services/workflow.py), and edit them on the way.
PUBLISHERS = "Publishers"

# What a release is made of besides itself: its quotes, topics, contacts and mentions.
RELEASE_PARTS = ("quote", "topic", "releasecontact", "agencymention", "personmention")
DIRECTORY = ("agency", "person", "role", "presscontact")

GROUP_PERMISSIONS = {
    PRESS_OFFICE: {
        "contacts": {model: ("add", "change", "delete", "view") for model in DIRECTORY},
    },
    EDITORS: {
        # Submitting a draft takes change_release; publishing takes a publisher. A draft that
        # never went out may be deleted (releases/services/rules.py, may_delete).
        "releases": {"release": ("add", "change", "delete", "view")}
        | {model: ("add", "change", "delete", "view") for model in RELEASE_PARTS}
        | {"sourcedocument": ("view",)},  # the documents releases were imported from (downloads)
        "contacts": {model: ("view",) for model in DIRECTORY},
    },
    PUBLISHERS: {
        "releases": {
            "release": (
                "change",
                "view",
                "approve",
                "publish",
                "correct",
                "withdraw",
                "force_publish",
            )
        }
        | {model: ("add", "change", "delete", "view") for model in RELEASE_PARTS}
        | {"sourcedocument": ("view",)},
        "contacts": {model: ("view",) for model in DIRECTORY},
    },
}


def ensure_staff_groups(*, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """Create or repair the staff groups (runs after every migrate).

    Works on the models as the migrations left them (`apps`), like Django's own permissions
    hook: after `migrate auth zero` there are no groups to repair, and the `migrate` that
    brings auth back makes them again.
    """
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    for name, app_models in GROUP_PERMISSIONS.items():
        codenames = [
            (app, f"{action}_{model}")
            for app, models in app_models.items()
            for model, actions in models.items()
            for action in actions
        ]
        permissions = [
            Permission.objects.using(using).get(content_type__app_label=app, codename=codename)
            for app, codename in codenames
        ]
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(permissions)
