"""The header of a release as press offices write it: titles with or without `#`, type labels
in many languages, references kept exactly as written, datelines above, under or after the
title. A missing date or title makes a draft with a review note, never a refusal."""

from datetime import date

import pytest

from releases.importing import DocumentError, parse_release
from releases.importing.header.kinds import kind_of
from releases.importing.header.label_lines import read_header_line
from releases.importing.header.references import (
    Reference,
    parse_reference,
    reference_opening,
    title_reference,
)
from releases.importing.header.titles import first_sentence
from releases.models import Release

BODY = (
    "The agency has selected two teams to build the instruments of its next mission, after a "
    "call that drew proposals from twelve countries and more than forty laboratories.\n\n"
    "The instruments will be delivered in three years.\n"
)


def notes(parsed) -> list[str]:
    return [note.code for note in parsed.review.notes]


# Type labels ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("PRESS RELEASE", Release.Kind.PRESS_RELEASE),
        ("Pressemitteilung", Release.Kind.PRESS_RELEASE),
        ("Comunicato stampa", Release.Kind.PRESS_RELEASE),
        ("NOTA DE PRENSA", Release.Kind.PRESS_RELEASE),
        ("Persbericht", Release.Kind.PRESS_RELEASE),
        ("Communiqué de presse", Release.Kind.PRESS_RELEASE),
        ("Comunicado de imprensa", Release.Kind.PRESS_RELEASE),
        ("Gemeinsame Pressemitteilung", Release.Kind.JOINT_PRESS_RELEASE),
        ("Communiqué de presse conjoint", Release.Kind.JOINT_PRESS_RELEASE),
        ("Media advisory:", Release.Kind.MEDIA_ADVISORY),
        ("Avis aux médias", Release.Kind.MEDIA_ADVISORY),
        ("Presseeinladung", Release.Kind.MEDIA_ADVISORY),
        ("Déclaration", Release.Kind.STATEMENT),
        ("Dossier de presse", Release.Kind.PRESS_KIT),
        ("Cartella stampa", Release.Kind.PRESS_KIT),
    ],
)
def test_type_labels_in_many_languages(label, kind):
    assert kind_of(label) == kind


@pytest.mark.parametrize(
    ("line", "kind", "reference", "day"),
    [
        ("RELEASE: 09-213", Release.Kind.PRESS_RELEASE, "09-213", None),
        ("MEDIA ADVISORY: M24-031", Release.Kind.MEDIA_ADVISORY, "M24-031", None),
        ("CONTRACT RELEASE: C09-12", Release.Kind.PRESS_RELEASE, "C09-12", None),
        ("Pressemitteilung Nr. 12/2019", Release.Kind.PRESS_RELEASE, "Nr. 12/2019", None),
        ("European Commission - Press release", Release.Kind.PRESS_RELEASE, None, None),
        ("**DLR** PRESSEMITTEILUNG", Release.Kind.PRESS_RELEASE, None, None),
        ("Gemeinsame Pressemitteilung von DLR und CNES", Release.Kind.JOINT_PRESS_RELEASE, None, None),
        ("Communiqué de presse – 12/03/2021 – 1/2", Release.Kind.PRESS_RELEASE, None, date(2021, 3, 12)),
        ("COMUNICATO STAMPA Roma, 22/10/2018", Release.Kind.PRESS_RELEASE, None, date(2018, 10, 22)),
        ("News Release 03/14/2021 Page 1 of 1", Release.Kind.PRESS_RELEASE, None, date(2021, 3, 14)),
        ("Daily News 18 / 05 / 2021", None, None, date(2021, 5, 18)),
        ("IP/21/1187", None, "IP/21/1187", None),
    ],
)
def test_label_lines_with_references_dates_and_page_counters(line, kind, reference, day):
    found = read_header_line(line, 1)
    assert found.kind == kind
    assert (found.reference.written if found.reference else None) == reference
    assert (found.dateline.date if found.dateline else None) == day


@pytest.mark.parametrize(
    "line",
    [
        "NASA Radar Maps Ice Beneath the Plains",
        "Statement on the launch delay of the lunar lander",
        "Brussels",
    ],
)
def test_a_headline_is_no_label_line(line):
    assert not read_header_line(line, 1)


# References -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "prefix", "number", "year"),
    [
        ("PR083 - 2013", "PR", "083", 2013),
        ("ESA PR 41-2026", "ESA PR ", "41", 2026),
        ("CP n°045 - 2014", "CP n°", "045", 2014),
        ("No. 12/2014", "No. ", "12", 2014),
        ("09-213", "", "213", 2009),
        ("M24-031", "M", "031", 2024),
        ("IP/21/1187", "IP/", "1187", 2021),
        ("PR-2021-045", "PR-", "045", 2021),
    ],
)
def test_a_reference_is_kept_as_written_and_in_parts(written, prefix, number, year):
    assert parse_reference(written) == Reference(written, prefix, number, year)


