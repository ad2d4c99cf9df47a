"""A release's lead and body with its quotes marked up, and the quotes they lack.

Reads the release's sanitised HTML and its quotes (with their people and roles, prefetched by
ReleaseQuerySet.for_page()). Each quote is looked for cheaply in the text of the whole lead or
body; then only the top-level blocks a quote touches (and the one after, which may be its
attribution line) are parsed and marked up (marker.py). A quote the text does not hold is
handed back, to be shown once after the body.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from releases.quotes.marker import DASH_LINE, Marker
from releases.quotes.matching import first_free, pattern_of
from releases.quotes.speakers import Speaker, speaker_of

# Cheaply: tags that set text apart, any tag, top-level blocks (nh3 quotes every attribute).
ATTRIBUTES = r'(?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*\s*/?'
# (The cheap text is only a guide: a title holding ">" makes a quote go unmarked, shown after
# the body, never markup broken.)
BREAKING_TAG = re.compile(r"</?(?:p|li|td|th|h[1-6]|br|hr|pre|blockquote|ul|ol|table|tr)\b[^>]*>")
ANY_TAG = re.compile(r"<[^>]*>")
BLOCK_TAG = re.compile(rf"<(/?)(?:p|ul|ol|blockquote|table|pre|h[1-6])(?=[\s>/]){ATTRIBUTES}>")
SEPARATOR = "\x1e"  # between two top-level blocks: whitespace to a pattern's \s


@dataclass
class QuotedText:
    """What a template shows of a release's text: its lead and body, quotes marked up."""

    lead: SafeString
    body: SafeString
    # (quote, speaker) of the quotes the text does not hold, to show after it
    others: list[tuple] = field(default_factory=list)


def quoted_text(
    release, *, url_for: Callable[[str], str] = lambda path: path, feed: bool = False
) -> QuotedText:
    """The release's lead and body with its quotes marked up, and the quotes they lack.

    With `feed`, words quoted inside a paragraph get no <q>: a feed reader, without the site's
    CSS, would add its own quotation marks to the document's. Their speaker is linked alike."""
    quotes = list(release.quotes.all())
    if not quotes:
        return QuotedText(mark_safe(release.lead_html), mark_safe(release.body_html))  # sanitised on save
    day = release.dateline_date or timezone.localdate()
    lead = Document(release.lead_html, inline_q=not feed, inline=True)
    body = Document(release.body_html, inline_q=not feed)
    others = []
    for quote in quotes:
        speaker = speaker_of(quote, day, url_for)
        # The body first: a lead that sums a quote up says it again, the body says who said it.
        if not (body.claim(quote, speaker) or lead.claim(quote, speaker)):
            others.append((quote, speaker))
    lead_html, lost_in_lead = lead.render()
    body_html, lost_in_body = body.render()
    others = sorted(others + lost_in_lead + lost_in_body, key=lambda pair: quotes.index(pair[0]))
    return QuotedText(lead_html, body_html, others)


class Document:
    """A lead or body: where each quote is, found cheaply in its text; then only the top-level
    blocks a quote touches (and the one after, which may be its attribution line) are parsed
    and marked up. A long release with a few quotes costs a few small parses, not one big one."""

    def __init__(self, markup: str, *, inline_q: bool, inline: bool = False):
        self.markup, self.inline_q, self.inline = markup or "", inline_q, inline
        self.chunks = [self.markup] if inline else top_level_blocks(self.markup)
        # The text, blocks apart, each top-level block's ended by SEPARATOR (a space to \s).
        joined = SEPARATOR.join(self.chunks)
        self.text = html.unescape(ANY_TAG.sub("", BREAKING_TAG.sub("\n", joined)))
        self.claimed: list[tuple[int, int]] = []
        self.claims: list[tuple[int, int, object, Speaker]] = []  # first block, last block, quote, speaker

    def claim(self, quote, speaker: Speaker) -> bool:
        if not self.markup or (pattern := pattern_of(quote.text)) is None:
            return False
        if (match := first_free(pattern, self.text, self.claimed)) is None:
            return False
        start, end = match.span()
        self.claimed.append((start, end))
        first, last = self.text.count(SEPARATOR, 0, start), self.text.count(SEPARATOR, 0, end)
        self.claims.append((first, last, quote, speaker))
        return True

    def render(self) -> tuple[SafeString, list]:
        """The markup with the claimed quotes marked up; and those it could not mark after all."""
        if not self.claims:
            return mark_safe(self.markup), []  # noqa: S308 - sanitised on save (releases/markdown.py)
        spans = []  # runs of blocks to mark up: [first, last] and their claims
        texts = self.text.split(SEPARATOR)
        for first, last, quote, speaker in sorted(self.claims, key=lambda c: (c[0], c[1])):
            if last + 1 < len(self.chunks) and DASH_LINE.match(texts[last + 1]):
                last += 1  # the block after it may be its attribution line: "— Klaus Weber, …"
            if spans and first <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], last)
                spans[-1][2].append((quote, speaker))
            else:
                spans.append([first, last, [(quote, speaker)]])
        out, lost, done = [], [], 0
        order = [claim[2] for claim in self.claims]
        for first, last, claims in spans:
            out += self.chunks[done:first]
            marker = Marker("".join(self.chunks[first : last + 1]), inline_q=self.inline_q)
            for quote, speaker in sorted(claims, key=lambda pair: order.index(pair[0])):
                if not marker.mark(quote.text, speaker, inline=self.inline):
                    lost.append((quote, speaker))
            out.append(marker.html())
            done = last + 1
        out += self.chunks[done:]
        return mark_safe("".join(out)), lost  # noqa: S308 - sanitised markup, escaped additions


def top_level_blocks(markup: str) -> list[str]:
    """The markup cut after each top-level block ("<p>…</p>", "<ul>…</ul>"); whole when its
    blocks do not nest as expected."""
    chunks, depth, start = [], 0, 0
    for match in BLOCK_TAG.finditer(markup):
        depth += -1 if match[1] else 1
        if depth < 0:
            return [markup]
        if depth == 0:
            chunks.append(markup[start : match.end()])
            start = match.end()
    if depth:
        return [markup]
    if start < len(markup):
        chunks.append(markup[start:])
    return chunks or [markup]
