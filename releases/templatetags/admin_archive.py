"""The release list's date hierarchy, its choices from the calendar (releases/admin_archive.py)."""

from django import template

from releases.admin_archive import calendar_hierarchy

register = template.Library()
register.inclusion_tag("admin/date_hierarchy.html")(calendar_hierarchy)
