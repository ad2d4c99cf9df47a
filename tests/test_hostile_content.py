"""Someone writes a script into a release, a name or a contact: every page shows it as text.

Each payload is written into every field a person writes (a release's title, lead, body,
dateline, reference, press site; a quote; an agency's name, acronym, addresses, phone, e-mail and
description; a person's names; a role's title; a press contact's title, phones and e-mail; a
topic's name), then every page that shows them is read: the public pages, the feeds, the
sitemap, the structured data, and the admin as a superuser. The HTML is parsed, and no script
but the site's own, no event handler, no `javascript:`/`data:`/`vbscript:` address, no style
and no embedded frame may come from what was written.

Fields whose validation refuses a payload (a URLField refusing `javascript:`, an EmailField)
hold the nearest value they accept; the admin's refusal of the payload itself is a form error.
"""

import html
import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.etree import ElementTree

import feedparser
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from contacts.models import Agency, Person, PressContact, Role
from releases.models import AgencyMention, PersonMention, Quote, Release, ReleaseContact, Topic
from releases.services import release_start_translation
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "img-onerror": '"><img src=x onerror=alert(1)>',
    "javascript-url": "javascript:alert(1)",
    "javascript-mixed-case": "JaVaScRiPt:alert(1)",
    "javascript-tab-entity": "java&#x09;script:alert(1)",
    "javascript-tab": "java\tscript:alert(1)",
    "javascript-leading-spaces": "   javascript:alert(1)",
    "data-url": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript-url": "vbscript:msgbox(1)",
    "style-element": "<style>body{display:none}</style>",
    "style-attribute": '<p style="position:fixed;top:0">x</p>',
    "style-breakout": 'x" style="position:fixed;top:0" x="',
    "svg-onload": "<svg onload=alert(1)>",
    "markdown-link": "[x](javascript:alert(1))",
    "markdown-link-obfuscated": (
        "[x](JaVaScRiPt:alert(1)) [y](java&#x09;script:alert(1)) [z]( javascript:alert(1))"
    ),
    "markdown-image": "![x](javascript:alert(1))",
    "markdown-data-link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "markdown-reference-link": "[x][1]\n\n[1]: javascript:alert(1)",
    "markdown-attribute-list": 'x\n{: onclick="alert(1)" style="display:none" }',
    "html-link": '<a href="javascript:alert(1)">x</a>',
    "html-link-entities": '<a href="&#106;avascript:alert(1)">x</a><a href="jav&#x0A;ascript:alert(1)">y</a>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "object-embed": '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    "json-ld-breakout": "</script><script>alert(1)</script><!--",
    "template-variable": "{{ 7|add:7 }} {{ request.user }}",
    "template-tag": "{% debug %}{% csrf_token %}",
    "double-quote": 'x" onmouseover="alert(1)',
    "single-quote": "x' onmouseover='alert(1)",
    "form-action": (
        '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>'
    ),
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
}

# Where a script or style written by someone would show: these words are in every payload
# that carries one, so a style or script holding them came from the data.
USER_MARKERS = ("alert(", "msgbox(", "display:none", "position:fixed")
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "poster", "data", "background", "cite", "longdesc",
    "xlink:href", "srcset", "ping", "manifest", "codebase", "archive", "dynsrc", "lowsrc",
}  # fmt: skip
FOREIGN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg", "math"}
SEARCH_WORD = "quokka"


# --- Reading a page as a browser would ------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]  # as a browser keeps them: the first of a repeated attribute
    all_attrs: list[tuple[str, str | None]]  # every one, for the checks
    text: str = ""  # the content of a <script> or <style>


@dataclass
class ParsedPage:
    elements: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    @property
    def plain_text(self) -> str:
        return " ".join(" ".join(self.text).split())


