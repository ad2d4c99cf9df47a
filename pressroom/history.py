"""The history kept of releases and of the directory: django-simple-history's HistoricalRecords,
with its manager made once, and records an import writes with its other rows
(pressroom/admin_history.py shows the history in the admin)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from simple_history.manager import HistoricalQuerySet, HistoryManager
from simple_history.models import HistoricalRecords as SimpleHistoricalRecords

# Where new history records go instead of one INSERT each: see records_kept_in().
_kept_in: ContextVar = ContextVar("history_records_kept_in", default=None)


@contextmanager
def records_kept_in(rows) -> Iterator[None]:
    """History records made inside are added to `rows` (the importer's PendingRows, whose rows
    a group of files writes in one INSERT a table, and drops with a file that fails) rather
    than saved one by one."""
    token = _kept_in.set(rows)
    try:
        yield
    finally:
        _kept_in.reset(token)


class KeptRecord(models.Model):
    """The base of the historical models: a new record is kept for later inside
    records_kept_in()."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if (rows := _kept_in.get()) is not None and self._state.adding:
            rows.add([self])
            return
        super().save(*args, **kwargs)


class ReadyHistoryManager(HistoryManager.from_queryset(HistoricalQuerySet)):
    """simple-history makes a manager class from its queryset class on every `row.history`,
    which each save asks for to write its record: a millisecond of introspection a save, in an
    import of thousands. This one is made once."""

    @classmethod
    def from_queryset(cls, queryset_class, class_name=None):
        if queryset_class is HistoricalQuerySet:
            return cls
        return super().from_queryset(queryset_class, class_name)


class HistoricalRecords(SimpleHistoricalRecords):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("history_manager", ReadyHistoryManager)
        kwargs.setdefault("bases", [KeptRecord])
        super().__init__(*args, **kwargs)
