"""Country names for ISO 3166 codes, in the reader's language, from phonenumbers' data."""

from functools import cache

import phonenumbers
from django.utils import translation
from phonenumbers import geocoder


@cache
def _names(language: str) -> dict[str, str]:
    names = {}
    for region in phonenumbers.SUPPORTED_REGIONS:
        example = phonenumbers.example_number(region)
        name = geocoder.country_name_for_number(example, language) if example else ""
        names[region] = name or region  # a few regions share a calling code and have no name
    return names


def country_name(code: str) -> str:
    """'FR' -> 'France' (in the active language); an unknown code is returned as it is."""
    return _names((translation.get_language() or "en")[:2]).get(code, code)


def country_choices() -> list[tuple[str, str]]:
    names = _names((translation.get_language() or "en")[:2])
    return sorted(names.items(), key=lambda item: item[1])
