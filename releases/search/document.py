"""What the search index holds of a release, in four parts weighted from title to names."""

import html
from dataclasses import dataclass

from django.db import models
from django.utils.html import strip_tags

# Where a snippet's words were found, as the databases write it; releases.search turns it into <mark>.
MARK_START, MARK_END = "\u2983", "\u2984"
# The release's own fields the index reads (its quotes, mentions and agency are read too).
INDEXED_FIELDS = frozenset(
    {"title", "lead", "body", "language", "agency", "reference_prefix", "reference_number", "reference_year"}
)
# PostgreSQL's tsvector holds at most 1 MB: the first 200,000 characters of a text are indexed.
TEXT_LIMIT = 200_000


@dataclass(frozen=True)
class SearchDocument:
    """One release as the index sees it. Weights: title A, lead B, text C, names D."""

    release_id: int
    language: str
    title: str
    lead: str
    text: str  # the body and the quotes
    names: str  # agencies and people it names, in every script, and its reference as written


def plain_text(rendered_html: str) -> str:
    return html.unescape(strip_tags(rendered_html or ""))


def reference_forms(prefix: str, number: str, year) -> list[str]:
    """'PR083 - 2013' is found as written, and as PR083, PR83, 083, 83 and 2013."""
    if not number:
        return []
    short = number.lstrip("0") or "0"
    forms = [f"{prefix}{number}", f"{prefix}{short}", prefix, number, short, str(year or "")]
    return list(dict.fromkeys(form for form in forms if form))


def agency_names(agency) -> list[str]:
    return [agency.name, agency.acronym]


def person_names(person) -> list[str]:
    return [person.name, person.name_latin]


def documents(releases: models.QuerySet) -> list[SearchDocument]:
    """The documents of `releases`, in four queries however many there are.

    Works on the migration's historical model too: it reads fields and relations only.
    """
    releases = releases.select_related("agency").prefetch_related(
        "quotes__person", "mentioned_agencies", "mentioned_people"
    )
    result = []
    for release in releases:
        quotes = list(release.quotes.all())
        names = [
            *agency_names(release.agency),
            *(name for agency in release.mentioned_agencies.all() for name in agency_names(agency)),
            *(name for person in release.mentioned_people.all() for name in person_names(person)),
            *(name for quote in quotes for name in person_names(quote.person)),
            *reference_forms(release.reference_prefix, release.reference_number, release.reference_year),
        ]
        result.append(
            SearchDocument(
                release_id=release.pk,
                language=release.language,
                title=release.title,
                lead=plain_text(release.lead_html),
                text="\n\n".join([plain_text(release.body_html), *(quote.text for quote in quotes)])[
                    :TEXT_LIMIT
                ],
                names=" · ".join(dict.fromkeys(name for name in names if name)),
            )
        )
    return result
