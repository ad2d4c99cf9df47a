"""Whatever a visitor types into a public address, the site answers with a page, a 404 or a 400,
never a 500: random, huge and unicode path segments, NUL bytes, negative and enormous numbers,
broken dates and cursors, repeated and unknown parameters, over every public URL pattern of the
URLconf (tests/public_urls.py walks it), with public and hidden releases in the database."""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from releases.filters import ReleaseFilter
from tests.public_urls import public_patterns
from tests.test_leaks import add_hidden_releases, clock, public_site, tokens  # noqa: F401 (fixtures)

PATTERNS = public_patterns()
FUZZ = settings(
    max_examples=40,
    derandomize=True,  # the same examples on every run and in CI
    database=None,  # nothing written to .hypothesis/
    deadline=None,  # a first request compiles templates; the suite's time is bounded by max_examples
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

numbers = st.one_of(
    st.integers(min_value=-(2**63) - 1, max_value=2**63 + 1),
    st.integers(min_value=-(10**40), max_value=10**40),
).map(str)
huge = st.sampled_from(["a", "é", "9", "-", "%", "\x00", "語"]).flatmap(
    lambda char: st.integers(min_value=300, max_value=20_000).map(lambda n: char * n)
)
dates = st.sampled_from(
    ["2024-02-30", "0000-00-00", "9999-12-31", "10000-01-01", "-1-01-01", "2024-13-01", "1e9"]
)
cursors = st.tuples(st.one_of(dates, st.text(max_size=12)), numbers, numbers).map(
    lambda parts: "_".join(parts)
)
odd = st.sampled_from(
    ["", " ", "\x00", "%00", "%ff%fe", "../..", "null", "NaN", "inf", "\u202e", "\ud7ff", "\U0010ffff"]
)
values = st.one_of(
    st.text(max_size=40),
    st.text(max_size=8).map(lambda text: f"{text}\x00"),
    numbers,
    huge,
    dates,
    cursors,
    odd,
)
KNOWN = [*ReleaseFilter.base_filters, "page", "after", "before"]  # what the list and feeds read
unknown_keys = st.one_of(st.sampled_from(["format", "utm_source", "q[]", "page "]), st.text(max_size=12))
raw_queries = st.text(alphabet="%&=;+?#aq0123456789fFeE\x00", max_size=40)


@pytest.fixture
def site(client, clock, public_site):  # noqa: F811 (fixtures imported above)
    """The leak suite's public site and hidden releases: real slugs and ids to start from."""
    add_hidden_releases(public_site)
    return tokens()


def assert_no_server_error(client, url: str):
    response = client.get(url)  # an exception in a view fails the test here, with its traceback
    assert response.status_code < 500 or response.status_code == 503, (url[:300], response.status_code)


@FUZZ
@given(data=st.data())
def test_no_path_segment_gives_a_server_error(client, site, data):
    pattern = data.draw(st.sampled_from([p for p in PATTERNS if p.parameters]))
    real = st.sampled_from(site["ids"] + site["slugs"])
    segments = {
        name: data.draw(st.one_of(real, values, real.map(lambda token: token + "\x00")), label=name)
        for name in pattern.parameters
    }
    url = pattern.fill(**{name: quote(segment, safe="") for name, segment in segments.items()})
    assert_no_server_error(client, url)


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda pattern: pattern.name)
@settings(FUZZ, max_examples=20)
@given(data=st.data())
def test_no_query_string_gives_a_server_error(client, site, pattern, data):
    real = st.sampled_from(site["ids"] + site["slugs"])
    path = pattern.fill(**{name: data.draw(real, label=name) for name in pattern.parameters})
    anything = st.one_of(values, real, real.map(lambda token: f"{token}\x00"))
    known = data.draw(st.dictionaries(st.sampled_from(KNOWN), st.lists(anything, min_size=1, max_size=3)))
    pairs = [(key, value) for key, repeated in known.items() for value in repeated]  # repeated keys
    pairs += data.draw(st.lists(st.tuples(unknown_keys, anything), max_size=3))
    assert_no_server_error(client, f"{path}?{urlencode(pairs)}")


@FUZZ
@given(data=st.data())
def test_no_malformed_query_string_gives_a_server_error(client, site, data):
    pattern = data.draw(st.sampled_from([p for p in PATTERNS if not p.parameters]))
    assert_no_server_error(client, f"{pattern.fill()}?{data.draw(raw_queries)}")


HOSTILE = [
    {"page": "99999999999999999999999"},
    {"page": "-1"},
    {"after": "9999-12-31_99999999999999999999999_-1"},
    {"before": "0001-01-01_-99999999999999999999_0"},
    {"year": "99999999999999999999"},
    {"date_from": "99999-01-01"},
    {"q": "\x00"},
    {"agency": "\x00"},
    {"q": "a" * 5000},
]


def test_the_usual_hostile_parameters_give_no_server_error(client, site):
    for path in ["/releases/", "/releases/feed/atom/", "/releases/feed/rss/"]:
        for query in HOSTILE:
            assert_no_server_error(client, f"{path}?{urlencode(query)}")
