"""The history kept of releases and of the directory: django-simple-history's HistoricalRecords,
with its manager built once (pressroom/admin_history.py shows the history in the admin)."""

from simple_history.manager import HistoricalQuerySet, HistoryManager
from simple_history.models import HistoricalRecords as SimpleHistoricalRecords


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
        super().__init__(*args, **kwargs)
