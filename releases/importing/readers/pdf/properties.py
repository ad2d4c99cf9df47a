"""What a PDF's properties say of it: title, creation date and language."""

import re
from datetime import date


def properties(document) -> dict:
    """Title, creation date and language the file states, unless a converter left them."""
    meta = {}
    info = document.metadata or {}
    title = " ".join(str(info.get("Title") or "").split())
    if title and not re.match(
        r"(?i)^(microsoft word -|untitled|document\d*$)|.*\.(docx?|pdf|odt|rtf|indd|html?|txt|md|pptx?)$",
        title,
    ):
        meta["title"] = title
    created = re.match(r"^(?:D:)?(\d{4})(\d{2})(\d{2})", str(info.get("CreationDate") or ""))
    if created:
        try:
            meta["created"] = date(*(int(part) for part in created.groups()))
        except ValueError:
            pass  # a damaged date in the properties says nothing
    try:
        from pdfminer.pdftypes import resolve1

        language = resolve1(document.doc.catalog.get("Lang"))
    except Exception:
        language = None
    if isinstance(language, bytes):
        language = language.decode("latin-1", errors="replace")
    code = re.split(r"[-_]", str(language or "").strip(), maxsplit=1)[0].lower()
    if re.fullmatch(r"[a-z]{2}", code):
        meta["language"] = code
    return meta
