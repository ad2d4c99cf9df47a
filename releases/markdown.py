"""Markdown written by editors, rendered to HTML that is safe to show the public.

CommonMark (markdown-it-py, with tables and strikethrough), then nh3. Both run in time linear
in the text's length, and markdown-it-py stops nesting at MAX_NESTING, so no body can make a
save recurse or stall: `bench/markdown.py` measures it. Raw HTML in Markdown is shown as text.
Release.clean() refuses what would not render whole: a text over its limit, blocks nested
deeper than MAX_NESTING.
"""

import nh3
from markdown_it import MarkdownIt

# The longest body and lead an editor may save (Release.clean(): the admin shows a form error,
# the importer a failed line). 50,000 characters is some 8,000 words, five times a long press
# release. Rendering costs about 0.7 µs a character for ordinary text (35 ms at the limit) and
# at worst 11 µs (thousands of unclosed "![": under 0.6 s at the limit; bench/markdown.py).
MAX_BODY_CHARS = 50_000
MAX_LEAD_CHARS = 5_000

# How deep blocks (lists, quotations) and inline markup (links, emphasis) may nest. A nested
# list takes two levels (the list and its item), so lists nest nine deep, quotations nineteen.
# markdown-it-py leaves out everything from a block nested deeper to the end of its container
# (too_deep() tells, so that it is refused before); deeper inline markup shows as text.
MAX_NESTING = 20
MAX_LIST_DEPTH = MAX_NESTING // 2 - 1

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i", "img", "li",
    "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "td": {"align"},
    "th": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

OPTIONS = {
    "html": False,  # raw HTML shows as the text written
    "linkify": False,  # a bare address stays text; <https://…> is a link
    "typographer": False,
    "xhtmlOut": False,
    "maxNesting": MAX_NESTING,
}
PARSER = MarkdownIt("commonmark", OPTIONS).enable(["table", "strikethrough"])
BLOCKS = MarkdownIt("commonmark", OPTIONS).enable(["table"]).disable("inline")  # the block structure only
TEXT_ALIGN = {f"text-align:{side}": side for side in ["left", "center", "right"]}


def too_deep(text: str) -> bool:
    """Whether lists or quotations nest deeper than the parser goes (it would leave out the rest).

    A quotation or list item opened at the last level has its content parsed one level deeper,
    which the parser refuses. Only the blocks are parsed: a small part of rendering's cost."""
    return any(
        token.type in {"blockquote_open", "list_item_open"} and token.level >= MAX_NESTING - 1
        for token in BLOCKS.parse(text or "")
    )


def render_markdown(text: str, *, inline: bool = False) -> str:
    """Markdown to sanitised HTML: no scripts, no styles, no event handlers, safe links only.

    With `inline`, one paragraph's content without its <p>, for a lead set in its own paragraph.
    """
    tokens = PARSER.parse(text or "")
    for token in tokens:
        if token.type in {"th_open", "td_open"} and (side := TEXT_ALIGN.get(token.attrGet("style"))):
            token.attrs = {"align": side}  # a column's alignment, which nh3 keeps (it drops styles)
    html = PARSER.renderer.render(tokens, PARSER.options, {}).removesuffix("\n")
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
