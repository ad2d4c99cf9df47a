"""Benchmarks: the importer's speed, and the public pages as the archive grows.

    make bench-inprocess            # SQLite file in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressroom_bench make bench-inprocess

Prints medians of repeated runs and the ratio between a small and a ten-times larger
archive, all from one run (these machines are noisy: compare within a run only).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="pressroom-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pressroom.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from releases.importing import Directory, release_import_file  # noqa: E402
from releases.models import Release  # noqa: E402

SEED = ROOT / "tests" / "fixtures" / "cnes-pr083-2013.txt"
REPEATS = 15


def median_ms(action, repeats=REPEATS) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def page(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def measure_pages(client) -> dict[str, tuple[float, int]]:
    seed = Release.objects.get(reference_number="083", reference_year=2013)
    urls = {
        "home": "/",
        "list": "/releases/",
        "list, filtered": "/releases/?agency=cnes&year=2013",
        "search": "/releases/?q=satellite",
        "release": seed.get_absolute_url(),
        "agency": seed.agency.get_absolute_url(),
    }
    return {name: (median_ms(lambda u=url: client.get(u)), page(client, url)) for name, url in urls.items()}


def main():
    setup_test_environment()
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}; {REPEATS} runs each, medians\n")

    # 1. The importer: the seed, re-imported (unchanged) and as new documents.
    call_command("load_demo", releases=0, i_know=True, stdout=open(os.devnull, "w"))
    docs = []
    text = SEED.read_text()
    for n in range(100, 100 + REPEATS):
        path = TMP / f"pr{n}.txt"
        path.write_text(
            text.replace("PR083 - 2013", f"PR{n} - 2013").replace("annual meeting**", f"meeting {n}**")
        )
        docs.append(path)
    new_timings = []
    for path in docs:
        start = time.perf_counter()
        assert release_import_file(path=path, directory=Directory(), publish=True).outcome == "created"
        new_timings.append((time.perf_counter() - start) * 1000)
    unchanged = median_ms(lambda: release_import_file(path=SEED, directory=Directory(), publish=True))
    print("importer")
    print(f"  new document        {statistics.median(new_timings):8.1f} ms")
    print(f"  unchanged document  {unchanged:8.1f} ms\n")

    # 2. Public pages with a small archive, then one ten times larger.
    client = Client()
    results = {}
    for size in (250, 2500):
        call_command("load_demo", releases=size, i_know=True, stdout=open(os.devnull, "w"))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them in production
        results[size] = measure_pages(client)
    print(f"{'page':24} {'250 releases':>16} {'2,500 releases':>16} {'ratio':>7}")
    for name, (small_ms, small_q) in results[250].items():
        large_ms, large_q = results[2500][name]
        print(
            f"{name:24} {small_ms:8.1f} ms {small_q:3d} q {large_ms:8.1f} ms {large_q:3d} q"
            f" {large_ms / small_ms:6.2f}x"
        )


if __name__ == "__main__":
    main()
