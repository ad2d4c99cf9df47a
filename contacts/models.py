"""The directory: agencies, the people who work there, and their press contacts."""

import itertools
import re
from collections.abc import Iterator

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.query import ModelIterable
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contacts.countries import country_choices
from contacts.names import name_language, needs_language
from contacts.phones import phone_to_e164, strip_phone_label
from contacts.timezones import default_time_zone, validate_time_zone
from pressroom.history import HistoricalRecords


def slug_for(text: str, *, max_length: int = 200, default: str = "item") -> str:
    """`text` as a slug, room left for a suffix (non-Latin scripts kept)."""
    return slugify(text, allow_unicode=True)[: max_length - 6] or default


def slug_candidates(base: str, *, max_length: int = 200) -> Iterator[str]:
    """`base`, then `base-2`, `base-3`… each within `max_length`."""
    yield base[:max_length]
    for n in itertools.count(2):
        suffix = f"-{n}"
        yield f"{base[: max_length - len(suffix)]}{suffix}"


# slug_candidates_holders() finds the suffixes up to this one.
MAX_SUFFIX_LENGTH = len("-999999")


def slug_candidates_holders(rows, base: str, *, max_length: int = 200):
    """The rows of `rows` whose slug is one of slug_candidates(base): one query, one index range
    (the slugs that start with `base`), however many suffixes are taken."""
    stem = base[: max_length - MAX_SUFFIX_LENGTH]  # what every candidate starts with
    cut = len(base[:max_length]) - len(stem)  # the characters of `base` a long suffix takes
    suffixed = Q(slug__startswith=stem, slug__regex=rf"^{re.escape(stem)}.{{0,{cut}}}-[0-9]+$")
    return rows.filter(Q(slug=base[:max_length]) | suffixed)


def unique_slug(model, text: str, *, exclude_pk=None, max_length: int = 200) -> str:
    """A slug for `text` that no other row of `model` uses, found in one query."""
    base = slug_for(text, max_length=max_length)
    others = model._default_manager.exclude(pk=exclude_pk)
    taken = set(slug_candidates_holders(others, base, max_length=max_length).values_list("slug", flat=True))
    return next(slug for slug in slug_candidates(base, max_length=max_length) if slug not in taken)


class PhoneFieldsMixin:
    """Keeps each written phone number (`<name>`) and its E.164 form (`<name>_e164`) in step."""

    phone_fields: tuple[str, ...] = ()

    def phone_region(self) -> str:
        return ""

    def derive_phones(self, *, strict: bool):
        """Strip labels, fill the E.164 forms; with `strict`, raise on a number that isn't one."""
        errors = {}
        for name in self.phone_fields:
            written = strip_phone_label(getattr(self, name))
            setattr(self, name, written)
            try:
                e164 = phone_to_e164(written, self.phone_region())
            except ValidationError as error:
                errors[name], e164 = error, ""
            setattr(self, f"{name}_e164", e164)
        if errors and strict:
            raise ValidationError(errors)

    def clean(self):
        super().clean()
        self.derive_phones(strict=True)

    def save(self, *args, **kwargs):
        self.derive_phones(strict=False)
        super().save(*args, **kwargs)


def public_releases():
    """Release.objects.public(), the one definition of what the public may see."""
    return apps.get_model("releases", "Release").objects.public()


LISTED_HELP = _(
    "Listed: always shown in the public directory. Unlisted (as the importer creates rows): "
    "shown only while a public release names it, never because of a draft or embargoed one."
)


class AgencyQuerySet(models.QuerySet):
    @staticmethod
    def issued_or_named():
        """An agency that issued or is named by a release the public may see (semi-joins)."""
        public = public_releases()
        return Exists(public.filter(agency=OuterRef("pk"))) | Exists(
            public.filter(mentioned_agencies=OuterRef("pk"))
        )

    def public(self):
        """Listed by the press office, or issuing, named by or giving contacts to a public release;
        never the importer's "Unknown issuer (to review)", whatever an editor left filed under it."""
        public = public_releases()
        return self.filter(
            Q(is_listed=True)
            | self.issued_or_named()
            | Exists(public.filter(contacts__agency=OuterRef("pk")))
        ).exclude(is_unknown_issuer=True)

    def with_public_releases(self):
        """The agencies a journalist can filter the releases by."""
        return self.filter(self.issued_or_named())

    def unknown_issuer(self) -> "Agency":
        """The unlisted agency the importer files a release under when the document names no
        issuer: one row, created the first time it is needed."""
        agency, _created = self.get_or_create(
            is_unknown_issuer=True,
            defaults={"name": gettext("Unknown issuer (to review)"), "is_listed": False},
        )
        return agency


