"""Phone numbers as press offices write them, and as telephones dial them."""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# "Tel.", "Tél. :", "Phone:", "Mob." and friends, written before a number.
PHONE_LABEL = re.compile(
    r"^\s*(?P<label>tel|tél|tele?phone|téléphone|phone|mob(?:ile)?|portable|cell|gsm|fax)\.?\s*:?\s*", re.I
)


def strip_phone_label(written: str) -> str:
    """'Tel. +33 (0)1 44 76 74 04' -> '+33 (0)1 44 76 74 04'."""
    return PHONE_LABEL.sub("", written).strip()


def phone_to_e164(written: str, region: str = "") -> str:
    """Return the number in E.164 form, or raise ValidationError saying why not.

    A number in national form ("01 44 76 74 04") is read in `region` (ISO 3166 code).
    """
    number = strip_phone_label(written)
    if not number:
        return ""
    try:
        parsed = phonenumbers.parse(number, (region or "").upper() or None)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            _("“%(number)s” is not a phone number."),
            params={"number": written},
            code="invalid_phone",
        ) from error
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(
            _(
                "“%(number)s” is not a valid phone number. Write it with its country code "
                "(+33 1 44 76 74 04), or in the national form of the agency's country."
            ),
            params={"number": written},
            code="invalid_phone",
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def region_of(written: str) -> str:
    """The ISO region of a number written with its country code, or ''."""
    try:
        parsed = phonenumbers.parse(strip_phone_label(written), None)
    except phonenumbers.NumberParseException:
        return ""
    return phonenumbers.region_code_for_number(parsed) or ""
