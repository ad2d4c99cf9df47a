"""One quotation read: its text, and the speaker its attribution names.

Reads a quotation's parts (marks.py) in the paragraphs' plain text, and what lies between it
and its neighbours: the attribution after it, on a line of its own under it ("— Klaus Weber,
Director of Space Operations"), before it (in its sentence, or "Klaus Weber said:" above it),
or inside it between dashes ('“… – ha commentato …, presidente dell'ASI – …”'). A name in
quotation marks ("Kite") is no speech.
"""

import re
from dataclasses import dataclass

from releases.importing.quotes.attribution import (
    AFTER_DASH,
    AFTER_VERB_FIRST,
    attribution_after,
    attribution_before,
)
from releases.importing.quotes.marks import Span
from releases.importing.quotes.names import Names
from releases.importing.quotes.speakers import Speaker, read_phrase
from releases.importing.quotes.verbs import FINITE

# A dash between two parts of one quote: '“… – ha commentato Ada Brun, presidente – …”'.
INCISE = re.compile(rf"\s[–—-]\s*(?:{FINITE})\s+(?P<phrase>[^–—]{{1,200}}?)\s*[–—-]\s", re.I)


@dataclass
class Found:
    """A quote as read, before its speaker is settled."""

    span: Span
    text: str
    speaker: Speaker
    attribution_end: tuple[int, int]  # where its attribution ends: (paragraph, offset)


def speaks(text: str, words: int) -> bool:
    """Whether a quote is long enough to be speech, not a name in quotation marks ("Kite")."""
    return len(text.split()) >= words or bool(re.search(r"[\u3040-\u9fff]{6}", text))


def quote_text(parts: list[str]) -> str:
    """A quotation's parts as one text: a paragraph apart, without the comma before its close."""
    return "\n\n".join(p.strip().rstrip(",").strip() for p in parts if p.strip())


def read_span(span: Span, index: int, spans: list[Span], texts: list[str], names: Names) -> list[Found]:
    """The quote a span holds (two, when a comment between dashes splits it) with the speaker
    its attribution names; nothing when it is too short to be speech."""
    first_paragraph, start = span.first
    last_paragraph, end = span.last
    parts = [texts[p][a:b] for p, a, b in span.parts]
    # What lies between this quote and its neighbours in their paragraphs.
    previous = spans[index - 1] if index else None
    following = spans[index + 1] if index + 1 < len(spans) else None
    from_ = previous.last[1] + 1 if previous and previous.last[0] == first_paragraph else 0
    to = following.first[1] - 1 if following and following.first[0] == last_paragraph else None
    before = texts[first_paragraph][from_ : max(start - 1, from_)]
    after_start = min(end + 1, len(texts[last_paragraph]))
    after = texts[last_paragraph][after_start:to]
    attribution_end = (last_paragraph, after_start)

    if len(parts) == 1 and (incise := INCISE.search(parts[0])):
        speaker = read_phrase(incise["phrase"], after_verb=True, names=names)
        if speaker.kind == "named":
            halves = [parts[0][: incise.start()], parts[0][incise.end() :]]
            return [Found(span, quote_text([h]), speaker, attribution_end) for h in halves if speaks(h, 2)]

    speaker = None
    if (result := attribution_after(after, names)) is not None:
        speaker, taken = result
        attribution_end = (last_paragraph, after_start + taken)
    elif not after.strip(" .,;") and last_paragraph + 1 < len(texts) and to is None:
        # A line of its own under the quote: "— Klaus Weber, Director of Space Operations".
        line = texts[last_paragraph + 1]
        own_line = AFTER_DASH.match(line) or AFTER_VERB_FIRST.match(line)  # not "Ada Brun said:"
        if (
            own_line
            and len(line) < 300
            and (result := attribution_after(line, names))
            and result[0].kind == "named"
        ):
            speaker = result[0]
            attribution_end = (last_paragraph + 1, result[1])
    if speaker is None or speaker.kind == "unnamed":
        if (
            not before.strip()
            and start <= 1
            and first_paragraph > 0
            and texts[first_paragraph - 1].endswith(":")
        ):
            before = texts[first_paragraph - 1]  # "Klaus Weber said:" above the quote
        speaker = attribution_before(before, names) or speaker or Speaker("unnamed")
    text = quote_text(parts)
    if not speaks(text, 1 if speaker.kind == "named" else 2):
        return []
    return [Found(span, text, speaker, attribution_end)]
