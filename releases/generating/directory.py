"""A directory the size of a long-lived press room's: agencies with their press desks, people
with roles, press contacts and topics, added once beside the demo's (idempotent)."""

import random
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from contacts.models import Agency, Person, PressContact, Role
from releases.generating.text import made_up_words
from releases.models import Topic

AGENCIES = 40  # besides the demo's
KINDS = [
    ("{name} Space Agency", "{initial}SA", "FR", "Europe/Paris", "+33 1 44 76 {a:02d} {b:02d}"),
    ("Agence spatiale {name}", "AS{initial}", "FR", "Europe/Paris", "+33 5 61 27 {a:02d} {b:02d}"),
    ("{name} Research Council", "{initial}RC", "GB", "Europe/London", "+44 20 7946 {a:02d}{b:02d}"),
    ("{name} Observatory", "{initial}O", "DE", "Europe/Berlin", "+49 30 2093 {a:02d}{b:02d}"),
]
ROLES = ["Director General", "Head of Media Relations", "Chief Scientist", "Programme Manager"]
TOPICS = [
    "Earth observation", "Launchers", "Climate", "Telecommunications", "Navigation", "Science",
    "Human spaceflight", "Exploration", "Industry", "Education", "Space debris", "Budget",
    "International cooperation", "Research", "Ground stations", "Astronomy", "Weather", "Security",
    "Innovation", "Careers",
]  # fmt: skip


@dataclass(frozen=True)
class Directory:
    """What generated releases name, as ids and the few fields their text and index read."""

    agencies: list[Agency]
    people: list[Person]
    contacts_by_agency: dict[int, list[int]]
    people_by_agency: dict[int, list[Person]]
    topics: list[int]


def grown(rnd: random.Random) -> Directory:
    """The directory, with the generated agencies, people, contacts and topics added if missing."""
    with transaction.atomic():
        if not Agency.objects.filter(slug__startswith="generated-").exists():
            add_agencies(rnd)
        for name in TOPICS:
            Topic.objects.get_or_create(name=name, defaults={"slug": name.lower().replace(" ", "-")})
    agencies = list(Agency.objects.filter(is_unknown_issuer=False).order_by("pk"))
    people_by_agency: dict[int, list[Person]] = {}
    for role in Role.objects.select_related("person").order_by("pk"):
        people_by_agency.setdefault(role.agency_id, []).append(role.person)
    contacts_by_agency: dict[int, list[int]] = {}
    for contact in PressContact.objects.filter(is_active=True).order_by("pk"):
        contacts_by_agency.setdefault(contact.agency_id, []).append(contact.pk)
    return Directory(
        agencies=agencies,
        people=list(Person.objects.order_by("pk")),
        contacts_by_agency=contacts_by_agency,
        people_by_agency=people_by_agency,
        topics=list(Topic.objects.values_list("pk", flat=True)),
    )


def add_agencies(rnd: random.Random):
    """Agencies with a press desk, four people each with a role, and two press contacts."""
    names = made_up_words(rnd, AGENCIES * 5)
    taken = set(Agency.objects.values_list("acronym", flat=True))
    candidates = iter(dict.fromkeys(name.capitalize() for name in names))
    for n in range(AGENCIES):
        label, acronym, country, zone, phone = KINDS[n % len(KINDS)]
        name = next(c for c in candidates if acronym.format(initial=c[:2].upper()) not in taken)
        taken.add(acronym := acronym.format(initial=name[:2].upper()))
        agency = Agency.objects.create(
            name=label.format(name=name),
            acronym=acronym,
            slug=f"generated-{n}-{name.lower()}",
            country=country,
            time_zone=zone,
            website=f"https://www.{name.lower()}.example.org/",
            press_phone=phone.format(a=10 + n, b=0),
            press_email=f"press@{name.lower()}.example.org",
            reference_prefix="PR",
        )
        for k, title in enumerate(ROLES):
            first, last = names[AGENCIES + 4 * n + k].capitalize(), names[(n + k) % AGENCIES].capitalize()
            person = Person.objects.create(name=f"{first} {last}", slug=f"generated-{n}-{k}-{first.lower()}")
            Role.objects.create(person=person, agency=agency, title=title, start_date=date(1990, 1, 1))
            if k in (1, 3):
                PressContact.objects.create(
                    person=person,
                    agency=agency,
                    title=title,
                    phone=phone.format(a=10 + n, b=10 + k),
                    email=f"{first.lower()}.{last.lower()}@{name.lower()}.example.org",
                    order=k,
                )
