"""PDF files: the text layer's lines, grouped into paragraphs, as Markdown (pdfplumber, MIT).

Words are read with their font; words sharing a baseline make a line, and lines make a
paragraph until a gap larger than the text's line spacing (or a change of size). A line set
wholly in a bold font becomes `**…**` (bold words inside a line too). The title, `# `, is
the largest line(s) on page 1 clearly larger than the body text, bold ones first; lines above
it are the letterhead, short lines clearly larger than the body below it `## ` headings. A
running header or footer (the same line in the top or bottom margin of every page) and page
counters ("Page 2 of 3", "2/3", "- 2 -", also inside a header line) are left out; the
letterhead at the top of the first page is kept. A paragraph broken by a page goes on. A word
broken at the end of a full line ("commu-" "nication") is joined when the text writes it whole
elsewhere or is typeset with hyphenation; a compound ("solar-" "powered") keeps its hyphen.
Link annotations become `[text](url)`; an address written out stays as written. A bullet
("•") starts a `- ` list item. One column is read: a page set in two columns comes out with
its columns' lines side by side.

Positions count each page's lines from the top, left-out lines included ("page 2, line 7")

Its parts: `lines` (the text layer's words and lines), `running` (running headers, footers and
page counters), `layout` (the title, headings and paragraphs), `hyphenation`, `markdown`,
`properties`."""

import logging
from io import BytesIO

from django.utils.translation import gettext as _

from releases.importing.errors import DocumentError
from releases.importing.readers import SourceText
from releases.importing.readers.pdf.lines import read_page
from releases.importing.readers.pdf.markdown import write_markdown
from releases.importing.readers.pdf.properties import properties
from releases.importing.readers.pdf.running import drop_running_lines

# pdfminer logs what it works around in a file ("Could not get FontBBox…") as warnings: noise
# in an import's report, whose reader gets the text all the same.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

MAX_PAGES = 100  # a press release has a few; a 300-page report is not one, and would take minutes


def read_pdf(data: bytes) -> SourceText:
    if b"%PDF-" not in data[:1024]:
        raise DocumentError(_("not a PDF file"))
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        document = pdfplumber.open(BytesIO(data))
        count = len(document.pages)
    except Exception as error:  # pdfminer raises many kinds for a damaged file
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise DocumentError(_("the PDF is encrypted: save it without a password")) from error
        raise DocumentError(_("not a valid PDF file: it may be damaged (save it again)")) from error
    with document:
        if count > MAX_PAGES:
            raise DocumentError(
                _("%(count)s pages: a press release has at most %(limit)s")
                % {"count": count, "limit": MAX_PAGES}
            )
        try:
            pages = [read_page(page) for page in document.pages]
        except Exception as error:
            raise DocumentError(_("not a valid PDF file: it may be damaged (save it again)")) from error
        meta = properties(document)
    text = "".join(word.text for page in pages for line in page.lines for word in line.words)
    if not text.strip():
        raise DocumentError(
            _(
                "this PDF has no text (a scan?): run it through text recognition (OCR), "
                "or copy its text into a Word or text file"
            )
        )
    if text.count("(cid:") * 6 > len(text) / 2:
        raise DocumentError(
            _(
                "this PDF's text cannot be read (its fonts do not say which letters they draw): "
                "copy its text into a Word or text file"
            )
        )
    drop_running_lines(pages)
    markdown, positions = write_markdown(pages)
    return SourceText(markdown=markdown, format="pdf", meta=meta, positions=positions)
