"""Saving a parsed release: its agency, people, contacts and quotes, all or nothing."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.db import connections, router, transaction
from django.utils.translation import gettext as _

from contacts.countries import country_choices
from contacts.models import Agency, Person, PressContact
from contacts.names import name_language
from contacts.phones import phone_to_e164, region_of
from releases.importing.directory import Directory
from releases.importing.errors import DocumentError
from releases.importing.model import ParsedContact, ParsedContactBlock, ParsedRelease
from releases.importing.text import fold
from releases.models import Quote, Release, ReleaseContact
from releases.services import release_link_versions_by_reference, release_record_content


@dataclass
class ImportResult:
    release: Release
    outcome: str  # "created", "updated" or "unchanged"


def is_valid_url(url: str) -> bool:
    try:
        URLValidator()(url)
    except ValidationError:
        return False
    return True


def save_new(obj, line: int | None, what: str):
    """Validate a row the document introduces, as a form would, and save it."""
    try:
        obj.full_clean(exclude=["slug"])
    except ValidationError as error:
        reasons = "; ".join(
            " ".join(msgs)
            if name == NON_FIELD_ERRORS
            else f"{obj._meta.get_field(name).verbose_name}: {' '.join(msgs)}"
            for name, msgs in error.message_dict.items()
        )
        raise DocumentError(f"{what} “{obj}”: {reasons}", line) from error
    obj.save()


def hold_identity(*parts) -> None:
    """Wait for, then hold until this transaction ends, the lock on one identity (a release's,
    a new agency's or person's name): a concurrent import of the same thing waits until this
    one commits, then finds what it wrote. PostgreSQL's advisory locks; a no-op on SQLite,
    which lets one writer in at a time anyway."""
    connection = connections[router.db_for_write(Release)]
    if connection.vendor != "postgresql":
        return
    digest = hashlib.blake2b("\x1f".join(map(str, ("pressroom.import", *parts))).encode(), digest_size=8)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest.digest(), "big", signed=True)]
        )


def agency_for(label: str, directory: Directory, *, region: str, press_site: str, line: int) -> Agency:
    if agency := directory.find_agency(label):
        return agency
    if not label:
        raise DocumentError(
            "cannot tell which agency issues this release: name it in the "
            "press-contacts heading (“CNES press contacts”) or with --agency",
            line,
        )
    hold_identity("agency", fold(label))  # a concurrent import introducing it too waits, then finds it
    directory.catch_up()
    if agency := directory.find_agency(label):
        return agency
    looks_like_acronym = label.replace("-", "").isupper() and len(label) <= 12
    agency = Agency(
        name=label,
        acronym=label if looks_like_acronym else "",
        country=region,
        press_page_url=press_site if is_valid_url(press_site) else "",  # the release reports it
        is_listed=False,
    )
    save_new(agency, line, _("agency"))
    directory.agencies.append(agency)
    return agency


def person_for(name: str, directory: Directory, line: int | None, agency: Agency | None = None) -> Person:
    if person := directory.find_person(name):
        return person
    hold_identity("person", fold(name))
    directory.catch_up()
    if person := directory.find_person(name):
        return person
    person = Person(name=name, is_listed=False)
    if agency is not None:  # a press contact of `agency`: its country tells 山田花子's language
        person.name_language = name_language(name, countries=[agency.country])
    save_new(person, line, _("person"))
    directory.people.append(person)
    return person


def contact_for(parsed: ParsedContact, agency: Agency, directory: Directory, region: str) -> PressContact:
    person = person_for(parsed.name, directory, parsed.line, agency)
    for kind in ("phone", "mobile"):
        check_number(getattr(parsed, kind), getattr(parsed, f"{kind}_line"), agency, region)
    contact = PressContact.objects.filter(person=person, agency=agency).first()
    if contact is None:
        order = PressContact.objects.filter(agency=agency).count()
        contact = PressContact(
            person=person,
            agency=agency,
            title=parsed.title,
            phone=parsed.phone,
            mobile=parsed.mobile,
            email=parsed.email,
            order=order,
            is_listed=False,
        )
        save_new(contact, parsed.line, _("press contact"))
    elif any(parsed_value and not getattr(contact, name) for name, parsed_value in contact_values(parsed)):
        # The directory may know better: fill only what it lacks.
        for name, parsed_value in contact_values(parsed):
            setattr(contact, name, getattr(contact, name) or parsed_value)
        contact.save()
    return contact


def contact_values(parsed: ParsedContact):
    return [
        ("title", parsed.title),
        ("phone", parsed.phone),
        ("mobile", parsed.mobile),
        ("email", parsed.email),
    ]


def check_number(written: str, line: int, agency: Agency, region: str):
    """A number is read in the agency's country; a country learnt here fills the directory's blank."""
    if not written:
        return
    if not written.startswith("+") and not (agency.country or region):
        raise DocumentError(
            f"“{written}” has no country code and {agency.short_name}'s country is unknown: "
            "write the number with its country code, or set the agency's country in the directory",
            line,
        )
    try:
        phone_to_e164(written, agency.country or region)
    except ValidationError as error:
        raise DocumentError(error.messages[0], line) from error
    if not agency.country and region:
        agency.country = region
        agency.save(update_fields=["country"])


def block_region(block: ParsedContactBlock, language: str) -> str:
    """The country a block's numbers are in: from its first international number, else the
    document's language (French documents write French numbers), else unknown."""
    for contact in block.contacts:
        for written in (contact.phone, contact.mobile):
            if written and (region := region_of(written)) in dict(country_choices()):
                return region
    return "FR" if language == "fr" else ""


@transaction.atomic
def release_import(
    *, parsed: ParsedRelease, directory: Directory, agency: Agency | None = None
) -> ImportResult:
    """Create or update the release a parsed document describes; all of it or nothing."""
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
    if created:
        tz = ZoneInfo(settings.TIME_ZONE)
        release = Release(
            agency=agency,
            status=Release.Status.PUBLISHED,
            published_at=parsed.embargo_until
            or datetime.combine(parsed.dateline_date, time(0, 0), tzinfo=tz),
        )
    if parsed.embargo_until is None and not created:
        del fields["embargo_until"]  # keep an embargo an editor set; the document says nothing
    changed = created or any(getattr(release, name) != value for name, value in fields.items())
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
    return ImportResult(release, "created" if created else "updated" if changed else "unchanged")


def set_if_different(manager, wanted) -> bool:
    if {obj.pk for obj in manager.all()} == {obj.pk for obj in wanted}:
        return False
    manager.set(wanted)
    return True
