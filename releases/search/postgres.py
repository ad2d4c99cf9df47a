"""PostgreSQL: a weighted tsvector per release, in its own language's configuration, unaccented.

English and French releases are stemmed in their language; others with `simple`. Each
configuration reads words through `unaccent` first, so "cooperation" finds "coopération".
A query is read once per configuration, and each release matches in its own.
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connections
from django.db.models import Case, F, Func, Q, TextField, Value, When
from django.db.models.functions import Concat, Left

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


def vector_sql(alias: str, prefix: str = "") -> str:
    """A document's weighted vector, from the columns config, title, lead, text and names of
    `alias` (each name after `prefix`)."""
    config, title, lead, text, names = (
        f"{alias}.{prefix}{c}" for c in ("config", "title", "lead", "text", "names")
    )
    return f"""
        setweight(to_tsvector({config}, {title}), 'A')
        || setweight(to_tsvector({config}, {lead}), 'B')
        || setweight(to_tsvector({config}, {text}), 'C')
        -- names are read as words of their language and as themselves: "Hollande", "JAXA"
        || setweight(to_tsvector({config}, {names}), 'D')
        || setweight(to_tsvector('{SIMPLE}', {names}), 'D')
    """


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
            UPDATE {table} AS release SET search_vector = {vector_sql("d")}
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


# The candidates' columns rank_sql() reads, besides CANDIDATE_COLUMNS.
RANKED_COLUMNS = ("search_vector",)


def rank_sql(query: Query, alias: str) -> tuple[str, list]:
    """Relevance (title over lead over text over names) in each release's own language, boosted
    for recent releases: SQL over the candidates' columns, named `alias`."""
    text = query.to_websearch()
    weights = "'{" + ",".join(str(weight) for weight in WEIGHTS) + "}'"

    def rank(config):
        return f"ts_rank({weights}, {alias}.search_vector, websearch_to_tsquery('{config}', %s), 1)"

    whens = " ".join(f"WHEN '{language}' THEN {rank(config)}" for language, config in CONFIGS.items())
    relevance = f"CASE {alias}.language {whens} ELSE {rank(SIMPLE)} END"
    recency = f"1.0 / (1.0 + GREATEST(CURRENT_DATE - {alias}.dateline_date, 0) / 730.0)"
    return f"({relevance}) * {recency}", [text] * (len(CONFIGS) + 1)


# ts_headline reads every word it is given, so a snippet is looked for in the opening of the
# lead and body only: the words of most searches are there; when not, the card shows the lead.
SNIPPET_SOURCE_CHARS = 1500


def snippets(model, ids, query: Query, using: str) -> dict[int, str]:
    """Where the words were found in the opening of the lead and body, between MARK_START and
    MARK_END."""
    per_language, simple = _queries(query)
    opening = Left(
        Concat(F("lead_html"), Value(" "), F("body_html"), output_field=TextField()), SNIPPET_SOURCE_CHARS
    )
    # without the tag the cut may leave open at its end
    text = Func(opening, Value("<[^>]*$"), Value(""), function="regexp_replace", output_field=TextField())
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


# The planner's estimate of the rows a query returns, read from its plan inside the database,
# so that a bounded count and its estimate take one statement (bounded_count).
ESTIMATE_FUNCTION = "pressroom_estimated_rows"


def create_functions(schema_editor):
    schema_editor.execute(
        f"""
        CREATE OR REPLACE FUNCTION {ESTIMATE_FUNCTION}(query text) RETURNS bigint
        LANGUAGE plpgsql AS $$
        DECLARE plan json;
        BEGIN
            EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
            RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::bigint;
        END $$
        """
    )


def drop_functions(schema_editor):
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {ESTIMATE_FUNCTION}(text)")


def estimate_sql(connection, sql: str, params) -> tuple[str, list]:
    """SQL for the planner's estimate of the rows the query `sql` returns (read once, where a
    statement asks for it)."""
    return f"(SELECT {ESTIMATE_FUNCTION}(%s))", [connection.ops.compose_sql(sql, params)]


def bounded_count(queryset, limit: int) -> tuple[int, int | None]:
    """How many rows `queryset` holds, counted up to `limit` + 1 and no further; when there
    are more, the planner's estimate of them all too. One statement, whatever the answer."""
    connection = connections[queryset.db]
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    whole = connection.ops.compose_sql(sql, params)  # the query as text, for the planner to read
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT counted, CASE WHEN counted > %s THEN {ESTIMATE_FUNCTION}(%s) END "
            f"FROM (SELECT COUNT(*) AS counted FROM ({sql} LIMIT %s) AS bounded) AS c",
            [limit, whole, *params, limit + 1],
        )
        counted, estimate = cursor.fetchone()
    return counted, estimate
