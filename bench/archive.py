"""`make bench`: the public pages under load, at archive sizes from a thousand releases to a
million, on PostgreSQL, the way a load tool meets them; a Markdown report ready for the README.

    make bench                                        # 1,000 then 100,000 releases
    make bench BENCH_ARGS=--million                   # and then 1,000,000
    make bench BENCH_ARGS="--sizes 1000 10000 --duration 5 --cache off"   # quicker
    make bench-proxy                                  # 2 gunicorn processes behind haproxy
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressroom_bench .venv/bin/python bench/archive.py

Builds one database for each size, named after DATABASE_URL's with the size added
(pressroom_bench_1000, pressroom_bench_100000…; dropped and re-created unless `--keep`, and
the name must have "bench" in it): the demo directory, then `generate_releases` up to the size
(the same seed each time: the smaller archives are the start of the larger). With `--keep`, a
database already at its size is measured again as it is, so a million is generated once. At
each size it serves the archive with gunicorn
(2 sync workers, DEBUG off, 127.0.0.1) and drives each page with wrk (8 connections, 10 s after
2 s of warm-up): the pages bench/pages.py chooses from the data, and a bare Django view (a fixed
20 KB page, no database or template; bench/baseline_urls.py) whose throughput each page's is a
share of. Twice: with the page cache off (`PRESSROOM_PAGE_CACHE_SECONDS=0` in the server's
environment) and on (the default). Prints requests/s, p50, p99, SQL queries per request
(bench/queries.py) and each figure's growth from the smallest size (bench/report.py).

`--servers 2` (`make bench-proxy`) serves the same pages, the bare view included, from 2
gunicorn processes of 1 worker each behind haproxy, and drives the proxy alike: the same 2
workers on the same cores as one process, so the figures tell what the proxy costs, not what
more processes add. The cache is then Redis (`--redis`, db 15 by default), shared by every
process as in a deployment of several servers; with one server it is each process's own memory
unless `--redis` is given, and each run has keys of its own there (none served from another).

`--code` serves another checkout (say, the previous commit) from the same database, with
`--python` the interpreter of a virtualenv where that checkout is installed, to compare before
and after a change:

    git worktree add /tmp/before HEAD~1 && python3 -m venv /tmp/before-venv
    /tmp/before-venv/bin/pip install -e /tmp/before
    ... bench/archive.py --keep --sizes 100000 --code /tmp/before --python /tmp/before-venv/bin/python
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

from load import Server, measure, queries_per_request, run_script, wrk  # noqa: E402
from report import alone_table, machine, report, slow_queries  # noqa: E402

CACHE_SETTING = "PRESSROOM_PAGE_CACHE_SECONDS"
ALONE = ["search, common word", "search, rare word", "search, phrase", "list, page 1", "release"]
BENCH_REDIS_URL = "redis://127.0.0.1:6379/15"


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


def database_name(database_url: str) -> str:
    return database_url.rsplit("/", 1)[1].split("?")[0]


def recreate_database(database_url: str):
    import psycopg

    name = database_name(database_url)
    with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def psql(database_url: str, sql: str):
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        return (
            conn.execute(sql).fetchall()
            if sql.lstrip().upper().startswith(("SELECT", "SHOW"))
            else conn.execute(sql)
        )


def choose_pages(database_url: str, chosen: dict | None = None) -> tuple[dict[str, str], dict]:
    """The pages to drive and what was chosen for them (bench/pages.py, this checkout's code)."""
    answer = run_script("pages.py", django_env(database_url), ROOT, sys.executable, chosen or {})
    return answer["pages"], answer["chosen"]


def urls(database_url: str, code: Path = ROOT) -> dict[str, str]:
    """The pages `make bench` drives, the bare view first (bench/faults.py drives them too)."""
    return choose_pages(database_url)[0]


def sized_url(database_url: str, size: int) -> str:
    """A database of its own for each size, so that each can be kept and measured again."""
    return f"{database_url.split('?')[0]}_{size}"


def prepare(database_url: str, env: dict, *, keep: bool):
    """The size's database migrated, with the demo's directory: re-created unless kept."""
    if not keep or not database_exists(database_url):
        recreate_database(database_url)
    run(sys.executable, "manage.py", "migrate", "--verbosity", "0", env=env)
    if not psql(database_url, "SELECT count(*) FROM contacts_agency")[0][0]:
        run(sys.executable, "manage.py", "load_demo", "--releases", "0", "--i-know", env=env)


def database_exists(database_url: str) -> bool:
    import psycopg

    with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database_name(database_url)])
        return bool(found.fetchall())


def grow(database_url: str, env: dict, size: int):
    """Generate releases until the archive holds `size` (the demo's included)."""
    have = psql(database_url, "SELECT count(*) FROM releases_release")[0][0]
    if have > size:
        sys.exit(f"The database holds {have:,} releases, more than {size:,}: run without --keep.")
    if have < size:
        manage = [sys.executable, "manage.py", "generate_releases"]
        help_text = subprocess.run([*manage, "--help"], env=env, cwd=ROOT, capture_output=True, text=True)
        seed = ["--seed", str(have)] if "--seed" in help_text.stdout else []  # new releases, not again
        print(f"generating {size - have:,} releases...", file=sys.stderr)
        start = time.monotonic()
        run(*manage, str(size - have), *seed, env=env)
        print(f"  in {time.monotonic() - start:.0f} s", file=sys.stderr)
    psql(database_url, "VACUUM ANALYZE")


