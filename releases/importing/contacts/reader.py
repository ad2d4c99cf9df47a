"""A block's lines read in order, and the details shared out among the contacts they follow.

A name opens a contact (several, for "Name/Name" or names one under the other), the text lines
under it are its title or organisation, the details after it are its own; an office line opens
an office, or introduces the people under it. When a group closes, its details go to its
contacts by order, e-mails to the contact whose name they spell; what cannot be paired is kept
as a problem of the block, for review.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from releases.importing.contacts.details import DETAIL_KINDS
from releases.importing.contacts.lines import Item
from releases.importing.contacts.names import is_office
from releases.importing.contacts.written import Written, read_text
from releases.importing.model import ParsedContact, ParsedContactBlock
from releases.importing.text import fold

# A heading with these words names contacts, not an office ("Press contacts", "Kontakt").
CONTACT_WORDS = re.compile(r"(?i)contact|kontakt|contatt|information|informazion|renseignement|問い?合わせ")


def pair_in_order(contacts: list[ParsedContact], values: list[tuple[int, Item]]):
    """Details of one kind written as a list, as many as the contacts: each to the contact
    at its place in the list (the first phone to the first name)."""
    for contact, (number, item) in zip(contacts, values, strict=True):
        contact.add_detail(item.kind, item.value, number, item.labelled)


@dataclass
class Group:
    """Contacts opened together (one person, "Name / Name", or an office), and the details
    written for them, shared out when the group closes."""

    contacts: list[ParsedContact]
    shared: bool = False
    details: list[tuple[int, Item]] = field(default_factory=list)

    @property
    def has_details(self) -> bool:
        return bool(self.details)


class BlockReader:
    """Reads a block's lines in order: a name opens a contact (several, for "Name/Name" or names
    one under the other), the text lines under it are its title or organisation, the details
    after it are its own; an office line opens an office, or introduces the people under it."""

    def __init__(self, block: ParsedContactBlock, heading: str = ""):
        self.block = block
        # "Pressestelle", "Assessoria de Comunicação Social" over its numbers; not "Press contacts"
        self.heading_office = heading if is_office(heading) and not CONTACT_WORDS.search(heading) else ""
        self.group: Group | None = None
        self.header_office = ""  # "Ufficio Stampa ASI" above the people it introduces
        self.pending_agency = ""  # an organisation line above the people it introduces
        self.last_was_name = False
        self.orphans: list[tuple[int, Item]] = []  # details no name came before

    def open(self, names: list[str], number: int, written: Written):
        self.close()
        contacts = [
            ParsedContact(
                name=name,
                line=number,
                title=written.title or self.header_office,
                agency_label=written.agency or self.pending_agency,
            )
            for name in names
        ]
        self.pending_agency = ""
        self.block.contacts += contacts
        self.group = Group(contacts, shared=written.shared)

    def open_office(self, office: str, number: int):
        self.close()
        contact = ParsedContact(name="", office=office, line=number, agency_label=self.pending_agency)
        self.pending_agency = ""
        self.block.contacts.append(contact)
        self.group = Group([contact])

    def text(self, number: int, text: str):
        written = read_text(text)
        group = self.group
        if not written.names:
            self.last_was_name = False
        if written.names:
            if group is not None and not group.has_details and all(c.office for c in group.contacts):
                # "Ufficio Stampa ASI" / "Giulia Moretti": the office introduces the people.
                self.header_office = group.contacts[0].office
                self.pending_agency = self.pending_agency or group.contacts[0].agency_label
                self.block.contacts = [c for c in self.block.contacts if c not in group.contacts]
                self.group = None
                self.open(written.names, number, written)
            elif group is not None and not group.has_details and not group.shared and self.last_was_name:
                # Names one under the other, their details after them (lists).
                for name in written.names:
                    contact = ParsedContact(
                        name=name,
                        line=number,
                        title=written.title or self.header_office,
                        agency_label=written.agency,
                    )
                    group.contacts.append(contact)
                    self.block.contacts.append(contact)
            else:
                self.open(written.names, number, written)
            self.last_was_name = not written.title
        elif written.agency:
            if group is not None and not group.has_details:
                for contact in group.contacts:
                    contact.agency_label = contact.agency_label or written.agency
            else:
                self.pending_agency = written.agency
        elif written.office and (group is None or group.has_details):
            self.open_office(written.office, number)
        elif group is not None:
            # A title under the name(s): "Headquarters, Washington", "Pressesprecherin".
            targets = group.contacts if group.shared or len(group.contacts) == 1 else group.contacts[-1:]
            for contact in targets:
                if contact.office:
                    continue
                if contact.title == self.header_office and self.header_office:
                    contact.title = ""  # its own title replaces the office above it
                contact.title = ", ".join(filter(None, [contact.title, written.title or written.office]))
        else:
            self.header_office = written.title or written.office

    def detail(self, number: int, item: Item):
        self.last_was_name = False
        if self.group is None and (office := self.header_office or self.heading_office):
            self.open_office(office, number)  # "Pressestelle" / "Tel.: …": the office is the contact
            self.header_office = ""
        if self.group is None:
            self.orphans.append((number, item))
        else:
            self.group.details.append((number, item))

    def close(self):
        group, self.group = self.group, None
        if group is None or not group.details:
            return
        contacts = group.contacts
        if len(contacts) == 1:
            for number, item in group.details:
                contacts[0].add_detail(item.kind, item.value, number, item.labelled)
            return
        for kind in DETAIL_KINDS:
            values = [(number, item) for number, item in group.details if item.kind == kind]
            if not values:
                continue
            if len(values) == len(contacts):
                pair_in_order(contacts, values)
            elif kind == "email":
                self.pair_emails(contacts, values)
            elif len(values) == 1 and group.shared:
                for contact in contacts:  # "Name / Name" sharing one phone
                    contact.add_detail(kind, values[0][1].value, values[0][0], values[0][1].labelled)
            else:
                self.unpaired(contacts, kind, values)

    def pair_emails(self, contacts: list[ParsedContact], values: list[tuple[int, Item]]):
        """Fewer or more e-mails than names: each to the contact whose name it spells."""
        left = []
        for number, item in values:
            local = fold(item.value.split("@")[0])
            owners = [c for c in contacts if c.name and fold(c.name.split()[-1]) in local]
            if len(owners) == 1 and not owners[0].email:
                owners[0].add_detail("email", item.value, number)
            else:
                left.append((number, item))
        if left:
            self.unpaired(contacts, "email", left)

    def unpaired(self, contacts: list[ParsedContact], kind: str, values: list[tuple[int, Item]]):
        what = {
            "phone": _("phone numbers"),
            "mobile": _("mobile numbers"),
            "fax": _("fax numbers"),
            "email": _("e-mail addresses"),
        }
        message = _(
            "Cannot tell whose these %(what)s are: %(details)s (contacts: %(names)s). "
            "Add each to the right contact."
        ) % {
            "what": what[kind],
            "details": ", ".join(item.value for _number, item in values),
            "names": ", ".join(contact.shown_name for contact in contacts),
        }
        self.block.problems.append(("contacts_unpaired", message, values[0][0]))
