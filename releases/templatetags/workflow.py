"""The editorial workflow in the admin's own pages.

{% load workflow %}
{% workflow_dashboard_url as url %}   the workflow dashboard, for staff who may open it; "" else
"""

from django import template
from django.contrib import admin
from django.urls import reverse

from releases.models import Release

register = template.Library()


@register.simple_tag(takes_context=True)
def workflow_dashboard_url(context) -> str:
    """The dashboard's address for a user the release admin lets open it (who may view
    releases: editors and publishers, not the press office); "" for the others."""
    request = context.get("request")
    site = admin.site
    if request is None or not site.is_registered(Release):
        return ""
    if not site.get_model_admin(Release).has_view_or_change_permission(request):
        return ""
    return reverse(f"{site.name}:releases_release_dashboard")
