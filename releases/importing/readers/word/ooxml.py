"""Reading WordprocessingML (the XML inside a .docx): its namespaces, on/off and number
properties, the descendant at a path, and the children of one kind, also those set inside
content controls (`w:sdt`) or custom XML (`w:customXml`)."""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
FALSE_VALUES = {"0", "false", "off", "none"}


def on(element, default=True) -> bool | None:
    """A Word on/off property (`<w:b/>`, `<w:b w:val="0"/>`); None when it is not set."""
    if element is None:
        return None
    value = element.get(W + "val")
    return default if value is None else value.lower() not in FALSE_VALUES


def integer(element, name: str) -> int | None:
    """A whole-number attribute (`w:val="2"`, `w:after="120"`); None when absent or not a number."""
    if element is None:
        return None
    try:
        return int(float(element.get(W + name)))
    except (TypeError, ValueError):
        return None


twips = integer  # spacing is written in twentieths of a point


def descendant(element, *names: str):
    """The descendant at w:name/w:name…, or None (also when `element` is None)."""
    for name in names:
        if element is None:
            return None
        element = element.find(W + name)
    return element


def value(element) -> str | None:
    """An element's `w:val`, or None."""
    return element.get(W + "val") if element is not None else None


def children(container, *names: str):
    """The children named w:name (paragraphs and tables of a body, rows of a table, cells of a
    row), in order, also those a content control (`w:sdt`) or custom XML wraps."""
    tags = {W + name for name in names}
    for child in container.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in {W + "sdt", W + "customXml"}:
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from children(content, *names)
