"""Language versions in the release admin: see them in the change form; link, unlink and
start a translation on their own page (editors with change permission only)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from releases.models import Release, site_release_languages
from releases.services import (
    release_link_version,
    release_mark_translation_current,
    release_record_content,
    release_start_translation,
    release_unlink_version,
)


class LinkVersionForm(forms.Form):
    version = forms.ModelChoiceField(
        queryset=Release.objects.all(),
        label=_("Release in another language"),
        widget=AutocompleteSelect(Release._meta.get_field("translation_of"), admin.site),
    )


class StartTranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=site_release_languages)


class LanguageVersionsAdmin:
    """Mixed into ReleaseAdmin: the versions column, page and actions, and the outdated warning."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.versions_view)
        return [path("<int:pk>/versions/", view, name="releases_release_versions"), *super().get_urls()]

    @admin.display(description=_("versions in other languages"))
    def versions_display(self, release):
        versions = Release.objects.versions_of(release).exclude(pk=release.pk).order_by("language")
        listed = format_html_join(
            "",
            '<li><a href="{}" lang="{}">{}</a> · {} · {}</li>',
            (
                (
                    reverse("admin:releases_release_change", args=[v.pk]),
                    v.language,
                    v.title,
                    _("%(language)s, the original") % {"language": v.get_language_display()}
                    if v.pk == release.translation_of_id
                    else v.get_language_display(),
                    v.visibility().label,
                )
                for v in versions
            ),
        )
        manage = reverse("admin:releases_release_versions", args=[release.pk])
        if not listed:
            return format_html(
                '{} <a href="{}">{}</a>', _("None."), manage, _("Link a version or start a translation")
            )
        return format_html(
            '<ul class="release-versions">{}</ul><p><a href="{}">{}</a></p>',
            listed,
            manage,
            _("Link, unlink or start a translation"),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        release = self.release_shown(request, object_id)
        extra_context = extra_context or {}
        if release is not None and release.translation_of_id:
            extra_context["outdated_since"] = release.translation_outdated_since
            extra_context["versions_url"] = reverse("admin:releases_release_versions", args=[release.pk])
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        release_record_content(release=form.instance)  # its translations learn that its text changed

    def versions_view(self, request, pk):
        """Link, unlink and start language versions of a release; editors only."""
        release = get_object_or_404(Release.objects.select_related("translation_of"), pk=pk)
        # Any editor: linking versions changes no release's text or state (however far it went).
        if not self.has_change_permission(request):
            raise PermissionDenied
        other = "fr" if release.language == "en" else "en"  # the site's other language, to start with
        forms_ = {
            "link": LinkVersionForm(prefix="link"),
            "start": StartTranslationForm(prefix="start", initial={"language": other}),
        }
        if request.method == "POST":
            try:
                if response := self.versions_action(request, release, forms_):
                    return response
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
        versions = list(Release.objects.versions_of(release).order_by("language"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Language versions"),
            "subtitle": str(release),
            "release": release,
            "versions": versions if len(versions) > 1 else [],
            "link_form": forms_["link"],
            "start_form": forms_["start"],
            "media": self.media + forms_["link"].media,
        }
        return TemplateResponse(request, "admin/releases/release/versions.html", context)

    def versions_action(self, request, release, forms_):
        """Run the action posted on the versions page; a redirect, or None to show the page again."""
        action = request.POST.get("action")
        if action == "link":
            form = forms_["link"] = LinkVersionForm(request.POST, prefix="link")
            if not form.is_valid():
                return None
            version = form.cleaned_data["version"]
            if version.pk == release.pk:
                raise ValidationError(_("A release cannot be a version of itself."))
            release_link_version(release=release, version=version)
            message = _("“%s” is now a version of this release.") % version
        elif action == "unlink":
            pk = request.POST.get("version", "")
            if not pk.isdecimal():  # a tampered form: not found, never a server error
                raise Http404
            version = get_object_or_404(Release.objects.versions_of(release), pk=pk)
            release_unlink_version(release=version)
            message = _("“%s” is no longer linked to the other versions.") % version
        elif action == "start":
            if not self.has_add_permission(request):  # a translation is a new release
                raise PermissionDenied
            form = forms_["start"] = StartTranslationForm(request.POST, prefix="start")
            if not form.is_valid():
                return None
            translation = release_start_translation(release=release, language=form.cleaned_data["language"])
            message = _("Draft translation created: translate its text and quotes, then publish it.")
            self.message_user(request, message, messages.SUCCESS)
            return redirect("admin:releases_release_change", translation.pk)
        elif action == "mark_current":
            release_mark_translation_current(release=release)
            self.message_user(request, _("Marked as up to date with the original."), messages.SUCCESS)
            return redirect("admin:releases_release_change", release.pk)
        else:
            return None
        self.message_user(request, message, messages.SUCCESS)
        return redirect(request.path)
