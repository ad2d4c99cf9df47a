"""Quotes and who said them: the importer's quotes stage, in named parts.

`find_quotes()` (stage.py) is the entry point. The parts, in the order the stage runs them:
- `paragraphs.py`: the paragraphs as the page shows their text;
- `marks.py`: quotation marks paired into quotations, across paragraphs;
- `reading.py`: one quotation's text and the speaker its attribution names, read by
  `attribution.py` (the shapes before, after and inside a quote) with the speech verbs of
  `verbs.py`, and `speakers.py` (the speaker a phrase names) with `names.py` (names, titles,
  the directory's people) and the word lists of `words.py`;
- `settling.py`: surnames made full names, and quotes that name nobody given to the previous
  speaker when nobody else was named in between; never to a guess.
"""

from releases.importing.quotes.stage import find_quotes

__all__ = ["find_quotes"]
