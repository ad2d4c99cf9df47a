"""Nothing is lost: a dump restores every row, and every migration can be undone and redone.

An operator moves the press room to a new server (or from SQLite to PostgreSQL) with
`dumpdata` and `loaddata`; an operator rolls a deployment back with `migrate <app> <name>`.
Both run here on a realistic database: the demo (the seed imported, generated releases and
their language versions, the directory, the staff groups and logins) and, beside it, releases
in every state with quotes, mentions, contacts and topics, and text a paste brings (CRLF, tabs,
emoji, other scripts).
"""

import datetime
import json
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from contacts.models import Agency, Person
from releases import search
from releases.caching import ContentGeneration
from releases.models import AgencyMention, PersonMention, Release, Topic
from releases.search import backend_for
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    PressContactFactory,
    QuoteFactory,
    ReleaseContactFactory,
    ReleaseFactory,
    RoleFactory,
    TopicFactory,
)

PROJECT_APPS = ("contacts", "releases")
# What an operator dumps: the project's apps, the staff groups and logins, the admin's history.
# Content types and permissions are not dumped: `migrate` makes them, and the rows that point
# to them name them by natural key.
DUMPED = [*PROJECT_APPS, "auth.group", "auth.user", "admin.logentry"]
PASTED = "Première ligne\r\n\tindentée — 宇宙航空研究開発機構 🚀 مرحبا\u2028fin  "


def realistic_database():
    """The demo, and around it every state a release can be in, with everything it can hold."""
    call_command("load_demo", "--i-know", releases=12, stdout=StringIO())
    agency = AgencyFactory(name="Agence d’essai 試験", acronym="AE", description=PASTED, is_listed=False)
    speaker = PersonFactory(name="坂内正夫", name_latin="Masao Sakauchi")
    RoleFactory(person=speaker, agency=agency, title="Président", end_date=datetime.date(2020, 1, 1))
    contact = PressContactFactory(agency=agency, title=PASTED.strip(), is_active=False, is_listed=False)
    topics = [TopicFactory(name="Observation de la Terre"), TopicFactory(name="宇宙")]
    now = timezone.now()
    states = [
        {},
        {"draft": True},
        {"draft": True, "dateline_date": None},  # imported without a date
        {"in_review": True},
        {"approved": True},
        {"withdrawn": True, "withdrawn_reason": PASTED},
        {"published_at": now - datetime.timedelta(days=3), "forced_reason": PASTED},  # without review
        {"scheduled": True},
        {"embargoed": True},
        {
            "published_at": now - datetime.timedelta(days=400),
            "embargo_until": now - datetime.timedelta(days=1),
        },
    ]
    for n, state in enumerate(states):
        release = ReleaseFactory(
            agency=agency,
            title=f"Essai {n} — {PASTED.strip()}",
            lead=PASTED,
            body=f"{PASTED}\n\n- un\n- deux\n\n[lien](https://example.org/{n})",
            reference_prefix="ESS",
            reference_number=f"{n:03d}",
            reference_year=2024,
            press_site_url=f"https://example.org/presse/{n}",
            topics=topics,
            **state,
        )
        QuoteFactory(release=release, person=speaker, text=PASTED, order=2)
        QuoteFactory(release=release, text="Nous sommes ravis.", order=1)
        ReleaseContactFactory(release=release, contact=contact, order=1)
        AgencyMention.objects.create(release=release, agency=Agency.objects.exclude(pk=agency.pk).first())
        PersonMention.objects.create(release=release, person=speaker)
    # Two drafts and a public release with one title: drafts may share the public one's slug.
    for state in ({"draft": True}, {"draft": True}, {}):
        ReleaseFactory(agency=agency, title="Un même titre", **state)
    editor = get_user_model().objects.get(username="editor")
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Release),
        object_id=str(release.pk),
        object_repr=str(release)[:200],
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Title"]}}]',
    )
    # Checks that the data is what the test means it to be.
    visibilities = {r.visibility() for r in Release.objects.all()}
    assert visibilities == set(Release.Visibility), visibilities
    assert Release.objects.exclude(translation_of=None).exists()
    assert Group.objects.count() >= 2 and get_user_model().objects.filter(groups__isnull=False).exists()


