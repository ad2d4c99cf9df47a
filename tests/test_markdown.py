"""Editors write Markdown; whatever they write, saving it never crashes or stalls a worker.

Hostile bodies (deep lists and quotes, thousands of brackets, emphasis runs) render in well
under a second, through the model and through the admin; a body over the documented size, or
nested deeper than the parser goes, is a form error in the admin and a clear line from the
importer, never a 500.
"""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from contacts.groups import EDITORS
from releases.importing import Directory, release_import_file
from releases.markdown import MAX_BODY_CHARS, MAX_LEAD_CHARS, MAX_LIST_DEPTH, render_markdown
from releases.models import Release
from tests.admin_forms import release_change_form
from tests.factories import AgencyFactory, ReleaseFactory

HOSTILE = {
    # Python-Markdown crashed (RecursionError) on the lists and hung on the brackets.
    "list markers on one line": "- 1. " * 2500,
    "a list nested 300 deep by tabs": "\n".join("\t" * depth + "- item" for depth in range(300)),
    "14,000 nested brackets": "[" * 14_000 + "x" + "]" * 14_000,
    "14,000 nested links in 70 KB": "[x](" * 14_000 + ")" * 14_000,
    "quotes nested 1,000 deep": "> " * 1_000 + "quoted",
    "an emphasis run": "*a" * 20_000,
    "a strong emphasis run": "**a" * 10_000,
    "underscores and stars mixed": "_*a" * 10_000,
    "a list nested 200 deep by spaces": "\n".join("  " * depth + "- item" for depth in range(200)),
    "lists inside quotes": "> - " * 2_000 + "item",
    "unclosed links": "[a](" * 10_000,
    "unclosed images": "![" * 10_000,
    "link titles never closed": '[a](b "' * 5_000,
    "backtick runs of growing length": " ".join("`" * n + "a" for n in range(1, 300)),
    "a table 5,000 columns wide": "|a" * 5_000 + "\n" + "|-" * 5_000 + "\n" + "|b" * 5_000,
    "a table of 4,000 rows": "| a | b |\n| - | - |\n" + "| c | d |\n" * 4_000,
    "1,000 reference definitions": "".join(f"[r{n}]: https://example.org/{n}\n" for n in range(1_000)),
    "angle brackets": "<" * 40_000,
    "entities": "&#" * 20_000,
}
# Nested deeper than the parser goes: the model renders what it can, a form refuses them.
TOO_DEEP = {
    "list markers on one line",
    "a list nested 300 deep by tabs",
    "quotes nested 1,000 deep",
    "a list nested 200 deep by spaces",
    "lists inside quotes",
}
# How fast: bench/markdown.py (processor time per kilobyte, hostile patterns included): never a
# timed test, which a busy machine fails.


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markdown_renders_without_error(text):
    html = render_markdown(text)
    assert isinstance(html, str)
    assert "<script" not in html
    assert isinstance(render_markdown(text[:MAX_LEAD_CHARS], inline=True), str)


@pytest.mark.django_db
@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markdown_saves(text):
    release = ReleaseFactory(body=text)
    assert Release.objects.get(pk=release.pk).body_html == release.body_html


@pytest.fixture
def editor_client(client, staff):
    client.force_login(staff(EDITORS))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("name", HOSTILE.keys())
def test_an_editor_saves_a_hostile_body_in_the_admin(editor_client, name):
    text = HOSTILE[name]
    release = ReleaseFactory(draft=True)
    url = reverse("admin:releases_release_change", args=[release.pk])
    response = editor_client.post(url, release_change_form(release, body=text))
    release.refresh_from_db()
    if len(text) > MAX_BODY_CHARS or name in TOO_DEEP:
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert list(errors) == ["body"]
        if len(text) > MAX_BODY_CHARS:
            assert f"At most {MAX_BODY_CHARS:,} characters" in errors["body"][0]
        else:
            assert f"deeper than {MAX_LIST_DEPTH} levels of lists" in errors["body"][0]
        assert release.body == "The body."
    else:
        assert response.status_code == 302, response.context["errors"] if response.context else response
        assert release.body == text.strip()  # as a form's field cleans it

    preview = editor_client.get(url)  # the rendered body, as the public sees it
    assert preview.status_code == 200


