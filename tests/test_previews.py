"""Embargoed previews for journalists: an editor shares a release that is not public yet with a
named journalist, who reads it through their own link, marked as embargoed, until the link is
revoked or expires; the public still sees nothing of it anywhere."""

import hashlib
import re
from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contacts.groups import EDITORS, PRESS_OFFICE, PUBLISHERS
from releases.models import Release
from releases.previews import (
    PreviewAccess,
    PreviewLink,
    preview_link_create,
    preview_link_revoke,
    signer,
)
from releases.services import release_send_back
from tests.factories import AgencyFactory, PersonFactory, QuoteFactory, ReleaseFactory, RoleFactory
from tests.test_views import text_of
from tests.workflow import publisher

pytestmark = pytest.mark.django_db

# 10:00 in Paris, in winter: the banner writes it with its zone.
EMBARGO = datetime(2030, 2, 12, 9, 0, tzinfo=UTC)
TITLE = "Sentinel-9 finds water ice at the lunar south pole"
LEAD = "The probe's radar has mapped ice under the craters that never see the sun."
BODY = "Confirmed by three instruments over four months."
JOURNALIST = {
    "journalist_name": "Claire Martin",
    "journalist_email": "claire@lemonde.example",
    "outlet": "Le Monde",
}


@pytest.fixture
def embargoed(db):
    """Published an hour ago, under embargo until 12 February 2030, 10:00 Paris time."""
    return ReleaseFactory(
        title=TITLE, lead=LEAD, body=BODY, embargo_until=EMBARGO, dateline_date=date(2030, 2, 12)
    )


@pytest.fixture
def editor(staff):
    """The member of staff who shares a scheduled or embargoed release: a publisher, who may
    change a release until it is public (editors change drafts)."""
    return staff(PUBLISHERS)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def journalist(db):
    """An anonymous browser of its own, from a newsroom's address."""
    return Client(REMOTE_ADDR="198.51.100.7", HTTP_USER_AGENT="NewsroomBrowser/1.0")


@pytest.fixture
def clock():
    """timezone.now(), moved on by the test: `clock.now += timedelta(days=2)`."""

    class Clock:
        now = timezone.now()

    held = Clock()
    with mock.patch("django.utils.timezone.now", side_effect=lambda: held.now):
        yield held


def previews_page(release) -> str:
    return reverse("admin:releases_release_previews", args=[release.pk])


def create_in_admin(client, release, **fields) -> str:
    """The editor fills in the form on the release's preview links page; the address they copy."""
    response = client.post(previews_page(release), {"action": "create", **JOURNALIST, **fields}, follow=True)
    assert response.status_code == 200
    shown = re.search(r'<code class="preview-link-url">([^<]+)</code>', response.content.decode())
    assert shown, text_of(response)
    return shown[1]


def share(release, user, **fields) -> str:
    return preview_link_create(release=release, user=user, **{**JOURNALIST, **fields}).path


def test_an_editor_shares_an_embargoed_release_and_the_journalist_reads_it_marked_embargoed(
    editor_client, embargoed, journalist
):
    url = create_in_admin(editor_client, embargoed)
    assert url.startswith("http://testserver/releases/preview-link/")

    response = journalist.get(url)
    assert response.status_code == 200
    page = text_of(response)
    assert TITLE in page and LEAD in page and BODY in page
    assert "EMBARGOED — not for publication before 10:00 CET, 12 February 2030" in page
    assert "Shared with Claire Martin (Le Monde) only: please do not forward this link." in page
    content = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in content
    assert 'rel="canonical"' not in content and "og:title" not in content  # nothing to share
    assert "Edit in the admin" not in page  # the staff's preview banner is not the journalist's
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert response["Referrer-Policy"] == "no-referrer"

    # The editor sees who opened it, when and from where.
    access = PreviewAccess.objects.get()
    assert (access.link.journalist_name, access.ip_address) == ("Claire Martin", "198.51.100.7")
    assert access.user_agent == "NewsroomBrowser/1.0"
    assert abs(access.at - timezone.now()) < timedelta(minutes=1)
    log = text_of(editor_client.get(previews_page(embargoed)))
    assert "Claire Martin (Le Monde)" in log and "198.51.100.7" in log and "NewsroomBrowser/1.0" in log


