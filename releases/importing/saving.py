"""Saving a parsed release: its agency, people, contacts and quotes, all or nothing."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from contacts.models import Agency, Role
from contacts.timezones import agency_zone
from releases.importing.directory import Directory
from releases.importing.errors import DocumentError
from releases.importing.issuer import release_issuer
from releases.importing.model import ParsedRelease
from releases.importing.resolving import hold_identity, person_for, release_contacts
from releases.importing.review import Review
from releases.mentions import found_mentions
from releases.models import Quote, Release, ReleaseContact
from releases.services import (
    release_content_digest,
    release_correct_as_system,
    release_link_versions_by_reference,
    release_publish_as_system,
    release_record_content,
)


@dataclass
class ImportResult:
    release: Release
    outcome: str  # "created", "updated" or "unchanged"
    review: Review = field(default_factory=Review)  # what an editor must check
    source: object = None  # the SourceDocument keeping the original file, if kept

    @property
    def published(self) -> bool:
        return self.release.status == Release.Status.PUBLISHED

    def describe(self) -> str:
        """As an import line says it: 'created' (published), 'draft, needs review (no date)',
        'updated, draft'."""
        if self.published:
            return str(OUTCOMES[self.outcome])
        words = [] if self.outcome == "created" else [str(OUTCOMES[self.outcome])]
        words.append(str(_("draft")))
        if self.review:
            words.append(str(_("needs review (%(what)s)") % {"what": self.review.summary()}))
        return ", ".join(words)


OUTCOMES = {"created": _("created"), "updated": _("updated"), "unchanged": _("unchanged")}


@transaction.atomic(savepoint=False)  # the caller's transaction, or savepoint, rolls it all back
def release_import(
    *,
    parsed: ParsedRelease,
    directory: Directory,
    agency: Agency | None = None,
    publish: bool = False,
    pending: "PendingRows | None" = None,
) -> ImportResult:
    """Create or update the release a parsed document describes; all of it or nothing.

    A new release is a draft, or published with `publish` when the document needed no review:
    a published release is never created from a guess, nor changed by a document that needs
    review (it is left as it is, and the notes say why). A new release's contacts, quotes and
    mentions go to `pending` when given (written with a whole group's, archive.py)."""
    # The issuer the document names (issuer.py); `agency` (--agency) when it names none.
    agency = release_issuer(parsed=parsed, directory=directory, fallback=agency)
    # The document's identity, decided under its lock: the same document imported at the same
    # moment waits here, then finds the release (and the people) this import wrote.
    if parsed.reference_number:
        identity = (parsed.reference_prefix, parsed.reference_number, parsed.reference_year, parsed.language)
    else:
        identity = ("", parsed.dateline_date, parsed.title)
    if hold_identity("release", agency.pk, *identity):
        directory.catch_up()  # the people it may have introduced
    contacts = release_contacts(parsed=parsed, directory=directory, issuer=agency)
    embargo_until = embargo_instant(parsed, agency)

    fields = {
        "kind": parsed.kind,
        "language": parsed.language,
        "title": parsed.title,
        "dateline_place": parsed.dateline_place,
        "dateline_date": parsed.dateline_date,
        "lead": parsed.lead,
        "body": parsed.body,
        "press_site_url": parsed.press_site_url,
        "embargo_until": embargo_until,
        "reference_prefix": parsed.reference_prefix,
        "reference_number": parsed.reference_number,
        "reference_year": parsed.reference_year,
        # Kept only where it differs from what the parts write ("ESA PR 07-2009", not "PR083 - 2013").
        "reference_written": ""
        if parsed.reference_written == written_from_parts(parsed)
        else parsed.reference_written,
    }
    versions = None
    if parsed.reference_number:
        # The document in every language: this one among them, the others to link it to.
        versions = list(
            Release.objects.with_reference(
                agency.pk, parsed.reference_prefix, parsed.reference_number, parsed.reference_year
            )
        )
        release = next((v for v in versions if v.language == parsed.language), None)
    else:
        same = Release.objects.filter(
            agency=agency, reference_number="", dateline_date=parsed.dateline_date, title=parsed.title
        )
        if parsed.dateline_date is None:
            # Undated: a title alone (often guessed) does not tell two documents apart; the same
            # text does. Another document with this title is a draft of its own, never overwritten.
            same = same.filter(lead=parsed.lead, body=parsed.body)
        release = same.first()
    created = release is None
    publishable = publish and not parsed.review
    if not created and release.status == Release.Status.PUBLISHED and parsed.review:
        return ImportResult(release, "unchanged", parsed.review)  # never changed from a guess
    if not created and release.status == Release.Status.WITHDRAWN:
        return ImportResult(release, "unchanged", parsed.review)  # a publisher restores it first
    if created:
        release = Release(agency=agency, status=Release.Status.DRAFT)
    # Published (through the workflow, below) only from a draft: a release in review or
    # approved waits for its publisher, whatever the command line says.
    publishing = publishable and release.status == Release.Status.DRAFT
    published_at = None
    if publishing:  # at the embargo, or at the dateline's midnight on the issuer's clock
        midnight = datetime.combine(parsed.dateline_date, time(0, 0), tzinfo=agency_zone(agency))
        published_at = embargo_until or midnight
    if embargo_until is None and not created:
        del fields["embargo_until"]  # keep an embargo an editor set; the document says nothing
    changed = created or publishing or any(getattr(release, name) != value for name, value in fields.items())
    for name, value in fields.items():
        setattr(release, name, value)
    try:
        # The constraints are the database's to enforce (a race on a reference is a conflict,
        # tried again); asking it each one first would cost a query apiece. So is the agency's
        # existence: it was read from the directory.
        release.full_clean(
            exclude=["agency", "slug"] if created else ["agency"],
            validate_unique=not created,
            validate_constraints=False,
        )
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        label = Release._meta.get_field(name).verbose_name if name in fields else ""
        reason = f"{label}: {' '.join(messages)}" if label else " ".join(messages)
        raise DocumentError(reason, parsed.lines.get(name)) from error

    # Speakers first: a person the document introduces is then also "mentioned". The title the
    # document gives a speaker ("Director of Space Operations") is kept on the quote when the
    # directory has no role (that the public may see) for them on the release's date.
    speakers = [person_for(q.speaker, directory, None) for q in parsed.quotes]
    day = parsed.dateline_date
    # Roles the release's page can show: at a listed agency or at the one issuing it (asked only
    # of speakers who hold a role at some date).
    roles = (
        Role.objects.current(day)
        .filter(person__in=speakers)
        .filter(Q(agency__is_listed=True) | Q(agency=agency))
        if day and directory.people_with_roles.intersection(person.pk for person in speakers)
        else None
    )
    with_role = set(roles.values_list("person_id", flat=True)) if roles is not None else set()
    wanted_quotes = [
        (person.pk, q.text, "" if person.pk in with_role else q.title[: Quote.speaker_title.field.max_length])
        for person, q in zip(speakers, parsed.quotes, strict=True)
    ]
    wanted_contacts = list(dict.fromkeys(c.pk for c in contacts))  # a contact named in two blocks, once
    contacts_differ = (
        created or list(release.release_contacts.values_list("contact_id", flat=True)) != wanted_contacts
    )
    quotes_differ = (
        created or list(release.quotes.values_list("person_id", "text", "speaker_title")) != wanted_quotes
    )
    if (
        release.status == Release.Status.PUBLISHED
        and not created
        and (changed or contacts_differ or quotes_differ)
    ):
        # Its page changes: the version journalists saw is kept, the change noted on the page.
        release_correct_as_system(release=release, note=str(_("updated from the issuer's document")))
    if created:  # its text as release_record_content would first record it, without reading it back
        release.content_digest = release_content_digest(
            release, quotes=[(pk, text) for pk, text, _ in wanted_quotes]
        )
    if publishing:
        release_publish_as_system(release=release, at=published_at, comment=str(_("Imported with --publish")))
    elif changed:
        release.save()

    found = found_mentions(release, directory)  # as the admin proposes them (releases/mentions.py)
    changed |= set_if_different(release.mentioned_agencies, found.agencies, created, pending)
    changed |= set_if_different(release.mentioned_people, found.people, created, pending)

    if contacts_differ:
        if not created:
            release.release_contacts.all().delete()
        insert(
            [ReleaseContact(release=release, contact_id=pk, order=i) for i, pk in enumerate(wanted_contacts)],
            pending if created else None,
        )
        changed = True

    if quotes_differ:
        if not created:
            release.quotes.all().delete()
        insert(
            [
                Quote(release=release, person_id=pk, text=text, speaker_title=title, order=i)
                for i, (pk, text, title) in enumerate(wanted_quotes)
            ],
            pending if created else None,
        )
        changed = True
    if changed and not created:
        release.save(update_fields=["updated_at"])
    if not created:
        release_record_content(release=release)  # tells its translations when the text changed
    if created:  # the other language's version, if imported already (an editor may unlink it)
        release_link_versions_by_reference(release=release, versions=versions or [])
    return ImportResult(
        release, "created" if created else "updated" if changed else "unchanged", parsed.review
    )


def embargo_instant(parsed: ParsedRelease, agency: Agency) -> datetime | None:
    """The embargo's instant: in the zone the line writes, else on the issuing agency's clock
    ("10:00, 12 February 2015" from JAXA is 01:00 UTC, from CNES 09:00 UTC). A time those clocks
    skip or show twice is noted, and left for an editor to set."""
    if parsed.embargo is None:
        return None
    try:
        return parsed.embargo.instant(agency)
    except ValidationError as error:
        parsed.note(
            "embargo_unreadable",
            _("Cannot read the embargo “%(when)s”: %(reason)s")
            % {"when": parsed.embargo.written, "reason": " ".join(error.messages)},
            parsed.lines.get("embargo_until"),
        )
        return None


def written_from_parts(parsed: ParsedRelease) -> str:
    """The reference as Release.reference writes it from its parts."""
    release = Release(
        reference_prefix=parsed.reference_prefix,
        reference_number=parsed.reference_number,
        reference_year=parsed.reference_year,
    )
    return release.reference


def set_if_different(manager, wanted, created: bool = False, pending: "PendingRows | None" = None) -> bool:
    """Make a many-to-many relation hold `wanted`; a new release's holds nothing yet: its rows
    are written in one INSERT (or with `pending`'s), without asking which exist (the search
    index, which add() would signal, is written once the whole release is)."""
    if created:
        through = manager.through
        insert(
            [
                through(**{manager.source_field_name: manager.instance, manager.target_field_name: obj})
                for obj in wanted
            ],
            pending,
        )
        return bool(wanted)
    if {obj.pk for obj in manager.all()} == {obj.pk for obj in wanted}:
        return False
    manager.set(wanted)
    return True


def insert(rows: list, pending: "PendingRows | None" = None):
    """New rows of one model: kept in `pending` to be written with others, or written now."""
    if pending is not None:
        pending.add(rows)
    elif rows:
        type(rows[0]).objects.bulk_create(rows)


class PendingRows:
    """The contacts, quotes and mentions of the releases a group of files creates, written in
    one INSERT a table when the group is saved (archive.py) rather than four a file."""

    def __init__(self):
        self.rows = []

    def add(self, rows: list):
        self.rows += rows

    def mark(self) -> int:
        return len(self.rows)

    def forget(self, mark: int):
        """Drop what was added since `mark`: a file whose savepoint was rolled back."""
        del self.rows[mark:]

    def write(self):
        by_model = defaultdict(list)
        for row in self.rows:
            by_model[type(row)].append(row)
        for model, rows in by_model.items():
            model.objects.bulk_create(rows)
        self.rows = []
