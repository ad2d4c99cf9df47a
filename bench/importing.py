"""How fast the importer reads press offices' documents: text, .docx and .pdf, and an archive.

    make bench-import                                         # SQLite (a temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressroom_bench_import make bench-import
    make bench-import BENCH_ARGS="--documents 1000 --txt 50 --docx 20 --pdf 10"   # quicker
    make bench-import BENCH_ARGS="--documents 2000 --skip-throughput --profile"   # where time goes

1. Throughput: distinct documents of each format (200 text, 100 .docx, 50 .pdf by default),
   imported one by one through `import_document(..., publish=True)` with one Directory, as the
   command and the admin do, into a database holding the demo directory. Prints documents per
   second (from the median document and overall) and the milliseconds a document spends
   reading (`read_source`), parsing (`parse_release`) and saving (`save_parsed`).
2. An archive: 10,000 distinct text documents in a folder, imported by
   `manage.py import_releases <folder> --publish` in a process of its own, timed from start to
   exit (Django's start included), with its processor time and peak memory (its own rusage).
   PASS under 2 minutes (in proportion for another --documents), else FAIL and exit status 1;
   a document that fails to import, or is taken for one imported before, fails the run too.
   --profile imports the archive again under cProfile and prints where the time goes.

Both run on SQLite, then on PostgreSQL when DATABASE_URL names one: the benchmark drops and
re-creates that database, so its name must contain "bench" (never the demo's or the tests').
Each part starts from a fresh database with the demo directory (`load_demo --releases 0`).

The documents are our own writing, in the forms of tests/corpus/: the seed's Markdown (CNES,
English), a French communiqué with a numeric date and a one-line contact, a German
Pressemitteilung with a "Pressekontakt:" block, an Italian comunicato with "Contatti", an ESA
release with "N° 12–2021:" before its title. Titles, references, dates, quotes and contacts
differ from one document to the next; contacts and speakers come from pools of a few dozen
people an agency, as an archive's do. These machines are noisy: compare within a run only.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
FORMATS = ("txt", "docx", "pdf")

# --- Documents --------------------------------------------------------------------------------


@dataclass
class Block:
    """A paragraph of a document: `kind` says how each format shows it."""

    kind: str  # "line" (one line alone), "title", "lead", "text" (running text), "lines", "heading"
    lines: list[str]


@dataclass
class Document:
    name: str  # file name without extension
    blocks: list[Block]
    markdown: bool = False  # the text form is Markdown (the seed's form); else plain, wrapped at 76
    template: str = ""


AGENCIES = {
    # acronym: (language, domain, cities, press site)
    "CNES": ("fr", "cnes.fr", ["Paris", "Toulouse"], "http://www.cnes.fr/presse"),
    "DLR": ("de", "dlr.de", ["Köln", "Oberpfaffenhofen", "Bremen"], "https://www.dlr.de/presse"),
    "ASI": ("it", "asi.it", ["Roma", "Matera"], "https://www.asi.it/stampa"),
    "ESA": ("en", "esa.int", ["Paris", "Darmstadt", "Noordwijk"], "https://www.esa.int/Newsroom"),
}
FIRST = {
    language: words.split()
    for language, words in {
        "fr": "Camille Julien Élodie Mathieu Inès Bastien Claire Thibault Agnès Rémi Solène Olivier",
        "de": "Anna Jonas Katrin Lukas Miriam Felix Sabine Tobias Ulrike Matthias Greta Stefan",
        "it": "Giulia Marco Chiara Luca Francesca Davide Elena Paolo Silvia Matteo Sara Andrea",
        "en": "Hannah Pieter Marta Tomas Ingrid Daniel Sofia Erik Laura Henrik Nadia Jorge",
    }.items()
}
LAST = {
    language: words.split()
    for language, words in {
        "fr": "Bérard Castagne Delmas Faurie Guérin Lachaud Marchal Pelletier Roussel Vidal Thiébaut Arnoux",
        "de": "Albrecht Brenner Eckert Fuchs Hartung Kessler Lindner Pohl Riedel Seidel Wendt Zeller",
        "it": "Bellini Caruso Donati Esposito Ferri Galli Lombardi Marchetti Ricci Santoro Testa Vitale",
        "en": "Andersen Bakker Costa Dubois Eriksen Fontaine Hughes Janssen Kowalski Lindqvist Moreau Novak",
    }.items()
}
PRESS_TITLES = {
    "fr": ["Attachée de presse", "Relations médias"],
    "de": ["Pressesprecherin", "Pressesprecher", "Kommunikation"],
    "it": ["Ufficio Stampa"],
    "en": ["Media Relations Officer", "Press Officer"],
}
ROLES = {
    "fr": [
        "président du CNES",
        "directrice des systèmes orbitaux",
        "directeur des lanceurs",
        "cheffe de projet",
    ],
    "de": ["Vorstandsvorsitzende des DLR", "Leiter des Instituts für Raumfahrtsysteme", "Projektleiterin"],
    "it": ["il Presidente dell'ASI", "la responsabile del programma", "il direttore tecnico dell'ASI"],
    "en": [
        "ESA Director of Earth Observation Programmes",
        "ESA Director of Space Transportation",
        "ESA mission manager",
    ],
}
MONTHS = {
    language: words.split()
    for language, words in {
        "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
        "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
        "en": "January February March April May June July August September October November December",
    }.items()
}
SYLLABLES = (
    "Al Bor Cae Dor Ely Fal Gal Hel Ith Kor Lum Mir Nor Ost Pyr Qua Ris Sol Tal Ury Val Wyn Xen Zar".split()
)
ENDINGS = "a is on ea ix os ara enn ios ane".split()
SUBJECTS = {
    # of one gender, so that the articles of the sentences fit every one
    "fr": ["satellite", "radar", "lanceur", "télescope", "spectromètre", "démonstrateur"],
    "de": ["Satellit", "Radarsatellit", "Lander", "Rover", "Forschungssatellit", "Kleinsatellit"],
    "it": ["satellite", "radar", "lanciatore", "telescopio", "radiometro", "dimostratore"],
    "en": ["satellite", "probe", "instrument", "launcher", "constellation", "ground station"],
}
TITLES = {
    "fr": [
        "Le CNES signe le contrat de réalisation du {subject} {mission}",
        "Le {subject} {mission} achève ses derniers essais à {city}",
        "Premières mesures pour le {subject} {mission}",
        "Le {subject} {mission} franchit sa revue critique de conception",
        "Le CNES choisit ses partenaires industriels pour le {subject} {mission}",
    ],
    "de": [
        "DLR beauftragt Industrie mit dem Bau von {mission}",
        "{subject} {mission} besteht letzte Tests in {city}",
        "Erste Messdaten vom {subject} {mission}",
        "{subject} {mission} erreicht kritische Entwurfsprüfung",
        "Neues Kontrollzentrum für {mission} in {city} eröffnet",
    ],
    "it": [
        "L'ASI firma il contratto per il {subject} {mission}",
        "Il {subject} {mission} completa le prove finali a {city}",
        "Primi dati dal {subject} {mission}",
        "Il {subject} {mission} supera la revisione critica di progetto",
        "L'ASI sceglie i partner industriali per il {subject} {mission}",
    ],
    "en": [
        "ESA signs contract to build the {mission} {subject}",
        "{mission} {subject} completes final tests in {city}",
        "First data from the {mission} {subject}",
        "{mission} {subject} passes critical design review",
        "ESA selects industrial partners for the {mission} {subject}",
    ],
}
SENTENCES = {
    "en": [
        "The {mission} {subject} will carry {n} instruments to an orbit {km} kilometres above the Earth, "
        "where it will work for at least {years} years.",
        "Engineers completed {weeks} weeks of thermal and vibration tests in {city}, "
        "clearing the way for shipment to the launch site.",
        "The data will be open to researchers, public services and companies {months} months "
        "after they are acquired.",
        "Companies in {count} countries are building the platform, the payload and the ground segment "
        "under a contract worth €{money} million.",
        "Over its lifetime the mission is expected to return more than {tb} terabytes of measurements, "
        "ten times as much as its predecessor.",
        "A second model will follow in {later}, so that together they revisit every point on the globe "
        "every {days} days.",
        "Ground stations in Kiruna and Kourou will receive the data, processed within {hours} hours "
        "of each pass.",
        "Students from {count} universities helped design the onboard software through a competition "
        "opened in {earlier}.",
        "The review board examined {n}00 documents and asked for {weeks} changes, all of which "
        "have now been made.",
        "The first images are expected {weeks} weeks after launch, once the instruments have been "
        "switched on and calibrated.",
    ],
    "fr": [
        "Le {subject} {mission} emportera {n} instruments sur une orbite située à {km} kilomètres "
        "d'altitude, où il fonctionnera au moins {years} ans.",
        "Les équipes ont mené {weeks} semaines d'essais thermiques et de vibrations à {city} avant "
        "l'expédition vers le site de lancement.",
        "Les données seront ouvertes aux chercheurs, aux services publics et aux entreprises {months} mois "
        "après leur acquisition.",
        "Des industriels de {count} pays réalisent la plateforme, la charge utile et le segment sol, "
        "dans le cadre d'un contrat de {money} millions d'euros.",
        "Au cours de sa vie, la mission devrait fournir plus de {tb} téraoctets de mesures, dix fois "
        "plus que la précédente.",
        "Un second modèle suivra en {later}, afin de revoir chaque point du globe tous les {days} jours.",
        "Les stations de Kiruna et de Kourou recevront les données, traitées en moins de {hours} heures "
        "après chaque passage.",
        "Des étudiants de {count} universités ont participé à la conception du logiciel de bord lors "
        "d'un concours ouvert en {earlier}.",
        "La commission de revue a examiné {n}00 documents et demandé {weeks} modifications, toutes "
        "apportées depuis.",
        "Les premières images sont attendues {weeks} semaines après le lancement, une fois les "
        "instruments allumés et étalonnés.",
    ],
    "de": [
        "Der {subject} {mission} trägt {n} Instrumente auf eine Umlaufbahn in {km} Kilometern Höhe, "
        "wo er mindestens {years} Jahre arbeiten soll.",
        "Die Teams schlossen in {city} {weeks} Wochen thermischer Tests und Vibrationstests ab, bevor "
        "die Reise zum Startplatz beginnt.",
        "Die Daten stehen Forschung, Behörden und Unternehmen {months} Monate nach ihrer Aufnahme "
        "frei zur Verfügung.",
        "Unternehmen aus {count} Ländern bauen Plattform, Nutzlast und Bodensegment im Rahmen eines "
        "Vertrags über {money} Millionen Euro.",
        "Im Lauf der Mission sollen mehr als {tb} Terabyte Messdaten entstehen, zehnmal so viel wie "
        "bei der Vorgängermission.",
        "Ein zweites Modell folgt {later}, damit jeder Punkt der Erde alle {days} Tage erneut "
        "beobachtet wird.",
        "Bodenstationen in Kiruna und Weilheim empfangen die Daten, die binnen {hours} Stunden nach "
        "jedem Überflug verarbeitet werden.",
        "Studierende von {count} Hochschulen entwickelten die Bordsoftware in einem Wettbewerb mit, "
        "der {earlier} begann.",
        "Das Prüfgremium sichtete {n}00 Dokumente und verlangte {weeks} Änderungen, die inzwischen "
        "alle umgesetzt sind.",
        "Die ersten Bilder werden {weeks} Wochen nach dem Start erwartet, sobald die Instrumente "
        "eingeschaltet und kalibriert sind.",
    ],
    "it": [
        "Il {subject} {mission} porterà {n} strumenti su un'orbita a {km} chilometri di quota, dove "
        "resterà operativo per almeno {years} anni.",
        "I tecnici hanno completato a {city} {weeks} settimane di prove termiche e di vibrazione prima "
        "della spedizione verso la base di lancio.",
        "I dati saranno aperti a ricercatori, enti pubblici e imprese {months} mesi dopo la loro "
        "acquisizione.",
        "Aziende di {count} paesi realizzano la piattaforma, il carico utile e il segmento di terra "
        "con un contratto da {money} milioni di euro.",
        "Nel corso della missione sono attesi oltre {tb} terabyte di misure, dieci volte quelli della "
        "missione precedente.",
        "Un secondo esemplare seguirà nel {later}, così da rivedere ogni punto del pianeta ogni "
        "{days} giorni.",
        "Le stazioni di Kiruna e del Fucino riceveranno i dati, elaborati entro {hours} ore da ogni "
        "passaggio.",
        "Studenti di {count} università hanno contribuito al software di bordo con un concorso "
        "aperto nel {earlier}.",
        "La commissione ha esaminato {n}00 documenti e chiesto {weeks} modifiche, tutte già introdotte.",
        "Le prime immagini sono attese {weeks} settimane dopo il lancio, quando gli strumenti saranno "
        "accesi e calibrati.",
    ],
}
QUOTES = {
    "en": [
        "This is a decisive step for {mission} and for the teams who have worked on it for {years} years.",
        "With {mission} we will follow changes that until now we could only guess from the ground.",
        "I thank our partners in industry, who met every deadline of a demanding schedule.",
        "The data will be open to everyone, and scientists will find uses we have not imagined.",
    ],
    "fr": [
        "C'est une étape décisive pour {mission} et pour les équipes qui y travaillent depuis {years} ans.",
        "Avec {mission}, nous suivrons des changements que nous ne pouvions que deviner depuis le sol.",
        "Je remercie nos partenaires industriels, qui ont tenu chaque échéance d'un calendrier exigeant.",
        "Les données seront ouvertes à tous, et les chercheurs en trouveront des usages inattendus.",
    ],
    "de": [
        "Das ist ein entscheidender Schritt für {mission} und für die Teams, die seit {years} Jahren "
        "daran arbeiten.",
        "Mit {mission} verfolgen wir Veränderungen, die wir vom Boden aus nur erahnen konnten.",
        "Ich danke unseren Partnern in der Industrie, die jeden Termin eines engen Zeitplans gehalten haben.",
        "Die Daten stehen allen offen, und die Forschung wird Anwendungen finden, an die wir nicht denken.",
    ],
    "it": [
        "È un passo decisivo per {mission} e per le squadre che ci lavorano da {years} anni.",
        "Con {mission} seguiremo cambiamenti che finora potevamo solo intuire da terra.",
        "Ringrazio i nostri partner industriali, che hanno rispettato ogni scadenza di un calendario "
        "difficile.",
        "I dati saranno aperti a tutti e i ricercatori ne troveranno usi che non immaginiamo.",
    ],
}


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")


@dataclass
class Person:
    name: str
    role: str
    email: str
    phone: str  # as written in the agency's country
    mobile: str = ""


def people(acronym: str) -> tuple[list[Person], list[Person]]:
    """An agency's press officers (30) and speakers (40): distinct names, e-mails and numbers."""
    language, domain, _, _ = AGENCIES[acronym]
    rng = Random(acronym)
    names = [f"{first} {last}" for first in FIRST[language] for last in LAST[language]]
    rng.shuffle(names)
    found = []
    for index, name in enumerate(names[:70]):
        first, last = name.split(" ", 1)
        email = f"{ascii_fold(first)}.{ascii_fold(last)}@{domain}"
        number = 1000 + 37 * index + {"CNES": 0, "DLR": 3, "ASI": 5, "ESA": 7}[acronym] % 37
        phone = {
            "CNES": f"01 99 00 {number // 100 % 100:02d} {number % 100:02d}",
            "DLR": f"+49 221 4710 {number % 1000:03d}",
            "ASI": f"+39 06 8567 {number:04d}",
            "ESA": f"+33 1 99 00 {number // 100 % 100:02d} {number % 100:02d}",
        }[acronym]
        role = rng.choice(PRESS_TITLES[language] if index < 30 else ROLES[language])
        found.append(Person(name, role, email, phone, mobile=f"+39 347 {number % 1000:03d} {index:04d}"))
    return found[:30], found[30:]


