"""`migrate` makes the staff groups; taking auth's tables away and back again works too.

Editors write and submit, publishers approve, publish, correct and withdraw, the press office
keeps the directory: each group holds exactly the permissions of its job."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from contacts.groups import EDITORS, PRESS_OFFICE, PUBLISHERS

WORKFLOW = {
    "approve_release",
    "publish_release",
    "correct_release",
    "withdraw_release",
    "force_publish_release",
}


def codenames(group_name: str) -> set[str]:
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


@pytest.mark.django_db(transaction=True)
def test_migrate_auth_to_zero_and_back_leaves_the_staff_groups_in_place():
    call_command("migrate", "auth", "zero", verbosity=0, stdout=StringIO())
    assert "auth_group" not in connection.introspection.table_names()

    call_command("migrate", verbosity=0, stdout=StringIO())
    editors = Group.objects.get(name=EDITORS)
    assert editors.permissions.filter(codename="change_release").exists()
    assert Group.objects.get(name=PRESS_OFFICE).permissions.filter(codename="change_agency").exists()
    assert WORKFLOW <= codenames(PUBLISHERS)


@pytest.mark.django_db
def test_editors_write_and_submit_but_never_publish():
    editors = codenames(EDITORS)
    assert {"add_release", "change_release", "view_release", "add_quote", "view_agency"} <= editors
    assert not editors & WORKFLOW
    assert "change_agency" not in editors


@pytest.mark.django_db
def test_publishers_approve_publish_correct_and_withdraw_but_write_no_new_release():
    publishers = codenames(PUBLISHERS)
    assert WORKFLOW | {"change_release", "view_release", "change_quote"} <= publishers
    assert not {"add_release", "delete_release", "change_agency"} & publishers


@pytest.mark.django_db
def test_the_press_office_keeps_the_directory_and_nothing_of_releases():
    press_office = codenames(PRESS_OFFICE)
    assert {"add_agency", "change_presscontact", "delete_person", "view_role"} <= press_office
    assert not {name for name in press_office if name.endswith(("release", "quote", "topic"))}
