"""Datelines: 'Paris, le 5 mars 2014', 'PARIS, Oct. 28, 2013 – The agency…', 'HOUSTON and
LONDON, March 3, 2021 /PRNewswire/ -- …', a place alone opening the text ('HOUSTON –'), and a
closing signature that gives the date ('Fait à Paris, le 3 mars 2014'); the country a place
tells ('Pasadena, Calif.': the United States)."""

import re
from dataclasses import dataclass
from datetime import date

from releases.importing.errors import DocumentError
from releases.importing.header.dates import AFTER_DATE, find_dates

# What may follow the date of a dateline before the text: a wire's name ("/PRNewswire/",
# "(GLOBE NEWSWIRE)"), then a dash, two hyphens or a colon.
WIRE = re.compile(r"\s*(?:/[^/\n]{2,40}/|\((?:[^()\n]{0,30}(?:wire|newswire|presswire))\))", re.I)
SEPARATOR = re.compile(r"\s*(?:--|[–—]|-|:)\s*|\s+(?=/)|\.\s+(?=[«“\"]?[A-ZÀ-Þ])")
PLACE_START = re.compile(
    r"^(?:fait\s+à|done\s+(?:at|in)|given\s+at|dato\s+a|dado\s+en|hecho\s+en|gegeben\s+(?:zu|in))\s+", re.I
)
# A place's words: capitalised ("Le Bourget", "Washington, D.C.", "Pasadena, Calif."), with
# short lower-case words between ("Frankfurt am Main", "São José dos Campos", "HOUSTON and LONDON").
PLACE = re.compile(
    r"^(?=[^\W\d_])(?:[^\W\d_][\w.'’&/-]*|[a-z]{1,4}|\([^()]{1,30}\))"
    r"(?:,?\s+(?:[^\W\d_][\w.'’&/-]*|[a-z]{1,4}|\([^()]{1,30}\)))*$"
)
PLACE_MAX = 80


@dataclass(frozen=True)
class Dateline:
    place: str
    date: date
    language: str | None  # the month name's, None for a date in figures
    guessed: bool  # day and month order guessed
    rest: str  # the text after the dateline ("PARIS, 5 March 2014 – The agency…")


def is_place(text: str) -> bool:
    if not text or len(text) > PLACE_MAX or len(text.split()) > 10 or re.search(r"\s{3,}|\t", text):
        return False
    if not PLACE.match(text):
        return False
    words = re.findall(r"[^\W\d_][\w.'’&/-]*", text)
    return words[0][0].isupper() and all(w[0].isupper() or len(w) <= 4 for w in words)


def parse_dateline(text: str, line: int | None = None, *, order: str | None = None) -> Dateline | None:
    """'Paris, le 5 mars 2014', 'PARIS, Oct. 28, 2013 – The agency…', 'LE BOURGET – June 25, 2015
    – …', 'HOUSTON and LONDON, March 3, 2021 /PRNewswire/ -- …', 'Berlin, 14. März 2019',
    'Madrid, 5 de mayo de 2021', 'Fait à Paris, le 3 mars 2014', or a date alone; None if the
    text does not open with a dateline."""
    text = text.strip()
    impossible: list = []
    dates = [(d.start, d.end, d) for d in find_dates(text[:200], line, order=order, impossible=impossible)]
    if not (candidates := sorted(dates + impossible, key=lambda found: found[0])):
        return None
    start, end, found = candidates[0]
    head, tail = text[:start], text[end:]
    place = PLACE_START.sub("", head.strip().rstrip(",–—-:").strip()).rstrip(",")
    if place and not is_place(place):
        return None  # a date further in: not a dateline
    tail = tail[AFTER_DATE.match(tail).end() :]
    if wire := WIRE.match(tail):
        tail = tail[wire.end() :]
    tail = tail.rstrip() if tail.strip(" .,") else ""
    if tail:
        if not (separator := SEPARATOR.match(tail)):
            return None  # "Paris, 5 March 2014, CNES signed…": a sentence, no dateline
        tail = tail[separator.end() :]
    if isinstance(found, DocumentError):
        raise found  # "Paris, 31 February 2021": the dateline of a date that cannot be
    return Dateline(place.strip(), found.date, found.language, found.guessed, tail.strip())


