"""A release's quotes, marked up where its text has them: each once, linked to its speaker.

The lead and body are stored as sanitised HTML (releases/markdown.py). At render time each
Quote's text is looked for in that HTML's text (entities, soft line breaks and emphasis do not
hide it) and marked up there:

- words quoted inside a paragraph become `<q class="quote" cite="(the speaker's page)">`, and
  the speaker's name in that paragraph a link to their page, titled with their role then;
- paragraphs that are nothing but the quote become a `<figure class="quote">`: a
  `<blockquote cite>` of those paragraphs and a `<figcaption>`, either the document's own
  attribution line under them ("— Klaus Weber, Director of …", its name linked) or the
  speaker's linked name and role then.

The document's own words and punctuation stay as they are (the quotation marks too: the site's
CSS keeps browsers from adding theirs). Nothing but the quotes' markup is added; tags are
never broken (an <em> or a link a quote starts inside is split in two); new text is escaped.
A quote the text does not hold (an editor typed it in the admin) is handed back to be shown
once after the body.

Why at render time, not into body_html on save: a release's quotes are saved after it (the
importer bulk-creates them, the admin's inline saves them after the release), and the
speaker's name, page and role live in the directory, which changes on its own. The cost is
a cheap pass over the text, then a parse of only the paragraphs a quote is in (about 0.3 ms
for a long release with four quotes; tests/test_quotes_on_page.py keeps it under 5 ms), and
no query: quotes, speakers and roles are prefetched by ReleaseQuerySet.for_page().
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from contacts.templatetags.directory import latin_language

# Tags nh3 lets through (releases/markdown.py ALLOWED_TAGS) that hold paragraphs of text.
BLOCKS = {"p", "li", "td", "th", "h2", "h3", "h4", "pre", "blockquote", "ul", "ol", "table", "thead",
          "tbody", "tr", "hr"}  # fmt: skip
TEXT_BLOCKS = {"p", "li", "td", "th", "h2", "h3", "h4", "pre"}
VOID = {"br", "hr", "img"}
# sanitised HTML: tags with double-quoted attributes (nh3 writes no other kind), and text
TOKEN = re.compile(r'<(/?)([a-z][a-z0-9]*)((?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*)\s*/?>|([^<]+)')
APOSTROPHES = "'’‘ʼ"
QUOTE_MARKS = '“”"„«»‚‘’‹›「」『』'
# What a paragraph that is only a quote holds besides it: marks, spaces, closing punctuation.
AROUND_A_WHOLE_QUOTE = re.compile(rf"[\s{QUOTE_MARKS},.;:!?…]*")
DASH_LINE = re.compile(r"\s*[—–―-]")
# Cheaply: tags that set text apart, any tag, top-level blocks (nh3 quotes every attribute).
ATTRIBUTES = r'(?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*\s*/?'
# (The cheap text is only a guide: a title holding ">" makes a quote go unmarked, shown after
# the body, never markup broken.)
BREAKING_TAG = re.compile(r"</?(?:p|li|td|th|h[1-6]|br|hr|pre|blockquote|ul|ol|table|tr)\b[^>]*>")
ANY_TAG = re.compile(r"<[^>]*>")
BLOCK_TAG = re.compile(rf"<(/?)(?:p|ul|ol|blockquote|table|pre|h[1-6])(?=[\s>/]){ATTRIBUTES}>")
FIRST_ATOM = re.compile(r"\\.|\[[^\]]*\]|[^\\\[(]")  # a pattern's first character or class
SEPARATOR = "\x1e"  # between two top-level blocks: whitespace to a pattern's \s
CJK_CHAR = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


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


# Finding a quote's words --------------------------------------------------------------------
@lru_cache(maxsize=2048)
def pattern_of(quote_text: str) -> re.Pattern | None:
    """The quote's words, in order, whatever the spaces, line breaks and paragraph breaks
    (where a new paragraph of the quote may open with its mark) between them."""
    paragraphs = [p.split() for p in re.split(r"\n\s*\n", quote_text.strip()) if p.split()]
    if not paragraphs:
        return None
    first, *rest = [r"\s+".join(map(word_pattern, p)) for p in paragraphs]
    return re.compile(bounded(rf"\s+[{QUOTE_MARKS}]?\s*".join([first, *rest]), quote_text.strip()))


def bounded(pattern: str, text: str) -> str:
    """A pattern that matches whole words only, where the script sets words apart by spaces:
    a name in Japanese runs on into the words around it (理事長の佐藤健一は). The check
    before the first word comes after its first character, so that a search still starts
    by looking for that character (fast) rather than testing every position."""
    if not CJK_CHAR.match(text[-1:]):
        pattern = rf"{pattern}(?!\w)"
    if CJK_CHAR.match(text[:1]) or not (first := FIRST_ATOM.match(pattern)):
        return pattern
    return rf"{first[0]}(?<!\w.){pattern[first.end() :]}"


def word_pattern(word: str) -> str:
    out = []
    for index, char in enumerate(word):
        if char in APOSTROPHES:
            out.append(f"[{APOSTROPHES}]")
        else:
            out.append(re.escape(char))
        if CJK_CHAR.match(char) and index + 1 < len(word):
            out.append(r"\s*")  # a soft line break between two characters
    return "".join(out)


# The speaker --------------------------------------------------------------------------------
@dataclass
class Speaker:
    url: str
    name_html: SafeString  # linked name, with its language and Latin transliteration
    role: str  # "Director of Space Operations, ESA", or the title the document wrote
    names: list[str] = field(default_factory=list)  # as the text may write them: full, surname


def speaker_of(quote, day, url_for: Callable[[str], str]) -> Speaker:
    person = quote.person
    url = url_for(person.get_absolute_url())
    role = person.role_on(day)
    if role is not None:
        role_text = _("%(title)s, %(agency)s") % {"title": role.title, "agency": role.agency.short_name}
    else:
        role_text = getattr(quote, "speaker_title", "")
    lang = format_html(' lang="{}"', person.name_language) if person.name_language else ""
    name_html = format_html('<a href="{}"{}>{}</a>', url, lang, person.name)
    if person.name_latin and person.name_latin != person.name:
        latin = latin_language(person.name_language)
        name_html = format_html(
            '{} <span class="muted"{}>({})</span>',
            name_html,
            format_html(' lang="{}"', latin) if latin else "",
            person.name_latin,
        )
    names = [n for n in (person.name, person.name_latin) if n]
    names += [n.split()[-1] for n in names if len(n.split()) > 1]
    return Speaker(url, name_html, role_text, list(dict.fromkeys(names)))


# Marking up ---------------------------------------------------------------------------------
@dataclass
class QuotedText:
    lead: SafeString
    body: SafeString
    # (quote, speaker) of the quotes the text does not hold, to show after it
    others: list[tuple] = field(default_factory=list)


def quoted_text(
    release, *, url_for: Callable[[str], str] = lambda path: path, feed: bool = False
) -> QuotedText:
    """The release's lead and body with its quotes marked up, and the quotes they lack.

    With `feed`, words quoted inside a paragraph get no <q>: a feed reader, without the site's
    CSS, would add its own quotation marks to the document's. Their speaker is linked alike."""
    quotes = list(release.quotes.all())
    if not quotes:
        return QuotedText(mark_safe(release.lead_html), mark_safe(release.body_html))  # sanitised on save
    day = release.dateline_date or timezone.localdate()
    lead = Document(release.lead_html, inline_q=not feed, inline=True)
    body = Document(release.body_html, inline_q=not feed)
    others = []
    for quote in quotes:
        speaker = speaker_of(quote, day, url_for)
        # The body first: a lead that sums a quote up says it again, the body says who said it.
        if not (body.claim(quote, speaker) or lead.claim(quote, speaker)):
            others.append((quote, speaker))
    lead_html, lost_in_lead = lead.render()
    body_html, lost_in_body = body.render()
    others = sorted(others + lost_in_lead + lost_in_body, key=lambda pair: quotes.index(pair[0]))
    return QuotedText(lead_html, body_html, others)


