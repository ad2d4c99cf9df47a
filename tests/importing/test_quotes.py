"""The quotes stage: each quote of a document, in the forms press offices write them, with the
person who said it and the title the document gives them; a quote nobody is named for stays
in the body only."""

import pytest

from releases.importing.quotes.stage import find_quotes


def quotes_of(text: str, known_names=(), notes=None):
    """(speaker, title, text) of each quote of a document's paragraphs."""
    note = (lambda code, message: notes.append((code, message))) if notes is not None else None
    return [(q.speaker, q.title, q.text) for q in find_quotes(text.split("\n\n"), known_names, note=note)]


def speakers_of(text: str, known_names=()):
    return [(speaker, title) for speaker, title, _ in quotes_of(text, known_names)]


def test_a_surname_is_the_person_the_release_named_in_full_paragraphs_before():
    text = (
        "Klaus Weber, Director of Space Operations, opened the new control room on Monday.\n\n"
        "The room hosts twelve consoles and a wall of screens.\n\n"
        "“Every console here was wired by our own engineers,” Weber said."
    )
    assert quotes_of(text) == [
        ("Klaus Weber", "Director of Space Operations", "Every console here was wired by our own engineers")
    ]


def test_a_surname_never_named_in_full_is_noted_and_given_to_nobody():
    notes = []
    text = "The room opened on Monday.\n\n“Every console here was wired by our own engineers,” Weber said."
    assert quotes_of(text, notes=notes) == []
    assert [code for code, _ in notes] == ["speaker_unknown"]
    assert "Weber" in notes[0][1] and "Every console here" in notes[0][1]


def test_a_surname_the_directory_knows_once_is_that_person():
    assert speakers_of("“We will fly in spring,” said Mr Le Gall.", ["Jean-Yves Le Gall", "Ada Brun"]) == [
        ("Jean-Yves Le Gall", "")
    ]


@pytest.mark.parametrize(
    ("paragraph", "speaker", "title"),
    [
        (
            "“Our students will build the next probes,” says Chancellor Ada Lindqvist.",
            "Ada Lindqvist",
            "Chancellor",
        ),
        (
            "“Launch prices will fall again,” notes Orbitalis's CEO Daniel Kessler.",
            "Daniel Kessler",
            "Orbitalis's CEO",
        ),
        (
            '"We are ready for the rehearsal," said NASA Administrator Ruth Okafor.',
            "Ruth Okafor",
            "NASA Administrator",
        ),
        (
            "“The antenna unfolds in orbit,” according to Marta Ruiz, head of the mission.",
            "Marta Ruiz",
            "head of the mission",
        ),
        (
            "Federal Minister Jonas von Arnim said: “Research needs stable budgets.”",
            "Jonas von Arnim",
            "Federal Minister",
        ),
        (
            "Tomás Vidal, ESA Director of Navigation, said: “Galileo keeps its promise.”",
            "Tomás Vidal",
            "ESA Director of Navigation",
        ),
        (
            "Commissioner for Space, Ingrid Halvorsen, said: “Europe must see for itself.”",
            "Ingrid Halvorsen",
            "Commissioner for Space",
        ),
        (
            "“Two more satellites will follow,” said Prof. Dr. Helga Winter at the opening.",
            "Helga Winter",
            "",
        ),
        ("On Monday Gerd Lanz said: “We will deliver on time.”", "Gerd Lanz", ""),
    ],
)
def test_titles_before_or_beside_a_name_are_split_off_and_kept_as_written(paragraph, speaker, title):
    assert speakers_of(paragraph) == [(speaker, title)]


