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
"""

import re
from copy import deepcopy
from datetime import date, datetime

from django.utils.translation import gettext as _

from releases.importing.errors import DocumentError
from releases.importing.readers import SourceText, emphasis, escape_inline, escape_line_start, markdown_link

LINE_BREAK = "\u2e3b\u2e3b"  # stands for a <br> while trafilatura writes the text (which keeps it)
DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I
)
# What browsers read a page declared as these in (the WHATWG Encoding Standard's labels).
BROWSER_ENCODINGS = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252",
                     "us-ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252"}  # fmt: skip
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A phone number: international ("+49 721 555 0142"), or after a label ("Tel. 06 9772 6000"); a
# date ("09/10/2018") or a figure is neither.
PHONE = re.compile(
    r"\+\d[\d\u00a0 ().\-/]{6,}\d"
    r"|(?i:tel|tél|phone|telefon|telefono|téléphone|fax|mobile?|mob|cell|handy|tlf|móvil|cellulare)"
    r"[.:]?\s*[:.]?\s*\(?\d[\d\u00a0 ().\-/]{5,}\d"
)
SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select",
                "nav", "object", "embed", "canvas", "head", "title", "meta", "link"}  # fmt: skip
BOILERPLATE = re.compile(
    r"(?i)\b(?:nav|menu|breadcrumbs?|cookies?|share|social|newsletter|skip|site-footer)\b"
)
BLOCK_TAGS = {"p", "div", "address", "li", "dt", "dd", "tr", "td", "th", "section", "article", "aside",
              "blockquote", "table", "ul", "ol", "dl", "figure", "figcaption", "header", "footer", "pre",
              "main", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "tbody", "thead"}  # fmt: skip
PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "address", "blockquote", "table", "ul", "ol", "dl"}
MAX_HEADER_BLOCK = 300  # characters: a label, a headline, a date line above the article's body
MAX_CONTACT_BLOCK = 800  # characters: a contact block is short; a longer ancestor is the article


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


def decode(data: bytes) -> str:
    for mark, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(mark):
            return data.decode(codec, errors="replace")
    if b"\x00" in data:
        raise DocumentError(_("this is not a web page: it holds binary data"))
    declared = DECLARED_CHARSET.search(data[:4096])
    if declared:
        label = (declared.group(1) or declared.group(2)).decode("ascii").lower()
        codec = BROWSER_ENCODINGS.get(label, label)
        if codec.startswith(("utf-16", "utf-32", "utf16", "utf32")):
            codec = "utf-8"  # a page that can declare it in ASCII is not UTF-16 (as browsers reason)
        try:
            return data.decode(codec, errors="replace")
        except LookupError:
            pass  # a charset Python does not know: read as an undeclared page
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def body_markdown(body) -> str:
    """trafilatura's tree as Markdown, a <br> kept as a line break inside its paragraph."""
    from trafilatura.xml import xmltotxt

    body = deepcopy(body)
    for line_break in list(body.iter("lb")):
        parent, previous = line_break.getparent(), line_break.getprevious()
        added = LINE_BREAK + (line_break.tail or "")
        if previous is not None:
            previous.tail = (previous.tail or "") + added
        else:
            parent.text = (parent.text or "") + added
        parent.remove(line_break)
    text = xmltotxt(body, include_formatting=True) or ""
    parts = re.split(rf"[ \t]*{LINE_BREAK}[ \t]*", text)
    return parts[0] + "".join("\n" + escape_line_start(part) for part in parts[1:])


def main_part(page):
    """The page's main part: <main> (or role=main), else its <body>, without the site's menus."""
    found = page.xpath("//main | //*[@role='main']")
    region = deepcopy(found[0] if found else page.find("body") if page.find("body") is not None else page)
    for element in list(region.iter()):
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in SKIPPED_TAGS or element.get("role") in {"navigation", "banner", "contentinfo", "search"}:
            drop(element)
        elif tag in {"header", "footer"} and not element.xpath(
            "ancestor::article|ancestor::main|ancestor::section"
        ):
            drop(element)  # the site's header and footer, not an article's
        elif BOILERPLATE.search(f"{element.get('class', '')} {element.get('id', '')}"):
            drop(element)
    return region


