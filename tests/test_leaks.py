"""Nothing of a hidden release reaches anyone who may not see it.

A release the public may not see (a draft, in review, approved, scheduled, embargoed, withdrawn:
every state of Release.Visibility but "public") and the directory rows that only hidden
releases name each carry marker words, in every field. The public asks every URL pattern of the
URLconf (tests/public_urls.py walks it), filled with the slugs and ids of public and hidden rows
alike, with every filter and search, and every link those pages give: no marker shows, and no
answer (page, count, filter choice, feed, sitemap, conditional answer) differs from the answer
the same site gives without the hidden releases; only a withdrawn release's own page stays, with
its notice. Press-office staff, who may not view
releases, learn nothing of them in the admin either. A scheduled release appears at its time,
not one second earlier.
"""

import html
import re
from datetime import UTC, date, datetime, timedelta
from unittest import mock
from urllib.parse import unquote, urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.urls import reverse

from contacts.groups import EDITORS, PRESS_OFFICE
from contacts.models import Agency, Person, PressContact
from releases.filters import ReleaseFilter
from releases.models import Quote, Release, Topic
from releases.services import release_restore, release_withdraw
from releases.sitemaps import RELEASES_SECTION, sections
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    PressContactFactory,
    QuoteFactory,
    ReleaseContactFactory,
    ReleaseFactory,
    RoleFactory,
    StaffFactory,
    TopicFactory,
)
from tests.public_urls import filter_queries, public_patterns
from tests.workflow import publish

