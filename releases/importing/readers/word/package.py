"""The .docx package: a zip Word can have written (not an old .doc, not one with a password, not
a "zip bomb"), and what its properties say of the document (title, creation date, language)."""

import re
import zipfile
from io import BytesIO

from django.utils.translation import gettext as _

from releases.importing.errors import DocumentError

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .doc, or a .docx saved with a password
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # what the parts may take once unzipped (a "zip bomb" is refused)
MAX_PARTS = 5_000


def check_package(data: bytes) -> None:
    if data.startswith(OLE_SIGNATURE):
        raise DocumentError(
            _("an old Word (.doc) file or one protected by a password: save it as .docx without a password")
        )
    try:
        package = zipfile.ZipFile(BytesIO(data))
        parts = package.infolist()
    except Exception as error:  # not a zip, or one zipfile cannot read
        raise DocumentError(_("not a valid Word (.docx) file: save it again from Word")) from error
    if "[Content_Types].xml" not in {part.filename for part in parts}:
        raise DocumentError(_("not a valid Word (.docx) file: save it again from Word"))
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise DocumentError(
            _("this Word file unpacks to more than %(megabytes)s MB: not a press release")
            % {"megabytes": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )


def properties(document) -> dict:
    """Title, creation date and language from the file's properties, unless a template left them."""
    core = document.core_properties
    meta = {}
    made_by_template = (core.author or "") == "python-docx" or (core.last_modified_by or "") == "python-docx"
    title = " ".join((core.title or "").split())
    if title and not title.lower().startswith("microsoft word -") and not made_by_template:
        meta["title"] = title
    if core.created and not made_by_template:
        meta["created"] = core.created.date()  # when the file was made: a hint, not the release date
    language = re.split(r"[-_]", (core.language or "").strip(), maxsplit=1)[0].lower()
    if re.fullmatch(r"[a-z]{2}", language):
        meta["language"] = language
    return meta
