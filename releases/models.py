"""Publishing: press releases, their quotes and topics."""

import html

from django.conf import global_settings, settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from contacts.models import (
    Agency,
    Person,
    PressContact,
    Role,
    slug_candidates,
    slug_candidates_holders,
    slug_for,
    unique_slug,
)
from contacts.timezones import written_day
from pressroom.history import HistoricalRecords
from releases import states
from releases.check_constraints import validate_constraints
from releases.events import ReleaseEvent, latest_event, submitted_by
from releases.markdown import MAX_BODY_CHARS, MAX_LEAD_CHARS, MAX_LIST_DEPTH, render_markdown, too_deep
from releases.press_contacts import ContactCard, contacts_now


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("releases:list") + f"?topic={self.slug}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Topic, self.name, exclude_pk=self.pk, max_length=100)
        super().save(*args, **kwargs)


def release_languages():
    """Every language Django knows, by name: releases come in more than the site's own."""
    return sorted(global_settings.LANGUAGES, key=lambda language: str(language[1]))


def site_release_languages(*, keeping: str = "") -> list[tuple[str, str]]:
    """The languages the admin offers for a release (settings.PRESSROOM_RELEASE_LANGUAGES), by
    name; `keeping` a release's own language when it is another (an imported German release)."""
    names = dict(release_languages())
    codes = list(dict.fromkeys([*settings.PRESSROOM_RELEASE_LANGUAGES, *([keeping] if keeping else [])]))
    return sorted(
        ((code, _(names[code])) for code in codes if code in names), key=lambda language: str(language[1])
    )


# What a release card shows (releases/_release_card.html): its link, labels, dateline, lead and
# issuer, and the publication time its place in the list is told by (releases/pagination.py).
CARD_FIELDS = (
    "title",
    "slug",
    "kind",
    "language",
    "dateline_place",
    "dateline_date",
    "published_at",
    "lead_html",
    "agency__name",
    "agency__acronym",
    "agency__slug",
)

# When a published release reaches the public, in SQL (Release.due_at() in memory).
DUE_AT = Greatest("published_at", Coalesce("embargo_until", "published_at"))


