"""The body of a Word document in order, as blocks of Markdown lines: headings `# `, paragraphs,
list items `- ` (or `1. ` when Word numbers them), paragraphs set without space between them
("Name" ⏎ "Tel" ⏎ "e-mail", as contact blocks are typed) as lines of one block, text boxes after
the paragraph they are anchored to, and tables (tables.py). Positions count the body's
paragraphs that hold text ("paragraph 12")."""

from django.utils.translation import gettext as _

from releases.importing.readers.word.blocks import Block
from releases.importing.readers.word.ooxml import W, children
from releases.importing.readers.word.paragraphs import Paragraph, read_paragraph, render_lines
from releases.importing.readers.word.runs import RunReader
from releases.importing.readers.word.styles import StyleSheet
from releases.importing.readers.word.tables import table_blocks

SHORT_LINE = 100  # paragraphs set tight together are lines of one paragraph only when this short
BULLET_FORMATS = {"bullet", "none", ""}


class WordWriter:
    """Writes a document's body into `output`, block by block, counting paragraphs and tables."""

    def __init__(self, document):
        self.styles = StyleSheet(document)
        self.runs = RunReader(document.part, self.styles)
        self.counters: dict[tuple[str, int], int] = {}
        self.output: list[Block] = []
        self.paragraph_number = 0
        self.table_number = 0
        self.previous: Paragraph | None = None  # the last paragraph written, if the last block

    def read_paragraph(self, element) -> Paragraph:
        return read_paragraph(element, self.styles, self.runs)

    def blocks(self, container) -> None:
        """The body's paragraphs and tables, also those inside content controls."""
        for child in children(container, "p", "tbl"):
            if child.tag == W + "p":
                self.paragraph(child)
            else:
                self.table(child)

    def paragraph(self, element) -> None:
        paragraph = self.read_paragraph(element)
        if not paragraph.text:
            self.previous = None  # an empty paragraph separates blocks, as a blank line does
            for box in paragraph.text_boxes:
                self.text_box(box, _("paragraph %(number)s") % {"number": self.paragraph_number or 1})
            return
        self.paragraph_number += 1
        where = _("paragraph %(number)s") % {"number": self.paragraph_number}
        lines = render_lines(paragraph)
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
                    lines = render_lines(paragraph)
                    if paragraph.heading:
                        lines = ["#" * paragraph.heading + " " + " ".join(lines)]
                    self.output.append(Block(lines, [where] * len(lines), tight=self.continues(paragraph)))
                    self.previous = paragraph
            elif element.tag == W + "tbl":
                self.table(element)
        self.previous = None

    def table(self, element) -> None:
        self.table_number += 1
        self.previous = None
        self.output.extend(table_blocks(element, self.table_number, self.read_paragraph))
        self.previous = None
