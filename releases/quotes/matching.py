"""Where a text holds a quote's words, or a speaker's name.

Reads the text of the lead or body (html tags dropped, entities decoded): a quote's words are
found in order whatever the spaces, soft line breaks and paragraph breaks between them (a
new paragraph of the quote may open with its mark), apostrophes of any kind alike, and as
whole words where the script sets words apart by spaces.
"""

import re
from functools import lru_cache

APOSTROPHES = "'’‘ʼ"
QUOTE_MARKS = '“”"„«»‚‘’‹›「」『』'
FIRST_ATOM = re.compile(r"\\.|\[[^\]]*\]|[^\\\[(]")  # a pattern's first character or class
CJK_CHAR = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


@lru_cache(maxsize=2048)
def pattern_of(quote_text: str) -> re.Pattern | None:
    """The quote's words, in order, whatever the spaces, line breaks and paragraph breaks
    (where a new paragraph of the quote may open with its mark) between them."""
    paragraphs = [p.split() for p in re.split(r"\n\s*\n", quote_text.strip()) if p.split()]
    if not paragraphs:
        return None
    first, *rest = [r"\s+".join(map(word_pattern, p)) for p in paragraphs]
    return re.compile(bounded(rf"\s+[{QUOTE_MARKS}]?\s*".join([first, *rest]), quote_text.strip()))


def bounded(pattern: str, text: str) -> str:
    """A pattern that matches whole words only, where the script sets words apart by spaces:
    a name in Japanese runs on into the words around it (理事長の佐藤健一は). The check
    before the first word comes after its first character, so that a search still starts
    by looking for that character (fast) rather than testing every position."""
    if not CJK_CHAR.match(text[-1:]):
        pattern = rf"{pattern}(?!\w)"
    if CJK_CHAR.match(text[:1]) or not (first := FIRST_ATOM.match(pattern)):
        return pattern
    return rf"{first[0]}(?<!\w.){pattern[first.end() :]}"


def word_pattern(word: str) -> str:
    out = []
    for index, char in enumerate(word):
        if char in APOSTROPHES:
            out.append(f"[{APOSTROPHES}]")
        else:
            out.append(re.escape(char))
        if CJK_CHAR.match(char) and index + 1 < len(word):
            out.append(r"\s*")  # a soft line break between two characters
    return "".join(out)


def name_pattern(name: str) -> str:
    """A speaker's name as written, a whole word where the script sets words apart."""
    return bounded(re.escape(name), name)


def first_free(pattern: re.Pattern, text: str, taken: list[tuple[int, int]]) -> re.Match | None:
    """The first match of `pattern` in `text` that overlaps none of the `taken` ranges."""
    for match in pattern.finditer(text):
        start, end = match.span()
        if not any(start < taken_end and taken_start < end for taken_start, taken_end in taken):
            return match
    return None
