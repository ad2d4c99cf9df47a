"""Names and titles among a phrase's words, and the people the directory knows.

Reads the words of an attribution ("Chancellor Ada Brun", "Klaus Weber, Director of Space
Operations", "il Presidente dell'ASI Lorenzo Ferraris"): where the runs of capitalised words
that are names stand, and the title beside them as written. `Names` indexes the directory's
people once for a run of imports, to find a known name in a text or a surname's full name.
"""

import re
from functools import lru_cache

from releases.importing.quotes.words import (
    ARTICLES,
    CONNECTORS,
    HONORIFICS,
    NOT_NAMES,
    NOT_TITLE_START,
    PARTICLES,
    PRONOUNS,
    TITLE_WORDS,
)

MAX_TITLE_CHARS = 200  # Quote.speaker_title
# An abbreviation's dot ends no sentence and is no part of a name: "Dr. Ada Brun", "Klaus F. Weber".
ABBREVIATION = re.compile(
    r"\b(Dr|Prof|Mr|Mrs|Ms|St|Mme|Mlle|Dott|Ing|Sr|Sra|Srta|Jr|Hon|Gen|Col|Sen|Rep|Gov|Pr|M|[A-Z])\.(?=\s)"
)
# A name in a script written without spaces: 佐藤健一.
CJK = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,8}$")


def bare(token: str) -> str:
    return token.strip(",.:;!?()[]{}*_\"“”„«»'’‘")


def is_name_token(token: str) -> bool:
    word = bare(token)
    if not word or not word[0].isalpha() or word[0].islower():
        return False  # capitalised, or in a script without case ("山川宏")
    lowered = word.lower()
    if word.endswith(("'s", "’s")) or (
        word.isupper() and len(word) > 1 and not re.fullmatch(r"[A-Z]\.", word)
    ):
        return False  # "ESA's", "NASA"
    return not (
        lowered in TITLE_WORDS
        or lowered.rstrip(".") in HONORIFICS
        or lowered in ARTICLES
        or lowered in NOT_NAMES
        or lowered in PRONOUNS
        or any(part in TITLE_WORDS for part in lowered.split("-") if len(lowered.split("-")) > 1)
    )


def ends_clause(token: str) -> bool:
    """'Schmidt.' or 'Weber,' ends a name; 'F.' (an initial) does not."""
    token = token.rstrip('"”’)*_')
    return token[-1:] in ",;:!?" or (token.endswith(".") and not re.fullmatch(r"[A-Z]\.", token))


def name_runs(tokens: list[str]) -> list[tuple[int, int]]:
    """Where names are among a phrase's tokens: runs of capitalised words that are no title,
    with the particles inside them ("Thomas de Maizière"); a run right after "of" or "for" is
    an organisation's ("Director of Human Spaceflight")."""
    runs, index = [], 0
    while index < len(tokens):
        if not is_name_token(tokens[index]):
            index += 1
            continue
        start = end = index
        while end + 1 < len(tokens):
            following = bare(tokens[end + 1])
            if is_name_token(tokens[end + 1]) and not ends_clause(tokens[end]):
                end += 1
            elif (
                following.lower() in PARTICLES
                and end + 2 < len(tokens)
                and not ends_clause(tokens[end])
                and (is_name_token(tokens[end + 2]) or bare(tokens[end + 2]).lower() in PARTICLES)
            ):
                end += 1
            else:
                break
        while bare(tokens[end]).lower() in PARTICLES and end > start:
            end -= 1
        before = bare(tokens[start - 1]).lower() if start else ""
        if before not in CONNECTORS or (
            before in PARTICLES and start >= 2 and is_name_token(tokens[start - 2])
        ):
            runs.append((start, end + 1))
        index = end + 1
    return runs


def title_of(words: list[str]) -> str:
    """The title in the words before a name or beside it, as written: 'il Presidente dell'ASI'
    -> 'Presidente dell'ASI'; '' when they hold no title word ('On Monday')."""
    words = [w for w in words if bare(w)]
    while words and (
        bare(words[0]).lower() in ARTICLES | HONORIFICS | NOT_NAMES | PRONOUNS
        or bare(words[0]).lower().rstrip(".") in HONORIFICS
    ):
        words.pop(0)
    while words and (
        bare(words[-1]).lower() in CONNECTORS | ARTICLES or bare(words[-1]).lower().rstrip(".") in HONORIFICS
    ):
        words.pop()
    if not words or bare(words[0]).lower() in NOT_TITLE_START:
        return ""
    lowered = {bare(w).lower().removesuffix("'s").removesuffix("’s") for w in words}
    has_title = any(w in TITLE_WORDS or any(p in TITLE_WORDS for p in w.split("-")) for w in lowered)
    title = " ".join(words).strip(" ,;:—–-")
    return title[:MAX_TITLE_CHARS] if has_title else ""


class Names:
    """The people the directory knows, indexed once for a run of imports."""

    def __init__(self, known=()):
        self.by_first: dict[str, list[str]] = {}
        self.by_last: dict[str, list[str]] = {}
        self.unspaced: list[str] = []
        for name in known:
            self.add(name)

    def add(self, name: str):
        """One more known name (a person an import introduced)."""
        words = name.split()
        if len(words) == 1:
            self.unspaced.append(name)
        elif words:
            same_first = self.by_first.setdefault(words[0].lower(), [])
            same_first.append(name)
            same_first.sort(key=len, reverse=True)  # the longest is tried first
            self.by_last.setdefault(words[-1].lower(), []).append(name)

    def known_in(self, text: str) -> str:
        """The longest known name written in `text`, '' when none is."""
        found = ""
        for word in text.split():
            for name in self.by_first.get(bare(word).lower(), ()):
                if len(name) > len(found) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                    found = name
                    break
        for name in self.unspaced:
            if len(name) > len(found) and name in text:
                found = name
        return found

    def ending_with(self, name: str) -> list[str]:
        last = name.split()[-1].lower()
        return [known for known in self.by_last.get(last, ()) if known.endswith(f" {name}") or known == name]


@lru_cache(maxsize=4)
def names_index(known: tuple[str, ...]) -> Names:
    return Names(known)


def as_names(known) -> Names:
    """Known names as given: a Names (a Directory keeps one up to date), or a list of them."""
    return known if isinstance(known, Names) else names_index(tuple(known))
