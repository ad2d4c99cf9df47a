"""Imported documents signed off when their release is published, and their contacts filed."""

from django.utils import timezone

from contacts.models import PressContact
from releases.models import Release


def release_sources_reviewed(*, release: Release, user=None) -> int:
    """The one rule for review notes: a release an editor publishes (or saves as published) is
    reviewed, and so are the documents it was imported from. Returns how many were marked."""
    if release.status != Release.Status.PUBLISHED:
        return 0
    release_file_contacts(release=release)
    user = user if user is not None and user.is_authenticated else None
    unreviewed = release.sources.filter(reviewed_at__isnull=True)
    return unreviewed.update(reviewed_at=timezone.now(), reviewed_by=user)


def release_file_contacts(*, release: Release) -> int:
    """Press contacts an import filed under the unknown issuer belong to the agency an editor
    chose for the release: moved there (or, where that agency has the same person or office
    already, the release names that contact). Returns how many were filed."""
    if release.agency.is_unknown_issuer:
        return 0
    filed = 0
    links = release.release_contacts.select_related("contact").filter(contact__agency__is_unknown_issuer=True)
    for link in links:
        contact = link.contact
        same = PressContact.objects.filter(agency=release.agency)
        same = same.filter(person=contact.person) if contact.person_id else same.filter(office=contact.office)
        if (known := same.first()) is not None:
            if release.release_contacts.filter(contact=known).exists():
                link.delete()  # named twice once filed: once is enough
            else:
                link.contact = known
                link.save(update_fields=["contact"])
        else:
            contact.agency = release.agency
            contact.save(update_fields=["agency"])
        filed += 1
    return filed
