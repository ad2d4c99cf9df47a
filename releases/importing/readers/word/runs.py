"""Inside a paragraph: runs of text with their bold and italics (set directly, by a character
style, by the paragraph's style or the document's defaults), hyperlinks (also those Word writes
as HYPERLINK fields, which may run across paragraphs), manual line breaks and tabs, and the
text boxes a drawing holds. Tracked deletions, hidden text and fields' codes are left out."""

import re
from dataclasses import dataclass

from releases.importing.readers.word.ooxml import MC, R, W, on
from releases.importing.readers.word.styles import StyleSheet

INLINE_CONTAINERS = {W + "ins", W + "moveTo", W + "smartTag", W + "customXml", W + "dir", W + "bdo"}
HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+(?:\\[a-z]\s+)*"?([^"\s]+)"?', re.I)


@dataclass
class Piece:
    text: str
    bold: bool
    italic: bool
    url: str = ""


class RunReader:
    """Reads a paragraph's runs into Pieces; keeps the Word fields open (HYPERLINK "…" and
    others), which may run from one paragraph into the next."""

    def __init__(self, part, styles: StyleSheet):
        self.part = part
        self.styles = styles
        self.fields: list[dict] = []  # Word fields open (HYPERLINK "…" and others), innermost last

    def inline(self, container, pieces, text_boxes, style_bold, style_italic, url) -> None:
        for child in container.iterchildren():
            tag = child.tag
            if tag == W + "r":
                self.run(child, pieces, text_boxes, style_bold, style_italic, url)
            elif tag == W + "hyperlink":
                target = self.link_target(child) or url
                self.inline(child, pieces, text_boxes, style_bold, style_italic, target)
            elif tag == W + "fldSimple":
                found = HYPERLINK_FIELD.match(child.get(W + "instr") or "")
                self.inline(child, pieces, text_boxes, style_bold, style_italic, found[1] if found else url)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.inline(content, pieces, text_boxes, style_bold, style_italic, url)
            elif tag in INLINE_CONTAINERS:
                self.inline(child, pieces, text_boxes, style_bold, style_italic, url)
            # w:del, w:moveFrom (tracked deletions), bookmarks, comments, proofing marks: nothing to read

    def link_target(self, hyperlink) -> str:
        relationship = hyperlink.get(R + "id")
        if relationship and relationship in self.part.rels:
            rel = self.part.rels[relationship]
            if rel.is_external:
                anchor = hyperlink.get(W + "anchor")
                return rel.target_ref + (f"#{anchor}" if anchor else "")
        return ""

    def run(self, run, pieces, text_boxes, style_bold, style_italic, url) -> None:
        properties = run.find(W + "rPr")
        character_style = ""
        direct = {}
        if properties is not None:
            style = properties.find(W + "rStyle")
            character_style = (style.get(W + "val") or "") if style is not None else ""
            for name, tag in (("bold", "b"), ("italic", "i"), ("hidden", "vanish")):
                direct[name] = on(properties.find(W + tag))

        def effective(name, paragraph_value):
            for setting in (
                direct.get(name),
                self.styles.style_value(character_style, name),
                paragraph_value,
            ):
                if setting is not None:
                    return setting
            return bool(getattr(self.styles.defaults, name, None))

        if effective("hidden", None):
            return
        bold, italic = effective("bold", style_bold), effective("italic", style_italic)
        for child in run.iterchildren():
            tag = child.tag
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    self.fields.append({"code": "", "url": "", "result": False})
                elif kind == "separate" and self.fields:
                    found = HYPERLINK_FIELD.match(self.fields[-1]["code"])
                    self.fields[-1].update(result=True, url=found[1] if found else "")
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag == W + "instrText":
                if self.fields:
                    self.fields[-1]["code"] += child.text or ""
                continue
            if self.fields and not self.fields[-1]["result"]:
                continue  # a field's code, not its text
            text = self.run_text(child, text_boxes)
            if text:
                field_url = next((field["url"] for field in reversed(self.fields) if field["url"]), "")
                pieces.append(Piece(text, bold, italic, field_url or url))

    def run_text(self, child, text_boxes) -> str:
        tag = child.tag
        if tag == W + "t":
            return child.text or ""
        if tag in {W + "tab", W + "ptab"}:
            return " "
        if tag == W + "br":
            return "\n" if child.get(W + "type", "textWrapping") == "textWrapping" else ""
        if tag == W + "cr":
            return "\n"
        if tag == W + "noBreakHyphen":
            return "-"
        if tag in {W + "drawing", W + "pict", MC + "AlternateContent"}:
            text_boxes.extend(self.text_boxes_in(child))
        return ""

    def text_boxes_in(self, element) -> list:
        """The text boxes a drawing holds; of Word's two versions of one (mc:Choice, mc:Fallback), one."""
        found = []
        for child in element.iterchildren():
            if not isinstance(child.tag, str) or child.tag == MC + "Fallback":
                continue
            if child.tag == W + "txbxContent":
                found.append(child)
            else:
                found.extend(self.text_boxes_in(child))
        return found
