"""`make bench-proxy` (bench/load.py): several gunicorn processes behind haproxy, measured
against one process with the same workers in all."""

import importlib
import re
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture
def load(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    return importlib.import_module("load")


def test_several_servers_share_the_workers_one_server_has(load):
    assert load.workers_each(1) == load.WORKERS
    assert load.workers_each(2) * 2 == load.WORKERS
    assert load.workers_each(load.WORKERS + 1) == 1  # one each at least


def test_the_proxy_listens_where_wrk_sends_and_spreads_requests_over_every_server(load):
    config = load.haproxy_config(18931, [18932, 18933])

    assert re.search(r"^\s+bind 127\.0\.0\.1:18931$", config, re.MULTILINE)
    servers = re.findall(r"^\s+server \S+ (127\.0\.0\.1:\d+)$", config, re.MULTILINE)
    assert servers == ["127.0.0.1:18932", "127.0.0.1:18933"]
    assert re.search(r"^\s+balance leastconn$", config, re.MULTILINE)  # to a free sync worker


def test_the_proxy_waits_for_a_slow_page_as_long_as_wrk_does(load):
    config = load.haproxy_config(18931, [18932, 18933])

    timeouts = dict(re.findall(r"^\s+timeout (client|server) (\d+)s$", config, re.MULTILINE))
    assert set(timeouts) == {"client", "server"}
    assert all(int(seconds) > load.TIMEOUT for seconds in timeouts.values())
