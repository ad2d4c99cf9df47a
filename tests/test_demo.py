"""`make run` loads the demo: the seed through the importer, generated releases, logins."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from releases.management.commands import load_demo
from releases.models import Release

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_seed_two_hundred_releases_several_agencies_and_logins(client):
    out = StringIO()
    call_command("load_demo", "--i-know", stdout=out)

    seed = Release.objects.public().get(reference_number="083", reference_year=2013)
    assert seed.agency.acronym == "CNES" and seed.release_contacts.count() == 3
    assert Release.objects.public().count() >= 200
    assert Release.objects.public().values("agency").distinct().count() >= 5
    # Two drafts, one the editor submitted for review, an embargo.
    assert Release.objects.exclude(pk__in=Release.objects.public()).count() == 4
    assert Release.objects.in_review().get().events.get().user.username == "editor"
    assert Release.objects.embargoed().count() == 1
    # A Word document imported with no date: a draft whose notes tell the editor what to fill in.
    imported = Release.objects.get(sources__name="dlr-eiswolken-undated.docx")
    assert imported.status == Release.Status.DRAFT and imported.dateline_date is None
    assert [note.code for note in imported.sources.get().review_notes] == ["no_date"]
    assert imported.language == "de" and imported.agency.acronym == "DLR"
    line = "dlr-eiswolken-undated.docx: draft, needs review (no date) /admin/releases/release/"
    assert line in out.getvalue()
    assert "editor / pressroom-demo" in out.getvalue()
    editor = get_user_model().objects.get(username="editor")
    response = client.post("/admin/login/", {"username": "editor", "password": "pressroom-demo"})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(editor.pk)
    assert editor.has_perm("releases.change_release") and not editor.has_perm("contacts.change_agency")
    assert not editor.has_perm("releases.publish_release")
    publisher = get_user_model().objects.get(username="publisher")
    assert publisher.has_perm("releases.approve_release") and publisher.has_perm("releases.publish_release")
    assert "publisher / pressroom-demo" in out.getvalue()

    counts = Release.objects.count()
    call_command("load_demo", "--i-know", stdout=StringIO())  # `make run` again keeps the data
    assert Release.objects.count() == counts


def test_with_debug_off_the_demo_refuses_its_public_passwords_unless_told(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="passwords are public.*--i-know"):
        call_command("load_demo", releases=0, stdout=StringIO())
    assert not get_user_model().objects.exists() and not Release.objects.exists()

    settings.DEBUG = True  # a developer's machine
    call_command("load_demo", releases=0, stdout=StringIO())
    assert get_user_model().objects.filter(username__in=["editor", "pressoffice"]).count() == 2


def test_the_demo_reads_its_seed_from_the_app_not_from_the_tests():
    assert load_demo.SEED.is_file()
    assert "tests" not in load_demo.SEED.parts and load_demo.SEED.parts[-3:-1] == ("releases", "demo")
