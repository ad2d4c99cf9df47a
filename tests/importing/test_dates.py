"""Dates as press offices write them, in any common language: the importer reads each one,
refuses only a date that cannot exist, and says which language a month name was written in."""

from datetime import date

import pytest

from releases.importing.errors import DocumentError
from releases.importing.header.datelines import (
    closing_dateline,
    parse_dateline,
    place_country,
    place_only_dateline,
)
from releases.importing.header.dates import MONTHS, date_order, find_dates, parse_date, unknown_month
from releases.importing.header.embargo import parse_embargo


@pytest.mark.parametrize(
    ("written", "day", "language"),
    [
        ("28 October 2013", date(2013, 10, 28), "en"),
        ("October 28, 2013", date(2013, 10, 28), "en"),
        ("Sept. 14, 2009", date(2009, 9, 14), "en"),
        ("Monday, March 3rd, 2021", date(2021, 3, 3), "en"),
        ("the 1st of June, 2022", date(2022, 6, 1), "en"),
        ("1er mars 2014", date(2014, 3, 1), "fr"),
        ("jeudi 12 février 2015", date(2015, 2, 12), "fr"),
        ("12 fevrier 2015", date(2015, 2, 12), "fr"),  # accents left out
        ("14. März 2019", date(2019, 3, 14), "de"),
        ("Donnerstag, 12. Februar 2015", date(2015, 2, 12), "de"),
        ("3 aprile 2020", date(2020, 4, 3), "it"),
        ("1° maggio 2021", date(2021, 5, 1), "it"),
        ("5 de mayo de 2021", date(2021, 5, 5), "es"),
        ("lunes, 1º de junio de 2021", date(2021, 6, 1), "es"),
        ("1º de maio de 2021", date(2021, 5, 1), "pt"),
        ("3 maart 2020", date(2020, 3, 3), "nl"),
        ("5 de maig de 2021", date(2021, 5, 5), "ca"),
        ("3 kwietnia 2020 r.", date(2020, 4, 3), "pl"),  # the genitive, as Polish writes a date
        ("den 3 mars 2020", date(2020, 3, 3), "fr"),  # "mars" is French before Swedish
        ("14. marts 2019", date(2019, 3, 14), "da"),
        ("3. toukokuuta 2020", date(2020, 5, 3), "fi"),
        ("5. května 2021", date(2021, 5, 5), "cs"),
        ("January 23, 2024 (CST)", date(2024, 1, 23), "en"),  # a time-zone tag after the date
        ("2022年6月15日", date(2022, 6, 15), None),
        ("2021-04-03", date(2021, 4, 3), None),
    ],
)
def test_a_date_in_any_common_language_is_read_with_the_language_of_its_month(written, day, language):
    found = parse_date(written, 1)
    assert (found.date, found.language, found.guessed) == (day, language, False)


def test_month_names_come_from_the_locale_data_of_many_languages():
    # Each language's own word, and genitive forms, without a table written by hand.
    for word, month, language in [
        ("maggio", 5, "it"),
        ("mayo", 5, "es"),
        ("mei", 5, "nl"),
        ("maja", 5, "pl"),  # "3 maja": the genitive of "maj"
        ("augusti", 8, "sv"),
        ("kesakuuta", 6, "fi"),  # "kesäkuuta", accents folded
    ]:
        assert MONTHS[word] == (month, language)


@pytest.mark.parametrize(
    ("written", "order", "day", "guessed"),
    [
        ("03/04/2021", "DMY", date(2021, 4, 3), False),  # France
        ("03/04/2021", "MDY", date(2021, 3, 4), False),  # the United States
        ("03/04/2021", None, date(2021, 4, 3), True),  # nobody knows: day first, guessed
        ("12 / 03 / 2021", "DMY", date(2021, 3, 12), False),
        ("14.03.2019", None, date(2019, 3, 14), False),  # only one reading can be a date
        ("03/14/2019", "DMY", date(2019, 3, 14), False),  # only one reading, whatever the order
        ("05/05/2021", None, date(2021, 5, 5), False),  # both readings are the same day
    ],
)
def test_a_date_in_figures_is_read_in_the_issuers_order(written, order, day, guessed):
    found = parse_date(written, 1, order=order)
    assert (found.date, found.language, found.guessed) == (day, None, guessed)


