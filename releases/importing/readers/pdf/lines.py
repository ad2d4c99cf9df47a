"""A PDF page's text layer as lines: its words with their font (size, bold) and the link they
sit under, a character set sideways or outside the page left out; words sharing a baseline make
a line, its words in reading order."""

import re
from collections import Counter
from dataclasses import dataclass, field

BOLD_FONT = re.compile(r"(?i)bold|black|heavy|semibold|demi|[-,]bd\b|,b$")
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    url: str = ""


@dataclass
class Line:
    words: list[Word]
    page: int
    number: int = 0  # the line's place on its page, from the top
    heading: int = 0

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def size(self) -> float:
        sizes = Counter()
        for word in self.words:
            sizes[round(word.size * 2) / 2] += len(word.text)
        return sizes.most_common(1)[0][0]

    @property
    def bold(self) -> bool:
        return all(word.bold for word in self.words)

    @property
    def text(self) -> str:
        return joined(self.words)


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


def joined(words: list[Word]) -> str:
    """Words' text with a space where the page has a gap (a word split by a change of font has none)."""
    out = ""
    for index, word in enumerate(words):
        if index and word.x0 - words[index - 1].x1 > 0.15 * word.size:
            out += " "
        out += word.text
    return out


def read_page(page) -> Page:
    width, height = float(page.width), float(page.height)
    x0, top, x1, bottom = (float(value) for value in page.bbox)

    def readable(obj) -> bool:
        """Not a character set sideways (a watermark, a margin note) or outside the page."""
        if obj.get("object_type") != "char":
            return True
        inside = (
            obj["x0"] >= x0 - 1
            and obj["x1"] <= x1 + 1
            and obj["top"] >= top - 1
            and obj["bottom"] <= bottom + 1
        )
        return bool(obj.get("upright", True)) and inside

    upright = page.filter(readable)
    links = [
        (
            float(link["x0"]),
            float(link["top"]),
            float(link["x1"]),
            float(link["bottom"]),
            link.get("uri") or "",
        )
        for link in page.hyperlinks
        if link.get("uri")
    ]
    words = []
    for found in upright.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False):
        text = found["text"].translate(LIGATURES)
        word = Word(
            text=text,
            x0=float(found["x0"]),
            x1=float(found["x1"]),
            top=float(found["top"]),
            bottom=float(found["bottom"]),
            size=float(found["size"]),
            bold=bool(BOLD_FONT.search(str(found["fontname"]).split("+")[-1])),
        )
        middle_x, middle_y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        word.url = next(
            (
                uri
                for left, up, right, down, uri in links
                if left <= middle_x <= right and up <= middle_y <= down
            ),
            "",
        )
        words.append(word)
    result = Page(number=page.page_number, width=width, height=height)
    result.lines = lines_of(words, page.page_number)
    return result


def lines_of(words: list[Word], page: int) -> list[Line]:
    """Words on one baseline make a line; a line's words in reading order."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda word: (word.bottom, word.x0)):
        if lines:
            line = lines[-1]
            first = line.words[0]
            if abs(word.bottom - first.bottom) <= 0.3 * min(word.size, first.size) + 0.5:
                line.words.append(word)
                continue
        lines.append(Line([word], page))
    for number, line in enumerate(lines, start=1):
        line.words.sort(key=lambda word: word.x0)
        line.number = number
    return lines
