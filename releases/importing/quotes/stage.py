"""The quotes stage: a document's paragraphs in, its quotes and their speakers out.

Reads the paragraphs as the page shows them (paragraphs.py), pairs their quotation marks
(marks.py), reads each quotation's attribution (reading.py), settles who said it (settling.py),
and keeps each named speaker's quote once.
"""

from releases.importing.model import ParsedQuote
from releases.importing.quotes.marks import find_spans
from releases.importing.quotes.names import as_names
from releases.importing.quotes.paragraphs import plain_paragraph, unquoted
from releases.importing.quotes.reading import Found, read_span
from releases.importing.quotes.settling import settle_speakers


def find_quotes(paragraphs: list[str], known_names=(), *, note=None) -> list[ParsedQuote]:
    """The quotes of a document's paragraphs (Markdown), each with its speaker and the title
    the document gives them. `note(code, message)` hears of a speaker named by surname only."""
    names = as_names(known_names)
    raw = [part for p in paragraphs if p and p.strip() for part in unquoted(p)]
    texts = [plain_paragraph(p) for p in raw]
    spans = find_spans(texts)
    found: list[Found] = []
    for index, span in enumerate(spans):
        found += read_span(span, index, spans, texts, names)
    settle_speakers(found, texts, names, note)
    quotes, seen = [], set()
    for item in found:
        if item.speaker.kind == "named" and (item.speaker.name, item.text) not in seen:
            seen.add((item.speaker.name, item.text))
            quotes.append(ParsedQuote(speaker=item.speaker.name, text=item.text, title=item.speaker.title))
    return quotes
