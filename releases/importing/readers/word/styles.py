"""What a Word document's styles and numbering say: each style's bold, italic, hidden text,
spacing, outline level and list (following the styles each is based on), the defaults, which
lists are bulleted and which numbered, and which paragraphs are headings."""

import re
from dataclasses import dataclass

from releases.importing.readers.word.ooxml import W, descendant, integer, on, twips, value


@dataclass
class Style:
    name: str = ""
    based_on: str = ""
    bold: bool | None = None
    italic: bool | None = None
    hidden: bool | None = None
    outline_level: int | None = None
    number_id: str | None = None  # the numbering (w:numPr) the style gives its paragraphs
    list_level: int | None = None
    space_before: int | None = None
    space_after: int | None = None
    contextual: bool | None = None


class StyleSheet:
    """A document's styles by id, its defaults, and its lists' number formats."""

    def __init__(self, document):
        self.styles = read_styles(document.styles.element)
        self.defaults = read_defaults(document.styles.element)
        self.list_formats = read_numbering(document.part)
        self.default_style = next((key for key, style in self.styles.items() if style.name == "normal"), "")

    def style_chain(self, style_id: str):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def style_value(self, style_id: str, name: str):
        for style in self.style_chain(style_id):
            value = getattr(style, name)
            if value is not None:
                return value
        return None

    def heading_level(self, style_id: str, properties) -> int:
        """1 for "Title" and "Heading 1", 2 for "Heading 2"…, 0 for any other paragraph."""
        for style in self.style_chain(style_id):
            if style.name == "title":
                return 1
            if style.name == "subtitle":
                return 0
            if match := re.fullmatch(r"heading (\d)", style.name):
                return min(int(match[1]), 6)
        level = integer(descendant(properties, "outlineLvl"), "val")  # a heading by its outline level
        if level is None:
            level = self.style_value(style_id, "outline_level")
        return level + 1 if level is not None and level < 6 else 0


def read_styles(root) -> dict[str, Style]:
    styles = {}
    for element in root.iterchildren(W + "style"):
        run, paragraph = element.find(W + "rPr"), element.find(W + "pPr")
        spacing = descendant(paragraph, "spacing")
        styles[element.get(W + "styleId") or ""] = Style(
            name=(value(descendant(element, "name")) or "").lower(),
            based_on=value(descendant(element, "basedOn")) or "",
            bold=on(descendant(run, "b")),
            italic=on(descendant(run, "i")),
            hidden=on(descendant(run, "vanish")),
            outline_level=integer(descendant(paragraph, "outlineLvl"), "val"),
            number_id=value(descendant(paragraph, "numPr", "numId")),
            list_level=integer(descendant(paragraph, "numPr", "ilvl"), "val"),
            space_before=twips(spacing, "before"),
            space_after=twips(spacing, "after"),
            contextual=on(descendant(paragraph, "contextualSpacing")),
        )
    return styles


def read_defaults(root) -> Style:
    spacing = descendant(root, "docDefaults", "pPrDefault", "pPr", "spacing")
    run = descendant(root, "docDefaults", "rPrDefault", "rPr")
    return Style(
        bold=on(descendant(run, "b")),
        italic=on(descendant(run, "i")),
        space_before=twips(spacing, "before"),
        space_after=twips(spacing, "after"),
    )


def read_numbering(part) -> dict[str, dict[int, str]]:
    """numId -> level -> number format ("bullet", "decimal", …)."""
    try:
        root = part.numbering_part.element
    except Exception:  # a document without numbering
        return {}
    abstract = {}
    for element in root.iterchildren(W + "abstractNum"):
        levels = {}
        for level in element.iterchildren(W + "lvl"):
            number_format = level.find(W + "numFmt")
            if level.get(W + "ilvl", "").isdigit():
                levels[int(level.get(W + "ilvl"))] = (
                    number_format.get(W + "val", "") if number_format is not None else ""
                )
        abstract[element.get(W + "abstractNumId")] = levels
    formats = {}
    for element in root.iterchildren(W + "num"):
        reference = element.find(W + "abstractNumId")
        if reference is not None:
            formats[element.get(W + "numId")] = abstract.get(reference.get(W + "val"), {})
    return formats
