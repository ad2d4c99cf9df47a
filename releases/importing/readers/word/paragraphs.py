"""A paragraph: what its properties say (style, heading level, list, spacing) with the pieces
of its runs, and its pieces written as Markdown lines: bold and italic runs `**…**` and `*…*`,
links `[text](url)`, a manual line break a new line."""

from dataclasses import dataclass, field

from releases.importing.readers import emphasis, escape_inline, escape_line_start, markdown_link
from releases.importing.readers.word.ooxml import W, descendant, integer, on, twips, value
from releases.importing.readers.word.runs import Piece, RunReader
from releases.importing.readers.word.styles import StyleSheet


@dataclass
class Paragraph:
    pieces: list[Piece]
    style_id: str
    heading: int  # 0: not a heading
    list_level: int | None  # None: not a list item
    list_id: str  # the numbering it belongs to (w:numId)
    list_format: str  # its level's number format: "bullet", "decimal", …
    space_before: int
    space_after: int
    contextual: bool
    first_line_indent: bool
    text_boxes: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces).strip()


def read_paragraph(element, styles: StyleSheet, runs: RunReader) -> Paragraph:
    """A paragraph's properties (its style's, its own) and its runs' pieces."""
    properties = element.find(W + "pPr")
    style_id = value(descendant(properties, "pStyle")) or styles.default_style
    list_level, list_format = None, ""
    list_id = (
        value(descendant(properties, "numPr", "numId")) or styles.style_value(style_id, "number_id") or ""
    )
    if list_id and list_id != "0":  # numId 0 takes the numbering away
        level = integer(descendant(properties, "numPr", "ilvl"), "val")
        list_level = level if level is not None else styles.style_value(style_id, "list_level") or 0
        list_format = styles.list_formats.get(list_id, {}).get(list_level, "bullet")
    spacing = descendant(properties, "spacing")
    contextual = on(descendant(properties, "contextualSpacing"))

    def spacing_value(name):
        found = twips(spacing, name)
        if found is None:
            found = styles.style_value(style_id, f"space_{name}")
        if found is None:
            found = getattr(styles.defaults, f"space_{name}")
        if spacing is not None and (spacing.get(f"{W}{name}Autospacing") or "0") in {"1", "true", "on"}:
            found = 280  # "auto": about 14 points
        return found or 0

    paragraph_style_bold = styles.style_value(style_id, "bold")
    paragraph_style_italic = styles.style_value(style_id, "italic")
    if any(style.name == "subtitle" for style in styles.style_chain(style_id)):
        paragraph_style_bold = paragraph_style_italic = None  # a subtitle is a plain paragraph
    pieces: list[Piece] = []
    text_boxes: list = []
    runs.inline(element, pieces, text_boxes, paragraph_style_bold, paragraph_style_italic, "")
    return Paragraph(
        pieces=pieces,
        style_id=style_id,
        heading=styles.heading_level(style_id, properties),
        list_level=list_level,
        list_id=list_id,
        list_format=list_format,
        space_before=spacing_value("before"),
        space_after=spacing_value("after"),
        contextual=bool(contextual if contextual is not None else styles.style_value(style_id, "contextual")),
        first_line_indent=(twips(descendant(properties, "ind"), "firstLine") or 0) > 0,
        text_boxes=text_boxes,
    )


def render_lines(paragraph: Paragraph) -> list[str]:
    """The paragraph's pieces as Markdown lines (a manual line break starts a new one)."""
    heading = bool(paragraph.heading)
    lines: list[list[Piece]] = [[]]
    for piece in paragraph.pieces:
        for index, part in enumerate(piece.text.split("\n")):
            if index:
                lines.append([])
            if part:
                bold = piece.bold and not heading
                lines[-1].append(Piece(part, bold, piece.italic and not heading, piece.url))
    return [escape_line_start(render_line(line).strip()) for line in lines]


def render_line(pieces: list[Piece]) -> str:
    out = []
    index = 0
    while index < len(pieces):
        url = pieces[index].url
        group = []
        while index < len(pieces) and pieces[index].url == url:
            group.append(pieces[index])
            index += 1
        formatted = render_formatting(group)
        if url:
            formatted = markdown_link(formatted, url, "".join(piece.text for piece in group))
        out.append(formatted)
    return "".join(out)


def render_formatting(pieces: list[Piece]) -> str:
    """Runs alike in boldness and italics as one `**…**` or `*…*`; a run of spaces set otherwise
    (Word often leaves the space between two bold runs plain) goes with the run it is in."""
    out = []
    index = 0
    while index < len(pieces):
        bold, italic = pieces[index].bold, pieces[index].italic
        text = ""
        while index < len(pieces) and (
            (pieces[index].bold, pieces[index].italic) == (bold, italic)
            or (text and not pieces[index].text.strip() and index + 1 < len(pieces)
                and (pieces[index + 1].bold, pieces[index + 1].italic) == (bold, italic))
        ):  # fmt: skip
            text += pieces[index].text
            index += 1
        marker = ("**" if bold else "") + ("*" if italic else "")
        out.append(emphasis(escape_inline(text), marker))
    return "".join(out)
