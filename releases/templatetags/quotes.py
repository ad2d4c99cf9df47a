"""A release's text with its quotes marked up where they are (releases/quotes/).

{% load quotes %}
{% quoted_text release as text %}                 text.lead, text.body: safe HTML
{% quoted_text release feed=True as text %}       for a feed: absolute links, no inline <q>
{% for quote, speaker in text.others %}           quotes the text does not hold
"""

from django import template

from releases.quotes.page import QuotedText
from releases.quotes.page import quoted_text as mark_quotes

register = template.Library()


@register.simple_tag(takes_context=True)
def quoted_text(context, release, feed: bool = False) -> QuotedText:
    request = context.get("request")
    if feed and request is not None:
        return mark_quotes(release, url_for=request.build_absolute_uri, feed=True)
    return mark_quotes(release, feed=feed)
