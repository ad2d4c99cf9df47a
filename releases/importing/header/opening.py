"""Under the title: pictures, the label, date and embargo lines written there ("January 23,
2024", "MEDIA ADVISORY: M24-031"), a subtitle, and what opens the first paragraph: a dateline
("PARIS, Oct. 28, 2013 –"), a reference ("ESA PR 07-2009. The…") or a place ("HOUSTON –")."""

from releases.importing.header.datelines import parse_dateline, place_only_dateline
from releases.importing.header.facts import HeaderState, read_label, set_dateline, set_reference
from releases.importing.header.label_lines import read_header_line
from releases.importing.header.references import reference_opening
from releases.importing.header.titles import is_headline, is_prose
from releases.importing.model import ParsedRelease
from releases.importing.text import IMAGE, plain


def open_paragraph(paragraph: list[tuple[int, str]]):
    """The first line of a paragraph without its Markdown emphasis: (line, text, whether its
    opening was set apart in bold, how to write the line back with what follows a dateline)."""
    (number, first), *others = paragraph
    stripped = first.strip()
    close = stripped.find("**", 2) if stripped.startswith("**") else -1
    if close != -1 and stripped[close + 2 :].strip():
        # "**Edinburgh --** Three…", "**Bonn/Paris, 2. Oktober 2018** – Der…": only the opening is bold
        text = f"{stripped[2:close].strip()} {stripped[close + 2 :].strip()}"
        return number, text, True, lambda rest: (number, rest)
    bold = stripped.startswith("**")
    text = plain(first) if not others else stripped.lstrip("*")
    opening, closing = ("**", "**" if not others else "") if bold else ("", "")
    return number, text, bold, lambda rest: (number, f"{opening}{rest}{closing}")


def read_opening(parsed: ParsedRelease, state: HeaderState, paragraphs: list) -> list:
    """Under the title: pictures; the label, date and embargo lines written there ("January
    23, 2024", "MEDIA ADVISORY: M24-031", "IP/21/1187"); then what opens the first paragraph:
    a dateline ("PARIS, Oct. 28, 2013 –", "CITY, ST, Month D, YYYY /Wire/ --"), a reference
    ("ESA PR 07-2009. The…") or a place ("HOUSTON –")."""
    if state.dateline_rest:
        paragraphs.insert(0, [state.dateline_rest])
    images = []  # pictures above the lead stay first in the body
    while paragraphs and all(IMAGE.fullmatch(plain(line)) for _, line in paragraphs[0]):
        images.append(paragraphs.pop(0))
    while paragraphs and not state.dateline_rest and not is_prose(paragraphs[0]):
        if not all([read_label(parsed, state, n, text, above=False) for n, text in paragraphs[0]]):
            break
        paragraphs.pop(0)
    state.dateline_rest = None
    # The first paragraph, or the one after a subtitle ("*Joint development targets…*")
    first = 1 if len(paragraphs) > 1 and is_subtitle(paragraphs[0]) else 0
    if len(paragraphs) > first:
        paragraphs[first] = read_first_paragraph(parsed, state, list(paragraphs[first]))
        if not paragraphs[first]:
            paragraphs.pop(first)
    return images + paragraphs


def is_subtitle(paragraph: list[tuple[int, str]]) -> bool:
    """A short line under the title, before the text: "Viersitziges Versuchsflugzeug fliegt…"."""
    line = paragraph[0][1]
    if len(paragraph) != 1 or not is_headline(line) or is_prose(paragraph) or plain(line).endswith("."):
        return False
    return not read_header_line(line) and not parse_dateline(plain(line))


def read_first_paragraph(parsed: ParsedRelease, state: HeaderState, paragraph: list) -> list:
    number, text, set_apart, rewrite = open_paragraph(paragraph)
    if (dateline := parse_dateline(text, number)) and (dateline.place or parsed.dateline_date is None):
        set_dateline(parsed, state, dateline, text, number)
        if dateline.place and not parsed.dateline_place:
            parsed.dateline_place = dateline.place
            parsed.lines["dateline_place"] = number
        rest = dateline.rest
    elif (opening := reference_opening(text)) and not parsed.reference_number:
        set_reference(parsed, opening[0], number)
        rest = opening[1]
    elif not parsed.dateline_place and (place := place_only_dateline(text, set_apart=set_apart)):
        parsed.dateline_place, rest = place
        parsed.lines["dateline_place"] = number
    else:
        return paragraph
    if rest:
        paragraph[0] = rewrite(rest)
    else:
        paragraph.pop(0)
    return paragraph
