"""Paging newest first by where the last page ended, not by OFFSET: page 5,000 costs what page 1 does.

A cursor names a release's place in the order (dateline date, publication time, id), so it
holds nothing the page didn't show; a cursor that doesn't parse starts from the newest.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import Q

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Cursor:
    dateline_date: date
    published_at: datetime
    pk: int

    @classmethod
    def of(cls, release) -> "Cursor":
        return cls(release.dateline_date, release.published_at, release.pk)

    @classmethod
    def parse(cls, text: str | None) -> "Cursor | None":
        try:
            day, micros, pk = (text or "").split("_")
            published = EPOCH + timedelta(microseconds=int(micros))
            return cls(date.fromisoformat(day), published, int(pk))
        except (ValueError, OverflowError, OSError):
            return None

    def __str__(self):
        micros = (self.published_at - EPOCH) // timedelta(microseconds=1)
        return f"{self.dateline_date.isoformat()}_{micros}_{self.pk}"

    def older(self) -> Q:
        """Releases after this one, newest first. The first term lets the index start here."""
        d, p = self.dateline_date, self.published_at
        return Q(dateline_date__lte=d) & (
            Q(dateline_date__lt=d) | Q(published_at__lt=p) | Q(published_at=p, pk__lt=self.pk)
        )

    def newer(self) -> Q:
        d, p = self.dateline_date, self.published_at
        return Q(dateline_date__gte=d) & (
            Q(dateline_date__gt=d) | Q(published_at__gt=p) | Q(published_at=p, pk__gt=self.pk)
        )


@dataclass
class KeysetPage:
    """One page, newest first, with the cursors of the pages either side."""

    object_list: list
    newer: Cursor | None  # ?before=… : the page of newer releases, if there is one
    older: Cursor | None  # ?after=…  : the page of older releases, if there is one
    is_first: bool

    def has_other_pages(self) -> bool:
        return bool(self.newer or self.older)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


NEWEST_FIRST = ("-dateline_date", "-published_at", "-pk")
OLDEST_FIRST = ("dateline_date", "published_at", "pk")


def keyset_page(
    queryset, *, after: str | None = None, before: str | None = None, size: int = 20
) -> KeysetPage:
    """The page after the cursor `after` (older), or before `before` (newer), or the newest."""
    after_cursor, before_cursor = Cursor.parse(after), Cursor.parse(before)
    if before_cursor:
        rows = list(queryset.filter(before_cursor.newer()).order_by(*OLDEST_FIRST)[: size + 1])
        more_newer = len(rows) > size
        rows = rows[:size][::-1]
        return KeysetPage(
            rows,
            newer=Cursor.of(rows[0]) if more_newer else None,
            older=Cursor.of(rows[-1]) if rows else None,
            is_first=not more_newer,
        )
    if after_cursor:
        queryset = queryset.filter(after_cursor.older())
    rows = list(queryset.order_by(*NEWEST_FIRST)[: size + 1])
    more_older = len(rows) > size
    rows = rows[:size]
    return KeysetPage(
        rows,
        newer=Cursor.of(rows[0]) if after_cursor and rows else None,
        older=Cursor.of(rows[-1]) if more_older else None,
        is_first=after_cursor is None,
    )
