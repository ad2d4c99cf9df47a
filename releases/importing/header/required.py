"""The date and the title a release cannot be published without: noted when missing (the
first sentence stands in for a title); a title longer than the model keeps is refused."""

from django.utils.translation import gettext as _

from releases.importing.errors import DocumentError
from releases.importing.header.facts import HeaderState
from releases.importing.header.titles import TITLE_MAX, first_sentence
from releases.importing.model import ParsedRelease
from releases.importing.text import plain


def check_required(parsed: ParsedRelease, state: HeaderState, body_paragraphs: list[str]) -> None:
    """The date and the title a release cannot be published without: a missing date is noted
    (naming the line that looked like one); a missing title is the first sentence, noted."""
    if parsed.dateline_date is None:
        if state.date_like:
            line, written = state.date_like
            parsed.note(
                "no_date",
                _("Cannot read the date in “%(written)s”: fill in the dateline date.") % {"written": written},
                line,
            )
        else:
            parsed.note("no_date", _("No date found: fill in the dateline date."))
    if not parsed.title:
        opening = parsed.lead or next((p for p in body_paragraphs if plain(p)), "")
        if title := first_sentence(opening):
            parsed.title = title
            parsed.note(
                "title_guessed",
                _("No title found: the first sentence was taken as the title; write the release's title."),
                parsed.lines.get("lead"),
            )
        else:
            parsed.note("no_title", _("No title found: write the release's title."))
    if len(parsed.title) > TITLE_MAX:
        message = _("the title is longer than %(limit)s characters") % {"limit": TITLE_MAX}
        raise DocumentError(message, parsed.lines.get("title"))
