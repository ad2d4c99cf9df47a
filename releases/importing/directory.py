"""What the directory already knows, and finding agencies and people in it."""

import re

from contacts.models import Agency, Person
from releases.importing.text import fold


def domain_of(address: str) -> str:
    """'alain.delrieu@cnes.fr', 'http://www.cnes.fr/presse' -> 'cnes.fr'."""
    host = address.rsplit("@", 1)[-1] if "@" in address else re.sub(r"^[a-z]+://", "", address.lower())
    return host.split("/")[0].lower().removeprefix("www.")


class Directory:
    """What the directory already knows, loaded once per import run."""

    def __init__(self):
        self.refresh()

    def refresh(self):
        self.agencies = list(Agency.objects.all())
        self.people = list(Person.objects.all())

    def catch_up(self):
        """Reload if agencies or people were added or removed since (by a concurrent import):
        called under a lock, it sees what the import that held the lock committed."""
        if Agency.objects.count() != len(self.agencies) or Person.objects.count() != len(self.people):
            self.refresh()

    def person_names(self) -> list[str]:
        return [name for p in self.people for name in (p.name, p.name_latin) if name]

    def find_agency(self, label: str) -> Agency | None:
        wanted = fold(label)
        for agency in self.agencies:
            if wanted in {fold(agency.acronym), fold(agency.name)} - {""}:
                return agency
        return None

    def agency_at(self, addresses: list[str]) -> Agency | None:
        """The agency whose site or press desk shares a domain with these e-mails or links."""
        wanted = [domain_of(address) for address in addresses if domain_of(address)]
        for domain in wanted:
            for agency in self.agencies:
                known = {domain_of(a) for a in (agency.website, agency.press_page_url, agency.press_email)}
                if domain in known - {""}:
                    return agency
        return None

    def mentioned_agencies(self, text: str) -> list[Agency]:
        return [
            agency
            for agency in self.agencies
            if (agency.acronym and re.search(rf"(?<!\w){re.escape(agency.acronym)}(?!\w)", text))
            or re.search(rf"(?<!\w){re.escape(agency.name)}(?!\w)", text, re.I)
        ]

    def mentioned_people(self, text: str) -> list[Person]:
        return [
            person
            for person in self.people
            if any(
                name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
                for name in (person.name, person.name_latin)
            )
        ]

    def find_person(self, name: str) -> Person | None:
        wanted = fold(name)
        return next((p for p in self.people if wanted in {fold(p.name), fold(p.name_latin)} - {""}), None)
