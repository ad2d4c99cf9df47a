"""One generated release as rows: its own fields, its links, and what the search index reads.

A real archive's proportions: a fifth in French, dates over three decades, an agency issuing
each with its own numbered references, other agencies and people named, a quote or two from
people with a role at the issuer, one or two press contacts, topics; and a few releases the
public may not see (drafts, in review, scheduled, embargoed) or no longer sees whole (withdrawn).
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import IntegerField, Max
from django.db.models.functions import Cast

from releases.generating.directory import Directory
from releases.generating.text import Vocabulary, made_up_words
from releases.models import Release
from releases.search.document import SearchDocument, agency_names, person_names, reference_forms

FIRST_DAY, DAYS = date(1995, 1, 1), 31 * 365
FUTURE = 40  # scheduled and embargoed releases a run generates at most
DATELINES = {"en": ["Brussels", "London", "Washington", "Paris"], "fr": ["Paris", "Toulouse", "Kourou"]}


@dataclass
class GeneratedRelease:
    fields: dict  # the release's columns, by field name (attname: agency_id)
    search: SearchDocument  # release_id 0 until the release has one
    agencies: list[int] = field(default_factory=list)  # named, besides the issuer
    people: list[int] = field(default_factory=list)  # named (the people quoted among them)
    quotes: list[tuple[int, str, str]] = field(default_factory=list)  # person id, text, title as written
    contacts: list[int] = field(default_factory=list)
    topics: list[int] = field(default_factory=list)


class Archive:
    """Releases numbered from `start`, drawn with `seed`: the same seed gives the same releases."""

    def __init__(self, directory: Directory, seed: int, start: int):
        self.rnd = random.Random(seed)
        self.future = 0  # scheduled and embargoed so far
        self.directory, self.next_n = directory, start
        self.rare = made_up_words(self.rnd, 3000)
        self.vocabularies = {language: Vocabulary(language, self.rnd, self.rare) for language in ("en", "fr")}
        self.now = datetime.now(ZoneInfo("UTC"))
        self.zones = {agency.pk: ZoneInfo(agency.time_zone) for agency in directory.agencies}
        self.agencies_by_pk = {agency.pk: agency for agency in directory.agencies}
        self.people_by_pk = {person.pk: person for person in directory.people}
        self.numbers = {
            (row["agency"], row["reference_year"]): row["highest"]
            for row in Release.objects.exclude(reference_number="")
            .values("agency", "reference_year")
            .annotate(highest=Max(Cast("reference_number", IntegerField())))
        }

    def releases(self, count: int) -> list[GeneratedRelease]:
        return [self.release() for _ in range(count)]

    def release(self) -> GeneratedRelease:
        rnd, directory = self.rnd, self.directory
        n, self.next_n = self.next_n, self.next_n + 1
        language = "fr" if rnd.random() < 0.2 else "en"
        words = self.vocabularies[language]
        agency = rnd.choice(directory.agencies)
        name = rnd.choice(self.rare).capitalize()
        title = words.title(rnd, agency.acronym or agency.name, name)
        day = FIRST_DAY + timedelta(days=rnd.randrange(DAYS))
        published_at = datetime.combine(day, time(rnd.choice([8, 9, 10, 11, 14, 16])), self.zones[agency.pk])
        lead = words.lead(rnd, name)
        body = words.body(rnd, name, f"{agency.website or 'https://www.example.org/'}press/{n}")
        fields = {
            "agency_id": agency.pk,
            "language": language,
            "kind": rnd.choices(Release.Kind.values, weights=[80, 5, 8, 5, 2])[0],
            "title": title,
            "slug": f"generated-{n}",
            "dateline_place": rnd.choice(DATELINES[language]),
            "dateline_date": day,
            "lead": lead.markdown,
            "lead_html": lead.html,
            "body": body.markdown,
            "body_html": body.html,
            "press_site_url": agency.press_page_url or agency.website,
            "status": Release.Status.PUBLISHED,
            "published_at": published_at,
            "first_published_at": published_at,
            "embargo_until": None,
            "withdrawn_at": None,
            "withdrawn_reason": "",
            "created_at": published_at - timedelta(days=1),
            "updated_at": published_at,
            "reference_prefix": "",
            "reference_number": "",
            "reference_year": None,
        }
        self.hide_some(fields)
        if (
            fields["status"] in {Release.Status.PUBLISHED, Release.Status.WITHDRAWN}
            and not fields["embargo_until"]
        ):
            key = (agency.pk, day.year)
            self.numbers[key] = number = self.numbers.get(key, 0) + 1
            fields.update(reference_prefix=agency.reference_prefix, reference_number=f"{number:03d}")
            fields["reference_year"] = day.year
        generated = GeneratedRelease(fields=fields, search=None)
        self.link(generated, agency, words)
        generated.search = self.document(generated, agency, lead.plain, body.plain)
        return generated

    def hide_some(self, fields: dict):
        """One in thirty-odd releases the public may not see, or no longer sees whole. A press
        office has a few dozen scheduled or embargoed at a time, whatever the size of its
        archive: at most FUTURE a run, not a share of the archive (which would put thousands
        of hidden releases at the newest end of every list)."""
        hidden, later = self.rnd.random(), self.now + timedelta(days=self.rnd.randint(1, 30))
        if 0.015 <= hidden < 0.035 and self.future >= FUTURE:
            hidden = 1.0  # published in the past, as most are
        if hidden < 0.01:
            fields.update(status=Release.Status.DRAFT, published_at=None, first_published_at=None)
        elif hidden < 0.015:
            fields.update(status=Release.Status.REVIEW, published_at=None, first_published_at=None)
        elif hidden < 0.025:
            self.future += 1
            fields.update(published_at=later, first_published_at=None, dateline_date=later.date())
        elif hidden < 0.035:
            self.future += 1
            fields.update(embargo_until=later, published_at=self.now - timedelta(hours=1))
            fields.update(first_published_at=None, dateline_date=later.date())
        elif hidden < 0.04:
            withdrawn = fields["published_at"] + timedelta(days=self.rnd.randint(1, 60))
            fields.update(status=Release.Status.WITHDRAWN, withdrawn_at=withdrawn)
            fields["withdrawn_reason"] = "Published in error."

    def link(self, generated: GeneratedRelease, agency, words: Vocabulary):
        rnd, directory = self.rnd, self.directory
        if rnd.random() < 0.4:
            others = [a.pk for a in rnd.sample(directory.agencies, rnd.randint(1, 3)) if a.pk != agency.pk]
            generated.agencies = others
        speakers = directory.people_by_agency.get(agency.pk) or directory.people
        if rnd.random() < 0.6:
            for person in rnd.sample(speakers, min(len(speakers), rnd.randint(1, 2))):
                generated.quotes.append((person.pk, words.quote(rnd), ""))
        named = {pk for pk, _text, _title in generated.quotes}
        if rnd.random() < 0.3:
            named.add(rnd.choice(directory.people).pk)
        generated.people = sorted(named)
        contacts = directory.contacts_by_agency.get(agency.pk, [])
        generated.contacts = rnd.sample(contacts, min(len(contacts), rnd.randint(1, 2)))
        generated.topics = rnd.sample(directory.topics, rnd.randint(0, min(3, len(directory.topics))))

    def document(self, generated: GeneratedRelease, agency, lead: str, body: str) -> SearchDocument:
        """What the index reads of it (releases/search/document.py), from what was generated."""
        people, agencies = self.people_by_pk, self.agencies_by_pk
        fields = generated.fields
        names = [
            *agency_names(agency),
            *(name for pk in generated.agencies for name in agency_names(agencies[pk])),
            *(name for pk in generated.people for name in person_names(people[pk])),
            *(name for pk, _text, _title in generated.quotes for name in person_names(people[pk])),
            *reference_forms(
                fields["reference_prefix"], fields["reference_number"], fields["reference_year"]
            ),
        ]
        return SearchDocument(
            release_id=0,
            language=fields["language"],
            title=fields["title"],
            lead=lead,
            text="\n\n".join([body, *(text for _pk, text, _title in generated.quotes)]),
            names=" · ".join(dict.fromkeys(name for name in names if name)),
        )
