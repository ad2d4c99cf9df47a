from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from releases.importing import Directory, release_import_file

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "cnes-pr083-2013.txt"


@pytest.fixture
def seed_release(db):
    """The CNES seed, imported through the project's own importer."""
    return release_import_file(path=SEED, directory=Directory(), publish=True).release


@pytest.fixture
def write_document(tmp_path):
    """Write a document to a file and return its path."""

    def write(text: str, name: str = "release.txt", newline: str = "\n") -> Path:
        path = tmp_path / name
        path.write_bytes(text.replace("\n", newline).encode("utf-8"))
        return path

    return write


@pytest.fixture
def staff(django_user_model):
    """A staff account in one of the staff groups ("Editors", "Press office")."""

    def make(group_name):
        user = django_user_model.objects.create_user(
            username=group_name.lower().replace(" ", ""), password="pw", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make
