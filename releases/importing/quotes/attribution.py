"""Attributions: the words around a quote that say who speaks.

Reads the text after a quote, to the end of its sentence ('…,” said Klaus Weber, Director.',
'…,” Weber said.', '…,” notes Orbitalis's CEO Ada Brun.', '… », déclare …', '„…“, so …',
'"…", according to …', '「…」と理事長の…は述べました', '— Klaus Weber, Director'), and the
sentence before it ('Klaus Weber said: “', 'Weber also highlighted the role of the partners:
“', 'Minister Ana Beltrán welcomed it, stating, “', '… ha señalado que «'). Compiled patterns,
no backtracking over a paragraph.
"""

import re

from releases.importing.quotes.names import ABBREVIATION, Names
from releases.importing.quotes.speakers import Speaker, read_phrase
from releases.importing.quotes.verbs import (
    FINITE,
    FINITE_VERB,
    INVERTED_PRONOUN,
    LEADING,
    PARTICIPLE,
    verbs_in,
)

# After a quote: '," said Weber', '», a déclaré …', '“, so Weber', '” — Klaus Weber, Director'.
AFTER_VERB_FIRST = re.compile(rf"^[\s,.;:]*\b(?:{FINITE}|{LEADING})\b\s*(?P<rest>.*)$", re.I | re.S)
AFTER_DASH = re.compile(r"^[\s,.;:]*[—–―-]+\s*(?P<rest>.+)$", re.S)
AFTER_JAPANESE = re.compile(
    r"^\s*と\s*(?P<phrase>[^。、「」]{0,40}?)(?:は|が|も)?(?:述べ|語|話|説明|強調|コメント|言)"
)
# Before a quote, in its sentence: 'Weber said: “', 'Weber also highlighted the role…: “',
# 'ha señalado que «', 'stating, “', 'According to Weber, “'.
BEFORE_LEADING = re.compile(rf"^(?:{LEADING}|per)\s+(?P<phrase>.{{1,200}}?)[\s,:]*$", re.I | re.S)

NOT_IN_A_PHRASE = re.compile(r"[.;:!?“”„«»\"]")
ADVERBS_AT_END = re.compile(
    r"(?:\s+(?:also|then|further|later|again|aussi|ensuite|auch|anche|también|ook))+\s*$", re.I
)
QUOTE_MARK_IN = re.compile(r"[“”„«»\"]")
# How such a sentence ends, right before the quote: "said:", "stating,", "that", "said".
BEFORE_ENDS = re.compile(rf"(?:[:,]|\b(?:that|que|qu'|dass|che|dat)|\b(?:{FINITE}))$", re.I)

SENTENCE_END = re.compile(r"[.!?…;](?=\s|$)")
SENTENCE_START = re.compile(r".*[.!?…;]\s+", re.S)


def without_abbreviation_dots(text: str) -> str:
    """The text with the dots of "Dr." and "F." hidden (same length): they end no sentence."""
    return ABBREVIATION.sub(lambda m: m[0].replace(".", "\x00"), text)


def sentence_after(text: str) -> tuple[str, int]:
    """The words up to the end of the sentence; and where that is."""
    match = SENTENCE_END.search(without_abbreviation_dots(text))
    end = match.end() if match else len(text)
    return text[:end], end


def last_sentence(text: str) -> str:
    """The last sentence of the words before a quote."""
    match = SENTENCE_START.match(without_abbreviation_dots(text))
    return text[match.end() :] if match else text


def attribution_after(after: str, names: Names) -> tuple[Speaker, int] | None:
    """'," said Klaus Weber, Director.' -> (Klaus Weber, Director), and how much it took."""
    if match := AFTER_JAPANESE.match(after):
        phrase = match["phrase"].strip()
        return (
            read_phrase(phrase, after_verb=True, names=names) if phrase else Speaker("pronoun")
        ), match.end()
    sentence, end = sentence_after(after)
    if match := AFTER_VERB_FIRST.match(sentence):
        rest = match["rest"].rstrip(" .;!?…")
        rest = re.split(
            r"\s+(?:in|at|during|on|when|bei|lors|durante)\s+(?:a|an|the|der|einer|la|une|un)\s", rest
        )[0]
        return read_phrase(rest, after_verb=True, names=names), end
    if match := AFTER_DASH.match(sentence):
        speaker = read_phrase(match["rest"].rstrip(" .;"), after_verb=True, names=names)
        return (speaker, end) if speaker.kind == "named" else None
    if (match := INVERTED_PRONOUN.match(sentence.lstrip(" ,.;:"))) and match:
        return Speaker("pronoun"), end
    for verb in verbs_in(sentence, FINITE_VERB):  # '," Weber said.', '," NASA's Ada Brun added.'
        phrase = sentence[: verb.start()]
        if (
            phrase.strip(" ,.;:")
            and len(phrase) <= 200
            and not NOT_IN_A_PHRASE.search(phrase.lstrip(" ,.;:"))
        ):
            return read_phrase(phrase, after_verb=False, names=names), end
        break
    return None


def attribution_before(before: str, names: Names) -> Speaker | None:
    """'Klaus Weber, Director of …, said: ' -> Klaus Weber; None when the sentence before the
    quote attributes nothing."""
    sentence = last_sentence(before).strip()
    if not sentence:
        return None
    if match := BEFORE_LEADING.match(sentence):
        return read_phrase(match["phrase"], after_verb=True, names=names)
    if not BEFORE_ENDS.search(sentence[-40:]):  # the end only: cheap on a long sentence
        return None
    for verb in verbs_in(sentence, PARTICIPLE):  # "…, stating, “": the sentence's subject speaks
        if len(sentence) - verb.end() <= 120 and not QUOTE_MARK_IN.search(sentence, verb.end()):
            return read_phrase(sentence[: verb.start()].rstrip(" ,;"), after_verb=True, names=names)
    for verb in verbs_in(sentence, FINITE_VERB):  # "Weber (also) said: “", "… highlighted …: “"
        if len(sentence) - verb.end() <= 160 and not QUOTE_MARK_IN.search(sentence, verb.end()):
            subject = ADVERBS_AT_END.sub("", sentence[: verb.start()])
            return read_phrase(subject, after_verb=False, names=names)
    return None
