"""The list's topic filter offers the topics with a public release: one probe a topic, which
stops at its first release only with an index that leads with the topic and holds the release
(70 ms over 3 million links at a million releases with the topic's own index; 0.5 ms with this)."""

from django.db import migrations

INDEX = "release_topics_topic_release_idx"


class Migration(migrations.Migration):
    dependencies = [("releases", "0016_release_agency_reference_idx")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON releases_release_topics (topic_id, release_id)",
            f"DROP INDEX {INDEX}",
        ),
    ]
