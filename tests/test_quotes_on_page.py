"""A quote appears once on a release's page: in the body where the document had it, marked up
as a quotation linked to its speaker and the role they held then (releases/quotes/)."""

import re
from datetime import date

import feedparser
import pytest
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from releases.importing import Directory, release_import_file
from releases.models import Quote, Release
from releases.quotes.page import quoted_text
from tests.factories import AgencyFactory, PersonFactory, QuoteFactory, ReleaseFactory, RoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def weber():
    return PersonFactory(name="Klaus Weber")


def page_of(client, release) -> str:
    response = client.get(release.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def body_of(page: str) -> str:
    return page.split('<div class="release-body">', 1)[1].split("</div>", 1)[0]


def words_of(markup: str) -> str:
    """What a reader reads: tags gone, entities kept as written."""
    return " ".join(re.sub(r"<[^>]+>", "", markup).split())


def test_a_quote_is_marked_up_once_where_the_body_has_it_and_links_its_speaker(client, weber):
    release = ReleaseFactory(
        body="Klaus Weber opened the room.\n\n“Every console was wired by our engineers,” Weber said.",
        dateline_date=date(2024, 5, 2),
    )
    RoleFactory(person=weber, agency=AgencyFactory(acronym="ESA"), title="Director of Space Operations")
    QuoteFactory(release=release, person=weber, text="Every console was wired by our engineers")
    page = page_of(client, release)
    url = weber.get_absolute_url()

    assert page.count("Every console was wired by our engineers") == 1
    assertInHTML(
        f'<p>“<q class="quote" cite="{url}">Every console was wired by our engineers</q>,” <a '
        f'class="quote-speaker" href="{url}" title="Director of Space Operations, ESA">Weber</a> said.</p>',
        body_of(page),
    )
    assert 'id="quotes-heading"' not in page  # no box repeating it


def test_a_paragraph_that_is_only_a_quote_is_a_figure_with_the_role_held_that_day(client, weber):
    release = ReleaseFactory(
        body="Klaus Weber said:\n\n“The first week went as planned.\n\n“Now the real work begins.”\n\nMore.",
        dateline_date=date(2019, 6, 1),
    )
    esa = AgencyFactory(acronym="ESA")
    RoleFactory(
        person=weber,
        agency=esa,
        title="Head of Operations",
        start_date=date(2015, 1, 1),
        end_date=date(2020, 1, 1),
    )
    RoleFactory(person=weber, agency=esa, title="Director General", start_date=date(2020, 1, 2))
    QuoteFactory(
        release=release, person=weber, text="The first week went as planned.\n\nNow the real work begins."
    )
    url = weber.get_absolute_url()

    assertInHTML(
        f"""<figure class="quote"><blockquote cite="{url}">
              <p>“The first week went as planned.</p><p>“Now the real work begins.”</p>
            </blockquote>
            <figcaption>
              — <a href="{url}">Klaus Weber</a>, <span class="role">Head of Operations, ESA</span>
            </figcaption>
          </figure>""",
        body_of(page_of(client, release)),
    )


def test_the_documents_own_attribution_line_becomes_the_caption(client, weber):
    release = ReleaseFactory(
        body="“The station will be staffed day and night.”\n\n"
        "— Klaus Weber, Director of Space Operations\n\nMore."
    )
    QuoteFactory(release=release, person=weber, text="The station will be staffed day and night.")
    body = body_of(page_of(client, release))
    url = weber.get_absolute_url()

    assertInHTML(
        f"""<figure class="quote">
              <blockquote cite="{url}"><p>“The station will be staffed day and night.”</p></blockquote>
              <figcaption>
                — <a class="quote-speaker" href="{url}">Klaus Weber</a>, Director of Space Operations
              </figcaption>
          </figure>""",
        body,
    )
    assert body.count("Director of Space Operations") == 1  # the line moved, not copied


def test_a_markdown_quotation_with_its_attribution_becomes_the_figure(client, weber):
    release = ReleaseFactory(body='> "Every weld has been proven."\n>\n> — Klaus Weber\n\nMore.')
    QuoteFactory(release=release, person=weber, text="Every weld has been proven.", speaker_title="Director")
    url = weber.get_absolute_url()
    assertInHTML(
        f"""<figure class="quote"><blockquote cite="{url}"><p>"Every weld has been proven."</p></blockquote>
            <figcaption>— <a class="quote-speaker" href="{url}" title="Director">Klaus Weber</a>,
              <span class="role">Director</span></figcaption></figure>""",
        body_of(page_of(client, release)),
    )


def test_the_title_the_document_gave_is_shown_when_the_directory_has_no_role_then(client, weber):
    release = ReleaseFactory(body="“We are ready.”", dateline_date=date(2012, 1, 1))
    RoleFactory(person=weber, title="President", start_date=date(2020, 1, 1))  # later
    QuoteFactory(release=release, person=weber, text="We are ready.", speaker_title="Director of Launchers")
    assert '<span class="role">Director of Launchers</span>' in page_of(client, release)


def test_entities_emphasis_and_line_breaks_do_not_hide_a_quote(client, weber):
    release = ReleaseFactory(
        body="Klaus Weber said: “Tools & <tricks> are *not*\nenough, we need people.” He left."
    )
    QuoteFactory(release=release, person=weber, text="Tools & <tricks> are not enough, we need people.")
    body = body_of(page_of(client, release))
    url = weber.get_absolute_url()
    assert (
        f'“<q class="quote" cite="{url}">Tools &amp; &lt;tricks&gt; are <em>not</em>\n'
        "enough, we need people.</q>”" in body
    )
    assert "<tricks>" not in body


def test_a_quote_starting_inside_emphasis_splits_it_and_breaks_no_tag(client, weber):
    release = ReleaseFactory(body="Klaus Weber said it was *a very proud* day for the team.")
    QuoteFactory(release=release, person=weber, text="very proud day")
    body = body_of(page_of(client, release))
    url = weber.get_absolute_url()
    assert f'<em>a </em><q class="quote" cite="{url}"><em>very proud</em> day</q> for the team' in body
    assert words_of(body) == "Klaus Weber said it was a very proud day for the team."


def test_a_quote_the_body_does_not_hold_is_shown_once_after_it(client, weber):
    release = ReleaseFactory(body="The body says nothing quoted.")
    QuoteFactory(release=release, person=weber, text="Typed in the admin <b>bold</b>.")
    page = page_of(client, release)
    section = page.split('id="quotes-heading"', 1)[1]
    assert "Typed in the admin &lt;b&gt;bold&lt;/b&gt;." in section
    assert f'href="{weber.get_absolute_url()}"' in section
    assert page.count("Typed in the admin") == 1


def test_a_quote_in_the_lead_is_marked_in_the_lead(client, weber):
    release = ReleaseFactory(lead="“We did it,” said Klaus Weber as the probe landed.", body="More.")
    QuoteFactory(release=release, person=weber, text="We did it")
    text = page_of(client, release).split('<div class="prose"', 1)[1]  # not the page's metadata
    lead = text.split('<p class="lead">', 1)[1].split("</p>", 1)[0]
    assert f'<q class="quote" cite="{weber.get_absolute_url()}">We did it</q>' in lead
    assert text.count("We did it") == 1


def test_a_quote_added_after_the_release_was_saved_is_marked_up_all_the_same(client, weber):
    release = ReleaseFactory(body="“A late quote, added in the admin,” said Klaus Weber.")
    page_of(client, release)
    Quote.objects.create(release=release, person=weber, text="A late quote, added in the admin")
    assert '<q class="quote"' in page_of(client, release)


def test_the_same_words_twice_are_marked_once_per_quote(client, weber):
    ada = PersonFactory(name="Ada Brun")
    release = ReleaseFactory(body="“Go,” said Klaus Weber. “Go,” said Ada Brun.")
    QuoteFactory(release=release, person=weber, text="Go", order=0)
    QuoteFactory(release=release, person=ada, text="Go", order=1)
    body = body_of(page_of(client, release))
    assert body.count('<q class="quote"') == 2
    assert f'cite="{weber.get_absolute_url()}">Go</q>' in body.split("Ada Brun")[0]
    assert f'cite="{ada.get_absolute_url()}">Go</q>' in body.split("Klaus Weber")[1]


def test_the_feed_marks_quotes_in_the_body_once_with_absolute_links(client, weber):
    release = ReleaseFactory(
        body="“We are ready,” said Klaus Weber.\n\n“The whole team is.”\n\n— Klaus Weber"
    )
    QuoteFactory(release=release, person=weber, text="We are ready", order=0)
    QuoteFactory(release=release, person=weber, text="The whole team is.", order=1)
    feed = feedparser.parse(client.get(reverse("releases:feed-atom")).content)
    text = feed.entries[0].content[0].value
    url = "http://testserver" + weber.get_absolute_url()
    assert text.count("We are ready") == 1 and text.count("The whole team is.") == 1
    assert f'<a class="quote-speaker" href="{url}">Klaus Weber</a>' in text
    assert f'<blockquote cite="{url}"><p>“The whole team is.”</p></blockquote>' in text
    assert "<q" not in text  # a reader would add its own marks to the document's


def test_the_page_runs_no_query_per_quote(client, django_assert_num_queries):
    def release_with(quotes: int) -> Release:
        release = ReleaseFactory(
            body="\n\n".join(f"“Quote number {n} here,” said Person {n}." for n in range(quotes))
        )
        for n in range(quotes):
            person = PersonFactory(name=f"Person {n}")
            RoleFactory(person=person)
            QuoteFactory(release=release, person=person, text=f"Quote number {n} here")
        return release

    one, eight = release_with(1).get_absolute_url(), release_with(8).get_absolute_url()
    with django_assert_num_queries(9):  # as tests/test_views.py counts them
        client.get(one)
    with django_assert_num_queries(9):
        page = client.get(eight).content.decode()
    assert page.count('<q class="quote"') == 8


def test_a_long_release_has_each_quote_marked_up_where_it_stands(weber):
    paragraphs = [
        f"Paragraph {n} of plain text, with *some* emphasis and a [link](https://example.org/{n})."
        for n in range(60)
    ]
    paragraphs[10] = "“The first quote of the release is here,” said Klaus Weber."
    paragraphs[40] = "“The second one is further down,” Weber added."
    release = ReleaseFactory(body="\n\n".join(paragraphs))
    for text in [
        "The first quote of the release is here",
        "The second one is further down",
        "Not in the body",
    ]:
        QuoteFactory(release=release, person=weber, text=text)
    release = Release.objects.for_page().get(pk=release.pk)
    result = quoted_text(release)  # how fast: bench/importing.py and the page benchmarks
    assert str(result.body).count('<q class="quote"') == 2 and len(result.others) == 1


def test_a_draft_without_a_date_is_previewed_with_its_quotes(admin_client, weber):
    release = ReleaseFactory(draft=True, dateline_date=None, body="“Soon,” said Klaus Weber.")
    RoleFactory(person=weber, title="Director", start_date=date(2000, 1, 1))
    QuoteFactory(release=release, person=weber, text="Soon")
    response = admin_client.get(reverse("releases:preview", kwargs={"pk": release.pk}))
    assert response.status_code == 200
    assert '<q class="quote"' in response.content.decode()


def test_an_imported_release_shows_each_quote_once_with_the_title_the_document_gave(client, write_document):
    document = (
        "Paris, 28 October 2025\n\n## New control room opens\n\n**The room opened today.**\n\n"
        "Klaus Weber, Director of Space Operations, opened the room on Monday.\n\n"
        "“Every console here was wired by our own engineers,” Weber said.\n\n"
        "“The room will be staffed day and night.”\n\n— Klaus Weber, Director of Space Operations\n\n"
        "### CNES press contacts\n\nAlain Delrieu\nTel. +33 1 44 76 74 04\nalain.delrieu@cnes.fr\n"
    )
    result = release_import_file(path=write_document(document), directory=Directory(), publish=True)
    quotes = list(result.release.quotes.order_by("order"))
    assert [(q.person.name, q.speaker_title) for q in quotes] == [
        ("Klaus Weber", "Director of Space Operations"),
        ("Klaus Weber", "Director of Space Operations"),
    ]
    page = page_of(client, result.release)
    url = quotes[0].person.get_absolute_url()
    for quote in quotes:
        assert page.count(quote.text) == 1
    assert f'<q class="quote" cite="{url}">Every console here was wired by our own engineers</q>' in page
    assert f'<figcaption>— <a class="quote-speaker" href="{url}"' in page
