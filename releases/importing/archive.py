"""Importing an archive: many files, fifty to a transaction, read a group ahead.

A file's import is mostly the database's work and Django's (saving.py), a quarter of it
reading and parsing the file (parse.py), which needs no database. With two processors, a
process of its own reads the next group's files while this one saves the current group's;
each file's quotes are read here, against the names the directory knows when it is saved
(the import before may have introduced the speaker), so that the result is the one a file at
a time would give.
"""

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from django.db import router, transaction

from contacts.models import Agency
from pressroom.history import records_kept_in
from releases import search
from releases.importing.directory import Directory
from releases.importing.files import is_conflict, read_bytes, release_import_file, save, writing
from releases.importing.parse import read_quotes, read_release
from releases.importing.readers import read_source
from releases.importing.saving import ImportResult, PendingRows
from releases.models import Release

# Files imported in one transaction: an archive's commits (an fsync each, a round trip to the
# database) and search-index writes are shared by this many documents.
FILES_PER_TRANSACTION = 50


def import_files(
    paths: list[Path], *, directory: Directory, agency: Agency | None = None, publish: bool = False
) -> Iterator[tuple[Path, ImportResult | Exception]]:
    """Import files (an archive) in order; yield each path with its result, or the error that
    kept it out, once what it wrote is committed.

    FILES_PER_TRANSACTION files share a transaction, each inside a savepoint of its own: a
    file that fails writes nothing and the others are kept. When a concurrent import wrote
    first (a conflict), the group is rolled back and its files imported one by one, each in a
    transaction of its own tried again as release_import_file's is.
    """
    using = router.db_for_write(Release)
    groups = [
        paths[start : start + FILES_PER_TRANSACTION] for start in range(0, len(paths), FILES_PER_TRANSACTION)
    ]
    with ReadAhead(groups) as reader:
        for group, read in reader:
            try:
                outcomes = import_group(
                    group, read, directory=directory, agency=agency, publish=publish, using=using
                )
            except Exception as error:
                if not isinstance(error, Conflict) and not is_conflict(error):  # at commit: a deferred check
                    raise
                directory.refresh()
                options = {"directory": directory, "agency": agency, "publish": publish}
                outcomes = [import_alone(path, **options) for path in group]
            yield from outcomes


class Conflict(Exception):
    """A concurrent import wrote first: the group is imported again one file at a time."""


def import_group(
    paths, read, *, directory, agency, publish, using
) -> list[tuple[Path, ImportResult | Exception]]:
    outcomes = []
    pending = PendingRows()  # new releases' contacts, quotes and mentions: written at the end,
    # with the history records of the rows the files save (pressroom/history.py)
    with writing(using=using), search.batch(), records_kept_in(pending):  # indexed once, before commit
        # What other imports committed before: all of it on SQLite, whose writers take turns;
        # PostgreSQL's commit meanwhile, and are waited for on the identities they hold.
        directory.catch_up()
        for path, file in zip(paths, read, strict=True):
            if isinstance(file, Exception):  # unreadable: nothing to write
                outcomes.append((path, file))
                continue
            data, format, parsed = file
            mark = pending.mark()
            try:
                with transaction.atomic(using=using):  # a savepoint: this file, all or nothing
                    parsed.quotes = read_quotes(parsed, directory.known_names)
                    keep = (path.name, data, format, None)
                    result = save(
                        parsed,
                        directory=directory,
                        agency=agency,
                        publish=publish,
                        keep=keep,
                        pending=pending,
                    )
            except Exception as error:
                pending.forget(mark)  # and what the directory had added: the savepoint is rolled back
                directory.refresh()
                if is_conflict(error):
                    raise Conflict from error
                outcomes.append((path, error))
            else:
                outcomes.append((path, result))
        pending.write()  # before the search index reads them; a duplicate row fails the group (a conflict)
    return outcomes


def import_alone(path: Path, **options) -> tuple[Path, ImportResult | Exception]:
    try:
        return path, release_import_file(path=path, **options)
    except Exception as error:  # reported with the file's name; the others go on
        return path, error


# --- Reading ahead ------------------------------------------------------------------------------


def read_files(paths: list[Path]) -> list[tuple | Exception]:
    """Each file's bytes, format and what was read in it (all but its quotes), or why it
    cannot be imported."""
    read = []
    for path in paths:
        try:
            data = read_bytes(path)
            source = read_source(path.name, data)
            read.append(
                (data, source.format, read_release(source.markdown, meta=source.meta, where=source.where))
            )
        except Exception as error:
            read.append(error)
    return read


def processors() -> int:
    """The processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class ReadAhead:
    """The groups of files with what was read in them; the next group read in a process of
    its own (forked: Django and the readers ready, no database touched) while the current one
    is saved. Read here with one processor, one group, or where processes cannot be forked,
    and whenever the other process fails."""

    def __init__(self, groups: list[list[Path]]):
        self.groups = groups
        self.pool = None
        if len(groups) > 1 and processors() > 1 and "fork" in multiprocessing.get_all_start_methods():
            self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def __iter__(self) -> Iterator[tuple[list[Path], list]]:
        pending = self.submit(0)
        for index, group in enumerate(self.groups):
            read = self.result(pending, group)
            pending = self.submit(index + 1)
            yield group, read

    def submit(self, index: int) -> Future | None:
        if self.pool is None or index >= len(self.groups):
            return None
        return self.pool.submit(read_files, self.groups[index])

    def result(self, pending: Future | None, group: list[Path]) -> list:
        if pending is not None:
            try:
                return pending.result()
            except Exception:  # the process died, or what it read could not be sent back
                pass
        return read_files(group)
