"""The import corpus: press releases of our own writing, in the forms press offices use.

Each document in tests/corpus is imported against the directory of tests/corpus/directory.toml
(`publish=True`, as `import_releases --publish` and the admin do), and every fact its
`.toml` lists is checked:

- a document to refuse raises DocumentError saying why (and on which line), saving nothing;
- a complete document is published, and each fact is in the release and on its public page:
  the title, the dateline, the reference, the lead, each contact's name or office, phone as a
  tel: link in E.164, e-mail as a mailto: link, each quote once with a link to its speaker
  and their role, the press site, the issuer;
- an incomplete document is a draft the public cannot see, whose review notes are exactly
  the ones expected, and whose found facts are in the release.

tests/corpus/README.md describes the forms and the conventions of the facts files.
"""

import html
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import phonenumbers
import pytest
from django.db import transaction
from django.db.models import Q

from contacts.models import Agency, Person, PressContact, Role
from releases.models import Release

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FORMATS = {".txt", ".md", ".html", ".docx", ".pdf"}
DOCUMENTS = sorted(path for path in CORPUS.glob("[0-9][0-9]-*") if path.suffix in FORMATS)

RELEASE_KEYS = {
    "title", "date", "place", "reference", "kind", "language", "issuer", "lead",
    "press_site", "embargo", "body_contains",
}  # fmt: skip
CONTACT_KEYS = {"name", "office", "title", "agency", "phone", "mobile", "fax", "email"}
QUOTE_KEYS = {"speaker", "role", "text_starts", "text_contains"}
REVIEW_KEYS = {"notes", "number_differs"}
REFUSED_KEYS = {"reason_contains", "line"}


def facts_of(path: Path) -> dict:
    return tomllib.loads(path.with_suffix(".toml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# The directory before the import


def agency_named(label: str) -> Agency:
    return Agency.objects.get(Q(acronym=label) | Q(name=label))


def load_directory() -> None:
    """The agencies, people, press contacts and roles of tests/corpus/directory.toml."""
    data = tomllib.loads((CORPUS / "directory.toml").read_text(encoding="utf-8"))
    for row in data["agencies"]:
        Agency.objects.create(**row)
    for row in data["people"]:
        Person.objects.create(**row)
    for order, row in enumerate(data["press_contacts"]):
        PressContact.objects.create(
            person=Person.objects.get(name=row.pop("person")),
            agency=agency_named(row.pop("agency")),
            order=order,
            **row,
        )
    for row in data["roles"]:
        Role.objects.create(
            person=Person.objects.get(name=row.pop("person")), agency=agency_named(row.pop("agency")), **row
        )


@pytest.fixture
def corpus_directory(db):
    load_directory()


# ---------------------------------------------------------------------------
# Reading the public page


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCK = {
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "figure",
    "figcaption",
    "section",
    "br",
    "tr",
}


@dataclass
class Element:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)  # Element or str
    parent: "Element | None" = field(default=None, repr=False)

    def text(self) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in {"script", "style"}:
                parts.append(
                    (" " if child.tag in BLOCK else "") + child.text() + (" " if child.tag in BLOCK else "")
                )
        return "".join(parts)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str) -> list["Element"]:
        return [element for element in self.iter() if element.tag == tag]

    def around(self, levels: int = 2) -> str:
        """The text of the element and of its parents up to `levels` above: what a reader sees
        beside a link (a speaker's name and their role, in a caption or an attribution)."""
        element, texts = self, [self.attrs.get("title") or ""]
        for _ in range(levels + 1):
            if element is None:
                break
            texts.append(element.text())
            element = element.parent
        return normalise(" ".join(texts))


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), parent=self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


@dataclass
class Page:
    """What a reader of the public page sees: the release's text, its links and its dates."""

    status: int
    text: str = ""
    links: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    times: list[tuple[str, str]] = field(default_factory=list)  # (datetime, text around it)
    beside_links: dict[str, list[str]] = field(default_factory=dict)  # href: texts around each link

    @classmethod
    def of(cls, response) -> "Page":
        if response.status_code != 200:
            return cls(response.status_code)
        builder = TreeBuilder()
        builder.feed(response.content.decode("utf-8"))
        root = builder.root
        article = next(iter(root.find_all("article")), None) or next(iter(root.find_all("main")), root)
        times = [(time.attrs.get("datetime", ""), time.around(1)) for time in article.find_all("time")]
        beside_links = {}
        for a in article.find_all("a"):
            beside_links.setdefault(a.attrs.get("href", ""), []).append(a.around(2))
        return cls(
            status=200,
            text=normalise(article.text()),
            links=[a.attrs.get("href", "") for a in article.find_all("a")],
            headings=[normalise(h.text()) for h in article.find_all("h1")],
            times=times,
            beside_links=beside_links,
        )


