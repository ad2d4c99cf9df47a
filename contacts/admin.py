from django import forms
from django.contrib import admin
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from contacts.models import Agency, Person, PressContact, Role
from contacts.phones import shown_phone
from contacts.timezones import time_zone_choices
from pressroom.admin_history import HistoryAdmin
from pressroom.admin_visibility import VisibleDeletionAdmin


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["agency", "person"]


class PressContactInline(admin.TabularInline):
    model = PressContact
    extra = 0
    autocomplete_fields = ["person", "agency"]
    fields = [
        "person",
        "office",
        "agency",
        "title",
        "phone",
        "mobile",
        "fax",
        "email",
        "is_active",
        "is_listed",
        "order",
    ]


class DirectoryAdmin(HistoryAdmin, VisibleDeletionAdmin):
    """The directory's admins: each row's history, restorable by press-office staff."""

    class Media:
        css = {"all": ["admin/pressroom.css"]}

    @admin.display(description=_("agency"), ordering="agency__name")
    def agency_display(self, obj):
        return obj.agency.short_name

    @staticmethod
    def international(written: str, e164: str) -> str:
        """A phone as the public site shows it (contacts/phones.py), beside its written form."""
        return shown_phone(written, e164).international or "—"


@admin.register(Agency)
class AgencyAdmin(DirectoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "name",
        "acronym",
        "country",
        "press_phone",
        "press_phone_international",
        "press_email",
        "is_listed",
    ]
    list_filter = ["is_listed", "country"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["acronym"]}
    fields = [
        "name",
        "acronym",
        "slug",
        "country",
        "website",
        "press_page_url",
        ("press_phone", "press_phone_international"),
        "press_email",
        "description",
        "is_listed",
        ("time_zone", "reference_prefix"),
    ]
    readonly_fields = ["press_phone_international"]
    inlines = [PressContactInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "time_zone":  # the tz database's zones, by region; not a free text
            return forms.ChoiceField(
                choices=time_zone_choices,
                label=capfirst(db_field.verbose_name),
                help_text=db_field.help_text,
                initial=db_field.get_default(),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("shown to the public as"))
    def press_phone_international(self, agency):
        return self.international(agency.press_phone, agency.press_phone_e164)


@admin.register(Person)
class PersonAdmin(DirectoryAdmin):
    list_display = ["name", "name_latin", "current_roles", "is_listed"]
    list_filter = ["is_listed"]
    search_fields = ["name", "name_latin", "roles__title", "roles__agency__acronym"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoleInline, PressContactInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles__agency")

    @admin.display(description=_("current roles"))
    def current_roles(self, person):
        return ", ".join(str(role) for role in person.roles.all() if role.is_current) or "—"


@admin.register(Role)
class RoleAdmin(DirectoryAdmin):
    list_display = ["person", "title", "agency_display", "start_date", "end_date"]
    list_filter = ["agency"]
    list_select_related = ["person", "agency"]
    search_fields = [
        "person__name",
        "person__name_latin",
        "title",
        "agency__name",
        "agency__acronym",
    ]
    autocomplete_fields = ["person", "agency"]


@admin.register(PressContact)
class PressContactAdmin(DirectoryAdmin):
    list_display = [
        "name_display",
        "title",
        "agency_display",
        "phone",
        "phone_international",
        "email",
        "is_active",
        "is_listed",
        "order",
    ]
    list_filter = ["is_active", "is_listed", "agency"]
    list_editable = ["is_active", "is_listed", "order"]
    list_select_related = ["person", "agency"]
    search_fields = [
        "person__name",
        "person__name_latin",
        "office",
        "agency__name",
        "agency__acronym",
        "email",
    ]
    autocomplete_fields = ["person", "agency"]
    fields = [
        "person",
        "office",
        "agency",
        "title",
        ("phone", "phone_international"),
        ("mobile", "mobile_international"),
        ("fax", "fax_international"),
        "email",
        "is_active",
        "is_listed",
        "order",
    ]
    readonly_fields = ["phone_international", "mobile_international", "fax_international"]

    @admin.display(description=_("person or office"), ordering="person__name")
    def name_display(self, contact):
        return contact.name

    @admin.display(description=_("shown to the public as"))
    def phone_international(self, contact):
        return self.international(contact.phone, contact.phone_e164)

    @admin.display(description=_("mobile shown to the public as"))
    def mobile_international(self, contact):
        return self.international(contact.mobile, contact.mobile_e164)

    @admin.display(description=_("fax shown to the public as"))
    def fax_international(self, contact):
        return self.international(contact.fax, contact.fax_e164)
