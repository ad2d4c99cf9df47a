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

The parts: `page.py` (`quoted_text()`, the entry point: the lead and body, each quote found
cheaply and the blocks it touches marked up), `marker.py` (one piece of HTML marked up quote by
quote), `tree.py` (sanitised HTML as a small tree), `matching.py` (where a text holds a quote's
words or a speaker's name), `speakers.py` (the speaker as the page shows them).
"""

from releases.quotes.page import QuotedText, quoted_text

__all__ = ["QuotedText", "quoted_text"]
