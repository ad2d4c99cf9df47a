"""One piece of sanitised HTML, marked up quote by quote.

Reads the blocks of a lead or body that hold a quote (as a tree, tree.py) and marks the quote
up where its words are (matching.py): words quoted inside a paragraph become
`<q class="quote" cite>` and the speaker's name in that paragraph a link to their page, titled
with their role then; paragraphs that are nothing but the quote become a `<figure class="quote">`
of a `<blockquote cite>` and a `<figcaption>`: the document's own attribution line under them
("— Klaus Weber, Director of …", its name linked) or the speaker's linked name and role then.
"""

import re

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from releases.quotes.matching import QUOTE_MARKS, first_free, name_pattern, pattern_of
from releases.quotes.speakers import Speaker
from releases.quotes.tree import Element, Text, block_of, index, inside, parse, serialize, texts_in, wrap

# What a paragraph that is only a quote holds besides it: marks, spaces, closing punctuation.
AROUND_A_WHOLE_QUOTE = re.compile(rf"[\s{QUOTE_MARKS},.;:!?…]*")
DASH_LINE = re.compile(r"\s*[—–―-]")


class Marker:
    """One piece of sanitised HTML, marked up quote by quote."""

    def __init__(self, markup: str, *, inline_q: bool = True):
        self.markup = markup
        self.inline_q = inline_q
        self.root = parse(markup) if markup else None
        self.changed = False
        self.text = index(self.root) if self.root is not None else ""
        self.marked: list[tuple[int, int]] = []  # the text's ranges already quoted
        self.linked: set[tuple[int, str]] = set()  # (block, speaker) already linked

    def html(self) -> SafeString:
        if not self.changed:
            return mark_safe(self.markup)  # noqa: S308 - sanitised on save (releases/markdown.py)
        out: list[str] = []
        serialize(self.root, out)
        return mark_safe("".join(out))  # noqa: S308 - sanitised markup, escaped additions

    def mark(self, quote_text: str, speaker: Speaker, *, inline: bool = False) -> bool:
        if self.root is None or (pattern := pattern_of(quote_text)) is None:
            return False
        if (match := first_free(pattern, self.text, self.marked)) is None:
            return False
        start, end = match.span()
        groups = self.groups(start, end)
        if not groups:
            return False
        if not inline and self.mark_paragraphs(groups, speaker):
            self.text = index(self.root)  # paragraphs moved into a figure: count again
        else:
            for block, group_start, group_end in groups:
                if self.inline_q:
                    q = Element("q", format_html(' class="quote" cite="{}"', speaker.url))
                    wrap(block, group_start, group_end, q)
                self.link_speaker(block, speaker)
        self.marked.append((start, end))  # wrapping kept every node's place in the text
        self.changed = True
        return True

    def groups(self, start: int, end: int) -> list[tuple[Element, int, int]]:
        """The quote's part in each paragraph it runs over: (paragraph, start, end)."""
        groups: dict[int, list] = {}
        for text in texts_in(self.root):
            if text.end <= start or text.start >= end:
                continue
            part_start, part_end = max(start, text.start), min(end, text.end)
            if not text.text[part_start - text.start : part_end - text.start].strip():
                continue
            block = block_of(text)
            if block.tag == "blockquote":
                return []  # text straight in a quotation, with no paragraph: left alone
            group = groups.setdefault(id(block), [block, part_start, part_end])
            group[1], group[2] = min(group[1], part_start), max(group[2], part_end)
        return list(groups.values())

    def mark_paragraphs(self, groups, speaker: Speaker) -> bool:
        """Paragraphs that are nothing but the quote: a figure with its attribution."""
        paragraphs = [block for block, _, _ in groups]
        container = paragraphs[0].parent
        if any(p.tag != "p" or p.parent is not container for p in paragraphs):
            return False
        for block, start, end in groups:
            around = self.text[block.start : start] + self.text[end : block.end]
            if not AROUND_A_WHOLE_QUOTE.fullmatch(around):
                return False
        children = container.children
        first, last = children.index(paragraphs[0]), children.index(paragraphs[-1])
        between = children[first : last + 1]
        if [c for c in between if not (isinstance(c, Text) and not c.text.strip())] != paragraphs:
            return False  # something else between them
        following = next_paragraph(children, last)
        attribution = following if following is not None and self.attributes(following, speaker) else None
        quote = Element("blockquote", format_html(' cite="{}"', speaker.url))
        if container.tag == "blockquote":
            # The document's own quotation: it becomes the figure's, its attribution the caption.
            rest = [
                c for c in children if c not in between and not (isinstance(c, Text) and not c.text.strip())
            ]
            if rest and rest != [attribution]:
                return False
            quote.set_children(between)
            figure = Element("figure", ' class="quote"', [Text("\n"), quote, Text("\n")])
            figure.append(self.caption(attribution, speaker))
            parent = container.parent
            parent.children[parent.children.index(container)] = figure
            figure.parent = parent
            return True
        quote.set_children(between)
        figure = Element("figure", ' class="quote"', [quote, Text("\n")])
        figure.append(self.caption(attribution, speaker))
        if attribution is not None:
            children.remove(attribution)
        children[first : last + 1] = [figure]
        figure.parent = container
        return True

    def attributes(self, paragraph: Element, speaker: Speaker) -> bool:
        """Whether a paragraph is an attribution line of the speaker: '— Klaus Weber, Director'."""
        text = self.text[paragraph.start : paragraph.end]
        return (
            paragraph.tag == "p"
            and len(text) < 300
            and bool(DASH_LINE.match(text))
            and any(re.search(name_pattern(name), text) for name in speaker.names)
        )

    def caption(self, attribution: Element | None, speaker: Speaker) -> Element:
        if attribution is None:
            generated = format_html("— {}", speaker.name_html)
            if speaker.role:
                generated = format_html('{}, <span class="role">{}</span>', generated, speaker.role)
            return Element("figcaption", "", [Text(generated, "")])
        caption = Element("figcaption", "", attribution.children)
        caption.start, caption.end = attribution.start, attribution.end
        self.link_speaker(caption, speaker)
        written = self.text[caption.start : caption.end]
        if speaker.role and not any(re.search(rf"{re.escape(n)}\W*\S", written) for n in speaker.names[:1]):
            # "— Klaus Weber" alone: the role he held then
            caption.append(Text(format_html(', <span class="role">{}</span>', speaker.role), ""))
        return caption

    def link_speaker(self, block: Element, speaker: Speaker) -> bool:
        """Link the speaker's name where the paragraph writes it (outside quotes and links)."""
        if (id(block), speaker.url) in self.linked:
            return True
        text = self.text[block.start : block.end]
        for name in speaker.names:
            for match in re.finditer(name_pattern(name), text):
                start, end = block.start + match.start(), block.start + match.end()
                nodes = [t for t in texts_in(block) if t.start < end and t.end > start]
                if any(t.raw and not t.text for t in nodes) or any(
                    inside(t, {"a", "q"}, block) for t in nodes
                ):
                    continue
                attrs = format_html(' class="quote-speaker" href="{}"', speaker.url)
                if speaker.role:
                    attrs = format_html('{} title="{}"', attrs, speaker.role)
                wrap(block, start, end, Element("a", attrs))
                self.linked.add((id(block), speaker.url))
                return True
        return False


def next_paragraph(children: list, index: int) -> Element | None:
    for child in children[index + 1 :]:
        if isinstance(child, Text) and not child.text.strip():
            continue
        return child if isinstance(child, Element) and child.tag == "p" else None
    return None
