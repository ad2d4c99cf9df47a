"""Phone numbers as press offices write them, and as telephones dial them."""

import re
from dataclasses import dataclass

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# "Tel.", "Tél. :", "Phone:", "Mob." and friends, written before a number.
PHONE_LABEL = re.compile(
    r"^\s*(?P<label>tel|tél|tele?phone|téléphone|phone|mob(?:ile)?|portable|cell|gsm|fax)\.?\s*:?\s*", re.I
)


# "+49 2203 601-4410 to 4415", "… bis 4415": a range of extensions, dialled by its first number.
NUMBER_RANGE = re.compile(r"(?i)\s+(?:to|bis|à|a|al|tot|–|—)\s+\d{2,5}$")


def strip_phone_label(written: str) -> str:
    """'Tel. +33 (0)1 44 76 74 04' -> '+33 (0)1 44 76 74 04'."""
    return PHONE_LABEL.sub("", written).strip()


def phone_to_e164(written: str, region: str = "") -> str:
    """Return the number in E.164 form, or raise ValidationError saying why not.

    A number in national form ("01 44 76 74 04") is read in `region` (ISO 3166 code).
    """
    number = NUMBER_RANGE.sub("", strip_phone_label(written))
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


# ---------------------------------------------------------------------------
# How a stored number is shown: the one rule for every public page and the admin.


@dataclass(frozen=True)
class ShownPhone:
    """A phone as the public sees it. `international` and `dial` are '' when it has no E.164 form."""

    written: str  # as the press office wrote it: "+33 (0)1 44 76 74 04", "01 44 76 75 40"
    international: str  # "+33 1 44 76 74 04", "+81 50-3362-4374", "+1 202-358-1600 ext. 123"
    dial: str  # what a tel: link dials: "+33144767404", "+12023581600;ext=123"
    written_differs: bool  # the written form says something the international one does not show


def _number(e164: str, written: str = "") -> phonenumbers.PhoneNumber | None:
    """The stored E.164 number, with the extension its written form gives ('… ext. 12')."""
    if not e164:
        return None
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return None
    # The written form is read in the number's own country, as it was when it was stored.
    region = phonenumbers.region_code_for_number(number)
    try:
        as_written = phonenumbers.parse(strip_phone_label(written), region or None)
    except phonenumbers.NumberParseException:
        return number
    same = phonenumbers.format_number(as_written, phonenumbers.PhoneNumberFormat.E164) == e164
    if same and as_written.extension:
        number.extension = as_written.extension
    return number


def _digits(text: str) -> str:
    return re.sub(r"[^\d+]", "", text)


def shown_phone(written: str, e164: str) -> ShownPhone:
    """Everything a page needs to show a stored phone (`written` and its `…_e164` field).

    The written form differs when its digits do: a national form ("01 44 76 75 40") or a trunk
    prefix ("+33 (0)1 …"); other spacing, hyphens or brackets ("+33 1 44767540") do not.
    """
    written = strip_phone_label(written)
    number = _number(e164, written)
    if number is None:
        return ShownPhone(written=written, international="", dial="", written_differs=False)
    international = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return ShownPhone(
        written=written,
        international=international,
        dial=e164 + (f";ext={number.extension}" if number.extension else ""),
        written_differs=bool(written) and _digits(written) != _digits(international),
    )