class ReleaseQuerySet(models.QuerySet):
    # Each state once, in releases/states.py: these filter by it, and nothing writes it again.
    def public(self, now=None):
        """The one definition of what the public may see: published, due, and out of embargo."""
        return self.filter(states.condition(states.Visibility.PUBLIC, now))

    def scheduled(self, now=None):
        """Published for a time still ahead."""
        return self.filter(states.condition(states.Visibility.SCHEDULED, now))

    def embargoed(self, now=None):
        """Published, its time come, held back by an embargo still ahead."""
        return self.filter(states.condition(states.Visibility.EMBARGOED, now))

    def drafts(self):
        return self.filter(states.condition(states.Visibility.DRAFT))

    def in_review(self):
        return self.filter(states.condition(states.Visibility.REVIEW))

    def approved(self):
        """Approved, waiting for a publisher to publish or schedule them."""
        return self.filter(states.condition(states.Visibility.APPROVED))

    def withdrawn(self):
        return self.filter(states.condition(states.Visibility.WITHDRAWN))

    def in_state(self, state: "Release.Visibility", now=None):
        return self.filter(states.condition(state, now))

    def with_state(self, now=None):
        """Each release with `state`, the name of its state now (a Release.Visibility value),
        read in the same query."""
        return self.annotate(state=states.state_expression(now))

    def with_public_page(self, now=None):
        """Releases whose own page the public may open: public ones, and withdrawn ones that
        had come out (the page stays, with the withdrawal notice). Lists, feeds, search and the
        sitemap start from public(), never from this."""
        return self.filter(states.public_page(now))

    def going_out(self, *, until, now=None):
        """Scheduled or embargoed releases that reach the public by `until`, first due first,
        each with `goes_out_at`, the time it does (due_at(), in SQL)."""
        now = now or timezone.now()
        waiting = self.filter(
            states.condition(states.Visibility.SCHEDULED, now)
            | states.condition(states.Visibility.EMBARGOED, now)
        )
        return (
            waiting.annotate(goes_out_at=DUE_AT).filter(goes_out_at__lte=until).order_by("goes_out_at", "pk")
        )

    def published_without_review(self):
        """Published without review, and not reviewed by another publisher since: for a later look."""
        return self.exclude(forced_reason="").filter(forced_reviewed_at__isnull=True)

    def sent_back_to(self, user):
        """Drafts a publisher sent back to `user` (who wrote or submitted them), each with the
        comment (`sent_back_comment`) and when (`sent_back_at`)."""
        drafts = self.drafts().annotate(
            last_action=latest_event("action"),
            sent_back_comment=latest_event("comment"),
            sent_back_at=latest_event("at"),
        )
        return drafts.filter(
            Q(created_by=user) | submitted_by(user), last_action=ReleaseEvent.Action.SENT_BACK
        ).order_by("-sent_back_at")

    def language_versions(self, release, request) -> list["Release"]:
        """The versions of a release among these (start from public()), itself included, each with
        its absolute URL for hreflang; none when it has no other. No query when it has no version."""
        if not (release.translation_of_id or getattr(release, "has_translations", True)):
            return []
        versions = sorted(
            self.versions_of(release).only("pk", "slug", "language", "title"), key=lambda v: v.language
        )
        if not [v for v in versions if v.pk != release.pk]:
            return []
        for version in versions:
            version.absolute_url = request.build_absolute_uri(version.get_absolute_url())
            version.is_self = version.pk == release.pk
        return versions

    def versions_of(self, release):
        """The language versions of a release, itself included: the original and its translations.
        Chain it after public() for what the public may see: `Release.objects.public().versions_of(r)`."""
        original_id = release.translation_of_id or release.pk
        return self.filter(Q(pk=original_id) | Q(translation_of_id=original_id))

    def issued_by(self, agency):
        return self.filter(agency=agency)

    def with_reference(self, agency_id, prefix: str, number: str, year):
        """An agency's releases under one reference: a document's versions in every language
        (the unique index's condition spelt out, and no sort, so that SQLite reads the index)."""
        if not number:
            return self.none()
        return (
            self.filter(
                agency_id=agency_id, reference_prefix=prefix, reference_number=number, reference_year=year
            )
            .exclude(reference_number="")
            .order_by()
        )

    def mentioning_agency(self, agency):
        """Releases of other agencies that name it."""
        return self.exclude(agency=agency).filter(
            models.Exists(AgencyMention.objects.filter(release=models.OuterRef("pk"), agency=agency))
        )

    def involving_agency(self, agency):
        """Issued by the agency, or naming it: JAXA's releases include CNES's release about JAXA."""
        named = models.Exists(AgencyMention.objects.filter(release=models.OuterRef("pk"), agency=agency))
        return self.filter(Q(agency=agency) | named)

    def naming_person(self, person):
        """Releases that name or quote the person. Each side is a set of ids read from an index
        alone (PostgreSQL hashes them), tested as the newest-first index is walked."""
        named = PersonMention.objects.filter(person=person).values("release_id")
        quoted = Quote.objects.filter(person=person).values("release_id")
        return self.filter(Q(pk__in=named) | Q(pk__in=quoted))

    def newest_first(self):
        return self.order_by("-dateline_date", "-published_at", "-pk")

    def for_cards(self):
        """What a list of release cards shows (releases/_release_card.html), in one query: only
        those columns, never the body or the search index."""
        return self.select_related("agency").only(*CARD_FIELDS).newest_first()

    def for_text(self):
        """What a release's text shows, on its page and in feeds, in a fixed number of queries:
        its agency, topics, mentions, quotes with their speakers' roles, press contacts and
        public change notes. Never the search index, which only a search reads."""
        return (
            self.select_related("agency")
            .defer("search_vector")
            .prefetch_related(
                "topics",
                "mentioned_agencies",
                "mentioned_people",
                models.Prefetch(
                    "quotes",
                    queryset=Quote.objects.select_related("person").prefetch_related(
                        models.Prefetch("person__roles", queryset=Role.objects.public_when_read())
                    ),
                ),
                models.Prefetch(
                    "release_contacts",
                    queryset=ReleaseContact.objects.select_related("contact__person", "contact__agency"),
                ),
                # Its public change notes ("Updated 29 October 2013: corrected a phone number").
                models.Prefetch(
                    "events", queryset=ReleaseEvent.objects.corrections(), to_attr="correction_notes"
                ),
            )
        )

    def for_page(self):
        """What a release's own page shows: its text, whether it has language versions, and the
        earlier versions its corrections replaced (each with a page of its own)."""
        return (
            self.for_text()
            .annotate(
                has_translations=models.Exists(Release.objects.filter(translation_of=models.OuterRef("pk")))
            )
            .prefetch_related(
                models.Prefetch(
                    "earlier_versions",
                    queryset=EarlierVersion.objects.only(
                        "release_id", "number", "public_from", "replaced_at"
                    ),
                )
            )
        )


