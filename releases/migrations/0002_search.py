"""Full-text search: PostgreSQL's text search configurations and GIN index, or SQLite's FTS5 table.

What each backend builds is in releases/search/postgres.py and releases/search/sqlite.py.
"""

import django.contrib.postgres.search
from django.db import migrations


def create_index(apps, schema_editor):
    from releases.search import backend_for

    backend_for(schema_editor.connection).create_index(schema_editor)


def drop_index(apps, schema_editor):
    from releases.search import backend_for

    backend_for(schema_editor.connection).drop_index(schema_editor)


def index_existing_releases(apps, schema_editor):
    from releases.search import reindex_all

    reindex_all(using=schema_editor.connection.alias, model=apps.get_model("releases", "Release"))


class Migration(migrations.Migration):
    dependencies = [("releases", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="release",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(index_existing_releases, migrations.RunPython.noop),
    ]
