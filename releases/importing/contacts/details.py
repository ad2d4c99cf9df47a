"""The details of a contact as a line writes them: phone numbers, e-mail addresses, links.

Phones are found with phonenumbers' PhoneNumberMatcher in the block's region, then by their
shape where the region is not known yet; "202-555-0142/0157" is two numbers, "601-4410 to
4415" one range. A label before a number tells its kind ("Tél.", "Mobil", "Fax", "T", "M.").
E-mail addresses are read with a strict pattern, alone or named ("Name <address>").
"""

import re

from phonenumbers import Leniency, PhoneNumberMatcher

DETAIL_KINDS = ("phone", "mobile", "fax", "email")
NUMBER_KINDS = {
    "fax": "fax", "telefax": "fax", "télécopie": "fax", "telecopie": "fax", "f": "fax",
    "mob": "mobile", "mobile": "mobile", "mobil": "mobile", "handy": "mobile", "cell": "mobile",
    "cellulare": "mobile", "cellular": "mobile", "cellphone": "mobile", "portable": "mobile",
    "port": "mobile", "gsm": "mobile", "móvil": "mobile", "movil": "mobile", "cel": "mobile",
    "telemóvel": "mobile", "telemovel": "mobile", "m": "mobile", "mobiel": "mobile",
}  # fmt: skip
# A label just before a number: "Tel.", "Tél. :", "Telefon:", "TEL：", "Mobil", "Handy", "T", "M.".
NUMBER_LABEL = re.compile(
    r"(?:^|(?<=[\s,;|(–—-]))(?P<label>"
    r"t[ée]l[ée]?(?:phone|fono|efon|efoon|ephone)?|tel[ée]fono|tfno|telf|phone|ph|fon|direct|office"
    r"|mob(?:ile|il|iel)?|handy|cell(?:ulare|ular|phone)?|portable|port|gsm|m[óo]vil|cel|telem[óo]vel"
    r"|fax|telefax|t[ée]l[ée]copie|[tpmfo]"
    r")\.?\s*(?:\((?:office|work|direct|bureau|mobile|cell|ufficio|büro)\))?\s*[:：.]?\s*$",
    re.I,
)
EMAIL_LABEL = re.compile(
    r"(?:^|(?<=[\s,;|(–—-]))(?:e-?mail|courriel|mail|m[ée]l|e|correo(?:\s+electr[óo]nico)?"
    r"|posta\s+elettronica|email\s+address)\s*[:：.]?\s*$",
    re.I,
)
# A strict address, for addresses written bare in running text.
EMAIL = re.compile(
    r"(?<![\w.+'%-])(?P<email>[A-Za-z0-9](?:[A-Za-z0-9._%+'-]*[A-Za-z0-9_%+-])?"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24})"
    r"(?![\w-])"
)
NAMED_ADDRESS = re.compile(r"[^<>,;|]*<\s*[^<>\s]+@[^<>\s]+\s*>")  # "Alain Delrieu <a.delrieu@cnes.fr>"
URL = re.compile(r"(?i)(?:https?://|www\.)[^\s<>()]+")
# A number as written, whatever the region: "+33 (0)1 44 76 74 04", "202-555-0142", "(202) 358-1726".
NUMBER = re.compile(
    r"(?<![\w+@.])(?:\+|00)?\s?\(?\d[\d \u00a0().-]{4,}\d(?:\s*(?:ext\.?|x|poste|int\.)\s*\d{1,5})?"
)
SHORTHAND = re.compile(r"^\s?/\s?(?P<tail>\d{2,5})(?![\d\s]*\d{2})")  # "202-555-0142/0157"
RANGE = re.compile(r"(?i)^\s+(?:to|bis|à|a|al|tot|–|—)\s+(?P<tail>\d{2,5})\b")  # "601-4410 to 4415"
NOT_A_NUMBER = re.compile(
    r"^\(?(?:(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})\)?$"
)


def numbers_in(text: str, region: str) -> list[tuple[int, int, str]]:
    """(start, end, written) of each number in a line: PhoneNumberMatcher's, in `region`,
    then what is shaped like a number the matcher could not place (a national number of a
    region not known yet: the agency's country reads it when the release is saved)."""
    found = []
    if sum(char.isdigit() for char in text) < 6:
        return found
    if "+" in text or region:
        for match in PhoneNumberMatcher(text, region or "ZZ", leniency=Leniency.POSSIBLE):
            start, written = match.start, match.raw_string
            if written.startswith("(") and written.count("(") > written.count(")"):
                start, written = start + 1, written[1:]  # "(+32 2 295 17 52)": the bracket is the text's
            if sum(char.isdigit() for char in written) >= 6:
                found.append((start, start + len(written), written))
    for match in NUMBER.finditer(text):
        start, end = match.span()
        written = match.group().strip()
        start += len(match.group()) - len(match.group().lstrip())
        if any(s < end and start < e for s, e, _ in found):
            continue
        digits = re.sub(r"\D", "", written.split("ext")[0].split("x")[0])
        if 6 <= len(digits) <= 17 and not NOT_A_NUMBER.match(written):
            found.append((start, start + len(written), written))
    return sorted(found)


def shorten(written: str, tail: str) -> str:
    """'202-555-0142' with tail '0157' -> '202-555-0157'."""
    digits = [index for index, char in enumerate(written) if char.isdigit()]
    if len(tail) >= len(digits):
        return tail
    result = list(written)
    for index, digit in zip(digits[-len(tail) :], tail, strict=True):
        result[index] = digit
    return "".join(result)