def test_the_address_is_shown_once_and_the_database_keeps_only_a_digest(editor_client, embargoed):
    url = create_in_admin(editor_client, embargoed)
    token = url.rstrip("/").rsplit("/", 1)[1]
    key = signer().unsign(token).partition(".")[2]
    link = PreviewLink.objects.get()
    assert len(key) >= 43  # 32 random bytes
    assert link.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(PreviewLink.objects.values().get())  # nowhere in the row
    assert token not in editor_client.get(previews_page(embargoed)).content.decode()
    assert (
        token
        not in editor_client.get(
            reverse("admin:releases_previewlink_change", args=[link.pk])
        ).content.decode()
    )


def test_a_scheduled_release_is_shared_marked_with_its_publication_time(editor, journalist):
    scheduled = ReleaseFactory(title=TITLE, published_at=datetime(2030, 7, 1, 8, 0, tzinfo=UTC))
    response = journalist.get(share(scheduled, editor))
    assert "EMBARGOED — not for publication before 10:00 CEST, 1 July 2030" in text_of(response)


def test_after_revoking_the_same_link_shows_the_revoked_page_and_not_the_text(
    editor_client, embargoed, journalist
):
    url = create_in_admin(editor_client, embargoed)
    assert journalist.get(url).status_code == 200
    link = PreviewLink.objects.get()

    response = editor_client.post(
        previews_page(embargoed), {"action": "revoke", "link": link.pk}, follow=True
    )
    assert "The preview link for Claire Martin (Le Monde) is revoked" in text_of(response)

    refused = journalist.get(url)
    assert refused.status_code == 410
    page = text_of(refused)
    assert "This preview link has been revoked" in page
    for text in (TITLE, LEAD, BODY, "Claire Martin"):
        assert text not in page
    assert refused["X-Robots-Tag"] == "noindex, nofollow" and "no-store" in refused["Cache-Control"]
    assert PreviewAccess.objects.count() == 1  # the refusal is not an opening
    link.refresh_from_db()
    assert link.state() == PreviewLink.State.REVOKED and link.revoked_by.username == "publishers"


def test_an_expired_link_shows_the_expired_page_and_not_the_text(editor, embargoed, journalist, clock):
    url = share(embargoed, editor, expires_at=clock.now + timedelta(hours=2))
    assert journalist.get(url).status_code == 200

    clock.now += timedelta(hours=2)
    refused = journalist.get(url)
    assert refused.status_code == 410
    assert "This preview link has expired" in text_of(refused)
    assert TITLE not in text_of(refused) and LEAD not in text_of(refused)


def test_a_tampered_or_made_up_link_is_not_found(editor, embargoed, journalist):
    url = share(embargoed, editor)
    token = url.rstrip("/").rsplit("/", 1)[1]
    value, signature = token.rsplit(":", 1)
    pk, key = value.split(".", 1)
    flipped = "A" if signature[0] != "A" else "B"
    other_link = PreviewLink.objects.get().pk + 1
    tampered = [
        f"{value}:{flipped}{signature[1:]}",  # the signature changed
        f"{pk}.{key[:-1]}x:{signature}",  # the key changed, the signature kept
        signer().sign(f"{pk}.{'x' * 43}"),  # signed by the site, but with a key it never gave
        signer().sign(f"{other_link}.{key}"),  # the key moved to another link
        f"{value}",  # no signature
        "not-a-link",
        "9" * 300,
    ]
    for token in tampered:
        response = journalist.get(reverse("releases:preview-link", kwargs={"token": token}))
        assert response.status_code == 404, token
        assert "This preview link is not valid" in text_of(response)
        assert TITLE not in text_of(response)
    assert not PreviewAccess.objects.exists()


def test_a_draft_or_a_public_release_cannot_be_shared(editor_client, editor):
    for release in (
        ReleaseFactory(draft=True),
        ReleaseFactory(status=Release.Status.REVIEW),
        ReleaseFactory(),
    ):
        with pytest.raises(ValidationError):
            share(release, editor)
        page = editor_client.get(previews_page(release))
        assert "only a scheduled or embargoed release can be shared" in text_of(page)
        response = editor_client.post(previews_page(release), {"action": "create", **JOURNALIST})
        assert response.status_code == 200
        assert "Only a scheduled or embargoed release can be shared before it is public." in text_of(response)
    assert not PreviewLink.objects.exists()


def test_a_link_to_a_release_sent_back_to_draft_shows_no_text(editor, embargoed, journalist):
    url = share(embargoed, editor)
    release_send_back(release=embargoed, user=publisher(), comment="The figures are wrong.")
    refused = journalist.get(url)
    assert refused.status_code == 404
    assert "This release cannot be previewed at the moment" in text_of(refused)
    assert TITLE not in text_of(refused)


