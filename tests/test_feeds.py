"""Journalists follow releases by feed: all of them, an agency's, or a search's."""

import calendar
import html
from datetime import UTC, date, datetime, timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from releases.models import Release
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    PressContactFactory,
    QuoteFactory,
    ReleaseContactFactory,
    ReleaseFactory,
    RoleFactory,
    TopicFactory,
)
from tests.workflow import publish

pytestmark = pytest.mark.django_db

RSS, ATOM = reverse("releases:feed-rss"), reverse("releases:feed-atom")
BOTH = pytest.mark.parametrize("feed_url", [RSS, ATOM], ids=["rss", "atom"])


def read_feed(client, url, **headers):
    """The feed as a feed reader gets it: parsed by feedparser, which must find no error."""
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.content[:500]
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def content_of(entry) -> str:
    """An item's full text: Atom's <content>, RSS's <description>."""
    return entry.content[0].value if "content" in entry else entry.description


def titles(feed) -> list[str]:
    return [entry.title for entry in feed.entries]


def hidden_releases(**kwargs) -> list[Release]:
    """A draft, one in review, a scheduled one and an embargoed one: none the public may see."""
    return [
        ReleaseFactory(title="Secret draft about Mars", draft=True, **kwargs),
        ReleaseFactory(title="Secret review about Mars", status=Release.Status.REVIEW, **kwargs),
        ReleaseFactory(title="Secret scheduled about Mars", scheduled=True, **kwargs),
        ReleaseFactory(title="Secret embargoed about Mars", embargoed=True, **kwargs),
    ]


@BOTH
def test_the_feed_of_all_releases_is_valid_and_newest_publication_first(client, feed_url):
    now = timezone.now()
    ReleaseFactory(
        title="Published last week", published_at=now - timedelta(days=7), dateline_date=date(2024, 9, 9)
    )
    ReleaseFactory(
        title="Published yesterday", published_at=now - timedelta(days=1), dateline_date=date(2024, 1, 1)
    )

    feed = read_feed(client, feed_url)

    assert feed.feed.title == "All releases — Pressroom"
    assert feed.feed.link == "http://testserver/releases/"
    # Publication time orders the feed, not the dateline (the older dateline comes first here).
    assert titles(feed) == ["Published yesterday", "Published last week"]


@BOTH
def test_a_feed_holds_the_latest_twenty_releases(client, feed_url):
    now = timezone.now()
    for n in range(23):
        ReleaseFactory(title=f"Release {n:02}", published_at=now - timedelta(hours=n + 1))

    feed = read_feed(client, feed_url)

    assert titles(feed) == [f"Release {n:02}" for n in range(20)]


@BOTH
def test_an_item_carries_the_full_release_with_its_press_contacts(client, seed_release, feed_url):
    raw = client.get(feed_url).content.decode()
    (entry,) = read_feed(client, feed_url).entries
    text = content_of(entry)

    assert entry.title == "French-Japanese space cooperation CNES and JAXA hold annual meeting"
    assert entry.link == "http://testserver" + seed_release.get_absolute_url()
    assert "Paris, 28 October 2013" in text  # the dateline
    assert "PR083 - 2013" in text
    assert "Press release" in text
    assert "<strong>For the annual meeting between CNES and the Japan Aerospace" in text  # bold lead
    assert "CNES is also involved in science operations on the International Space Station" in text
    # The quote, once, where the body has it, and its speaker linked there.
    assert text.count("I am impressed by the progress our working groups have achieved") == 1
    assert "&lt;p&gt;" not in text
    assert 'href="http://testserver/people/jean-yves-le-gall/">Jean-Yves Le Gall</a>' in text
    # Every press contact, with a phone to call and an address to write to.
    for name, phone, e164, email in [
        ("Alain Delrieu", "+33 1 44 76 74 04", "+33144767404", "alain.delrieu@cnes.fr"),
        ("Pascale Bresson", "+33 1 44 76 75 39", "+33144767539", "pascale.bresson@cnes.fr"),
        ("Julien Watelet", "+33 1 44 76 78 37", "+33144767837", "julien.watelet@cnes.fr"),
    ]:
        assert name in text
        assert phone in text
        assert f'href="mailto:{email}"' in text
        # feedparser drops tel: links as it sanitises; readers that keep them can dial.
        assert f'href="tel:{e164}"' in html.unescape(raw)
    assert 'href="http://www.cnes.fr/presse"' in text
    assert entry.author == "CNES"