# ---------------------------------------------------------------------------
# Comparing


QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "「": '"', "」": '"'}
)


def normalise(text: str) -> str:
    """Text as compared: NFC, quotation marks folded, any run of spaces one space."""
    text = unicodedata.normalize("NFC", html.unescape(text or "")).translate(QUOTES)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def plain(html_text: str) -> str:
    return normalise(re.sub(r"<[^>]+>", " ", html_text or ""))


def digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def same_url(a: str, b: str) -> bool:
    def bare(url: str) -> str:
        return re.sub(r"^[a-z]+://", "", (url or "").strip().lower()).removeprefix("www.").rstrip("/")

    return bool(a) and bare(a) == bare(b)


def names_of(person) -> set[str]:
    return {normalise(n) for n in (person.name, person.name_latin) if n}


def agency_is(agency, label: str) -> bool:
    return agency is not None and label in {agency.acronym, agency.name}


# ---------------------------------------------------------------------------
# Checking one document


@dataclass
class Check:
    fact: str
    ok: bool
    detail: str = ""


@dataclass
class Report:
    name: str
    checks: list[Check] = field(default_factory=list)
    crashed: str = ""

    def check(self, fact: str, ok: bool, detail: str = "") -> bool:
        self.checks.append(Check(fact, bool(ok), detail))
        return bool(ok)

    @property
    def found(self) -> int:
        return sum(check.ok for check in self.checks)

    @property
    def ok(self) -> bool:
        return not self.crashed and all(check.ok for check in self.checks)

    def explain(self) -> str:
        missed = [f"  - {c.fact}" + (f": {c.detail}" if c.detail else "") for c in self.checks if not c.ok]
        head = f"{self.name}: {self.found} of {len(self.checks)} facts found"
        return "\n".join([head + (f"; the import failed: {self.crashed}" if self.crashed else ""), *missed])


def import_corpus_document(path: Path):
    from releases.importing import Directory, import_document

    with transaction.atomic():  # a failing import leaves the test's transaction usable
        return import_document(name=path.name, data=path.read_bytes(), directory=Directory(), publish=True)


def check_document(path: Path, client) -> Report:
    facts = facts_of(path)
    report = Report(path.name)
    if "refused" in facts:
        check_refused(path, facts["refused"], report)
        return report
    releases_before = Release.objects.count()
    try:
        result = import_corpus_document(path)
    except Exception as error:  # noqa: BLE001 - the report says what the importer raised
        report.crashed = f"{type(error).__name__}: {error}"
        report.checks = [Check(fact, False) for fact in expected_facts(facts)]
        return report
    release = Release.objects.for_page().get(pk=result.release.pk)
    report.check("one release created", Release.objects.count() == releases_before + 1)
    expected = sorted(facts.get("review", {}).get("notes", []))
    found = sorted({note.code for note in result.review.notes})
    report.check(f"review notes {expected}", found == expected, f"found {found}: {notes_text(result)}")
    for detail in facts.get("review", {}).get("number_differs", []):
        check_number_differs(detail, release, result, report)
    check_release(release, facts["release"], report)
    check_contacts(release, facts.get("contacts", []), report)
    check_quotes(release, facts.get("quotes", []), report)
    if expected:
        report.check("kept as a draft", not result.published and not release.is_public(), release.status)
        response = client.get(release.get_absolute_url())
        report.check("hidden from the public (404)", response.status_code == 404, str(response.status_code))
    else:
        report.check("published", result.published and release.is_public(), release.status)
        check_page(release, facts, Page.of(client.get(release.get_absolute_url())), report)
    return report


