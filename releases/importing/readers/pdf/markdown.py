"""The pages' lines written as Markdown: the title `# `, headings `## `, paragraphs, bold runs
`**…**`, links `[text](url)`, bullets `- `, a word broken at a line's end joined; each line
with its position ("page 2, line 7")."""

import re
from collections import Counter
from dataclasses import replace

from django.utils.translation import gettext as _

from releases.importing.readers import emphasis, escape_inline, escape_line_start, markdown_link
from releases.importing.readers.pdf.hyphenation import Hyphenation
from releases.importing.readers.pdf.layout import mark_headings, paragraphs_of
from releases.importing.readers.pdf.lines import Line, Page, Word, joined

BULLETS = "•◦▪●■‣⁃∙·"


def write_markdown(pages: list[Page]) -> tuple[str, list[str]]:
    lines = [line for page in pages for line in page.lines]
    body_size = Counter()
    for line in lines:
        for word in line.words:
            body_size[round(word.size * 2) / 2] += len(word.text)
    body = body_size.most_common(1)[0][0] if body_size else 10.0
    mark_headings(pages, body)
    width = max((line.x1 - line.x0 for line in lines), default=1.0) or 1.0
    paragraphs = paragraphs_of(pages, body, width)
    hyphenation = Hyphenation.of(paragraphs)
    out: list[str] = []
    positions: list[str] = []
    for paragraph in paragraphs:
        rendered = render_paragraph(paragraph, width, hyphenation)
        if not rendered:
            continue
        if out:
            out.append("")
            positions.append(positions[-1])
        for text, line in rendered:
            out.append(text)
            positions.append(_("page %(page)s, line %(line)s") % {"page": line.page, "line": line.number})
    return "\n".join(out) + ("\n" if out else ""), positions


def render_paragraph(paragraph: list[Line], width: float, hyphenation: Hyphenation) -> list[tuple[str, Line]]:
    """The paragraph's lines as Markdown, each with the line it came from."""
    if paragraph[0].heading:
        text = " ".join(escape_inline(line.text) for line in paragraph)
        return [("#" * paragraph[0].heading + " " + " ".join(text.split()), paragraph[0])]
    words = [list(line.words) for line in paragraph]
    for index in range(len(words) - 1):
        # A word broken at the end of a full line of running text: its halves on one line.
        line, following = words[index], words[index + 1]
        if not (line and following):
            continue
        last, first = line[-1], following[0]
        full = paragraph[index].x1 - paragraph[index].x0 >= 0.7 * width
        if full and re.search(r"[^\W\d_][-\xad]$", last.text) and first.text[:1].isalpha():
            text = hyphenation.joined(last.text, first.text)
            line[-1] = replace(
                last, text=text, x1=first.x1, bold=last.bold and first.bold, url=last.url or first.url
            )
            following.pop(0)
    rendered = []
    for line, line_words in zip(paragraph, words, strict=True):
        if line_words:
            rendered.append((render_line(line_words), line))
    return rendered


def render_line(words: list[Word]) -> str:
    """A line's words as Markdown: bold runs `**…**`, links `[text](url)`, a bullet `- `."""
    bullet = ""
    if words and words[0].text[:1] in BULLETS:
        first = words[0]
        rest = first.text[1:].lstrip()
        words = ([replace(first, text=rest)] if rest else []) + words[1:]
        bullet = "- "
    elif words and words[0].text == "-" and len(words) > 1:
        words, bullet = words[1:], "- "
    out = ""
    for index, group in enumerate(runs(words, lambda word: word.url)):
        formatted = ""
        for inner, part in enumerate(runs(group, lambda word: word.bold)):
            formatted += spacer(group, part, inner) + emphasis(
                escape_inline(joined(part)), "**" if part[0].bold else ""
            )
        if group[0].url:
            formatted = markdown_link(formatted, group[0].url, joined(group))
        out += spacer(words, group, index) + formatted
    return bullet + (out if bullet else escape_line_start(out))


def runs(words: list[Word], same) -> list[list[Word]]:
    """Consecutive words alike in one respect (the same link, the same boldness)."""
    found: list[list[Word]] = []
    for word in words:
        if found and same(found[-1][-1]) == same(word):
            found[-1].append(word)
        else:
            found.append([word])
    return found


def spacer(words: list[Word], run: list[Word], index: int) -> str:
    """The space before a run of words, if the page has a gap there."""
    if index == 0:
        return ""
    before = words[words.index(run[0]) - 1]
    return " " if run[0].x0 - before.x1 > 0.15 * run[0].size else ""
