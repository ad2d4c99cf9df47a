"""The benchmark's report, in Markdown ready for the README: the machine, the command, one table
per cache setting (each figure at every size, with its growth from the smallest), and the
issue's targets each page misses."""

import os
import platform
import re
import shlex
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from load import WORKERS, Measure, workers_each

BARE = "bare Django view"
# The targets (each a ratio from one run).
SHARE_OFF, SHARE_ON, P50_GROWTH = 0.20, 0.50, 1.5


def machine(database_version: str, python: str, code: Path, args) -> str:
    cpu = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
    ram_kb = int(re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)[1])
    versions = subprocess.run(
        [python, "-c", "import django, gunicorn; print(django.get_version(), gunicorn.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()
    commit = subprocess.run(
        ["git", "-C", str(code), "describe", "--always", "--dirty"], capture_output=True, text=True
    ).stdout.strip()
    command = "make bench" + (f" BENCH_ARGS={shlex.quote(shlex.join(sys.argv[1:]))}" if sys.argv[1:] else "")
    return (
        f"Measured {datetime.now(UTC):%d %B %Y, %H:%M} UTC, code `{commit or code}`: {os.cpu_count()} cores"
        f" ({cpu[1].strip() if cpu else platform.machine()}), {ram_kb / 1024**2:.0f} GB RAM,"
        f" {database_version}, Python {platform.python_version()}, Django {versions[0]},"
        f" {serving(args, versions[1])}, wrk {wrk[1] if len(wrk) > 1 else ''}"
        f" ({args.connections} connections, {args.duration} s a page after 2 s of warm-up),"
        f" all on 127.0.0.1.\n\nCommand: `{command}`"
    )


def serving(args, gunicorn: str) -> str:
    """gunicorn, one process or several behind haproxy, and where the cache is."""
    if args.servers == 1:
        served = f"gunicorn {gunicorn} ({WORKERS} sync workers)"
    else:
        haproxy = subprocess.run(["haproxy", "-v"], capture_output=True, text=True).stdout.split()
        served = (
            f"{args.servers} gunicorn {gunicorn} processes of {workers_each(args.servers)} sync"
            f" worker(s) each behind haproxy {haproxy[2] if len(haproxy) > 2 else ''} (least connections)"
        )
    return f"{served}, the cache in {'Redis' if args.redis else 'local memory in each process'}"


def rate(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def grown(text: str, value: float, first: float) -> str:
    return f"{text} ({value / first:.2f}×)" if first else text


def cells(measure: Measure | None, first: Measure | None, bare: Measure) -> list[str]:
    if measure is None:
        return ["n/a"] * 5
    share = f"{measure.rps / bare.rps:.1%}"
    if measure.errors:  # wrk's socket errors or timeouts: its figures leave those requests out
        share += f" ⚠ {measure.errors} errors"
    sql = "?" if measure.queries is None else str(measure.queries)
    if first is None or first is measure:
        return [rate(measure.rps), ms(measure.p50), ms(measure.p99), sql, share]
    if first.queries is not None and measure.queries != first.queries:
        sql = f"**{sql}** (was {first.queries})"
    return [
        grown(rate(measure.rps), measure.rps, first.rps),
        grown(ms(measure.p50), measure.p50, first.p50),
        grown(ms(measure.p99), measure.p99, first.p99),
        sql,
        share,
    ]


def table(results: dict[int, dict[str, Measure | None]]) -> str:
    """One row a page; for each size req/s, p50, p99, SQL a request and the share of the bare
    view's req/s, the larger sizes' figures with their growth from the smallest's."""
    sizes = sorted(results)
    header = ["page"]
    for size in sizes:
        header += [f"{size:,}: req/s", "p50 ms", "p99 ms", "SQL", "of bare"]
    lines = ["| " + " | ".join(header) + " |", "|---" + "|---:" * (len(header) - 1) + "|"]
    for name in results[sizes[0]]:
        row = [name]
        first = results[sizes[0]][name]
        for size in sizes:
            row += cells(results[size][name], first, results[size][BARE])
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def misses(results: dict[int, dict[str, Measure | None]], share: float) -> list[str]:
    """The issue's targets a page misses, from the smallest size to the largest."""
    sizes = sorted(results)
    small, large = results[sizes[0]], results[sizes[-1]]
    found = []
    failed = [f"{n} at {size:,}" for size in sizes for n, m in results[size].items() if m and m.errors]
    if failed:
        found.append(f"socket errors or timeouts (⚠: requests wrk's figures leave out): {'; '.join(failed)}")
    under = [n for n, m in large.items() if m and n != BARE and m.rps / large[BARE].rps < share]
    if under:
        found.append(f"under {share:.0%} of the bare view at {sizes[-1]:,}: {'; '.join(under)}")
    if len(sizes) > 1:
        slower = [
            f"{n} ({m.p50 / small[n].p50:.2f}×)"
            for n, m in large.items()
            if m and small[n] and n != BARE and m.p50 / small[n].p50 > P50_GROWTH
        ]
        if slower:
            found.append(
                f"p50 grows more than {P50_GROWTH}× from {sizes[0]:,} to {sizes[-1]:,}: {'; '.join(slower)}"
            )
        more = [n for n, m in large.items() if m and small[n] and m.queries != small[n].queries]
        if more:
            found.append(f"queries per request change with the archive's size: {'; '.join(more)}")
    return found


def report(results: dict[str, dict[int, dict]], header: str, cache_setting: bool) -> str:
    """`results`: {"off"/"on": {size: {page: Measure}}}."""
    parts = [header]
    if not cache_setting:
        parts.append(
            'The served code has no `PRESSROOM_PAGE_CACHE_SECONDS` setting: caching "off" and "on"'
            " measure the same code."
        )
    for mode, by_size in results.items():
        title = (
            "**Caching off** (`PRESSROOM_PAGE_CACHE_SECONDS=0`)"
            if mode == "off"
            else "**Caching on** (the default setting)"
        )
        found = misses(by_size, SHARE_OFF if mode == "off" else SHARE_ON)
        targets = "\n".join(f"- {line}" for line in found) or "- every page meets the issue's targets"
        parts += [title, table(by_size), "Targets missed:\n" + targets]
    parts.append(
        "req/s, p50 and p99 under load; SQL: queries per request on a second visit; of bare: the share"
        " of the bare Django view's req/s (a fixed 20 KB page, no database or template) in the same"
        " run; (×): growth from the smallest archive. One run: compare within it, not across runs."
    )
    return "\n\n".join(parts) + "\n"


def slow_queries(slow: dict[int, list[dict]]) -> str:
    """The queries over 5 ms at each size (bench/explain.py), each with its plan."""
    parts = ["**Queries over 5 ms** (the page cache off, one request at a time, the fastest of 5 runs):"]
    for size, queries in slow.items():
        if not queries:
            parts.append(f"- {size:,} releases: none")
        for query in queries:
            sql = " ".join(query["sql"].split())
            parts.append(
                f"- {size:,} releases, {query['page']}: {query['ms']} ms\n\n"
                f"  ```sql\n  {sql[:600]}{' …' if len(sql) > 600 else ''}\n  ```\n\n"
                "  ```\n" + "\n".join(f"  {line}" for line in query["plan"].splitlines()) + "\n  ```"
            )
    return "\n\n".join(parts) + "\n"


def alone_table(alone: dict[int, dict[str, tuple]], mode: str) -> str:
    """p50 and p99 of a few pages with one connection: what one journalist waits, none queued ahead."""
    sizes = sorted(alone)
    lines = [
        f"**One request at a time** (1 connection, caching {mode}): p50 / p99 ms",
        "",
        "| page | " + " | ".join(f"{size:,}" for size in sizes) + " |",
        "|---" + "|---:" * len(sizes) + "|",
    ]
    for name in alone[sizes[0]]:
        row = [f"{ms(alone[size][name][1])} / {ms(alone[size][name][2])}" for size in sizes]
        lines.append(f"| {name} | " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"
