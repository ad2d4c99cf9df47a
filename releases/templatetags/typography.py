from django import template
from django.template.defaultfilters import linebreaks_filter

from releases import typography

register = template.Library()


@register.filter
def in_quotes(text: str, language: str) -> str:
    """A quote's paragraphs, escaped, between the quotation marks of its language:
    {{ quote.text|in_quotes:release.language }}."""
    return linebreaks_filter(typography.in_quotes(text, language), autoescape=True)
