"""The lead: the first paragraph when it is set in bold, otherwise the first paragraph of
running text, after a subtitle if there is one."""

import re

from releases.importing.header.opening import is_subtitle
from releases.importing.header.titles import is_prose
from releases.importing.model import ParsedRelease
from releases.importing.text import IMAGE, plain


def join_lines(paragraph: list[tuple[int, str]]) -> str:
    """A paragraph's lines as one: a space between words, none between Japanese or Chinese."""
    text = ""
    for _number, line in paragraph:
        line = line.strip()
        if text and not (CJK_CHAR.match(text[-1]) and CJK_CHAR.match(line[:1])):
            text += " "
        text += line
    return text


CJK_CHAR = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


def read_lead(parsed: ParsedRelease, paragraphs: list, starts: dict[int, str]) -> list:
    """The lead: the first paragraph when it is set in bold; otherwise the first paragraph of
    running text (a short paragraph alone is all body), after a subtitle if there is one."""
    text_paragraphs = [p for p in paragraphs if not all(IMAGE.fullmatch(plain(line)) for _, line in p)]
    if len(text_paragraphs) > 1 and is_subtitle(text_paragraphs[0]):
        text_paragraphs.pop(0)  # the subtitle stays first in the body
    if not text_paragraphs:
        return paragraphs
    first_paragraph = text_paragraphs[0]
    first = join_lines(first_paragraph)
    if len(first) > 4 and first.startswith("**") and first.endswith("**") and first.count("**") == 2:
        parsed.lead = first[2:-2].strip()
    elif (
        (is_prose(first_paragraph) or len(text_paragraphs) > 1 and len(first) > 60)
        and starts.get(first_paragraph[0][0], "paragraph") == "paragraph"
        and not first.startswith(("#", "|", ">", "-", "*", "+", "<", "```", "!["))
    ):
        parsed.lead = first
    else:
        return paragraphs
    parsed.lines["lead"] = first_paragraph[0][0]
    paragraphs.remove(first_paragraph)
    return paragraphs
