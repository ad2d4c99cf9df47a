"""Generate an archive of realistic releases in bulk, for benchmarks: `generate_releases 100000`.

What is generated: releases/generating/. On PostgreSQL the rows are copied in and the indexes
built once at the end (a million in some ten minutes on two cores); elsewhere bulk_create.
"""

import random
import signal
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from contacts.models import Agency
from releases.caching import public_content_changed
from releases.generating import directory
from releases.generating.archive import Archive
from releases.generating.writers import CopyWriter, write_with_orm
from releases.models import Release

BATCH = 2000


class Command(BaseCommand):
    help = "Generate N realistic releases in bulk (for benchmarks); the directory must exist (load_demo)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same releases")

    def handle(self, *args, count, seed, **options):
        if count < 1:
            raise CommandError("Give a number of releases to generate: 1 or more.")
        if not Agency.objects.exists():
            raise CommandError("The directory is empty: run `manage.py load_demo --releases 0` first.")
        grown = directory.grown(random.Random(seed))
        start = (Release.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        archive = Archive(grown, seed=seed, start=start)
        # Stopped (kill, or Ctrl-C), it finishes the batch being written and builds the indexes again.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit("generate_releases: stopped"))
        progress = tqdm(total=count, unit="release", disable=not self.stdout.isatty())
        batches = (archive.releases(min(BATCH, count - first)) for first in range(0, count, BATCH))
        if connection.vendor == "postgresql":
            with CopyWriter().writing() as writer:
                for batch in batches:
                    writer.put(batch)
                    progress.update(len(batch))
                progress.set_description("building the indexes")
        else:
            for batch in batches:
                write_with_orm(batch)
                progress.update(len(batch))
        progress.close()
        public_content_changed()
        self.stdout.write(f"{count} releases generated; {Release.objects.count()} in all.")