PEOPLE = {acronym: people(acronym) for acronym in AGENCIES}


class Writer:
    """Distinct documents, the same ones on every run: document `index` of a template."""

    TEMPLATES = ("cnes_markdown", "cnes_communique", "dlr_pressemitteilung", "asi_comunicato", "esa_release")

    def __init__(self):
        self.titles = set()

    def document(self, index: int) -> Document:
        template = self.TEMPLATES[index % len(self.TEMPLATES)]
        rng = Random(index)
        serial = index // len(self.TEMPLATES)  # the template's own counter: references never repeat
        year, number = 2001 + serial % 24, serial // 24 + 1
        day = (year, rng.randint(1, 12), rng.randint(1, 28))
        document = getattr(self, template)(rng, index, day, number)
        document.template = template
        return document

    def story(self, rng: Random, language: str, acronym: str, day) -> dict:
        """A title never used before, five paragraphs, two sentences of a quote, its speaker and
        one or two press contacts of the agency."""
        _, _, cities, _ = AGENCIES[acronym]
        while True:
            mission = rng.choice(SYLLABLES) + rng.choice(ENDINGS) + f"-{rng.randint(1, 9)}"
            values = dict(
                mission=mission,
                subject=rng.choice(SUBJECTS[language]),
                city=rng.choice(cities),
                n=rng.randint(2, 9),
                km=rng.randint(400, 900),
                years=rng.randint(3, 12),
                weeks=rng.randint(3, 14),
                months=rng.randint(3, 12),
                count=rng.randint(3, 22),
                money=rng.randint(20, 480),
                tb=rng.randint(40, 900),
                later=day[0] + rng.randint(1, 4),
                earlier=day[0] - rng.randint(1, 4),
                days=rng.randint(2, 12),
                hours=rng.randint(2, 6),
            )
            title = rng.choice(TITLES[language]).format(**values)
            title = title[0].upper() + title[1:]
            if title not in self.titles:
                self.titles.add(title)
                break
        sentences = rng.sample(SENTENCES[language], k=len(SENTENCES[language]))
        paragraphs = [" ".join(sentences[i : i + 2]).format(**values) for i in range(0, 10, 2)]
        quote = [s.format(**values) for s in rng.sample(QUOTES[language], k=2)]
        quote[0] = quote[0].removesuffix(".")  # the attribution follows: "« … », déclare X."
        officers, speakers = PEOPLE[acronym]
        return dict(
            values,
            title=title,
            paragraphs=paragraphs,
            quote=quote,
            speaker=rng.choice(speakers),
            contacts=rng.sample(officers, k=rng.choice([1, 1, 2])),
        )

    def cnes_markdown(self, rng, index, day, number) -> Document:
        """The seed's form: Markdown, English, a '### CNES press contacts' block."""
        s = self.story(rng, "en", "CNES", day)
        year, month, date = day
        contacts = s["contacts"]
        speaker = s["speaker"]
        role = rng.choice(["President", "Director of Strategy", "Director of Orbital Systems"])
        quote = ". ".join(s["quote"])
        blocks = [
            Block("line", [f"{rng.choice(['Paris', 'Toulouse'])}, {date} {MONTHS['en'][month - 1]} {year}"]),
            Block("line", [f"PR{number + 100:03d} - {year}"]),
            Block("line", ["**Press release**"]),
            Block("title", [s["title"].replace("ESA", "CNES")]),
            Block("lead", [s["paragraphs"][0]]),
            *[Block("text", [p]) for p in s["paragraphs"][1:3]],
            Block("text", [f'{speaker.name}, CNES {role}, stated: "{quote}"']),
            *[Block("text", [p]) for p in s["paragraphs"][3:]],
            Block("heading", ["CNES press contacts"]),
            Block("lines", [c.name for c in contacts]),
            Block("lines", [f"Tel. +33 {c.phone[1:]}" for c in contacts]),
            Block("lines", [f"[{c.email}](mailto:{c.email})" for c in contacts]),
            Block("line", ["**[www.cnes.fr/presse](http://www.cnes.fr/presse)**"]),
        ]
        return Document(f"cnes-pr{number + 100:03d}-{year}", blocks, markdown=True)

    def cnes_communique(self, rng, index, day, number) -> Document:
        """French, a numeric date and a page counter on the label line, a one-line contact."""
        s = self.story(rng, "fr", "CNES", day)
        year, month, date = day
        contact = s["contacts"][0]
        first, second = s["quote"]
        blocks = [
            Block(
                "line",
                [f"COMMUNIQUÉ DE PRESSE        Paris, le {date:02d}/{month:02d}/{year} – Page 1 sur 2"],
            ),
            Block("line", [f"CP{number:03d}-{year}"]),
            Block("title", [s["title"]]),
            *[Block("text", [p]) for p in s["paragraphs"][:2]],
            Block("text", [f"« {first} », déclare {s['speaker'].name}, {s['speaker'].role}. « {second} »"]),
            *[Block("text", [p]) for p in s["paragraphs"][2:]],
            Block("line", [f"Contact presse : {contact.name} Tél. {contact.phone} {contact.email}"]),
            Block("line", ["www.cnes.fr/presse"]),
        ]
        return Document(f"cnes-cp{number:03d}-{year}", blocks)

    def dlr_pressemitteilung(self, rng, index, day, number) -> Document:
        """German, a dateline under the label, „ “ quotes, a 'Pressekontakt:' block with a title line."""
        s = self.story(rng, "de", "DLR", day)
        year, month, date = day
        first, second = s["quote"]
        speaker = s["speaker"]
        contact_blocks = [
            Block(
                "lines",
                [
                    c.name,
                    c.role,
                    "Deutsches Zentrum für Luft- und Raumfahrt (DLR)",
                    f"Telefon: {c.phone}",
                    f"E-Mail: {c.email}",
                ],
            )
            for c in s["contacts"]
        ]
        contact_blocks[0].lines.insert(0, "Pressekontakt:")
        blocks = [
            Block("line", ["Pressemitteilung"]),
            Block("line", [f"{s['city']}, {date}. {MONTHS['de'][month - 1]} {year}"]),
            Block("title", [s["title"]]),
            *[Block("text", [p]) for p in s["paragraphs"][:3]],
            Block("text", [f"„{first}“, sagte {speaker.name}, {speaker.role}. „{second}“"]),
            *[Block("text", [p]) for p in s["paragraphs"][3:]],
            *contact_blocks,
        ]
        return Document(f"dlr-pm-{year}-{number:03d}", blocks)

    def asi_comunicato(self, rng, index, day, number) -> Document:
        """Italian, « » quotes with the role before the name, a 'Contatti' block with a mobile."""
        s = self.story(rng, "it", "ASI", day)
        year, month, date = day
        first, second = s["quote"]
        speaker = s["speaker"]
        contact = s["contacts"][0]
        blocks = [
            Block("line", ["COMUNICATO STAMPA"]),
            Block("line", [f"{s['city']}, {date} {MONTHS['it'][month - 1]} {year}"]),
            Block("title", [s["title"]]),
            *[Block("text", [p]) for p in s["paragraphs"][:2]],
            Block("text", [f"«{first}», ha dichiarato {speaker.role} {speaker.name}. «{second}»"]),
            *[Block("text", [p]) for p in s["paragraphs"][2:]],
            Block(
                "lines",
                [
                    "Contatti",
                    "Ufficio Stampa ASI",
                    contact.name,
                    f"Tel. {contact.phone}",
                    f"Cell. {contact.mobile}",
                    contact.email,
                ],
            ),
        ]
        return Document(f"asi-cs-{year}-{number:03d}", blocks)

    def esa_release(self, rng, index, day, number) -> Document:
        """English, 'N° 12–2021: title' (the number is the reference), a media relations office."""
        s = self.story(rng, "en", "ESA", day)
        year, month, date = day
        first, second = s["quote"]
        speaker = s["speaker"]
        office = Block(
            "lines", ["ESA Media Relations Office", "Tel: +33 1 99 00 72 99", "Email: media@esa.int"]
        )
        people_blocks = [
            Block("lines", [c.name, c.role, f"Tel: {c.phone}", f"Email: {c.email}"]) for c in s["contacts"]
        ]
        blocks = [
            Block("line", [f"{s['city']}, {date} {MONTHS['en'][month - 1]} {year}"]),
            Block("title", [f"N° {number}–{year}: {s['title']}"]),
            *[Block("text", [p]) for p in s["paragraphs"][:2]],
            Block("text", [f"“{first},” said {speaker.name}, {speaker.role}. “{second}”"]),
            *[Block("text", [p]) for p in s["paragraphs"][2:]],
            Block("line", ["For further information, please contact:"]),
            office,
            *people_blocks,
        ]
        return Document(f"esa-pr-{number:02d}-{year}", blocks)


MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def unmarked(line: str) -> str:
    """A line of the Markdown form as Word or a PDF shows it: no '**', links as their text."""
    return MARKDOWN_LINK.sub(r"\1", line).replace("**", "")


def as_text(document: Document) -> bytes:
    paragraphs = []
    for block in document.blocks:
        if document.markdown:
            if block.kind == "title":
                paragraphs.append(f"## **{block.lines[0]}**")
            elif block.kind == "lead":
                paragraphs.append(f"**{block.lines[0]}**")
            elif block.kind == "heading":
                paragraphs.append(f"### **{block.lines[0]}**")
            else:
                paragraphs.append("  \n".join(block.lines))  # the seed's hard line breaks
        elif block.kind in {"text", "lead"}:
            paragraphs.append(textwrap.fill(block.lines[0], width=76))
        else:
            paragraphs.append("\n".join(block.lines))
    return ("\n\n".join(paragraphs) + "\n").encode()


def as_docx(document: Document) -> bytes:
    """As an editor writes it in Word: a Heading 1 title, a bold lead, one paragraph a block,
    the lines of a contact block split by line breaks (Shift+Enter)."""
    import io

    import docx

    word = docx.Document()
    for block in document.blocks:
        lines = [unmarked(line) for line in block.lines]
        if block.kind == "title":
            word.add_heading(lines[0], level=1)
            continue
        if block.kind == "heading":
            word.add_heading(lines[0], level=3)
            continue
        paragraph = word.add_paragraph()
        for number, line in enumerate(lines):
            run = paragraph.add_run(re.sub(r" {4,}", "\t", line))
            run.bold = block.kind == "lead"
            if number < len(lines) - 1:
                run.add_break()
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()


