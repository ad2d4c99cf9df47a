"""Serving the archive and loading it: gunicorn on 127.0.0.1 (one process, or several behind
haproxy), wrk against one page at a time, and each page's SQL queries per request, all with the
same environment."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# Where wrk sends its requests: gunicorn's, or the proxy's in front of several (on the next ports).
PORT = int(os.environ.get("BENCH_PORT", 18931))
WORKERS = 2  # sync workers in all, however many gunicorn processes share them
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


def workers_each(servers: int) -> int:
    """Each gunicorn process's workers: WORKERS shared out, so that one server or several run the
    same number of workers on the same cores (one each at least)."""
    return max(1, WORKERS // servers)


# In front of several gunicorn processes: each request to the one with the fewest in progress (a
# sync worker serves one at a time), and no answer cut shorter than wrk waits for one.
HAPROXY = """\
defaults
    mode http
    option forwardfor
    timeout connect 5s
    timeout client {timeout}s
    timeout server {timeout}s

frontend pressroom
    bind 127.0.0.1:{port}
    default_backend app_servers

backend app_servers
    balance leastconn
{servers}"""


def haproxy_config(port: int, backends: list[int]) -> str:
    """haproxy's configuration: 127.0.0.1:`port` in front of gunicorn on each of `backends`."""
    servers = "".join(f"    server app{n} 127.0.0.1:{backend}\n" for n, backend in enumerate(backends, 1))
    return HAPROXY.format(timeout=TIMEOUT + 5, port=port, servers=servers)


class Server:
    """gunicorn serving `code` with bench/baseline.py's settings (the project's production
    settings, plus the bare Django view at /bench/bare/) on PORT: one process of WORKERS sync
    workers, or `servers` processes sharing them (workers_each) behind haproxy."""

    def __init__(self, env: dict, code: Path, python: str, servers: int = 1):
        self.env = {**env, "DJANGO_SETTINGS_MODULE": "baseline"}
        self.code, self.python, self.servers = code, python, servers

    def gunicorn(self, port: int) -> subprocess.Popen:
        gunicorn = shutil.which("gunicorn", path=str(Path(self.python).parent))
        return subprocess.Popen(
            [gunicorn, "pressroom.wsgi", "--workers", str(workers_each(self.servers)),
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
             "--pythonpath", f"{self.code},{BENCH}", "--chdir", str(self.code)],
            env=self.env,
        )  # fmt: skip

    def __enter__(self):
        ports = [PORT] if self.servers == 1 else [PORT + n for n in range(1, self.servers + 1)]
        if taken := [port for port in {PORT, *ports} if answers(port)]:
            raise RuntimeError(
                f"127.0.0.1:{taken} in use (another benchmark?): set BENCH_PORT to another port"
            )
        self.processes = [self.gunicorn(port) for port in ports]
        if self.servers > 1:
            self.config = tempfile.NamedTemporaryFile("w", prefix="bench-haproxy-", suffix=".cfg")
            self.config.write(haproxy_config(PORT, ports))
            self.config.flush()
            self.processes.append(subprocess.Popen(["haproxy", "-db", "-f", self.config.name]))
        try:
            for port in [*ports, PORT]:  # each gunicorn, then the proxy in front of them
                wait_for(port)
            if any(process.poll() is not None for process in self.processes):
                raise RuntimeError("gunicorn or haproxy stopped")
        except RuntimeError:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        for process in self.processes:
            process.send_signal(signal.SIGTERM)
        for process in self.processes:
            process.wait(timeout=30)
        if self.servers > 1:
            self.config.close()


def answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_for(port: int):
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered on 127.0.0.1:{port}")


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


def run_script(script: str, env: dict, code: Path, python: str, argument) -> object:
    """Run one of bench/'s scripts with Django set up as the server is (the served checkout, its
    settings), `argument` passed as JSON; what it printed last, read as JSON."""
    done = subprocess.run(
        [python, str(BENCH / script), json.dumps(argument)],
        env={**env, "DJANGO_SETTINGS_MODULE": "baseline", "PYTHONPATH": f"{code}:{BENCH}"},
        cwd=code,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def queries_per_request(env: dict, code: Path, python: str, pages: dict[str, str]) -> dict[str, int | None]:
    """Each page's queries on a second visit (bench/queries.py), as the server's settings make them."""
    return run_script("queries.py", env, code, python, pages)


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