class PageParser(HTMLParser):
    """Every element with its attributes (entities decoded), the content of scripts and styles,
    and the text a reader sees."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self.raw_content = None  # the <script> or <style> being read

    def handle_starttag(self, tag, attrs):
        first = {}
        for name, value in attrs:
            first.setdefault(name, value or "")
        element = Element(tag, first, attrs)
        self.page.elements.append(element)
        if tag in ("script", "style"):
            self.raw_content = element

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.raw_content = None

    def handle_endtag(self, tag):
        if self.raw_content is not None and tag == self.raw_content.tag:
            self.raw_content = None

    def handle_data(self, data):
        if self.raw_content is not None:
            self.raw_content.text += data
        else:
            self.page.text.append(data)


def parse_html(markup: str) -> ParsedPage:
    parser = PageParser()
    parser.feed(markup)
    parser.close()
    return parser.page


def dangerous_url(value: str) -> bool:
    """As browsers read an address: control characters and spaces dropped, any case."""
    squeezed = re.sub(r"[\x00-\x20\x7f]", "", value).lower()
    return squeezed.startswith(DANGEROUS_SCHEMES)


def own_script(element: Element, *, url: str) -> bool:
    """The site's scripts: its static files (and the admin's translations), or JSON-LD data."""
    src = element.attrs.get("src", "")
    if src:
        own = src.startswith(settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/")
        own = own or src == reverse("admin:jsi18n")
        return own and not element.text.strip()
    if element.attrs.get("type") == "application/ld+json":
        json.loads(element.text)  # one whole JSON document: nothing broke out of it
        assert "<" not in element.text, f"{url}: JSON-LD holds a raw '<': {element.text[:200]}"
        return True
    return False


def problems_in(markup: str, *, url: str, admin: bool = False) -> list[str]:
    """What could run, restyle or frame the page among the elements of `markup`. The admin
    draws its own icons in SVG and may set its own styles: none of them may hold user text."""
    problems = []
    foreign = FOREIGN_ELEMENTS - {"svg"} if admin else FOREIGN_ELEMENTS
    for element in parse_html(markup).elements:
        where = f"<{element.tag} {element.attrs}>"
        if element.tag == "script" and not own_script(element, url=url):
            problems.append(f"a script that is not the site's: {where} {element.text[:100]!r}")
        if element.tag == "style" and (not admin or any(m in element.text for m in USER_MARKERS)):
            problems.append(f"a style element: {element.text[:100]!r}")
        if element.tag in foreign:
            problems.append(f"a foreign element: {where}")
        if element.tag == "meta" and element.attrs.get("http-equiv", "").lower() == "refresh":
            problems.append(f"a refresh: {where}")
        for name, value in element.all_attrs:
            value = value or ""
            if name.startswith("on"):
                problems.append(f"an event handler: {name}={value!r} in {where}")
            if name in URL_ATTRIBUTES and dangerous_url(value):
                problems.append(f"a dangerous address: {name}={value!r} in {where}")
            if name == "style" and (not admin or any(m in value.replace(" ", "") for m in USER_MARKERS)):
                problems.append(f"a style attribute: {value!r} in {where}")
    return problems


def assert_inert(markup: str, *, url: str, admin: bool = False):
    problems = problems_in(markup, url=url, admin=admin)
    assert not problems, f"{url}:\n" + "\n".join(problems)


def squeeze(text: str) -> str:
    return " ".join(text.split())


def assert_shows(page: ParsedPage, value: str, *, url: str):
    """The value is on the page as text a reader sees: escaped, not interpreted."""
    assert squeeze(value) in page.plain_text, f"{url} does not show {value!r} as text"


# --- The data: every user-written field holds the payload -----------------------------------


def fitted(model, name: str, value: str) -> str:
    """The payload as the field can hold it: cut to its length; for a URL or e-mail field
    whose validation refuses it, a hostile value it accepts (the refusal is tested apart)."""
    model_field = model._meta.get_field(name)
    if model_field.max_length:
        value = value[: model_field.max_length]
    candidates = [value]
    if isinstance(model_field, models.URLField):
        candidates = [
            value,
            f"https://example.org/{value}",
            "https://example.org/?q=" + re.sub(r"\s", "", value),
        ]
    elif isinstance(model_field, models.EmailField):
        quoted = value.replace("\\", "").replace('"', "")[:60]
        candidates = [value, f'"{quoted}"@example.org', "press@example.org"]
    for candidate in candidates:
        try:
            model_field.run_validators(candidate)
        except ValidationError:
            continue
        return candidate
    raise AssertionError(f"no value of {model.__name__}.{name} holds {value!r}")


def hostile(model, **fields) -> dict:
    return {name: fitted(model, name, value) for name, value in fields.items()}


@dataclass
class World:
    payload: str
    release: Release
    translation: Release
    agency: Agency
    person: Person
    role: Role
    contact: PressContact
    topic: Topic
    quote: Quote


def build_world(payload: str) -> World:
    """One agency, person, role, contact, topic and public release (and its French version),
    each written field holding the payload."""
    p = payload
    agency = Agency.objects.create(
        country="FR",
        **hostile(
            Agency,
            name=f"{p} Agency",
            acronym=p,
            website=p,
            press_page_url=p,
            press_phone=p,
            press_email=p,
            description=f"{p}\n\n{p}",
        ),
    )
    person = Person.objects.create(**hostile(Person, name=f"{p} Person", name_latin=f"{p} Latin"))
    role = Role.objects.create(
        person=person, agency=agency, start_date=date(2000, 1, 1), **hostile(Role, title=p)
    )
    contact = PressContact.objects.create(
        person=person, agency=agency, **hostile(PressContact, title=p, phone=p, mobile=p, email=p)
    )
    topic = Topic.objects.create(**hostile(Topic, name=p))
    release = Release.objects.create(
        agency=agency,
        language="en",
        reference_number="083",
        reference_year=2013,
        dateline_date=date(2013, 10, 28),
        status=Release.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=1),
        **hostile(
            Release,
            title=f"{p} {SEARCH_WORD}",
            lead=f"{p} {SEARCH_WORD} lead",
            body=f"{p}\n\n{SEARCH_WORD} body\n\n- {p}\n\n> {p}",
            press_site_url=p,
            dateline_place=p,
            reference_prefix=p,
        ),
    )
    release.topics.set([topic])
    AgencyMention.objects.create(release=release, agency=agency)
    PersonMention.objects.create(release=release, person=person)
    ReleaseContact.objects.create(release=release, contact=contact)
    quote = Quote.objects.create(release=release, person=person, **hostile(Quote, text=f"{p} {SEARCH_WORD}"))
    translation = release_start_translation(release=release, language="fr")
    translation.status, translation.published_at = Release.Status.PUBLISHED, release.published_at
    translation.save()
    return World(p, release, translation, agency, person, role, contact, topic, quote)


world_params = pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())


@pytest.fixture
def world(payload) -> World:
    return build_world(payload)


# --- The public pages -----------------------------------------------------------------------


def public_pages(w: World) -> dict[str, list[str]]:
    """Each public page that shows the data, with the values it must show as text."""
    lst = reverse("releases:list")
    release_values = [
        w.release.title,
        w.release.dateline_place,
        w.release.reference_prefix,
        w.quote.text,
        w.person.name,
        w.role.title,
        w.topic.name,
        w.contact.title,
    ]
    return {
        reverse("home"): [w.release.title, w.agency.name],
        lst: [w.release.title],
        f"{lst}?q={SEARCH_WORD}": [w.release.title],
        f"{lst}?agency={w.agency.slug}&topic={w.topic.slug}": [w.release.title, w.topic.name],
        f"{lst}?person={w.person.slug}": [w.release.title, w.person.name],
        w.release.get_absolute_url(): release_values,
        w.translation.get_absolute_url(): [w.translation.title],
        w.agency.get_absolute_url(): [w.agency.name, w.agency.description.split("\n")[0], w.contact.title],
        w.person.get_absolute_url(): [w.person.name, w.person.name_latin, w.role.title, w.quote.text],
        reverse("contacts:directory"): [w.agency.name, w.contact.title],
    }


@world_params
def test_public_pages_show_written_scripts_and_styles_as_text(client, world):
    for url, shown in public_pages(world).items():
        response = client.get(url)
        assert response.status_code == 200, url
        markup = response.content.decode()
        assert_inert(markup, url=url)
        page = parse_html(markup)
        for value in shown:
            assert_shows(page, value, url=url)


@world_params
def test_a_search_for_the_payload_shows_it_as_text(client, world):
    """The words searched come back in the search box, the heading and the feed links."""
    url = reverse("releases:list") + "?" + f"q={world.payload}"
    response = client.get(reverse("releases:list"), {"q": world.payload})
    assert response.status_code == 200
    assert_inert(response.content.decode(), url=url)
    feed = client.get(reverse("releases:feed-atom"), {"q": world.payload})
    assert feed.status_code == 200


@world_params
def test_structured_data_and_sharing_tags_hold_the_payload_as_data(client, world):
    """JSON-LD stays one JSON document whose values are what was written; OpenGraph and
    Twitter tags hold it as attribute text."""
    url = world.release.get_absolute_url()
    page = parse_html(client.get(url).content.decode())
    scripts = [e for e in page.elements if e.tag == "script" and e.attrs.get("type") == "application/ld+json"]
    assert len(scripts) == 1
    article = json.loads(scripts[0].text)
    assert article["headline"] == world.release.title
    assert article["author"]["name"] == world.agency.name
    assert article["keywords"] == [world.topic.name]
    assert world.release.dateline_place in article["dateline"]
    if world.release.reference_prefix:
        assert article["identifier"].startswith(world.release.reference_prefix)
    if "sameAs" in article["author"]:
        assert urlsplit(article["author"]["sameAs"]).scheme == "https"
    meta = {
        e.attrs.get("property") or e.attrs.get("name"): e.attrs.get("content")
        for e in page.elements
        if e.tag == "meta"
    }
    assert meta["og:title"] == world.release.title
    assert meta["twitter:title"] == world.release.title
    assert meta["article:tag"] == world.topic.name


# --- Feeds and sitemap ------------------------------------------------------------------------


def feed_urls(w: World) -> list[str]:
    urls = []
    for name in ("releases:feed-rss", "releases:feed-atom"):
        base = reverse(name)
        urls += [base, f"{base}?q={SEARCH_WORD}", f"{base}?person={w.person.slug}&topic={w.topic.slug}"]
    return urls


@world_params
def test_feeds_carry_the_payload_as_text_or_inert_html(client, world):
    """A feed reader shows titles and summaries as text, and the full text as HTML with
    nothing that runs."""
    for url in feed_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        root = ElementTree.fromstring(response.content)  # well-formed XML
        feed = feedparser.parse(response.content, sanitize_html=False, resolve_relative_uris=False)
        assert not feed.bozo, (url, feed.get("bozo_exception"))
        assert feed.entries, url
        if "atom" in url:
            # Atom says what its text is: titles and summaries are text, the full text is HTML.
            assert feed.feed.title_detail.type == "text/plain"
            for entry in feed.entries:
                assert entry.title_detail.type == "text/plain", url
                assert entry.summary_detail.type == "text/plain", url
        else:
            # RSS 2.0 titles are text: the release's title, as written, escaped once.
            titles = [item.findtext("title") for item in root.iter("item")]
            assert world.release.title in titles, url
        for entry in feed.entries:
            html = entry.content[0].value if "content" in entry else entry.description
            assert_inert(html, url=f"{url} (the release in full)")
            assert_shows(parse_html(html), world.quote.text, url=f"{url} (the release in full)")
            for tag in entry.get("tags", []):
                assert tag.term.strip() == world.topic.name.strip()


@world_params
def test_atom_summaries_are_text_so_readers_show_the_lead_as_written(client, world):
    """The lead, as text, goes out as Atom text: a reader never reads it as HTML."""
    release = world.release
    release.lead = f"`{world.payload}` and &lt;script&gt;alert(1)&lt;/script&gt;"
    release.save()
    feed = feedparser.parse(client.get(reverse("releases:feed-atom")).content, sanitize_html=False)
    entry = next(e for e in feed.entries if e.link.endswith(release.get_absolute_url()))
    assert entry.summary_detail.type == "text/plain"
    assert entry.summary.strip() == release.lead_text.strip()  # feedparser strips the ends


@world_params
def test_sitemaps_list_only_addresses_of_the_site(client, world):
    index = ElementTree.fromstring(client.get(reverse("sitemap")).content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sections = [loc.text for loc in index.findall(".//s:loc", ns)]
    assert sections
    for section in sections:
        response = client.get(urlsplit(section).path)
        assert response.status_code == 200, section
        for loc in ElementTree.fromstring(response.content).findall(".//s:loc", ns):
            assert urlsplit(loc.text).scheme in ("http", "https"), loc.text
            assert "<" not in loc.text and '"' not in loc.text, loc.text


# --- The admin --------------------------------------------------------------------------------


def admin_pages(w: World) -> list[str]:
    pages = []
    for obj in (w.release, w.translation, w.agency, w.person, w.role, w.contact, w.topic):
        opts = obj._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        pages += [
            reverse(f"{prefix}_changelist"),
            reverse(f"{prefix}_change", args=[obj.pk]),
            reverse(f"{prefix}_delete", args=[obj.pk]),  # lists what the deletion would take
        ]
    pages += [
        reverse("admin:releases_release_changelist") + f"?q={SEARCH_WORD}",
        reverse("admin:releases_release_history", args=[w.release.pk]),
        reverse("admin:releases_release_versions", args=[w.release.pk]),
        reverse("admin:releases_release_versions", args=[w.translation.pk]),
        reverse("releases:preview", args=[w.release.pk]),
        reverse("admin:index"),
    ]
    return pages


@world_params
def test_admin_pages_show_written_scripts_and_styles_as_text(admin_client, world):
    for url in admin_pages(world):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url=url, admin=True)
    response = admin_client.get(reverse("admin:releases_release_changelist"), {"q": world.payload})
    assert response.status_code == 200
    assert_inert(response.content.decode(), url="release changelist searching the payload", admin=True)


@world_params
def test_admin_autocomplete_answers_json_not_html(admin_client, world):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "releases", "model_name": "release", "field_name": "agency", "term": ""},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    names = [result["text"] for result in response.json()["results"]]
    assert str(world.agency) in names


# --- What validation refuses is a form error --------------------------------------------------

REFUSED_ADDRESSES = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "   javascript:alert(1)",
    "java\tscript:alert(1)",
    "java&#x09;script:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    '"><script>alert(1)</script>',
]


def post_change(admin_client, obj, **changes):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    form = admin_form_data(admin_client.get(url))
    form.update({name: [value] for name, value in changes.items()})
    return admin_client.post(url, form)


@pytest.mark.parametrize("address", REFUSED_ADDRESSES)
def test_admin_refuses_a_dangerous_address_with_a_form_error(admin_client, address):
    world = build_world("Safe words")
    cases = [
        (world.release, "press_site_url"),
        (world.agency, "website"),
        (world.agency, "press_page_url"),
    ]
    for obj, name in cases:
        response = post_change(admin_client, obj, **{name: address})
        assert response.status_code == 200, (name, response.status_code)  # the form again, not a 500
        errors = response.context["adminform"].form.errors
        assert name in errors, (name, errors)
        obj.refresh_from_db()
        assert not dangerous_url(getattr(obj, name))
        assert_inert(response.content.decode(), url=f"the refused {name}", admin=True)


@pytest.mark.parametrize("address", ['"><script>alert(1)</script>', "javascript:alert(1)@example.org", "a@b"])
def test_admin_refuses_a_hostile_email_with_a_form_error(admin_client, address):
    world = build_world("Safe words")
    response = post_change(admin_client, world.agency, press_email=address)
    assert response.status_code == 200
    assert "press_email" in response.context["adminform"].form.errors
    response = post_change(admin_client, world.contact, email=address)
    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors


def test_admin_refuses_a_script_as_a_phone_with_a_form_error(admin_client):
    world = build_world("Safe words")
    response = post_change(admin_client, world.contact, phone=PAYLOADS["script"])
    assert response.status_code == 200
    assert "phone" in response.context["adminform"].form.errors
    assert_inert(response.content.decode(), url="the refused phone", admin=True)


def test_a_payload_saved_through_the_admin_is_shown_as_text(admin_client, client):
    """What the admin accepts (a title, a body with a script) reaches the public inert."""
    world = build_world("Safe words")
    payload = PAYLOADS["img-onerror"] + PAYLOADS["script"]
    response = post_change(
        admin_client,
        world.release,
        title=f"{payload} title",
        body=f"{payload}\n\n{PAYLOADS['markdown-link']}",
        lead=PAYLOADS["html-link"],
        correction_note=f"{payload} note",  # a public release: saved as a correction, with its note
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    world.release.refresh_from_db()
    page = client.get(world.release.get_absolute_url()).content.decode()
    assert_inert(page, url="the release saved in the admin")
    assert_shows(parse_html(page), f"{payload} title", url="the release saved in the admin")
    assert_shows(parse_html(page), f"{payload} note", url="the correction note")
    feed = client.get("/releases/feed/atom/").content.decode()
    assert f"{html.escape(payload)} note" in html.unescape(feed)  # escaped once more inside the XML


def test_the_checks_find_what_they_look_for():
    """The checks themselves: each dangerous construct is reported."""
    dangerous = [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href=" JaVa&#x09;Script:alert(1)">x</a>',
        '<a href="data:text/html;base64,xx">x</a>',
        "<style>body{display:none}</style>",
        '<p style="color:red">x</p>',
        "<svg><circle/></svg>",
        "<iframe src=https://example.org></iframe>",
        '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>"}</script>',
    ]
    for markup in dangerous:
        with pytest.raises((AssertionError, json.JSONDecodeError)):
            assert_inert(markup, url=markup)
    assert_inert('<a href="https://example.org/">x</a><script src="/static/x.js"></script>', url="safe")