FONTS = Path("/usr/share/fonts/truetype/dejavu")
LATIN_1 = str.maketrans({"“": '"', "”": '"', "„": '"', "’": "'", "–": "-", "—": "-", "€": "EUR "})


def as_pdf(document: Document) -> bytes:
    """As a press office's PDF: A4, the title bold and larger, paragraphs spaced, lines kept."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    unicode = (FONTS / "DejaVuSans.ttf").exists() and (FONTS / "DejaVuSans-Bold.ttf").exists()
    if unicode:
        pdf.add_font("Body", "", str(FONTS / "DejaVuSans.ttf"))
        pdf.add_font("Body", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    family = "Body" if unicode else "Helvetica"  # Helvetica: Latin-1 only
    for block in document.blocks:
        lines = [unmarked(line) if unicode else unmarked(line).translate(LATIN_1) for line in block.lines]
        bold = block.kind in {"title", "lead", "heading"}
        pdf.set_font(family, "B" if bold else "", 15 if block.kind == "title" else 10.5)
        for line in lines:
            pdf.multi_cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3.5)
    return bytes(pdf.output())


RENDER = {"txt": as_text, "docx": as_docx, "pdf": as_pdf}


# --- Databases and commands -------------------------------------------------------------------


@dataclass
class Database:
    vendor: str  # "sqlite" or "postgresql"
    url: str

    def fresh(self, folder: Path, part: str) -> "Database":
        """An empty database for one part of the run, migrated, with the demo directory."""
        if self.vendor == "sqlite":
            database = Database("sqlite", f"sqlite:///{folder / f'{part}.sqlite3'}")
        else:
            recreate_postgres(self.url)
            database = self
        run_django(database, folder, "migrate", "--noinput", "--verbosity", "0")
        run_django(database, folder, "load_demo", "--releases", "0", "--i-know")
        return database

    def counts(self) -> dict[str, int]:
        """Releases by status, straight from the database."""
        sql = "SELECT status, count(*) FROM releases_release GROUP BY status"
        if self.vendor == "sqlite":
            import sqlite3

            with sqlite3.connect(self.url.removeprefix("sqlite:///")) as connection:
                return dict(connection.execute(sql).fetchall())
        import psycopg

        with psycopg.connect(self.url) as connection:
            return dict(connection.execute(sql).fetchall())


def databases() -> list[Database]:
    found = [Database("sqlite", "")]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        name = url.rsplit("/", 1)[1].split("?")[0]
        if "bench" not in name:
            sys.exit(
                f"DATABASE_URL names the database “{name}”: this benchmark drops and re-creates it, so "
                "give it one of its own, e.g. postgres://postgres@127.0.0.1:5432/pressroom_bench_import"
            )
        found.append(Database("postgresql", url))
    elif url:
        sys.exit(f"DATABASE_URL is not a PostgreSQL database: {url}")
    return found


def recreate_postgres(url: str):
    import psycopg

    base, name = url.split("?")[0].rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def django_env(database: Database, folder: Path) -> dict:
    """The demo settings with DEBUG off (no query log growing), this database, sources kept on disk."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pressroom.settings.demo",
        "DEBUG": "false",
        "DATABASE_URL": database.url,
        "SECRET_KEY": "bench-import-" + "k" * 40,
        "SOURCES_ROOT": str(folder / "sources"),
        "PYTHONPATH": str(ROOT),
    }


