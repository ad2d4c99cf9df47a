"""Load with faults: the public pages under load while an editor publishes and the database drops us.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressroom_faults .venv/bin/python bench/faults.py
    ... bench/faults.py --keep --duration 30 --faults 10 20     # reuse the database, shorter

Builds a fresh PostgreSQL database (dropped and re-created: give it one of its own) with the demo
directory and 10,000 generated releases, serves it with gunicorn (3 sync workers, production
settings from the environment, 127.0.0.1) and drives a mix of public pages with wrk (32
connections, 60 s, bench/faults.lua logs every response). Meanwhile an editor, in a thread with
its own database connection, withdraws and restores releases every 200 ms through
releases.services, and at t=20 s and t=40 s every backend of the database is terminated
(pg_terminate_backend). A fault window runs from a termination until the first 2xx answer to a
request sent after it, plus a margin. It checks, and exits 1 if one fails:

- no 5xx outside the fault windows;
- inside them, 503 with Retry-After and no other 5xx;
- no connection error or timeout (wrk's socket errors);
- each worker's resident memory grows by less than 10% from after the warm-up to the end.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter, deque
from dataclasses import dataclass
from pathlib import Path

import psycopg
from archive import ROOT, django_env, psql, recreate_database, required_database_url, run
from archive import urls as archive_urls

PORT = 18932
LUA = ROOT / "bench" / "faults.lua"
# Production settings: a module of their own once settings are split, else the one settings module.
PRODUCTION_SETTINGS = (
    "pressroom.settings.production"
    if (ROOT / "pressroom" / "settings" / "production.py").exists()
    else "pressroom.settings"
)
TERMINATE = (
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
)


def production_env(database_url: str) -> dict:
    """The variables the README documents for production, with HTTPS off for 127.0.0.1."""
    env = {
        **django_env(database_url),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "HTTPS": "false",
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE") or PRODUCTION_SETTINGS,
    }
    env.pop("CONN_MAX_AGE")  # the documented default: connections kept across requests
    return env


def release_count(database_url: str) -> int:
    try:
        return psql(database_url, "SELECT count(*) FROM releases_release")[0][0]
    except psycopg.Error:  # no database, or no tables yet
        return 0


def build(database_url: str, env: dict, releases: int, keep: bool):
    """A fresh database with the demo directory and `releases` generated releases (`keep`: reuse one)."""
    manage = [sys.executable, "manage.py"]
    fresh = not keep or release_count(database_url) < releases
    if fresh:
        recreate_database(database_url)
    run(*manage, "migrate", "--verbosity", "0", env=env)
    if fresh:
        help_text = subprocess.run([*manage, "load_demo", "--help"], env=env, capture_output=True, text=True)
        i_know = ["--i-know"] if "--i-know" in help_text.stdout else []  # demo logins without DEBUG
        run(*manage, "load_demo", "--releases", "0", *i_know, env=env)
        print(f"generating {releases:,} releases...", file=sys.stderr)
        run(*manage, "generate_releases", str(releases), env=env)
        psql(database_url, "VACUUM ANALYZE")
    run(*manage, "collectstatic", "--noinput", "--verbosity", "0", env=env)


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def rss_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)[1])


class Server:
    """gunicorn serving the project's own WSGI application, its log kept in a file."""

    def __init__(self, env: dict, workers: int, log: Path):
        self.env, self.workers, self.log = env, workers, log

    def __enter__(self):
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
        self.log_file = self.log.open("w")
        self.process = subprocess.Popen(
            [gunicorn, "pressroom.wsgi", "--workers", str(self.workers), "--bind", f"127.0.0.1:{PORT}",
             "--log-level", "warning", "--chdir", str(ROOT)],
            env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT,
        )  # fmt: skip
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/robots.txt", timeout=1)
                if len(worker_pids(self.process.pid)) == self.workers:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.process.kill()
        raise RuntimeError(f"gunicorn did not start; see {self.log}")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log_file.close()