def test_an_item_of_a_french_release_reads_in_french(client):
    release = ReleaseFactory(language="fr", dateline_date=date(2014, 3, 1))
    ReleaseContactFactory(release=release)

    text = content_of(read_feed(client, ATOM).entries[0])

    assert "Paris, le 1er mars 2014" in text
    assert "Communiqué de presse" in text
    assert "Contacts presse" in text


def test_an_item_without_named_contacts_gives_the_press_desk(client):
    agency = AgencyFactory(acronym="SPX", press_phone="+33 1 40 00 00 00", press_email="desk@spx.example")
    ReleaseFactory(agency=agency)

    text = content_of(read_feed(client, ATOM).entries[0])

    assert "Press desk, SPX" in text
    assert "+33 1 40 00 00 00" in text
    assert 'href="mailto:desk@spx.example"' in text


def test_atom_gives_the_lead_as_summary_and_the_full_text_as_content(client):
    ReleaseFactory(lead="The lead in **one** sentence.", body="A second paragraph, only in the full text.")

    (entry,) = read_feed(client, ATOM).entries

    assert entry.summary == "The lead in one sentence."
    assert "A second paragraph, only in the full text." in entry.content[0].value


@BOTH
def test_an_item_is_dated_by_its_publication_time_not_its_dateline(client, feed_url):
    published = datetime(2024, 3, 5, 9, 30, tzinfo=UTC)
    release = ReleaseFactory(dateline_date=date(2024, 2, 20), published_at=published)

    (entry,) = read_feed(client, feed_url).entries

    assert calendar.timegm(entry.published_parsed) == int(published.timestamp())
    if feed_url == ATOM:
        assert calendar.timegm(entry.updated_parsed) == int(release.updated_at.timestamp())


@BOTH
def test_an_item_keeps_its_id_when_the_release_is_renamed(client, feed_url):
    release = ReleaseFactory(title="A first title")
    before = read_feed(client, feed_url).entries[0]

    release.title, release.slug = "A better title", "a-better-title"
    release.save()
    after = read_feed(client, feed_url).entries[0]

    assert after.link.endswith("/releases/a-better-title/") and after.link != before.link
    assert after.id == before.id
    assert after.id.startswith("tag:testserver,") and after.id.endswith(f":release:{release.pk}")
    if feed_url == RSS:
        assert after.guidislink is False  # isPermaLink="false": an id, not an address


@BOTH
def test_items_carry_the_issuing_agency_and_the_topics(client, feed_url):
    agency = AgencyFactory(name="Agence spatiale", acronym="AS")
    ReleaseFactory(agency=agency, topics=[TopicFactory(name="Mars & moons"), TopicFactory(name="Launchers")])

    (entry,) = read_feed(client, feed_url).entries

    assert entry.author == "Agence spatiale"
    assert sorted(tag.term for tag in entry.tags) == ["Launchers", "Mars & moons"]
    if feed_url == ATOM:
        assert entry.author_detail.href == "http://testserver" + agency.get_absolute_url()


@BOTH
def test_a_title_with_markup_reads_as_written(client, feed_url):
    ReleaseFactory(title="R&D <budget> up 5% for “Ariane 6”")

    assert titles(read_feed(client, feed_url)) == ["R&D <budget> up 5% for “Ariane 6”"]


@BOTH
def test_the_feed_of_an_agency_holds_its_releases_and_those_that_mention_it(client, feed_url):
    now = timezone.now()
    cnes = AgencyFactory(name="Centre national d'études spatiales", acronym="CNES")
    ReleaseFactory(agency=cnes, title="From CNES", published_at=now - timedelta(hours=1))
    ReleaseFactory(title="Mentioning CNES", published_at=now - timedelta(hours=2)).mentioned_agencies.add(
        cnes
    )
    ReleaseFactory(title="From another agency")

    feed = read_feed(client, f"{feed_url}?agency={cnes.slug}")
    issued = read_feed(client, f"{feed_url}?agency={cnes.slug}&agency_role=issued")

    assert titles(feed) == ["From CNES", "Mentioning CNES"]
    assert feed.feed.title == "Releases from or mentioning CNES — Pressroom"
    assert feed.feed.link == f"http://testserver/releases/?agency={cnes.slug}"
    assert titles(issued) == ["From CNES"]
    assert issued.feed.title == "Releases from CNES — Pressroom"