def run_django(database: Database, folder: Path, *args: str):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=django_env(database, folder),
        check=True,
        stdout=subprocess.DEVNULL,
    )


# --- 1. Throughput of each format, stage by stage ---------------------------------------------


def throughput(database: Database, folder: Path, sizes: dict[str, int]) -> dict:
    """Runs the worker below in a process of its own (Django set up on this database)."""
    report = folder / f"throughput-{database.vendor}.json"
    command = [PYTHON, __file__, "--worker", str(report)]
    command += [f"--{kind}={n}" for kind, n in sizes.items()]
    subprocess.run(command, cwd=ROOT, env=django_env(database, folder), check=True)
    return json.loads(report.read_text())


def throughput_worker(report: Path, sizes: dict[str, int]):
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from releases.importing import Directory, import_document

    stages = {"reading": 0.0, "parsing": 0.0, "saving": 0.0}
    # The stages import_document calls, timed where it calls them (its own module's names).
    module = sys.modules[import_document.__module__]
    wrapped = {}
    for stage, name in (("reading", "read_source"), ("parsing", "parse_release"), ("saving", "save_parsed")):
        original = getattr(module, name, None)
        if original is None:
            continue

        def timed(*args, _stage=stage, _original=original, **kwargs):
            start = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                stages[_stage] += time.perf_counter() - start

        setattr(module, name, timed)
        wrapped[stage] = name
    writer = Writer()
    template_of = {}
    results = {"stages": wrapped, "formats": {}}
    first = 0
    for kind, count in sizes.items():
        if count <= 0:
            continue
        documents = []
        for index in range(first, first + count):
            document = writer.document(index)
            documents.append((f"{document.name}.{kind}", RENDER[kind](document)))
            template_of[f"{document.name}.{kind}"] = document.template
        first += count
        directory = Directory()
        rows, errors, reviews = [], [], Counter()
        outcome = {"published": 0, "needs review": 0, "draft": 0, "failed": 0}
        started = time.perf_counter()
        for name, data in documents:
            for stage in stages:
                stages[stage] = 0.0
            start = time.perf_counter()
            try:
                result = import_document(name=name, data=data, directory=directory, publish=True)
            except Exception as error:  # counted and shown, the others still measured
                outcome["failed"] += 1
                errors.append(f"{name}: {type(error).__name__}: {error}")
                continue
            total = time.perf_counter() - start
            outcome["published" if result.published else "needs review" if result.review else "draft"] += 1
            for note in result.review.notes:
                reviews[f"{kind} {template_of[name]}: {note.label}"] += 1
            rows.append({"total": total, **stages})
        elapsed = time.perf_counter() - started
        results["formats"][kind] = {
            "documents": count,
            "bytes": sum(len(data) for _, data in documents),
            "elapsed": elapsed,
            "rows": rows,
            "outcome": outcome,
            "errors": errors[:5],
            "reviews": reviews.most_common(),
        }
    report.write_text(json.dumps(results))


