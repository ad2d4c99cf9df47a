"""Resolving a parsed document against the directory: its agencies, people and press contacts,
found or introduced (unlisted), numbers checked."""

import hashlib

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.db import connections, router
from django.utils.translation import gettext as _

from contacts.countries import country_choices
from contacts.models import Agency, Person, PressContact
from contacts.names import name_language
from contacts.phones import phone_to_e164, region_of
from releases.importing.directory import Directory
from releases.importing.errors import DocumentError
from releases.importing.model import ParsedContact, ParsedContactBlock
from releases.importing.text import fold
from releases.models import Release


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