@pytest.mark.django_db
def test_an_oversize_body_is_a_form_error_in_the_admin(editor_client):
    release = ReleaseFactory(draft=True, body="The body as it was.")
    url = reverse("admin:releases_release_change", args=[release.pk])
    too_long = "word " * (MAX_BODY_CHARS // 5) + "over"
    response = editor_client.post(url, release_change_form(release, body=too_long))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["body"]
    assert f"At most {MAX_BODY_CHARS:,} characters" in errors["body"][0]
    release.refresh_from_db()
    assert release.body == "The body as it was."


@pytest.mark.django_db
def test_an_oversize_lead_is_a_form_error_in_the_admin(editor_client):
    release = ReleaseFactory(draft=True, lead="The lead as it was.")
    url = reverse("admin:releases_release_change", args=[release.pk])
    response = editor_client.post(url, release_change_form(release, lead="a" * (MAX_LEAD_CHARS + 1)))
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["lead"]
    release.refresh_from_db()
    assert release.lead == "The lead as it was."


def nested_list(depth: int) -> str:
    return "\n".join("  " * level + f"- level {level + 1}" for level in range(depth)) + "\n\nAfter the list."


@pytest.mark.django_db
def test_lists_nest_nine_deep_and_deeper_is_refused_rather_than_cut():
    release = ReleaseFactory(draft=True, body=nested_list(MAX_LIST_DEPTH))
    release.full_clean()
    assert f"<li>level {MAX_LIST_DEPTH}</li>" in release.body_html
    assert "<p>After the list.</p>" in release.body_html

    release.body = nested_list(MAX_LIST_DEPTH + 1)
    with pytest.raises(ValidationError) as caught:
        release.full_clean()
    assert list(caught.value.message_dict) == ["body"]
    release.lead = "> " * 30 + "A quotation in a quotation…"
    with pytest.raises(ValidationError) as caught:
        release.full_clean()
    assert list(caught.value.message_dict) == ["lead", "body"]


@pytest.mark.django_db
def test_a_body_of_exactly_the_limit_is_accepted_and_rendered():
    paragraph = "Some **bold** words, a [link](https://example.org) and *more*.\n\n"
    body = (paragraph * (MAX_BODY_CHARS // len(paragraph) + 1))[:MAX_BODY_CHARS]
    release = ReleaseFactory.build(body=body, agency=ReleaseFactory().agency)
    release.full_clean(exclude=["slug"])
    release.save()
    assert release.body_html.count("<strong>bold</strong>") == body.count("**bold**")

    release.body += "!"
    with pytest.raises(ValidationError) as caught:
        release.full_clean()
    assert list(caught.value.message_dict) == ["body"]


IMPORTED = """\
Paris, 28 October 2026

# A release far too long

**The lead.**

{body}
"""


@pytest.mark.django_db
def test_the_importer_refuses_an_oversize_body_with_a_clear_line(write_document):
    agency = AgencyFactory(acronym="CNES")
    path = write_document(IMPORTED.format(body="A long sentence of the body. " * 60_000))  # 1.7 MB
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_releases", str(path), "--agency", agency.acronym, stdout=out, stderr=err)
    assert err.getvalue() == (
        f"{path}: failed: body: At most {MAX_BODY_CHARS:,} characters; this has 1,739,999. "
        "Shorten it or link to the rest.\n"
    )
    assert "1 failed" in out.getvalue()
    assert not Release.objects.exists()


@pytest.mark.django_db
def test_the_importer_saves_a_hostile_body_within_the_limit(write_document):
    path = write_document(IMPORTED.format(body="[" * 14_000 + "x" + "]" * 14_000))
    agency = AgencyFactory()
    release = release_import_file(path=path, directory=Directory(), agency=agency, publish=True).release
    assert release.body_html.count("[") == 14_000  # all of it kept, as text


def test_ordinary_markdown_keeps_its_html():
    html = render_markdown(
        'Some **bold**, *italic*, ~~struck~~ and `code`, a [link](https://cnes.fr "CNES").\n\n'
        "- one\n- two\n\n"
        "1. first\n2. second\n\n"
        "> A quotation.\n\n"
        "## A heading\n\n"
        "| Launch | Date |\n| :--- | ---: |\n| Ariane 6 | 2024 |\n\n"
        "---\n\n"
        "![A rocket](https://example.org/rocket.jpg)"
    )
    assert "<p>Some <strong>bold</strong>, <em>italic</em>" in html
    assert "<code>code</code>" in html
    assert '<a href="https://cnes.fr" title="CNES" rel="noopener noreferrer nofollow">link</a>' in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html
    assert "<blockquote>\n<p>A quotation.</p>\n</blockquote>" in html
    assert "<h2>A heading</h2>" in html
    assert (
        "<table>" in html and '<th align="left">Launch</th>' in html and '<td align="right">2024</td>' in html
    )
    assert "<hr>" in html
    assert '<img src="https://example.org/rocket.jpg" alt="A rocket">' in html
    assert "~~" not in html  # struck through; <del> is not an allowed tag, its text stays


def test_raw_html_and_unsafe_links_are_shown_as_text():
    html = render_markdown(
        '<script>alert(1)</script>\n\n<b onclick="x()">b</b> [bad](javascript:alert(1)) '
        "[data](data:text/html,x) <https://cnes.fr>"
    )
    assert "<script" not in html and "<b " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # as written, not run
    assert "&lt;b onclick" in html
    assert 'href="javascript:' not in html and 'href="data:' not in html
    assert '<a href="https://cnes.fr" rel="noopener noreferrer nofollow">https://cnes.fr</a>' in html


def test_a_lead_renders_without_its_paragraph():
    assert render_markdown("The **whole** story.", inline=True) == "The <strong>whole</strong> story."
    assert render_markdown("One.\n\nTwo.", inline=True) == "<p>One.</p>\n<p>Two.</p>"
    assert render_markdown("", inline=True) == ""