@pytest.mark.parametrize(
    ("paragraph", "speaker", "title"),
    [
        # The subject of the sentence speaks: "…, stating, “…”".
        (
            "Minister Ana Beltrán welcomed the agreement, stating, “This is a good day for science.”",
            "Ana Beltrán",
            "Minister",
        ),
        # "also highlighted …: “…”"
        (
            "Ruth Okafor also highlighted the role of the partners: “Nobody could have done this alone.”",
            "Ruth Okafor",
            "",
        ),
        # French, German, Italian, Spanish attributions, and their quotation marks.
        (
            "« Le centre sera ouvert aux étudiants », a déclaré Jeanne Morel, directrice du centre.",
            "Jeanne Morel",
            "directrice du centre",
        ),
        ("« Nous tiendrons le calendrier », déclare Jeanne Morel.", "Jeanne Morel", ""),
        (
            "„Die Messungen übertreffen unsere Erwartungen“, sagte Jonas Becker, Leiter des Instituts.",
            "Jonas Becker",
            "Leiter des Instituts",
        ),
        ("‚Wir sind bereit für den Start‘, sagte Jonas Becker.", "Jonas Becker", ""),
        ("Der Präsident Jonas Becker sagte: „Wir bauen das Labor bis 2026.“", "Jonas Becker", "Präsident"),
        (
            "«Il satellite è pronto per il lancio», ha dichiarato il direttore Marco Bellini.",
            "Marco Bellini",
            "direttore",
        ),
        (
            "«Los datos llegarán cada hora», afirmó Lucía Ortega, directora del programa.",
            "Lucía Ortega",
            "directora del programa",
        ),
        (
            "La consejera de Ciencia, Elena Ruiz, ha señalado que «la misión abre una nueva etapa».",
            "Elena Ruiz",
            "consejera de Ciencia",
        ),
        ("«Es un paso enorme para la región», señaló Elena Ruiz.", "Elena Ruiz", ""),
        ("「試験は予定通り終了しました」と所長の田中一郎は述べました。", "田中一郎", "所長"),
    ],
)
def test_verbs_and_shapes_in_several_languages(paragraph, speaker, title):
    assert speakers_of(paragraph) == [(speaker, title)]


def test_german_so_after_a_quote_names_the_speaker_by_surname():
    text = (
        "Jonas Becker leitet das Institut seit 2019.\n\n"
        "„Die Anlage läuft seit drei Wochen ohne Unterbrechung“, so Becker."
    )
    assert speakers_of(text) == [("Jonas Becker", "")]


def test_a_quote_opened_in_one_paragraph_and_closed_in_the_next_is_one_quote():
    text = "“We built the instrument in two years\n\nand it worked on the first try,” said Ada Lindqvist."
    assert quotes_of(text) == [
        ("Ada Lindqvist", "", "We built the instrument in two years\n\nand it worked on the first try")
    ]


def test_a_quote_of_several_paragraphs_each_opened_and_only_the_last_closed():
    text = (
        "Klaus Weber, Director of Space Operations, said:\n\n"
        "“The first week in orbit went as planned.\n\n"
        "“The second week brought the first images.\n\n"
        "“Now the real work begins.”\n\n"
        "The satellite will be handed over in May."
    )
    assert quotes_of(text) == [
        (
            "Klaus Weber",
            "Director of Space Operations",
            "The first week in orbit went as planned.\n\nThe second week brought the first images."
            "\n\nNow the real work begins.",
        )
    ]


def test_an_attribution_line_under_the_quote_gives_the_title_as_written():
    text = "“The station will be staffed day and night.”\n\n— Klaus Weber, Director of Space Operations"
    assert speakers_of(text) == [("Klaus Weber", "Director of Space Operations")]


def test_the_second_quote_of_a_paragraph_is_the_same_speakers():
    text = (
        "“The mirror is polished to a few nanometres,” said Ada Lindqvist, project manager. "
        "“Next comes the cold test.”"
    )
    assert quotes_of(text) == [
        ("Ada Lindqvist", "project manager", "The mirror is polished to a few nanometres"),
        ("Ada Lindqvist", "project manager", "Next comes the cold test."),
    ]


def test_he_added_right_after_a_named_quote_is_the_same_speaker():
    text = (
        "“The mirror is polished,” said Ada Lindqvist.\n\n"
        "“Next comes the cold test in the chamber,” she added."
    )
    assert [speaker for speaker, _, _ in quotes_of(text)] == ["Ada Lindqvist", "Ada Lindqvist"]