def test_the_order_of_a_countrys_dates_comes_from_the_locale_data():
    assert (date_order("US"), date_order("FR"), date_order("DE"), date_order("JP")) == (
        "MDY",
        "DMY",
        "DMY",
        "YMD",
    )
    assert date_order("") is None


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("31 February 2021", "impossible date “31 February 2021”"),
        ("13/13/2021", "impossible date “13/13/2021”"),
        ("2021-13-05", "impossible date “2021-13-05”"),
        ("5 March 1066", "impossible year in “5 March 1066”"),
    ],
)
def test_a_date_that_cannot_exist_is_refused_naming_its_line(written, message):
    with pytest.raises(DocumentError) as refused:
        parse_date(written, 7)
    assert refused.value.line == 7
    assert refused.value.message.startswith(message)


def test_what_is_no_date_is_none_and_an_unknown_month_is_named():
    assert parse_date("Page 1 of 2", 1) is None
    assert parse_date("ESA PR 07-2009", 1) is None
    assert parse_date("Paris, 5 March 2014", 1) is None  # a dateline, not a date alone
    assert parse_date("28 Brumaire 2013", 1) is None
    assert unknown_month("28 Brumaire 2013") == "Brumaire"
    assert unknown_month("28 October 2013") is None


@pytest.mark.parametrize(
    ("line", "place", "day", "rest"),
    [
        ("Paris, le 1er mars 2014", "Paris", date(2014, 3, 1), ""),
        ("Köln, 14. März 2019", "Köln", date(2019, 3, 14), ""),
        ("Roma, 3 aprile 2020", "Roma", date(2020, 4, 3), ""),
        ("Madrid, 5 de mayo de 2021", "Madrid", date(2021, 5, 5), ""),
        ("Den Haag, 3 april 2020", "Den Haag", date(2020, 4, 3), ""),
        ("Stockholm den 3 mars 2020", "Stockholm", date(2020, 3, 3), ""),
        ("Washington, D.C., October 28, 2013", "Washington, D.C.", date(2013, 10, 28), ""),
        ("Tokyo, Monday 28 October 2013", "Tokyo", date(2013, 10, 28), ""),
        ("Bonn/Paris, 2. Oktober 2018", "Bonn/Paris", date(2018, 10, 2), ""),
        ("PARIS, Oct. 28, 2013 – The agency signed.", "PARIS", date(2013, 10, 28), "The agency signed."),
        ("LE BOURGET – June 25, 2015 – A contract.", "LE BOURGET", date(2015, 6, 25), "A contract."),
        (
            "Braunschweig, 21. Januar 2022. Ein Flugzeug flog.",
            "Braunschweig",
            date(2022, 1, 21),
            "Ein Flugzeug flog.",
        ),
        (
            "AUSTIN and LYON, May 4, 2022 /PRNewswire/ -- Two firms agreed.",
            "AUSTIN and LYON",
            date(2022, 5, 4),
            "Two firms agreed.",
        ),
        (
            "RENO, Nev., May 4, 2022 /PRNewswire/ -- A firm grew.",
            "RENO, Nev.",
            date(2022, 5, 4),
            "A firm grew.",
        ),
        ("DENVER, May 4, 2022 (GLOBE NEWSWIRE) -- A firm grew.", "DENVER", date(2022, 5, 4), "A firm grew."),
        ("Fait à Lyon, le 3 mars 2014", "Lyon", date(2014, 3, 3), ""),
    ],
)
def test_datelines_as_press_offices_and_newswires_write_them(line, place, day, rest):
    dateline = parse_dateline(line, 1)
    assert (dateline.place, dateline.date, dateline.rest) == (place, day, rest)