class Editor(threading.Thread):
    """Withdraws and restores releases of `pool`, as a publisher in the admin would (through the
    workflow's services: a withdrawn release leaves the lists, search and feeds)."""

    def __init__(self, pool: list[int], interval: float):
        super().__init__(daemon=True)
        self.pool, self.interval, self.stop = pool, interval, threading.Event()
        self.published = self.unpublished = 0
        self.errors: list[tuple[float, str]] = []

    def run(self):
        import random

        from django.contrib.auth.models import User
        from django.db import DatabaseError, close_old_connections, connection

        from releases.models import Release
        from releases.services import release_restore, release_withdraw

        publisher = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
            "bench-publisher", password=None
        )

        rnd, hidden = random.Random(6), deque()
        try:
            while not self.stop.wait(self.interval):
                close_old_connections()  # what Django does at the start of each request
                try:
                    if hidden and (len(hidden) >= 5 or rnd.random() < 0.5):
                        release_restore(release=Release.objects.get(pk=hidden[0]), user=publisher)
                        hidden.popleft()
                        self.published += 1
                    else:
                        pk = rnd.choice([pk for pk in self.pool if pk not in hidden])
                        release_withdraw(
                            release=Release.objects.get(pk=pk), user=publisher, reason="Benchmark"
                        )
                        hidden.append(pk)
                        self.unpublished += 1
                except DatabaseError as error:
                    self.errors.append((time.time(), f"{type(error).__name__}: {str(error).strip()[:120]}"))
        finally:
            for _ in range(20):  # leave the archive as it was
                close_old_connections()
                try:
                    while hidden:
                        release_restore(release=Release.objects.get(pk=hidden[0]), user=publisher)
                        hidden.popleft()
                    break
                except DatabaseError:
                    time.sleep(0.5)
            connection.close()


def start_editor(env: dict, interval: float) -> Editor:
    """Django set up in this process, with the server's settings; the editor gets its own connection."""
    os.environ.update(env)
    import django

    django.setup()
    from releases.models import Release

    newest = Release.objects.public().order_by("-published_at").values_list("pk", flat=True)[:40]
    editor = Editor(pool=list(newest), interval=interval)
    from django.db import connection

    connection.close()
    editor.start()
    return editor


def public_paths(database_url: str) -> list[str]:
    """Public pages: bench/archive.py's, feeds, sitemaps, a person and the releases the editor toggles."""
    pages = [url for name, url in archive_urls(database_url, ROOT).items() if name != "bare Django view"]
    person = psql(database_url, "SELECT slug FROM contacts_person WHERE is_listed ORDER BY id LIMIT 1")[0][0]
    month = psql(database_url, "SELECT to_char(max(dateline_date), 'YYYY-MM') FROM releases_release")[0][0]
    toggled = psql(
        database_url,
        "SELECT slug FROM releases_release WHERE status = 'published' AND published_at <= now() "
        "AND embargo_until IS NULL ORDER BY published_at DESC LIMIT 8",
    )
    return [
        *pages,
        f"/people/{person}/",
        "/releases/feed/rss/",
        "/releases/feed/atom/?q=space",
        "/sitemap.xml",
        f"/sitemap-releases-{month}.xml",
        "/robots.txt",
        *(f"/releases/{slug}/" for (slug,) in toggled),
    ]


