"""What the directory already knows, and finding agencies, people and press contacts in it.

A contact already in the directory is the same contact whatever the document calls them:
found by e-mail, or by a phone number only they have, then by name in any script
("Yamada Hanako" is 山田花子, whose name_latin it is). An agency is found by its acronym or
name, written with or without its legal form or article ("Orbitalis Systems, Inc." is
"Orbitalis Systems"), or as the start of a longer name ("Helix Launch" for "Helix Launch
Services"); or by the domain its site, press page or press e-mail shares with an address.
"""

import re
from collections import defaultdict

from django.db import connections, router

from contacts.models import Agency, Person, PressContact, Role
from releases.importing.quotes.names import Names
from releases.importing.text import fold

# Legal forms and articles that do not tell two agencies apart.
LEGAL_FORMS = re.compile(
    r"(?i)(?:,?\s+(?:inc|ltd|llc|gmbh|sas|sa|s\.a|ag|plc|corp|corporation|co|spa|s\.p\.a|srl|bv|nv|se)\.?)+$"
)
ARTICLES = re.compile(r"(?i)^(?:the|la|le|l['’]|les|il|lo|el|los|die|der|das|de|het|o|a)\s*")


def domain_of(address: str) -> str:
    """'alain.delrieu@cnes.fr', 'http://www.cnes.fr/presse' -> 'cnes.fr'."""
    host = address.rsplit("@", 1)[-1] if "@" in address else re.sub(r"^[a-z]+://", "", address.lower())
    return host.split("/")[0].lower().removeprefix("www.")


def agency_key(name: str) -> str:
    """'The Orbitalis Systems, Inc.' -> 'orbitalissystems'."""
    return fold(ARTICLES.sub("", LEGAL_FORMS.sub("", name.strip())))


def is_latin(name: str) -> bool:
    return all(not c.isalpha() or ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in name)


# Where a name may start in a text: a word's first character.
WORD_START = re.compile(r"(?<!\w)(?=\w)")
WORD_CHARACTER = re.compile(r"\w")


def name_keys(name: str) -> set[str]:
    """A name folded as written and with its words in any order ('Yamada Hanako', 'Hanako Yamada')."""
    words = [fold(word) for word in name.split() if fold(word)]
    return {"".join(words), " ".join(sorted(words))} - {""}


def directory_counts() -> tuple[int, int, int]:
    """How many agencies (not the unknown-issuer placeholder), people and press contacts the
    database holds, in one query: an import asks at least once a document."""
    connection = connections[router.db_for_read(Person)]
    quote = connection.ops.quote_name
    flag = quote(Agency._meta.get_field("is_unknown_issuer").column)
    agencies, people, contacts = (quote(model._meta.db_table) for model in (Agency, Person, PressContact))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {agencies} WHERE NOT {flag}), "
            f"(SELECT COUNT(*) FROM {people}), (SELECT COUNT(*) FROM {contacts})"
        )
        return tuple(cursor.fetchone())


