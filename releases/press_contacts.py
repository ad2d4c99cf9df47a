"""Who a journalist calls about a release: its press contacts, today and as they were printed.

- Today (`contacts_now`): the release's page and feeds show each press contact with the details
  the directory holds now, for the journalist must reach the right person now. A contact who is
  no longer active gives way to their agency's press desk (shown once), nothing deleted; a
  release naming no one shows its issuer's desk.
- As printed (`contacts_as_printed`): an earlier version of a corrected release keeps each
  contact's details as they stood when that version came out (the directory's history,
  pressroom/history.py), whatever the directory says today.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Subquery

from contacts.models import Agency, PressContact

PHONES = ("phone", "phone_e164", "mobile", "mobile_e164", "fax", "fax_e164")


@dataclass(frozen=True)
class ContactCard:
    """One card of a release's "Press contacts": a press contact, or an agency's press desk."""

    contact: PressContact | None = None
    desk: Agency | None = None


def has_desk(agency: Agency | None) -> bool:
    return agency is not None and bool(agency.press_phone or agency.press_email)


def contacts_now(release) -> list[ContactCard]:
    """The cards a release's page shows today, from its prefetched release_contacts (for_page())."""
    cards, desks = [], set()

    def add_desk(agency):
        if has_desk(agency) and agency.pk not in desks:
            desks.add(agency.pk)
            cards.append(ContactCard(desk=agency))

    links = list(release.release_contacts.all())
    for link in links:
        contact = link.contact
        if contact.is_active:
            cards.append(ContactCard(contact=contact))
        else:  # gone from the press office: their desk answers instead, else the issuer's
            add_desk(contact.agency if has_desk(contact.agency) else release.agency)
    if not cards:
        add_desk(release.agency)
    return cards


def contacts_as_printed(release, at: datetime) -> list[dict]:
    """The release's press contacts as the page printed them at `at`: each contact's details
    from the directory's history as of then (today's where no record reaches back so far), or
    the issuer's desk where it named no one. Plain values, to be kept with an earlier version."""
    printed = []
    links = list(release.release_contacts.select_related("contact__person", "contact__agency"))
    contacts = all_as_of([link.contact for link in links], at)  # two queries, however many
    people = all_as_of([link.contact.person for link in links if link.contact.person_id], at)
    for link in links:
        contact = contacts[link.contact.pk]
        contact.derive_phones(strict=False)  # the forms a call dials: not kept in the history
        person = people[link.contact.person_id] if link.contact.person_id else None
        printed.append(
            {
                "name": person.name if person else contact.office,
                "person_url": link.contact.person.get_absolute_url() if person else "",
                "title": contact.title,
                "agency": link.contact.agency.short_name,
                "agency_url": link.contact.agency.get_absolute_url(),
                "email": contact.email,
                **{name: getattr(contact, name) for name in PHONES},
            }
        )
    if not printed and has_desk(release.agency):
        desk = as_of(release.agency, at)
        desk.derive_phones(strict=False)
        printed.append(
            {
                "desk": True,
                "agency": release.agency.short_name,
                "agency_url": release.agency.get_absolute_url(),
                "phone": desk.press_phone,
                "phone_e164": desk.press_phone_e164,
                "email": desk.press_email,
            }
        )
    return printed


def all_as_of(instances: list, at: datetime) -> dict:
    """as_of() for rows of one model, by primary key, in one query: each row's latest record
    up to `at`, found through the history's index on the row's id."""
    if not instances:
        return {}
    history = instances[0].history.model
    latest = (
        history.objects.filter(id=OuterRef("id"), history_date__lte=at)
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    rows = {instance.pk: instance for instance in instances}
    records = history.objects.filter(id__in=rows, history_id=Subquery(latest))
    return rows | {record.id: record.instance for record in records}


def as_of(instance, at: datetime):
    """`instance` as its history says it was at `at`; itself where no record reaches back so far."""
    record = instance.history.filter(history_date__lte=at).order_by("-history_date", "-history_id").first()
    return record.instance if record is not None else instance