def wrk(paths_file: Path, log: Path, duration: int, connections: int, timeout: int) -> subprocess.Popen:
    return subprocess.Popen(
        ["wrk", f"-t{connections}", f"-c{connections}", f"-d{duration}s", f"--timeout={timeout}s",
         "-s", str(LUA), f"http://127.0.0.1:{PORT}", "--", str(paths_file)],
        env={**os.environ, "FAULTS_LOG": str(log)}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip


def socket_errors(out: str) -> dict[str, int]:
    found = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    counts = map(int, found.groups()) if found else [0] * 4
    return dict(zip(["connect", "read", "write", "timeout"], counts, strict=True))


@dataclass
class Response:
    sent: float
    received: float
    status: int
    path: str
    retry_after: bool


@dataclass
class Window:
    start: float
    end: float  # the first 2xx to a request sent after start, plus the margin
    terminated: int
    recovered: bool


def read_log(log: Path, paths: list[str]) -> list[Response]:
    responses = []
    for line in log.read_text().splitlines():
        sent, received, status, index, retry_after = line.split("\t")
        path = paths[int(index) - 1]
        responses.append(Response(float(sent), float(received), int(status), path, retry_after == "1"))
    return sorted(responses, key=lambda r: r.received)


def windows(faults: list[tuple[float, int]], responses: list[Response], margin: float) -> list[Window]:
    found = []
    for start, terminated in faults:
        first_ok = next((r for r in responses if r.sent >= start and 200 <= r.status < 300), None)
        end = (first_ok.received if first_ok else responses[-1].received) + margin
        found.append(Window(start, end, terminated, first_ok is not None))
    return found


def status_class(status: int) -> str:
    return f"{status // 100}xx"


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--releases", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument(
        "--faults", type=float, nargs="+", default=[20, 40], help="seconds at which to terminate"
    )
    parser.add_argument(
        "--editor-interval", type=float, default=0.2, help="seconds between two editor actions"
    )
    parser.add_argument("--margin", type=float, default=1.0, help="seconds added to each fault window")
    parser.add_argument("--warm-up", type=int, default=10, help="seconds of load before memory is first read")
    parser.add_argument(
        "--timeout", type=int, default=5, help="seconds before wrk counts a request as timed out"
    )
    parser.add_argument("--keep", action="store_true", help="reuse the database if it has enough releases")
    parser.add_argument("--timeline", action="store_true", help="print the responses of each second by class")
    args = parser.parse_args()
    database_url = required_database_url()

    env = production_env(database_url)
    build(database_url, env, args.releases, args.keep)
    tmp = Path(tempfile.mkdtemp(prefix="pressroom-faults-"))
    paths = public_paths(database_url)
    paths_file = tmp / "paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")

    with Server(env, args.workers, tmp / "gunicorn.log") as server:
        warm = wrk(paths_file, tmp / "warm-up.tsv", args.warm_up, args.connections, args.timeout)
        warm_out, _ = warm.communicate()
        if warm.returncode:
            sys.exit(f"wrk failed:\n{warm_out}")
        workers = worker_pids(server.process.pid)
        rss_start = {pid: rss_kb(pid) for pid in workers}

        editor = start_editor(env, args.editor_interval)
        t0 = time.time()
        load = wrk(paths_file, tmp / "responses.tsv", args.duration, args.connections, args.timeout)
        faults = []
        for at in sorted(args.faults):
            time.sleep(max(0.0, t0 + at - time.time()))
            moment = time.time()
            faults.append((moment, len(psql(database_url, TERMINATE))))
        out, _ = load.communicate()
        if load.returncode:
            sys.exit(f"wrk failed:\n{out}")
        editor.stop.set()
        editor.join(timeout=30)
        workers_end = worker_pids(server.process.pid)
        rss_end = {pid: rss_kb(pid) for pid in workers_end if pid in rss_start}

    responses = read_log(tmp / "responses.tsv", paths)
    if not responses:
        sys.exit(f"no response in {args.duration} s; see {tmp / 'gunicorn.log'}")
    found = windows(faults, responses, args.margin)

    def inside(response: Response) -> bool:
        return any(response.received >= w.start and response.sent <= w.end for w in found)

    counts = {True: Counter(), False: Counter()}
    for response in responses:
        counts[inside(response)][status_class(response.status)] += 1
    statuses_inside = Counter(r.status for r in responses if inside(r) and r.status >= 500)
    errors_outside = [r for r in responses if not inside(r) and r.status >= 500]
    errors_inside = [r for r in responses if inside(r) and r.status >= 500 and r.status != 503]
    no_retry_after = [r for r in responses if r.status == 503 and not r.retry_after]
    sockets = socket_errors(out)
    total = len(responses)

    print(
        f"\n{total:,} responses in {args.duration} s ({total / args.duration:.1f}/s),"
        f" {args.connections} connections,"
        f" gunicorn {args.workers} sync workers, {len(paths)} public paths, {args.releases:,} releases"
    )
    latencies = sorted((r.received - r.sent) * 1000 for r in responses)
    p50, p99 = latencies[total // 2], latencies[total * 99 // 100]
    print(f"latency: p50 {p50:.0f} ms, p99 {p99:.0f} ms, max {latencies[-1]:.0f} ms")
    print(
        f"editor: {editor.unpublished} withdrawn, {editor.published} restored, "
        f"{len(editor.errors)} database errors"
    )
    for moment, message in editor.errors[:5]:
        print(f"  t={moment - t0:5.1f} s  {message}")
    for number, window in enumerate(found, 1):
        recovery = f"{window.end - args.margin - window.start:.2f} s" if window.recovered else "never"
        print(
            f"fault {number}: t={window.start - t0:.1f} s, {window.terminated} backends terminated, "
            f"first 2xx after {recovery}; window {window.end - window.start:.2f} s with margin"
        )
    print(f"\n{'':16}" + "".join(f"{c:>8}" for c in ("2xx", "3xx", "4xx", "5xx")))
    for where, label in ((False, "outside windows"), (True, "inside windows")):
        print(f"{label:16}" + "".join(f"{counts[where][c]:8,}" for c in ("2xx", "3xx", "4xx", "5xx")))
    print(f"5xx inside windows by status: {dict(statuses_inside) or 'none'}")
    if args.timeline:
        per_second = Counter((int(r.received - t0), status_class(r.status)) for r in responses)
        for second in range(args.duration + 1):
            row = " ".join(f"{c} {per_second[second, c]:4}" for c in ("2xx", "3xx", "4xx", "5xx"))
            print(f"  t={second:3} s  {row}")
    print("wrk socket errors: " + ", ".join(f"{kind} {count}" for kind, count in sockets.items()))
    for number, (start, end) in enumerate(((rss_start[pid], rss_end.get(pid)) for pid in workers), 1):
        grown = f"{end / 1024:.1f} MB, {(end - start) / start:+.1%}" if end else "restarted"
        print(f"worker {number} memory (VmRSS): {start / 1024:.1f} MB -> {grown}")

    def show(errors: list[Response], title: str):
        if errors:
            print(f"\n{title}:")
            by_page = Counter((r.status, r.path) for r in errors)
            for (status, path), count in by_page.most_common(15):
                seconds = sorted(r.received - t0 for r in errors if (r.status, r.path) == (status, path))
                times = [f"{t:.1f}" for t in seconds]
                more = " ..." if count > 6 else ""
                print(f"  {count:4} x {status} {path}  (t = {', '.join(times[:6])}{more} s)")

    show(errors_outside, "5xx outside the fault windows")
    show(errors_inside, "5xx other than 503 inside the fault windows")
    show(no_retry_after, "503 without Retry-After")
    log = (tmp / "gunicorn.log").read_text()
    exceptions = Counter(re.findall(r"^([\w.]+(?:Error|Exception)): ", log, re.MULTILINE))
    if exceptions:
        print(f"\nexceptions in the server's log ({tmp / 'gunicorn.log'}): {dict(exceptions)}")

    growth = [(rss_end[pid] - rss_start[pid]) / rss_start[pid] if pid in rss_end else None for pid in workers]
    criteria = {
        "no 5xx outside the fault windows": not errors_outside,
        "503 with Retry-After, no other 5xx, inside the fault windows": not errors_inside
        and not no_retry_after,
        "no connection errors or timeouts": not any(sockets.values()),
        "worker memory growth under 10%": all(g is not None and g < 0.10 for g in growth),
        "every termination hit backends and the site recovered": all(
            w.terminated and w.recovered for w in found
        ),
    }
    print()
    for criterion, ok in criteria.items():
        print(f"{'PASS' if ok else 'FAIL'}  {criterion}")
    sys.exit(0 if all(criteria.values()) else 1)


if __name__ == "__main__":
    main()
