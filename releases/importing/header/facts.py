"""What the header finds, set on the release once: the reference, the type, the dateline, the
embargo (`set_…`; the first found stands), and `read_label()`, which reads one line of the
header (an embargo, a type label, a reference, a dateline or date, a page counter) into them.
`HeaderState` keeps what the header stages learn besides the facts."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from releases.importing.header.datelines import Dateline, is_place, parse_dateline
from releases.importing.header.dates import find_dates, month_of, unknown_month
from releases.importing.header.embargo import EMBARGO, UnreadableEmbargo, parse_embargo
from releases.importing.header.label_lines import read_header_line
from releases.importing.header.references import Reference
from releases.importing.model import ParsedRelease
from releases.importing.text import plain


@dataclass
class HeaderState:
    """What the header stages learn about one document besides its facts."""

    hints: list[str] = field(default_factory=list)  # languages of month names and type labels
    date_like: tuple[int, str] | None = None  # a line shaped like a date we cannot read
    dateline_rest: tuple[int, str] | None = None  # the text after "PARIS, Oct. 28, 2013 –"
    # Dates in figures whose day/month order was guessed: field -> (text, line), read again
    # once the issuer's country or the language is known.
    guessed: dict[str, tuple[str, int]] = field(default_factory=dict)


# "Noordwijk, XX maart 2020", "Paris, le __ mars 2014": a dateline whose day is a placeholder.
DATE_PLACEHOLDER = re.compile(
    r"^(?P<place>[^\d,]{2,60}),\s*(?:le\s+|den\s+|am\s+)?(?P<day>[^\s\d]{1,4}|_+|\.+)\.?\s+"
    r"(?:de\s+)?(?P<month>[^\W\d_]{3,}\.?)\s*,?\s*(?:de\s+)?(?P<year>\d{4})$"
)


def set_reference(parsed: ParsedRelease, reference: Reference, line: int) -> None:
    if parsed.reference_number or parsed.reference_written:
        return
    parsed.reference_written = reference.written  # kept as written (see Reference)
    parsed.reference_prefix, parsed.reference_number = reference.prefix, reference.number
    parsed.reference_year = reference.year
    parsed.lines.update(reference_prefix=line, reference_number=line, reference_year=line)


def set_kind(parsed: ParsedRelease, state: HeaderState, kind: str, language: str | None, line: int):
    if "kind" in parsed.lines:
        return
    parsed.kind = kind
    parsed.lines["kind"] = line
    if language and language != "en":  # English labels are written in every language's releases
        state.hints.append(language)


def set_dateline(parsed: ParsedRelease, state: HeaderState, dateline: Dateline, written: str, line: int):
    """The first dateline found; a second one (a date repeated in a signature) changes nothing."""
    if parsed.dateline_date is not None:
        if dateline.date == parsed.dateline_date and dateline.place and not parsed.dateline_place:
            parsed.dateline_place = dateline.place  # "Daily News 18/05/2021", then "Brussels, 18 May 2021"
            parsed.lines["dateline_place"] = line
        return
    parsed.dateline_date = dateline.date
    parsed.lines["dateline_date"] = line
    if dateline.place and not parsed.dateline_place:
        parsed.dateline_place = dateline.place
        parsed.lines["dateline_place"] = line
    if dateline.language:
        state.hints.append(dateline.language)
    if dateline.guessed:
        state.guessed["dateline_date"] = (written, line)


def set_embargo(parsed: ParsedRelease, state: HeaderState, when: str, line: int) -> None:
    if parsed.embargo is not None:
        return
    try:
        parsed.embargo = parse_embargo(when, line)
    except UnreadableEmbargo:
        parsed.note(
            "embargo_unreadable",
            _("Cannot read the embargo “%(when)s”: set the embargo, or the release stays a draft.")
            % {"when": when},
            line,
        )
        return
    parsed.lines["embargo_until"] = line
    if parse_date_guessed(when, line):
        state.guessed["embargo_until"] = (when, line)


def parse_date_guessed(text: str, line: int) -> bool:
    dates = find_dates(text, line)
    return bool(dates and dates[0].guessed)


def read_label(parsed: ParsedRelease, state: HeaderState, line: int, text: str, *, above=True) -> bool:
    """One line of the header: an embargo, a type label, a reference, a dateline or date, a
    page counter. Returns whether it was one (and is no title or body text). Under the title
    (`above` False), a dateline followed by text opens the first paragraph: no label."""
    label = plain(text)
    if not label:
        return False
    if match := EMBARGO.match(label):
        set_embargo(parsed, state, match["when"], line)
        return True
    if header := read_header_line(label, line):
        if header.kind:
            set_kind(parsed, state, header.kind, header.kind_language, line)
        if header.reference:
            set_reference(parsed, header.reference, line)
        if header.dateline:
            set_dateline(parsed, state, header.dateline, label, line)
        return True
    if (dateline := parse_dateline(label, line)) and (above or not dateline.rest):
        # "PARIS, Oct. 28, 2013 – The agency…": the text after the dash is the body's
        if dateline.rest and parsed.dateline_date is None:
            state.dateline_rest = (line, dateline.rest)
        set_dateline(parsed, state, dateline, label, line)
        return True
    if match := DATE_PLACEHOLDER.match(label):
        if month_of(match["month"]) and is_place(match["place"].strip()):
            state.date_like = state.date_like or (line, label)
            if not parsed.dateline_place:
                parsed.dateline_place = match["place"].strip()
                parsed.lines["dateline_place"] = line
            return True
    if unknown_month(label) or (
        re.search(r"\b(?:19|20)\d{2}\b", label) and "," in label and len(label) <= 60
    ):
        state.date_like = state.date_like or (line, label)  # for the note, if no date is found
        return bool(unknown_month(label))
    return False
