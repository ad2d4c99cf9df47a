"""Quotes and who said them."""

import re

from releases.importing.model import ParsedQuote

SPEECH_VERBS = (
    r"said|says|stated|states|added|adds|declared|commented|explained|noted|emphasi[sz]ed|"
    r"underlined|concluded|remarked|a d[ée]clar[ée]|a indiqu[ée]|a soulign[ée]|a ajout[ée]|"
    r"a expliqu[ée]|a affirm[ée]|d[ée]clare|indique|souligne|ajoute|explique"
)
# Bounded, with no nested repetition: a paragraph of any size is read in linear time.
QUOTE_AFTER_SPEAKER = re.compile(rf"\b(?:{SPEECH_VERBS})\b\s*:?\s*[\"“«](?P<text>[^\"“”«»]{{1,3000}})[\"”»]")
QUOTE_BEFORE_SPEAKER = re.compile(
    rf"[\"“«](?P<text>[^\"“”«»]{{1,3000}})[\"”»],?\s*(?:{SPEECH_VERBS})\s+(?P<after>[^.;\"“”«»]{{1,120}})"
)
ABBREVIATED_TITLES = re.compile(r"\b(Dr|Mr|Mrs|Ms|Prof|St|M|Mme)\.\s")
NAME_PARTICLES = r"(?:de|von|van|der|den|du|di|da|dos|del|la|le|ten|ter)"
CAPITALISED_NAME = re.compile(
    rf"((?:[A-ZÀ-Ý][\w'’-]*\s+(?:{NAME_PARTICLES}\s+)?){{0,4}}[A-ZÀ-Ý][\w'’-]*)\s*,?\s*(?:then\s+|also\s+)?$"
)
SENTENCE_END = re.compile(r"[.!?…]\s+(?=[\"“«A-ZÀ-Ý])")
# Words before a name that are no part of it: "CNES President Jean-Yves Le Gall".
TITLE_WORDS = {
    "president", "director", "minister", "chairman", "chair", "ceo", "head", "chief", "secretary",
    "general", "président", "présidente", "directeur", "directrice", "ministre",
    "the", "mr", "mrs", "ms", "dr", "m.", "mme", "federal", "prime", "deputy", "vice",
    "foreign", "state", "mayor", "professor", "prof", "astronaut", "senator", "commissioner",
    "on", "in", "at", "after", "before", "today", "yesterday", "meanwhile", "then", "also",
    "administrator", "chairwoman", "spokesperson", "spokesman", "spokeswoman", "officer",
    "manager", "governor", "ambassador", "dean", "councillor", "executive", "board",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip


def find_quotes(paragraphs: list[str], known_names: list[str]) -> list[ParsedQuote]:
    """Quotes and their speakers: 'X said: "…"' and '"…," said X'. A quote whose speaker the
    sentence doesn't name ("He added: …") is left in the body only, never given to a guess."""
    quotes = []
    for paragraph in paragraphs:
        text = ABBREVIATED_TITLES.sub(r"\1 ", re.sub(r"\s+", " ", paragraph))  # "Dr. Jan Wörner"
        start = 0
        for match in QUOTE_AFTER_SPEAKER.finditer(text):
            before = text[max(start, match.start() - 300) : match.start()]
            sentence = SENTENCE_END.split(before)[-1]  # the speaker is the verb's own subject
            speaker = speaker_in(sentence, known_names, last=True, context=text[: match.start()])
            start = match.end()
            if speaker:
                quotes.append(ParsedQuote(speaker=speaker, text=quote_text(match["text"])))
        for match in QUOTE_BEFORE_SPEAKER.finditer(text):
            speaker = speaker_in(match["after"], known_names, last=False, context=text[: match.start()])
            if speaker and not any(q.text == quote_text(match["text"]) for q in quotes):
                quotes.append(ParsedQuote(speaker=speaker, text=quote_text(match["text"])))
    return quotes


def quote_text(text: str) -> str:
    return text.strip().rstrip(",").strip()


def speaker_in(text: str, known_names: list[str], *, last: bool, context: str = "") -> str:
    """The person `text` names as the speaker; '' when it names nobody.

    `text` is the sentence before the verb ('CNES President Jean-Yves Le Gall') with `last`, or
    what follows it ('Johann-Dietrich Wörner, Chairman of the Board'); a known name wins.
    """
    found = [
        (m.start(), m.end(), name)
        for name in known_names
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)
    ]
    if found:  # the name nearest the verb, the longest of those ("Jean-Yves Le Gall", not "Le Gall")
        if last:
            return max(found, key=lambda f: (f[1], f[1] - f[0]))[2]
        return min(found, key=lambda f: (f[0], f[0] - f[1]))[2]
    return known_as(speaker_from_phrases(text, last=last, context=context), known_names)


def known_as(name: str, known_names: list[str]) -> str:
    """'Le Gall' -> 'Jean-Yves Le Gall' when the directory knows exactly one such person."""
    if not name:
        return ""
    fuller = {known for known in known_names if known.endswith(f" {name}")}
    return fuller.pop() if len(fuller) == 1 else name


def speaker_from_phrases(text: str, *, last: bool, context: str) -> str:
    segments = [segment for segment in text.split(",") if segment.strip()]
    if not last:  # "Jean Dupont of CNES", "ESA's Director of Launchers, Daniel Neuenschwander"
        segments = [re.split(r"\s+(?:of|from|at|de|du|des|chez)\s+[A-ZÀ-Ý]", seg)[0] for seg in segments]
    for segment in reversed(segments) if last else segments:
        if name := name_ending(segment):
            return name
        if (
            len(name_tokens := segment.split()) == 1
            and name_tokens[0][:1].isupper()
            and name_tokens[0].isascii()
        ):
            # "Schmidt said": the full name given earlier in the paragraph, "Hans Schmidt".
            surname = name_tokens[0].strip(" ,")
            earlier = re.findall(
                rf"((?:[A-ZÀ-Ý][\w'’-]*\s+(?:{NAME_PARTICLES}\s+)?){{1,3}}){re.escape(surname)}(?!\w)",
                context,
            )
            if earlier and (name := name_ending(f"{earlier[-1]}{surname}")):
                return name
    return ""


def name_ending(phrase: str) -> str:
    """The name a phrase ends with: 'NASA Administrator Charles Bolden' -> 'Charles Bolden';
    '' when it ends with a role or no name ('ESA Director of Launchers', 'He then')."""
    tokens = phrase.strip(" ,:").split()
    name, stop = [], None
    for token in reversed(tokens):
        bare = token.strip(",.:;")
        is_title = any(part.lower() in TITLE_WORDS for part in bare.split("-")) or (
            bare.isupper() and len(bare) > 1
        )
        if name and re.fullmatch(NAME_PARTICLES, bare):
            name.insert(0, bare)
        elif (
            bare[:1].isalpha()
            and not bare[:1].islower()  # capitalised, or a script without case ("奥村直樹")
            and not is_title
            and not bare.endswith(("'s", "’s"))
            and len(name) < 4
        ):
            name.insert(0, bare)
        else:
            stop = bare
            break
    while name and re.fullmatch(NAME_PARTICLES, name[0]):
        name.pop(0)
    if stop and stop[:1].islower() and any(t.lower().strip(",.") in TITLE_WORDS for t in tokens):
        return ""  # "ESA Director of Human Spaceflight": a role, not a name
    # One word is a name only in scripts written without spaces ("山川宏").
    return " ".join(name) if len(name) >= 2 or (name and not name[0].isascii()) else ""
