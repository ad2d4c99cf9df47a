"""The French catalogue is complete, and the compiled one shipped beside it says the same.

A fresh clone shows French without GNU gettext because `django.mo` is committed; these tests
make sure it is never stale and that no string of the code or templates lacks a translation.
Update the catalogue with `DEBUG=true .venv/bin/python manage.py makemessages -l fr
--ignore=.venv`, translate, then `manage.py compilemessages -l fr`.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
# What makemessages reads: the project's own code and templates.
SOURCES = ["manage.py", "pressroom", "releases", "contacts", "templates"]


def entries(catalogue) -> dict:
    """(context, text, plural) -> translation(s), for every live entry but the header."""
    found = {}
    for entry in catalogue:
        if entry.obsolete or not entry.msgid:
            continue
        key = (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
        if entry.msgid_plural:
            found[key] = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            found[key] = entry.msgstr
    return found


def describe(keys) -> str:
    return "\n".join(f"  {context + ' | ' if context else ''}{text!r}" for context, text, _ in sorted(keys))


def test_the_shipped_compiled_catalogue_matches_the_french_one():
    written, compiled = polib.pofile(str(CATALOGUE)), polib.mofile(str(COMPILED))
    written_entries, compiled_entries = entries(written), entries(compiled)
    stale = {key for key in written_entries if compiled_entries.get(key) != written_entries[key]}
    assert not stale, (
        "locale/fr/LC_MESSAGES/django.mo is out of date for:\n"
        + describe(stale)
        + "\nRun `DEBUG=true .venv/bin/python manage.py compilemessages -l fr` and commit django.mo."
    )
    assert set(compiled_entries) == set(written_entries)
    assert (
        compiled.metadata["Plural-Forms"] == written.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    )


def test_every_french_entry_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [
        (e.msgctxt or "", e.msgid, "")
        for e in catalogue
        if not e.obsolete and (not e.translated() or any(not s for s in e.msgstr_plural.values()))
    ]
    fuzzy = [(e.msgctxt or "", e.msgid, "") for e in catalogue.fuzzy_entries()]
    assert not untranslated, "Untranslated in locale/fr:\n" + describe(untranslated)
    assert not fuzzy, "Fuzzy (to check, then unflag) in locale/fr:\n" + describe(fuzzy)
    assert not catalogue.metadata_is_fuzzy


def test_every_translatable_string_of_the_code_and_templates_has_a_french_entry(tmp_path):
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        pytest.fail(
            "GNU gettext is missing, so the strings of the code cannot be extracted to check the "
            "catalogue: install it (`apt-get install gettext`; `make test` does it when run as root)."
        )
    for name in SOURCES:
        source = Path(settings.BASE_DIR) / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / name)
    (tmp_path / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "pressroom.settings.test", "PYTHONPATH": str(tmp_path)}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    extracted = set(entries(polib.pofile(str(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po"))))
    shipped = set(entries(polib.pofile(str(CATALOGUE))))
    assert not extracted - shipped, (
        "Strings with no French entry (run makemessages -l fr, translate, compilemessages):\n"
        + describe(extracted - shipped)
    )
    assert not shipped - extracted, (
        "French entries for strings the code no longer has (run makemessages -l fr):\n"
        + describe(shipped - extracted)
    )


def test_french_labels_come_from_the_shipped_catalogue():
    with translation.override("fr"):
        assert translation.gettext("Press release") == "Communiqué de presse"
        assert translation.pgettext("contact", "Phone") == "Tél."
