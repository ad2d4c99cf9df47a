"""SQLite (the demo): an FTS5 table beside the releases, written with the same documents.

Words are stemmed (Porter) and read without their accents; bm25 ranks with the same weights
as PostgreSQL, title over lead over text over names.
"""

from django.db import connections
from django.db.models.expressions import RawSQL

from releases.search.document import MARK_END, MARK_START, SearchDocument
from releases.search.query import SearchQuery

TABLE = "releases_release_fts"
MATCHING = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s"


def create_index(schema_editor):
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
        "title, lead, text, names, tokenize = 'porter unicode61 remove_diacritics 2')"
    )


def drop_index(schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def write(model, documents: list[SearchDocument], using: str):
    with connections[using].cursor() as cursor:
        delete([document.release_id for document in documents], using)
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, title, lead, text, names) VALUES (%s, %s, %s, %s, %s)",
            [(d.release_id, d.title, d.lead, d.text, d.names) for d in documents],
        )


def delete(ids, using: str):
    with connections[using].cursor() as cursor:
        cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(pk,) for pk in ids])


def matching(queryset, query: SearchQuery):
    return queryset.filter(pk__in=RawSQL(MATCHING, [query.to_fts5()]))


# The candidates' columns rank_sql() reads, besides CANDIDATE_COLUMNS: none, bm25 reads the FTS table.
RANKED_COLUMNS = ()


def rank_sql(query: SearchQuery, alias: str) -> tuple[str, list]:
    """bm25 with PostgreSQL's weights, boosted for recent releases: SQL over the candidates'
    columns, named `alias`."""
    relevance = (
        f"(SELECT -bm25({TABLE}, 1.0, 0.4, 0.2, 0.1) FROM {TABLE} "
        f"WHERE {TABLE} MATCH %s AND {TABLE}.rowid = {alias}.id)"
    )
    recency = f"(1.0 + MAX(julianday('now') - julianday({alias}.dateline_date), 0) / 730.0)"
    return f"{relevance} / {recency}", [query.to_fts5()]


def snippets(model, ids, query: SearchQuery, using: str) -> dict[int, str]:
    ids = list(ids)
    if not ids:
        return {}
    placeholders = ", ".join(["%s"] * len(ids))
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, snippet({TABLE}, 1, %s, %s, ' … ', 30), snippet({TABLE}, 2, %s, %s, ' … ', 30) "
            f"FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid IN ({placeholders})",
            [MARK_START, MARK_END, MARK_START, MARK_END, query.to_fts5(), *ids],
        )
        # As PostgreSQL's: from the lead where the words are there, else from the text.
        return {pk: lead if MARK_START in lead else text for pk, lead, text in cursor.fetchall()}


def estimate_sql(connection, sql: str, params) -> tuple[str, list]:
    """SQLite keeps no statistics to estimate with."""
    return "NULL", []


def create_functions(schema_editor):
    """Nothing to create: SQLite gives no estimate."""


def drop_functions(schema_editor):
    """Nothing was created."""


def bounded_count(queryset, limit: int) -> tuple[int, None]:
    """How many rows `queryset` holds, counted up to `limit` + 1 and no further."""
    return queryset.order_by().values("pk")[: limit + 1].count(), None
