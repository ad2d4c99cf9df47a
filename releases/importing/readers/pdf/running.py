"""Running headers and footers (the same line in the top or bottom margin of every page) and
page counters ("Page 2 of 3", "2/3", "- 2 -", also inside a header line) are left out; the
letterhead at the top of the first page is kept."""

import re

from releases.importing.readers.pdf.lines import Line, Page, Word

MARGIN = 0.1  # the top and bottom tenth of a page hold running headers, footers and page numbers
PAGE_COUNTER = re.compile(
    r"(?i)^(?:(?:page|p\.|pag\.?|pagina|página|pág\.?|seite|s\.|blz\.?|sida|side|strona)\s*)?"
    r"[-–—]?\s*\d{1,3}\s*(?:(?:/|of|sur|de|von|di|van|z|av|af)\s*\d{1,3})?\s*[-–—]?$"
)
PAGE_WORDS = {"page", "p", "pag", "pagina", "página", "pág", "seite", "s", "blz", "sida", "side", "strona"}
OF_WORDS = {"of", "sur", "de", "von", "di", "van", "z", "av", "af", "/"}
SEPARATORS = {"·", "-", "–", "—", "|", "•", ","}


def drop_running_lines(pages: list[Page]) -> None:
    """Leave out page counters, and headers and footers repeated on every page (the first
    page's header is kept: it is the letterhead, and may say "Press release")."""

    def zone(line: Line, page: Page) -> str:
        if line.bottom <= page.height * MARGIN:
            return "top"
        if line.top >= page.height * (1 - MARGIN):
            return "bottom"
        return ""

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))

    seen: dict[tuple[str, str], set[int]] = {}
    for page in pages:
        for line in page.lines:
            if place := zone(line, page):
                seen.setdefault((place, key(line)), set()).add(page.number)
    numbers = {page.number for page in pages}
    running = {
        found
        for found, on_pages in seen.items()
        if len(pages) >= 2 and (on_pages == numbers or (len(pages) >= 3 and on_pages == numbers - {1}))
    }
    for page in pages:
        kept = []
        for line in page.lines:
            place = zone(line, page)
            if place:
                line.words = without_page_counter(line.words)
                if not line.words or PAGE_COUNTER.match(line.text.strip()):
                    continue
            if place and (place, key(line)) in running and not (place == "top" and page.number == 1):
                continue
            kept.append(line)
        page.lines = kept


def without_page_counter(words: list[Word]) -> list[Word]:
    """A header's or footer's words without "Page 2 of 3" ("News Release 03/04/2021 Page 1 of 1"
    keeps its date), and without the separator left dangling ("Pressemitteilung · Seite 1")."""
    texts = [word.text.lower().rstrip(".:") for word in words]
    for index, text in enumerate(texts):
        number = texts[index + 1] if index + 1 < len(texts) else ""
        if text not in PAGE_WORDS or not re.fullmatch(r"\d{1,3}(?:/\d{1,3})?", number):
            continue
        end = index + 2
        if end + 1 < len(texts) and texts[end] in OF_WORDS and texts[end + 1].isdigit():
            end += 2
        kept = words[:index] + words[end:]
        while kept and kept[-1].text in SEPARATORS:
            kept.pop()
        while kept and kept[0].text in SEPARATORS:
            kept.pop(0)
        return kept
    return words