def expected_facts(facts: dict) -> list[str]:
    """The facts a document's checks would count, for a document whose import failed."""
    found = ["one release created", "review notes", "kept as a draft or published"]
    found += [f"release {key}" for key in facts.get("release", {})]
    found += [f"contact {c.get('name') or c.get('office')} {k}" for c in facts.get("contacts", []) for k in c]
    found += [f"quote {q['text_starts'][:30]} {k}" for q in facts.get("quotes", []) for k in q]
    found += [f"number differs {n}" for n in facts.get("review", {}).get("number_differs", [])]
    if not facts.get("review", {}).get("notes"):
        found += ["page " + fact for fact in facts.get("release", {})]
        found += ["page contact" for c in facts.get("contacts", []) for k in c if k != "agency"]
        found += ["page quote" for q in facts.get("quotes", []) for k in q]
    return found


def notes_text(result) -> str:
    return "; ".join(f"{n.code} ({n.where}): {n.message}" for n in result.review.notes) or "none"


def check_refused(path: Path, refused: dict, report: Report) -> None:
    from releases.importing import DocumentError

    releases_before = Release.objects.count()
    try:
        result = import_corpus_document(path)
    except DocumentError as error:
        message = str(error)
        report.check("refused with DocumentError", True)
        report.check(
            f"message says {refused['reason_contains']!r}", refused["reason_contains"] in message, message
        )
        if "line" in refused:
            line = refused["line"]
            said = getattr(error, "line", None) == line or f"line {line}" in message
            report.check(f"message names line {line}", said, message)
    except Exception as error:  # noqa: BLE001
        report.check("refused with DocumentError", False, f"{type(error).__name__}: {error}")
    else:
        report.check("refused with DocumentError", False, f"imported as {result.release.status}")
    report.check("nothing saved", Release.objects.count() == releases_before)


def check_number_differs(written: str, release, result, report: Report) -> None:
    region = release.agency.country or None
    number = phonenumbers.parse(written, region)
    national = str(number.national_number)
    messages = digits(
        " ".join(n.message + " " + n.where for n in result.review.notes if n.code == "number_differs")
    )
    report.check(f"number differs {written} reported", national in messages, notes_text(result))


def check_release(release, facts: dict, report: Report) -> None:
    if "title" in facts:
        report.check("release title", normalise(release.title) == normalise(facts["title"]), release.title)
    if "date" in facts:
        report.check("release date", release.dateline_date == facts["date"], str(release.dateline_date))
    if "place" in facts:
        report.check("release place", release.dateline_place == facts["place"], repr(release.dateline_place))
    if "reference" in facts:
        report.check("release reference", release.reference == facts["reference"], repr(release.reference))
    if "kind" in facts:
        report.check("release kind", release.kind == facts["kind"], release.kind)
    if "language" in facts:
        report.check("release language", release.language == facts["language"], release.language)
    if "issuer" in facts:
        report.check("release issuer", agency_is(release.agency, facts["issuer"]), str(release.agency))
    if "lead" in facts:
        lead = normalise(release.lead_text)
        report.check("release lead", lead.startswith(normalise(facts["lead"])), lead[:100])
    if "press_site" in facts:
        site = release.press_site_url
        report.check("release press site", same_url(site, facts["press_site"]), repr(site))
    if "embargo" in facts:
        embargo = release.embargo_until
        report.check("release embargo", embargo == facts["embargo"], str(embargo))
    body = plain(release.body_html) + " " + plain(release.lead_html)
    for phrase in facts.get("body_contains", []):
        report.check(f"release body has {phrase[:40]!r}", normalise(phrase) in body)


def contact_labels(link) -> set[str]:
    """The names a release's contact goes by: the person's, or the office's."""
    contact = link.contact
    labels = {getattr(link, "office", ""), getattr(contact, "office", ""), getattr(contact, "name", "")}
    if getattr(contact, "person", None) is not None:
        labels |= {contact.person.name, contact.person.name_latin}
    return {normalise(label) for label in labels if isinstance(label, str) and label}


