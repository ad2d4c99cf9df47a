"""PostgreSQL: a weighted tsvector per release, in its own language's configuration, unaccented.

English and French releases are stemmed in their language; others with `simple`. Each
configuration reads words through `unaccent` first, so "cooperation" finds "coopération".
A query is read once per configuration, and each release matches in its own.
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat

from releases.search.document import MARK_END, MARK_START, SearchDocument
from releases.search.query import SearchQuery as Query

CONFIGS = {"en": "pressroom_english", "fr": "pressroom_french"}
SIMPLE = "pressroom_simple"
# Each configuration: (name, the built-in one it copies, the dictionary after unaccent).
DEFINITIONS = [
    ("pressroom_english", "english", "english_stem"),
    ("pressroom_french", "french", "french_stem"),
    (SIMPLE, "simple", "simple"),
]
INDEX = "release_search_idx"
WEIGHTS = [0.1, 0.2, 0.4, 1.0]  # D (names), C (text), B (lead), A (title)


def config_for(language: str) -> str:
    return CONFIGS.get(language, SIMPLE)


def create_index(schema_editor):
    execute = schema_editor.execute
    execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, base, dictionary in DEFINITIONS:
        execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {base})")
        execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary}"
        )
    execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON releases_release USING gin (search_vector)")


def drop_index(schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    for name, _base, _dictionary in DEFINITIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


def write(model, documents: list[SearchDocument], using: str):
    """One UPDATE for a batch of documents, each read in its own language's configuration."""
    if not documents:
        return
    table = model._meta.db_table
    rows = ", ".join(["(%s::bigint, %s::regconfig, %s, %s, %s, %s)"] * len(documents))
    params = [
        value
        for d in documents
        for value in (d.release_id, config_for(d.language), d.title, d.lead, d.text, d.names)
    ]
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {table} AS release SET search_vector =
                setweight(to_tsvector(d.config, d.title), 'A')
                || setweight(to_tsvector(d.config, d.lead), 'B')
                || setweight(to_tsvector(d.config, d.text), 'C')
                -- names are read as words of their language and as themselves: "Hollande", "JAXA"
                || setweight(to_tsvector(d.config, d.names), 'D')
                || setweight(to_tsvector('{SIMPLE}', d.names), 'D')
            FROM (VALUES {rows}) AS d (id, config, title, lead, text, names)
            WHERE release.id = d.id
            """,
            params,
        )


def delete(ids, using: str):
    """Nothing to do: the vector lives in the release's own row."""


def _queries(query: Query):
    text = query.to_websearch()
    per_language = {
        language: SearchQuery(text, config=config, search_type="websearch")
        for language, config in CONFIGS.items()
    }
    return per_language, SearchQuery(text, config=SIMPLE, search_type="websearch")


def matching(queryset, query: Query):
    """Releases matching in their own language; each branch uses the GIN index."""
    per_language, simple = _queries(query)
    condition = Q(search_vector=simple) & ~Q(language__in=list(CONFIGS))
    for language, tsquery in per_language.items():
        condition |= Q(language=language, search_vector=tsquery)
    return queryset.filter(condition)


def ranked(queryset, query: Query):
    """Relevance (title over lead over text over names), boosted for recent releases."""
    per_language, simple = _queries(query)

    def rank(tsquery):
        return SearchRank(F("search_vector"), tsquery, weights=WEIGHTS, normalization=Value(1))

    relevance = Case(
        *(When(language=language, then=rank(tsquery)) for language, tsquery in per_language.items()),
        default=rank(simple),
        output_field=FloatField(),
    )
    recency = RawSQL(
        "1.0 / (1.0 + GREATEST(CURRENT_DATE - releases_release.dateline_date, 0) / 730.0)",
        [],
        output_field=FloatField(),
    )
    return queryset.annotate(search_rank=relevance * recency)


def snippets(model, ids, query: Query, using: str) -> dict[int, str]:
    """Where the words were found in the lead and body, between MARK_START and MARK_END."""
    per_language, simple = _queries(query)
    text = Concat(F("lead_html"), Value(" "), F("body_html"), output_field=TextField())
    options = {
        "start_sel": MARK_START,
        "stop_sel": MARK_END,
        "max_words": 35,
        "min_words": 15,
        "max_fragments": 2,
        "fragment_delimiter": " … ",
    }

    def headline(language, tsquery):
        return SearchHeadline(text, tsquery, config=config_for(language), **options)

    snippet = Case(
        *(
            When(language=language, then=headline(language, tsquery))
            for language, tsquery in per_language.items()
        ),
        default=headline("", simple),
    )
    rows = model._default_manager.using(using).filter(pk__in=ids).annotate(snippet=snippet)
    return dict(rows.values_list("pk", "snippet"))


def estimated_count(queryset) -> int | None:
    """The planner's estimate of how many rows `queryset` holds: no scan."""
    import json

    plan = json.loads(queryset.order_by().explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])
