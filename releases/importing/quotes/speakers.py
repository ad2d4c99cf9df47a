"""The speaker an attribution's phrase names, with their title.

Reads the phrase beside a speech verb: after it ("said Klaus Weber, Director of Space
Operations", "says Chancellor Ada Brun": Ada Brun, title "Chancellor") or before it ("Thomas
Reiter, ESA Director of Human Spaceflight, said"); a pronoun ("he added") names nobody; a
Japanese phrase (理事長の佐藤健一) is read by its own rule.
"""

import re
from dataclasses import dataclass

from releases.importing.quotes.names import ABBREVIATION, CJK, Names, bare, name_runs, title_of
from releases.importing.quotes.verbs import INVERTED_PRONOUN
from releases.importing.quotes.words import JAPANESE_TITLES, PRONOUNS, TITLE_WORDS


@dataclass
class Speaker:
    """Who a quote's attribution names."""

    kind: str  # "named", "surname" (not found in full), "pronoun", "unnamed"
    name: str = ""
    title: str = ""


def segments_of(phrase: str) -> list[str]:
    return [s for s in re.split(r",|\s[–—]\s|[()]", phrase)]


def read_phrase(phrase: str, *, after_verb: bool, names: Names) -> Speaker:
    """The speaker a phrase names, with their title: after the verb ('Walter Brandt, associate
    administrator', 'il Presidente dell'ASI Lorenzo Ferraris') or before it ('Thomas Reiter,
    ESA Director of Human Spaceflight,', 'Commissioner for …, Ingrid Halvorsen,')."""
    phrase = ABBREVIATION.sub(r"\1", phrase).strip(" ,:;—–-")
    tokens = phrase.split()
    if not tokens:
        return Speaker("pronoun")
    pronoun = bare(tokens[0]).lower() in PRONOUNS and (
        len(tokens) == 1 or not (tokens[1][:1].isupper() or bare(tokens[1]).lower() in TITLE_WORDS)
    )  # "he", "il a ajouté"; not Italian's "il Presidente", "il direttore"
    if pronoun or (after_verb and INVERTED_PRONOUN.match(phrase)):
        return Speaker("pronoun")
    if (japanese := japanese_speaker(phrase)) is not None:
        return japanese
    segments = segments_of(phrase)
    order = range(len(segments)) if after_verb else range(len(segments) - 1, -1, -1)
    for position in order:
        words = segments[position].split()
        if known := names.known_in(segments[position]):
            name, before = known, segments[position][: segments[position].find(known)].split()
        else:
            runs = name_runs(words)
            if not runs:
                if after_verb and position == 0 and not title_of(words):
                    break  # "said the minister": nobody named
                continue
            if (
                after_verb
                and len(runs) > 1
                and runs[0][1] - runs[0][0] == 1
                and title_of(words[runs[0][1] : runs[1][0]])
            ):
                runs.pop(0)  # "Arianespace Chairman and CEO Stéphane Israël": the company's name
            start, end = runs[0] if after_verb else runs[-1]
            name, before = " ".join(bare(w) for w in words[start:end]), words[:start]
        title = title_of(before)
        if not title and position + 1 < len(segments):
            title = title_of(segments[position + 1].split())
        if not title and position > 0:
            title = title_of(segments[position - 1].split())
        return Speaker("named", name, title)
    return Speaker("unnamed")


def japanese_speaker(phrase: str) -> Speaker | None:
    """'理事長の佐藤健一' -> 佐藤健一, title 理事長; '佐藤健一理事長' likewise; None for other scripts."""
    if not CJK.match(phrase.replace("の", "")):
        return None
    if "の" in phrase:
        title, _, name = phrase.rpartition("の")
        return Speaker("named", name, title)
    for title in JAPANESE_TITLES:
        if phrase.endswith(title) and len(phrase) > len(title) + 1:
            return Speaker("named", phrase[: -len(title)], title)
    return Speaker("named", phrase)