class Release(models.Model):
    Status = states.Status  # draft, in review, approved, published, withdrawn
    Visibility = states.Visibility  # the status, with "published" told apart by the clock

    class Kind(models.TextChoices):
        PRESS_RELEASE = "press_release", _("Press release")
        JOINT_PRESS_RELEASE = "joint_press_release", _("Joint press release")
        MEDIA_ADVISORY = "media_advisory", _("Media advisory")
        STATEMENT = "statement", _("Statement")
        PRESS_KIT = "press_kit", _("Press kit")

    # The reference as the agency writes it, "PR083 - 2013", kept in its parts.
    reference_prefix = models.CharField(
        _("reference prefix"),
        max_length=20,
        blank=True,
        help_text=_("The letters before the number: “PR” in “PR083 - 2013”."),
    )
    reference_number = models.CharField(
        _("reference number"),
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^\d+$", _("Digits only, as written: “083”."))],
        help_text=_("“083” in “PR083 - 2013”, with its leading zeros."),
    )
    reference_year = models.PositiveSmallIntegerField(_("reference year"), null=True, blank=True)
    reference_written = models.CharField(
        _("reference as written"),
        max_length=60,
        blank=True,
        help_text=_(
            "The reference exactly as the release writes it (“ESA PR 07-2009”, “IP/21/1187”); "
            "left empty, it is written from its parts (“PR083 - 2013”)."
        ),
    )

    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, default=Kind.PRESS_RELEASE)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=release_languages,
        default="en",
        help_text=_("The language the release is written in; its dateline is written in it too."),
    )
    title = models.CharField(_("title"), max_length=300)
    # Unique among published releases only (release_slug_unique_when_published): a draft's slug
    # holds nothing, so a public slug never tells of a hidden release (see claim_slug()).
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        allow_unicode=True,
        help_text=_("The release's address on the site, made from the title. Keep it once published."),
    )
    dateline_place = models.CharField(
        _("dateline place"),
        max_length=100,
        blank=True,
        help_text=_("The city the release is issued from: “Paris”."),
    )
    # Empty only on a draft: a document imported without a date waits for an editor to set it.
    dateline_date = models.DateField(
        _("dateline date"),
        null=True,
        blank=True,
        help_text=_("The date the release is issued on; it must be set before publishing."),
    )
    lead = models.TextField(_("lead"), blank=True, help_text=_("The opening paragraph, shown in bold."))
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_("Markdown: **bold**, *italic*, lists, [links](https://…)."),
    )
    lead_html = models.TextField(editable=False, blank=True)
    body_html = models.TextField(editable=False, blank=True)
    # PostgreSQL's full-text index of the release, kept by releases/search (unused on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)

    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="releases",
        verbose_name=_("issuing agency"),
        db_index=False,  # release_agency_newest_idx leads with it
    )
    mentioned_agencies = models.ManyToManyField(
        Agency,
        through="AgencyMention",
        blank=True,
        related_name="mentioned_in",
        verbose_name=_("agencies mentioned"),
    )
    mentioned_people = models.ManyToManyField(
        Person,
        through="PersonMention",
        blank=True,
        related_name="mentioned_in",
        verbose_name=_("people mentioned"),
    )
    contacts = models.ManyToManyField(
        PressContact,
        through="ReleaseContact",
        blank=True,
        related_name="releases",
        verbose_name=_("press contacts"),
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="releases", verbose_name=_("topics"))
    press_site_url = models.URLField(
        _("press site"),
        blank=True,
        help_text=_("The agency's press site, as given at the end of the release."),
    )

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the release."),
    )
    embargo_until = models.DateTimeField(
        _("embargoed until"),
        null=True,
        blank=True,
        help_text=_("The release stays hidden from the public until this time."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # --- The editorial workflow (releases/services/workflow.py writes these, and the events) ---
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("written by"),
    )
    first_published_at = models.DateTimeField(
        _("first published or scheduled"), null=True, blank=True, editable=False
    )
    forced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("published without review by"),
    )
    forced_reason = models.TextField(_("why it was published without review"), blank=True, editable=False)
    # Another publisher's later look at a release published without review.
    forced_reviewed_at = models.DateTimeField(
        _("reviewed after publication"), null=True, blank=True, editable=False
    )
    forced_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("reviewed after publication by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    withdrawn_reason = models.TextField(_("reason for the withdrawal"), blank=True, editable=False)
    # --- end of the workflow's fields ---

    # Language versions of one release: each translation points to the original (never to
    # another translation). Linked, unlinked and started by releases/services.py.
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        verbose_name=_("translation of"),
    )
    # When the title, lead, body or quotes last changed (not the status): set by
    # release_record_content(), which compares content_digest.
    content_changed_at = models.DateTimeField(_("text changed"), null=True, blank=True, editable=False)
    content_digest = models.CharField(max_length=64, blank=True, editable=False)
    # On a translation: the original's content_changed_at it was last checked against.
    original_checked_at = models.DateTimeField(_("original checked"), null=True, blank=True, editable=False)
    # --- History, edit lock, mentions found in the text (admin_history.py, mentions.py) ---
    # One more on every save: the admin refuses a form loaded from an older version.
    edit_version = models.PositiveIntegerField(_("edit version"), default=0, editable=False)
    # The mentions an editor declined for the text as it was: {"digest", "agencies", "people"}.
    mentions_declined = models.JSONField(default=dict, blank=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=["lead_html", "body_html", "search_vector", "content_digest", "mentions_declined"]
    )
    # --- end history ---

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["-dateline_date", "-published_at", "-pk"]
        get_latest_by = "published_at"
        # The workflow's transitions (releases/services/workflow.py); submitting needs change_release.
        permissions = [
            ("approve_release", _("Can approve releases and send them back")),
            ("publish_release", _("Can publish and schedule releases")),
            ("correct_release", _("Can correct published releases")),
            ("withdraw_release", _("Can withdraw and restore releases")),
            ("force_publish_release", _("Can publish releases without review")),
        ]
        constraints = [
            models.UniqueConstraint(
                # The English and French versions of a release share its reference.
                fields=["agency", "reference_prefix", "reference_number", "reference_year", "language"],
                condition=~Q(reference_number=""),
                name="release_reference_unique_per_agency",
                violation_error_message=_("This agency already has a release with this reference."),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_release_has_publication_time",
                violation_error_message=_("A published release needs a publication time."),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(dateline_date__isnull=False),
                name="published_release_has_dateline_date",
                violation_error_message=_("A published release needs a dateline date."),
            ),
            models.CheckConstraint(
                condition=Q(reference_number="") | Q(reference_year__isnull=False),
                name="release_reference_has_year",
                violation_error_message=_("A reference number needs its year."),
            ),
            models.CheckConstraint(
                condition=~Q(translation_of=models.F("pk")),
                name="release_not_its_own_translation",
                violation_error_message=_("A release cannot be a version of itself."),
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn")
                | Q(published_at__isnull=False, dateline_date__isnull=False, withdrawn_at__isnull=False),
                name="withdrawn_release_was_published",
                violation_error_message=_("Only a published release can be withdrawn."),
            ),
            models.UniqueConstraint(
                fields=["slug"],
                # A withdrawn release keeps its page, so its address too.
                condition=Q(status__in=["published", "withdrawn"]),
                name="release_slug_unique_when_published",
                violation_error_message=_("A published release already has this address: change the slug."),
            ),
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                name="release_one_version_per_language",
                violation_error_message=_("This release already has a version in this language."),
            ),
        ]
        # What public() reads (status, published_at, embargo_until) is in each index the public
        # pages walk, so that PostgreSQL counts and filters from the index alone, never the rows.
        indexes = [
            models.Index(fields=["status", "published_at"], name="release_public_idx"),
            # Lists are newest first: the index gives them in order without a sort; the list's
            # count and its agency filter (issued or mentioning) read it alone.
            models.Index(
                fields=["-dateline_date", "-published_at", "-id"],
                include=["status", "embargo_until", "agency"],
                name="release_newest_first_idx",
            ),
            # An agency's releases, newest first: its page, its count, the "issued by" filter.
            models.Index(
                fields=["agency", "-dateline_date", "-published_at", "-id"],
                include=["status", "embargo_until"],
                name="release_agency_newest_idx",
            ),
            # The language filter's choices: one probe per language (releases/facets.py).
            models.Index(fields=["language"], name="release_language_idx"),
            # The next embargo to end, for the page cache (releases/caching.py): few rows have one.
            models.Index(
                fields=["embargo_until"], condition=Q(embargo_until__isnull=False), name="release_embargo_idx"
            ),
            # An agency's latest reference and its numbers of a year (releases/references.py),
            # read at each first publication: an index range, not a sort of the agency's archive.
            models.Index(
                fields=["agency", "-reference_year", "-id"],
                condition=~Q(reference_number=""),
                name="release_agency_reference_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("releases:detail", kwargs={"slug": self.slug})

    def validate_constraints(self, exclude=None):
        """Django's validation, its check constraints asked in one statement, not fifteen."""
        validate_constraints(self, exclude)

    def clean(self):
        """Refuse a lead or body that releases/markdown.py would not render whole (the admin's
        form error, the importer's failed line): too long to save without tying up a worker,
        or nested deeper than the parser goes."""
        super().clean()
        errors = {}
        if self.status == self.Status.PUBLISHED and self.dateline_date is None:
            errors["dateline_date"] = ValidationError(
                _("Set the dateline date before publishing."), code="needed_to_publish"
            )
        for name, limit in [("lead", MAX_LEAD_CHARS), ("body", MAX_BODY_CHARS)]:
            text = getattr(self, name) or ""
            if len(text) > limit:
                errors[name] = ValidationError(
                    _("At most %(limit)s characters; this has %(length)s. Shorten it or link to the rest."),
                    code="max_length",
                    params={
                        "limit": number_format(limit, force_grouping=True),
                        "length": number_format(len(text), force_grouping=True),
                    },
                )
            elif too_deep(text):
                errors[name] = ValidationError(
                    _(
                        "Lists or quotations nest too deeply: the public would not see what lies "
                        "deeper than %(depth)s levels of lists. Nest them less."
                    ),
                    code="too_deep",
                    params={"depth": MAX_LIST_DEPTH},
                )
        if self.status == self.Status.PUBLISHED and self.agency_id and self.agency.is_unknown_issuer:
            # An import that found no issuer filed it under "Unknown issuer (to review)".
            errors["agency"] = ValidationError(
                _("Choose the issuing agency: a release is not published under “%(agency)s”."),
                code="unknown_issuer",
                params={"agency": self.agency.name},
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slug_for(self.title, default="release")
        self.lead_html = render_markdown(self.lead, inline=True)
        self.body_html = render_markdown(self.body)
        derived = []
        # Together or not at all; a caller's transaction is enough (no savepoint: a round trip each way).
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            if not self._state.adding:
                self.edit_version = self.next_edit_version()
                derived.append("edit_version")
            if self.status in {self.Status.PUBLISHED, self.Status.WITHDRAWN}:  # those hold their slug
                self.slug = self.claim_slug()
                derived.append("slug")
            if (update_fields := kwargs.get("update_fields")) is not None:
                kwargs["update_fields"] = list(dict.fromkeys([*update_fields, *derived]))
            super().save(*args, **kwargs)

    def next_edit_version(self) -> int:
        """The saved release's edit version plus one, its row locked (PostgreSQL) until the
        transaction ends: concurrent saves take turns, and each adds one."""
        saved = Release.objects.select_for_update().filter(pk=self.pk)
        return (saved.values_list("edit_version", flat=True).first() or 0) + 1

    def claim_slug(self, *, skip: str = "") -> str:
        """The slug this published release takes: its own, unless a release the public has seen
        holds it (then the next free suffix, which tells only of that public release).

        A hidden release never pushes a public one to a suffix: of two published releases that
        want one slug and that the public has not seen yet, the first to reach the public takes
        it, and the other moves on to a suffix. Drafts and releases in review hold no slug at all.
        A database constraint keeps two published releases from ever holding the same slug."""
        now = timezone.now()
        max_length = self._meta.get_field("slug").max_length
        published = Release.objects.filter(status__in=[self.Status.PUBLISHED, self.Status.WITHDRAWN])
        published = published.exclude(pk=self.pk)
        # Who holds each slug it may take, and whether they keep it: the public has seen theirs,
        # or will before this one. Its own slug first (the usual answer: free), then every
        # suffix at once, however many are taken: one query or two.
        keeps = states.public_page(now) | Q(due__lt=self.due_at() or now)

        def holding(rows) -> dict[str, tuple[int, bool]]:
            rows = rows.annotate(due=DUE_AT, kept=models.Case(models.When(keeps, then=True), default=False))
            return {slug: (pk, kept) for slug, pk, kept in rows.order_by().values_list("slug", "pk", "kept")}

        own = self.slug[:max_length]
        holders = holding(published.filter(slug=own))
        if own == skip or holders.get(own, (None, False))[1]:  # kept by another: the suffixes
            holders = holding(slug_candidates_holders(published, self.slug, max_length=max_length))
        for slug in slug_candidates(self.slug, max_length=max_length):
            if slug == skip:
                continue
            if slug not in holders:
                return slug
            pk, kept = holders[slug]
            if kept:
                continue
            holder = published.select_for_update().filter(pk=pk, slug=slug).first()
            if holder is None:  # gone from that slug meanwhile
                return slug
            holder.slug = holder.claim_slug(skip=slug)  # hidden and due later: it moves on
            Release.objects.filter(pk=holder.pk).update(slug=holder.slug)
            return slug
        raise AssertionError("unreachable: slug candidates never end")

    def due_at(self):
        """When a published release reaches the public: its publication time, or its embargo's end."""
        return max((time for time in (self.published_at, self.embargo_until) if time), default=None)

    def is_public(self, now=None) -> bool:
        """Mirrors ReleaseQuerySet.public() for one release already in memory."""
        return self.visibility(now) == self.Visibility.PUBLIC

    def visibility(self, now=None) -> "Release.Visibility":
        """Its state now: the one of releases/states.py whose condition it meets, as the
        querysets (public(), scheduled()…) would find it."""
        return states.state_of(self, now)

    def awaits_later_review(self) -> bool:
        """Mirrors ReleaseQuerySet.published_without_review() for one release in memory."""
        return bool(self.forced_reason) and self.forced_reviewed_at is None

    def has_public_page(self, now=None) -> bool:
        """Mirrors ReleaseQuerySet.with_public_page(): public, or withdrawn after it came out."""
        return states.matches(states.public_page(now), self)

    @cached_property
    def press_contacts_now(self) -> list[ContactCard]:
        """The press contacts its page and feeds show: each with today's details, one no longer
        active replaced by their agency's desk (releases/press_contacts.py)."""
        return contacts_now(self)

    @property
    def lead_text(self) -> str:
        """The lead as plain text, for excerpts and descriptions."""
        return html.unescape(strip_tags(self.lead_html))

    @property
    def reference(self) -> str:
        """'PR083 - 2013', as the agency writes it."""
        if self.reference_written:
            return self.reference_written
        if not self.reference_number:
            return ""
        return f"{self.reference_prefix}{self.reference_number} - {self.reference_year}"

    @property
    def dateline_date_text(self) -> str:
        """The date in the release's own language: '28 October 2013', '5 mars 2014'; '' while a
        draft has none."""
        if self.dateline_date is None:
            return ""
        return written_day(self.dateline_date, self.language)

    @property
    def translation_outdated_since(self):
        """On a translation whose original changed after it was last checked: when it changed."""
        original = self.translation_of
        if original is None or original.content_changed_at is None:
            return None
        if self.original_checked_at is None or original.content_changed_at > self.original_checked_at:
            return original.content_changed_at
        return None

    @property
    def label_language(self) -> str:
        """The language of the release's labels ("Communiqué de presse", "Contacts presse"):
        its own where the site has a catalogue for it, otherwise the interface's."""
        if self.language in dict(settings.LANGUAGES):
            return self.language
        return translation.get_language() or settings.LANGUAGE_CODE

    @property
    def dateline(self) -> str:
        """'Paris, 28 October 2013' or 'Paris, le 5 mars 2014', as in the original; the place
        alone ('Paris', or '') while a draft has no date."""
        if not (self.dateline_place and self.dateline_date):
            return self.dateline_place or self.dateline_date_text
        joiner = ", le " if self.language == "fr" else ", "
        return f"{self.dateline_place}{joiner}{self.dateline_date_text}"


class AgencyMention(models.Model):
    """An agency a release names. Protects the agency: the release's history depends on it."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["release", "agency"], name="agency_mentioned_once")]
        # The releases naming an agency, read from the index alone (ReleaseQuerySet.mentioning_agency).
        indexes = [models.Index(fields=["agency", "release"], name="agency_mention_releases_idx")]

    def __str__(self):
        return _("%(release)s (names %(agency)s)") % {
            "release": self.release,
            "agency": self.agency.short_name,
        }


class PersonMention(models.Model):
    """A person a release names. Protects the person: the release's history depends on them."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["release", "person"], name="person_mentioned_once")]
        # The releases naming a person, read from the index alone (ReleaseQuerySet.naming_person).
        indexes = [models.Index(fields=["person", "release"], name="person_mention_releases_idx")]

    def __str__(self):
        return _("%(release)s (names %(person)s)") % {"release": self.release, "person": self.person.name}


class ReleaseContact(models.Model):
    """A press contact named in a release, in the order the release lists them."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="release_contacts")
    contact = models.ForeignKey(
        PressContact,
        on_delete=models.PROTECT,
        related_name="release_links",
        verbose_name=_("press contact"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["release", "contact"], name="contact_named_once_per_release"),
        ]

    def __str__(self):
        return str(self.contact)


class Quote(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="quotes")
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="quotes",
        verbose_name=_("person quoted"),
        db_index=False,  # quote_person_releases_idx leads with it
    )
    text = models.TextField(_("text"))
    speaker_title = models.CharField(
        _("speaker's title as written"),
        max_length=200,
        blank=True,
        help_text=_(
            "“Director of Launchers”, as the document gives it: kept when the directory has no "
            "role for the speaker on the release's date."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["order", "pk"]
        # The releases quoting a person, read from the index alone (ReleaseQuerySet.naming_person).
        indexes = [models.Index(fields=["person", "release"], name="quote_person_releases_idx")]

    def __str__(self):
        return f"{self.person.name}: “{Truncator(self.text).words(10)}”"

    @property
    def role(self):
        """The speaker's role on the day of the release (today, while a draft has no date)."""
        return self.person.role_on(self.release.dateline_date)


# Models in modules of their own, registered with the app here: the generation of the public
# pages' cache, embargoed previews for journalists, the counters reference numbers are given
# from, and the documents releases were imported from.
from releases.caching import ContentGeneration  # noqa: E402, F401
from releases.earlier_versions import EarlierVersion  # noqa: E402, F401
from releases.previews import PreviewAccess, PreviewLink  # noqa: E402, F401
from releases.references import ReferenceCounter  # noqa: E402, F401
from releases.sources import SourceDocument  # noqa: E402, F401
