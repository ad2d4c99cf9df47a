"""The language a document is written in, detected from its text, not assumed.

lingua-language-detector, restricted to the languages press rooms write in (the European
ones, Japanese and Chinese) and in its low-accuracy mode. The detector is built once, when
this module is imported (a few milliseconds; each language's models load on the first text in
it, about 0.1 s); a document then costs about 0.3–0.5 ms of processor time, over the first 200
characters of its title, lead and text (600 when that is not enough). The high-accuracy mode
takes a second to build and half a gigabyte of models, for no gain on texts this long.
"""

import re
from typing import NamedTuple

from django.conf import global_settings
from django.utils.translation import get_language_info
from lingua import Language, LanguageDetectorBuilder

LANGUAGES = [
    Language.ENGLISH, Language.FRENCH, Language.GERMAN, Language.ITALIAN, Language.SPANISH,
    Language.PORTUGUESE, Language.DUTCH, Language.CATALAN, Language.POLISH, Language.SWEDISH,
    Language.DANISH, Language.BOKMAL, Language.FINNISH, Language.CZECH, Language.ROMANIAN,
    Language.GREEK, Language.JAPANESE, Language.CHINESE,
]  # fmt: skip
DETECTOR = LanguageDetectorBuilder.from_languages(*LANGUAGES).with_low_accuracy_mode().build()
# Django's codes (Release.language's choices): Chinese is written "zh-hans" or "zh-hant".
CODES = {language: language.iso_code_639_1.name.lower() for language in LANGUAGES} | {
    Language.CHINESE: "zh-hans"
}
# Characters only traditional Chinese writes (這 for 这, 們 for 们…).
TRADITIONAL = re.compile(r"[這們國會發說對時與為來後開關經學體長門問]")
KNOWN_CODES = set(CODES.values())
DJANGO_CODES = {code for code, _name in global_settings.LANGUAGES}

# Characters read: the detector's cost grows with the text (about 0.15 ms a hundred characters
# for these languages), and a few sentences tell the language; a longer sample only when unsure.
SAMPLE = 200
SAMPLE_MAX = 600
CONFIDENT = 0.6  # the detector's probability for its choice, at least
SHORT_TEXT = 40  # fewer letters than this: a guess, whatever the detector says
# What is no language: pictures, links' addresses, e-mail addresses, Markdown's marks.
MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|(?:https?://|www\.)\S+|\S+@\S+|[*_#>|`\[\]]+")
# Japanese writes kana, which Chinese never does: a surer test than any model on a short text.
KANA = re.compile(r"[\u3040-\u30ff]")


class DetectedLanguage(NamedTuple):
    code: str  # Django's language code: "en", "fr", "nb", "zh-hans"
    confident: bool


def detect_language(text: str, *, hint: str | None = None, default: str = "en") -> DetectedLanguage:
    """The language of `text` (a title, a lead, the first paragraphs). When the detector is not
    sure, the `hint` (the language a month name or a type label was written in) wins, then
    `default`; either way the answer is marked not confident."""
    text = MARKUP.sub(" ", text[: SAMPLE_MAX * 2])
    if KANA.search(text[:SAMPLE]) and sum(c.isalpha() for c in text[:SAMPLE]) >= 4:
        return DetectedLanguage("ja", True)
    for size in (SAMPLE, SAMPLE_MAX):
        sample = text[:size]
        letters = sum(c.isalpha() for c in sample)
        values = DETECTOR.compute_language_confidence_values(sample) if letters else []
        best = values[0] if values else None
        if best is None or best.value >= CONFIDENT or len(text) <= size:
            break
    if best is not None and best.value >= CONFIDENT and letters >= SHORT_TEXT:
        if best.language is Language.CHINESE and TRADITIONAL.search(sample):
            return DetectedLanguage("zh-hant", True)
        return DetectedLanguage(CODES[best.language], True)
    if hint in KNOWN_CODES:
        return DetectedLanguage(hint, False)
    if best is not None and letters >= SHORT_TEXT:
        return DetectedLanguage(CODES[best.language], False)
    return DetectedLanguage(default, False)


def language_code(written) -> str:
    """A language as a file declares it ('fr', 'fr-FR', 'fr_CA', 'French', 'fra', 'zh-Hant')
    -> Django's code ('fr', 'zh-hant'); '' if it names no language Django knows."""
    written = str(written or "").strip().replace("_", "-").lower()
    if written in DJANGO_CODES:
        return written
    base = written.split("-")[0]
    if base == "zh":
        return "zh-hant" if written.endswith(("hant", "tw", "hk", "mo")) else "zh-hans"
    if base in DJANGO_CODES:
        return base
    for language in Language.all():
        if base in {language.name.lower(), language.iso_code_639_3.name.lower()}:
            code = language.iso_code_639_1.name.lower()
            return code if code in DJANGO_CODES else ""
    return ""


def document_language(*, title: str, lead: str, body: str, declared=None, hints=()) -> DetectedLanguage:
    """A document's language: as the file declares it (front matter, a page's `lang`), else
    detected from its title, lead and first paragraphs, the languages its month names and type
    labels are written in breaking a tie."""
    if code := language_code(declared):
        return DetectedLanguage(code, True)
    sample = "\n".join(part for part in (title, lead, body[:SAMPLE_MAX]) if part)
    hint = next((h for h in hints if h in KNOWN_CODES), None)
    return detect_language(sample, hint=hint)


def language_name(code: str) -> str:
    """'de' -> 'German' (in the interface's language: 'allemand')."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def date_order_of(code: str) -> str | None:
    """The order dates in figures are written in, in a language: day first in every language
    read here but English, which the United States write month first."""
    if code == "en" or code not in KNOWN_CODES:
        return None
    return "YMD" if code in {"ja", "zh-hans", "zh-hant"} else "DMY"
