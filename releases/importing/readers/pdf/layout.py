"""The page's layout read as a text's: the title (the largest line(s) on page 1 clearly larger
than the body text, bold ones first), the letterhead above it, headings below it, and
paragraphs (lines until a gap larger than the text's line spacing, or a change of size; a
paragraph broken by a page goes on)."""

import statistics

from releases.importing.readers.pdf.lines import Line, Page

TITLE_RATIO = 1.2  # a title is set at least this much larger than the body text
SENTENCE_END = tuple('.!?:;»"”)')


def mark_headings(pages: list[Page], body: float) -> None:
    """The title: the largest line(s) on page 1 clearly larger than the body text, bold ones
    first (a banner in large plain type is the letterhead). Lines above it are the letterhead;
    short lines clearly larger than the body below it are headings."""
    if not pages:
        return
    large = [line for line in pages[0].lines if line.size >= body * TITLE_RATIO]
    pool = [line for line in large if line.bold] or large
    title_at = None
    if pool:
        largest = max(line.size for line in pool)
        for index, line in enumerate(pages[0].lines):
            if line in pool and abs(line.size - largest) < 0.5:
                line.heading = 1
                title_at = index if title_at is None else title_at
            elif title_at is not None:
                break
    for page in pages:
        for index, line in enumerate(page.lines):
            if page is pages[0] and (title_at is None or index < title_at):
                continue
            if not line.heading and line.size >= body * TITLE_RATIO and len(line.text) <= 120:
                line.heading = 2


def paragraphs_of(pages: list[Page], body: float, width: float) -> list[list[Line]]:
    gaps = [
        following.top - line.bottom
        for page in pages
        for line, following in zip(page.lines, page.lines[1:], strict=False)
        if abs(line.size - body) < 0.5 and abs(following.size - body) < 0.5
        and 0 <= following.top - line.bottom < 2 * body
    ]  # fmt: skip
    spacing = statistics.median(gaps) if gaps else body * 0.4
    paragraphs: list[list[Line]] = []
    for page in pages:
        for index, line in enumerate(page.lines):
            previous = page.lines[index - 1] if index else None
            if previous is None:
                # A paragraph running on from the page before: its last line was full and open.
                if paragraphs and continues_on_next_page(paragraphs[-1][-1], line, width):
                    paragraphs[-1].append(line)
                else:
                    paragraphs.append([line])
                continue
            gap = line.top - previous.bottom
            same_kind = line.heading == previous.heading and abs(line.size - previous.size) < 1
            if same_kind and gap <= spacing + 0.5 * min(line.size, previous.size):
                paragraphs[-1].append(line)
            else:
                paragraphs.append([line])
    return paragraphs


def continues_on_next_page(last: Line, first: Line, width: float) -> bool:
    """Whether a page's first line goes on with the last paragraph of the page before: that
    paragraph ended open (no full stop), and the line is set alike and goes on with a small
    letter, or the paragraph is one of short lines (a contact block broken by the page)."""
    return (
        not last.heading
        and not first.heading
        and abs(last.size - first.size) < 1
        and last.bold == first.bold
        and not last.text.rstrip().endswith(SENTENCE_END)
        and (first.text[:1].islower() or last.x1 - last.x0 < 0.6 * width)
    )
