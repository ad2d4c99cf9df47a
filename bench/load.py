"""Serving the archive and loading it: gunicorn on 127.0.0.1, wrk against one page at a time,
and each page's SQL queries per request, all with the same environment."""

import json
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PORT = 18931
WORKERS = 2
TIMEOUT = 60  # seconds: wrk leaves a slower answer out of its latencies, so none may be that slow


@dataclass(frozen=True)
class Measure:
    """One page under load: requests/s, p50 and p99 latency (ms), wrk's socket errors and
    timeouts, SQL queries per request."""

    rps: float
    p50: float
    p99: float
    errors: int
    queries: int | None


class Server:
    """gunicorn (WORKERS sync workers) serving `code` with bench/baseline.py's settings: the
    project's production settings, plus the bare Django view at /bench/bare/."""

    def __init__(self, env: dict, code: Path, python: str):
        self.env = {**env, "DJANGO_SETTINGS_MODULE": "baseline"}
        self.code, self.python = code, python

    def __enter__(self):
        gunicorn = shutil.which("gunicorn", path=str(Path(self.python).parent))
        self.process = subprocess.Popen(
            [gunicorn, "pressroom.wsgi", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{PORT}",
             "--log-level", "warning", "--pythonpath", f"{self.code},{BENCH}", "--chdir", str(self.code)],
            env=self.env,
        )  # fmt: skip
        for _ in range(150):
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


def status(url: str) -> int:
    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{PORT}{url}", timeout=60).status
    except urllib.error.HTTPError as error:
        return error.code


def wrk(url: str, duration: int, connections: int) -> tuple[float, float, float, int]:
    """Requests per second, p50 and p99 in ms, and socket errors (timeouts included), after a
    2-second warm-up."""
    full = f"http://127.0.0.1:{PORT}{url}"
    options = [f"-t{min(2, connections)}", f"-c{connections}", f"--timeout={TIMEOUT}s"]
    subprocess.run(["wrk", *options, "-d2s", full], check=True, capture_output=True)
    for _ in range(WORKERS):  # the warm-up's last requests served before the run starts
        status("/bench/bare/")
    out = subprocess.run(
        ["wrk", *options, f"-d{duration}s", "--latency", full],
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

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = sum(map(int, errors.groups())) if errors else 0
    if not int(re.search(r"(\d+) requests in", out)[1]):
        errors += 1  # not one answer in the run: its latencies are none
    return rps, latency(50), latency(99), errors


def queries_per_request(env: dict, code: Path, python: str, pages: dict[str, str]) -> dict[str, int | None]:
    """Each page's queries on a second visit (bench/queries.py), as the server's settings make them."""
    done = subprocess.run(
        [python, str(BENCH / "queries.py"), json.dumps(pages)],
        env={**env, "DJANGO_SETTINGS_MODULE": "baseline", "PYTHONPATH": f"{code}:{BENCH}"},
        cwd=code,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(pages: dict[str, str], counts: dict, duration: int, connections: int) -> dict:
    """Each page under load, or None where the served code has no such page (an older checkout)."""
    results = {}
    for name, url in pages.items():
        code = status(url)
        if code == 404:
            results[name] = None
            continue
        if code != 200:
            raise RuntimeError(f"{name} ({url}) answered {code}")
        results[name] = Measure(*wrk(url, duration, connections), counts.get(name))
    return results