class Directory:
    """What the directory already knows, loaded once per import run."""

    def __init__(self):
        self.refresh()

    def refresh(self):
        self.agencies = list(Agency.objects.filter(is_unknown_issuer=False))
        self.people = list(Person.objects.all())
        self.contacts = list(PressContact.objects.all())
        # Who holds a role (at any date): a speaker with none needs no query for their role.
        self.people_with_roles = set(Role.objects.values_list("person_id", flat=True).distinct())
        self.index()

    def index(self):
        self.known_names = Names()  # for the quotes' speakers (quotes/names.py)
        # Every name (in its script and in Latin letters) by its first two characters, longest
        # first, with its people: a text's names are found word start by word start.
        self.names_by_start: dict[str, list[str]] = defaultdict(list)
        self.people_named: dict[str, list[Person]] = defaultdict(list)
        self.agency_patterns: list[tuple[Agency, re.Pattern | None, re.Pattern]] = []
        self.by_key: dict[str, Agency] = {}
        self.by_domain: dict[str, Agency] = {}
        self.people_by_pk: dict[int, Person] = {}
        self.people_by_name: dict[str, list[Person]] = defaultdict(list)
        self.contacts_by_email: dict[str, list[PressContact]] = defaultdict(list)
        self.contacts_by_number: dict[str, list[PressContact]] = defaultdict(list)
        for agency in self.agencies:
            self.index_agency(agency)
        for person in self.people:
            self.index_person(person)
        for contact in self.contacts:
            self.index_contact(contact)

    def index_agency(self, agency: Agency):
        self.agency_patterns.append(
            (
                agency,
                re.compile(rf"(?<!\w){re.escape(agency.acronym)}(?!\w)") if agency.acronym else None,
                re.compile(rf"(?<!\w){re.escape(agency.name)}(?!\w)", re.I),
            )
        )
        for key in (fold(agency.acronym), agency_key(agency.name), fold(agency.name)):
            if key:
                self.by_key.setdefault(key, agency)
        for address in (agency.website, agency.press_page_url, agency.press_email):
            if domain := domain_of(address) if address else "":
                self.by_domain.setdefault(domain, agency)

    def index_person(self, person: Person):
        self.people_by_pk[person.pk] = person
        for name in [name for name in dict.fromkeys([person.name, person.name_latin]) if name]:
            self.known_names.add(name)
            if name not in self.people_named:
                same_start = self.names_by_start[name[:2]]
                same_start.append(name)
                same_start.sort(key=len, reverse=True)
            self.people_named[name].append(person)
        for name in {person.name, person.name_latin} - {""}:
            for key in name_keys(name):
                if person not in self.people_by_name[key]:
                    self.people_by_name[key].append(person)

    def index_contact(self, contact: PressContact):
        if contact.email:
            self.contacts_by_email[contact.email.lower()].append(contact)
        for e164 in {contact.phone_e164, contact.mobile_e164} - {""}:
            self.contacts_by_number[e164].append(contact)

    def catch_up(self):
        """Reload if agencies, people or press contacts were added or removed since (by a
        concurrent import): called under a lock, it sees what the import that held it committed."""
        if directory_counts() != (len(self.agencies), len(self.people), len(self.contacts)):
            self.refresh()

    def added(self, row):
        """A row this import saved: the directory knows it from now on."""
        if isinstance(row, Agency):
            self.agencies.append(row)
            self.index_agency(row)
        elif isinstance(row, Person):
            self.people.append(row)
            self.index_person(row)
        else:
            self.contacts.append(row)
            self.index_contact(row)

    # --- Agencies ---------------------------------------------------------------------------

    def find_agency(self, label: str) -> Agency | None:
        """The agency a label names: 'CNES', 'European Space Agency', 'Orbitalis Systems, Inc.',
        'Deutsches Zentrum für Luft- und Raumfahrt (DLR)', 'Helix Launch' (Helix Launch Services)."""
        label = label.strip()
        if not label:
            return None
        if (match := re.fullmatch(r"(?P<name>.+?)\s*\((?P<acronym>[^()]{1,30})\)", label)) and (
            found := self.find_agency(match["acronym"]) or self.find_agency(match["name"])
        ):
            return found
        for key in (fold(label), agency_key(label)):
            if key and (agency := self.by_key.get(key)):
                return agency
        words = [fold(word) for word in ARTICLES.sub("", LEGAL_FORMS.sub("", label)).split() if fold(word)]
        if len(words) < 2:
            return None
        starting = [
            agency
            for agency in self.agencies
            if (name := [fold(word) for word in agency.name.split() if fold(word)])
            and len(name) >= 2
            and (name[: len(words)] == words or words[: len(name)] == name)
        ]  # "Helix Launch" for Helix Launch Services; "Northfield University News" for Northfield University
        return starting[0] if len(starting) == 1 else None

    def agency_at(self, addresses: list[str]) -> Agency | None:
        """The agency whose site or press desk shares a domain with these e-mails or links
        ('priya.raman@jpl.nasa.gov' shares nasa.gov)."""
        for address in addresses:
            domain = domain_of(address) if address else ""
            while domain.count(".") >= 1:
                if agency := self.by_domain.get(domain):
                    return agency
                domain = domain.split(".", 1)[1]
        return None

    def mentioned_agencies(self, text: str) -> list[Agency]:
        """The agencies the text names by acronym (as written) or by name (in any case)."""
        return [
            agency
            for agency, acronym, name in self.agency_patterns
            if (acronym and acronym.search(text)) or name.search(text)
        ]

    # --- People and press contacts ----------------------------------------------------------

    def mentioned_people(self, text: str) -> list[Person]:
        """The people whose name (in its script or in Latin letters) the text writes as words;
        where two names start at one place, the longer ("Jean-Yves Le Gall", not "Jean-Yves")."""
        found: dict[int, Person] = {}
        for start in WORD_START.finditer(text):
            at = start.start()
            # The names starting with these two characters (or this one: a one-letter name).
            for name in [
                *self.names_by_start.get(text[at : at + 2], ()),
                *self.names_by_start.get(text[at], ()),
            ]:
                end = at + len(name)
                if text.startswith(name, at) and not WORD_CHARACTER.match(text, end):
                    found.update((person.pk, person) for person in self.people_named[name])
                    break
        return list(found.values())

    def find_person(self, name: str) -> Person | None:
        """The one person the directory knows by this name, in its own script or in Latin
        letters, its words in either order; None when none or several."""
        found = {p.pk: p for key in name_keys(name) for p in self.people_by_name.get(key, [])}
        return next(iter(found.values())) if len(found) == 1 else None

    def find_contact(
        self, *, email: str = "", numbers=(), name: str = "", office: str = ""
    ) -> PressContact | None:
        """A press contact the directory knows by the document's e-mail, or by a number only
        they have, whatever the name is written like; the same kind (a person, an office)."""

        def same_kind(contact: PressContact) -> bool:
            return bool(office) == (contact.person_id is None)

        if email:
            found = [c for c in self.contacts_by_email.get(email.lower(), []) if same_kind(c)]
            if found:
                return found[0]
        for e164 in numbers:
            found = [c for c in self.contacts_by_number.get(e164, []) if same_kind(c)]
            if len({c.person_id for c in found}) == 1 and (
                office or self.may_be(name, self.person_of(found[0]))
            ):
                return found[0]  # a desk number several people share names no one
        return None

    def may_be(self, name: str, person: Person | None) -> bool:
        """Whether a name the document writes may be this person's: the same name in either
        script, or one in another script than the directory's; not another Latin name
        ("Marc Delorme" calling from the number the directory has for Claire Fontaine)."""
        if person is None or not name:
            return False
        known = [written for written in (person.name, person.name_latin) if written]
        if any(name_keys(name) & name_keys(written) for written in known):
            return True
        if is_latin(name):
            latin = [written for written in known if is_latin(written)]
            surname = fold(name.split()[-1])
            # 山田花子 with no Latin name may be written any way; a Latin name shares its surname
            return not latin or any(surname in {fold(word) for word in written.split()} for written in latin)
        return all(is_latin(written) for written in known)  # the directory has only a Latin name

    def person_of(self, contact: PressContact) -> Person | None:
        return self.people_by_pk.get(contact.person_id) if contact.person_id else None
