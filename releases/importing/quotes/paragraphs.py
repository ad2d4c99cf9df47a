"""A document's paragraphs as the page shows their text.

Reads each paragraph's Markdown: a Markdown quotation ("> …") gives its paragraphs without the
marks; a paragraph with a quotation mark is rendered inline by the site's own parser and its
tags dropped, so a quote's text is exactly what the page shows; other paragraphs keep their
links' text and lose their emphasis marks (they are only read for names and attributions).
"""

import html
import re

from releases.importing.quotes.marks import MARK
from releases.markdown import PARSER

TAG = re.compile(r"<[^>]*>")
BLOCKQUOTE_MARKS = re.compile(r"^\s*(?:>\s?)+")
SPACES = re.compile(r"[ \t\r\n]+")
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS_MARKS = re.compile(r"(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)")
MARKDOWN_SIGNS = re.compile(r"[*_`\[\]\\<>&!]")
# A line break between two characters of a script written without spaces joins them.
UNSPACED_BREAK = re.compile(
    r"(?<=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])\n(?=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])"
)


def plain_paragraph(markdown: str) -> str:
    """A paragraph's Markdown as the page shows its text: '**“We did it,”** said *Ada*' ->
    '“We did it,” said Ada'. Soft line breaks are spaces; no-break spaces stay."""
    if MARKDOWN_SIGNS.search(markdown):
        if MARK.search(markdown):  # a quote's text: exactly as rendered
            markdown = html.unescape(TAG.sub("", PARSER.renderInline(markdown)))
        else:  # only read for names and attributions: links' text, no emphasis marks
            markdown = EMPHASIS_MARKS.sub("", MARKDOWN_LINK.sub(r"\1", markdown))
    return SPACES.sub(" ", UNSPACED_BREAK.sub("", markdown)).strip()


def unquoted(paragraph: str) -> list[str]:
    """A Markdown quotation's paragraphs without their '>' marks; other paragraphs as they are."""
    lines = paragraph.split("\n")
    if not all(line.lstrip().startswith(">") for line in lines if line.strip()):
        return [paragraph]
    parts, current = [], []
    for line in lines:
        if inner := BLOCKQUOTE_MARKS.sub("", line).strip():
            current.append(inner)
        elif current:
            parts.append("\n".join(current))
            current = []
    return [*parts, "\n".join(current)] if current else parts