def check_contacts(release, contacts: list[dict], report: Report) -> None:
    links = list(release.release_contacts.all())
    positions = []
    for fact in contacts:
        label = fact.get("name") or fact["office"]
        position = next(
            (
                i
                for i, link in enumerate(links)
                if normalise(label) in contact_labels(link) and i not in positions
            ),
            None,
        )
        named = [sorted(contact_labels(link)) for link in links]
        if not report.check(f"contact {label}", position is not None, f"release contacts: {named}"):
            for key in fact.keys() - {"name", "office"}:
                report.check(f"contact {label} {key}", False)
            continue
        positions.append(position)
        contact = links[position].contact
        if "title" in fact:
            ok = normalise(fact["title"]).casefold() in normalise(contact.title).casefold()
            report.check(f"contact {label} title", ok, repr(contact.title))
        if "agency" in fact:
            report.check(
                f"contact {label} agency", agency_is(contact.agency, fact["agency"]), str(contact.agency)
            )
        for key in ("phone", "mobile", "fax"):
            if key in fact:
                e164 = getattr(contact, f"{key}_e164", None)
                report.check(f"contact {label} {key}", e164 == fact[key], repr(e164))
        if "email" in fact:
            email = contact.email or ""
            report.check(f"contact {label} email", email.lower() == fact["email"].lower(), repr(email))
    if len(positions) > 1:
        report.check("contacts in document order", positions == sorted(positions), str(positions))


def quote_roles(quote) -> list[str]:
    """The role a quote shows: kept on the quote as written, or the directory's on the day."""
    roles = [getattr(quote, name, "") for name in ("role_title", "speaker_title", "title")]
    role = quote.role
    roles.append(getattr(role, "title", role) if role else "")
    return [normalise(str(r)).casefold() for r in roles if r]


def find_quote(release, fact: dict):
    wanted = normalise(fact["text_starts"])
    for quote in release.quotes.all():
        if normalise(fact["speaker"]) in names_of(quote.person) and wanted in normalise(quote.text):
            return quote
    return None


def check_quotes(release, quotes: list[dict], report: Report) -> None:
    for fact in quotes:
        label = f"quote {fact['text_starts'][:30]!r}"
        quote = find_quote(release, fact)
        said = [f"{q.person.name}: {q.text[:50]}" for q in release.quotes.all()]
        report.check(f"{label} by {fact['speaker']}", quote is not None, f"quotes: {said}")
        if "text_contains" in fact:
            ok = quote is not None and normalise(fact["text_contains"]) in normalise(quote.text)
            report.check(f"{label} runs on to {fact['text_contains'][:30]!r}", ok)
        if "role" in fact:
            roles = quote_roles(quote) if quote else []
            ok = any(normalise(fact["role"]).casefold() in role for role in roles)
            report.check(f"{label} role {fact['role']!r}", ok, f"roles: {roles}")


def check_page(release, facts: dict, page: Page, report: Report) -> None:
    if not report.check("public page", page.status == 200, str(page.status)):
        return
    about = facts["release"]
    if "title" in about:
        report.check("page title", normalise(about["title"]) in page.headings, str(page.headings))
    if "date" in about:
        shown = [text for when, text in page.times if when == about["date"].isoformat()]
        report.check("page dateline date", bool(shown), str(page.times))
        if about.get("place"):
            report.check("page dateline place", any(about["place"] in text for text in shown), str(shown))
    for key in ("reference", "lead"):
        if key in about:
            report.check(f"page {key}", normalise(about[key]) in page.text)
    for phrase in about.get("body_contains", []):
        report.check(f"page body has {phrase[:40]!r}", normalise(phrase) in page.text)
    if "press_site" in about:
        report.check("page press site link", any(same_url(link, about["press_site"]) for link in page.links))
    if "issuer" in about:
        shown = any(
            normalise(about["issuer"]) in text
            for text in page.beside_links.get(release.agency.get_absolute_url(), [])
        )
        report.check("page issuer, linked to its page", agency_is(release.agency, about["issuer"]) and shown)
    for fact in facts.get("contacts", []):
        label = fact.get("name") or fact["office"]
        report.check(f"page contact {label}", normalise(label) in page.text)
        for key in ("phone", "mobile"):
            if key in fact:
                tel = any(link.split(";")[0] == f"tel:{fact[key]}" for link in page.links)
                report.check(f"page contact {label} {key} tel:{fact[key]}", tel)
        if "fax" in fact:
            national = str(phonenumbers.parse(fact["fax"]).national_number)
            report.check(f"page contact {label} fax", national in digits(page.text))
        if "email" in fact:
            mailto = any(link.lower() == f"mailto:{fact['email'].lower()}" for link in page.links)
            report.check(f"page contact {label} mailto:{fact['email']}", mailto)
    for fact in facts.get("quotes", []):
        label = f"page quote {fact['text_starts'][:30]!r}"
        count = page.text.count(normalise(fact["text_starts"]))
        report.check(f"{label} shown once", count == 1, f"shown {count} times")
        quote = find_quote(release, fact)
        if quote is not None:
            linked = quote.person.get_absolute_url() in page.links
            report.check(f"{label} links to {fact['speaker']}", linked)
        else:
            report.check(f"{label} links to {fact['speaker']}", False, "no such quote")
        if "role" in fact:
            report.check(
                f"{label} role {fact['role']!r}", normalise(fact["role"]).casefold() in page.text.casefold()
            )


