"""Markdown written by editors, rendered to HTML that is safe to show the public."""

import markdown
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i", "img", "li",
    "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "td": {"align"},
    "th": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text: str, *, inline: bool = False) -> str:
    """Markdown to sanitised HTML: no scripts, no styles, no event handlers, safe links only.

    With `inline`, one paragraph's content without its <p>, for a lead set in its own paragraph.
    """
    html = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
