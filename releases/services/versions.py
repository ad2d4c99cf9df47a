"""Language versions of a release: each translation points to the original; the original to none."""

import hashlib
import json
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts.models import slug_for
from releases import search
from releases.models import (
    AgencyMention,
    PersonMention,
    Quote,
    Release,
    ReleaseContact,
    release_languages,
)


def release_content_digest(release: Release, *, quotes=None) -> str:
    """A fingerprint of what a translator translates: title, lead, body and quotes (their
    (person id, text) in order, read from the database unless given: a release being created)."""
    if quotes is None:
        quotes = release.quotes.order_by("order", "pk").values_list("person_id", "text")
    content = [release.title, release.lead, release.body, [list(quote) for quote in quotes]]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def release_record_content(*, release: Release, at: datetime | None = None) -> bool:
    """Note when the title, lead, body or quotes changed (a change of status is not one).

    Called after every save of a release's text (admin, importer, services). The first call
    only records the text as it is; later calls that find it different set content_changed_at,
    which tells translations checked before then that they may be out of date.
    """
    digest = release_content_digest(release)
    if digest == release.content_digest:
        return False
    first = not release.content_digest
    release.content_digest = digest
    if not first:
        release.content_changed_at = at or timezone.now()
    Release.objects.filter(pk=release.pk).update(
        content_digest=release.content_digest, content_changed_at=release.content_changed_at
    )
    return not first


def check_one_version_per_language(versions: list[Release]):
    seen = {}
    for version in versions:
        if version.language in seen:
            raise ValidationError(
                _("“%(first)s” and “%(second)s” are both in %(language)s: one version per language.")
                % {
                    "first": seen[version.language].title,
                    "second": version.title,
                    "language": version.get_language_display(),
                }
            )
        seen[version.language] = version


@transaction.atomic
def release_link_version(*, release: Release, version: Release) -> Release:
    """Link `version`, with the versions it already has, as language versions of `release`."""
    original = release.translation_of or release
    group = list(Release.objects.versions_of(original))
    joining = list(Release.objects.versions_of(version))
    if {r.pk for r in group} & {r.pk for r in joining}:
        return version  # already linked
    check_one_version_per_language(group + joining)
    release_record_content(release=original)
    for member in joining:
        member.translation_of = original
        member.original_checked_at = original.content_changed_at  # as current as the editor says
        member.save(update_fields=["translation_of", "original_checked_at", "updated_at"])
    version.refresh_from_db()
    return version


@transaction.atomic
def release_unlink_version(*, release: Release) -> Release:
    """Take a release out of its language versions; the others stay linked to one another."""
    if release.translation_of_id:
        release.translation_of = None
        release.original_checked_at = None
        release.save(update_fields=["translation_of", "original_checked_at", "updated_at"])
        return release
    translations = list(release.translations.order_by("pk"))
    if translations:  # the first translation becomes the others' original
        new_original, *others = translations
        new_original.translation_of = None
        new_original.original_checked_at = None
        new_original.save(update_fields=["translation_of", "original_checked_at", "updated_at"])
        for other in others:
            other.translation_of = new_original
            other.original_checked_at = new_original.content_changed_at
            other.save(update_fields=["translation_of", "original_checked_at", "updated_at"])
    return release


@transaction.atomic
def release_start_translation(*, release: Release, language: str) -> Release:
    """A draft copy of a release in another language, linked to it, for an editor to translate."""
    if language not in dict(release_languages()):
        raise ValidationError(_("Unknown language: “%(language)s”.") % {"language": language})
    original = release.translation_of or release
    versions = list(Release.objects.versions_of(original))
    check_one_version_per_language([*versions, Release(title=release.title, language=language)])
    release_record_content(release=original)
    translation = Release(
        agency=release.agency,
        kind=release.kind,
        language=language,
        title=release.title,
        slug=slug_for(f"{release.title} {language}"),  # a draft's slug holds nothing
        reference_prefix=release.reference_prefix,
        reference_number=release.reference_number,
        reference_year=release.reference_year,
        dateline_place=release.dateline_place,
        dateline_date=release.dateline_date,
        lead=release.lead,
        body=release.body,
        press_site_url=release.press_site_url,
        embargo_until=release.embargo_until,
        status=Release.Status.DRAFT,
        translation_of=original,
        original_checked_at=original.content_changed_at,
    )
    translation.save()
    translation.topics.set(release.topics.all())
    AgencyMention.objects.bulk_create(
        AgencyMention(release=translation, agency_id=pk)
        for pk in release.mentioned_agencies.values_list("pk", flat=True)
    )
    PersonMention.objects.bulk_create(
        PersonMention(release=translation, person_id=pk)
        for pk in release.mentioned_people.values_list("pk", flat=True)
    )
    ReleaseContact.objects.bulk_create(
        ReleaseContact(release=translation, contact_id=rc.contact_id, order=rc.order)
        for rc in release.release_contacts.all()
    )
    Quote.objects.bulk_create(
        Quote(release=translation, person_id=q.person_id, text=q.text, order=q.order)
        for q in release.quotes.all()
    )
    release_record_content(release=translation)
    search.reindex([translation.pk])  # its quotes and mentions were written in bulk, unseen by signals
    return translation


def release_mark_translation_current(*, release: Release) -> Release:
    """An editor checked the translation against the original as it is now."""
    if release.translation_of is None:
        raise ValidationError(_("This release is not a translation."))
    release.original_checked_at = release.translation_of.content_changed_at
    release.save(update_fields=["original_checked_at", "updated_at"])
    return release


def release_link_versions_by_reference(*, release: Release, versions=None) -> None:
    """Link the versions of a document in other languages that share its agency and reference,
    as the importer writes them (`versions`: those releases, when the caller has read them)."""
    if versions is None:
        versions = Release.objects.with_reference(
            release.agency_id, release.reference_prefix, release.reference_number, release.reference_year
        )
    for other in sorted(versions, key=lambda version: version.pk):
        if other.pk != release.pk and other.language != release.language:
            release_link_version(release=other, version=release)
            return