# ---------------------------------------------------------------------------
# The tests

REPORTS: dict[str, Report] = {}


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.name)
def test_document_yields_every_fact(path, corpus_directory, client):
    report = check_document(path, client)
    REPORTS[path.name] = report
    assert report.ok, report.explain()


def test_corpus_covers_the_forms_it_promises():
    """At least 40 documents of ours, 6 languages, the 5 formats, 8 Word and 8 PDF files, 8
    incomplete and 2 refused; each with a facts file in the documented shape, each built file
    with its source."""
    assert len(DOCUMENTS) >= 40
    facts = {path.name: facts_of(path) for path in DOCUMENTS}
    languages = {
        f["release"]["language"] for f in facts.values() if "release" in f and "language" in f["release"]
    }
    assert len(languages) >= 6, languages
    suffixes = [path.suffix for path in DOCUMENTS]
    assert set(suffixes) == FORMATS
    assert suffixes.count(".docx") >= 8 and suffixes.count(".pdf") >= 8
    incomplete = [name for name, f in facts.items() if f.get("review", {}).get("notes")]
    refused = [name for name, f in facts.items() if "refused" in f]
    assert len(incomplete) >= 8 and len(refused) >= 2
    for name, f in facts.items():
        assert set(f) <= {"release", "contacts", "quotes", "review", "refused"}, name
        assert set(f.get("release", {})) <= RELEASE_KEYS, name
        assert all(
            set(c) <= CONTACT_KEYS and ("name" in c) != ("office" in c) for c in f.get("contacts", [])
        ), name
        assert all(
            set(q) <= QUOTE_KEYS and {"speaker", "text_starts"} <= set(q) for q in f.get("quotes", [])
        ), name
        assert set(f.get("review", {})) <= REVIEW_KEYS and set(f.get("refused", {})) <= REFUSED_KEYS, name
        assert ("refused" in f) != ("review" in f), f"{name}: either refused or reviewed"
        for contact in f.get("contacts", []):
            for key in ("phone", "mobile", "fax"):
                if key in contact:
                    number = phonenumbers.parse(contact[key])
                    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                    assert contact[key] == e164 and phonenumbers.is_valid_number(number), (name, contact[key])
        if isinstance(f.get("release", {}).get("embargo"), datetime):
            assert f["release"]["embargo"].tzinfo is not None, name
        assert not isinstance(f.get("release", {}).get("date", date.min), datetime), name
    orphans = (
        {p.name for p in CORPUS.glob("*.toml")}
        - {"directory.toml"}
        - {p.with_suffix(".toml").name for p in DOCUMENTS}
    )
    assert not orphans, f"facts without a document: {orphans}"
    for source in (CORPUS / "sources").iterdir():
        built = CORPUS / (source.stem + {".md": ".docx", ".html": ".pdf"}[source.suffix])
        assert built.exists(), f"{source.name} is not built: run tests/corpus/build.py"
    assert all(path.stat().st_size < 200_000 for path in DOCUMENTS), "keep the corpus small"


def test_corpus_totals(corpus_directory, client, capsys):
    """Facts found of facts expected, over the whole corpus, for the issue's closing note."""
    for path in DOCUMENTS:
        if path.name not in REPORTS:
            with transaction.atomic():  # each document imports alone, as in its own test
                REPORTS[path.name] = check_document(path, client)
                transaction.set_rollback(True)
    reports = [REPORTS[path.name] for path in DOCUMENTS]
    found = sum(report.found for report in reports)
    expected = sum(len(report.checks) for report in reports)
    complete = sum(report.ok for report in reports)
    with capsys.disabled():
        print(
            f"\nImport corpus: {found} of {expected} facts found; "
            f"{complete} of {len(reports)} documents complete"
        )
        for report in reports:
            if not report.ok:
                print(
                    f"  {report.name}: {report.found}/{len(report.checks)}"
                    + (" (failed)" if report.crashed else "")
                )
    assert expected > 0 and len(reports) == len(DOCUMENTS)