class Agency(PhoneFieldsMixin, models.Model):
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        choices=country_choices,
        help_text=_("Phone numbers written without a country code are read as this country's."),
    )
    website = models.URLField(_("website"), blank=True)
    press_page_url = models.URLField(_("press page"), blank=True)
    press_phone = models.CharField(_("press desk phone"), max_length=50, blank=True)
    press_phone_e164 = models.CharField(max_length=20, blank=True, editable=False)
    press_email = models.EmailField(_("press desk e-mail"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_listed = models.BooleanField(_("listed"), default=True, help_text=LISTED_HELP)
    # Embargo and publication times are entered and shown in it (contacts/timezones.py).
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("Embargo and publication times of the agency's releases are entered and shown in it."),
    )
    # Numbered references (releases/references.py): "PR" in "PR084 - 2013".
    reference_prefix = models.CharField(
        _("reference prefix"),
        max_length=20,
        blank=True,
        default="PR",
        help_text=_(
            "The letters before the number of the references given to its releases when they are "
            "first published: “PR” gives “PR084 - 2013”."
        ),
    )
    # The one agency the importer files a release under when the document names no issuer
    # ("Unknown issuer (to review)"): such a release stays a draft until an editor chooses
    # its agency (Release.clean() refuses to publish it).
    is_unknown_issuer = models.BooleanField(_("unknown issuer"), default=False, editable=False)

    phone_fields = ("press_phone",)

    objects = AgencyQuerySet.as_manager()
    # Who changed what, when (pressroom/admin_history.py); the E.164 forms are derived on save.
    history = HistoricalRecords(excluded_fields=["press_phone_e164"])

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["acronym"], condition=~Q(acronym=""), name="agency_acronym_unique"
            ),
            models.UniqueConstraint(
                fields=["is_unknown_issuer"],
                condition=Q(is_unknown_issuer=True),
                name="one_unknown_issuer_agency",
            ),
        ]

    def __str__(self):
        if self.acronym and self.acronym != self.name:
            return f"{self.name} ({self.acronym})"
        return self.name

    @property
    def short_name(self) -> str:
        return self.acronym or self.name

    def get_absolute_url(self):
        return reverse("contacts:agency", kwargs={"slug": self.slug})

    def phone_region(self) -> str:
        return self.country

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Agency, self.acronym or self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)


class PersonQuerySet(models.QuerySet):
    def public(self):
        """Listed, a listed press contact, or named, quoted or given as contact by a public release."""
        public = public_releases()
        return self.filter(
            Q(is_listed=True)
            | Exists(PressContact.objects.filter(person=OuterRef("pk"), is_listed=True, is_active=True))
            | Exists(public.filter(mentioned_people=OuterRef("pk")))
            | Exists(public.filter(quotes__person=OuterRef("pk")))
            | Exists(public.filter(contacts__person=OuterRef("pk")))
        )