def test_once_the_embargo_is_over_the_link_leads_to_the_public_page(editor, journalist, clock):
    release = ReleaseFactory(title=TITLE, embargo_until=clock.now + timedelta(hours=1))
    url = share(release, editor)
    clock.now += timedelta(hours=1)
    response = journalist.get(url)
    assert response.status_code == 302 and response["Location"] == release.get_absolute_url()
    assert not PreviewAccess.objects.exists()


def test_behind_the_proxy_the_log_keeps_the_address_the_proxy_saw(editor, embargoed, journalist, settings):
    url = share(embargoed, editor)
    forwarded = {"HTTP_X_FORWARDED_FOR": "10.0.0.1, 203.0.113.9"}
    journalist.get(url, **forwarded)  # not behind a proxy: the header is the client's word, ignored
    settings.BEHIND_PROXY = True
    journalist.get(url, **forwarded)
    journalist.get(url, HTTP_X_FORWARDED_FOR="not an address")  # logged without one, not a 500
    addresses = list(PreviewAccess.objects.order_by("pk").values_list("ip_address", flat=True))
    assert addresses == ["198.51.100.7", "203.0.113.9", None]


def test_the_shared_release_stays_off_the_list_search_feeds_and_sitemap(
    client, editor, embargoed, journalist
):
    assert journalist.get(share(embargoed, editor)).status_code == 200
    for url in [
        reverse("home"),
        reverse("releases:list"),
        reverse("releases:feed-rss"),
        reverse("releases:feed-atom"),
        reverse("sitemap"),
        reverse("sitemap-section", kwargs={"section": "releases-2030-02"}),
    ]:
        content = client.get(url).content.decode()
        assert TITLE not in content and LEAD not in content and "lunar" not in content, url
    assert client.get(embargoed.get_absolute_url()).status_code == 404
    for words in ["Sentinel", "lunar ice"]:
        assert "0 releases" in text_of(client.get(reverse("releases:list"), {"q": words}))


def test_the_preview_shows_no_other_hidden_release(editor, embargoed, journalist):
    public_version = ReleaseFactory(
        language="de", title="Sentinel-9 findet Wassereis", translation_of=embargoed
    )
    ReleaseFactory(
        language="fr", title="Version française sous embargo", translation_of=embargoed, embargo_until=EMBARGO
    )
    ReleaseFactory(language="es", title="Borrador en español", translation_of=embargoed, draft=True)
    unlisted = AgencyFactory(name="Hidden Partner Agency", is_listed=False)
    speaker = PersonFactory(name="Dr Ana Ruiz")
    RoleFactory(person=speaker, agency=unlisted, title="Secret programme lead")
    QuoteFactory(release=embargoed, person=speaker, text="The ice is there.")

    page = journalist.get(share(embargoed, editor)).content.decode()
    assert public_version.get_absolute_url() in page  # the public version is linked, as on the page
    for hidden in ("Version française sous embargo", "Borrador en español", "Secret programme lead"):
        assert hidden not in page
    assert 'hreflang="fr"' not in page and 'hreflang="es"' not in page


def test_only_those_who_may_change_releases_manage_preview_links(client, embargoed, staff, django_user_model):
    link = preview_link_create(release=embargoed, user=staff(EDITORS), **JOURNALIST).link
    reader = django_user_model.objects.create_user(username="reader", password="pw", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_release"))  # may read, not change
    for user in (staff(PRESS_OFFICE), reader):
        client.force_login(user)
        assert client.get(previews_page(embargoed)).status_code == 403
        assert client.post(previews_page(embargoed), {"action": "create", **JOURNALIST}).status_code == 403
        assert client.post(previews_page(embargoed), {"action": "revoke", "link": link.pk}).status_code == 403
        assert client.get(reverse("admin:releases_previewlink_changelist")).status_code == 403
        assert client.get(reverse("admin:releases_previewlink_change", args=[link.pk])).status_code == 403
        revoke = {"action": "revoke", "_selected_action": [link.pk]}
        assert client.post(reverse("admin:releases_previewlink_changelist"), revoke).status_code == 403
        with pytest.raises(PermissionDenied):
            preview_link_revoke(link=link, user=user)
    client.logout()
    assert client.get(previews_page(embargoed)).status_code == 302  # to the login page
    assert PreviewLink.objects.get().state() == PreviewLink.State.ACTIVE
    assert PreviewLink.objects.count() == 1


def test_bad_input_is_a_form_error_or_not_found_never_a_server_error(editor_client, editor, embargoed):
    page = previews_page(embargoed)
    cases = [
        {"journalist_email": "not an e-mail"},
        {"journalist_name": ""},
        {"expires_at": "yesterday at noon"},
        {"expires_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")},
        {"expires_at": (timezone.localtime() + timedelta(days=31)).strftime("%Y-%m-%dT%H:%M")},
    ]
    for fields in cases:
        response = editor_client.post(page, {"action": "create", **JOURNALIST, **fields})
        assert response.status_code == 200, fields
        assert "errorlist" in response.content.decode(), fields
    assert not PreviewLink.objects.exists()
    elsewhere = share(ReleaseFactory(embargoed=True), editor)  # another release's link
    for link in ("x", "", "1e3", "٣", str(PreviewLink.objects.get().pk)):
        assert editor_client.post(page, {"action": "revoke", "link": link}).status_code == 404
    assert PreviewLink.objects.active().count() == 1 and elsewhere
    assert editor_client.post(page, {"action": "explode"}).status_code == 404
    assert editor_client.post(reverse("releases:preview-link", kwargs={"token": "x"})).status_code == 405


