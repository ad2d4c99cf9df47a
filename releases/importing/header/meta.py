"""What the file says of itself (YAML front matter, a page's metadata, a Word file's
properties), and a date signed at the text's end, filling what the header lacks."""

import re
from datetime import date

from releases.importing.header.datelines import PLACE_MAX, closing_dateline, parse_dateline
from releases.importing.header.facts import HeaderState, set_dateline, set_reference
from releases.importing.header.kinds import meta_kind
from releases.importing.header.references import Reference, parse_reference
from releases.importing.header.titles import TITLE_MAX, set_title
from releases.importing.model import ParsedRelease


def read_meta(parsed: ParsedRelease, state: HeaderState) -> None:
    """What the file says of itself (YAML front matter, a page's metadata, a Word file's
    properties) fills what the text lacks: title, date, place, reference, type. A date only in
    the text's closing signature ("Fait à Paris, le 3 mars 2014") is the text's, so it comes first."""
    meta = parsed.meta
    if parsed.dateline_date is None and (signed := closing_dateline(parsed.body.split("\n\n"))):
        set_dateline(parsed, state, signed, "", None)  # "Roma, 15 settembre 2021" as the last line
    title = " ".join(str(meta.get("title") or "").split())
    if not parsed.title and title and not FILE_NAME.match(title):
        set_title(parsed, title[:TITLE_MAX], None)
    if parsed.dateline_date is None:
        if isinstance(meta.get("date"), date):
            parsed.dateline_date = meta["date"]
        elif written := str(meta.get("date_text") or meta.get("date") or "").strip():
            if dateline := parse_dateline(written, None):
                set_dateline(parsed, state, dateline, written, None)
            else:
                state.date_like = state.date_like or (None, written)

    if not parsed.dateline_place and str(meta.get("place") or "").strip():
        parsed.dateline_place = str(meta["place"]).strip()[:PLACE_MAX]
    if not parsed.reference_number and str(meta.get("reference") or "").strip():
        written = str(meta["reference"]).strip()
        set_reference(parsed, parse_reference(written) or Reference(written), None)
    if "kind" not in parsed.lines and (kind := meta_kind(meta.get("kind"))):
        parsed.kind = kind


FILE_NAME = re.compile(r"^\S+\.[A-Za-z]{2,4}$")  # "39-nasa.html": a converter's, no title