def print_throughput(vendor: str, results: dict):
    print(f"\n1. Throughput on {vendor}: import_document(..., publish=True), one document at a time")
    missing = {"reading", "parsing", "saving"} - set(results["stages"])
    if missing:
        print(f"   (not timed apart: {', '.join(sorted(missing))}; their time is in 'other')")
    header = (
        f"{'format':6} {'docs':>5} {'KB/doc':>7} {'docs/s':>7} {'docs/s':>8} |"
        f" {'ms/doc':>6} {'reading':>8} {'parsing':>8} {'saving':>8} {'other':>6} |"
        f" {'published':>9} {'review':>6} {'failed':>6}"
    )
    print(f"{'':22}median  overall |   median document, by stage      |")
    print(header)
    for kind, data in results["formats"].items():
        rows = data["rows"]
        outcome = data["outcome"]
        if not rows:
            print(f"{kind:6} {data['documents']:5d}  all failed")
        else:
            middle = statistics.median(row["total"] for row in rows)

            def ms(stage, rows=rows):
                return statistics.median(row[stage] for row in rows) * 1000

            other = statistics.median(
                row["total"] - row["reading"] - row["parsing"] - row["saving"] for row in rows
            )
            print(
                f"{kind:6} {data['documents']:5d} {data['bytes'] / data['documents'] / 1024:7.1f}"
                f" {1 / middle:7.1f} {data['documents'] / data['elapsed']:8.1f} |"
                f" {middle * 1000:6.1f} {ms('reading'):8.1f} {ms('parsing'):8.1f} {ms('saving'):8.1f}"
                f" {other * 1000:6.1f} | {outcome['published']:9d} {outcome['needs review']:6d}"
                f" {outcome['failed']:6d}"
            )
    for kind, data in results["formats"].items():
        for line in data["errors"]:
            print(f"   {kind}: {line}")
        for what, count in data["reviews"]:
            print(f"   needs review: {what} ({count} documents)")


