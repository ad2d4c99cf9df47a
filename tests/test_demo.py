"""`make run` loads the demo: the seed through the importer, generated releases, logins."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from releases.models import Release

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_seed_two_hundred_releases_several_agencies_and_logins(client):
    out = StringIO()
    call_command("load_demo", stdout=out)

    seed = Release.objects.public().get(reference_number="083", reference_year=2013)
    assert seed.agency.acronym == "CNES" and seed.release_contacts.count() == 3
    assert Release.objects.public().count() >= 200
    assert Release.objects.public().values("agency").distinct().count() >= 5
    assert Release.objects.exclude(pk__in=Release.objects.public()).count() == 2  # a draft, an embargo
    assert "editor / pressroom-demo" in out.getvalue()
    editor = get_user_model().objects.get(username="editor")
    assert client.login(username="editor", password="pressroom-demo")
    assert editor.has_perm("releases.change_release") and not editor.has_perm("contacts.change_agency")

    counts = Release.objects.count()
    call_command("load_demo", stdout=StringIO())  # `make run` again keeps the data
    assert Release.objects.count() == counts
