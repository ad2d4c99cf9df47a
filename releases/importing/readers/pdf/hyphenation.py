"""A word broken at the end of a full line ("commu-" "nication") or a compound that happens to
end one ("solar-" "powered")."""

import re
from dataclasses import dataclass

from releases.importing.readers.pdf.lines import Line


@dataclass
class Hyphenation:
    """What tells a word broken at a line's end ("commu-" "nication") from a compound that
    happens to end a line ("solar-" "powered"): the document's other words, and whether it is
    typeset as hyphenating layouts are (justified, and many lines ending in a broken word; word
    processors and browsers do not hyphenate unless told to)."""

    words: set[str]
    hyphenated: bool

    @classmethod
    def of(cls, paragraphs: list[list[Line]]) -> "Hyphenation":
        words = {
            word.text.strip(".,;:!?()«»“”\"'’").lower() for paragraph in paragraphs for line in paragraph
            for word in line.words
        }  # fmt: skip
        long = [paragraph for paragraph in paragraphs if len(paragraph) >= 3 and not paragraph[0].heading]
        justified = [
            max(line.x1 for line in paragraph[:-1]) - min(line.x1 for line in paragraph[:-1]) < 1.5
            for paragraph in long
        ]
        full_lines = [line for paragraph in long for line in paragraph[:-1]]
        broken = sum(bool(re.search(r"[^\W\d_]-$", line.words[-1].text)) for line in full_lines)
        hyphenated = sum(justified) > len(justified) / 2 and broken >= max(2, 0.05 * len(full_lines))
        return cls(words, hyphenated)

    def joined(self, stem: str, rest: str) -> str:
        """The word whose halves end one line and start the next."""
        if stem.endswith("\xad"):
            return stem[:-1] + rest  # a soft hyphen marks where the word was broken
        whole, compound = (stem[:-1] + rest).lower(), (stem + rest).lower()
        bare = re.sub(r"[.,;:!?)»”\"'’]+$", "", whole)
        if rest[:1].islower() and (bare in self.words or (self.hyphenated and compound not in self.words)):
            return stem[:-1] + rest
        return stem + rest
