"""Saved web pages (.html): the article's text as Markdown and what the page says of itself.

trafilatura finds the main text (leaving out menus, footers, cookie banners) and reads the
page's metadata, schema.org JSON-LD and OpenGraph included. Its tree is written as Markdown
with one change: a `<br>` is a new line of the same paragraph (trafilatura would start a new
paragraph, and a contact block would fall apart). What trafilatura leaves out of a press
release is put back: the article's head above its body (a label, the headline, the date line,
the release number: it keeps only the body when that is a block of its own), and press
contacts (a block of short `<div>`s, an `<aside>` beside the article: it takes them for
boilerplate), found by their e-mail addresses and phone numbers in the page's main part and
added at the end. The title is the text's `# ` line, added when the text lacks it. The page is
decoded with the charset it declares; nothing in it is run or fetched.

Positions count the Markdown's paragraphs ("paragraph 12"): the page's own lines are markup.

Its parts: `decoding`, `page` (the main part, metadata, the title), `markdown` (elements and
trafilatura's tree as Markdown), `article_head` and `contacts` (what extraction left out).
"""

from django.utils.translation import gettext as _

from releases.importing.errors import DocumentError
from releases.importing.readers import SourceText
from releases.importing.readers.web.article_head import first_text, with_header, with_title
from releases.importing.readers.web.contacts import with_contacts
from releases.importing.readers.web.decoding import CONTROL, decode
from releases.importing.readers.web.markdown import body_markdown, element_markdown
from releases.importing.readers.web.page import main_part, page_meta, page_title


def read_html(data: bytes) -> SourceText:
    text = CONTROL.sub("", decode(data))  # no text holds them, and lxml refuses them in a tree
    import trafilatura
    from lxml import html as lxml_html
    from lxml.etree import LxmlError

    try:
        page = lxml_html.document_fromstring(text)
    except (LxmlError, ValueError) as error:
        raise DocumentError(_("no text found in this web page")) from error
    try:
        extracted = trafilatura.bare_extraction(
            text,
            include_formatting=True,
            include_links=True,
            include_tables=True,
            include_images=False,
            include_comments=False,
            favor_recall=True,
            with_metadata=True,
            deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # a page trafilatura cannot take apart: read its main part ourselves
        extracted = None
    markdown = body_markdown(extracted.body) if extracted is not None and extracted.body is not None else ""
    region = main_part(page)
    if markdown.strip():
        extracted_text = " ".join(extracted.body.itertext())
        markdown = with_header(markdown, first_text(extracted.body), extracted_text, region)
        markdown = with_contacts(markdown, extracted_text, region)
    else:
        markdown = "\n\n".join("\n".join(lines) for lines in element_markdown(region))
    meta = page_meta(page, extracted)
    if meta.get("title"):
        meta["title"] = page_title(meta["title"], meta.get("site_name", ""), page)
    markdown = with_title(markdown.strip(), meta.get("title", ""))
    if not markdown.strip():
        raise DocumentError(_("no text found in this web page"))
    positions, number, blank_before = [], 0, True
    for line in markdown.split("\n"):
        if line.strip() and blank_before:
            number += 1
        blank_before = not line.strip()
        positions.append(_("paragraph %(number)s") % {"number": max(number, 1)})
    return SourceText(markdown=markdown + "\n", format="html", meta=meta, positions=positions)