def explain(env: dict, code: Path, python: str, pages: dict[str, str]) -> list[dict]:
    """The queries over 5 ms of each page, one request at a time, with their plans (bench/explain.py)."""
    return run_script("explain.py", env, code, python, pages)


def cache_env(env: dict, mode: str, seconds: int | None, redis_url: str | None) -> dict:
    """The server's environment with the page cache off (0 seconds), or on (the default); the
    cache in Redis under keys of this run's own, or in each process's memory."""
    env = {key: value for key, value in env.items() if key not in {CACHE_SETTING, "REDIS_URL", "CACHE_URL"}}
    if redis_url:
        env |= {"REDIS_URL": redis_url, "CACHE_KEY_PREFIX": f"bench-{uuid.uuid4().hex[:12]}"}
    if mode == "off":
        env[CACHE_SETTING] = "0"
    elif seconds is not None:
        env[CACHE_SETTING] = str(seconds)
    return env


def has_cache_setting(code: Path) -> bool:
    settings = code / "pressroom" / "settings"
    files = settings.glob("*.py") if settings.is_dir() else [code / "pressroom" / "settings.py"]
    return any(CACHE_SETTING in path.read_text() for path in files)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--million", action="store_true", help="and 1,000,000 releases after the sizes")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--cache", nargs="+", choices=["off", "on"], default=["off", "on"])
    parser.add_argument("--cache-seconds", type=int, help=f"{CACHE_SETTING} with caching on (default: unset)")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to serve (default: this one)")
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the Python (of a virtualenv) that serves --code: its own install",
    )
    parser.add_argument("--keep", action="store_true", help="reuse the database, growing it where needed")
    parser.add_argument(
        "--servers", type=int, default=1, help="gunicorn processes behind haproxy (default: 1, no proxy)"
    )
    parser.add_argument(
        "--redis",
        metavar="URL",
        help=f"the cache's Redis (default: {BENCH_REDIS_URL} with --servers above 1, else local memory)",
    )
    args = parser.parse_args()
    if args.servers < 1:
        parser.error("--servers: 1 or more")
    if args.servers > 1:
        args.redis = args.redis or BENCH_REDIS_URL
        if not shutil.which("haproxy"):
            sys.exit("haproxy is missing: apt-get install haproxy (or make haproxy)")
    if args.redis:
        import redis

        try:
            redis.Redis.from_url(args.redis).ping()
        except redis.RedisError as error:
            sys.exit(f"No Redis at {args.redis} ({error}): make redis starts one.")
    sizes = sorted({*args.sizes, *([1_000_000] if args.million else [])})
    database_url = required_database_url()
    if "bench" not in database_name(database_url):
        sys.exit(
            f"DATABASE_URL names {database_name(database_url)!r}: the benchmark drops its database,"
            " so the name must have 'bench' in it."
        )

    results, chosen, slow, alone = {mode: {} for mode in args.cache}, None, {}, {}
    for n, size in enumerate(sizes):
        sized = sized_url(database_url, size)
        env = django_env(sized)
        prepare(sized, env, keep=args.keep)
        grow(sized, env, size)
        if n == 0:
            run(
                args.python,
                "manage.py",
                "collectstatic",
                "--noinput",
                "--verbosity",
                "0",
                env=env,
                cwd=args.code,
            )
        pages, chosen = choose_pages(sized, chosen)
        slow[size] = explain(cache_env(env, "off", None, None), args.code, args.python, pages)
        for mode in args.cache:
            served = cache_env(env, mode, args.cache_seconds, args.redis)
            counts = queries_per_request(served, args.code, args.python, pages)
            with Server(served, args.code, args.python, args.servers):
                results[mode][size] = measure(pages, counts, args.duration, args.connections)
                if mode == args.cache[0]:  # what one journalist waits: one connection, none queued ahead
                    alone[size] = {p: wrk(url, args.duration, 1) for p, url in pages.items() if p in ALONE}
            print(f"measured {size:,} releases, caching {mode}", file=sys.stderr)

    version = psql(sized_url(database_url, sizes[0]), "SHOW server_version")[0][0].split()[0]
    header = machine(f"PostgreSQL {version}", args.python, args.code, args)
    words = (
        f"Search words, chosen from the generated releases at {sizes[0]:,}: common “{chosen['common']}”"
        f" ({chosen['common_matches']:,}{'+' if chosen['common_matches'] > 1000 else ''} matches),"
        f" rare “{chosen['rare']}” ({chosen['rare_matches']:,}),"
        f" phrase “{chosen['phrase']}” ({chosen['phrase_matches']:,})."
    )
    print("\n" + report(results, f"{header}\n\n{words}", has_cache_setting(args.code)))
    print(alone_table(alone, args.cache[0]))
    print(slow_queries(slow))


if __name__ == "__main__":
    main()