def test_the_editor_finds_the_preview_links_from_the_release_and_lists_them_by_state(
    editor_client, editor, embargoed, clock
):
    change_form = editor_client.get(reverse("admin:releases_release_change", args=[embargoed.pk]))
    assert previews_page(embargoed) in change_form.content.decode()

    share(embargoed, editor, journalist_name="Active Anna")
    revoked = preview_link_create(
        release=embargoed, user=editor, **{**JOURNALIST, "journalist_name": "Revoked Rita"}
    )
    preview_link_revoke(link=revoked.link, user=editor)
    share(embargoed, editor, journalist_name="Expired Emil", expires_at=clock.now + timedelta(hours=1))
    clock.now += timedelta(hours=2)

    changelist = reverse("admin:releases_previewlink_changelist")
    everyone = text_of(editor_client.get(changelist))
    assert all(name in everyone for name in ("Active Anna", "Revoked Rita", "Expired Emil"))
    for state, name in [("active", "Active Anna"), ("revoked", "Revoked Rita"), ("expired", "Expired Emil")]:
        listed = text_of(editor_client.get(changelist, {"state": state}))
        assert [n for n in ("Active Anna", "Revoked Rita", "Expired Emil") if n in listed] == [name], state

    # Revoked from the list: the action revokes only what is still active.
    selected = list(PreviewLink.objects.values_list("pk", flat=True))
    response = editor_client.post(changelist, {"action": "revoke", "_selected_action": selected}, follow=True)
    assert "1 preview link revoked." in text_of(response)
    assert PreviewLink.objects.active().count() == 0
    assert PreviewLink.objects.revoked().count() == 2 and PreviewLink.objects.expired().count() == 1


def test_a_link_is_read_only_in_the_admin_and_goes_with_its_release(
    editor_client, admin_client, editor, embargoed, journalist
):
    link = PreviewLink.objects.get(
        pk=preview_link_create(release=embargoed, user=editor, **JOURNALIST).link.pk
    )
    journalist.get(share(embargoed, editor))
    page = editor_client.get(reverse("admin:releases_previewlink_change", args=[link.pk]))
    assert page.status_code == 200 and "Claire Martin" in text_of(page)
    assert reverse("admin:releases_previewlink_delete", args=[link.pk]) not in page.content.decode()
    assert (
        editor_client.post(
            reverse("admin:releases_previewlink_delete", args=[link.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert editor_client.get(reverse("admin:releases_previewlink_add")).status_code == 403

    # Deleting the release (only a superuser may, once it is out of draft) deletes its links and
    # their log with it.
    response = admin_client.post(
        reverse("admin:releases_release_delete", args=[embargoed.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Release.objects.filter(pk=embargoed.pk).exists()
    assert not PreviewLink.objects.exists() and not PreviewAccess.objects.exists()


def test_the_preview_page_runs_a_fixed_number_of_queries(
    editor, embargoed, journalist, django_assert_max_num_queries
):
    url = share(embargoed, editor)
    QuoteFactory.create_batch(3, release=embargoed)
    with django_assert_max_num_queries(11):  # the public page's (9), the link and its log
        assert journalist.get(url).status_code == 200


def test_a_french_journalist_reads_the_banner_in_french(editor, embargoed, journalist):
    response = journalist.get(share(embargoed, editor), HTTP_ACCEPT_LANGUAGE="fr")
    assert "SOUS EMBARGO — ne pas publier avant le 12 février 2030 à 10 h 00 CET" in text_of(response)
