"""What staff learn in the admin of rows they may not view: nothing but counts.

Press-office staff keep the directory and may not view releases. Two of Django's admin pages
would otherwise name releases to them: the "view on site" shortcut (`admin/r/<ct>/<pk>/`),
which redirects to a release's address and so spells its title, and a delete confirmation,
which lists the quotes and mentions that protect a person or an agency.
"""

from collections import Counter

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.db import router
from django.http import Http404, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _


def may_view(user, model) -> bool:
    """May the user view rows of `model` in the admin? A link row (a release's quote, mention or
    topic) is viewable with every model it links: a quote of a release is the release's."""
    opts = model._meta
    if opts.auto_created:  # the row of a many-to-many relation: releases <-> topics
        return all(may_view(user, field.related_model) for field in opts.fields if field.is_relation)
    if any(field.is_relation and field.name == "release" for field in opts.fields):
        return may_view(user, opts.get_field("release").related_model) and _has_view(user, opts)
    return _has_view(user, opts)


def _has_view(user, opts) -> bool:
    return any(
        user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
        for action in ("view", "change")
    )


def view_on_site(request, content_type_id, object_id):
    """Django's "view on site" shortcut, for staff who may view the object's kind.

    Anyone else gets the same 404 whether the object exists or not; a release goes through
    its admin's own `view_on_site` (the staff preview while it is hidden)."""
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist as error:
        raise Http404 from error
    model = content_type.model_class()
    if model is None or not may_view(request.user, model):
        raise Http404
    model_admin = admin.site.get_model_admin(model) if admin.site.is_registered(model) else None
    if model_admin is not None and callable(model_admin.view_on_site):
        try:
            obj = model._default_manager.get(pk=object_id)
        except (model.DoesNotExist, ValueError, TypeError) as error:
            raise Http404 from error
        return HttpResponseRedirect(model_admin.view_on_site(obj))
    return shortcut(request, content_type_id, object_id)


class VisibleDeletionAdmin(admin.ModelAdmin):
    """A ModelAdmin whose delete confirmation lists only rows the user may view.

    Rows the user may not view (a release's quotes and mentions, for the press office) are
    counted, not named, and still protect or block the deletion as on Django's own page; a
    protected row is listed as protected, not as a kind of row the user may not delete."""

    def get_deleted_objects(self, objs, request):
        try:
            first = objs[0]
        except IndexError:
            return [], {}, set(), []
        collector = NestedObjects(using=router.db_for_write(first._meta.model), origin=objs)
        collector.collect(objs)
        perms_needed = set()
        unseen, unseen_protected = Counter(), Counter()

        def label(obj, unseen_counter, *, deleted=True):
            opts = obj._meta
            registered = self.admin_site.is_registered(obj.__class__)
            model_admin = self.admin_site.get_model_admin(obj.__class__) if registered else None
            if deleted and model_admin is not None and not model_admin.has_delete_permission(request, obj):
                perms_needed.add(opts.verbose_name)  # a protected row blocks the deletion anyway
            if not may_view(request.user, obj.__class__):
                unseen_counter[opts.verbose_name_plural] += 1
                return None
            try:
                if model_admin is None:
                    raise NoReverseMatch
                url = reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
                )
            except NoReverseMatch:
                return f"{capfirst(opts.verbose_name)}: {obj}"
            return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)

        to_delete = without_unseen(collector.nested(lambda obj: label(obj, unseen)))
        protected = [
            text for obj in collector.protected if (text := label(obj, unseen_protected, deleted=False))
        ]
        to_delete += unseen_lines(unseen)
        protected += unseen_lines(unseen_protected)
        model_count = {
            model._meta.verbose_name_plural: len(rows) for model, rows in collector.model_objs.items()
        }
        return to_delete, model_count, perms_needed, protected


def without_unseen(nested: list) -> list:
    """The nested list of labels (a row, then the list of what hangs from it) without the rows
    the user may not view (None), nor what hangs from them."""
    kept, hidden = [], False
    for item in nested:
        if not isinstance(item, list):
            hidden = item is None
            if not hidden:
                kept.append(item)
        elif not hidden and (children := without_unseen(item)):
            kept.append(children)
    return kept


def unseen_lines(counter: Counter) -> list[str]:
    return [
        _("%(things)s: %(count)d, not listed (you may not view them)")
        % {"things": capfirst(things), "count": count}
        for things, count in sorted(counter.items())
    ]