NOW = datetime(2025, 6, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    """timezone.now(), held still and moved by the test: `clock.now = ...`."""

    class Clock:
        now = NOW

    held = Clock()
    with mock.patch("django.utils.timezone.now", side_effect=lambda: held.now):
        yield held


class Markers:
    """Made-up words, each in one field of one hidden thing: none may reach the public."""

    def __init__(self):
        self.words = []

    def __call__(self, name: str) -> str:
        word = f"Mk{name}"
        self.words.append(word)
        return word

    def in_text(self, text: str, *, but_not_in: str = "") -> list[str]:
        """The markers found in `text`, those written in `but_not_in` (the URL asked) aside."""
        asked, text = unquote(but_not_in).lower(), text.lower()
        return [word for word in self.words if word.lower() in text and word.lower() not in asked]


# How to make a release in each state the public may not see. A new state of Release.Visibility
# fails test_every_hidden_state_is_covered until it is added here. A withdrawn release is made
# by withdrawing a public one (add_hidden_releases): only its own page stays.
HIDDEN_STATES = {
    Release.Visibility.DRAFT: dict(status=Release.Status.DRAFT, published_at=None),
    Release.Visibility.REVIEW: dict(status=Release.Status.REVIEW, published_at=None),
    Release.Visibility.APPROVED: dict(status=Release.Status.APPROVED, published_at=None),
    Release.Visibility.SCHEDULED: dict(published_at=NOW + timedelta(days=1)),
    Release.Visibility.EMBARGOED: dict(
        published_at=NOW - timedelta(hours=1), embargo_until=NOW + timedelta(days=1)
    ),
}


@pytest.fixture
def public_site(db, clock):
    """What the public may see: two agencies, their people and contacts, three releases; and,
    since before any hidden release, a listed person's role at an unlisted agency."""
    alpha = AgencyFactory(
        name="Alpha Launchers", acronym="ALPHA", slug="alpha", press_email="press@alpha.example"
    )
    beta = AgencyFactory(name="Beta Orbital", acronym="BETA", slug="beta")
    markers = Markers()
    unlisted = AgencyFactory(name=markers("roleagency"), acronym="MKROLE", slug="mkrole", is_listed=False)
    ada = PersonFactory(name="Ada Common", slug="ada")
    RoleFactory(person=ada, agency=alpha, title="President", start_date=date(2010, 1, 1))
    RoleFactory(person=ada, agency=unlisted, title=markers("roletitle"), start_date=date(2012, 1, 1))
    pat = PressContactFactory(person=PersonFactory(name="Pat Press", slug="pat"), agency=alpha)
    PressContactFactory(
        person=PersonFactory(name=markers("unlistedcontact"), slug="mkunlistedcontact", is_listed=False),
        agency=alpha,
        is_listed=False,
        email="mkunlistedcontact@alpha.example",
    )
    launchers = TopicFactory(name="Launchers", slug="launchers")
    launch = ReleaseFactory(
        agency=alpha,
        title="Common launch",
        slug="launch",
        dateline_date=date(2013, 10, 28),
        topics=[launchers],
    )
    launch.mentioned_agencies.add(beta)
    launch.mentioned_people.add(ada)
    QuoteFactory(release=launch, person=ada, text="A common launch.")
    ReleaseContactFactory(release=launch, contact=pat)
    ReleaseFactory(agency=beta, title="Common landing", slug="landing", dateline_date=date(2014, 3, 5))
    ReleaseFactory(agency=alpha, title="Common orbit", language="fr", dateline_date=date(2015, 1, 7))
    return dict(alpha=alpha, ada=ada, pat=pat, launchers=launchers, launch=launch, markers=markers)


def add_hidden_releases(site) -> list[Release]:
    """A release in every hidden state, each with its own marker in every field, issued by a
    public agency or an unlisted one, naming and quoting unlisted and listed people, with an
    unlisted press contact, a topic of its own, in a language no public release has; a draft
    translation of a public release; a release that was public and was withdrawn (its own page
    stays: see withdrawn_page()); a draft imported without a date."""
    markers, alpha, ada = site["markers"], site["alpha"], site["ada"]
    agency = AgencyFactory(
        name=markers("hiddenagency"),
        acronym="MKHIDAG",
        slug="mkhiddenagency",
        is_listed=False,
        description=markers("agencydescription"),
        press_email="mkhiddendesk@example.org",
    )
    person = PersonFactory(name=markers("hiddenperson"), slug="mkhiddenperson", is_listed=False)
    RoleFactory(person=person, agency=agency, title=markers("hiddenrole"))
    contact = PressContactFactory(
        person=PersonFactory(name=markers("hiddencontact"), slug="mkhiddencontact", is_listed=False),
        agency=agency,
        title=markers("contacttitle"),
        email="mkhiddencontactmail@example.org",
        is_listed=False,
    )
    topic = TopicFactory(name=markers("hiddentopic"), slug="mkhiddentopic")
    hidden = []
    for n, (state, fields) in enumerate(HIDDEN_STATES.items()):
        release = ReleaseFactory(
            agency=alpha if n % 2 else agency,
            title=f"Common {markers(f'{state}title')}",
            lead=markers(f"{state}lead"),
            body=f"Common {markers(f'{state}body')}",
            dateline_place=markers(f"{state}place"),
            dateline_date=date(2001 + n, 2, 3),
            reference_prefix=markers(f"{state}ref").upper(),
            reference_number="7",
            reference_year=2001 + n,
            press_site_url=f"https://{markers(f'{state}site').lower()}.example/",
            language="de",
            topics=[topic, site["launchers"]],
            **fields,
        )
        hidden.append(release)
    hidden.append(
        ReleaseFactory(
            agency=alpha,
            draft=True,
            title=markers("translationtitle"),
            language="es",
            translation_of=site["launch"],
        )
    )
    was_public = ReleaseFactory(
        agency=alpha, title=f"Common {markers('withdrawntitle')}", slug="withdrawn", language="de"
    )
    superuser = StaffFactory(username="root", is_superuser=True)
    hidden.append(release_withdraw(release=was_public, user=superuser, reason=markers("withdrawnreason")))
    undated = f"Common {markers('undatedtitle')}"  # imported without a date: a draft until one is set
    hidden.append(ReleaseFactory(agency=alpha, draft=True, title=undated, dateline_date=None))
    for release in hidden:
        release.mentioned_agencies.add(agency, alpha)
        release.mentioned_people.add(person, ada)
        QuoteFactory(release=release, person=person, text=markers(f"quote{release.pk}"))
        QuoteFactory(release=release, person=ada, text=markers(f"adaquote{release.pk}"))
        ReleaseContactFactory(release=release, contact=contact)
        ReleaseContactFactory(release=release, contact=site["pat"])
    return hidden


def tokens() -> dict[str, list[str]]:
    """What fills the URL patterns' parameters: every id and every slug there is, public or
    hidden, and every sitemap section, the hidden months' included."""
    slugs = [
        slug
        for model in (Release, Agency, Person, Topic)
        for slug in model.objects.values_list("slug", flat=True)
    ]
    ids = [
        str(pk)
        for model in (Release, Agency, Person, PressContact)
        for pk in model.objects.values_list("pk", flat=True)
    ]
    months = sorted(
        {f"{day:%Y-%m}" for day in Release.objects.values_list("dateline_date", flat=True) if day}
    )
    section_names = [*sections(), *(f"{RELEASES_SECTION}{month}" for month in months)]
    return {"ids": sorted({*ids, "0", "999999"}), "slugs": sorted({*slugs, *section_names, "no-such-thing"})}


def filter_values(markers: Markers) -> dict[str, list[str]]:
    """Values for every filter of the release list: every row's slug, year and language, public
    or hidden, the hidden releases' markers and names as searches."""
    releases = Release.objects.all()
    return {
        "q": [
            "common",
            "Ada",
            "MKHIDAG",
            "Mkhiddenperson",
            "Mkdrafttitle",
            "Mkreviewlead",
            "Mkscheduledbody",
        ],
        "agency": list(Agency.objects.values_list("slug", flat=True)),
        "agency_role": ["issued", "mentioning"],
        "person": list(Person.objects.values_list("slug", flat=True)),
        "topic": list(Topic.objects.values_list("slug", flat=True)),
        "year": sorted({str(day.year) for day in releases.values_list("dateline_date", flat=True) if day}),
        "date_from": ["2001-01-01", "2003-01-01"],
        "date_to": ["2002-12-31", "2005-01-01"],
        "language": sorted(set(releases.values_list("language", flat=True))),
        "kind": [Release.Kind.PRESS_RELEASE, Release.Kind.STATEMENT],
        "order": ["newest"],
    }


def public_paths(markers: Markers) -> list[str]:
    """Every public URL pattern, filled with every token it accepts; the pages without
    parameters also with every filter (the list, its feeds: and the others must ignore them)."""
    paths = []
    for pattern in public_patterns():
        if pattern.parameters:
            paths += pattern.paths(**tokens())
            continue
        path = pattern.fill()
        paths.append(path)
        if pattern.name.startswith("releases:"):
            queries = filter_queries(filter_values(markers))
            queries += [{"agency": "alpha", "agency_role": "mentioning"}, {"q": "common", "order": "newest"}]
            paths += [f"{path}?{'&'.join(f'{k}={v}' for k, v in query.items())}" for query in queries]
    return paths


LINK = re.compile(r'(?:href|src)="([^"]+)"|<loc>([^<]+)</loc>|<link>([^<]+)</link>')


def links(body: str) -> set[str]:
    """The site's own addresses a response gives (links, sitemap locations, feed links)."""
    found = set()
    for match in LINK.finditer(body):
        url = html.unescape(next(group for group in match.groups() if group))
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(("/static/", "/admin/", "/i18n/")):
            continue
        found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


VARYING = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'), ""),  # the language switcher's form
    (re.compile(r"<(updated|lastBuildDate)>[^<]*</\1>"), ""),  # an empty feed is dated "now"
]