# --- 2. An archive of text documents through the command --------------------------------------


def write_archive(folder: Path, count: int) -> Path:
    archive = folder / "archive"
    archive.mkdir()
    writer = Writer()
    for index in range(count):
        document = writer.document(index)
        (archive / f"{index:05d}-{document.name}.txt").write_bytes(as_text(document))
    return archive


def import_archive(database: Database, folder: Path, archive: Path, profile: Path | None = None) -> dict:
    """`manage.py import_releases <archive> --publish`, timed from start to exit, with its peak
    memory; and when each document's line came, to tell whether a document costs more as the
    archive grows."""
    log = folder / f"import-{database.vendor}{'-profile' if profile else ''}.log"
    command = [PYTHON, "manage.py", "import_releases", str(archive), "--publish"]
    if profile:
        command[1:1] = ["-m", "cProfile", "-o", str(profile)]
    before = sum(database.counts().values())
    done = []  # when each document's line came
    with log.open("w") as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=django_env(database, folder),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
        for line in process.stdout:
            output.write(line)
            if line.startswith(str(archive)):
                done.append(time.perf_counter())
        _, status, usage = os.wait4(process.pid, 0)  # getrusage of this one child
        elapsed = time.perf_counter() - start
    process.stdout.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    tenth = len(done) // 10
    first, last = (
        (tenth / (done[tenth - 1] - done[0]), tenth / (done[-1] - done[-tenth - 1])) if tenth > 1 else (0, 0)
    )
    text = log.read_text(errors="replace")
    summary = re.findall(r"^\d+ files?: .*$", text, re.M)
    counts = database.counts()
    return {
        "elapsed": elapsed,
        "returncode": process.returncode,
        "peak_mb": usage.ru_maxrss / 1024,  # kilobytes on Linux
        "cpu": usage.ru_utime + usage.ru_stime,  # the import's own processor time (not the database server's)
        "first": first,  # documents a second over the first tenth of the archive
        "last": last,  # and over the last
        "summary": summary[-1] if summary else "",
        "created": sum(counts.values()) - before,
        "published": counts.get("published", 0) - 1,  # less the seed load_demo imported
        "failures": [line for line in text.splitlines() if ": failed: " in line][:5],
        "tail": text.strip().splitlines()[-5:],
        "log": log,
    }