# "HOUSTON –", "Pasadena, Calif. -", "WASHINGTON --", "SAN FRANCISCO--(BUSINESS WIRE)--": a
# place alone opening the first paragraph, the date given elsewhere.
CAPITALS_WORD = r"[A-ZÀ-Þ](?:[A-ZÀ-Þ.'’]|-(?=[A-ZÀ-Þ]))+"
CAPITALS_PLACE = rf"{CAPITALS_WORD}(?:\s+(?:{CAPITALS_WORD}|and|et|und|y|e))*"
REGION = r"(?:,\s*[A-Z][A-Za-z]{0,5}\.(?:\s?[A-Z][a-z]?\.)*|,\s*[A-Z]{2}\b|,\s*[A-Z][A-Za-z]+)"
PLACE_ONLY = re.compile(
    rf"^(?P<place>{CAPITALS_PLACE}(?:{REGION})?|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*{REGION})"
    r"\s*(?:(?:--|[–—-])\s*)?(?:\((?:[^()\n]{0,30}(?i:wire))\)\s*)?(?:--|[–—-])\s*(?=\S)",
)


# "Edinburgh -- Three universities…", or any dash after a place set in bold ("**Bremen –**"):
# a place in ordinary capitals, which a sentence could open with only in these forms.
TITLED_PLACE = r"(?P<place>[A-Z][\w'’/.-]+(?:\s+[A-Z][\w'’/.-]+){0,3})"
PLACE_ONLY_TITLED = re.compile(rf"^{TITLED_PLACE}\s*(?:--|[–—-])\s*(?=\S)")
PLACE_ONLY_DOUBLE_DASH = re.compile(rf"^{TITLED_PLACE}\s*--\s*(?=\S)")


def place_only_dateline(text: str, *, set_apart: bool = False) -> tuple[str, str] | None:
    """'HOUSTON – NASA has…' -> ('HOUSTON', 'NASA has…'); None if the text opens with no place.
    `set_apart`: the opening was set in bold, so a place in ordinary capitals is one too."""
    text = text.strip()
    match = (
        PLACE_ONLY.match(text)
        or PLACE_ONLY_DOUBLE_DASH.match(text)
        or (PLACE_ONLY_TITLED.match(text) if set_apart else None)
    )
    if not match:
        return None
    place = match["place"].strip()
    if len(place) > PLACE_MAX or len(re.sub(r"[^A-Za-zÀ-ÿ]", "", place)) < 2:
        return None
    return place, text[match.end() :].strip()


# The United States' states as AP style and the post write them after a city ("Pasadena, Calif.",
# "HOUSTON, TX"): a place that tells the issuer's country, and so the order of its dates.
US_STATES = frozenset(
    "ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb "
    "nev nh nj nm ny nc nd okla ore pa ri sc sd tenn tex vt va wash wva wis wyo dc d.c al ak az ar ca "
    "co ct de fl hi id il in ia ks me mi mn ms mt ne nv oh ok or tn tx ut wa wv wi wy".split()
)


def place_country(place: str) -> str:
    """'Pasadena, Calif.' -> 'US'; '' when the place does not tell."""
    match = re.search(r",\s*([A-Za-z.]{2,5})\.?\s*$", place)
    if match and match[1].lower().rstrip(".") in US_STATES and match[1][0].isupper():
        return "US"
    return ""


def closing_dateline(paragraphs: list[str], line: int | None = None, *, order=None) -> Dateline | None:
    """'Fait à Paris, le 3 mars 2014' or 'Roma, 3 aprile 2020' among the last lines of a text:
    a signature that gives the date. `paragraphs`: the last few, in order."""
    for text in reversed(paragraphs[-3:]):
        for written in reversed([t for t in text.split("\n") if t.strip()][-2:]):
            if len(written) > 120:
                continue
            dateline = parse_dateline(written.strip().strip("*_ "), line, order=order)
            if dateline and not dateline.rest:
                return dateline
    return None