def answer(client, path: str) -> tuple:
    """What the public gets for a path: status, the headers that say something, the body."""
    response = client.get(path)
    body = response.content.decode(errors="replace")
    for pattern, replacement in VARYING:
        body = pattern.sub(replacement, body)
    headers = {name: response.get(name) for name in ("Location", "ETag", "Last-Modified", "Content-Type")}
    return response.status_code, headers, body


def crawl(client, paths: list[str], limit: int = 900) -> dict[str, tuple]:
    """Ask every path, then every page they link to (one step), at most `limit` in all."""
    answers = {path: answer(client, path) for path in dict.fromkeys(paths)}
    for path in sorted({link for _, _, body in list(answers.values()) for link in links(body)}):
        if path not in answers and len(answers) < limit:
            answers[path] = answer(client, path)
    return answers


WITHDRAWN_PAGE = "/releases/withdrawn/"  # the one page a hidden release keeps


def test_every_hidden_state_is_covered():
    hidden = {visibility for visibility in Release.Visibility if visibility != Release.Visibility.PUBLIC}
    assert {*HIDDEN_STATES, Release.Visibility.WITHDRAWN} == hidden
    statuses = {fields.get("status", Release.Status.PUBLISHED) for fields in HIDDEN_STATES.values()}
    assert {*statuses, Release.Status.WITHDRAWN} == set(Release.Status.values)


