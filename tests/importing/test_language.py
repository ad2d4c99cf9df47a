"""A document's language is detected from its text, not assumed English; the file's own
declaration wins; an uncertain guess is a review note."""

import pytest

from releases.importing import parse_release
from releases.importing.language import DETECTOR, detect_language, document_language, language_code

PARAGRAPHS = {
    "en": "The agency has chosen two teams to build the cameras of its next lunar mission. The first "
    "images are expected three years after launch, when the orbiter reaches the south pole.",
    "fr": "L'agence a choisi deux équipes pour construire les caméras de sa prochaine mission lunaire. "
    "Les premières images sont attendues trois ans après le lancement, au-dessus du pôle sud.",
    "de": "Die Agentur hat zwei Teams ausgewählt, die die Kameras ihrer nächsten Mondmission bauen. "
    "Die ersten Bilder werden drei Jahre nach dem Start erwartet, wenn der Orbiter den Südpol erreicht.",
    "it": "L'agenzia ha scelto due squadre per costruire le telecamere della sua prossima missione "
    "lunare. Le prime immagini sono attese tre anni dopo il lancio, sopra il polo sud.",
    "es": "La agencia ha elegido dos equipos para construir las cámaras de su próxima misión lunar. "
    "Las primeras imágenes se esperan tres años después del lanzamiento, sobre el polo sur.",
    "pt": "A agência escolheu duas equipas para construir as câmaras da sua próxima missão lunar. As "
    "primeiras imagens são esperadas três anos depois do lançamento, sobre o polo sul.",
    "nl": "Het agentschap heeft twee teams gekozen om de camera's van zijn volgende maanmissie te "
    "bouwen. De eerste beelden worden drie jaar na de lancering verwacht, boven de zuidpool.",
    "pl": "Agencja wybrała dwa zespoły, które zbudują kamery jej następnej misji księżycowej. "
    "Pierwsze zdjęcia są spodziewane trzy lata po starcie, nad biegunem południowym.",
    "sv": "Myndigheten har valt två grupper som ska bygga kamerorna till dess nästa månuppdrag. De "
    "första bilderna väntas tre år efter uppskjutningen, när farkosten når sydpolen.",
    "ja": "宇宙機関は、次の月探査機に搭載するカメラを製作する二つのチームを選定しました。最初の画像は"
    "打ち上げから三年後に届く予定です。",
}


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_the_language_of_a_paragraph_is_detected(code):
    assert detect_language(PARAGRAPHS[code]) == (code, True)


def test_a_document_is_not_assumed_english():
    parsed = parse_release(
        "Comunicato stampa\n\nRoma, 3 aprile 2020\n\nNuove telecamere per la Luna\n\n"
        + PARAGRAPHS["it"]
        + "\n"
    )
    assert parsed.language == "it"
    assert [note.code for note in parsed.review.notes] == []


def test_the_language_the_file_declares_wins():
    parsed = parse_release("# A title\n\n" + PARAGRAPHS["en"] + "\n", meta={"language": "fr-CA"})
    assert parsed.language == "fr"
    assert document_language(title="", lead="", body=PARAGRAPHS["de"], declared="German").code == "de"


def test_a_short_text_takes_its_month_names_language_and_is_noted():
    parsed = parse_release("Köln, 14. März 2019\n\n# Neuer Windkanal\n\nKurz.\n")
    assert parsed.language == "de"
    [note] = parsed.review.notes
    assert note.code == "language_guessed"


def test_a_short_text_with_nothing_to_go_by_is_noted_as_guessed():
    found = detect_language("OK.")
    assert found.confident is False
    assert detect_language("Kurz.", hint="de") == ("de", False)


@pytest.mark.parametrize(
    ("written", "code"),
    [("fr", "fr"), ("fr-FR", "fr"), ("pt_BR", "pt-br"), ("German", "de"), ("ita", "it"), ("zh-TW", "zh-hant"),
     ("zh", "zh-hans"), ("klingon", ""), ("", "")],
)  # fmt: skip
def test_a_declared_language_becomes_djangos_code(written, code):
    assert language_code(written) == code


def test_links_and_addresses_do_not_sway_the_detector():
    text = "Kurz. ![Bild](https://example.org/bilder/raumfahrt/start.jpg) presse@example.org"
    assert detect_language(text, hint="de") == ("de", False)


def test_the_detector_is_built_once_at_import():
    documents = [PARAGRAPHS[code] * 3 for code in sorted(PARAGRAPHS) if code != "ja"]
    for document in documents:
        detect_language(document)
    assert detect_language.__globals__["DETECTOR"] is DETECTOR  # built once, at import
