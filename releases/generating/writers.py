"""Generated releases written to the database, a batch to a transaction: whole or not at all.

- `write_with_orm`: bulk_create and the search index's own reindex, on any database.
- `CopyWriter` (PostgreSQL): each batch copied into a staging table and inserted from there with
  its search vector computed in the same statement (releases/search/postgres.py's formula); the
  release table's non-unique indexes, the search index among them, dropped first and built once
  at the end (also after an error or an interruption); the rows written by other threads, each with its
  own connection, while the next batch is generated.
"""

import queue
import threading
from contextlib import contextmanager

from django.db import connections, transaction

from releases.generating.archive import GeneratedRelease
from releases.models import AgencyMention, PersonMention, Quote, Release, ReleaseContact
from releases.search import postgres
from releases.search import reindex as search_reindex

LINKS = {
    "agencies": (AgencyMention, ["release_id", "agency_id"]),
    "people": (PersonMention, ["release_id", "person_id"]),
    "contacts": (ReleaseContact, ["release_id", "contact_id", "order"]),
    "topics": (Release.topics.through, ["release_id", "topic_id"]),
    "quotes": (Quote, ["release_id", "person_id", "text", "speaker_title", "order"]),
}


def link_rows(release_id: int, generated: GeneratedRelease) -> dict[str, list[tuple]]:
    """The rows of each link table for one release, in LINKS' columns."""
    return {
        "agencies": [(release_id, pk) for pk in generated.agencies],
        "people": [(release_id, pk) for pk in generated.people],
        "contacts": [(release_id, pk, order) for order, pk in enumerate(generated.contacts)],
        "topics": [(release_id, pk) for pk in generated.topics],
        "quotes": [
            (release_id, pk, text, title, order) for order, (pk, text, title) in enumerate(generated.quotes)
        ],
    }


def links_of(pairs) -> dict[str, list[tuple]]:
    """The rows of each link table for (release id, generated release) pairs."""
    rows: dict[str, list[tuple]] = {name: [] for name in LINKS}
    for release_id, generated in pairs:
        for name, more in link_rows(release_id, generated).items():
            rows[name] += more
    return rows


def write_with_orm(batch: list[GeneratedRelease], using: str = "default"):
    """One batch with bulk_create (any database), then indexed for search."""
    with transaction.atomic(using=using):
        releases = Release.objects.using(using).bulk_create([Release(**g.fields) for g in batch])
        rows = links_of((release.pk, generated) for release, generated in zip(releases, batch, strict=True))
        for name, (model, columns) in LINKS.items():
            model.objects.using(using).bulk_create(
                [model(**dict(zip(columns, row, strict=True))) for row in rows[name]]
            )
        search_reindex([release.pk for release in releases], using=using)


class CopyWriter:
    """PostgreSQL: batches COPYed in by writer threads (to_tsvector takes most of the time: one
    database process each), the indexes built once at the end."""

    STAGING = "generated_release"

    def __init__(self, using: str = "default", threads: int = 2):
        self.using, self.threads = using, threads
        fields = [f for f in Release._meta.concrete_fields if f.attname not in {"id", "search_vector"}]
        self.columns = [f.attname for f in fields]  # besides the id
        self.defaults = {f.attname: f.get_default() for f in fields}
        self.defaults["mentions_declined"] = "{}"  # JSON, as COPY reads it
        self.batches: queue.Queue = queue.Queue(maxsize=threads + 1)
        self.error: BaseException | None = None

    @contextmanager
    def writing(self):
        """Drop the indexes, start the writer thread; at the end wait for it and build the indexes."""
        dropped = self.drop_indexes()
        threads = [threading.Thread(target=self.run, daemon=True) for _ in range(self.threads)]
        for thread in threads:
            thread.start()
        try:
            yield self
        finally:
            for _thread in threads:
                self.batches.put(None)
            for thread in threads:
                thread.join()
            self.build_indexes(dropped)
        if self.error:
            raise self.error

    def put(self, batch: list[GeneratedRelease]):
        if self.error:
            raise self.error
        self.batches.put(batch)

    def run(self):
        try:
            self.create_staging()
            while (batch := self.batches.get()) is not None:
                if not self.error:
                    self.write(batch)
        except BaseException as error:  # told to the generating thread at its next batch
            self.error = error
            while self.batches.get() is not None:  # let the generating thread finish its puts
                pass
        finally:
            connections[self.using].close()

    def cursor(self):
        return connections[self.using].cursor()

    def create_staging(self):
        columns = ", ".join(f'"{c}"' for c in ["id", *self.columns])
        with self.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMP TABLE {self.STAGING} AS "
                f"SELECT {columns} FROM {Release._meta.db_table} WITH NO DATA"
            )
            cursor.execute(
                f"ALTER TABLE {self.STAGING} ADD COLUMN s_config regconfig, ADD COLUMN s_title text, "
                "ADD COLUMN s_lead text, ADD COLUMN s_text text, ADD COLUMN s_names text"
            )

    def write(self, batch: list[GeneratedRelease]):
        table, staging = Release._meta.db_table, self.STAGING
        columns, defaults = self.columns, self.defaults
        names = ", ".join(f'"{c}"' for c in ["id", *columns])
        vector = postgres.vector_sql("s", prefix="s_")
        with transaction.atomic(using=self.using), self.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, len(batch)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            with cursor.copy(
                f"COPY {staging} ({names}, s_config, s_title, s_lead, s_text, s_names) FROM STDIN"
            ) as copy:
                for pk, generated in zip(ids, batch, strict=True):
                    fields, document = generated.fields, generated.search
                    copy.write_row(
                        [
                            pk,
                            *(fields[c] if c in fields else defaults[c] for c in columns),
                            postgres.config_for(document.language),
                            document.title,
                            document.lead,
                            document.text,
                            document.names,
                        ]
                    )
            cursor.execute(
                f"INSERT INTO {table} ({names}, search_vector) SELECT {names}, {vector} FROM {staging} AS s"
            )
            cursor.execute(f"TRUNCATE {staging}")
            links = links_of(zip(ids, batch, strict=True))
            for name, (model, link_columns) in LINKS.items():
                quoted = ", ".join(
                    f'"{model._meta.get_field(c.removesuffix("_id")).column}"' for c in link_columns
                )
                with cursor.copy(f"COPY {model._meta.db_table} ({quoted}) FROM STDIN") as copy:
                    for row in links[name]:
                        copy.write_row(row)

    def drop_indexes(self) -> list[tuple[str, str]]:
        """The release table's non-unique indexes, dropped: (name, definition) to build again."""
        with self.cursor() as cursor:
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = %s::regclass "
                "AND NOT x.indisunique AND NOT x.indisprimary",
                [Release._meta.db_table],
            )
            dropped = cursor.fetchall()
            for name, _definition in dropped:
                cursor.execute(f'DROP INDEX "{name}"')
        return dropped

    def build_indexes(self, dropped: list[tuple[str, str]]):
        with self.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for _name, definition in dropped:
                cursor.execute(definition)
            cursor.execute(f"ANALYZE {Release._meta.db_table}")
