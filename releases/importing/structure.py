"""Paragraphs and headings of a document, and a paragraph that is only a link."""

import re

from releases.importing.text import BARE_URL, LINK, plain


def setext_to_atx(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Headings underlined with === or --- become # and ## headings, line numbers kept."""
    result = list(lines)
    for index in range(1, len(result)):
        number, line = result[index]
        before = result[index - 1][1].strip()
        if (
            re.fullmatch(r"\s*(={3,}|-{3,})\s*", line)
            and before
            and not before.startswith(("#", "-", "*", ">"))
        ):
            level = "#" if line.strip()[0] == "=" else "##"
            result[index - 1] = (result[index - 1][0], f"{level} {before}")
            result[index] = (number, "")
    return result


def split_paragraphs(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    paragraphs, current = [], []
    for number, line in lines:
        if line.strip():
            current.append((number, line))
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def link_only(paragraph: list[tuple[int, str]]) -> str | None:
    """The URL when a paragraph is nothing but one (bold) link or bare address."""
    if len(paragraph) != 1:
        return None
    text = plain(paragraph[0][1])
    match = LINK.fullmatch(text) or BARE_URL.fullmatch(text)
    if not match or match["url"].lower().startswith("mailto:"):
        return None
    url, text = match["url"], (match.groupdict().get("text") or match["url"]).strip()
    reads_as_address = " " not in text and "." in text
    if not reads_as_address and not re.search(r"(?i)press|presse|news|media|m[ée]dia", text):
        return None  # "[Watch the launch video](…)": a link of the body, not the press site
    return url if "://" in url else f"http://{url}"
