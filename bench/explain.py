"""The queries over 5 ms of each page, with PostgreSQL's EXPLAIN ANALYZE of each.

Run by bench/archive.py in a subprocess at each size, with Django set up as the server is (the
served checkout, the page cache off): each page is asked RUNS times by Django's test client, one
request at a time, and a query is slow when its fastest run took over LIMIT_MS. Prints a JSON
list of {"page", "ms", "sql", "plan"}: what the README's Performance section quotes.
"""

import json
import sys

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

RUNS = 5
LIMIT_MS = 5.0


def timed_queries(client: Client, url: str) -> list[tuple[str, float]]:
    """Each query of the page's request (the same ones each run) with its fastest time."""
    fastest: list[tuple[str, float]] = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            client.get(url, HTTP_HOST="127.0.0.1")
        runs = [(query["sql"], float(query["time"]) * 1000) for query in queries]
        if not fastest or len(fastest) != len(runs):
            fastest = runs
        else:
            fastest = [(sql, min(ms, other)) for (sql, ms), (_sql, other) in zip(fastest, runs, strict=True)]
    return fastest


def plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


if __name__ == "__main__":
    client, slow = Client(), []
    for name, url in json.loads(sys.argv[1]).items():
        for sql, ms in timed_queries(client, url):
            if ms > LIMIT_MS and sql.lstrip().upper().startswith(("SELECT", "WITH")):
                slow.append({"page": name, "ms": round(ms, 1), "sql": sql, "plan": plan(sql)})
    print(json.dumps(slow))
