"""Text and Markdown files: decoded, their YAML front matter read, their lines kept as the file's.

UTF-8 (with or without a byte-order mark) and UTF-16/32 with one are read as they are. A file
from an old archive saved as Windows-1252 (Latin-1) is read only when it clearly is one: every
character outside ASCII is a typographic sign or a letter inside a word, and the letters are
one Western language's (Czech or Polish saved as Windows-1250 would read as other letters);
else the file is refused, naming the line of the first byte that is not UTF-8. Line breaks
become "\n"; the text is otherwise the file's, front matter's lines left blank.
"""

import codecs
import re
from collections import Counter
from datetime import date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from releases.importing.errors import DocumentError
from releases.importing.readers import SourceText

BYTE_ORDER_MARKS = [  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
]
# Files of another kind saved under a text name: said so, rather than "not UTF-8" or "binary".
SIGNATURES = [
    (b"%PDF-", gettext_noop("a PDF file")),
    (b"PK\x03\x04", gettext_noop("a Word (.docx) or other zipped file")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", gettext_noop("an old Word (.doc) file")),
    (b"{\\rtf", gettext_noop("an RTF file")),
]
# Characters Python's str.splitlines() and markdown-it-py would count differently: a stage that
# splits lines either way must find the file's line numbers.
LINE_SEPARATORS = str.maketrans({"\x0b": " ", "\x0c": "", "\x1c": " ", "\x1d": " ", "\x1e": " ",
                                 "\x85": " ", "\u2028": " ", "\u2029": " "})  # fmt: skip
ODD_LINE_SEPARATOR = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
CONTROL = re.compile(r"[\x01-\x08\x0e-\x19\x1b\x1f\x7f]")
MAX_STRAY_CONTROLS = 8  # more than this and the file is binary data, not text with a slip in it

# Windows-1252 text: the letters of Western European languages and the signs typed with them.
WESTERN_LETTERS = set("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýŒœŠšŽžŸ")
WESTERN_SIGNS = set("\u00a0‘’‚“”„–—…«»‹›•·°€£¥¢§©®™ªº±×÷¿¡½¼¾¹²³µ†‡¶")
WESTERN_LOWER = {letter.lower() for letter in WESTERN_LETTERS}
ALPHABETS = [
    set("àâæçéèêëîïôœùûüÿ"),  # French
    set("äöüßé"),  # German
    set("àèéìíîòóùú"),  # Italian
    set("áéíóúñüç"),  # Spanish
    set("áâãàçéêíóôõú"),  # Portuguese
    set("àçèéíïòóúü"),  # Catalan
    set("éëïöüèáóä"),  # Dutch
    set("åäöøæéü"),  # Danish, Norwegian, Swedish, Finnish
]
ONE_LETTER_WORDS = set("àÀèéÈÉòóùáíú")  # French "à", Italian "è", "ò", Portuguese "é", Spanish "ó"
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$", re.S | re.M)
ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[T ][\d:.+\-Z ]*)?$")
META_KEYS = {
    "title": "title",
    "date": "date",
    "lang": "language",
    "language": "language",
    "reference": "reference",
    "ref": "reference",
    "place": "place",
    "location": "place",
    "dateline": "place",
    "type": "kind",
    "kind": "kind",
    "author": "author",
    "authors": "author",
    "url": "url",
    "description": "description",
    "summary": "description",
    "site_name": "site_name",
    "sitename": "site_name",
    "site": "site_name",
    "publisher": "site_name",
    "agency": "site_name",
    "organisation": "site_name",
    "organization": "site_name",
}


def read_text(data: bytes, kind: str) -> SourceText:
    text = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if ODD_LINE_SEPARATOR.search(text):
        text = text.translate(LINE_SEPARATORS)
    text = text.rstrip("\x1a")  # the end-of-file mark of old DOS files
    if CONTROL.search(text):
        text = stray_controls_removed(text)
    meta, text = front_matter(text)
    return SourceText(markdown=text, format=kind, meta=meta)


