"""Sanitised HTML as a small tree, to mark quotes up without breaking a tag.

Reads the lead's and body's HTML as nh3 writes it (releases/markdown.py): tags with
double-quoted attributes, and text. `parse()` gives a tree (None for anything else, then shown
untouched), `index()` its text with where each node's text starts and ends in it, `wrap()` puts
a range of that text inside a new element (splitting an <em> or a link it starts inside), and
`serialize()` writes it back: the document's own markup as it was, new text escaped.
"""

import html
import re

# Tags nh3 lets through (releases/markdown.py ALLOWED_TAGS) that hold paragraphs of text.
BLOCKS = {"p", "li", "td", "th", "h2", "h3", "h4", "pre", "blockquote", "ul", "ol", "table", "thead",
          "tbody", "tr", "hr"}  # fmt: skip
TEXT_BLOCKS = {"p", "li", "td", "th", "h2", "h3", "h4", "pre"}
VOID = {"br", "hr", "img"}
# sanitised HTML: tags with double-quoted attributes (nh3 writes no other kind), and text
TOKEN = re.compile(r'<(/?)([a-z][a-z0-9]*)((?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*)\s*/?>|([^<]+)')


class Text:
    __slots__ = ("raw", "text", "start", "parent")

    def __init__(self, raw: str, text: str | None = None):
        self.raw = raw  # as written in the HTML: escaped
        self.text = html.unescape(raw) if text is None else text
        self.start = 0
        self.parent = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class Element:
    __slots__ = ("tag", "attrs", "children", "start", "end", "parent")

    def __init__(self, tag: str, attrs: str = "", children=None):
        self.tag = tag
        self.attrs = attrs  # as written: ' href="…"', escaped
        self.children = []
        self.start = self.end = 0
        self.parent = None
        for child in children or []:
            self.append(child)

    def append(self, child):
        child.parent = self
        self.children.append(child)

    def set_children(self, children):
        self.children = []
        for child in children:
            self.append(child)


def parse(markup: str) -> Element | None:
    """A tree of sanitised HTML; None for anything else (then it is shown untouched)."""
    root = stack_top = Element("")
    stack = [root]
    position = 0
    for match in TOKEN.finditer(markup):
        if match.start() != position:
            return None
        position = match.end()
        if match[4] is not None:
            stack_top.append(Text(match[4]))
            continue
        closing, tag, attrs = match[1], match[2], match[3]
        if closing:
            if len(stack) == 1 or stack_top.tag != tag:
                return None
            stack.pop()
        else:
            element = Element(tag, attrs)
            stack_top.append(element)
            if tag not in VOID:
                stack.append(element)
        stack_top = stack[-1]
    if position != len(markup) or len(stack) != 1:
        return None
    return root


def index(root: Element) -> str:
    """The text of the tree, with where each node's text starts and ends in it; blocks and
    line breaks are set apart by a newline."""
    parts: list[str] = []
    position = 0

    def walk(node: Element):
        nonlocal position
        for child in node.children:
            if isinstance(child, Text):
                child.start = position
                parts.append(child.text)
                position += len(child.text)
                continue
            block = child.tag in BLOCKS
            if block:
                parts.append("\n")
                position += 1
            child.start = position
            if child.tag == "br":
                parts.append("\n")
                position += 1
            walk(child)
            child.end = position
            if block:
                parts.append("\n")
                position += 1

    walk(root)
    root.start, root.end = 0, position
    return "".join(parts)


def serialize(node: Element, out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, Text):
            out.append(child.raw)
        else:
            out.append(f"<{child.tag}{child.attrs}>")
            if child.tag not in VOID:
                serialize(child, out)
                out.append(f"</{child.tag}>")


def split_at(element: Element, offset: int) -> int:
    """Make `offset` (in the text) fall between two children of `element`, splitting the text
    or inline element that straddles it; the index of the child that starts there."""
    for position, child in enumerate(element.children):
        if offset <= child.start:
            return position
        if offset < child.end:
            if isinstance(child, Text):
                cut = offset - child.start
                left, right = (
                    Text(escape(child.text[:cut]), child.text[:cut]),
                    Text(escape(child.text[cut:]), child.text[cut:]),
                )
                left.start, right.start = child.start, offset
            else:
                inner = split_at(child, offset)
                left = Element(child.tag, child.attrs, child.children[:inner])
                right = Element(child.tag, child.attrs, child.children[inner:])
                left.start, left.end, right.start, right.end = child.start, offset, offset, child.end
            element.children[position : position + 1] = [left, right]
            left.parent = right.parent = element
            return position + 1
    return len(element.children)


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def wrap(element: Element, start: int, end: int, wrapper: Element) -> Element:
    """Put what lies between `start` and `end` of `element`'s text inside `wrapper`."""
    first = split_at(element, start)
    last = split_at(element, end)
    wrapper.set_children(element.children[first:last])
    wrapper.start, wrapper.end = start, end
    wrapper.parent = element
    element.children[first:last] = [wrapper]
    return wrapper


def texts_in(node: Element):
    for child in node.children:
        if isinstance(child, Text):
            yield child
        else:
            yield from texts_in(child)


def block_of(node) -> Element:
    node = node.parent
    while node.tag and node.tag not in TEXT_BLOCKS and node.tag != "blockquote":
        node = node.parent
    return node


def inside(node, tags: set[str], stop: Element) -> bool:
    node = node.parent
    while node is not None and node is not stop:
        if node.tag in tags:
            return True
        node = node.parent
    return False