def drop(element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def facts_in(element) -> set[str]:
    """The e-mail addresses and phone numbers (their digits) an element shows or links to."""
    text = " ".join(element.itertext())
    for link in element.iter("a"):
        text += " " + (link.get("href") or "").removeprefix("mailto:").removeprefix("tel:")
    found = {address.lower() for address in EMAIL.findall(text)}
    found |= {
        re.sub(r"\D", "", number) for number in PHONE.findall(text) if len(re.sub(r"\D", "", number)) >= 8
    }
    return found


def first_text(body) -> str:
    """The text of the extracted body's first paragraph."""
    for element in body.iter("p", "head", "item", "quote"):
        if text := plain(" ".join(element.itertext())):
            return text
    return ""


def plain(text: str) -> str:
    """Text to compare, without Markdown's marks or differences of case and spacing."""
    return " ".join(re.sub(r"[#*_`\\\[\]]", " ", text).split()).lower()


def with_header(markdown: str, first: str, extracted_text: str, region) -> str:
    """The text, with the article's short blocks above its body (a label, the headline, the date,
    a release number) that extraction left out put back at its start."""
    anchor = first[:40]
    if len(anchor) < 20:
        return markdown
    holders = [
        element
        for element in region.iter()
        if isinstance(element.tag, str) and plain(" ".join(element.itertext())).startswith(anchor)
    ]
    if not holders:
        return markdown
    holder = holders[-1]  # the innermost: its own paragraph, not the article that starts with it
    scope = next((ancestor for ancestor in holder.iterancestors() if ancestor.tag == "article"), region)
    paragraphs = element_markdown(scope)
    start = next(
        (index for index, lines in enumerate(paragraphs) if plain(" ".join(lines)).startswith(anchor)), 0
    )
    kept = plain(extracted_text)
    header = [
        lines
        for lines in paragraphs[:start]
        if len(" ".join(lines)) <= MAX_HEADER_BLOCK and plain(" ".join(lines)) not in kept
    ]
    return "".join("\n".join(lines) + "\n\n" for lines in header) + markdown


def with_contacts(markdown: str, extracted_text: str, region) -> str:
    """The text, with the page's contact blocks that extraction left out added at its end."""
    digits = re.sub(r"\D", "", markdown)
    lowered = markdown.lower()
    missing = {fact for fact in facts_in(region) if fact not in (digits if fact.isdigit() else lowered)}
    if not missing:
        return markdown
    extracted = " ".join(extracted_text.split()).lower()
    blocks = []
    for element in region.iter():
        if not isinstance(element.tag, str) or not (own_facts(element) & missing):
            continue
        holder = element
        while holder.tag.lower() not in BLOCK_TAGS and holder.getparent() is not None:
            holder = holder.getparent()
        if any(is_inside(holder, block) for block in blocks):
            continue
        block = contact_block(holder, region, extracted)
        blocks = [kept for kept in blocks if not is_inside(kept, block)] + [block]
    added = []
    for block in blocks:
        heading = block.getprevious()
        if heading is not None and heading_text(heading) and heading_text(heading).lower() not in lowered:
            added.extend(element_markdown(heading))
        added.extend(element_markdown(block))
    return markdown.rstrip() + "".join("\n\n" + "\n".join(lines) for lines in added if lines)


def own_facts(element) -> set[str]:
    """The e-mail addresses and phone numbers in an element's own text (not its children's)."""
    text = (element.text or "") + " " + " ".join(child.tail or "" for child in element)
    if element.tag == "a":
        text += " " + "".join(element.itertext())
    href = (element.get("href") or "").removeprefix("mailto:").removeprefix("tel:")
    found = {address.lower() for address in EMAIL.findall(f"{text} {href}")}
    numbers = {re.sub(r"\D", "", number) for number in PHONE.findall(f"{text} {href}")}
    return found | {number for number in numbers if len(number) >= 8}


def contact_block(block, region, extracted: str):
    """The largest block around a contact's details that is short and holds nothing extracted."""
    while block.getparent() is not None and block.getparent() is not region:
        parent = block.getparent()
        if len(" ".join("".join(parent.itertext()).split())) > MAX_CONTACT_BLOCK:
            break
        others = [parent.text or ""] + [
            "".join(child.itertext()) + (child.tail or "") for child in parent if child is not block
        ]
        if any(
            len(text) >= 20 and text in extracted for text in (" ".join(o.split()).lower() for o in others)
        ):
            break  # the parent holds text extraction kept: the article, not a contact block
        block = parent
    return block


def is_inside(element, ancestor) -> bool:
    while element is not None:
        if element is ancestor:
            return True
        element = element.getparent()
    return False


def heading_text(element) -> str:
    """A heading's text ("Contacts presse") when the element is one (or a short bold line)."""
    if not isinstance(element.tag, str):
        return ""
    text = " ".join("".join(element.itertext()).split())
    if element.tag.lower() in {"h1", "h2", "h3", "h4", "h5", "h6"}:
        return text
    bold = element.find(".//strong") if element.find(".//strong") is not None else element.find(".//b")
    if bold is not None and len(text) <= 60 and " ".join("".join(bold.itertext()).split()) == text:
        return text
    return ""


def element_markdown(element) -> list[list[str]]:
    """An element's text as Markdown paragraphs (lists of lines): <p> and headings paragraphs,
    other blocks and <br> new lines, bold `**…**`, links `[text](url)`, list items `- `."""
    paragraphs: list[list[str]] = [[]]
    line: list[str] = []
    marker = [""]  # "- " while a list item's first line is being written

    def end_line():
        text = " ".join("".join(line).split())
        if text:
            paragraphs[-1].append(marker[0] + escape_line_start(text))
            marker[0] = ""
        line.clear()

    def end_paragraph():
        end_line()
        if paragraphs[-1]:
            paragraphs.append([])

    def text_of(node) -> str:
        return " ".join("".join(node.itertext()).split())

    def walk(node, bold=False):
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag and tag not in SKIPPED_TAGS:
            if tag in PARAGRAPH_TAGS:
                end_paragraph()
            elif tag in BLOCK_TAGS or tag == "br":
                end_line()
            if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                if text := text_of(node):
                    paragraphs[-1].append("#" * int(tag[1]) + " " + escape_inline(text))
            elif tag == "a" and (node.get("href") or "").strip():
                shown = text_of(node)
                line.append(
                    markdown_link(
                        emphasis(escape_inline(shown), "**" if bold else ""), node.get("href"), shown
                    )
                )
            elif (
                tag in {"strong", "b"}
                and not bold
                and node.find(".//a") is None
                and node.find(".//br") is None
            ):
                line.append(emphasis(escape_inline(text_of(node)), "**"))
            else:
                if tag == "li":
                    end_line()
                    marker[0] = "- "
                line.append(escape_inline(node.text or ""))
                for child in node:
                    walk(child, bold or tag in {"strong", "b"})
            if tag in PARAGRAPH_TAGS:
                end_paragraph()
            elif tag in BLOCK_TAGS:
                end_line()
        if node.tail:
            line.append(escape_inline(node.tail))

    walk(element)
    end_paragraph()
    return [paragraph for paragraph in paragraphs if paragraph]


def page_meta(page, extracted) -> dict:
    meta = {}
    if extracted is not None:
        for name, key in (("title", "title"), ("sitename", "site_name"), ("author", "author"),
                          ("url", "url"), ("description", "description")):  # fmt: skip
            value = " ".join(str(getattr(extracted, name, None) or "").split())
            if value:
                meta[key] = value
        when = str(getattr(extracted, "date", None) or "")
        try:
            meta["date"] = (
                datetime.fromisoformat(when).date() if "T" in when else date.fromisoformat(when[:10])
            )
        except ValueError:
            pass  # no date, or one trafilatura could not read
    if "title" not in meta and (title := " ".join((page.findtext(".//title") or "").split())):
        meta["title"] = title
    if meta.get("url") and not re.match(r"(?i)^https?://", meta["url"]):
        del meta["url"]
    declared = (
        page.xpath("/html/@lang | /html/@xml:lang")
        + page.xpath(
            "//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')='content-language']/@content"
        )
        + page.xpath("//meta[@property='og:locale']/@content")
    )
    for value in declared:
        code = re.split(r"[-_]", str(value).strip(), maxsplit=1)[0].lower()
        if re.fullmatch(r"[a-z]{2}", code):
            meta["language"] = code
            break
    return meta


def with_title(markdown: str, title: str) -> str:
    """The text with the page's title as a `# ` line: kept where the text has it (under a label
    such as "Press release"), made level 1 where the text has it as a lower heading or a plain
    first line, else added as the first line."""
    if not title:
        return markdown
    lines = markdown.split("\n")
    if any(line.startswith("# ") for line in lines):
        return markdown

    heading = "# " + escape_inline(title)
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    for index, line in enumerate(lines):
        if plain(line) == plain(title) and (line.startswith("#") or index == first):
            lines[index] = heading
            return "\n".join(lines)
    return heading + "\n\n" + markdown


def page_title(title: str, site_name: str, page) -> str:
    """The release's title: the article's own <h1> when the page's title is it with the site's
    name added ("… - NASA", "… | Flussamt"), else the page's title without that name."""
    headings = page.xpath("//main//h1 | //article//h1") or page.xpath("//h1")
    texts = {" ".join("".join(heading.itertext()).split()) for heading in headings}
    texts.discard("")
    if len(texts) == 1:
        (heading,) = texts
        if heading.lower() in title.lower():
            return heading
    for separator in (" - ", " | ", " – ", " — ", " :: ", " · "):
        if site_name and title.lower().endswith((separator + site_name).lower()):
            return title[: -len(separator + site_name)].strip()
    return title