def test_every_public_url_pattern_is_walked():
    """The walk finds the pages the README lists, and no parameter it cannot fill."""
    names = {pattern.name for pattern in public_patterns()}
    assert {"home", "releases:list", "releases:detail", "releases:feed-rss", "contacts:agency"} <= names
    assert {"contacts:person", "contacts:directory", "sitemap", "sitemap-section", "robots"} <= names
    for pattern in public_patterns():
        assert pattern.paths(ids=["1"], slugs=["launch", "releases-2013"]), pattern


def test_no_public_answer_tells_of_a_hidden_release(client, clock, public_site):
    """Every public URL, with the hidden releases and without: no marker, and the same answer."""
    markers = public_site["markers"]
    with transaction.atomic():
        hidden = add_hidden_releases(public_site)
        assert {release.visibility() for release in hidden} == {*HIDDEN_STATES, Release.Visibility.WITHDRAWN}
        with_hidden = crawl(client, public_paths(markers))
        transaction.set_rollback(True)
    assert len(with_hidden) > 250  # the walk and the crawl reached the whole site
    assert any(status == 200 and "mentioning" in path for path, (status, _, _) in with_hidden.items())
    withdrawn_page = with_hidden.pop(WITHDRAWN_PAGE)  # its own page stays, with the notice
    assert withdrawn_page[0] == 200 and "Mkwithdrawnreason" in withdrawn_page[2]
    leaks = {
        path: found
        for path, (_, headers, body) in with_hidden.items()
        if (found := markers.in_text(body + repr(headers), but_not_in=path))
    }
    assert not leaks

    without_hidden = {path: answer(client, path) for path in with_hidden}
    differ = [path for path in with_hidden if with_hidden[path] != without_hidden[path]]
    assert not differ, differ[:10]
    assert not [path for path, (status, _, _) in with_hidden.items() if status >= 500]


def test_a_search_counts_only_public_releases(client, clock, public_site):
    add_hidden_releases(public_site)
    assert "3 releases" in client.get("/releases/", {"q": "common"}).content.decode()


@pytest.mark.parametrize("path", ["/releases/", "/releases/feed/rss/", "/releases/feed/atom/"])
def test_a_filter_on_something_only_hidden_releases_hold_answers_as_for_something_unknown(
    client, clock, public_site, path
):
    add_hidden_releases(public_site)
    filters = [
        ("agency", "mkhiddenagency", "no-such-agency"),
        ("person", "mkhiddenperson", "no-such-person"),
        ("topic", "mkhiddentopic", "no-such-topic"),
        ("year", "2002", "2077"),
        ("language", "de", "xx"),
    ]
    for name, hidden, unknown in filters:

        def answered(value, name=name, hidden=hidden, unknown=unknown):
            status, _, body = answer(client, f"{path}?{name}={value}")
            return status, body.replace(hidden, "VALUE").replace(unknown, "VALUE")

        assert answered(hidden) == answered(unknown), name


def test_hidden_pages_of_the_directory_are_not_found(client, clock, public_site):
    add_hidden_releases(public_site)
    for path in ["/agencies/mkhiddenagency/", "/agencies/mkrole/", "/people/mkhiddenperson/"]:
        assert client.get(path).status_code == 404, path
    assert client.get("/people/mkunlistedcontact/").status_code == 404


# A scheduled release appears at its time, not one second earlier (a shifted clock).


@pytest.mark.parametrize("hidden_by", ["published_at", "embargo_until"])
def test_a_release_appears_at_its_time_and_not_one_second_earlier(client, clock, public_site, hidden_by):
    due = NOW + timedelta(hours=3)
    fields = {"published_at": due} if hidden_by == "published_at" else {"embargo_until": due}
    ReleaseFactory(
        agency=public_site["alpha"],
        title="Common Mkduetitle",
        slug="due",
        dateline_date=date(2020, 5, 5),
        **fields,
    )
    paths = [
        "/",
        "/releases/",
        "/releases/?q=Mkduetitle",
        "/releases/due/",
        "/releases/feed/atom/",
        "/releases/feed/rss/",
        "/agencies/alpha/",
        "/sitemap.xml",
        "/sitemap-releases-2020-05.xml",
    ]

    clock.now = due - timedelta(seconds=1)
    early = {path: client.get(path) for path in paths}
    clock.now = due
    on_time = {path: client.get(path) for path in paths}

    linked = re.compile(r'(href="|<loc>|<link>)(http://testserver)?/releases/due/')
    for path in paths:  # every page links to it, the feeds and the sitemap give its address
        assert not linked.search(early[path].content.decode()), path
        assert linked.search(on_time[path].content.decode()) or path == "/sitemap.xml", path
    assert early["/releases/due/"].status_code == 404
    assert on_time["/releases/due/"].status_code == 200
    assert "releases-2020-05" in on_time["/sitemap.xml"].content.decode()