@BOTH
def test_a_filtered_feed_follows_every_filter_of_the_list(client, feed_url):
    cnes = AgencyFactory(acronym="CNES")
    mars = TopicFactory(name="Mars")
    ReleaseFactory(agency=cnes, topics=[mars], language="fr", dateline_date=date(2024, 5, 1), title="Match")
    ReleaseFactory(agency=cnes, topics=[mars], language="en", dateline_date=date(2024, 5, 2), title="English")
    ReleaseFactory(
        agency=cnes, topics=[mars], language="fr", dateline_date=date(2023, 5, 2), title="Last year"
    )
    ReleaseFactory(agency=cnes, language="fr", dateline_date=date(2024, 5, 3), title="No topic")
    ReleaseFactory(
        agency=cnes,
        topics=[mars],
        language="fr",
        dateline_date=date(2024, 5, 4),
        kind=Release.Kind.MEDIA_ADVISORY,
        title="Advisory",
    )

    feed = read_feed(
        client,
        f"{feed_url}?agency={cnes.slug}&agency_role=issued&topic={mars.slug}&year=2024&language=fr"
        "&kind=press_release&page=3&after=2024-05-09_1_1&utm_source=x",
    )

    assert titles(feed) == ["Match"]
    assert feed.feed.title == (
        "Releases from CNES, about Mars, of 2024, in French, of type “Press release” — Pressroom"
    )
    assert feed.feed.language == "fr"
    # The list page with the same filters, without the page or anything else.
    assert feed.feed.link == (
        f"http://testserver/releases/?agency={cnes.slug}&agency_role=issued&topic={mars.slug}&year=2024"
        "&language=fr&kind=press_release"
    )


@BOTH
def test_a_feed_of_dates_and_of_a_person_says_so(client, feed_url):
    person = PersonFactory(name="Ada Quill")
    named = ReleaseFactory(title="Naming Ada", dateline_date=date(2024, 3, 1))
    named.mentioned_people.add(person)
    ReleaseFactory(title="Naming Ada, too early", dateline_date=date(2023, 3, 1)).mentioned_people.add(person)
    ReleaseFactory(title="Naming nobody", dateline_date=date(2024, 3, 2))

    feed = read_feed(client, f"{feed_url}?person={person.slug}&date_from=2024-01-01&date_to=2024-12-31")

    assert titles(feed) == ["Naming Ada"]
    assert (
        feed.feed.title
        == "Releases naming Ada Quill, since 1 January 2024, until 31 December 2024 — Pressroom"
    )


@BOTH
def test_the_feed_of_a_search_holds_only_the_matching_releases(client, feed_url):
    ReleaseFactory(title="CNES and JAXA hold their annual meeting", body="Cooperation with JAXA.")
    ReleaseFactory(title="A new launcher", body="Nothing about Japan.")

    feed = read_feed(client, f"{feed_url}?q=JAXA")

    assert titles(feed) == ["CNES and JAXA hold their annual meeting"]
    assert feed.feed.title == "Releases matching “JAXA” — Pressroom"
    assert feed.feed.link == "http://testserver/releases/?q=JAXA"


@BOTH
@pytest.mark.parametrize("query", ["agency=no-such-agency", "year=last", "kind=rumour", "language=xx"])
def test_a_filter_the_list_cannot_read_gives_an_empty_feed(client, feed_url, query):
    ReleaseFactory(title="A public release")

    feed = read_feed(client, f"{feed_url}?{query}")

    assert feed.entries == []


@BOTH
def test_releases_the_public_may_not_see_are_never_in_a_feed(client, feed_url):
    agency = AgencyFactory(acronym="ESA")
    topic = TopicFactory(name="Mars")
    ReleaseFactory(agency=agency, title="Public news about Mars", topics=[topic])
    hidden = hidden_releases(agency=agency)
    for release in hidden:
        release.topics.set([topic])

    for query in ["", f"?agency={agency.slug}", f"?topic={topic.slug}", "?q=Secret", "?q=Mars", "?year=2024"]:
        response = client.get(feed_url + query)
        feed = feedparser.parse(response.content)
        assert not feed.bozo
        content = response.content.decode()
        for release in hidden:
            assert release.title not in content, query
            assert release.slug not in content, query
            assert f":release:{release.pk}<" not in content, query
        assert titles(feed) in (["Public news about Mars"], []), query


