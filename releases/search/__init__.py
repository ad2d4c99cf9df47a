"""Full-text search of releases: one interface, a backend per database.

- `parse(text)` reads what a journalist typed (releases/search/query.py).
- `search(queryset, query)` narrows a queryset (which starts from public()) to the matching
  releases; `ranked(matches, query)` orders them by relevance with a recency boost.
- `snippets(releases, query)` gives each release's highlighted, escaped excerpt.
- `reindex(ids)` keeps the index current; releases/search/signals.py calls it whenever a
  release, its quotes or mentions, or a name in the directory changes.
"""

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import OperationalError, connections, router, transaction
from django.utils.html import escape
from django.utils.safestring import mark_safe

from releases.caching import public_content_changed
from releases.search import postgres, sqlite
from releases.search.document import MARK_END, MARK_START, documents, plain_text
from releases.search.query import MAX_LENGTH, SearchQuery, parse

__all__ = [
    "MAX_LENGTH",
    "SearchQuery",
    "SearchTooBroad",
    "batch",
    "parse",
    "ranked",
    "reindex",
    "search",
    "snippets",
    "time_limit",
]

# Relevance is ranked among the newest matches, so a common word costs what a rare one does.
CANDIDATES = 1000
# What ranking a candidate reads, besides each backend's own (RANKED_COLUMNS): the recency boost
# and the order of equal ranks.
CANDIDATE_COLUMNS = ("id", "language", "dateline_date", "published_at")
# A search's queries stop after this long (PostgreSQL): a phrase of common words that never
# occur together would otherwise read the whole archive, holding a worker for seconds.
TIME_LIMIT_MS = 500


class SearchTooBroad(Exception):
    """The search ran out of time: the journalist is asked for narrower words."""


@contextmanager
def time_limit(milliseconds: int | None = None):
    """Run a search's queries (and the rendering that reads them) within a time limit.

    PostgreSQL cancels any statement that runs longer; SQLite interrupts the search once the
    time is spent. Either way SearchTooBroad says so.
    """
    milliseconds = milliseconds or TIME_LIMIT_MS
    connection = connections[router.db_for_read(_release_model())]
    try:
        if connection.vendor == "postgresql":
            with transaction.atomic(using=connection.alias):
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('statement_timeout', %s, true)", [str(milliseconds)])
                yield
        else:
            connection.ensure_connection()
            deadline = time.monotonic() + milliseconds / 1000
            connection.connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
            try:
                yield
            finally:
                connection.connection.set_progress_handler(None, 0)
    except OperationalError as error:
        cause = error.__cause__
        if getattr(cause, "sqlstate", None) == "57014" or str(cause) == "interrupted":  # cancelled
            raise SearchTooBroad from error
        raise


def backend_for(connection):
    return postgres if connection.vendor == "postgresql" else sqlite


def _release_model():
    from releases.models import Release

    return Release


def _backend(model=None):
    return backend_for(connections[router.db_for_read(model or _release_model())])


def search(queryset, query: SearchQuery):
    """The releases of `queryset` that match `query` (in the queryset's order)."""
    return _backend(queryset.model).matching(queryset, query)


@dataclass(frozen=True)
class Ranked:
    """A search's best matches, and how many there are beyond them."""

    ids: list[int]  # best first: at most CANDIDATES, and one more when there are more
    estimate: int | None = None  # when there are more: the planner's estimate of them all (PostgreSQL)

    @property
    def more(self) -> bool:
        """More matches than CANDIDATES: only the newest were ranked."""
        return len(self.ids) > CANDIDATES


def ranked(matches, query: SearchQuery) -> Ranked:
    """The ids of `matches` (a search's results), best first: relevance with a recency boost.

    Ranked among the CANDIDATES newest matches (and one more, telling whether there are more
    than CANDIDATES), in one statement: the newest matches are picked, each with what its rank
    reads, and only those are ranked, with no second look-up of a row; when there are more,
    the same statement asks the planner how many.
    """
    connection = connections[matches.db]
    backend = backend_for(connection)
    newest = matches.order_by("-dateline_date", "-published_at", "-pk")
    sql, params = newest.values(*CANDIDATE_COLUMNS, *backend.RANKED_COLUMNS).query.sql_with_params()
    estimate, estimate_params = backend.estimate_sql(connection, sql, params)
    rank, rank_params = backend.rank_sql(query, "candidate")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT candidate.id, CASE WHEN COUNT(*) OVER () > %s THEN {estimate} END "
            f"FROM ({sql} LIMIT %s) AS candidate ORDER BY {rank} DESC, "
            "candidate.dateline_date DESC, candidate.published_at DESC, candidate.id DESC",
            [CANDIDATES, *estimate_params, *params, CANDIDATES + 1, *rank_params],
        )
        rows = cursor.fetchall()
    return Ranked(ids=[pk for pk, _estimate in rows], estimate=rows[0][1] if rows else None)


def snippets(releases, query: SearchQuery) -> dict[int, str]:
    """Each release's excerpt around the words found, escaped, the words in <mark>."""
    model = _release_model()
    backend = _backend(model)
    using = router.db_for_read(model)
    raw = backend.snippets(model, [release.pk for release in releases], query, using)
    return {pk: _highlighted(text or "") for pk, text in raw.items()}


def _highlighted(text: str) -> str:
    text = escape(" ".join(plain_text(text).split()))
    if MARK_START not in text:
        return ""
    return mark_safe(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def bounded_count(queryset, limit: int) -> tuple[int, int | None]:
    """How many rows `queryset` holds, counted up to `limit` + 1 and no further; with more, the
    planner's estimate of them all (PostgreSQL) or None (SQLite). One query either way."""
    return _backend(queryset.model).bounded_count(queryset, limit)


# Saves inside `batch()` are indexed once, when the batch ends.
_pending = threading.local()


@contextmanager
def batch():
    """Index the releases saved inside the block once, at its end (an import, an admin save)."""
    outer = getattr(_pending, "ids", None)
    if outer is not None:  # nested: the outermost batch indexes
        yield
        return
    _pending.ids = set()
    try:
        yield
        ids = _pending.ids
    finally:
        _pending.ids = None
    reindex(ids)


def reindex(ids, *, using: str | None = None, model=None):
    """Write the index of the releases `ids` (those that still exist)."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return
    if getattr(_pending, "ids", None) is not None:
        _pending.ids.update(ids)
        return
    model = model or _release_model()
    using = using or router.db_for_write(model)
    backend = backend_for(connections[using])
    ids = sorted(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        backend.write(model, documents(model._default_manager.using(using).filter(pk__in=chunk)), using)
    if model is _release_model():  # not a migration's model (the page cache may not exist yet)
        public_content_changed(using=using)  # what a search finds: pages kept before are not served


def reindex_all(*, using: str | None = None, model=None):
    model = model or _release_model()
    using = using or router.db_for_write(model)
    reindex(model._default_manager.using(using).values_list("pk", flat=True), using=using, model=model)


def unindex(ids, *, using: str | None = None):
    model = _release_model()
    using = using or router.db_for_write(model)
    backend_for(connections[using]).delete(list(ids), using)
    public_content_changed(using=using)
