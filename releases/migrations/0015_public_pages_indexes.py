"""Public pages at any size: the indexes they walk hold what public() reads, so PostgreSQL
counts and filters from the index alone; and, on PostgreSQL, the function that gives a
bounded count its estimate in the same statement (releases/search/postgres.py)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def create_functions(apps, schema_editor):
    from releases.search import backend_for

    backend_for(schema_editor.connection).create_functions(schema_editor)


def drop_functions(apps, schema_editor):
    from releases.search import backend_for

    backend_for(schema_editor.connection).drop_functions(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0005_history'),
        ('releases', '0014_page_cache'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='release',
            name='release_newest_first_idx',
        ),
        migrations.AlterField(
            model_name='agencymention',
            name='agency',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, to='contacts.agency'),
        ),
        migrations.AlterField(
            model_name='personmention',
            name='person',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, to='contacts.person'),
        ),
        migrations.AlterField(
            model_name='quote',
            name='person',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='quotes', to='contacts.person', verbose_name='person quoted'),
        ),
        migrations.AlterField(
            model_name='release',
            name='agency',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='releases', to='contacts.agency', verbose_name='issuing agency'),
        ),
        migrations.AddIndex(
            model_name='agencymention',
            index=models.Index(fields=['agency', 'release'], name='agency_mention_releases_idx'),
        ),
        migrations.AddIndex(
            model_name='personmention',
            index=models.Index(fields=['person', 'release'], name='person_mention_releases_idx'),
        ),
        migrations.AddIndex(
            model_name='quote',
            index=models.Index(fields=['person', 'release'], name='quote_person_releases_idx'),
        ),
        migrations.AddIndex(
            model_name='release',
            index=models.Index(fields=['-dateline_date', '-published_at', '-id'], include=('status', 'embargo_until', 'agency'), name='release_newest_first_idx'),
        ),
        migrations.AddIndex(
            model_name='release',
            index=models.Index(fields=['agency', '-dateline_date', '-published_at', '-id'], include=('status', 'embargo_until'), name='release_agency_newest_idx'),
        ),
        migrations.RunPython(create_functions, drop_functions),
    ]