@BOTH
def test_a_reader_with_the_current_feed_gets_304_then_200_once_a_release_is_published(client, feed_url):
    ReleaseFactory(title="The first release", published_at=timezone.now() - timedelta(days=1))
    Release.objects.update(updated_at=timezone.now() - timedelta(hours=1))  # last edited an hour ago
    first = client.get(feed_url)
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]

    assert client.get(feed_url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(feed_url, headers={"if-modified-since": last_modified}).status_code == 304

    draft = ReleaseFactory(title="The second release", draft=True)
    assert client.get(feed_url, headers={"if-none-match": etag}).status_code == 304  # a draft changes nothing

    publish(draft)
    again = client.get(feed_url, headers={"if-none-match": etag})
    assert again.status_code == 200
    assert again.headers["ETag"] != etag
    assert titles(feedparser.parse(again.content)) == ["The second release", "The first release"]
    assert client.get(feed_url, headers={"if-modified-since": last_modified}).status_code == 200


@BOTH
def test_a_release_whose_embargo_lifts_reaches_readers_of_the_feed(client, feed_url):
    """Its publication time is days old; the time it reached the public is now."""
    now = timezone.now()
    ReleaseFactory(title="Old news", published_at=now - timedelta(hours=2))
    held = ReleaseFactory(title="Held news", published_at=now - timedelta(days=3), embargoed=True)
    Release.objects.update(updated_at=now - timedelta(hours=2))  # both last edited hours ago
    first = client.get(feed_url)
    assert titles(feedparser.parse(first.content)) == ["Old news"]

    # The embargo ends (written straight to the table: nothing else about the release changes).
    Release.objects.filter(pk=held.pk).update(embargo_until=now - timedelta(seconds=1))

    for header, value in [
        ("if-none-match", first.headers["ETag"]),
        ("if-modified-since", first.headers["Last-Modified"]),
    ]:
        response = client.get(feed_url, headers={header: value})
        assert response.status_code == 200, header
        assert "Held news" in titles(feedparser.parse(response.content))


def test_the_feed_of_one_agency_does_not_change_with_another_agencys_news(client):
    cnes = AgencyFactory(acronym="CNES")
    ReleaseFactory(agency=cnes)
    url = f"{RSS}?agency={cnes.slug}"
    etag = client.get(url).headers["ETag"]

    ReleaseFactory(title="News from elsewhere")

    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(RSS, headers={"if-none-match": etag}).status_code == 200


def test_an_empty_feed_is_valid_and_answers_conditional_gets(client):
    feed = read_feed(client, ATOM)
    assert feed.entries == []
    etag = client.get(ATOM).headers["ETag"]
    assert client.get(ATOM, headers={"if-none-match": etag}).status_code == 304
    assert (
        client.get(ATOM, headers={"if-modified-since": http_date()}).status_code == 200
    )  # no date to compare


def make_rich_releases(count: int, agency):
    """Releases with everything an item shows: topics, quotes with roles, press contacts."""
    topic = TopicFactory()
    for _ in range(count):
        release = ReleaseFactory(agency=agency, topics=[topic, TopicFactory()])
        quote = QuoteFactory(release=release)
        RoleFactory(person=quote.person, agency=agency)
        for _ in range(2):
            ReleaseContactFactory(release=release, contact=PressContactFactory(agency=AgencyFactory()))


@BOTH
@pytest.mark.parametrize("query", ["", "?agency=esa", "?q=lead"])
def test_a_feed_takes_the_same_number_of_queries_for_two_items_or_twenty(
    client, django_assert_max_num_queries, feed_url, query
):
    agency = AgencyFactory(acronym="ESA")
    make_rich_releases(2, agency)
    with CaptureQueriesContext(connection) as few:
        assert len(read_feed(client, feed_url + query).entries) == 2

    make_rich_releases(25, agency)
    with django_assert_max_num_queries(len(few)):
        assert len(read_feed(client, feed_url + query).entries) == 20
    assert len(few) <= 12


def test_a_conditional_get_answered_304_never_fetches_the_releases(client, django_assert_max_num_queries):
    make_rich_releases(5, AgencyFactory())
    etag = client.get(RSS).headers["ETag"]

    with django_assert_max_num_queries(1):  # the keys of the feed's items, nothing else
        assert client.get(RSS, headers={"if-none-match": etag}).status_code == 304
