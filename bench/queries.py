"""SQL queries per request of each page, as the benchmark's server answers a second visit.

Run by bench/archive.py in a subprocess, with Django set up as the server is (the served
checkout, its settings and the same cache setting): prints {name: queries} as JSON.
"""

import json
import sys

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

if __name__ == "__main__":
    client, counts = Client(), {}
    for name, url in json.loads(sys.argv[1]).items():
        client.get(url, HTTP_HOST="127.0.0.1")  # the first visit fills any cache, as the warm-up does
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_HOST="127.0.0.1")
        counts[name] = len(queries) if response.status_code == 200 else None
    print(json.dumps(counts))
