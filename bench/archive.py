"""Load benchmark of the public pages, at two archive sizes, on PostgreSQL, the way a load tool meets them.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressroom_bench .venv/bin/python bench/archive.py
    ... bench/archive.py --sizes 10000 100000 --duration 10 --code /path/to/another/checkout

Builds a fresh database (the demo directory, then `generate_releases` up to each size), serves
it with gunicorn (2 sync workers, DEBUG off, 127.0.0.1) and drives each page with wrk (8
connections) for a bounded time. Prints requests/s, p50 and p99 latency, SQL queries per
request, each page's share of a bare Django view's throughput measured in the same run, and
the growth of p50 from the smaller archive to the larger. `--code` serves another checkout
(say, the previous commit) from the same database, with `--python` the interpreter of a
virtualenv where that checkout is installed, to compare before and after a change:

    git worktree add /tmp/before HEAD~1 && python3 -m venv /tmp/before-venv
    /tmp/before-venv/bin/pip install -e /tmp/before
    ... bench/archive.py --keep --sizes 100000 --code /tmp/before --python /tmp/before-venv/bin/python
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from releases.pagination import Cursor  # noqa: E402

PORT = 18931


def run(*args, env=None, cwd=ROOT):
    subprocess.run(args, check=True, env=env, cwd=cwd, stdout=subprocess.DEVNULL)


def django_env(database_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-" + "k" * 40 + "-0123456789",  # production wants 50+ characters
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "false",
        "HTTPS": "false",
        "CONN_MAX_AGE": "600",
    }


def required_database_url() -> str:
    """DATABASE_URL, a PostgreSQL database the benchmark may drop; and wrk, or exit saying why."""
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database the benchmark may drop and create.")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    return database_url


def recreate_database(database_url: str):
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def psql(database_url: str, sql: str):
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        return (
            conn.execute(sql).fetchall() if sql.lstrip().upper().startswith("SELECT") else conn.execute(sql)
        )


def urls(database_url: str, code: Path) -> dict[str, str]:
    """The pages to drive, chosen from the data: a deep page, a rare word, a real agency."""
    deep_cursor = psql(
        database_url,
        """SELECT dateline_date, published_at, id FROM releases_release
           WHERE status = 'published' AND published_at <= now()
             AND (embargo_until IS NULL OR embargo_until <= now())
           ORDER BY dateline_date DESC, published_at DESC, id DESC OFFSET LEAST(4999, (
             SELECT count(*) / 2 FROM releases_release)) LIMIT 1""",
    )[0]
    day, published, pk = deep_cursor
    cursors = (code / "releases" / "pagination.py").exists()
    deep = f"/releases/?after={Cursor(day, published, pk)}" if cursors else "/releases/?page=250"
    slug, agency = psql(
        database_url,
        "SELECT r.slug, a.slug FROM releases_release r JOIN contacts_agency a ON a.id = r.agency_id "
        "WHERE r.status = 'published' AND r.published_at <= now() AND r.embargo_until IS NULL "
        "ORDER BY r.id DESC LIMIT 1",
    )[0]
    rare = psql(database_url, "SELECT split_part(title, ' ', -1) FROM releases_release ORDER BY id LIMIT 1")[
        0
    ][0]
    return {
        "bare Django view": "/bench/bare/",
        "home": "/",
        "list, page 1": "/releases/",
        "list, 250 pages deep": deep,
        "list, agency + year": f"/releases/?agency={agency}&year=2010",
        "search, common word": "/releases/?q=space",
        "search, rare word": f"/releases/?q={rare}",
        "search, phrase": "/releases/?q=%22climate+change%22",
        "release": f"/releases/{slug}/",
        "agency": f"/agencies/{agency}/",
        "press contacts": "/press-contacts/",
    }


class Server:
    def __init__(self, database_url: str, code: Path, python: str):
        self.env = {**django_env(database_url), "DJANGO_SETTINGS_MODULE": "baseline"}
        self.code, self.python = code, python

    def __enter__(self):
        gunicorn = shutil.which("gunicorn", path=str(Path(self.python).parent))
        self.process = subprocess.Popen(
            [gunicorn, "pressroom.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{PORT}", "--log-level",
             "warning", "--pythonpath", f"{self.code},{ROOT / 'bench'}", "--chdir", str(self.code)],
            env=self.env,
        )  # fmt: skip
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/bench/bare/", timeout=1)
                return self
            except OSError:
                time.sleep(0.2)
        self.process.kill()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def wrk(url: str, duration: int, connections: int) -> tuple[float, float, float]:
    """Requests per second, p50 and p99 in ms."""
    full = f"http://127.0.0.1:{PORT}{url}"
    status = urllib.request.urlopen(full, timeout=30).status
    assert status == 200, (url, status)
    subprocess.run(
        ["wrk", f"-t{min(2, connections)}", f"-c{connections}", "-d2s", full], check=True, capture_output=True
    )  # warm up
    out = subprocess.run(
        ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "--latency", full],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"{url}: errors under load\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])

    def latency(percent):
        value, unit = re.search(rf"\s{percent}%\s+([\d.]+)(us|ms|s)\b", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return rps, latency(50), latency(99)


def queries_per_request(database_url: str, code: Path, python: str, pages: dict[str, str]) -> dict[str, int]:
    script = (
        "import json, sys\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client, counts = Client(), {}\n"
        "for name, url in json.loads(sys.argv[1]).items():\n"
        "    client.get(url, HTTP_HOST='127.0.0.1')\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        client.get(url, HTTP_HOST='127.0.0.1')\n"
        "    counts[name] = len(queries)\n"
        "print(json.dumps(counts))\n"
    )
    import json

    env = {
        **django_env(database_url),
        "DJANGO_SETTINGS_MODULE": "baseline",
        "PYTHONPATH": f"{code}:{ROOT / 'bench'}",
    }
    done = subprocess.run(
        [python, "-c", "import django; django.setup()\n" + script, json.dumps(pages)],
        env=env,
        cwd=code,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(done.stderr)
    out = done.stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to serve (default: this one)")
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the Python (of a virtualenv) that serves --code: its own install",
    )
    parser.add_argument("--keep", action="store_true", help="reuse the database if it has enough releases")
    args = parser.parse_args()
    database_url = required_database_url()

    env, manage = django_env(database_url), [sys.executable, "manage.py"]
    if not args.keep:
        recreate_database(database_url)
        run(*manage, "migrate", "--verbosity", "0", env=env)
        run(*manage, "load_demo", "--releases", "0", "--i-know", env=env)
    run(args.python, "manage.py", "collectstatic", "--noinput", "--verbosity", "0", env=env, cwd=args.code)
    results = {}
    for size in args.sizes:
        have = psql(database_url, "SELECT count(*) FROM releases_release")[0][0]
        if have < size:
            print(f"generating {size - have:,} releases...", file=sys.stderr)
            run(*manage, "generate_releases", str(size - have), "--seed", str(have), env=env)
        psql(database_url, "VACUUM ANALYZE")
        pages = urls(database_url, args.code)
        counts = queries_per_request(database_url, args.code, args.python, pages)
        with Server(database_url, args.code, args.python):
            results[size] = {
                name: (*wrk(url, args.duration, args.connections), counts[name])
                for name, url in pages.items()
            }
            if size == args.sizes[-1]:  # latency of one reader alone, without others queued ahead
                alone = {name: wrk(url, max(args.duration // 2, 3), 1)[2] for name, url in pages.items()}
        print(f"measured {size:,} releases", file=sys.stderr)

    small, large = args.sizes[0], args.sizes[-1]
    print(
        f"\nPostgreSQL, gunicorn 2 workers, wrk {args.connections} connections x {args.duration}s;"
        f" code: {args.code}"
    )
    header = f"{'page':22}" + "".join(f" | {f'{size:,} releases':>32}" for size in args.sizes)
    print(header + f" | {'p50':>7} | {'share of':>8} | {'alone':>8}")
    columns = " | {:>7} {:>8} {:>8} {:>5}".format("req/s", "p50 ms", "p99 ms", "SQL") * len(args.sizes)
    print(f"{'':22}{columns} | {'growth':>7} | {'bare':>8} | {'p99 ms':>8}")
    bare = results[large]["bare Django view"][0]
    for name in results[small]:
        row = f"{name:22}"
        for size in args.sizes:
            rps, p50, p99, queries = results[size][name]
            row += f" | {rps:7.1f} {p50:8.1f} {p99:8.1f} {queries:5d}"
        growth = results[large][name][1] / results[small][name][1]
        share = results[large][name][0] / bare
        print(f"{row} | {growth:6.2f}x | {share:8.1%} | {alone[name]:8.1f}")
    print(f"\n'alone': p99 at {large:,} releases with one connection, no request queued ahead.")


if __name__ == "__main__":
    main()
