"""What extraction leaves out at the article's head, put back: the short blocks above its body
(a label, the headline, the date line, a release number), and the title as a `# ` line."""

import re

from releases.importing.readers import escape_inline
from releases.importing.readers.web.markdown import element_markdown

MAX_HEADER_BLOCK = 300  # characters: a label, a headline, a date line above the article's body


def first_text(body) -> str:
    """The text of the extracted body's first paragraph."""
    for element in body.iter("p", "head", "item", "quote"):
        if text := plain(" ".join(element.itertext())):
            return text
    return ""


def plain(text: str) -> str:
    """Text to compare, without Markdown's marks or differences of case and spacing."""
    return " ".join(re.sub(r"[#*_`\\\[\]]", " ", text).split()).lower()


def with_header(markdown: str, first: str, extracted_text: str, region) -> str:
    """The text, with the article's short blocks above its body (a label, the headline, the date,
    a release number) that extraction left out put back at its start."""
    anchor = first[:40]
    if len(anchor) < 20:
        return markdown
    holders = [
        element
        for element in region.iter()
        if isinstance(element.tag, str) and plain(" ".join(element.itertext())).startswith(anchor)
    ]
    if not holders:
        return markdown
    holder = holders[-1]  # the innermost: its own paragraph, not the article that starts with it
    scope = next((ancestor for ancestor in holder.iterancestors() if ancestor.tag == "article"), region)
    paragraphs = element_markdown(scope)
    start = next(
        (index for index, lines in enumerate(paragraphs) if plain(" ".join(lines)).startswith(anchor)), 0
    )
    kept = plain(extracted_text)
    header = [
        lines
        for lines in paragraphs[:start]
        if len(" ".join(lines)) <= MAX_HEADER_BLOCK and plain(" ".join(lines)) not in kept
    ]
    return "".join("\n".join(lines) + "\n\n" for lines in header) + markdown


def with_title(markdown: str, title: str) -> str:
    """The text with the page's title as a `# ` line: kept where the text has it (under a label
    such as "Press release"), made level 1 where the text has it as a lower heading or a plain
    first line, else added as the first line."""
    if not title:
        return markdown
    lines = markdown.split("\n")
    if any(line.startswith("# ") for line in lines):
        return markdown

    heading = "# " + escape_inline(title)
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    for index, line in enumerate(lines):
        if plain(line) == plain(title) and (line.startswith("#") or index == first):
            lines[index] = heading
            return "\n".join(lines)
    return heading + "\n\n" + markdown
