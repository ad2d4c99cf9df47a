"""The agencies and people a release's text names, found as the importer finds them
(releases/importing/directory.py: Directory.mentioned_agencies and mentioned_people), proposed
to the editor as mentions, and the mentions the editor confirms or declines.

A declined mention is not proposed again while the text stays as it was declined for.
"""

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import connections, transaction

from contacts.models import Agency, Person
from releases import search
from releases.models import AgencyMention, PersonMention, Release

if TYPE_CHECKING:  # the importer's saving.py imports this module
    from releases.importing.directory import Directory


@dataclass
class Mentions:
    """Agencies and people, in the order the directory found them."""

    agencies: list[Agency] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)

    def __bool__(self):
        return bool(self.agencies or self.people)

    def names(self) -> list[str]:
        return [agency.short_name for agency in self.agencies] + [person.name for person in self.people]


# The directory the admin finds mentions in, with the stamp of the directory it was loaded from:
# loading it takes a tenth of a second for a few thousand people, so once a process, not a form.
_loaded: tuple[tuple, "Directory"] | None = None


def directory_stamp() -> tuple:
    """Changes whenever an agency or a person is added, changed or removed: their newest
    history records, and their newest rows (rows written in bulk leave no history). One
    statement, six probes of primary keys, however large the directory."""
    probes = [
        probe
        for model in (Agency, Person)
        for probe in (
            model.history.order_by("-history_id").values("history_id")[:1],
            model.history.order_by("-history_id").values("history_date")[:1],  # ids come back
            model.objects.order_by("-pk").values("pk")[:1],
        )
    ]
    parts = [probe.query.sql_with_params() for probe in probes]
    with connections[Agency.objects.db].cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(f"({sql})" for sql, _params in parts),
            [param for _sql, params in parts for param in params],
        )
        return tuple(cursor.fetchone())


def mentions_directory() -> "Directory":
    """The importer's Directory, loaded again only when the directory changed since."""
    from releases.importing.directory import Directory  # the importer's saving.py imports this module

    global _loaded
    stamp = directory_stamp()
    if _loaded is None or _loaded[0] != stamp:
        _loaded = (stamp, Directory())
    return _loaded[1]


def mention_text(title: str, lead: str, body: str) -> str:
    """The text a release's mentions are found in: its title, lead and body."""
    return "\n".join([title, lead, body])


def found_mentions(release: Release, directory: "Directory") -> Mentions:
    """What the release's text names, by the importer's rules."""
    text = mention_text(release.title, release.lead, release.body)
    return Mentions(directory.mentioned_agencies(text), directory.mentioned_people(text))


def text_digest(release: Release) -> str:
    text = mention_text(release.title, release.lead, release.body)
    return hashlib.sha256(text.encode()).hexdigest()


def declined(release: Release) -> dict:
    """The mentions declined for the release's text as it is ({"agencies": [pk], "people": [pk]})."""
    record = release.mentions_declined or {}
    return record if record.get("digest") == text_digest(release) else {}


def release_proposed_mentions(*, release: Release, directory: "Directory") -> Mentions:
    """Named in the text, not mentioned yet, and not declined for this text."""
    found = found_mentions(release, directory)
    if not found:
        return found
    refused = declined(release)
    agencies = set(release.mentioned_agencies.values_list("pk", flat=True)) | set(refused.get("agencies", []))
    people = set(release.mentioned_people.values_list("pk", flat=True)) | set(refused.get("people", []))
    return Mentions(
        [agency for agency in found.agencies if agency.pk not in agencies],
        [person for person in found.people if person.pk not in people],
    )


@transaction.atomic
def release_confirm_mentions(*, release: Release, confirmed: Mentions, declined_now: Mentions) -> Mentions:
    """Add the confirmed mentions the release has not got yet (returned); remember the declined
    ones for its text as it is now, with those declined before for the same text."""
    have_agencies = set(release.mentioned_agencies.values_list("pk", flat=True))
    have_people = set(release.mentioned_people.values_list("pk", flat=True))
    added = Mentions(
        [agency for agency in confirmed.agencies if agency.pk not in have_agencies],
        [person for person in confirmed.people if person.pk not in have_people],
    )
    AgencyMention.objects.bulk_create(AgencyMention(release=release, agency=a) for a in added.agencies)
    PersonMention.objects.bulk_create(PersonMention(release=release, person=p) for p in added.people)
    if added:
        search.reindex([release.pk])  # written in bulk, unseen by the index's signals
    if declined_now:
        before = declined(release)
        release.mentions_declined = {
            "digest": text_digest(release),
            "agencies": sorted({*before.get("agencies", []), *(a.pk for a in declined_now.agencies)}),
            "people": sorted({*before.get("people", []), *(p.pk for p in declined_now.people)}),
        }
        # Bookkeeping, not an edit: no new edit version, no history record.
        Release.objects.filter(pk=release.pk).update(mentions_declined=release.mentions_declined)
    return added
