"""The countries an agency may be in, named in the reader's language.

The list is the regions whose phone numbers phonenumbers reads (an agency's country is what its
national numbers are read in: "01 44 76 74 04" in France); their names are django-countries'
ISO 3166 names, translated with Django's catalogues ("États-Unis", "Vereinigte Staaten").
The few regions with a numbering plan but no ISO code (Ascension, Kosovo, Tristan da Cunha)
are named from phonenumbers' own data, or by their code.
"""

import unicodedata
from functools import cache

import phonenumbers
from django.utils import translation
from django_countries import countries as iso_countries
from phonenumbers import geocoder


@cache
def _names(language: str) -> dict[str, str]:
    with translation.override(language):
        iso = {code: str(name) for code, name in iso_countries}
    names = {}
    for region in phonenumbers.SUPPORTED_REGIONS:
        if region in iso:
            names[region] = iso[region]
            continue
        example = phonenumbers.example_number(region)
        names[region] = (geocoder.country_name_for_number(example, language) if example else "") or region
    return names


def country_name(code: str) -> str:
    """'FR' -> 'France' (in the active language); an unknown code is returned as it is."""
    return _names((translation.get_language() or "en")[:2]).get(code, code)


def country_choices() -> list[tuple[str, str]]:
    """(code, name) in the order a reader looks for them: "Égypte" among the E's."""
    names = _names((translation.get_language() or "en")[:2])
    return sorted(names.items(), key=lambda item: unaccented(item[1]))


def unaccented(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
