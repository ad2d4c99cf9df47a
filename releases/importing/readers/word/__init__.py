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

Its parts: `package` (the zip and its properties), `ooxml` (reading the XML), `styles`, `runs`
(bold, italics, links, fields), `paragraphs`, `tables`, `writer` (the body in order), `blocks`.
"""

from io import BytesIO

from django.utils.translation import gettext as _

from releases.importing.errors import DocumentError
from releases.importing.readers import SourceText
from releases.importing.readers.word.blocks import join_blocks
from releases.importing.readers.word.package import check_package, properties
from releases.importing.readers.word.writer import WordWriter


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
    lines, positions = join_blocks(writer.output)
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
