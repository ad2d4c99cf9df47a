"""Reading files and importing each in its own transaction, tried again on conflicts (an
archive's files, many to a transaction: archive.py)."""

import os
import random
import stat
from contextlib import contextmanager
from pathlib import Path
from time import sleep

from django.db import IntegrityError, OperationalError, connections, router, transaction

from contacts.models import Agency
from releases import search
from releases.importing.directory import Directory
from releases.importing.errors import DocumentError
from releases.importing.parse import parse_release
from releases.importing.readers import FORMATS, MAX_DOCUMENT_BYTES, read_source
from releases.importing.saving import ImportResult, release_import
from releases.models import Release


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_DOCUMENT_BYTES (the readers' per-format
    limits are then checked by read_source).

    Its size as stat() tells is not trusted (a device says 0, a file may grow while read): at
    most the limit and one byte are read. A device, a pipe or a folder is refused, and a pipe
    is opened without waiting for a writer.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise DocumentError(f"cannot be read: {error.strerror}") from error
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise DocumentError("not a regular file")
        with open(descriptor, "rb", closefd=False) as file:
            data = file.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as error:
        raise DocumentError(f"cannot be read: {error.strerror}") from error
    finally:
        os.close(descriptor)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(f"larger than {MAX_DOCUMENT_BYTES // 2**20} MB: not a press release")
    return data


# A file's transaction is tried this many times when a concurrent import wrote first.
IMPORT_ATTEMPTS = 5


def import_document(
    *,
    name: str,
    data: bytes,
    directory: Directory,
    agency: Agency | None = None,
    publish: bool = False,
    user=None,
) -> ImportResult:
    """Import one document (a file's name and bytes) in one transaction: a release, a draft to
    review when a fact is missing or guessed, and the original file kept beside it.

    Published only with `publish` and every fact found. DocumentError says why a file could
    not be imported at all (unreadable, an impossible fact); nothing of it is written then.
    Safe to run beside other imports: when one of them took a slug or a name first, or the
    two deadlocked, the whole transaction is tried again and sees what the other committed.
    """
    source = read_source(name, data)
    parsed = parse_release(
        source.markdown, known_names=directory.known_names, meta=source.meta, where=source.where
    )
    return save_parsed(
        parsed, directory=directory, agency=agency, publish=publish, keep=(name, data, source.format, user)
    )


def save_parsed(parsed, *, directory: Directory, agency=None, publish=False, keep=None) -> ImportResult:
    """Save a parsed document in a transaction of its own, tried again on conflicts; `keep` =
    (name, data, format, user) of the original file, recorded beside the release."""
    for attempt in range(1, IMPORT_ATTEMPTS + 1):
        try:
            # Indexed once, in the same transaction: quotes and contacts (written in bulk) included.
            with writing(using=router.db_for_write(Release)), search.batch():
                directory.catch_up()  # what other imports committed before this transaction
                return save(parsed, directory=directory, agency=agency, publish=publish, keep=keep)
        except Exception as error:
            directory.refresh()  # forget what the rolled-back transaction had added
            if not is_conflict(error):
                raise
            if attempt == IMPORT_ATTEMPTS:
                reason = " ".join(str(error).split())
                raise DocumentError(f"could not be saved (tried {attempt} times): {reason}") from error
            sleep(random.uniform(0, 0.05 * attempt))  # the rivals commit; don't collide again in step
    raise AssertionError("unreachable")


def save(
    parsed, *, directory: Directory, agency=None, publish=False, keep=None, pending=None
) -> ImportResult:
    """The release and its kept file, inside the caller's transaction (`pending`: release_import's)."""
    from releases.sources import SourceDocument

    result = release_import(
        parsed=parsed, directory=directory, agency=agency, publish=publish, pending=pending
    )
    if keep:
        name, data, format, user = keep
        result.source = SourceDocument.objects.record(
            release=result.release,
            name=name,
            data=data,
            format=format,
            notes=parsed.review.notes,
            user=user,
            new_release=result.outcome == "created",
        )
    search.reindex([result.release.pk])
    return result


def release_import_file(
    *, path: Path, directory: Directory, agency: Agency | None = None, publish: bool = False
) -> ImportResult:
    """Read and import one file, in one transaction (import_document)."""
    return import_document(
        name=path.name, data=read_bytes(path), directory=directory, agency=agency, publish=publish
    )


@contextmanager
def writing(*, using: str):
    """One transaction that writes. On SQLite it takes the write lock as it begins (BEGIN
    IMMEDIATE), waiting its turn behind another writer, rather than failing halfway through
    with "database is locked"; PostgreSQL's writers wait on the rows and locks they share."""
    connection = connections[using]
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic(using=using):
            yield
        return
    mode, connection.transaction_mode = connection.transaction_mode, "IMMEDIATE"
    try:
        with transaction.atomic(using=using):
            connection.transaction_mode = mode  # only this BEGIN is immediate
            yield
    finally:
        connection.transaction_mode = mode


def is_conflict(error: Exception) -> bool:
    """Whether trying again can succeed: a unique value (a slug, a name) a concurrent import
    took first, a deadlock between two imports, or SQLite busy with another writer."""
    if isinstance(error, IntegrityError):
        return True
    if isinstance(error, OperationalError):
        sqlstate = getattr(error.__cause__, "sqlstate", None)
        return sqlstate in {"40001", "40P01"} or "is locked" in str(error)
    return False


def document_paths(paths: list[str]) -> list[Path]:
    """Files as given, and the documents under folders (FORMATS' extensions), in a stable order."""
    found = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS)
        else:
            found.append(path)
    return found
