"""Paragraphs and headings of a document, and a paragraph that is only a link."""

import re
from dataclasses import dataclass, field

from releases.importing.text import BARE_URL, LINK, plain
from releases.markdown import BLOCKS


@dataclass
class Document:
    """A document's lines, numbered as in the file, and where its blocks begin.

    The block structure is markdown-it-py's, the parser that renders the public pages
    (releases/markdown.py): headings (`#` or underlined, written here as `#`), paragraphs,
    lists, quotations, tables, code. The stages read lines within that structure."""

    lines: list[tuple[int, str]]
    starts: dict[int, str] = field(default_factory=dict)  # line number -> kind of the block it opens

    def is_heading(self, number: int) -> bool:
        return self.starts.get(number) == "heading"


def read_structure(text: str) -> Document:
    numbered = list(enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1))
    document = Document(lines=numbered)
    for token in BLOCKS.parse(text):
        if token.level != 0 or token.map is None or token.nesting == -1:
            continue
        first, end = token.map
        kind = token.type.removesuffix("_open")
        document.starts[first + 1] = kind
        if kind == "heading" and token.markup in {"=", "-"} and end - first >= 2:
            # An underlined heading: its text, then the rule, become one `#`/`##` line.
            level = "#" if token.markup == "=" else "##"
            text_lines = [line.strip() for _, line in numbered[first : end - 1]]
            numbered[first] = (first + 1, f"{level} {' '.join(text_lines)}")
            for index in range(first + 1, end):
                numbered[index] = (index + 1, "")
    return document


def split_paragraphs(lines: list[tuple[int, str]], starts: dict[int, str] | None = None):
    """Paragraphs: lines between blank lines, and a new one where a block begins (a heading
    directly above text is a paragraph of its own)."""
    paragraphs, current = [], []
    for number, line in lines:
        if not line.strip() or (starts and number in starts and current):
            if current:
                paragraphs.append(current)
            current = [(number, line)] if line.strip() else []
            continue
        current.append((number, line))
    if current:
        paragraphs.append(current)
    return paragraphs


def link_only(paragraph: list[tuple[int, str]]) -> str | None:
    """The URL when a paragraph is nothing but one (bold) link or bare address."""
    if len(paragraph) != 1:
        return None
    text = plain(paragraph[0][1])
    match = LINK.fullmatch(text) or BARE_URL.fullmatch(text)
    if not match or match["url"].lower().startswith("mailto:"):
        return None
    url, text = match["url"], (match.groupdict().get("text") or match["url"]).strip()
    reads_as_address = " " not in text and "." in text
    if not reads_as_address and not re.search(r"(?i)press|presse|news|media|m[ée]dia", text):
        return None  # "[Watch the launch video](…)": a link of the body, not the press site
    return url if "://" in url else f"http://{url}"
