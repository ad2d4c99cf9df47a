"""Word tables: a table of one-line cells is a pipe table (its first row the header); a table
used for layout (cells of several lines, or one row or column) gives each cell as a block. A
cell merged across columns or down rows counts once; a nested table's cells follow, a line each.
Positions name the table and its row ("table 2, row 3")."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from releases.importing.readers.word.blocks import Block
from releases.importing.readers.word.ooxml import W, children, descendant, integer
from releases.importing.readers.word.paragraphs import Paragraph, render_lines

ReadParagraph = Callable[[object], Paragraph]


@dataclass
class Cell:
    lines: list[str]
    continued: bool = False  # the lower part of cells merged down: its text is the top cell's
    nested: bool = False  # holds a table


def table_blocks(table, number: int, read_paragraph: ReadParagraph) -> list[Block]:
    """Table `number` of the document as blocks: one pipe table, or a block a cell."""
    rows: list[list[Cell]] = []
    for row in children(table, "tr"):
        cells = []
        for cell in children(row, "tc"):
            merged = descendant(cell, "tcPr", "vMerge")
            cells.append(
                Cell(
                    lines=cell_lines(cell, read_paragraph),
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
        return [pipe_table(rows, columns, number)]
    blocks = []
    for index, cells in enumerate(rows, start=1):
        where = _("table %(table)s, row %(row)s") % {"table": number, "row": index}
        for cell in cells:
            if cell.lines and not cell.continued:
                blocks.append(Block(cell.lines, [where] * len(cell.lines)))
    return blocks


def cell_lines(cell, read_paragraph: ReadParagraph) -> list[str]:
    """A cell's paragraphs as lines (a nested table's cells follow, a line each)."""
    lines = []
    for child in cell.iterchildren():
        if child.tag == W + "p":
            paragraph = read_paragraph(child)
            if paragraph.text:
                rendered = render_lines(paragraph)
                if paragraph.list_level is not None:
                    rendered = ["- " + line.strip() for line in rendered]
                lines.extend(line for line in rendered if line.strip())
        elif child.tag == W + "tbl":
            for row in children(child, "tr"):
                for inner in children(row, "tc"):
                    lines.extend(cell_lines(inner, read_paragraph))
        elif child.tag == W + "sdt" and (content := child.find(W + "sdtContent")) is not None:
            lines.extend(cell_lines(content, read_paragraph))
    return lines


def pipe_table(rows: list[list[Cell]], columns: int, number: int) -> Block:
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
    return Block(lines, positions)
