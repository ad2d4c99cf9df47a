"""Dates in figures ("03/04/2021") read again once the order is known: the issuer's country's,
or the language's; still unknown, they stay read day first, noted as guessed."""

from datetime import datetime

from django.utils.translation import gettext as _

from releases.importing.header.dates import find_dates
from releases.importing.header.embargo import parse_embargo
from releases.importing.header.facts import HeaderState
from releases.importing.model import ParsedRelease


def settle_date_order(parsed: ParsedRelease, state: HeaderState, order: str | None) -> None:
    """Dates in figures read again in the order now known (the issuer's country's, or the
    language's); still unknown: they stay read day first, noted as guessed."""
    for name, (written, line) in state.guessed.items():
        if order:
            if name == "embargo_until":
                parsed.embargo = parse_embargo(written, line, order=order)
            elif written and (dates := find_dates(written, line, order=order)):
                parsed.dateline_date = dates[0].date
            continue
        value = parsed.embargo.wall if name == "embargo_until" else getattr(parsed, name)
        read = value.date() if isinstance(value, datetime) else value
        parsed.note(
            "date_guessed",
            _(
                "“%(written)s” can be read day first or month first: it was read day first "
                "(%(date)s); check the date."
            )
            % {"written": written or read.isoformat(), "date": read.isoformat()},
            line,
        )
