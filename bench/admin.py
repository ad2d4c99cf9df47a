"""The release admin on a large archive: the list, its filters and search, a change page, saves.

    createdb pressroom_big   # then, with DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressroom_big
    python manage.py migrate && python manage.py load_demo --i-know --releases 0
    python manage.py generate_releases 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressroom_big python bench/admin.py

In-process (Django's test client), logged in as the demo's publisher: each page's median time
of REPEATS runs and its SQL queries. It writes to the database: once, it gives COMMON published
releases one slug with suffixes (`launch-date-set-for-satellite`, `-2`, `-3`…: a common title),
and each save adds a release.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pressroom.settings.test")
if not os.environ.get("DATABASE_URL"):
    sys.exit("Set DATABASE_URL to a database with a large archive (see bench/admin.py).")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from contacts.models import Agency  # noqa: E402
from releases.models import Release  # noqa: E402
from tests.admin_forms import admin_form_data  # noqa: E402

REPEATS = int(os.environ.get("BENCH_REPEATS", 20))
COMMON = 2210  # the releases holding the common title's slug, as in the measurement
TITLE = "Launch date set for satellite"
SLUG = "launch-date-set-for-satellite"


def measure(action, prepare=None) -> tuple[float, int]:
    """Median milliseconds of REPEATS runs (each after `prepare`, untimed), and the queries of the last."""
    timings = []
    for _ in range(REPEATS):
        if prepare:
            prepare()
        connection.queries_log.clear()  # it keeps 9,000 queries at most
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            action()
            timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), len(queries)


def get(client, url):
    def action():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return action


def common_slugs():
    """COMMON published releases hold the slug and its suffixes -2, -3… (once)."""
    if Release.objects.filter(slug=SLUG).exists():
        return
    holders = Release.objects.public().order_by("pk").values_list("pk", flat=True)[:COMMON]
    for n, pk in enumerate(holders, start=1):
        Release.objects.filter(pk=pk).update(slug=SLUG if n == 1 else f"{SLUG}-{n}")


def add_release(client, agency):
    """An editor's new release, through the add form: a draft with the common title."""
    url = reverse("admin:releases_release_add")
    data = admin_form_data(client.get(url))
    data |= {
        "agency": [str(agency.pk)],
        "title": [TITLE],
        "slug": [SLUG],
        "dateline_place": ["Paris"],
        "dateline_date": [timezone.localdate().isoformat()],
        "lead": ["A new launch date."],
        "body": ["The launch is set."],
    }

    def action():
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]

    return action


def publish_release(client, agency, author):
    """A publisher publishes an approved release with the common title: it takes the next suffix."""
    approved = []

    def prepare():
        release = Release.objects.create(
            agency=agency,
            title=TITLE,
            slug=SLUG,
            dateline_place="Paris",
            dateline_date=timezone.localdate(),
            lead="A new launch date.",
            body="The launch is set.",
            status=Release.Status.APPROVED,
            created_by=author,
        )
        approved.append(release)

    def action():
        release = approved.pop()
        url = reverse("admin:releases_release_transition", args=[release.pk, "publish"])
        response = client.post(url, {})
        assert response.status_code == 302, response.content.decode()[:2000]

    return prepare, action


def correct_release(client, release):
    """A publisher corrects a public release with the common title, through its change form."""
    url = reverse("admin:releases_release_change", args=[release.pk])
    form = {}

    def prepare():
        form.clear()
        form.update(admin_form_data(client.get(url)))
        form.update(title=[f"{TITLE} (corrected)"], correction_note=["corrected the title"])

    def action():
        response = client.post(url, form)
        assert response.status_code == 302, response.content.decode()[:2000]

    return prepare, action


def main():
    print(f"{Release.objects.count():,} releases; {connection.vendor}; medians of {REPEATS} runs\n")
    common_slugs()
    user = get_user_model().objects.get(username="publisher")
    editor = get_user_model().objects.get(username="editor")
    client = Client()
    client.force_login(user)
    agency = Agency.objects.get(acronym="ESA")
    release = Release.objects.public().order_by("pk")[Release.objects.count() // 2]
    changelist = reverse("admin:releases_release_changelist")
    rare = release.title.rsplit(" ", 1)[-1]
    pages = {
        "list": changelist,
        "list, state public": f"{changelist}?visibility=public",
        "list, agency": f"{changelist}?agency__id__exact={agency.pk}",
        "list, language fr": f"{changelist}?language=fr",
        "list, year 2010": f"{changelist}?dateline_date__year=2010",
        "list, search common word": f"{changelist}?q=satellite",
        f"list, search rare word ({rare})": f"{changelist}?q={rare}",
        "list, search + agency": f"{changelist}?q=satellite&agency__id__exact={agency.pk}",
        "list, page 50": f"{changelist}?p=50",
        "change page": reverse("admin:releases_release_change", args=[release.pk]),
    }
    rows = [(name, *measure(get(client, url))) for name, url in pages.items()]
    editor_client = Client()
    editor_client.force_login(editor)
    rows.append(("save: add a release, common title", *measure(add_release(editor_client, agency))))
    prepare, publish = publish_release(client, agency, editor)
    rows.append((f"save: publish it, {COMMON:,}+ holders of its slug", *measure(publish, prepare)))
    public = Release.objects.public().get(slug=SLUG)
    prepare, correct = correct_release(client, public)
    rows.append(("save: correct a public release, common title", *measure(correct, prepare)))
    width = max(len(name) for name, *_ in rows)
    print(f"{'page':<{width}}  {'median ms':>9}  {'queries':>7}")
    for name, ms, queries in rows:
        print(f"{name:<{width}}  {ms:9.1f}  {queries:7d}")


if __name__ == "__main__":
    main()
