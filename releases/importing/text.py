"""Small helpers on a document's text shared by the stages."""

import re
import unicodedata

IMAGE = re.compile(r"!\[[^\]]*\]\([^)\s]+(?:\s+\"[^\"]*\")?\)")
LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]+)\)")
EMAIL = re.compile(r"(?:mailto:)?(?P<email>[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)", re.I)
BARE_URL = re.compile(r"^(?P<url>(?:https?://|www\.)\S+)$", re.I)
PHONE_LIKE = re.compile(r"^\+?[\d\s().\-/]{6,}$")


def plain(line: str) -> str:
    """A line without Markdown heading marks, emphasis around it, or trailing breaks."""
    text = line.strip()
    text = re.sub(r"^#{1,6}\s*", "", text)
    while len(text) >= 2 and text[0] in "*_" and text[-1] == text[0]:
        text = text[1:-1].strip()
    return text.strip()


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if c.isalnum())
