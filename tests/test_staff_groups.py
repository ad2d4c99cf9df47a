"""`migrate` makes the staff groups; taking auth's tables away and back again works too."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from contacts.groups import EDITORS, PRESS_OFFICE


@pytest.mark.django_db(transaction=True)
def test_migrate_auth_to_zero_and_back_leaves_the_staff_groups_in_place():
    call_command("migrate", "auth", "zero", verbosity=0, stdout=StringIO())
    assert "auth_group" not in connection.introspection.table_names()

    call_command("migrate", verbosity=0, stdout=StringIO())
    editors = Group.objects.get(name=EDITORS)
    assert editors.permissions.filter(codename="change_release").exists()
    assert Group.objects.get(name=PRESS_OFFICE).permissions.filter(codename="change_agency").exists()
