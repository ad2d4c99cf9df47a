"""HTML as Markdown: trafilatura's tree (a `<br>` kept as a new line of its paragraph), and any
element of the page (paragraphs and headings, other blocks and `<br>` new lines, bold `**…**`,
links `[text](url)`, list items `- `)."""

import re
from copy import deepcopy

from releases.importing.readers import emphasis, escape_inline, escape_line_start, markdown_link

LINE_BREAK = "\u2e3b\u2e3b"  # stands for a <br> while trafilatura writes the text (which keeps it)
SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select",
                "nav", "object", "embed", "canvas", "head", "title", "meta", "link"}  # fmt: skip
BLOCK_TAGS = {"p", "div", "address", "li", "dt", "dd", "tr", "td", "th", "section", "article", "aside",
              "blockquote", "table", "ul", "ol", "dl", "figure", "figcaption", "header", "footer", "pre",
              "main", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "tbody", "thead"}  # fmt: skip
PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "address", "blockquote", "table", "ul", "ol", "dl"}


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
