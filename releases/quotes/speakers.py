"""A quote's speaker as the page shows them: linked name, role then, the names the text uses.

Reads the directory (contacts): the quote's person, their name's language and Latin
transliteration, and the role they held on the release's day (prefetched with the quotes).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from contacts.templatetags.directory import latin_language


@dataclass
class Speaker:
    """A quote's speaker as the page shows them, linked to their page."""

    url: str
    name_html: SafeString  # linked name, with its language and Latin transliteration
    role: str  # "Director of Space Operations, ESA", or the title the document wrote
    names: list[str] = field(default_factory=list)  # as the text may write them: full, surname


def speaker_of(quote, day, url_for: Callable[[str], str]) -> Speaker:
    """The quote's person, their page's URL, their name (and its Latin transliteration) and the
    role they held on `day`, or the title the document wrote when the directory has none."""
    person = quote.person
    url = url_for(person.get_absolute_url())
    role = person.role_on(day)
    if role is not None:
        role_text = _("%(title)s, %(agency)s") % {"title": role.title, "agency": role.agency.short_name}
    else:
        role_text = getattr(quote, "speaker_title", "")
    lang = format_html(' lang="{}"', person.name_language) if person.name_language else ""
    name_html = format_html('<a href="{}"{}>{}</a>', url, lang, person.name)
    if person.name_latin and person.name_latin != person.name:
        latin = latin_language(person.name_language)
        name_html = format_html(
            '{} <span class="muted"{}>({})</span>',
            name_html,
            format_html(' lang="{}"', latin) if latin else "",
            person.name_latin,
        )
    names = [n for n in (person.name, person.name_latin) if n]
    names += [n.split()[-1] for n in names if len(n.split()) > 1]
    return Speaker(url, name_html, role_text, list(dict.fromkeys(names)))
