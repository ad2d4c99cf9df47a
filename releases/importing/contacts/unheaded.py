"""Paragraphs with no contacts heading: a contact before the headline or after "-end-" (a
person's or an office's name first, then a phone or an e-mail), and the press site written
alone at the end of a block or of the body (a link, or a domain: "presse.cnes.fr").
"""

import re

from releases.importing.contacts.lines import read_line
from releases.importing.contacts.written import read_text
from releases.importing.structure import link_only
from releases.importing.text import plain

BARE_DOMAIN = re.compile(r"(?i)^(?:[a-z0-9-]+\.)+[a-z]{2,24}(?:/[^\s]*)?$")


def press_site_of(paragraph: list[tuple[int, str]]) -> str | None:
    """The press site a paragraph is: a link alone (structure.link_only), or a domain written
    alone ("presse.cnes.fr", "**www.cnes.fr/presse**")."""
    if url := link_only(paragraph):
        return url
    if len(paragraph) == 1 and BARE_DOMAIN.match(text := plain(paragraph[0][1])) and "@" not in text:
        return f"http://{text}"
    return None


def looks_like_contacts(paragraph: list[tuple[int, str]]) -> bool:
    """A paragraph that is a contact with no heading (before the headline, after "-end-"):
    a person's or office's name first, and a phone or an e-mail."""
    rows = [read_line(text, number) for number, text in paragraph]
    if any(row.whole in {"prose"} for row in rows) or not any(row.details() for row in rows):
        return False
    texts = [text for row in rows for text in row.texts()]
    if not texts:
        return False
    first = read_text(texts[0])
    return bool(first.names or first.office) and all(len(text) <= 80 for text in texts)