def in_milliseconds(row: dict) -> dict:
    """Times as Django's JSON keeps them: to the millisecond (ECMA-262), as browsers do."""
    return {
        name: value.replace(microsecond=value.microsecond // 1000 * 1000)
        if isinstance(value, datetime.datetime | datetime.time)
        else value
        for name, value in row.items()
    }


def snapshot(*, json_times: bool = True) -> dict[str, list]:
    """Every row of the project's tables (many-to-many tables included), and the staff's groups,
    logins and history named by their natural keys (their ids are the database's business)."""
    exact = (lambda row: row) if not json_times else in_milliseconds
    User = get_user_model()
    usernames = dict(User.objects.values_list("pk", "username"))
    rows = {}
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model is ContentGeneration:  # the page cache's: it moves on as rows load, and is no data
                continue
            if model._meta.auto_created:  # a many-to-many table: its pairs (dumps hold no ids for them)
                pairs = model._default_manager.values_list(*(f.attname for f in model._meta.fields[1:]))
                rows[model._meta.label] = sorted(pairs)
                continue
            # Logins by their names: a dump gives them by natural key, and they come back with new ids.
            by_user = [f.attname for f in model._meta.fields if f.is_relation and f.related_model is User]
            rows[model._meta.label] = [
                exact(row | {name: usernames.get(row[name]) for name in by_user})
                for row in model._default_manager.order_by("pk").values()
            ]
    rows["auth.group"] = sorted(
        (group.name, sorted(group.permissions.values_list("content_type__app_label", "codename")))
        for group in Group.objects.all()
    )
    users = []
    for user in get_user_model().objects.order_by("username"):
        fields = {
            f.attname: getattr(user, f.attname) for f in user._meta.concrete_fields if f.attname != "id"
        }
        fields["groups"] = sorted(user.groups.values_list("name", flat=True))
        users.append(exact(fields))
    rows["auth.user"] = users
    rows["admin.logentry"] = [
        exact(
            {
                "id": entry.pk,
                "action_time": entry.action_time,
                "user": entry.user.username,
                "content_type": entry.content_type.natural_key(),
                "object_id": entry.object_id,
                "object_repr": entry.object_repr,
                "action_flag": entry.action_flag,
                "change_message": entry.change_message,
            }
        )
        for entry in LogEntry.objects.select_related("user", "content_type").order_by("pk")
    ]
    return rows


def found(words: str) -> set[int]:
    return set(search.search(Release.objects.all(), search.parse(words)).values_list("pk", flat=True))


def empty_search_index():
    """As in a new database: the search index made by migrate, and nothing in it."""
    backend = backend_for(connection)
    with connection.schema_editor() as editor:
        backend.drop_index(editor)
        backend.create_index(editor)
    if connection.vendor == "postgresql":
        Release.objects.update(search_vector=None)


def without_index(dump):
    objects = json.loads(dump.read_text())
    for obj in objects:
        if obj["model"] == "releases.release":
            obj["fields"]["search_vector"] = None
    dump.write_text(json.dumps(objects))


@pytest.mark.django_db(transaction=True)
def test_a_dump_restores_every_row_and_the_search_finds_the_same_releases(tmp_path):
    realistic_database()
    before = snapshot()
    searches = {
        words: found(words) for words in ("Sakauchi", "ravis", "CNES", "PR083", "宇宙航空研究開発機構")
    }
    assert all(searches.values()), searches

    dump = tmp_path / "pressroom.json"
    call_command("dumpdata", *DUMPED, natural_foreign=True, natural_primary=True, indent=1, output=str(dump))
    call_command("flush", interactive=False)
    assert not Release.objects.exists() and not Agency.objects.exists() and not Person.objects.exists()
    # What a new database has: an empty index. And what a dump from SQLite holds: no index.
    empty_search_index()
    without_index(dump)
    call_command("loaddata", str(dump), stdout=StringIO())

    assert snapshot() == before
    assert {words: found(words) for words in searches} == searches


@pytest.mark.django_db(transaction=True)
def test_a_restored_database_takes_new_releases_without_colliding(tmp_path):
    """After loaddata the databases' sequences follow the restored ids: the next release saves."""
    realistic_database()
    dump = tmp_path / "pressroom.json"
    call_command("dumpdata", *DUMPED, natural_foreign=True, natural_primary=True, output=str(dump))
    call_command("flush", interactive=False)
    call_command("loaddata", str(dump), stdout=StringIO())
    release = ReleaseFactory(agency=Agency.objects.first(), title="After the restore")
    topic = Topic.objects.create(name="After the restore")
    assert release.pk > max(Release.objects.exclude(pk=release.pk).values_list("pk", flat=True))
    assert topic.pk and found("restore") == {release.pk}


# --- Migrations, backward and forward -------------------------------------------------------


def latest_migrations() -> dict[str, str]:
    executor = MigrationExecutor(connection)
    return {app: name for app, name in executor.loader.graph.leaf_nodes() if app in PROJECT_APPS}


def project_schema() -> dict[str, tuple]:
    """The project's tables, each with its columns and its constraints and indexes by name."""
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if t.startswith(PROJECT_APPS)]
        schema = {}
        for table in sorted(tables):
            columns = sorted(c.name for c in connection.introspection.get_table_description(cursor, table))
            constraints = connection.introspection.get_constraints(cursor, table)
            schema[table] = (columns, sorted(constraints))
    return schema


