"""Word (.docx) files: the body's paragraphs and tables as Markdown, read with python-docx.

"Title" and "Heading 1" become `# `, "Heading 2" `## ` (and so on); "Subtitle" a plain
paragraph. Bold and italic runs become `**…**` and `*…*`, hyperlinks (also those Word writes as
HYPERLINK fields) `[text](url)`, a manual line break a new line of the same paragraph, list
paragraphs `- ` (or `1. ` when Word numbers them). Paragraphs set without space between them
("Name" ⏎ "Tel" ⏎ "e-mail", as contact blocks are typed) stay lines of one paragraph. A table
of one-line cells is a pipe table (its first row the header); a table used for layout (cells
of several lines, or one row or column) gives each cell as a paragraph. Text boxes follow the
paragraph they are anchored to; tracked deletions, hidden text, headers, footers and footnotes
are left out.

Positions name the body's paragraphs as Word shows them, counting those that hold text
("paragraph 12"), and tables ("table 2, row 3").
"""

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from django.utils.translation import gettext as _

from releases.importing.errors import DocumentError
from releases.importing.readers import (
    SourceText,
    emphasis,
    escape_inline,
    escape_line_start,
    markdown_link,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .doc, or a .docx saved with a password
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # what the parts may take once unzipped (a "zip bomb" is refused)
MAX_PARTS = 5_000
SHORT_LINE = 100  # paragraphs set tight together are lines of one paragraph only when this short
INLINE_CONTAINERS = {W + "ins", W + "moveTo", W + "smartTag", W + "customXml", W + "dir", W + "bdo"}
HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+(?:\\[a-z]\s+)*"?([^"\s]+)"?', re.I)
FALSE_VALUES = {"0", "false", "off", "none"}
BULLET_FORMATS = {"bullet", "none", ""}


@dataclass
class Piece:
    text: str
    bold: bool
    italic: bool
    url: str = ""


@dataclass
class Block:
    lines: list[str]
    positions: list[str]
    tight: bool = False  # follows the block before without a blank line (list items, contact lines)


@dataclass
class Cell:
    lines: list[str]
    continued: bool = False  # the lower part of cells merged down: its text is the top cell's
    nested: bool = False  # holds a table


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


def read_docx(data: bytes) -> SourceText:
    check_package(data)
    from docx import Document

    try:
        document = Document(BytesIO(data))
        writer = WordWriter(document)
        writer.blocks(document.element.body)
        meta = properties(document)
    except Exception as error:  # python-docx and zlib raise many kinds for a damaged file
        raise DocumentError(_("not a valid Word (.docx) file: save it again from Word")) from error
    lines: list[str] = []
    positions: list[str] = []
    for block in writer.output:
        kept = [(line.rstrip(), where) for line, where in zip(block.lines, block.positions, strict=True)]
        kept = [(line, where) for line, where in kept if line.strip()]
        if not kept:
            continue
        if lines and not block.tight:
            lines.append("")
            positions.append(positions[-1])
        for line, where in kept:
            lines.append(line)
            positions.append(where)
    if not lines:
        raise DocumentError(
            _("this Word file has no text (text in pictures, headers and footers is not read)")
        )
    return SourceText(
        markdown="\n".join(lines) + "\n",
        format="docx",
        meta=meta,
        positions=positions,
    )


