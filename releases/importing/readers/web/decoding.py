"""A saved page's bytes as text: a byte-order mark, else the charset the page declares (read
as browsers read it), else UTF-8, else Windows-1252; binary data is refused."""

import re

from django.utils.translation import gettext as _

from releases.importing.errors import DocumentError

DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I
)
# What browsers read a page declared as these in (the WHATWG Encoding Standard's labels).
BROWSER_ENCODINGS = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252",
                     "us-ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252"}  # fmt: skip
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    for mark, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(mark):
            return data.decode(codec, errors="replace")
    if b"\x00" in data:
        raise DocumentError(_("this is not a web page: it holds binary data"))
    declared = DECLARED_CHARSET.search(data[:4096])
    if declared:
        label = (declared.group(1) or declared.group(2)).decode("ascii").lower()
        codec = BROWSER_ENCODINGS.get(label, label)
        if codec.startswith(("utf-16", "utf-32", "utf16", "utf32")):
            codec = "utf-8"  # a page that can declare it in ASCII is not UTF-16 (as browsers reason)
        try:
            return data.decode(codec, errors="replace")
        except (LookupError, UnicodeError):
            pass  # a charset Python does not know (or cannot decode with): read as undeclared
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