@pytest.mark.parametrize(
    "sentence",
    [
        "On 5 March 2014, the agency signed a contract.",
        "The agency signed it on 5 March 2014 in Paris.",
        "Paris, 5 March 2014, was a busy day for the agency",
    ],
)
def test_a_date_inside_a_sentence_is_no_dateline(sentence):
    assert parse_dateline(sentence, 1) is None


@pytest.mark.parametrize(
    ("opening", "place", "rest"),
    [
        ("HOUSTON – NASA has extended a contract.", "HOUSTON", "NASA has extended a contract."),
        ("WASHINGTON -- A radar has mapped ice.", "WASHINGTON", "A radar has mapped ice."),
        ("Pasadena, Calif. - Engineers chose a field.", "Pasadena, Calif.", "Engineers chose a field."),
        ("SAN FRANCISCO--(BUSINESS WIRE)--A firm grew.", "SAN FRANCISCO", "A firm grew."),
        ("Edinburgh -- Three universities agreed.", "Edinburgh", "Three universities agreed."),
    ],
)
def test_a_place_alone_opening_the_text_is_the_datelines_place(opening, place, rest):
    assert place_only_dateline(opening) == (place, rest)


def test_an_ordinary_sentence_opening_is_no_place():
    assert place_only_dateline("Today – we launched a satellite.") is None
    assert place_only_dateline("The agency – and its partners – agreed.") is None
    assert place_only_dateline("Bremen – Die Firma wächst.") is None
    assert place_only_dateline("Bremen – Die Firma wächst.", set_apart=True) == (
        "Bremen",
        "Die Firma wächst.",
    )


def test_a_closing_signature_gives_the_date():
    paragraphs = ["The text of the statement.", "La ministre", "Fait à Paris, le 3 mars 2014"]
    signed = closing_dateline(paragraphs)
    assert (signed.place, signed.date) == ("Paris", date(2014, 3, 3))
    assert closing_dateline(["Text.", "The launch was on 5 March 2014 in Kourou."]) is None


def test_a_us_state_after_a_city_tells_the_country():
    assert place_country("Pasadena, Calif.") == "US"
    assert place_country("HOUSTON, TX") == "US"
    assert place_country("Paris") == ""
    assert place_country("Kourou, Guyane") == ""


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("10:00 CET, 12 February 2015", "2015-02-12T09:00"),
        ("3 p.m. EST, February 12, 2015", "2015-02-12T20:00"),
        ("12 février 2015 à 10h", "2015-02-12T09:00"),
        ("jusqu'au 1er juillet 2019 à 11 h 00", "2019-07-01T09:00"),
        ("14. März 2019, 10:00 Uhr MEZ", "2019-03-14T09:00"),
        ("fino alle ore 10:00 del 3 aprile 2020", "2020-04-03T08:00"),
        ("hasta el 5 de mayo de 2021 a las 12:00 CEST", "2021-05-05T10:00"),
        ("12/03/2021 10:00 GMT", "2021-03-12T10:00"),
    ],
)
def test_embargo_times_in_several_languages(written, expected):
    assert parse_embargo(written, 1, order="DMY").instant(agency=None).strftime("%Y-%m-%dT%H:%M") == expected


def test_an_embargo_without_a_date_cannot_be_read():
    with pytest.raises(DocumentError, match="cannot read the embargo date"):
        parse_embargo("10:00 CET", 4)


def test_every_date_of_a_line_is_found_in_order():
    found = find_dates("Communiqué de presse – 12/03/2021 – 1/2, revised 15 March 2021", 1, order="DMY")
    assert [d.date for d in found] == [date(2021, 3, 12), date(2021, 3, 15)]


def test_an_impossible_date_is_refused_only_where_a_dateline_stands():
    with pytest.raises(DocumentError, match="impossible date"):
        parse_dateline("Paris, 31 February 2021", 3)
    with pytest.raises(DocumentError, match="impossible year"):
        parse_dateline("HASTINGS, 14 October 1066 – The battle began.", 3)
    # A headline remembering a date long past is no dateline, and no refusal.
    assert parse_dateline("Abbey remembers 14 October 1066 with a new exhibition", 1) is None
