"""What tells readers, feed readers and search engines where things are.

{% load discovery %}
{% absolute_url path %}                      "https://press.example.org/releases/…"
{% release_filter_query as query %}          the list's current filters: "agency=cnes&q=JAXA"
{% release_filter_query agency=slug as q %}  the same for given filters
{% release_list_url %}                       the list with its current filters (and page)
{{ release.language|og_locale }}             OpenGraph's form of a language: "pt_BR", "fr"
{% json_ld data %}                           <script type="application/ld+json">, escaped
{% release_json_ld release %}                a release as a schema.org NewsArticle
"""

import json

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import to_locale

from releases.feeds import filter_params
from releases.schema_org import news_article

register = template.Library()

# As django.utils.html.json_script escapes: no "<", ">" or "&" can end the script element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def release_filter_query(context, **params) -> str:
    """The query string of a feed of the list: the filters given, or else the request's.
    Empty values, the page, the order and parameters that are not filters are dropped."""
    if params:
        return urlencode([(name, str(value)) for name, value in params.items() if value not in (None, "")])
    return urlencode(filter_params(context["request"].GET, feed=True))


# The list's pages: numbered among the best matches of a search, else by cursor.
PAGE_PARAMS = ("page", "after", "before")


@register.simple_tag(takes_context=True)
def release_list_url(context) -> str:
    """The list page's absolute address with its current filters and page (not the first)."""
    query = context["request"].GET
    params = filter_params(query)
    params += [(name, query[name]) for name in PAGE_PARAMS if query.get(name, "").strip() not in ("", "1")]
    path = reverse("releases:list") + (f"?{urlencode(params)}" if params else "")
    return context["request"].build_absolute_uri(path)


@register.filter
def og_locale(language: str) -> str:
    return to_locale(language)


@register.simple_tag
def json_ld(data: dict) -> str:
    """`data` as JSON-LD. The JSON is escaped as json_script escapes it, so a value holding
    "</script>" stays text inside the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))


@register.simple_tag(takes_context=True)
def release_json_ld(context, release) -> str:
    return json_ld(news_article(release, request=context["request"]))
