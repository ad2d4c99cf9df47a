"""Which language a person's name is written in, so pages can mark it (`lang="ja"`).

The script of a name tells its language when only one language writes that script (kana is
Japanese, hangul Korean); Chinese characters, Cyrillic or Arabic need the country of the
person's agency (坂内正夫 at a Japanese agency is Japanese). Latin names are left alone: the
page's own language reads them well enough, and guessing French or German is not ours to do.
"""

import unicodedata

# Scripts that one language writes, as Unicode names their letters ("HANGUL SYLLABLE GIM").
LANGUAGE_OF_SCRIPT = {
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "GREEK": "el",
    "HEBREW": "he",
    "ARMENIAN": "hy",
    "GEORGIAN": "ka",
    "THAI": "th",
    "LAO": "lo",
    "KHMER": "km",
    "MYANMAR": "my",
    "SINHALA": "si",
    "TAMIL": "ta",
    "TELUGU": "te",
    "KANNADA": "kn",
    "MALAYALAM": "ml",
    "GUJARATI": "gu",
    "GURMUKHI": "pa",
}

# Scripts that several languages write: the language of the agency's country, where it writes it.
LANGUAGE_OF_COUNTRY = {
    "HAN": {"JP": "ja", "CN": "zh", "TW": "zh", "HK": "zh", "MO": "zh", "SG": "zh", "KR": "ko"},
    "CYRILLIC": {
        "RU": "ru",
        "BY": "be",
        "UA": "uk",
        "BG": "bg",
        "RS": "sr",
        "ME": "sr",
        "MK": "mk",
        "KZ": "kk",
        "KG": "ky",
        "MN": "mn",
        "TJ": "tg",
    },
    "ARABIC": {
        **dict.fromkeys("AE BH DZ EG IQ JO KW LB LY MA OM QA SA SD SY TN YE".split(), "ar"),
        "IR": "fa",
        "PK": "ur",
    },
    "DEVANAGARI": {"IN": "hi", "NP": "ne"},
    "BENGALI": {"BD": "bn", "IN": "bn"},
}


def script_of(char: str) -> str:
    """'坂' -> 'HAN', 'ジ' -> 'KATAKANA', 'é' -> 'LATIN'; '' for what is not a letter."""
    if not unicodedata.category(char).startswith("L"):
        return ""
    name = unicodedata.name(char, "")
    if name.startswith(("CJK ", "IDEOGRAPHIC ")):
        return "HAN"
    if "KATAKANA" in name or "HIRAGANA" in name:  # halfwidth forms, the prolonged sound mark
        return "KATAKANA"
    return name.split(" ", 1)[0]


def needs_language(name: str) -> bool:
    """A name written in another script than Latin (only these are marked with their language)."""
    return any(script not in {"", "LATIN"} for script in map(script_of, name))


def name_language(name: str, countries=()) -> str:
    """The language a name is written in ('ja'), or '' when neither script nor country tells.

    `countries`: ISO codes of the agencies the person works for, consulted only when the
    script is shared by several languages.
    """
    scripts = {script_of(char) for char in name} - {"", "LATIN"}
    for script in sorted(scripts):  # kana beside Chinese characters: Japanese
        if script in LANGUAGE_OF_SCRIPT:
            return LANGUAGE_OF_SCRIPT[script]
    languages = {
        LANGUAGE_OF_COUNTRY.get(script, {}).get(country)
        for script in scripts
        for country in countries
        if country
    } - {None}
    return languages.pop() if len(languages) == 1 else ""