def test_a_feed_reader_is_told_nothing_changed_when_a_hidden_release_is_added(client, clock, public_site):
    """Conditional answers come from public releases only: no 200 betrays a hidden release, and
    the reader's copy is fresh again the second a scheduled release comes due."""
    first = client.get("/releases/feed/atom/")
    etag, modified = first["ETag"], first["Last-Modified"]
    hidden = add_hidden_releases(public_site)
    assert client.get("/releases/feed/atom/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/releases/feed/atom/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    scheduled = next(r for r in hidden if r.visibility() == Release.Visibility.SCHEDULED)
    clock.now = scheduled.published_at
    fresh = client.get("/releases/feed/atom/", HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and scheduled.title in fresh.content.decode()


def test_a_staff_preview_is_never_cached(client, clock, public_site, staff):
    hidden = add_hidden_releases(public_site)
    client.force_login(staff(EDITORS))
    response = client.get(reverse("releases:preview", args=[hidden[0].pk]))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


# Defect 5: an unlisted agency's name never shows through a listed person's role.


def test_a_person_page_lists_only_roles_at_agencies_the_public_may_see(client, clock, public_site):
    page = client.get("/people/ada/").content.decode()
    assert "President" in page and "ALPHA" in page
    assert "MKROLE" not in page and "Mkroletitle" not in page


def test_a_quote_names_no_role_at_an_agency_the_public_may_not_see(client, clock, public_site):
    for path in ["/releases/launch/", "/releases/feed/atom/", "/releases/feed/rss/"]:
        page = client.get(path).content.decode()
        assert "A common launch" in page, path
        assert "MKROLE" not in page and "Mkroletitle" not in page, path
        assert "President" in page, path  # the role she held at a public agency on that day


def test_a_role_shows_once_its_agency_is_listed(client, clock, public_site):
    Agency.objects.filter(slug="mkrole").update(is_listed=True)
    assert "Mkroletitle" in client.get("/people/ada/").content.decode()
    assert "Mkroletitle, MKROLE" in client.get("/releases/launch/").content.decode()


# Defect 4: press-office staff, who may not view releases, learn nothing of them in the admin.


def models_with_pages() -> list:
    return [model for model in apps.get_models() if hasattr(model, "get_absolute_url")]


def view_on_site(model, pk) -> str:
    content_type = ContentType.objects.get_for_model(model)
    return reverse("admin:view_on_site", args=[content_type.pk, pk])


def test_view_on_site_finds_no_release_for_the_press_office(client, clock, public_site, staff):
    hidden = add_hidden_releases(public_site)
    client.force_login(staff(PRESS_OFFICE))
    answers = {
        release.title: client.get(view_on_site(Release, release.pk))
        for release in [*hidden, public_site["launch"]]
    }
    answers["no such release"] = client.get(view_on_site(Release, 999999))
    assert {title: response.status_code for title, response in answers.items()} == dict.fromkeys(answers, 404)
    unasked = re.compile(r'name="(next|csrfmiddlewaretoken)" value="[^"]*"')  # the language switcher's
    pages = {unasked.sub("", response.content.decode()) for response in answers.values()}
    assert len(pages) == 1  # the same page, whether the release exists or not


def test_view_on_site_finds_nothing_for_staff_without_the_permission_to_view_it(
    client, clock, public_site, django_user_model
):
    add_hidden_releases(public_site)
    client.force_login(django_user_model.objects.create_user("nobody", password="pw", is_staff=True))
    models = models_with_pages()
    assert {Release, Agency, Person, PressContact, Topic} <= set(models)
    for model in models:
        pks = [*model.objects.values_list("pk", flat=True), 999999]
        answers = {client.get(view_on_site(model, pk)).status_code for pk in pks}
        assert answers == {404}, model


def test_view_on_site_still_serves_staff_who_may_view(client, clock, public_site, staff):
    hidden = add_hidden_releases(public_site)
    client.force_login(staff(EDITORS))
    draft = hidden[0]
    assert client.get(view_on_site(Release, draft.pk))["Location"] == reverse(
        "releases:preview", args=[draft.pk]
    )
    assert client.get(view_on_site(Release, public_site["launch"].pk))["Location"] == "/releases/launch/"
    assert client.get(view_on_site(Person, public_site["ada"].pk))["Location"].endswith("/people/ada/")


def release_markers(markers: Markers) -> list[str]:
    """What only releases hold: the press office may view the directory, not the releases."""
    directory = {"Mkhiddenagency", "Mkagencydescription", "Mkhiddenperson", "Mkhiddenrole", "Mkhiddencontact"}
    directory |= {"Mkcontacttitle", "Mkroleagency", "Mkroletitle", "Mkunlistedcontact"}
    return [word for word in markers.words if word not in directory]


def admin_paths() -> list[str]:
    """Every admin page of every registered model and row, and every row's view on site."""
    paths = ["/admin/", "/admin/contacts/", "/admin/releases/"]
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        paths += [reverse(f"admin:{info[0]}_{info[1]}_{view}") for view in ("changelist", "add")]
        for pk in model.objects.values_list("pk", flat=True):
            for view in ("change", "delete", "history"):
                paths.append(reverse(f"admin:{info[0]}_{info[1]}_{view}", args=[pk]))
            if hasattr(model, "get_absolute_url"):
                paths.append(view_on_site(model, pk))
        if model_admin.search_fields:
            paths.append(reverse(f"admin:{info[0]}_{info[1]}_changelist") + "?q=common")
    return paths


def test_the_press_office_admin_names_no_hidden_release(client, clock, public_site, staff):
    hidden = add_hidden_releases(public_site)
    client.force_login(staff(PRESS_OFFICE))
    words = release_markers(public_site["markers"])
    leaks = {}
    for path in admin_paths():
        response = client.get(path, follow=True)
        page = response.content.decode().lower() + str(response.redirect_chain).lower()
        if found := [word for word in words if word.lower() in page]:
            leaks[path] = found
        assert response.status_code in (200, 403, 404), path
    assert not leaks
    assert not [release.title for release in hidden if release.slug in str(leaks)]


def test_a_delete_confirmation_counts_the_quotes_and_releases_it_may_not_name(
    client, clock, public_site, staff
):
    add_hidden_releases(public_site)
    client.force_login(staff(PRESS_OFFICE))
    for model, slug in [
        (Person, "ada"),
        (Person, "mkhiddenperson"),
        (Agency, "alpha"),
        (Agency, "mkhiddenagency"),
    ]:
        row = model.objects.get(slug=slug)
        path = reverse(f"admin:contacts_{model._meta.model_name}_delete", args=[row.pk])
        page = client.get(path).content.decode()
        assert not [word for word in release_markers(public_site["markers"]) if word in page], slug
        assert "Common launch" not in page and "A common launch" not in page, slug
        assert "not listed (you may not view them)" in page, slug
        assert ("Quotes: " if model is Person else "Releases: ") in page, slug
        # Still protected: the quotes, mentions and releases keep the person or agency in place.
        client.post(path, {"post": "yes"})
        assert model.objects.filter(pk=row.pk).exists(), slug


def test_the_delete_selected_action_counts_what_it_may_not_name(client, clock, public_site, staff):
    add_hidden_releases(public_site)
    client.force_login(staff(PRESS_OFFICE))
    people = Person.objects.filter(slug__in=["ada", "mkhiddenperson"])
    page = client.post(
        reverse("admin:contacts_person_changelist"),
        {"action": "delete_selected", "_selected_action": [p.pk for p in people]},
    ).content.decode()
    quotes = Quote.objects.filter(person__in=people).count()  # the public one and two a hidden release
    assert quotes > 10 and f"Quotes: {quotes}, not listed (you may not view them)" in page
    assert not [word for word in release_markers(public_site["markers"]) if word in page]
    assert Quote.objects.filter(person__in=people).exists()


def test_a_person_only_the_directory_holds_is_deleted_as_before(client, clock, public_site, staff):
    client.force_login(staff(PRESS_OFFICE))
    person = PersonFactory(name="Lone Person")
    RoleFactory(person=person, agency=public_site["alpha"], title="Adviser")
    path = reverse("admin:contacts_person_delete", args=[person.pk])
    page = client.get(path).content.decode()
    assert "Adviser of ALPHA" in page and "not listed" not in page
    client.post(path, {"post": "yes"})
    assert not Person.objects.filter(pk=person.pk).exists()


def test_editors_see_the_releases_a_topic_belongs_to(client, clock, public_site, staff):
    client.force_login(staff(EDITORS))
    page = client.get(
        reverse("admin:releases_topic_delete", args=[public_site["launchers"].pk])
    ).content.decode()
    assert "not listed" not in page


# Defect 6: a public slug never tells of a hidden release.


def test_a_draft_holds_no_slug_a_public_release_wants(clock, public_site):
    ReleaseFactory(draft=True, title="Common Mars mission")
    public = ReleaseFactory(title="Common Mars mission")
    assert public.slug == "common-mars-mission"


@pytest.mark.parametrize("state", [Release.Visibility.SCHEDULED, Release.Visibility.EMBARGOED])
def test_a_release_public_first_takes_the_slug_from_one_due_later(clock, public_site, state):
    later = ReleaseFactory(title="Common Moon base", **HIDDEN_STATES[state])
    assert later.slug == "common-moon-base"
    now = ReleaseFactory(title="Common Moon base")
    later.refresh_from_db()
    assert (now.slug, later.slug) == ("common-moon-base", "common-moon-base-2")


def test_of_two_scheduled_releases_the_first_due_keeps_the_slug(clock, public_site):
    first = ReleaseFactory(title="Common comet", published_at=NOW + timedelta(hours=1))
    second = ReleaseFactory(title="Common comet", published_at=NOW + timedelta(hours=2))
    first.refresh_from_db()
    assert (first.slug, second.slug) == ("common-comet", "common-comet-2")
    earlier = ReleaseFactory(title="Common comet", published_at=NOW + timedelta(minutes=30))
    first.refresh_from_db()
    assert earlier.slug == "common-comet" and first.slug != "common-comet"


def test_a_slug_a_public_release_holds_gives_a_suffix(clock, public_site):
    assert ReleaseFactory(title="Common launch").slug == "common-launch"
    assert ReleaseFactory(title="Common launch").slug == "common-launch-2"


def test_publishing_a_draft_keeps_a_public_release_s_address(client, clock, public_site):
    draft = ReleaseFactory(
        draft=True, title="Common launch again", slug="launch", agency=public_site["alpha"]
    )
    publish(draft)
    draft.refresh_from_db()
    assert draft.slug == "launch-2"
    assert "Common launch</h1>" in client.get("/releases/launch/").content.decode()
    assert client.get("/releases/launch-2/").status_code == 200


def test_a_release_keeps_its_address_through_withdrawing_and_restoring(clock, public_site):
    launch = public_site["launch"]
    superuser = StaffFactory(username="root", is_superuser=True)
    release_withdraw(release=launch, user=superuser, reason="Issued too early.")
    assert ReleaseFactory(title="Launch", slug="launch").slug == "launch-2"  # a withdrawn page keeps it
    release_restore(release=launch, user=superuser)
    launch.refresh_from_db()
    assert launch.slug == "launch"


def test_two_published_releases_cannot_share_a_slug(clock, public_site):
    other = ReleaseFactory(title="Common other")
    with pytest.raises(IntegrityError), transaction.atomic():
        Release.objects.filter(pk=other.pk).update(slug="launch")
    draft = ReleaseFactory(draft=True, title="Common other draft")
    Release.objects.filter(pk=draft.pk).update(slug="launch")  # a draft's slug holds nothing


def test_a_draft_written_on_a_published_release_s_slug_moves_on_when_published(
    client, clock, public_site, staff
):
    client.force_login(staff(EDITORS))
    launch = public_site["launch"]
    data = {
        "agency": launch.agency.pk,
        "kind": launch.kind,
        "language": "en",
        "title": "Another launch",
        "slug": "launch",
        "lead": "Another lead.",
        "dateline_place": "Paris",
        "dateline_date": "2024-01-01",
    }
    for prefix in ("quotes", "release_contacts", "agencymention_set", "personmention_set"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    assert client.post(reverse("admin:releases_release_add"), data).status_code == 302
    draft = Release.objects.get(title="Another launch")  # a draft's slug holds nothing
    assert (draft.status, draft.slug) == (Release.Status.DRAFT, "launch")
    publish(draft)
    assert (draft.slug, Release.objects.filter(slug="launch").get()) == ("launch-2", launch)


def test_the_filter_list_knows_every_filter(db):
    """filter_values() gives every filter of the list values to try: a new filter fails here."""
    assert set(filter_values(Markers())) == set(ReleaseFilter.base_filters)
