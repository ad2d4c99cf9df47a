import os
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from releases.importing import Directory, document_paths, release_import_file

PROGRESS_FROM = 10  # files; fewer finish before a bar would help


class Command(BaseCommand):
    help = (
        "Import press releases from text files or folders of them. Importing a file again "
        "changes nothing; a file that fails writes nothing and the others are still imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files, or folders of .txt and .md files")
        parser.add_argument(
            "--agency",
            help="acronym or name of the issuing agency, for documents whose contacts don't name it",
        )

    def handle(self, *args, paths, agency=None, verbosity=1, **options):
        files = document_paths(paths)
        if not files:
            raise CommandError("No documents found in: " + ", ".join(paths))
        directory = Directory()
        issuer = None
        if agency:
            issuer = directory.find_agency(agency)
            if issuer is None:
                raise CommandError(f"No agency called “{agency}” in the directory.")
        counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
        show_bar = len(files) >= PROGRESS_FROM and self.stdout.isatty() and verbosity > 0
        progress = tqdm(files, unit="file", disable=not show_bar, file=sys.stderr)
        for path in progress:
            try:
                result = release_import_file(path=path, directory=directory, agency=issuer)
            except Exception as error:  # one bad file never stops the others, and is one line
                # The file's transaction is rolled back: nothing of it is written.
                counts["failed"] += 1
                line = f":{error.line}" if getattr(error, "line", None) else ""
                reason = getattr(error, "message", None) or getattr(error, "strerror", None) or repr(error)
                reason = " ".join(str(reason).split())
                self.report(progress, self.style.ERROR(f"{shown(path)}{line}: failed: {reason}"), err=True)
                continue
            counts[result.outcome] += 1
            if verbosity > 0:
                self.report(progress, f"{shown(path)}: {result.outcome} {result.release.get_absolute_url()}")
        summary = ", ".join(f"{n} {outcome}" for outcome, n in counts.items())
        plural = "file" if len(files) == 1 else "files"
        self.stdout.write(f"{len(files)} {plural}: {summary}.")
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} of {len(files)} {plural} failed.", returncode=1)

    def report(self, progress, message, *, err=False):
        stream = self.stderr if err else self.stdout
        if progress.disable:
            stream.write(message)
        else:  # above the bar, which stays at the bottom of the terminal
            progress.write(message, file=stream, end="")


def shown(path) -> str:
    """A path as it can be printed: a name that is not UTF-8 shows its bytes (caf\\xe9.txt)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
