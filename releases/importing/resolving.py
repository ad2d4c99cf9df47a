"""Resolving a parsed document against the directory: its agencies, people and press contacts,
found or introduced (unlisted), numbers read in the agency's country and checked against what
the directory knows. What an editor must check becomes a review note, never a refusal: a
number that cannot be read, or that differs from the directory's (the directory's is kept)."""

import hashlib
from functools import cache

import phonenumbers
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.db import connections, router
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contacts.countries import country_choices
from contacts.models import Agency, Person, PressContact
from contacts.names import name_language
from contacts.phones import phone_to_e164, region_of
from contacts.timezones import default_time_zone, zone_for_country
from releases.importing.directory import Directory
from releases.importing.errors import DocumentError
from releases.importing.model import ParsedContact, ParsedContactBlock, ParsedRelease
from releases.importing.text import fold
from releases.models import Release


def is_valid_url(url: str) -> bool:
    try:
        URLValidator()(url)
    except ValidationError:
        return False
    return True


def save_new(obj, line: int | None, what: str, *, constraints: bool = True):
    """Validate a row the document introduces, as a form would, and save it. Without
    `constraints`, the caller has checked the model's constraints itself (each costs a query)."""
    # Its agency or person was read from the database or saved by this import: not asked again.
    known = [field.name for field in obj._meta.concrete_fields if field.many_to_one and field.is_cached(obj)]
    try:
        obj.full_clean(exclude=["slug", *known], validate_constraints=constraints)
    except ValidationError as error:
        reasons = "; ".join(
            " ".join(msgs)
            if name == NON_FIELD_ERRORS
            else f"{obj._meta.get_field(name).verbose_name}: {' '.join(msgs)}"
            for name, msgs in error.message_dict.items()
        )
        raise DocumentError(f"{what} “{obj}”: {reasons}", line) from error
    obj.save()