def migrate(*args):
    call_command("migrate", *args, interactive=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_every_project_app_migrates_back_to_zero_and_forward_again():
    schema = project_schema()
    assert schema
    try:
        for app in reversed(PROJECT_APPS):  # releases depends on contacts
            migrate(app, "zero")
        assert project_schema() == {}, "tables left behind by migrating back to zero"
        if connection.vendor == "sqlite":
            assert "releases_release_fts" not in connection.introspection.table_names()
        else:
            with connection.cursor() as cursor:
                cursor.execute("SELECT cfgname FROM pg_ts_config WHERE cfgname LIKE 'pressroom_%'")
                assert cursor.fetchall() == []
    finally:
        migrate()  # the database stays migrated for the tests that follow, whatever happened
    assert project_schema() == schema
    release = ReleaseFactory(title="Migrated forward again")
    assert found("forward") == {release.pk}


def migrations_of(app: str) -> list[str]:
    executor = MigrationExecutor(connection)
    return sorted(name for label, name in executor.loader.graph.nodes if label == app)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("app", PROJECT_APPS)
def test_each_migration_undoes_and_redoes_with_data_in_the_tables(app):
    """Step back one migration at a time, with the demo's data in place, then forward again:
    no step fails, and the rows (and the search) are as they were, save what the undone
    migrations added and their data migrations fill again."""
    realistic_database()
    rows = snapshot(json_times=False)
    seed_search = found("Sakauchi")
    names = migrations_of(app)
    latest = latest_migrations()
    try:
        for target in reversed(names[:-1]):  # never to zero: that drops the tables and the data
            migrate(app, target)
            added = columns_not_applied()
            dropped = {label for label, table in project_tables().items() if table not in existing_tables()}
            migrate()
            after = snapshot(json_times=False)
            assert after.keys() == rows.keys()
            for label, before_rows in rows.items():
                if label in dropped:  # a table an undone migration made comes back empty, or a
                    # history with each row's first record, as it stood (made by that migration)
                    assert all(first_history_record(row) for row in after[label]), (target, label)
                    continue
                if label.startswith(("auth.", "admin.")) or not all(isinstance(r, dict) for r in before_rows):
                    assert after[label] == before_rows, (target, label)  # staff rows, many-to-many pairs
                    continue
                assert len(after[label]) == len(before_rows), (target, label)
                for old, new in zip(before_rows, after[label], strict=True):
                    lost = {k for k in old if old[k] != new.get(k) and not explained(k, old, new)}
                    # A column an undone migration added comes back as that migration makes it.
                    lost -= added.get(label, set())
                    assert not lost, (target, label, {k: (old[k], new.get(k)) for k in lost})
            assert found("Sakauchi") == seed_search, target
    finally:
        migrate()
    assert latest_migrations() == latest


def first_history_record(row) -> bool:
    """A history record the migration that made the history wrote: the row as it stood."""
    return row.get("history_type") == "+" and row.get("history_change_reason") == HISTORY_BEGINS


HISTORY_BEGINS = "History begins: the row as it stood"  # contacts 0004, releases 0008


# Columns a migration adds and fills (or leaves for the next save): undone and redone, they
# hold what the migration computes, not necessarily what they held.
DERIVED_OR_REFILLED = {
    "search_vector",  # the index, rebuilt by releases 0002
    "content_changed_at",  # releases 0003: set on the next change of text
    "content_digest",
    "original_checked_at",
}


def project_tables() -> dict[str, str]:
    return {
        model._meta.label: model._meta.db_table
        for label in PROJECT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


def existing_tables() -> set[str]:
    return set(connection.introspection.table_names())


def columns_not_applied() -> dict[str, set[str]]:
    """The fields each model has in the code and not in the database as migrated now: what
    undoing migrations dropped (their values cannot outlive their columns; the rows stay)."""
    loader = MigrationExecutor(connection).loader
    then = loader.project_state(list(loader.applied_migrations)).apps
    now = loader.project_state().apps
    added = {}
    for model in now.get_models():
        label = model._meta.label
        try:
            before = {field.attname for field in then.get_model(label)._meta.concrete_fields}
        except LookupError:
            continue  # a table of its own: dropped and made again, checked as such
        # As the rows name them: a foreign key by its column ("created_by_id").
        added[label] = {field.attname for field in model._meta.concrete_fields} - before
    return added


def explained(name: str, old: dict, new: dict) -> bool:
    """A change that undoing a migration must make: slugs were unique before releases 0005, so
    a hidden release sharing a public one's slug takes "-2" (its address was never public);
    before releases 0006 every release had a date, so an undated draft takes its creation day;
    before releases 0008 there was no approval nor withdrawal: approved is in review again, and
    withdrawn a draft (hidden still)."""
    if name in DERIVED_OR_REFILLED:
        return True
    if name == "status" and old[name] in ("approved", "withdrawn"):
        return new[name] == {"approved": "review", "withdrawn": "draft"}[old[name]]
    if name == "dateline_date" and old[name] is None:
        return new[name] is not None and old.get("status") != "published"
    return name == "slug" and old.get("status") != "published" and new[name].startswith(f"{old[name]}-")
