"""The search index is derived data: these receivers keep it in step whatever path saves.

A release is re-indexed when it, its quotes or its mentions change, and when a name it is
found by changes in the directory (a renamed agency re-indexes the releases that name it).
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from contacts.models import Agency, Person
from releases import search
from releases.models import AgencyMention, PersonMention, Quote, Release
from releases.search.document import INDEXED_FIELDS


@receiver(post_save, sender=Release, dispatch_uid="search_release_saved")
def release_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # Raw saves too: `loaddata` into a new database brings rows but no index
    # (tests/test_data_integrity.py). The directory's rows are loaded before the releases.
    if update_fields is not None and not INDEXED_FIELDS & set(update_fields):
        return  # a change of status or publication time changes nothing that is searched
    search.reindex([instance.pk], using=kwargs.get("using"))


@receiver(post_delete, sender=Release, dispatch_uid="search_release_deleted")
def release_deleted(sender, instance, **kwargs):
    search.unindex([instance.pk], using=kwargs.get("using"))


@receiver(post_save, sender=Quote, dispatch_uid="search_quote_saved")
@receiver(post_delete, sender=Quote, dispatch_uid="search_quote_deleted")
@receiver(post_save, sender=AgencyMention, dispatch_uid="search_agency_mention_saved")
@receiver(post_delete, sender=AgencyMention, dispatch_uid="search_agency_mention_deleted")
@receiver(post_save, sender=PersonMention, dispatch_uid="search_person_mention_saved")
@receiver(post_delete, sender=PersonMention, dispatch_uid="search_person_mention_deleted")
def part_changed(sender, instance, raw=False, **kwargs):
    search.reindex([instance.release_id], using=kwargs.get("using"))


@receiver(m2m_changed, sender=Release.mentioned_agencies.through, dispatch_uid="search_agencies_set")
@receiver(m2m_changed, sender=Release.mentioned_people.through, dispatch_uid="search_people_set")
def mentions_set(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        search.reindex([instance.pk])
    elif pk_set:
        search.reindex(pk_set)


# The directory's names a release is found by; re-indexing follows only a change of these.
NAMES = {Agency: ("name", "acronym"), Person: ("name", "name_latin")}


@receiver(pre_save, sender=Agency, dispatch_uid="search_agency_names_before")
@receiver(pre_save, sender=Person, dispatch_uid="search_person_names_before")
def remember_names(sender, instance, raw=False, **kwargs):
    fields = NAMES[sender]
    before = (
        sender._default_manager.filter(pk=instance.pk).values_list(*fields).first() if instance.pk else None
    )
    instance._names_before = before


def names_changed(sender, instance) -> bool:
    before = getattr(instance, "_names_before", None)
    return before is not None and before != tuple(getattr(instance, name) for name in NAMES[sender])


def releases_naming(instance):
    if isinstance(instance, Agency):
        return Release.objects.filter(Q(agency=instance) | Q(mentioned_agencies=instance))
    return Release.objects.filter(Q(mentioned_people=instance) | Q(quotes__person=instance))


@receiver(post_save, sender=Agency, dispatch_uid="search_agency_renamed")
@receiver(post_save, sender=Person, dispatch_uid="search_person_renamed")
def renamed(sender, instance, raw=False, **kwargs):
    if not raw and names_changed(sender, instance):
        search.reindex(releases_naming(instance).values_list("pk", flat=True).distinct())