def test_only_some_references_round_trip_through_their_parts():
    assert parse_reference("PR083 - 2013").round_trips
    assert not parse_reference("ESA PR 41-2026").round_trips  # the model would write "ESA PR 41 - 2026"
    assert parse_reference("Nr. 12") == Reference("Nr. 12")  # no year: only as written


def test_a_reference_opening_the_first_paragraph_and_a_numbered_title():
    reference, rest = reference_opening("ESA PR 07-2009. The European Space Agency has chosen.")
    assert (reference.written, rest) == ("ESA PR 07-2009", "The European Space Agency has chosen.")
    assert reference_opening("Sentinel-2 has launched. It flies well.") is None
    reference, title = title_reference("N° 2–2001: A new satellite for the oceans")
    assert (reference.written, title) == ("N° 2–2001", "A new satellite for the oceans")
    reference, title = title_reference("Nr. 12/2019 – Neuer Windkanal")
    assert (reference.written, title) == ("Nr. 12/2019", "Neuer Windkanal")
    assert title_reference("Sentinel 2–2001: a mission") is None


def test_a_reference_is_kept_exactly_as_the_document_writes_it():
    parsed = parse_release("ESA PR 41-2026\n\nParis, 3 March 2026\n\n# A title\n\n" + BODY)
    assert parsed.reference_written == "ESA PR 41-2026"
    assert (parsed.reference_prefix, parsed.reference_number, parsed.reference_year) == (
        "ESA PR ",
        "41",
        2026,
    )


def test_a_reference_and_the_type_from_one_label_line():
    parsed = parse_release("March 3, 2009\n\nMEDIA ADVISORY: M09-31\n\nNASA Opens a Test Stand\n\n" + BODY)
    assert (parsed.kind, parsed.reference_written, parsed.title) == (
        Release.Kind.MEDIA_ADVISORY,
        "M09-31",
        "NASA Opens a Test Stand",
    )


# Titles ---------------------------------------------------------------------------------------


def test_a_headline_written_as_a_plain_line_after_a_label():
    parsed = parse_release(
        "Pressemitteilung\n\nKöln, 14. März 2019\n\nNeuer Windkanal erreicht Mach 3\n\n" + BODY
    )
    assert parsed.title == "Neuer Windkanal erreicht Mach 3"
    assert (parsed.dateline_place, parsed.dateline_date) == ("Köln", date(2019, 3, 14))
    assert parsed.lead.startswith("The agency has selected two teams")
    assert notes(parsed) == []


def test_a_headline_as_the_first_line_with_the_date_and_labels_under_it():
    parsed = parse_release(
        "Agency Invites Media to a Rocket Engine Test\n\nJanuary 23, 2024\n\nMEDIA ADVISORY: M24-031\n\n"
        + BODY
    )
    assert (parsed.title, parsed.dateline_date, parsed.reference_written, parsed.kind) == (
        "Agency Invites Media to a Rocket Engine Test",
        date(2024, 1, 23),
        "M24-031",
        Release.Kind.MEDIA_ADVISORY,
    )
    assert "January 23" not in parsed.body and "M24-031" not in parsed.body


def test_an_all_capitals_headline_is_kept_as_written():
    parsed = parse_release(
        "Sept. 14, 2009\n\nRELEASE: 09-213\n\nRADAR MAPS ICE BENEATH THE PLAINS OF MARS\n\n" + BODY
    )
    assert parsed.title == "RADAR MAPS ICE BENEATH THE PLAINS OF MARS"
    assert notes(parsed) == []


def test_a_heading_is_preferred_to_a_short_line_above_it():
    parsed = parse_release("Centre of Space Studies\n\nParis, 3 March 2014\n\n## The real title\n\n" + BODY)
    assert parsed.title == "The real title"


def test_the_largest_heading_before_the_text_is_the_title():
    parsed = parse_release(
        "## National Space Administration\n\nJanuary 9, 2024\n\n**RELEASE: 24-004**\n\n"
        "# Mission Passes Design Review\n\n" + BODY
    )
    assert (parsed.title, parsed.reference_written) == ("Mission Passes Design Review", "24-004")


def test_a_number_before_the_title_is_the_reference():
    parsed = parse_release("Paris, 3 March 2001\n\n# N° 2–2001: A new satellite for the oceans\n\n" + BODY)
    assert (parsed.title, parsed.reference_written) == ("A new satellite for the oceans", "N° 2–2001")
    assert (parsed.reference_number, parsed.reference_year) == ("2", 2001)


