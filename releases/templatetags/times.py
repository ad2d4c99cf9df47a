"""Times on the issuing agency's clock, the same on every page.

{% load times %}
{{ release.embargo_until|agency_time:release.agency }}   "10:00 CET, 12 February 2015"
"""

from django import template

from contacts.timezones import agency_time_text

register = template.Library()


@register.filter
def agency_time(value, agency) -> str:
    """An instant in the agency's time zone, the zone written out (contacts/timezones.py)."""
    return agency_time_text(value, agency)