def test_he_added_with_no_named_quote_before_it_stays_in_the_body_only():
    assert (
        quotes_of("Ruth Okafor thanked Jan Novak for the visit. He then stated: “It went well for us.”") == []
    )
    assert quotes_of("“The engines are ready for the test,” he added.") == []


def test_he_added_after_someone_else_was_named_is_nobodys():
    text = (
        "“The mirror is polished,” said Ada Lindqvist.\n\n"
        "She handed the keys to Jan Novak. “It is in good hands now,” he said."
    )
    assert [speaker for speaker, _, _ in quotes_of(text)] == ["Ada Lindqvist"]


def test_a_word_in_quotation_marks_is_no_quote():
    text = "“We are proud of the whole team,” said Ada Lindqvist, who leads the “Kite” project."
    assert [quoted for _, _, quoted in quotes_of(text)] == ["We are proud of the whole team"]


def test_an_unattributed_quote_names_nobody():
    assert quotes_of("The slogan “Space for everyone” was chosen by the pupils of three schools.") == []


def test_quote_text_is_plain_text_as_the_page_shows_it():
    text = "**“We are *very* proud of\nthis crew,”** said\nAda Lindqvist."
    assert quotes_of(text) == [("Ada Lindqvist", "", "We are very proud of this crew")]


def test_straight_quotes_open_and_close_by_their_place():
    text = 'The "Kite" antenna was shown. "It unfolds in one second," said Ada Lindqvist. "It weighs 2 kg."'
    assert [(s, q) for s, _, q in quotes_of(text)] == [
        ("Ada Lindqvist", "It unfolds in one second"),
        ("Ada Lindqvist", "It weighs 2 kg."),
    ]


def test_an_apostrophe_closes_no_quote():
    text = "‘It’s the crew’s day,’ said Ada Lindqvist."
    assert quotes_of(text) == [("Ada Lindqvist", "", "It’s the crew’s day")]


def test_a_comment_between_dashes_inside_a_quote_names_its_speaker():
    text = (
        "“Si apre un nuovo capitolo – ha commentato Paola Greco, presidente dell'agenzia – "
        "e lo scriveremo insieme alle università.”"
    )
    assert quotes_of(text) == [
        ("Paola Greco", "presidente dell'agenzia", "Si apre un nuovo capitolo"),
        ("Paola Greco", "presidente dell'agenzia", "e lo scriveremo insieme alle università."),
    ]


def test_an_unclosed_quote_is_dropped_not_stretched_over_the_release():
    text = "“The mirror is polished, said Ada Lindqvist.\n\nThe test starts in June.\n\nNo more quotes here."
    assert quotes_of(text) == []


def test_a_speaker_is_found_among_a_large_directorys_names():
    paragraph = (
        "“The mirror is polished to a few nanometres,” said Lindqvist, project manager. "
        "“Next comes the cold test.” The team of the “Kite” antenna works beside hers."
    )
    known = [f"Person{i} Name{i}" for i in range(5000)] + ["Ada Lindqvist"]
    quotes = find_quotes([paragraph], known)  # how fast: bench/importing.py
    assert [(quote.speaker, quote.text) for quote in quotes] == [
        ("Ada Lindqvist", "The mirror is polished to a few nanometres"),
        ("Ada Lindqvist", "Next comes the cold test."),
    ]


def test_a_quote_ending_its_paragraph_is_not_given_to_the_speaker_of_the_next():
    text = (
        "Minister Ana Beltrán welcomed the opening, stating, “This is where science meets industry.”\n\n"
        "Ada Lindqvist, head of ground systems, said:\n\n"
        "“We designed it around the people who work in it.”"
    )
    assert speakers_of(text) == [("Ana Beltrán", "Minister"), ("Ada Lindqvist", "head of ground systems")]


def test_a_name_in_a_script_without_capitals_is_a_name():
    assert speakers_of("“This is a great day,” said 山川宏 of JAXA.") == [("山川宏", "")]
