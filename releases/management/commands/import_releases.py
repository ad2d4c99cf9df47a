import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from tqdm import tqdm

from releases.importing import Directory, document_paths, import_files

PROGRESS_FROM = 10  # files; fewer finish before a bar would help


class Command(BaseCommand):
    help = (
        "Import press releases from documents (.txt, .md, .docx, .pdf, .html) or folders of them. "
        "Each becomes a draft (with --publish, complete documents are published); a document with "
        "a fact missing or guessed is a draft marked 'needs review'. Importing a file again changes "
        "nothing; a file that fails writes nothing and the others are still imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files, or folders of documents")
        parser.add_argument(
            "--agency",
            help="acronym or name of the issuing agency, for documents that don't name it",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish the documents in which every fact was found (the others stay drafts to review)",
        )

    def handle(self, *args, paths, agency=None, publish=False, verbosity=1, **options):
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
        to_review = 0
        show_bar = len(files) >= PROGRESS_FROM and self.stdout.isatty() and verbosity > 0
        progress = tqdm(total=len(files), unit="file", disable=not show_bar, file=sys.stderr)
        # Files are committed in groups (import_files): each line is printed once its file is.
        for path, result in import_files(files, directory=directory, agency=issuer, publish=publish):
            progress.update()
            if isinstance(result, Exception):  # one bad file never stops the others, and is one line
                # Its savepoint is rolled back: nothing of it is written.
                counts["failed"] += 1
                line = f":{result.line}" if getattr(result, "line", None) else ""
                reason = getattr(result, "message", None) or getattr(result, "strerror", None) or repr(result)
                reason = " ".join(str(reason).split())
                self.report(progress, self.style.ERROR(f"{shown(path)}{line}: failed: {reason}"), err=True)
                continue
            counts[result.outcome] += 1
            to_review += bool(result.review)
            if verbosity > 0:
                self.report(progress, f"{shown(path)}: {result.describe()} {address(result)}")
                for note in result.review.notes if verbosity > 1 else ():
                    where = f" ({note.where})" if note.where else ""
                    self.report(progress, f"    {note.label}{where}: {note.message}")
        summary = ", ".join(f"{n} {outcome}" for outcome, n in counts.items())
        plural = "file" if len(files) == 1 else "files"
        self.stdout.write(f"{len(files)} {plural}: {summary}.")
        if to_review:
            drafts = "draft needs" if to_review == 1 else "drafts need"
            self.stdout.write(f"{to_review} {drafts} review: see “Needs review” in the admin's releases.")
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} of {len(files)} {plural} failed.", returncode=1)

    def report(self, progress, message, *, err=False):
        stream = self.stderr if err else self.stdout
        if progress.disable:
            stream.write(message)
        else:  # above the bar, which stays at the bottom of the terminal
            progress.write(message, file=stream, end="")


def address(result) -> str:
    """A published release's public address; a draft's page in the admin."""
    if result.published:
        return result.release.get_absolute_url()
    return reverse("admin:releases_release_change", args=[result.release.pk])


def shown(path) -> str:
    """A path as it can be printed: a name that is not UTF-8 shows its bytes (caf\\xe9.txt)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