def hold_identity(*parts) -> bool:
    """Wait for, then hold until this transaction ends, the lock on one identity (a release's,
    a new agency's or person's name): a concurrent import of the same thing waits until this
    one commits, then finds what it wrote. Whether it had to wait: what the other import wrote
    is committed then. PostgreSQL's advisory locks; a no-op on SQLite, which lets one writer
    in at a time anyway."""
    connection = connections[router.db_for_write(Release)]
    if connection.vendor != "postgresql":
        return False
    digest = hashlib.blake2b("\x1f".join(map(str, ("pressroom.import", *parts))).encode(), digest_size=8)
    key = int.from_bytes(digest.digest(), "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [key])
        if cursor.fetchone()[0]:
            return False
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
    return True


def agency_for(label: str, directory: Directory, *, region: str, press_site: str, line: int | None) -> Agency:
    """The agency a label names, from the directory or introduced unlisted."""
    if agency := directory.find_agency(label):
        return agency
    hold_identity("agency", fold(label))  # a concurrent import introducing it too waits, then finds it
    directory.catch_up()
    if agency := directory.find_agency(label):
        return agency
    looks_like_acronym = label.replace("-", "").isupper() and len(label) <= 12
    agency = Agency(
        name=label,
        acronym=label if looks_like_acronym else "",
        country=region if region in countries() else "",
        time_zone=zone_for_country(region) or default_time_zone(),  # Japan's: Asia/Tokyo
        press_page_url=press_site if is_valid_url(press_site) else "",  # the release reports it
        is_listed=False,
    )
    save_new(agency, line, _("agency"))
    agency.introduced = True  # by this import: the issuer stage notes it
    directory.added(agency)
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
    directory.added(person)
    return person


NUMBER_KINDS = ("phone", "mobile", "fax")
KIND_NAMES = {
    "phone": gettext_lazy("phone number"),
    "mobile": gettext_lazy("mobile number"),
    "fax": gettext_lazy("fax number"),
}


def contact_for(
    parsed: ParsedContact, agency: Agency, directory: Directory, region: str, release: ParsedRelease
) -> PressContact:
    """The directory's press contact for a parsed one: the same contact when the directory
    knows their e-mail or a number only they have, whatever the name looks like; otherwise
    found by name, or introduced (unlisted). The document's numbers fill what the directory
    lacks; one that differs from the directory's is noted, and the directory's kept."""
    numbers = read_numbers(parsed, agency, region, release)
    known = directory.find_contact(
        email=parsed.email,
        numbers=[e164 for _written, e164 in numbers.values()],
        name=parsed.name,
        office=parsed.office,
    )
    person = None
    if parsed.name:
        person = directory.person_of(known) if known else None
        person = person or person_for(parsed.name, directory, parsed.line, agency)
    if known is not None and known.agency_id == agency.pk:
        contact = known
    elif person is not None:
        contact = PressContact.objects.filter(person=person, agency=agency).first()
    else:
        contact = PressContact.objects.filter(agency=agency, office__iexact=parsed.office).first()
    values = {
        "title": parsed.title,
        "email": parsed.email,
        **{kind: written for kind, (written, _e164) in numbers.items()},
    }
    if contact is None:
        contact = PressContact(
            person=person,
            office="" if person else parsed.office,
            agency=agency,
            order=PressContact.objects.filter(agency=agency).count(),
            is_listed=False,
            **values,
        )
        # Its constraints, answered without a query each: the lookup above found no contact of
        # this person (or office) at this agency, and it has a person or an office.
        if not (contact.person or contact.office):
            raise DocumentError(_("a press contact with neither a name nor an office"), parsed.line)
        save_new(contact, parsed.line, _("press contact"), constraints=False)
        directory.added(contact)
        return contact
    report_differences(contact, numbers, parsed, agency, release)
    # The directory may know better: fill only what it lacks.
    missing = {name: value for name, value in values.items() if value and not getattr(contact, name)}
    if missing:
        for name, value in missing.items():
            setattr(contact, name, value)
        contact.save()
    return contact


def read_numbers(parsed: ParsedContact, agency: Agency, region: str, release: ParsedRelease) -> dict:
    """{kind: (written, E.164)} for the numbers of a contact that read in the agency's country
    (else `region`); a number that does not read is noted, and left out. A number the document
    gave no label is a mobile when its country's numbering says so."""
    numbers = {}
    country = agency.country or region
    for kind in NUMBER_KINDS:
        written = getattr(parsed, kind)
        if not written:
            continue
        where = getattr(parsed, f"{kind}_line") or parsed.line
        if e164 := read_number(written, country, agency, parsed, release, where):
            numbers[kind] = (written, e164)
    if "phone" in numbers and "mobile" not in numbers and "phone" in parsed.unlabelled:
        number = phonenumbers.parse(numbers["phone"][1])
        if phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE:
            numbers["mobile"] = numbers.pop("phone")  # "Name / +33 6 12 34 56 78": a mobile
    if numbers and not agency.country and region in countries():
        agency.country = region  # a country learnt here fills the directory's blank
        agency.save(update_fields=["country"])
    return numbers


def read_number(written, country, agency, parsed, release, line) -> str:
    """The E.164 form of a written number, or '' with a review note saying why not."""
    who = parsed.name or parsed.office
    if not written.lstrip().startswith(("+", "00")) and not country:
        release.note(
            "number_unreadable",
            _(
                "%(who)s: “%(number)s” has no country code and %(agency)s's country is unknown: "
                "add the number to the contact with its country code, or set the agency's country "
                "in the directory."
            )
            % {"who": who, "number": written, "agency": agency.short_name},
            line,
        )
        return ""
    try:
        return phone_to_e164(written, country)
    except ValidationError as error:
        release.note(
            "number_unreadable",
            _("%(who)s: %(reason)s The number was left out.") % {"who": who, "reason": error.messages[0]},
            line,
        )
        return ""


def report_differences(contact: PressContact, numbers: dict, parsed: ParsedContact, agency, release):
    """A number the document writes that is not the directory's: noted, the directory's kept."""
    for kind, (written, e164) in numbers.items():
        known, known_e164 = getattr(contact, kind), getattr(contact, f"{kind}_e164")
        if known and known_e164 != e164 and e164 not in {contact.phone_e164, contact.mobile_e164}:
            release.note(
                "number_differs",
                _(
                    "%(who)s (%(agency)s): the document gives the %(kind)s “%(written)s”, the "
                    "directory has “%(known)s”. The directory's is kept: correct the directory if "
                    "the document is right."
                )
                % {
                    "who": parsed.name or parsed.office,
                    "agency": agency.short_name,
                    "kind": KIND_NAMES[kind],
                    "written": written,
                    "known": known,
                },
                getattr(parsed, f"{kind}_line") or parsed.line,
            )


@cache
def countries() -> frozenset[str]:
    """The country codes the directory offers (contacts/countries.py)."""
    return frozenset(code for code, _name in country_choices())


def block_region(block: ParsedContactBlock, language: str) -> str:
    """The country a block's numbers are in: from its first international number, else what
    the block says of itself (its e-mails' country domain), else the document's language
    (French documents write French numbers), else unknown."""
    for contact in block.contacts:
        for written in (contact.phone, contact.mobile, contact.fax):
            if written and (region := region_of(written)) in countries():
                return region
    return block.region or ("FR" if language == "fr" else "")


def release_contacts(*, parsed: ParsedRelease, directory: Directory, issuer: Agency) -> list[PressContact]:
    """The press contacts of a release, in the document's order: each at its own agency when the
    document names one ("Marco Trovatello (ESA)", a block's heading, an organisation line),
    else at the agency its e-mail's domain is the directory's, else at the issuer."""
    contacts = []
    for block in parsed.contact_blocks:
        region = block_region(block, parsed.language)
        block_agency = issuer
        if block.agency_label:
            block_agency = agency_for(
                block.agency_label, directory, region=region, press_site="", line=block.line
            )
        for contact in block.contacts:
            agency = block_agency
            if contact.agency_label or (contact.email and not block.agency_label):
                by_domain = directory.agency_at([contact.email]) if contact.email else None
                if contact.agency_label and (named := directory.find_agency(contact.agency_label)):
                    agency = named
                elif by_domain is not None:
                    agency = by_domain  # "Agence spatiale canadienne" at asc-csa.gc.ca is CSA
                elif contact.agency_label:
                    agency = agency_for(
                        contact.agency_label, directory, region=region, press_site="", line=contact.line
                    )
            contacts.append(contact_for(contact, agency, directory, region, parsed))
    return contacts
