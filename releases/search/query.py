"""A journalist's search, read once: words, "quoted phrases", OR, and -exclusions.

PostgreSQL reads the normalised text itself (websearch_to_tsquery); SQLite's FTS5 gets the
same query translated (to_fts5), so both databases understand the same syntax.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 200

# "PR083 - 2013", "PR083-2013", "ESA PR 12-2014": a reference as agencies write it.
REFERENCE = re.compile(r"\b(?P<ref>[^\W\d_]{1,8}\s?\d{1,6})\s*[-–—/]\s*(?P<year>\d{4})\b")
# A dash between spaces is punctuation ("Paris - Tokyo"), never an exclusion.
LONE_DASH = re.compile(r"\s[-–—]+(?=\s)")
TOKEN = re.compile(r'(?P<neg>-)?"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')
# A word worth searching: two letters or digits, or one ideograph or kana (坂, か).
MEANINGFUL = re.compile(r"[^\W_]{2,}|[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase's words
    negated: bool = False


@dataclass(frozen=True)
class SearchQuery:
    """What was typed, normalised, and its terms: AND between groups, OR within one."""

    text: str
    groups: tuple[tuple[Term, ...], ...] = field(default=())
    excluded: tuple[Term, ...] = field(default=())

    def __bool__(self):
        return bool(self.groups)

    def to_websearch(self) -> str:
        """The query in PostgreSQL's websearch_to_tsquery syntax, rebuilt from its terms."""

        def written(term: Term) -> str:
            words = " ".join(term.words)
            text = f'"{words}"' if len(term.words) > 1 else words
            return f"-{text}" if term.negated else text

        parts = [" or ".join(written(term) for term in terms) for terms in self.groups]
        return " ".join(parts + [written(term) for term in self.excluded])

    def to_fts5(self) -> str:
        """The query in SQLite FTS5's syntax, every word quoted so nothing is an operator."""

        def quoted(term: Term) -> str:
            return '"' + " ".join(term.words).replace('"', '""') + '"'

        def group(terms) -> str:
            joined = " OR ".join(quoted(term) for term in terms)
            return f"({joined})" if len(terms) > 1 else joined

        expression = " AND ".join(group(terms) for terms in self.groups)
        for term in self.excluded:
            expression = f"({expression}) NOT {quoted(term)}"
        return expression


def words_of(text: str) -> tuple[str, ...]:
    return tuple(word for word in re.split(r"[^\w]+", text) if word)


def parse(raw: str) -> SearchQuery:
    """Read a query; raise ValidationError with a helpful message when there is nothing to search."""
    # Control and format characters (NUL, U+0001, zero-width joiners…) are never what was meant.
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in raw or "")
    text = " ".join(text.split())
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            _("Searches are limited to %(max)d characters: keep the words that matter most."),
            params={"max": MAX_LENGTH},
            code="too_long",
        )
    text = REFERENCE.sub(r"\g<ref> \g<year>", text)
    text = LONE_DASH.sub(" ", f" {text} ").strip()

    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for match in TOKEN.finditer(text):
        word = match["word"]
        if word is not None and word.lower() == "or" and groups:
            join_next = True
            continue
        negated = bool(match["neg"]) or (word is not None and word.startswith("-") and len(word) > 1)
        source = match["phrase"] if match["phrase"] is not None else word.lstrip("-")
        term = Term(words=words_of(source), negated=negated)
        if not term.words or not any(MEANINGFUL.search(w) for w in term.words):
            join_next = False
            continue
        if negated:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False

    if not groups:
        raise ValidationError(
            _("Type a word of two letters or more to search for: a name, a subject, a reference."),
            code="nothing_to_search",
        )
    return SearchQuery(
        text=text,
        groups=tuple(tuple(terms) for terms in groups),
        excluded=tuple(excluded),
    )
