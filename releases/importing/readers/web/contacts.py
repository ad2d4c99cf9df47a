"""Press contacts extraction took for boilerplate (a block of short `<div>`s, an `<aside>`
beside the article), found by their e-mail addresses and phone numbers in the page's main part
and added at the end of the text."""

import re

from releases.importing.readers.web.markdown import BLOCK_TAGS, element_markdown

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A phone number: international ("+49 721 555 0142"), or after a label ("Tel. 06 9772 6000"); a
# date ("09/10/2018") or a figure is neither.
PHONE = re.compile(
    r"\+\d[\d\u00a0 ().\-/]{6,}\d"
    r"|(?i:tel|tél|phone|telefon|telefono|téléphone|fax|mobile?|mob|cell|handy|tlf|móvil|cellulare)"
    r"[.:]?\s*[:.]?\s*\(?\d[\d\u00a0 ().\-/]{5,}\d"
)
MAX_CONTACT_BLOCK = 800  # characters: a contact block is short; a longer ancestor is the article


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
