"""A line of a contacts block read into its parts: text, then numbers and e-mails with their labels.

List markers, table rows, Markdown links and written-out addresses ("name [at] agency.org")
are put out of the way first. A line that is no contact says what it is instead: a "rule"
("---"), a "link", a "note" ("Follow CNES on X: @CNES") or "prose" (a sentence).
"""

import re
from dataclasses import dataclass, field
from email.utils import parseaddr

from releases.importing.contacts.details import (
    DETAIL_KINDS,
    EMAIL,
    EMAIL_LABEL,
    NAMED_ADDRESS,
    NUMBER_KINDS,
    NUMBER_LABEL,
    RANGE,
    SHORTHAND,
    URL,
    numbers_in,
    shorten,
)
from releases.importing.text import LINK, fold, plain

SEPARATORS = " \t,;:：|–—-/.·•*_"
TABLE_HEADER_WORDS = {fold(word) for word in (
    "name", "nom", "name", "nome", "nombre", "naam", "phone", "telephone", "téléphone", "telefon", "telefono",
    "teléfono", "tel", "tél", "e-mail", "email", "courriel", "mobile", "mobil", "role", "title", "fonction",
    "funktion", "contact", "kontakt", "contatto", "contacto", "fax",
)}  # fmt: skip


@dataclass
class Item:
    kind: str  # "text", "phone", "mobile", "fax", "email", "link"
    value: str
    labelled: bool = True


@dataclass
class Line:
    """One line of a contacts block, read: its text parts and its details in order, or what the
    whole line is when it is no contact ("rule", "note", "link", "prose")."""

    number: int
    written: str
    items: list[Item] = field(default_factory=list)
    whole: str = ""

    def details(self) -> list[Item]:
        return [item for item in self.items if item.kind in DETAIL_KINDS]

    def texts(self) -> list[str]:
        return [item.value for item in self.items if item.kind == "text"]


def normalise(text: str) -> str:
    """List markers, table pipes, Markdown links and obfuscated addresses out of the way."""
    text = plain(text).strip()
    text = re.sub(r"^(?:[-*+•]\s+|\d+[.)]\s+)", "", text)  # "- Name", "* Name", "1. Name"
    if text.startswith("|"):  # a Markdown table row; its header row ("| Name | Phone |") is none
        cells = [cell.strip() for cell in text.strip("|").split("|")]
        if all(fold(cell) in TABLE_HEADER_WORDS for cell in cells if cell):
            return "---"
        text = " | ".join(cells)
    text = re.sub(r"\s*[\[(]\s*(?:at|arobase)\s*[\])]\s*", "@", text)  # "name [at] agency.org"
    text = re.sub(r"\s*[\[(]\s*(?:dot|point)\s*[\])]\s*", ".", text)
    text = text.replace("\u3000", " ").replace("\u00a0", " ")

    def link(match):  # "[Alain Delrieu](mailto:…)": the name, then the address
        label, url = match["text"].strip(), match["url"]
        if url.lower().startswith("mailto:"):
            address = url[7:].split("?")[0]
            return address if "@" in label or not label else f"{label} | {address}"
        return label if label and not URL.fullmatch(label) else url

    return LINK.sub(link, text).replace("**", "").strip()


def read_line(text: str, number: int = 0, region: str = "") -> Line:
    """A line of a contacts block as its parts: text, then numbers and e-mails with their labels."""
    line = Line(number=number, written=text)
    text = normalise(text)
    if not any(c.isalnum() for c in text):
        line.whole = "rule"  # "---", "|---|---|": a separator, not a contact
        return line
    spans = []  # (start, end, Item)
    for match in NAMED_ADDRESS.finditer(text):
        name, address = parseaddr(match.group())
        if EMAIL.fullmatch(address):
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            if name.strip():
                spans.append(
                    (start, start + len(match.group().strip().split("<")[0]), Item("text", name.strip()))
                )
            spans.append((match.start() + match.group().index("<"), match.end(), Item("email", address)))
    for match in EMAIL.finditer(text):
        if not any(s <= match.start() < e for s, e, _ in spans):
            spans.append((match.start(), match.end(), Item("email", match["email"])))
    for match in URL.finditer(text):
        if not any(s < match.end() and match.start() < e for s, e, _ in spans):
            spans.append((match.start(), match.end(), Item("link", match.group().rstrip(".,;"))))
    masked = text
    for start, end, _item in spans:
        masked = masked[:start] + " " * (end - start) + masked[end:]
    taken = 0  # where the last number (with its range) ended
    for start, end, written in numbers_in(masked, region):
        if start < taken:
            continue  # "4415" of "… 4410 to 4415": part of the range
        after = masked[end:]
        if range_match := RANGE.match(after):  # "+49 2203 601-4410 to 4415": kept as written
            written, end = written + range_match.group(), end + range_match.end()
            spans.append((start, end, Item("phone", written)))
        elif shorthand := SHORTHAND.match(after):  # "202-555-0142/0157": two numbers
            tail = shorthand["tail"]
            spans.append((start, end, Item("phone", written)))
            end += shorthand.end()
            spans.append((end - shorthand.end(), end, Item("phone", shorten(written, tail), False)))
        else:
            spans.append((start, end, Item("phone", written)))
        taken = end
    spans.sort(key=lambda span: span[0])

    position, kind_before = 0, None
    for start, end, item in spans:
        before = text[position:start]
        if item.kind == "phone" and before.strip(SEPARATORS) and item.labelled:
            if label := NUMBER_LABEL.search(before):
                item.kind, kind_before = NUMBER_KINDS.get(fold(label["label"]), "phone"), None
                before = before[: label.start()]
                kind_before = item.kind
            else:
                item.labelled, kind_before = False, None
        elif item.kind == "phone" and item.labelled:
            # "Tel. 01 … / 06 …": a number after a labelled one, with no label of its own
            if kind_before and kind_before != "phone":
                item.kind = kind_before
            item.labelled = bool(kind_before) and kind_before != "phone"
            if not kind_before:
                item.labelled = False
        elif item.kind == "phone":
            item.kind = kind_before or "phone"
        elif item.kind == "email" and (label := EMAIL_LABEL.search(before)):
            before = before[: label.start()]
        add_text(line, before)
        line.items.append(item)
        position = end
    add_text(line, text[position:], last=True)

    if not line.details():
        links = [item for item in line.items if item.kind == "link"]
        rest = " ".join(line.texts())
        if links and not rest:
            line.whole = "link"
        elif len(text) > 80:
            line.whole = "prose"
        elif links or re.search(r"(?:^|\s)@\w", text) or (":" in text and not re.search(r"[:：]\s*$", text)):
            line.whole = "note"  # "Follow CNES on X: @CNES", "Press room: www.cnes.fr"
    return line


def add_text(line: Line, text: str, last: bool = False) -> None:
    """A text part of a line; a final "." stays after an abbreviation ("Pasadena, Calif.")."""
    abbreviation = last and re.search(r"(?:^|[\s,])[A-Z][a-z]{0,4}\.$", text.rstrip())
    text = text.strip(SEPARATORS)
    if text.count("(") != text.count(")"):
        text = text.strip("()")
    if abbreviation:
        text += "."
    text = re.sub(
        r"(?i)^(?:t[ée]l[ée]?(?:phone|fon|efono)?|phone|e-?mail|courriel|fax)\s*[:：.]?\s*$", "", text
    )
    if text and any(c.isalnum() for c in text):
        line.items.append(Item("text", text.strip()))
