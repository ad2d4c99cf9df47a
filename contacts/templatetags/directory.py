"""How the directory's things are shown, the same on every page.

{% load directory %}
{% phone contact.phone contact.phone_e164 %}   international form, tel: link, written form
{% phone contact.fax contact.fax_e164 link=False %}  the same, without a link (a fax number)
{% agency_name agency %}                       "Japan Aerospace … (JAXA)", linked
{% person_name person %}                       "坂内正夫 (Masao Sakauchi)", linked, with lang
"""

from django import template

from contacts.phones import shown_phone

register = template.Library()


@register.inclusion_tag("contacts/_phone.html")
def phone(written: str, e164: str, link: bool = True):
    """A phone in international form as a tel: link (`link`); the written form beside it when
    it differs."""
    return {"phone": shown_phone(written or "", e164 or ""), "link": link}


@register.inclusion_tag("contacts/_agency_name.html")
def agency_name(agency, link: bool = True):
    """An agency's name, with its acronym when it has one of its own."""
    return {"agency": agency, "link": link}


@register.inclusion_tag("contacts/_person_name.html")
def person_name(person, link: bool = True, latin: bool = True):
    """A person's name, marked with its language, and its Latin transliteration (`latin`)."""
    language = person.name_language
    return {
        "person": person,
        "link": link,
        "latin": latin and person.name_latin and person.name_latin != person.name,
        "latin_language": latin_language(language),
    }


@register.filter
def latin_language(language: str) -> str:
    """The language tag of a name's transliteration: 'ja' -> 'ja-Latn'; '' when unknown."""
    return f"{language.split('-')[0]}-Latn" if language else ""
