"""A release described for search engines: a schema.org NewsArticle, as JSON-LD data."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime

from releases.models import Release


def _time(value) -> str | None:
    return localtime(value).isoformat(timespec="seconds") if value else None


def news_article(release: Release, *, request: HttpRequest) -> dict:
    """The release's NewsArticle: headline, dates, language, the issuing agency as its author
    and the press room as its publisher. Only for a release the public may see."""
    url = request.build_absolute_uri(release.get_absolute_url())
    agency = release.agency
    author = {
        "@type": "Organization",
        "name": agency.name,
        "url": request.build_absolute_uri(agency.get_absolute_url()),
    }
    if agency.acronym and agency.acronym != agency.name:
        author["alternateName"] = agency.acronym
    if agency.website:
        author["sameAs"] = agency.website
    with translation.override(release.label_language):  # "Communiqué de presse", as its page says
        kind = str(release.get_kind_display())
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": release.title,
        "description": release.lead_text,
        "datePublished": _time(release.published_at),
        "dateModified": _time(release.updated_at),
        "dateline": release.dateline,
        "inLanguage": release.language,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "articleSection": kind,
        "author": author,
        "publisher": {
            "@type": "Organization",
            "name": settings.PRESSROOM_NAME,
            "url": request.build_absolute_uri(reverse("home")),
        },
    }
    if release.reference:
        article["identifier"] = release.reference
    topics = [topic.name for topic in release.topics.all()]
    if topics:
        article["keywords"] = topics
    return {key: value for key, value in article.items() if value not in (None, "")}
