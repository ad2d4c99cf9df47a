"""Quotation marks paired into quotations, across paragraphs.

Reads the paragraphs' plain text (paragraphs.py) for “…”, "…", „…“, ‚…‘, «…», 「…」 and the like:
a mark opens a quote by its kind or by its place (a space before it, a letter after it), and
closes only a quote its kind opened. A quote may run over a blank line (opened in one
paragraph, closed in the next), or over several paragraphs each opened with its mark and only
the last one closed: it is then one quotation of several parts. Linear in the text.
"""

import re
from dataclasses import dataclass, field

MAX_QUOTE_CHARS = 5_000
MAX_QUOTE_PARAGRAPHS = 8
# Quotation marks: any of them; what opens a quote, and what closes a quote each opens.
MARK = re.compile(r"[“”„«»\"‚‘’「」『』‹›]")
ALWAYS_OPENS = "„«‚「『‹"
OPENS_BY_PLACE = '“"‘'
CLOSERS = {"“": "”", "„": "“”", "«": "»", '"': '"', "‚": "‘’", "‘": "’", "「": "」", "『": "』", "‹": "›"}
SPACE_BEFORE_OPENING = "([{—–-/:;,"


@dataclass
class Span:
    """One quotation: its text's (paragraph, start, end) parts, the marks excluded."""

    kind: str
    parts: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def first(self) -> tuple[int, int]:
        return self.parts[0][0], self.parts[0][1]

    @property
    def last(self) -> tuple[int, int]:
        return self.parts[-1][0], self.parts[-1][2]


def can_open(text: str, index: int) -> bool:
    mark = text[index]
    following = text[index + 1 : index + 2]
    if mark in ALWAYS_OPENS:
        return bool(following) and (mark == "«" or not following.isspace())
    if mark in OPENS_BY_PLACE:
        preceding = text[index - 1] if index else " "
        return (
            (preceding.isspace() or preceding in SPACE_BEFORE_OPENING)
            and bool(following)
            and not following.isspace()
        )
    return False


def can_close(kind: str, text: str, index: int) -> bool:
    mark = text[index]
    if mark not in CLOSERS[kind]:
        return False
    following = text[index + 1 : index + 2]
    if mark == "’" and following.isalpha():  # an apostrophe: "it’s"
        return False
    if (
        mark in OPENS_BY_PLACE
        and index
        and text[index - 1].isspace()
        and following
        and not following.isspace()
    ):
        return False  # '" A' opens the next quote rather than closing this one
    return True


def find_spans(paragraphs: list[str]) -> list[Span]:
    """The quotations of a document's paragraphs, in order."""
    spans: list[Span] = []
    current: Span | None = None
    start = 0
    for number, text in enumerate(paragraphs):
        position = 0
        if current is not None:
            # Open at the last paragraph's end: it goes on here if this paragraph opens with the
            # same mark (a quote of several paragraphs) or closes it before opening another.
            if len(current.parts) >= MAX_QUOTE_PARAGRAPHS:
                current = None
            elif text[:1] == current.kind:
                start = position = 1
            elif not closes_first(current.kind, text):
                current = None
            else:
                start = 0
        for match in MARK.finditer(text, position):
            index = match.start()
            if current is None:
                if can_open(text, index):
                    current, start = Span(match[0]), index + 1
            elif can_close(current.kind, text, index):
                current.parts.append((number, start, index))
                if sum(end - begin for _, begin, end in current.parts) <= MAX_QUOTE_CHARS:
                    spans.append(current)
                current = None
            elif match[0] == current.kind and can_open(text, index):
                current, start = Span(match[0]), index + 1  # the last one was never closed
        if current is not None:
            current.parts.append((number, start, len(text)))
    return spans


def closes_first(kind: str, text: str) -> bool:
    """Whether a paragraph closes a quote of `kind` before it opens another."""
    for match in MARK.finditer(text):
        if can_close(kind, text, match.start()):
            return True
        if can_open(text, match.start()):
            return False
    return False