def print_profile(profile: Path, root: Path = ROOT):
    import pstats

    stats = pstats.Stats(str(profile))
    total = stats.total_tt
    rows = []
    for (filename, line, function), (_, calls, own, cumulative, _) in stats.stats.items():
        rows.append((cumulative, own, calls, filename, line, function))

    def where(filename, line, function):
        path = Path(filename)
        if str(path).startswith(str(root)) and ".venv" not in path.parts:
            return f"{path.relative_to(root)}:{function}"
        if "site-packages" in path.parts:
            return f"{'/'.join(path.parts[path.parts.index('site-packages') + 1 :])}:{function}"
        return f"{path.name}:{function}" if filename != "~" else function

    print(f"\n   Profile of the import (cProfile, {total:.1f} s in all): the project's functions by")
    print("   cumulative time (a stage includes what it calls)")
    ours = [r for r in rows if str(ROOT) in r[3] and ".venv" not in r[3]]
    for cumulative, own, calls, filename, line, function in sorted(ours, reverse=True)[:30]:
        print(
            f"   {cumulative:7.2f} s {cumulative / total:6.1%}  own {own:6.2f} s {calls:8d}x  "
            f"{where(filename, line, function)}"
        )
    print("\n   All functions by own time")
    for cumulative, own, calls, filename, line, function in sorted(rows, key=lambda r: -r[1])[:20]:
        print(
            f"   {own:7.2f} s {own / total:6.1%}  cum {cumulative:6.2f} s {calls:8d}x  "
            f"{where(filename, line, function)}"
        )


# --- main -------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000, help="text documents in the archive")
    parser.add_argument(
        "--limit",
        type=float,
        help="seconds the archive import may take (default: 120 for 10,000, in proportion)",
    )
    for kind, default in (("txt", 200), ("docx", 100), ("pdf", 50)):
        parser.add_argument(f"--{kind}", type=int, default=default, help=f"{kind} documents for throughput")
    parser.add_argument("--skip-throughput", action="store_true", help="only the archive import")
    parser.add_argument("--skip-archive", action="store_true", help="only the throughput of each format")
    parser.add_argument("--profile", action="store_true", help="then import the archive again under cProfile")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (documents, logs)")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    sizes = {kind: getattr(options, kind) for kind in FORMATS}
    limit = options.limit or 120.0 * options.documents / 10_000
    if options.worker:
        return throughput_worker(options.worker, sizes)

    folder = Path(tempfile.mkdtemp(prefix="pressroom-bench-import-"))
    failed = False
    try:
        targets = databases()
        print(
            f"Pressroom import benchmark; databases: {', '.join(d.vendor for d in targets)}; folder {folder};"
            f" {os.cpu_count()} processors, load {os.getloadavg()[0]:.1f} (compare within a run only)"
        )
        if not options.skip_throughput:
            for target in targets:
                database = target.fresh(folder, "throughput")
                print_throughput(target.vendor, throughput(database, folder, sizes))
        if not options.skip_archive:
            start = time.perf_counter()
            archive = write_archive(folder, options.documents)
            megabytes = sum(p.stat().st_size for p in archive.iterdir()) / 2**20
            print(
                f"\n2. {options.documents:,} distinct text documents ({megabytes:.1f} MB, written in"
                f" {time.perf_counter() - start:.1f} s): manage.py import_releases <folder> --publish"
            )
            print(
                f"{'':58}docs/s over the\n"
                f"{'database':10} {'documents':>9} {'time':>8} {'docs/s':>7} {'CPU':>7} {'peak memory':>11}"
                f" {'first 10%':>9} {'last 10%':>9} {'published':>9} {'drafts':>6}"
                f"  result (limit {limit:.0f} s)"
            )
            runs = []
            for target in targets:
                database = target.fresh(folder, "archive")
                run = import_archive(database, folder, archive)
                ok = run["returncode"] == 0 and run["elapsed"] < limit and run["created"] == options.documents
                failed |= not ok
                verdict = "PASS" if ok else "FAIL"
                if run["returncode"] != 0:
                    verdict += f" (the import exited with status {run['returncode']})"
                elif run["created"] != options.documents:  # a document taken for another: not an archive
                    verdict += f" (only {run['created']:,} releases created)"
                print(
                    f"{target.vendor:10} {options.documents:9,d} {run['elapsed']:7.1f}s"
                    f" {options.documents / run['elapsed']:7.1f} {run['cpu']:6.1f}s {run['peak_mb']:8.0f} MB"
                    f" {run['first']:9.1f} {run['last']:9.1f}"
                    f" {run['published']:9,d} {run['created'] - run['published']:6,d}  {verdict}"
                )
                runs.append((target, run))
            for target, run in runs:
                print(f"   {target.vendor}: {run['summary'] or ' / '.join(run['tail'])}")
                for line in run["failures"]:
                    print(f"     {line}")
            if options.profile:  # the slowest database again, under cProfile
                target, _ = max(runs, key=lambda item: item[1]["elapsed"])
                profile = folder / "import.prof"
                run = import_archive(target.fresh(folder, "profile"), folder, archive, profile=profile)
                print(f"\n   {target.vendor}, under cProfile: {run['elapsed']:.1f} s ({profile})")
                print_profile(profile)
    except subprocess.CalledProcessError as error:
        print(f"\nFailed: {' '.join(map(str, error.cmd))} exited with status {error.returncode} (above).")
        return 2
    finally:
        if options.keep:
            print(f"\nKept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