def check_package(data: bytes) -> None:
    if data.startswith(OLE_SIGNATURE):
        raise DocumentError(
            _("an old Word (.doc) file or one protected by a password: save it as .docx without a password")
        )
    try:
        package = zipfile.ZipFile(BytesIO(data))
        parts = package.infolist()
    except Exception as error:  # not a zip, or one zipfile cannot read
        raise DocumentError(_("not a valid Word (.docx) file: save it again from Word")) from error
    if "[Content_Types].xml" not in {part.filename for part in parts}:
        raise DocumentError(_("not a valid Word (.docx) file: save it again from Word"))
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise DocumentError(
            _("this Word file unpacks to more than %(megabytes)s MB: not a press release")
            % {"megabytes": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )


def properties(document) -> dict:
    """Title, creation date and language from the file's properties, unless a template left them."""
    core = document.core_properties
    meta = {}
    made_by_template = (core.author or "") == "python-docx" or (core.last_modified_by or "") == "python-docx"
    title = " ".join((core.title or "").split())
    if title and not title.lower().startswith("microsoft word -") and not made_by_template:
        meta["title"] = title
    if core.created and not made_by_template:
        meta["created"] = core.created.date()  # when the file was made: a hint, not the release date
    language = re.split(r"[-_]", (core.language or "").strip(), maxsplit=1)[0].lower()
    if re.fullmatch(r"[a-z]{2}", language):
        meta["language"] = language
    return meta


def on(element, default=True) -> bool | None:
    """A Word on/off property (`<w:b/>`, `<w:b w:val="0"/>`); None when it is not set."""
    if element is None:
        return None
    value = element.get(W + "val")
    return default if value is None else value.lower() not in FALSE_VALUES


def integer(element, name: str) -> int | None:
    """A whole-number attribute (`w:val="2"`, `w:after="120"`); None when absent or not a number."""
    if element is None:
        return None
    try:
        return int(float(element.get(W + name)))
    except (TypeError, ValueError):
        return None


twips = integer  # spacing is written in twentieths of a point


def descendant(element, *names: str):
    """The descendant at w:name/w:name…, or None (also when `element` is None)."""
    for name in names:
        if element is None:
            return None
        element = element.find(W + name)
    return element


def value(element) -> str | None:
    """An element's `w:val`, or None."""
    return element.get(W + "val") if element is not None else None


class WordWriter:
    def __init__(self, document):
        self.part = document.part
        self.styles = self.read_styles(document.styles.element)
        self.defaults = self.read_defaults(document.styles.element)
        self.list_formats = self.read_numbering()
        self.default_style = next((key for key, style in self.styles.items() if style.name == "normal"), "")
        self.counters: dict[tuple[str, int], int] = {}
        self.fields: list[dict] = []  # Word fields open (HYPERLINK "…" and others), innermost last
        self.output: list[Block] = []
        self.paragraph_number = 0
        self.table_number = 0
        self.previous: Paragraph | None = None  # the last paragraph written, if the last block

    # --- What the document's styles and numbering say ---

    def read_styles(self, root) -> dict[str, Style]:
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

    def read_defaults(self, root) -> Style:
        spacing = descendant(root, "docDefaults", "pPrDefault", "pPr", "spacing")
        run = descendant(root, "docDefaults", "rPrDefault", "rPr")
        return Style(
            bold=on(descendant(run, "b")),
            italic=on(descendant(run, "i")),
            space_before=twips(spacing, "before"),
            space_after=twips(spacing, "after"),
        )

    def read_numbering(self) -> dict[str, dict[int, str]]:
        """numId -> level -> number format ("bullet", "decimal", …)."""
        try:
            root = self.part.numbering_part.element
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

    # --- The body: paragraphs, tables, content controls ---

    def blocks(self, container) -> None:
        for child in container.iterchildren():
            if child.tag == W + "p":
                self.paragraph(child)
            elif child.tag == W + "tbl":
                self.table(child)
            elif child.tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.blocks(content)
            elif child.tag == W + "customXml":
                self.blocks(child)

    def read_paragraph(self, element) -> Paragraph:
        properties = element.find(W + "pPr")
        style_id = value(descendant(properties, "pStyle")) or self.default_style
        list_level, list_format = None, ""
        list_id = (
            value(descendant(properties, "numPr", "numId")) or self.style_value(style_id, "number_id") or ""
        )
        if list_id and list_id != "0":  # numId 0 takes the numbering away
            level = integer(descendant(properties, "numPr", "ilvl"), "val")
            list_level = level if level is not None else self.style_value(style_id, "list_level") or 0
            list_format = self.list_formats.get(list_id, {}).get(list_level, "bullet")
        spacing = descendant(properties, "spacing")
        contextual = on(descendant(properties, "contextualSpacing"))

        def spacing_value(name):
            found = twips(spacing, name)
            if found is None:
                found = self.style_value(style_id, f"space_{name}")
            if found is None:
                found = getattr(self.defaults, f"space_{name}")
            if spacing is not None and (spacing.get(f"{W}{name}Autospacing") or "0") in {"1", "true", "on"}:
                found = 280  # "auto": about 14 points
            return found or 0

        paragraph_style_bold = self.style_value(style_id, "bold")
        paragraph_style_italic = self.style_value(style_id, "italic")
        if any(style.name == "subtitle" for style in self.style_chain(style_id)):
            paragraph_style_bold = paragraph_style_italic = None  # a subtitle is a plain paragraph
        pieces: list[Piece] = []
        text_boxes: list = []
        self.inline(element, pieces, text_boxes, paragraph_style_bold, paragraph_style_italic, "")
        return Paragraph(
            pieces=pieces,
            style_id=style_id,
            heading=self.heading_level(style_id, properties),
            list_level=list_level,
            list_id=list_id,
            list_format=list_format,
            space_before=spacing_value("before"),
            space_after=spacing_value("after"),
            contextual=bool(
                contextual if contextual is not None else self.style_value(style_id, "contextual")
            ),
            first_line_indent=(twips(descendant(properties, "ind"), "firstLine") or 0) > 0,
            text_boxes=text_boxes,
        )

    def paragraph(self, element) -> None:
        paragraph = self.read_paragraph(element)
        if not paragraph.text:
            self.previous = None  # an empty paragraph separates blocks, as a blank line does
            for box in paragraph.text_boxes:
                self.text_box(box, _("paragraph %(number)s") % {"number": self.paragraph_number or 1})
            return
        self.paragraph_number += 1
        where = _("paragraph %(number)s") % {"number": self.paragraph_number}
        lines = self.render_lines(paragraph)
        tight = False
        if paragraph.heading:
            lines = ["#" * paragraph.heading + " " + " ".join(line.strip() for line in lines if line.strip())]
        elif paragraph.list_level is not None:
            lines = self.list_item(paragraph, lines)
            tight = self.previous is not None and self.previous.list_level is not None
        else:
            tight = self.continues(paragraph)
        self.output.append(Block(lines, [where] * len(lines), tight=tight))
        self.previous = paragraph
        for box in paragraph.text_boxes:
            self.text_box(box, where)

    def continues(self, paragraph: Paragraph) -> bool:
        """Whether a paragraph is set as the next line of the one before (no space between)."""
        before = self.previous
        if before is None or before.heading or before.list_level is not None or paragraph.first_line_indent:
            return False
        if len(before.text) > SHORT_LINE or len(paragraph.text) > SHORT_LINE:
            return False
        if before.contextual and paragraph.contextual and before.style_id == paragraph.style_id:
            return True
        return before.space_after + paragraph.space_before == 0

    def list_item(self, paragraph: Paragraph, lines: list[str]) -> list[str]:
        list_id, level = paragraph.list_id, paragraph.list_level
        for key in [key for key in self.counters if key[0] == list_id and key[1] > level]:
            del self.counters[key]  # a deeper list starts again under each item
        if paragraph.list_format in BULLET_FORMATS:
            marker = "- "
        else:
            count = self.counters[(list_id, level)] = self.counters.get((list_id, level), 0) + 1
            marker = f"{count}. "
        indent = "  " * level
        first, *rest = [line.strip() for line in lines] or [""]
        return [indent + marker + first] + [indent + " " * len(marker) + line for line in rest]

    def text_box(self, box, where: str) -> None:
        self.previous = None
        for element in box.iterchildren():
            if element.tag == W + "p":
                paragraph = self.read_paragraph(element)
                if paragraph.text:
                    lines = self.render_lines(paragraph)
                    if paragraph.heading:
                        lines = ["#" * paragraph.heading + " " + " ".join(lines)]
                    self.output.append(Block(lines, [where] * len(lines), tight=self.continues(paragraph)))
                    self.previous = paragraph
            elif element.tag == W + "tbl":
                self.table(element)
        self.previous = None

    # --- Tables ---

    def table(self, element) -> None:
        self.table_number += 1
        number = self.table_number
        self.previous = None
        rows: list[list[Cell]] = []
        for row in self.rows(element):
            cells = []
            for cell in self.cells(row):
                merged = descendant(cell, "tcPr", "vMerge")
                cells.append(
                    Cell(
                        lines=self.cell_lines(cell),
                        continued=merged is not None and merged.get(W + "val", "continue") != "restart",
                        nested=cell.find(f".//{W}tbl") is not None,
                    )
                )
                span = integer(descendant(cell, "tcPr", "gridSpan"), "val") or 1
                cells.extend(Cell(lines=[], continued=True) for _column in range(span - 1))
            rows.append(cells)
        columns = max((len(cells) for cells in rows), default=0)
        one_line_cells = all(len(cell.lines) <= 1 and not cell.nested for cells in rows for cell in cells)
        if len(rows) >= 2 and columns >= 2 and one_line_cells:
            self.pipe_table(rows, columns, number)
        else:
            for index, cells in enumerate(rows, start=1):
                where = _("table %(table)s, row %(row)s") % {"table": number, "row": index}
                for cell in cells:
                    if cell.lines and not cell.continued:
                        self.output.append(Block(cell.lines, [where] * len(cell.lines)))
        self.previous = None

    def rows(self, table):
        for child in table.iterchildren():
            if child.tag == W + "tr":
                yield child
            elif child.tag in {W + "sdt", W + "customXml"}:
                content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if content is not None:
                    yield from self.rows(content)

    def cells(self, row):
        for child in row.iterchildren():
            if child.tag == W + "tc":
                yield child
            elif child.tag in {W + "sdt", W + "customXml"}:
                content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if content is not None:
                    yield from self.cells(content)

    def cell_lines(self, cell) -> list[str]:
        """A cell's paragraphs as lines (a nested table's cells follow, a line each)."""
        lines = []
        for child in cell.iterchildren():
            if child.tag == W + "p":
                paragraph = self.read_paragraph(child)
                if paragraph.text:
                    rendered = self.render_lines(paragraph)
                    if paragraph.list_level is not None:
                        rendered = ["- " + line.strip() for line in rendered]
                    lines.extend(line for line in rendered if line.strip())
            elif child.tag == W + "tbl":
                for row in self.rows(child):
                    for inner in self.cells(row):
                        lines.extend(self.cell_lines(inner))
            elif child.tag == W + "sdt" and (content := child.find(W + "sdtContent")) is not None:
                lines.extend(self.cell_lines(content))
        return lines

    def pipe_table(self, rows: list[list[Cell]], columns: int, number: int) -> None:
        """A table of one-line cells as a pipe table, its first row the header."""
        lines, positions = [], []
        for index, cells in enumerate(rows, start=1):
            values = [
                cell.lines[0].strip().replace("|", "\\|") if cell.lines and not cell.continued else ""
                for cell in cells
            ]
            values += [""] * (columns - len(values))
            lines.append("| " + " | ".join(values) + " |")
            where = _("table %(table)s, row %(row)s") % {"table": number, "row": index}
            positions.append(where)
            if index == 1:
                lines.append("|" + " --- |" * columns)
                positions.append(where)
        self.output.append(Block(lines, positions))

    # --- Inside a paragraph: runs, links, fields ---

    def inline(self, container, pieces, text_boxes, style_bold, style_italic, url) -> None:
        for child in container.iterchildren():
            tag = child.tag
            if tag == W + "r":
                self.run(child, pieces, text_boxes, style_bold, style_italic, url)
            elif tag == W + "hyperlink":
                target = self.link_target(child) or url
                self.inline(child, pieces, text_boxes, style_bold, style_italic, target)
            elif tag == W + "fldSimple":
                found = HYPERLINK_FIELD.match(child.get(W + "instr") or "")
                self.inline(child, pieces, text_boxes, style_bold, style_italic, found[1] if found else url)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.inline(content, pieces, text_boxes, style_bold, style_italic, url)
            elif tag in INLINE_CONTAINERS:
                self.inline(child, pieces, text_boxes, style_bold, style_italic, url)
            # w:del, w:moveFrom (tracked deletions), bookmarks, comments, proofing marks: nothing to read

    def link_target(self, hyperlink) -> str:
        relationship = hyperlink.get(R + "id")
        if relationship and relationship in self.part.rels:
            rel = self.part.rels[relationship]
            if rel.is_external:
                anchor = hyperlink.get(W + "anchor")
                return rel.target_ref + (f"#{anchor}" if anchor else "")
        return ""

    def run(self, run, pieces, text_boxes, style_bold, style_italic, url) -> None:
        properties = run.find(W + "rPr")
        character_style = ""
        direct = {}
        if properties is not None:
            style = properties.find(W + "rStyle")
            character_style = (style.get(W + "val") or "") if style is not None else ""
            for name, tag in (("bold", "b"), ("italic", "i"), ("hidden", "vanish")):
                direct[name] = on(properties.find(W + tag))

        def effective(name, paragraph_value):
            for setting in (direct.get(name), self.style_value(character_style, name), paragraph_value):
                if setting is not None:
                    return setting
            return bool(getattr(self.defaults, name, None))

        if effective("hidden", None):
            return
        bold, italic = effective("bold", style_bold), effective("italic", style_italic)
        for child in run.iterchildren():
            tag = child.tag
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    self.fields.append({"code": "", "url": "", "result": False})
                elif kind == "separate" and self.fields:
                    found = HYPERLINK_FIELD.match(self.fields[-1]["code"])
                    self.fields[-1].update(result=True, url=found[1] if found else "")
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag == W + "instrText":
                if self.fields:
                    self.fields[-1]["code"] += child.text or ""
                continue
            if self.fields and not self.fields[-1]["result"]:
                continue  # a field's code, not its text
            text = self.run_text(child, text_boxes)
            if text:
                field_url = next((field["url"] for field in reversed(self.fields) if field["url"]), "")
                pieces.append(Piece(text, bold, italic, field_url or url))

    def run_text(self, child, text_boxes) -> str:
        tag = child.tag
        if tag == W + "t":
            return child.text or ""
        if tag in {W + "tab", W + "ptab"}:
            return " "
        if tag == W + "br":
            return "\n" if child.get(W + "type", "textWrapping") == "textWrapping" else ""
        if tag == W + "cr":
            return "\n"
        if tag == W + "noBreakHyphen":
            return "-"
        if tag in {W + "drawing", W + "pict", MC + "AlternateContent"}:
            text_boxes.extend(self.text_boxes_in(child))
        return ""

    def text_boxes_in(self, element) -> list:
        """The text boxes a drawing holds; of Word's two versions of one (mc:Choice, mc:Fallback), one."""
        found = []
        for child in element.iterchildren():
            if not isinstance(child.tag, str) or child.tag == MC + "Fallback":
                continue
            if child.tag == W + "txbxContent":
                found.append(child)
            else:
                found.extend(self.text_boxes_in(child))
        return found

    # --- Markdown ---

    def render_lines(self, paragraph: Paragraph) -> list[str]:
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