def decode(data: bytes) -> str:
    for mark, codec, name in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as error:
                line = data[: error.start].decode(codec, errors="replace").count("\n") + 1
                message = _("not %(encoding)s text: the file is damaged") % {"encoding": name}
                raise DocumentError(message, line) from error
            return refuse_binary(text)
    for signature, what in SIGNATURES:
        if data.startswith(signature):
            raise DocumentError(
                _("this is %(kind)s, not text: give the file its own extension") % {"kind": _(what)}
            )
    if b"\x00" in data:
        codec = utf16_without_mark(data)
        if codec:
            return refuse_binary(data.decode(codec, errors="replace"))
        refuse_binary(data.decode("latin-1"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        western = windows_1252(data)
        if western is not None:
            return western
        line = data[: error.start].count(b"\n") + 1
        raise DocumentError(_("not UTF-8 text (save the file as UTF-8)"), line) from error


def refuse_binary(text: str) -> str:
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise DocumentError(_("this is not a text file: it holds binary data"), line)
    return text


def utf16_without_mark(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: every other byte of Latin text is zero."""
    half = len(data) // 2
    if half < 8:
        return None
    even, odd = data[0 : 2 * half : 2].count(0), data[1 : 2 * half : 2].count(0)
    if odd > 0.8 * half and even == 0:
        return "utf-16-le"
    if even > 0.8 * half and odd == 0:
        return "utf-16-be"
    return None


def stray_controls_removed(text: str) -> str:
    found = CONTROL.findall(text)
    if len(found) > MAX_STRAY_CONTROLS:
        line = text[: CONTROL.search(text).start()].count("\n") + 1
        raise DocumentError(_("this is not a text file: it holds binary data"), line)
    return CONTROL.sub(" ", text)


def windows_1252(data: bytes) -> str | None:
    """The text, when the bytes are clearly Windows-1252 (Latin-1) text; None when they may not be."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    for char in set(re.sub(r"[\x00-\x7f]+", "", text)):
        if char not in WESTERN_LETTERS and char not in WESTERN_SIGNS:
            return None  # "þ", "¤": not how Western text is written
    if re.search(r"[¹²³](?=[^\W\d_])", text):
        return None  # "m³" is Western; "wspó³praca" is Polish's "ł" read wrong
    for match in re.finditer(f"[{''.join(sorted(WESTERN_LETTERS))}]+", text):
        run, start, end = match.group(), match.start(), match.end()
        before, after = text[start - 1 : start], text[end : end + 1]
        inside_a_word = (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())
        if not inside_a_word and run not in ONE_LETTER_WORDS:
            return None  # "ÿþ" alone: not a word
    # Central European text saved as Windows-1250 reads as Windows-1252 too, with other letters
    # ("Řekl" as "Øekl", "město" as "mìsto"): the letters must be one Western language's.
    letters = Counter(char.lower() for char in text if char.lower() in WESTERN_LOWER)
    for alphabet in ALPHABETS:
        foreign = [count for letter, count in letters.items() if letter not in alphabet]
        if len(foreign) == 0 or (len(foreign) == 1 and foreign[0] <= 2):  # or a name's letter
            return text
    return None


def front_matter(text: str) -> tuple[dict, str]:
    """YAML front matter's facts, and the text with its lines left blank (line numbers stay)."""
    if not text.startswith("---"):
        return {}, text
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        # Every value a string (YAML 1.1 would read "lang: no" as False): dates are read below.
        loaded = yaml.load(match.group(1), Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(loaded, dict) or not any(str(key).lower() in META_KEYS for key in loaded):
        return {}, text  # a thematic break and prose, not front matter
    meta = {}
    for key, value in loaded.items():
        name = META_KEYS.get(str(key).strip().lower())
        if name is None or name in meta:
            continue
        if isinstance(value, list):
            value = ", ".join(str(item).strip() for item in value if isinstance(item, str) and item.strip())
        if not isinstance(value, str) or not value.strip():
            continue
        value = " ".join(value.split())
        if name == "date":
            line = key_line(match.group(0), str(key))
            when = front_matter_date(value, line)
            if when is None:
                meta["date_text"] = value
                continue
            value = when
        elif name == "language":
            value = language_code(value)
            if not value:
                continue
        elif name == "url" and not re.match(r"(?i)^https?://\S+$", value):
            continue
        meta[name] = value
    lines = match.group(0).count("\n") + 1
    rest = text[match.end() :].removeprefix("\n")
    return meta, "\n" * lines + rest


def key_line(block: str, key: str) -> int:
    for number, line in enumerate(block.split("\n"), start=1):
        if re.match(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*:", line):
            return number
    return 1


def front_matter_date(value: str, line: int) -> date | None:
    """`date: 2024-03-05` (or a date and time); None for a date written otherwise."""
    if not ISO_DATE.match(value):
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        year, month, day = (int(part) for part in re.match(r"(\d+)-(\d+)-(\d+)", value).groups())
        return date(year, month, day)
    except ValueError as error:
        raise DocumentError(_("impossible date “%(date)s”") % {"date": value}, line) from error


def language_code(value: str) -> str:
    """ISO 639-1 from "fr", "fr-FR", "fr_CA"; "" for what is not a language code."""
    code = re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower()
    return code if re.fullmatch(r"[a-z]{2}", code) else ""