def test_a_title_opening_with_a_label_keeps_it_and_gives_the_type():
    parsed = parse_release("Paris, 16 June 2015\n\n# Call for Media: an astronaut returns\n\n" + BODY)
    assert (parsed.title, parsed.kind) == (
        "Call for Media: an astronaut returns",
        Release.Kind.MEDIA_ADVISORY,
    )


def test_without_a_title_the_first_sentence_stands_in_and_is_noted():
    parsed = parse_release(
        "Orbital Works Inc. today introduced a folding antenna for small satellites. " + BODY
    )
    assert parsed.title == "Orbital Works Inc. today introduced a folding antenna for small satellites"
    assert notes(parsed) == ["no_date", "title_guessed"]


def test_first_sentences_end_at_a_full_stop_not_at_an_abbreviation():
    assert first_sentence("Dr. J. Smith met the team. They agreed.") == "Dr. J. Smith met the team"
    assert first_sentence("宇宙機構は発表しました。次の文。") == "宇宙機構は発表しました。"
    assert len(first_sentence("word " * 100)) <= 300


def test_a_title_longer_than_the_field_is_refused_naming_its_line():
    with pytest.raises(DocumentError) as refused:
        parse_release("Paris, 3 March 2014\n\n# " + "Long " * 70 + "\n\n" + BODY)
    assert refused.value.line == 3


# Datelines and dates --------------------------------------------------------------------------


def test_a_newswire_dateline_opens_the_first_paragraph():
    parsed = parse_release(
        "# Two Firms Team Up on Antennas\n\n*Joint development targets a first flight in 2024*\n\n"
        "AUSTIN and LYON, France, June 8, 2022 /PRNewswire/ -- Two firms agreed today to build antennas "
        "together for small satellites, the companies said in a joint statement.\n\nMore text.\n"
    )
    assert (parsed.dateline_place, parsed.dateline_date) == ("AUSTIN and LYON, France", date(2022, 6, 8))
    assert parsed.lead.startswith("Two firms agreed today")
    assert parsed.body.startswith("*Joint development targets a first flight in 2024*")
    assert "PRNewswire" not in parsed.body + parsed.lead


def test_a_place_alone_opens_the_text_and_the_date_is_elsewhere():
    parsed = parse_release(
        "March 3, 2009\n\nCONTRACT RELEASE: C09-12\n\nAgency Extends Training Contract\n\n"
        "HOUSTON – The agency has extended its contract for astronaut training support at its center "
        "in Houston, for one more year and about eighteen million dollars.\n\nMore text.\n"
    )
    assert (parsed.dateline_place, parsed.dateline_date) == ("HOUSTON", date(2009, 3, 3))
    assert parsed.lead.startswith("The agency has extended its contract")


def test_a_bold_place_and_date_open_the_lead():
    parsed = parse_release(
        "# Klimasatellit besteht Systemtest\n\n**Bonn/Paris, 2. Oktober 2018** – Der Satellit hat den "
        "entscheidenden Systemtest bestanden, teilten die beiden Raumfahrtagenturen heute mit.\n\nMehr.\n"
    )
    assert (parsed.dateline_place, parsed.dateline_date) == ("Bonn/Paris", date(2018, 10, 2))
    assert parsed.lead.startswith("Der Satellit hat den entscheidenden Systemtest")


def test_a_date_only_in_the_closing_signature_is_the_dateline():
    parsed = parse_release(
        "DÉCLARATION\n\n# La ministre salue le lancement\n\n"
        + BODY
        + "\nLa ministre\n\nFait à Paris, le 3 mars 2014\n"
    )
    assert (parsed.dateline_place, parsed.dateline_date) == ("Paris", date(2014, 3, 3))
    assert "no_date" not in notes(parsed)


def test_a_missing_date_is_a_note_not_a_refusal():
    parsed = parse_release("# A title\n\n" + BODY)
    assert parsed.dateline_date is None
    assert notes(parsed) == ["no_date"]


def test_a_placeholder_date_keeps_the_place_and_is_noted_with_its_line():
    parsed = parse_release(
        "PERSBERICHT\n\n# Studenten bouwen een satelliet\n\nNoordwijk, XX maart 2020\n\n" + BODY
    )
    assert (parsed.dateline_place, parsed.dateline_date) == ("Noordwijk", None)
    [note] = [note for note in parsed.review.notes if note.code == "no_date"]
    assert note.where == "line 5"


def test_an_impossible_date_is_refused_naming_its_line():
    with pytest.raises(DocumentError) as refused:
        parse_release("UK Space Office\n\n31 February 2021\n\nA title\n\n" + BODY)
    assert refused.value.line == 3
    assert "31 February 2021" in refused.value.message