class Document:
    """A lead or body: where each quote is, found cheaply in its text; then only the top-level
    blocks a quote touches (and the one after, which may be its attribution line) are parsed
    and marked up. A long release with a few quotes costs a few small parses, not one big one."""

    def __init__(self, markup: str, *, inline_q: bool, inline: bool = False):
        self.markup, self.inline_q, self.inline = markup or "", inline_q, inline
        self.chunks = [self.markup] if inline else top_level_blocks(self.markup)
        # The text, blocks apart, each top-level block's ended by SEPARATOR (a space to \s).
        joined = SEPARATOR.join(self.chunks)
        self.text = html.unescape(ANY_TAG.sub("", BREAKING_TAG.sub("\n", joined)))
        self.claimed: list[tuple[int, int]] = []
        self.claims: list[tuple[int, int, object, Speaker]] = []  # first block, last block, quote, speaker

    def claim(self, quote, speaker: Speaker) -> bool:
        if not self.markup or (pattern := pattern_of(quote.text)) is None:
            return False
        for match in pattern.finditer(self.text):
            start, end = match.span()
            if not any(start < e and s < end for s, e in self.claimed):
                self.claimed.append((start, end))
                first, last = self.text.count(SEPARATOR, 0, start), self.text.count(SEPARATOR, 0, end)
                self.claims.append((first, last, quote, speaker))
                return True
        return False

    def render(self) -> tuple[SafeString, list]:
        """The markup with the claimed quotes marked up; and those it could not mark after all."""
        if not self.claims:
            return mark_safe(self.markup), []  # noqa: S308 - sanitised on save (releases/markdown.py)
        spans = []  # runs of blocks to mark up: [first, last] and their claims
        texts = self.text.split(SEPARATOR)
        for first, last, quote, speaker in sorted(self.claims, key=lambda c: (c[0], c[1])):
            if last + 1 < len(self.chunks) and DASH_LINE.match(texts[last + 1]):
                last += 1  # the block after it may be its attribution line: "— Klaus Weber, …"
            if spans and first <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], last)
                spans[-1][2].append((quote, speaker))
            else:
                spans.append([first, last, [(quote, speaker)]])
        out, lost, done = [], [], 0
        order = [claim[2] for claim in self.claims]
        for first, last, claims in spans:
            out += self.chunks[done:first]
            marker = Marker("".join(self.chunks[first : last + 1]), inline_q=self.inline_q)
            for quote, speaker in sorted(claims, key=lambda pair: order.index(pair[0])):
                if not marker.mark(quote.text, speaker, inline=self.inline):
                    lost.append((quote, speaker))
            out.append(marker.html())
            done = last + 1
        out += self.chunks[done:]
        return mark_safe("".join(out)), lost  # noqa: S308 - sanitised markup, escaped additions


def top_level_blocks(markup: str) -> list[str]:
    """The markup cut after each top-level block ("<p>…</p>", "<ul>…</ul>"); whole when its
    blocks do not nest as expected."""
    chunks, depth, start = [], 0, 0
    for match in BLOCK_TAG.finditer(markup):
        depth += -1 if match[1] else 1
        if depth < 0:
            return [markup]
        if depth == 0:
            chunks.append(markup[start : match.end()])
            start = match.end()
    if depth:
        return [markup]
    if start < len(markup):
        chunks.append(markup[start:])
    return chunks or [markup]


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
        for match in pattern.finditer(self.text):
            if not any(match.start() < end and start < match.end() for start, end in self.marked):
                break
        else:
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
            and any(re.search(bounded(re.escape(name), name), text) for name in speaker.names)
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
            for match in re.finditer(bounded(re.escape(name), name), text):
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