class Person(models.Model):
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("As the person writes it, in any script: “Jean-Yves Le Gall”, “奥村直樹”."),
    )
    name_latin = models.CharField(
        _("name in Latin script"),
        max_length=200,
        blank=True,
        help_text=_("Transliteration for names written in another script: “Naoki Okumura”."),
    )
    name_language = models.CharField(
        _("language of the name"),
        max_length=35,
        blank=True,
        validators=[
            RegexValidator(
                r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$",
                _("Write a language code: “ja”, “zh”, “zh-Hant”, “ko”, “ru”."),
            )
        ],
        help_text=_(
            "For a name in another script than Latin: the language it is written in, as a code "
            "(“ja” for 奥村直樹), so browsers draw its characters and screen readers speak it "
            "right. Left blank, it is filled when the script tells (kana: Japanese, hangul: "
            "Korean) or the country of the person's agency does; otherwise, fill it in."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    is_listed = models.BooleanField(_("listed"), default=True, help_text=LISTED_HELP)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        if self.name_latin and self.name_latin != self.name:
            return f"{self.name} ({self.name_latin})"
        return self.name

    def get_absolute_url(self):
        return reverse("contacts:person", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Person, self.name_latin or self.name, exclude_pk=self.pk)
        if not self.name_language and needs_language(self.name):
            self.name_language = name_language(self.name, countries=self.agency_countries())
        super().save(*args, **kwargs)

    def agency_countries(self) -> list[str]:
        """Countries of the agencies the person holds a role at or is a press contact for."""
        if self.pk is None:
            return []
        agencies = Agency.objects.filter(Q(roles__person=self) | Q(press_contacts__person=self))
        return list(agencies.exclude(country="").values_list("country", flat=True).distinct())

    def role_on(self, day):
        """The role held on `day` (today when None), from prefetched `roles` when there are any."""
        day = day or timezone.localdate()
        for role in self.roles.all():
            if role.held_on(day):
                return role
        return None


class PublicRoleIterable(ModelIterable):
    """Roles as they are read, those public() would not keep left out (public_when_read())."""

    def __iter__(self):
        roles = list(super().__iter__())
        # Agency.objects.public() keeps every listed agency but the importer's unknown issuer:
        # only roles at another agency need asking about, in one query (most pages have none).
        asked = {
            role.agency_id for role in roles if not role.agency.is_listed or role.agency.is_unknown_issuer
        }
        if asked:
            public = Agency.objects.public().filter(pk__in=asked).values_list("pk", flat=True)
            asked -= set(public)
        return iter([role for role in roles if role.agency_id not in asked])


class RoleQuerySet(models.QuerySet):
    def public(self):
        """Roles at agencies the public may see: a role never names an unlisted agency."""
        return self.filter(agency__in=Agency.objects.public())

    def public_when_read(self):
        """The roles public() keeps, with their agency, told apart as they are read rather than
        in SQL: cheap to build, for a prefetch on a public page (a release's speakers, a
        person's roles). Only to be read: a count, values() or a subquery would see every role."""
        roles = self.select_related("agency")
        roles._iterable_class = PublicRoleIterable
        return roles

    def current(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=day)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


class Role(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="roles", verbose_name=_("person")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="roles", verbose_name=_("agency")
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("“President”, “Director of the Space Strategy Office”."),
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    objects = RoleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="role_ends_after_it_starts",
                violation_error_message=_("A role cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return _("%(title)s of %(agency)s") % {
            "title": self.title,
            "agency": self.agency.short_name,
        }

    def held_on(self, day) -> bool:
        return (self.start_date is None or self.start_date <= day) and (
            self.end_date is None or self.end_date >= day
        )

    @property
    def is_current(self) -> bool:
        return self.held_on(timezone.localdate())


class PressContactQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def public(self):
        """Active, and listed or named by a release the public may see."""
        return self.active().filter(
            Q(is_listed=True) | Exists(public_releases().filter(contacts=OuterRef("pk")))
        )


class PressContact(PhoneFieldsMixin, models.Model):
    """A person to call at an agency, or an office or desk given with no person
    ("ESA Media Relations Office", "Pressestelle"): exactly one of `person` and `office`."""

    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="press_contacts",
        verbose_name=_("person"),
        help_text=_("Leave empty for an office or desk given with no person, and name the office."),
    )
    office = models.CharField(
        _("office"),
        max_length=200,
        blank=True,
        help_text=_(
            "An office or desk given as the contact, with no person: “ESA Media Relations Office”, "
            "“Pressestelle”. Leave empty for a person."
        ),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="press_contacts", verbose_name=_("agency")
    )
    phone = models.CharField(
        _("phone"),
        max_length=50,
        blank=True,
        help_text=_(
            "As it should be shown, with its country code (+33 1 44 76 74 04) or in the "
            "agency's national form (01 44 76 74 04); calls dial it in international form."
        ),
    )
    phone_e164 = models.CharField(max_length=20, blank=True, editable=False)
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("As the release gives it: “Head of Media Relations”, “Headquarters, Washington”."),
    )
    mobile = models.CharField(_("mobile"), max_length=50, blank=True)
    mobile_e164 = models.CharField(max_length=20, blank=True, editable=False)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    fax_e164 = models.CharField(max_length=20, blank=True, editable=False)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_listed = models.BooleanField(_("listed"), default=True, help_text=LISTED_HELP)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    phone_fields = ("phone", "mobile", "fax")

    objects = PressContactQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["phone_e164", "mobile_e164", "fax_e164"])

    class Meta:
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        ordering = ["agency__name", "order", "person__name", "office"]
        constraints = [
            models.UniqueConstraint(fields=["person", "agency"], name="one_press_contact_per_agency"),
            models.CheckConstraint(
                condition=Q(person__isnull=False, office="") | Q(person__isnull=True) & ~Q(office=""),
                name="press_contact_person_or_office",
                violation_error_message=_(
                    "A press contact is a person or an office: choose the person, or name the "
                    "office and leave the person empty."
                ),
            ),
            models.UniqueConstraint(
                fields=["agency", "office"],
                condition=~Q(office=""),
                name="one_press_office_per_agency",
                violation_error_message=_("This agency already has an office contact of this name."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.agency.short_name})"

    @property
    def name(self) -> str:
        """The person's name, or the office's: what a page shows as the contact."""
        return self.person.name if self.person_id else self.office

    def get_absolute_url(self):
        return self.agency.get_absolute_url() + "#press-contacts"

    def phone_region(self) -> str:
        return self.agency.country if self.agency_id else ""