def test_a_french_numeric_date_is_read_day_first():
    parsed = parse_release(
        "COMMUNIQUÉ DE PRESSE          Paris, le 03/04/2021 – Page 1 sur 2\nCP045-2021\n\n"
        "Le CNES ouvre un laboratoire\n\nLe Centre a inauguré jeudi, sur son site de Toulouse, un "
        "laboratoire consacré à la qualification des nanosatellites, ouvert aux jeunes équipes.\n\nSuite.\n"
    )
    assert (parsed.dateline_place, parsed.dateline_date, parsed.reference_written) == (
        "Paris",
        date(2021, 4, 3),
        "CP045-2021",
    )
    assert (parsed.language, notes(parsed)) == ("fr", [])


US_DOCUMENT = (
    "News Release 03/04/2021 Page 1 of 1\n\n# Helicopter team picks an airfield\n\n"
    "{place} - Engineers have chosen a flat patch of ground near the rover's landing site as the "
    "first airfield for the small helicopter it carries.\n\nMore text.\n"
)


def test_an_american_numeric_date_is_read_month_first():
    parsed = parse_release(US_DOCUMENT.format(place="Pasadena, Calif."))
    assert parsed.dateline_date == date(2021, 3, 4)
    assert notes(parsed) == []


def test_a_numeric_date_of_an_unknown_order_is_read_day_first_and_noted():
    parsed = parse_release(US_DOCUMENT.format(place="SOMEWHERE"))
    assert parsed.dateline_date == date(2021, 4, 3)
    [note] = parsed.review.notes
    assert (note.code, note.where) == ("date_guessed", "line 1")
    assert "03/04/2021" in note.message


def test_phone_numbers_with_a_country_code_tell_the_order():
    text = (
        US_DOCUMENT.format(place="SOMEWHERE") + "\n### Press contacts\n\nAnna Grey\nTel. +44 20 7946 0123\n"
    )
    parsed = parse_release(text)
    assert parsed.dateline_date == date(2021, 4, 3)
    assert "date_guessed" not in notes(parsed)


def test_an_embargo_in_german_and_a_second_embargo_is_ignored():
    parsed = parse_release(
        "Pressemitteilung\n\nSperrfrist: 14. März 2019, 10:00 Uhr MEZ\n\nKöln, 14. März 2019\n\n"
        "# Neuer Windkanal\n\n**Embargo: 20. März 2019**\n\n" + BODY
    )
    assert parsed.embargo.instant(agency=None).strftime("%Y-%m-%d %H:%M") == "2019-03-14 09:00"


def test_an_embargo_without_a_date_is_noted_not_refused():
    parsed = parse_release("EMBARGOED UNTIL 10:00 CET\n\nParis, 3 March 2014\n\n# A title\n\n" + BODY)
    assert parsed.embargo is None
    assert notes(parsed) == ["embargo_unreadable"]


# What the file says of itself ----------------------------------------------------------------


def test_front_matter_fills_what_the_text_lacks():
    meta = {
        "title": "Three universities share a ground station",
        "date": date(2021, 3, 4),
        "place": "Glasgow",
    }
    parsed = parse_release("**Edinburgh --** " + BODY, meta=meta)
    assert (parsed.title, parsed.dateline_date, parsed.dateline_place) == (
        "Three universities share a ground station",
        date(2021, 3, 4),
        "Edinburgh",  # the text's own place wins
    )
    assert parsed.lead.startswith("The agency has selected")
    assert notes(parsed) == []


def test_the_texts_own_title_and_date_win_over_the_files():
    meta = {"title": "draft-v3", "date": date(2024, 1, 1), "reference": "PR 7-2024", "kind": "statement"}
    parsed = parse_release("Roma, 3 aprile 2020\n\n# Il titolo vero\n\n" + BODY, meta=meta)
    assert (parsed.title, parsed.dateline_date) == ("Il titolo vero", date(2020, 4, 3))
    assert (parsed.reference_written, parsed.kind) == ("PR 7-2024", Release.Kind.STATEMENT)


def test_a_converters_file_name_is_no_title():
    parsed = parse_release("Paris, 3 March 2014\n\n" + BODY, meta={"title": "release-final.html"})
    assert parsed.title.startswith("The agency has selected two teams")
    assert "title_guessed" in notes(parsed)


def test_a_web_pages_title_loses_its_sites_name():
    meta = {"site_name": "Space Office"}
    parsed = parse_release(
        "# Students fly experiments - Space Office\n\nJanuary 30, 2024\n\n" + BODY, meta=meta
    )
    assert parsed.title == "Students fly experiments"


def test_a_headline_naming_a_date_long_past_is_a_title_not_a_refusal():
    parsed = parse_release(
        "Hastings, 3 March 2016\n\nAbbey remembers 14 October 1066 with an exhibition\n\n" + BODY
    )
    assert parsed.title == "Abbey remembers 14 October 1066 with an exhibition"
    assert parsed.dateline_date == date(2016, 3, 3)
