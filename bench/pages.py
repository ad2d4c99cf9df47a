"""The public pages `make bench` drives, chosen from the archive itself.

Run with Django set up on the benchmark's database (bench/archive.py does it in a subprocess,
with this checkout's code): prints a JSON object of {"pages": {name: path}, "chosen": {...}}.
What is chosen from the data at the first size ("chosen": words, a release, an agency, a person,
a year) is passed back at the next sizes, so each page asks the same thing as the archive
grows; only the deep page moves, to the middle of the archive at each size.

The words come from the newest generated releases, never from the demo's: the common word is
the one of their text that most releases hold, the rare word the one fewest hold, the phrase
the two words that, in those releases, only ever come together (a set phrase: "climate change").
"""

import json
import re
import sys
from collections import Counter, defaultdict
from itertools import pairwise
from urllib.parse import quote, urlencode

import django

django.setup()

from contacts.models import Person  # noqa: E402
from releases import search  # noqa: E402
from releases.models import Release  # noqa: E402
from releases.pagination import Cursor  # noqa: E402

SAMPLE = 20  # the newest releases the words are read from: generated, whatever the demo holds
CANDIDATES = 150  # distinct words tried
CAP = 1000  # matches counted up to here: a common word's count stops at the cap
WORD = re.compile(r"[^\W\d_]+")


def matches(text: str) -> int:
    """How many public releases the site's own search finds for `text` (up to CAP + 1)."""
    query = search.parse(text)
    return search.search(Release.objects.public(), query).order_by().values("pk")[: CAP + 1].count()


def words(sample: list[Release]) -> dict:
    texts = [f"{release.title}. {release.lead}. {release.body}".lower() for release in sample]
    every = [word for text in texts for word in WORD.findall(text)]
    counts = {
        word: matches(word) for word in list(dict.fromkeys(w for w in every if len(w) >= 4))[:CANDIDATES]
    }
    found = {word: n for word, n in counts.items() if n}  # a stop word finds nothing
    common = max(found, key=found.get)
    rare = min(found, key=found.get)
    # A set phrase: two words that, in the sample, only ever come together ("climate change").
    pairs = Counter(
        pair for text in texts for pair in pairwise(WORD.findall(text)) if all(w in found for w in pair)
    )
    after, before = defaultdict(set), defaultdict(set)
    for first, second in pairs:
        after[first].add(second)
        before[second].add(first)
    set_phrases = [p for p, n in pairs.items() if n > 1 and after[p[0]] == {p[1]} and before[p[1]] == {p[0]}]
    phrase = " ".join(max(set_phrases or pairs, key=pairs.get))
    return {
        "common": common,
        "common_matches": found[common],
        "rare": rare,
        "rare_matches": found[rare],
        "phrase": phrase,
        "phrase_matches": matches(f'"{phrase}"'),
    }


def middle(public) -> Release:
    """The release in the middle of the archive, newest first: where a deep page starts."""
    return public.newest_first()[public.count() // 2]


def choose(chosen: dict) -> tuple[dict, dict]:
    """The pages to drive, and what was chosen for them (given back at the next size)."""
    public = Release.objects.public()
    if not chosen:
        sample = list(public.select_related("agency").order_by("-pk")[:SAMPLE])
        quoted = Person.objects.public().filter(quotes__release__in=[r.pk for r in sample])
        person = quoted.first() or Person.objects.public().order_by("pk").first()
        centre = middle(public)
        chosen = {
            **words(sample),
            "release": sample[0].slug,
            "agency": sample[0].agency.slug,
            "person": person.slug,
            "year": centre.dateline_date.year,
            "month": f"{centre.dateline_date:%Y-%m}",
        }
    deep = Cursor.of(middle(public))
    release, agency, person = (quote(chosen[name]) for name in ("release", "agency", "person"))
    return {
        "bare Django view": "/bench/bare/",
        "home": "/",
        "list, page 1": "/releases/",
        "list, middle page": f"/releases/?after={deep}",
        "list, agency + year": "/releases/?"
        + urlencode({"agency": chosen["agency"], "year": chosen["year"]}),
        "search, common word": "/releases/?" + urlencode({"q": chosen["common"]}),
        "search, rare word": "/releases/?" + urlencode({"q": chosen["rare"]}),
        "search, phrase": "/releases/?" + urlencode({"q": f'"{chosen["phrase"]}"'}),
        "release": f"/releases/{release}/",
        "agency": f"/agencies/{agency}/",
        "person": f"/people/{person}/",
        "press contacts": "/press-contacts/",
        "feed (RSS)": "/releases/feed/rss/",
        "sitemap index": "/sitemap.xml",
        "sitemap, one month": f"/sitemap-releases-{chosen['month']}.xml",
        "API list": "/api/releases/",
    }, chosen


if __name__ == "__main__":
    pages, chosen = choose(json.loads(sys.argv[1]) if len(sys.argv) > 1 else {})
    print(json.dumps({"pages": pages, "chosen": chosen}))
