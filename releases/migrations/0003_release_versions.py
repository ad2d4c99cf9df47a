"""Language versions of a release: a translation points to its original, and knows which
change of the original it was last checked against."""

import django.db.models.deletion
from django.db import migrations, models


def link_versions_sharing_a_reference(apps, schema_editor):
    """The importer's English and French versions of a document share its reference: link them,
    the first imported as the original."""
    Release = apps.get_model("releases", "Release")
    groups = {}
    for release in Release.objects.exclude(reference_number="").order_by("pk"):
        key = (release.agency_id, release.reference_prefix, release.reference_number, release.reference_year)
        groups.setdefault(key, []).append(release)
    for original, *others in groups.values():
        for version in others:
            version.translation_of = original
            version.original_checked_at = original.content_changed_at
            version.save(update_fields=["translation_of", "original_checked_at"])


class Migration(migrations.Migration):
    dependencies = [("releases", "0002_search")]

    operations = [
        migrations.AddField(
            model_name="release",
            name="content_changed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="text changed"),
        ),
        migrations.AddField(
            model_name="release",
            name="content_digest",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="release",
            name="original_checked_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="original checked"
            ),
        ),
        migrations.AddField(
            model_name="release",
            name="translation_of",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="translations",
                to="releases.release",
                verbose_name="translation of",
            ),
        ),
        migrations.AddConstraint(
            model_name="release",
            constraint=models.CheckConstraint(
                condition=models.Q(("translation_of", models.F("pk")), _negated=True),
                name="release_not_its_own_translation",
                violation_error_message="A release cannot be a version of itself.",
            ),
        ),
        migrations.AddConstraint(
            model_name="release",
            constraint=models.UniqueConstraint(
                fields=("translation_of", "language"),
                name="release_one_version_per_language",
                violation_error_message="This release already has a version in this language.",
            ),
        ),
        migrations.RunPython(link_versions_sharing_a_reference, migrations.RunPython.noop),
    ]
