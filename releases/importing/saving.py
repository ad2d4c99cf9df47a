"""Saving a parsed release: its agency, people, contacts and quotes, all or nothing."""

from dataclasses import dataclass, field
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from contacts.models import Agency
from releases.importing.directory import Directory
from releases.importing.errors import DocumentError
from releases.importing.model import ParsedRelease
from releases.importing.resolving import agency_for, block_region, contact_for, hold_identity, person_for
from releases.importing.review import Review
from releases.models import Quote, Release, ReleaseContact
from releases.services import release_link_versions_by_reference, release_record_content


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
        """'created, draft, needs review (no date)', as an import line says it."""
        state = _("published") if self.published else _("draft")
        words = [str(OUTCOMES.get(self.outcome, self.outcome)), str(state)]
        if self.review:
            words.append(_("needs review (%(what)s)") % {"what": self.review.summary()})
        return ", ".join(words)


OUTCOMES = {"created": _("created"), "updated": _("updated"), "unchanged": _("unchanged")}


@transaction.atomic
def release_import(
    *, parsed: ParsedRelease, directory: Directory, agency: Agency | None = None, publish: bool = False
) -> ImportResult:
    """Create or update the release a parsed document describes; all of it or nothing.

    A new release is a draft, or published with `publish` when the document needed no review:
    a published release is never created from a guess, nor changed by a document that needs
    review (it is left as it is, and the notes say why)."""
    blocks = parsed.contact_blocks
    if agency is None and not (blocks and blocks[0].agency_label):
        # No agency named: the one whose domain the contacts' e-mails or the press site share.
        addresses = [c.email for b in blocks for c in b.contacts if c.email] + [parsed.press_site_url]
        agency = directory.agency_at(addresses)
    if agency is None:
        label = blocks[0].agency_label if blocks else ""
        agency = agency_for(
            label,
            directory,
            region=block_region(blocks[0], parsed.language) if blocks else "",
            press_site=parsed.press_site_url,
            line=blocks[0].line if blocks else None,
        )
    # The document's identity, decided under its lock: the same document imported at the same
    # moment waits here, then finds the release (and the people) this import wrote.
    if parsed.reference_number:
        identity = (parsed.reference_prefix, parsed.reference_number, parsed.reference_year, parsed.language)
    else:
        identity = ("", parsed.dateline_date, parsed.title)
    hold_identity("release", agency.pk, *identity)
    directory.catch_up()
    contacts = []
    for block in blocks:
        region = block_region(block, parsed.language)
        block_agency = agency
        if block.agency_label:
            block_agency = agency_for(
                block.agency_label, directory, region=region, press_site="", line=block.line
            )
        for contact in block.contacts:
            contact_agency = block_agency
            if contact.agency_label:  # "Marco Trovatello (ESA)"
                contact_agency = agency_for(
                    contact.agency_label, directory, region=region, press_site="", line=contact.line
                )
            contacts.append(contact_for(contact, contact_agency, directory, region))

    fields = {
        "kind": parsed.kind,
        "language": parsed.language,
        "title": parsed.title,
        "dateline_place": parsed.dateline_place,
        "dateline_date": parsed.dateline_date,
        "lead": parsed.lead,
        "body": parsed.body,
        "press_site_url": parsed.press_site_url,
        "embargo_until": parsed.embargo_until,
        "reference_prefix": parsed.reference_prefix,
        "reference_number": parsed.reference_number,
        "reference_year": parsed.reference_year,
    }
    same = Release.objects.filter(agency=agency)
    if parsed.reference_number:
        same = same.filter(
            reference_prefix=parsed.reference_prefix,
            reference_number=parsed.reference_number,
            reference_year=parsed.reference_year,
            language=parsed.language,  # the English and the French versions are two releases
        )
    else:
        same = same.filter(reference_number="", dateline_date=parsed.dateline_date, title=parsed.title)
    release = same.first()
    created = release is None
    publishable = publish and not parsed.review
    if not created and release.status == Release.Status.PUBLISHED and parsed.review:
        return ImportResult(release, "unchanged", parsed.review)  # never changed from a guess
    if created:
        release = Release(agency=agency, status=Release.Status.DRAFT)
    if publishable and release.status != Release.Status.PUBLISHED:
        tz = ZoneInfo(settings.TIME_ZONE)
        release.status = Release.Status.PUBLISHED
        release.published_at = parsed.embargo_until or datetime.combine(
            parsed.dateline_date, time(0, 0), tzinfo=tz
        )
        changed = True
    if parsed.embargo_until is None and not created:
        del fields["embargo_until"]  # keep an embargo an editor set; the document says nothing
    changed = created or publishable or any(getattr(release, name) != value for name, value in fields.items())
    for name, value in fields.items():
        setattr(release, name, value)
    try:
        release.full_clean(exclude=["slug"] if created else None, validate_unique=not created)
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        label = Release._meta.get_field(name).verbose_name if name in fields else ""
        reason = f"{label}: {' '.join(messages)}" if label else " ".join(messages)
        raise DocumentError(reason, parsed.lines.get(name)) from error
    if changed:
        release.save()

    # Speakers first: a person the document introduces is then also "mentioned".
    wanted_quotes = [(person_for(q.speaker, directory, None).pk, q.text) for q in parsed.quotes]
    text = "\n".join([parsed.title, parsed.lead, parsed.body])
    changed |= set_if_different(release.mentioned_agencies, directory.mentioned_agencies(text))
    changed |= set_if_different(release.mentioned_people, directory.mentioned_people(text))

    wanted_contacts = list(dict.fromkeys(c.pk for c in contacts))  # a contact named in two blocks, once
    if list(release.release_contacts.values_list("contact_id", flat=True)) != wanted_contacts:
        release.release_contacts.all().delete()
        ReleaseContact.objects.bulk_create(
            ReleaseContact(release=release, contact_id=pk, order=i) for i, pk in enumerate(wanted_contacts)
        )
        changed = True

    if list(release.quotes.values_list("person_id", "text")) != wanted_quotes:
        release.quotes.all().delete()
        Quote.objects.bulk_create(
            Quote(release=release, person_id=pk, text=text, order=i)
            for i, (pk, text) in enumerate(wanted_quotes)
        )
        changed = True
    if changed and not created:
        release.save(update_fields=["updated_at"])
    release_record_content(release=release)  # tells its translations when the text changed
    if created:  # the other language's version, if imported already (an editor may unlink it)
        release_link_versions_by_reference(release=release)
    return ImportResult(
        release, "created" if created else "updated" if changed else "unchanged", parsed.review
    )


def set_if_different(manager, wanted) -> bool:
    if {obj.pk for obj in manager.all()} == {obj.pk for obj in wanted}:
        return False
    manager.set(wanted)
    return True
