"""Reading a file: an editor's Word draft, a PDF from the archive, a saved web page or a text
file all come to the later stages as one Markdown text, with what the file says of itself and
where each line came from; what cannot be read at all is refused saying why.

The documents are built here, in code (python-docx writes Word files, fpdf2 PDFs), with press
releases of our own writing.
"""

import io
import zipfile
from datetime import date

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from fpdf import FPDF

from releases.importing.errors import DocumentError
from releases.importing.readers import FORMATS, MAX_DOCUMENT_BYTES, MAX_TEXT_BYTES, read_source
from releases.importing.readers.pdf.hyphenation import Hyphenation
from releases.importing.readers.word import package as word_package


def lines_of(source) -> list[str]:
    return source.markdown.split("\n")


def refusal(name: str, data: bytes) -> DocumentError:
    with pytest.raises(DocumentError) as refused:
        read_source(name, data)
    return refused.value


# ---------------------------------------------------------------------------
# Text and Markdown


RELEASE_TEXT = """\
PRESS RELEASE
Toulouse, 12 March 2024

# Harbour sensors go live along the Garonne

**The river authority switched on forty water-level sensors this morning.**

Readings are published every ten minutes.

Press contacts
Claire Dumas
Tel. +33 5 61 00 12 34
claire.dumas@river-authority.example
"""


def test_a_text_release_is_its_own_markdown_and_its_lines_are_the_files():
    source = read_source("release.txt", RELEASE_TEXT.replace("\n", "\r\n").encode())
    assert source.format == "txt"
    assert source.markdown == RELEASE_TEXT
    assert source.positions is None
    assert lines_of(source)[3] == "# Harbour sensors go live along the Garonne"
    assert source.where(4) == "line 4"


def test_markdown_files_are_read_alike_with_their_format():
    assert read_source("notes.markdown", b"# Title\n").format == "md"
    assert read_source("NOTES.MD", b"# Title\n").format == "md"
    assert set(FORMATS.values()) == {"txt", "md", "docx", "pdf", "html"}


def test_front_matter_gives_the_facts_and_leaves_its_lines_blank():
    text = (
        "---\n"
        "title: Harbour sensors go live\n"
        "date: 2024-03-12\n"
        "lang: fr-FR\n"
        "location: Toulouse\n"
        "type: Communiqué\n"
        "reference: GAR-2024-07\n"
        "---\n"
        "\n"
        "# Harbour sensors go live\n"
    )
    source = read_source("release.md", text.encode())
    assert source.meta == {
        "title": "Harbour sensors go live",
        "date": date(2024, 3, 12),
        "language": "fr",
        "place": "Toulouse",
        "kind": "Communiqué",
        "reference": "GAR-2024-07",
    }
    assert lines_of(source)[:9] == [""] * 9
    assert lines_of(source)[9] == "# Harbour sensors go live"  # still line 10, as in the file


def test_front_matter_reads_a_norwegian_language_code_as_one():
    # YAML 1.1 reads a bare "no" as false; the front matter's values are read as written.
    source = read_source("release.md", b"---\ntitle: Ny havn\nlang: no\n---\n# Ny havn\n")
    assert source.meta["language"] == "no"


def test_a_front_matter_date_written_in_words_is_passed_on_for_the_date_stage():
    source = read_source("release.md", b"---\ntitle: T\ndate: 12 mars 2024\n---\n# T\n")
    assert source.meta == {"title": "T", "date_text": "12 mars 2024"}


def test_an_impossible_front_matter_date_is_refused_on_its_line():
    error = refusal("release.md", b"---\ntitle: T\ndate: 2024-02-31\n---\n# T\n")
    assert error.line == 3
    assert "2024-02-31" in error.message


def test_front_matter_that_is_not_yaml_is_kept_as_text():
    text = "---\ntitle: [unclosed\n---\n# A title\n"
    source = read_source("release.md", text.encode())
    assert source.meta == {}
    assert source.markdown == text


def test_a_thematic_break_and_prose_are_not_front_matter():
    text = "---\nThe agency met the press.\n---\n# A title\n"
    assert read_source("release.md", text.encode()).markdown == text


def test_utf8_with_a_byte_order_mark_and_utf16_are_read():
    assert read_source("a.txt", "\ufeff# Überschrift\n".encode()).markdown == "# Überschrift\n"
    assert (
        read_source("a.txt", "# Überschrift\r\nText\r\n".encode("utf-16")).markdown == "# Überschrift\nText\n"
    )


def test_a_french_release_saved_as_windows_1252_in_an_old_archive_is_read():
    text = (
        "Paris, le 5 février 2009\n\n"
        "# L’agence présente son programme d’été\n\n"
        "« Nous sommes prêts », a déclaré la directrice – et l’équipe a confirmé.\n\n"
        "Contact presse : Hélène Dupré, tél. 01 23 45 67 89\n"
    )
    assert read_source("archive.txt", text.encode("cp1252")).markdown == text


def test_text_that_is_not_clearly_western_is_refused_naming_the_line():
    error = refusal("broken.txt", b"Paris, 1 March 2014\n\n## \xff\xfe\n")
    assert (error.line, error.message) == (3, "not UTF-8 text (save the file as UTF-8)")
    # Polish saved as Windows-1250: its letters would come out as "³" and "¹" in Windows-1252.
    polish = "Warszawa, 5 marca 2024\n\nAgencja przedstawiła program współpracy z uczelniami.\n"
    assert refusal("pl.txt", polish.encode("cp1250")).line == 3
    # Czech would read as Western letters ("Øekl", "mìsto"), but as no Western language writes.
    czech = "Brno, 3. dubna 2008\n\nMěsto otevřelo nové centrum pro čtenáře. Řekl to starosta.\n"
    assert refusal("cz.txt", czech.encode("cp1250")).line == 3


def test_a_text_file_holding_binary_data_is_refused():
    error = refusal("release.txt", b"# Title\n\nText\x00\x01\x02 more\n")
    assert "not a text file" in error.message and error.line == 3


def test_a_pdf_saved_under_a_text_name_is_named():
    assert "PDF" in refusal("release.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n").message


def test_files_over_their_size_limit_are_refused():
    assert "2 MB" in refusal("huge.txt", b"a" * (MAX_TEXT_BYTES + 1)).message
    assert read_source("full.txt", b"a" * MAX_TEXT_BYTES).markdown == "a" * MAX_TEXT_BYTES
    assert "10 MB" in refusal("huge.docx", b"PK" + b"a" * MAX_DOCUMENT_BYTES).message


def test_a_file_of_another_kind_is_refused_by_its_extension():
    error = refusal("release.odt", b"PK\x03\x04")
    assert ".odt" in error.message and ".docx" in error.message


# ---------------------------------------------------------------------------
# Word


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_hyperlink(paragraph, text: str, url: str, *, bold: bool = False) -> None:
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relationship)
    run = paragraph.add_run(text)
    run.bold = bold
    hyperlink.append(run._r)
    paragraph._p.append(hyperlink)


def word_release():
    document = docx.Document()
    document.core_properties.author = "Press office"
    document.add_paragraph("PRESS RELEASE")
    document.add_heading("Forty sensors watch the *Garonne*", 0)
    document.add_paragraph("A network for the river's flood warnings", style="Subtitle")
    lead = document.add_paragraph()
    lead.add_run("Toulouse, 12 March 2024 –").bold = True
    lead.add_run(" ")  # Word often leaves the space between two bold runs plain
    lead.add_run("The river authority switched on its sensors.").bold = True
    body = document.add_paragraph("The readings, ")
    body.add_run("published every ten minutes").italic = True
    body.add_run(", are open to all. ")
    body.add_run("Mayors").bold = True
    body.add_run(" get an alert by text message. See ")
    add_hyperlink(body, "the sensor map", "https://river-authority.example/map")
    body.add_run(".")
    document.add_paragraph("# 1 river, 40 sensors * 2 banks")
    document.add_heading("What the sensors measure", 2)
    document.add_paragraph("water level", style="List Bullet")
    document.add_paragraph("water temperature", style="List Bullet")
    table = document.add_table(rows=3, cols=2)
    for row, cells in enumerate([("Site", "Sensors"), ("Toulouse", "12"), ("Agen | Marmande", "9")]):
        for column, value in enumerate(cells):
            table.cell(row, column).text = value
    document.add_heading("Press contacts", 2)
    contact = document.add_paragraph("Claire Dumas")
    contact.add_run().add_break()
    contact.add_run("Tel. +33 5 61 00 12 34")
    contact.add_run().add_break()
    add_hyperlink(
        contact, "claire.dumas@river-authority.example", "mailto:claire.dumas@river-authority.example"
    )
    return document


def test_a_word_release_becomes_markdown():
    source = read_source("release.docx", docx_bytes(word_release()))
    assert source.format == "docx"
    assert lines_of(source) == [
        "PRESS RELEASE",
        "",
        "# Forty sensors watch the \\*Garonne\\*",
        "",
        "A network for the river's flood warnings",  # a subtitle is a plain paragraph
        "",
        "**Toulouse, 12 March 2024 – The river authority switched on its sensors.**",
        "",
        "The readings, *published every ten minutes*, are open to all. **Mayors** get an alert by text"
        " message. See [the sensor map](https://river-authority.example/map).",
        "",
        "\\# 1 river, 40 sensors \\* 2 banks",  # a literal "#" and "*" stay text
        "",
        "## What the sensors measure",
        "",
        "- water level",
        "- water temperature",
        "",
        "| Site | Sensors |",
        "| --- | --- |",
        "| Toulouse | 12 |",
        "| Agen \\| Marmande | 9 |",
        "",
        "## Press contacts",
        "",
        "Claire Dumas",  # a line break in Word: a line of the same paragraph
        "Tel. +33 5 61 00 12 34",
        "claire.dumas@river-authority.example",
        "",
    ]


def test_where_names_the_word_paragraph_or_table_row():
    source = read_source("release.docx", docx_bytes(word_release()))
    lines = lines_of(source)
    assert source.where(lines.index("- water temperature") + 1) == "paragraph 9"
    assert source.where(lines.index("| Toulouse | 12 |") + 1) == "table 1, row 2"
    assert source.where(lines.index("Tel. +33 5 61 00 12 34") + 1) == "paragraph 11"


def test_word_paragraphs_set_without_space_between_are_lines_of_one_paragraph():
    document = docx.Document()
    document.add_paragraph("Readings are published every ten minutes.")
    for line in ["Claire Dumas", "Press officer", "+33 5 61 00 12 34"]:
        document.add_paragraph(line).paragraph_format.space_after = Pt(0)
    document.add_paragraph("")  # an empty paragraph separates two blocks, as a blank line does
    document.add_paragraph("Marc Vidal").paragraph_format.space_after = Pt(0)
    document.add_paragraph("+33 5 61 00 56 78")
    source = read_source("contacts.docx", docx_bytes(document))
    assert source.markdown == (
        "Readings are published every ten minutes.\n\n"
        "Claire Dumas\nPress officer\n+33 5 61 00 12 34\n\n"
        "Marc Vidal\n+33 5 61 00 56 78\n"
    )


def test_a_link_word_keeps_as_a_field_becomes_a_markdown_link():
    document = docx.Document()
    paragraph = document.add_paragraph("Photos: ")
    for xml in [
        '<w:r {}><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r {}><w:instrText xml:space="preserve"> HYPERLINK "https://river-authority.example/photos" '
        "</w:instrText></w:r>",
        '<w:r {}><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r {}><w:t>the photo library</w:t></w:r>",
        '<w:r {}><w:fldChar w:fldCharType="end"/></w:r>',
    ]:
        paragraph._p.append(parse_xml(xml.format(nsdecls("w"))))
    source = read_source("links.docx", docx_bytes(document))
    assert source.markdown == "Photos: [the photo library](https://river-authority.example/photos)\n"


def test_tracked_deletions_and_hidden_text_are_left_out_and_insertions_kept():
    document = docx.Document()
    paragraph = document.add_paragraph("Forty ")
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="A"><w:r><w:delText>thirty </w:delText></w:r></w:del>'
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="2" w:author="A">'
            '<w:r><w:t xml:space="preserve">new </w:t></w:r></w:ins>'
        )
    )
    paragraph.add_run("sensors.")
    hidden = paragraph.add_run(" Draft note: check the figure.")
    hidden.font.hidden = True
    assert read_source("changes.docx", docx_bytes(document)).markdown == "Forty new sensors.\n"


def test_text_in_a_text_box_follows_its_paragraph():
    document = docx.Document()
    paragraph = document.add_paragraph("Readings are open to all.")
    paragraph._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
            "<w:txbxContent><w:p><w:r><w:t>Media desk</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>+33 5 61 00 99 00</w:t></w:r></w:p></w:txbxContent>"
            "</v:textbox></v:shape></w:pict></w:r>"
        )
    )
    source = read_source("box.docx", docx_bytes(document))
    assert "Readings are open to all." in lines_of(source)
    assert "Media desk" in source.markdown and "+33 5 61 00 99 00" in source.markdown
    assert source.where(lines_of(source).index("Media desk") + 1) == "paragraph 1"


def test_word_properties_give_title_and_creation_date_unless_a_template_left_them():
    document = docx.Document()
    document.add_paragraph("Text.")
    document.core_properties.author = "Press office"
    document.core_properties.title = "Forty sensors watch the Garonne"
    document.core_properties.created = document.core_properties.created.replace(year=2024, month=3, day=11)
    document.core_properties.language = "en-GB"
    source = read_source("props.docx", docx_bytes(document))
    assert source.meta == {
        "title": "Forty sensors watch the Garonne",
        "created": date(2024, 3, 11),  # when the file was made: a hint for the date stage, no more
        "language": "en",
    }

    document.core_properties.title = "Microsoft Word - draft3.doc"
    assert "title" not in read_source("props.docx", docx_bytes(document)).meta
    template = docx.Document()  # python-docx's own template: its author and 2013 date say nothing
    template.add_paragraph("Text.")
    assert read_source("template.docx", docx_bytes(template)).meta == {}


def test_a_word_file_without_text_is_refused():
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "River Authority of the Garonne"  # headers are not read
    document.add_paragraph("")
    assert "has no text" in refusal("empty.docx", docx_bytes(document)).message


def test_a_zip_that_is_not_a_word_file_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photos/sensor.txt", "not a document")
    assert "not a valid Word" in refusal("release.docx", buffer.getvalue()).message
    assert "not a valid Word" in refusal("release.docx", b"plain text, not a zip").message


def test_a_damaged_word_file_is_refused():
    data = bytearray(docx_bytes(word_release()))
    start = data.index(b"word/document.xml") + 40
    data[start : start + 60] = bytes(60)  # the document's compressed text overwritten
    assert "not a valid Word" in refusal("release.docx", bytes(data)).message


def test_an_old_doc_or_a_password_protected_word_file_is_refused():
    error = refusal("release.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert ".doc" in error.message and "password" in error.message


def test_a_word_file_that_unpacks_to_far_more_than_it_weighs_is_refused(monkeypatch):
    monkeypatch.setattr(word_package, "MAX_UNPACKED_BYTES", 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (2 * 1024 * 1024))
    assert len(buffer.getvalue()) < 100_000
    assert "unpacks to more than" in refusal("bomb.docx", buffer.getvalue()).message


# ---------------------------------------------------------------------------
# PDF

BODY_LINES = [  # full lines, one ending in a word broken in two, one in a compound word
    "The river authority switched on forty water-level sensors along the Garonne this",
    "morning, from Toulouse to the estuary. Readings are published every ten minutes and",
    "feed the flood warnings that mayors receive by text message; the network's commu-",
    "nication costs are shared by the regions. Each sensor is a small battery-backed solar-",
    "powered unit, and its communication module sends a reading over the mobile network.",
]
FILLER = (
    "Each sensor reports its reading to the regional centre, which checks it against its neighbours "
    "upstream and downstream. A reading that differs too much is flagged for a technician, who can "
    "visit the site within a day. Spare sensors are kept in Agen and Bordeaux."
)


def pdf_release(*, encrypted: bool = False) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(True, margin=25)

    def header():
        pdf.set_font("Helvetica", "", 8)
        pdf.set_y(10)
        pdf.cell(0, 5, "River Authority of the Garonne - Press release", align="C")
        pdf.set_y(25)

    def footer():
        pdf.set_y(-15)
        pdf.set_font("Helvetica", "", 8)
        pdf.cell(0, 5, f"Page {pdf.page_no()} of {{nb}}", align="C")

    pdf.header, pdf.footer = header, footer
    if encrypted:
        pdf.set_encryption(owner_password="office", user_password="secret")
    pdf.set_title("Forty sensors watch the Garonne")
    pdf.set_lang("en-GB")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 6, "Toulouse, 12 March 2024", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 9, "Forty sensors watch the Garonne", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(
        0, 5.5, "The network gives mayors an hour more to act before a flood.", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(3)
    pdf.set_font("Helvetica", "", 11)
    for line in BODY_LINES:
        pdf.cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    for _ in range(5):
        pdf.ln(3)
        pdf.multi_cell(
            0, 5.5, FILLER, align="L", new_x="LMARGIN", new_y="NEXT"
        )  # ragged, as word processors set
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 6, "Press contacts", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 5.5, "Claire Dumas", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()  # the contact block runs onto the next page
    for line in ["Tel. +33 5 61 00 12 34", "claire.dumas@river-authority.example"]:
        pdf.cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.cell(pdf.get_string_width("Map: "), 5.5, "Map: ")
    pdf.cell(
        0, 5.5, "the sensor map", link="https://river-authority.example/map", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.cell(0, 5.5, "https://river-authority.example/photos", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_pdf_release_becomes_markdown():
    source = read_source("release.pdf", pdf_release())
    lines = lines_of(source)
    assert source.format == "pdf"
    assert lines[:6] == [
        "River Authority of the Garonne - Press release",  # the letterhead, on page 1 only
        "",
        "Toulouse, 12 March 2024",
        "",
        "# Forty sensors watch the Garonne",  # the largest line on page 1
        "",
    ]
    assert lines[6] == "**The network gives mayors an hour more to act before a flood.**"
    # The body's lines stay lines; the word broken at a line's end is whole again (the text
    # writes "communication" elsewhere), the compound word keeps its hyphen.
    assert lines[8:13] == [
        BODY_LINES[0],
        BODY_LINES[1],
        "feed the flood warnings that mayors receive by text message; the network's communication",
        "costs are shared by the regions. Each sensor is a small battery-backed solar-powered",
        "unit, and its communication module sends a reading over the mobile network.",
    ]
    contacts = lines.index("**Press contacts**")
    assert lines[contacts + 1 : contacts + 4] == [
        "Claire Dumas",
        "Tel. +33 5 61 00 12 34",
        "claire.dumas@river-authority.example",
    ]
    assert "Map: [the sensor map](https://river-authority.example/map)" in lines
    assert "https://river-authority.example/photos" in lines  # an address written out stays as written
    # Running header and page counters are gone from page 2 on.
    assert source.markdown.count("Press release") == 1
    assert "Page " not in source.markdown


def test_a_pdf_typeset_with_hyphenation_has_its_broken_words_joined():
    typeset = Hyphenation(words={"the", "network"}, hyphenated=True)
    assert typeset.joined("commu-", "nication") == "communication"
    assert typeset.joined("Franco-", "German") == "Franco-German"
    written = Hyphenation(words={"the", "network"}, hyphenated=False)  # as a word processor sets text
    assert written.joined("solar-", "powered") == "solar-powered"
    assert written.joined("commu\xad", "nication") == "communication"  # a soft hyphen says so


def test_where_names_the_pdf_page_and_line():
    source = read_source("release.pdf", pdf_release())
    lines = lines_of(source)
    assert source.where(lines.index("# Forty sensors watch the Garonne") + 1) == "page 1, line 3"
    # The contact block runs onto page 2, under the running header (its line 1).
    assert source.where(lines.index("Claire Dumas") + 1).startswith("page 1, line ")
    assert source.where(lines.index("Tel. +33 5 61 00 12 34") + 1) == "page 2, line 2"
    assert source.where(lines.index("Tel. +33 5 61 00 12 34") + 2) == "page 2, line 3"


def test_pdf_properties_give_title_creation_date_and_language():
    meta = read_source("release.pdf", pdf_release()).meta
    assert meta["title"] == "Forty sensors watch the Garonne"
    assert meta["language"] == "en"
    assert isinstance(meta["created"], date) and "date" not in meta


def test_an_encrypted_pdf_is_refused():
    error = refusal("release.pdf", pdf_release(encrypted=True))
    assert error.message == "the PDF is encrypted: save it without a password"


def test_a_pdf_without_text_is_refused_as_a_scan():
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 150, style="F")  # a scanned page: a picture, no text
    assert "no text (a scan?)" in refusal("scan.pdf", bytes(pdf.output())).message


def test_a_damaged_pdf_is_refused():
    assert "not a valid PDF" in refusal("release.pdf", pdf_release()[:400]).message
    assert "not a PDF" in refusal("release.pdf", b"<html>a web page</html>").message


# ---------------------------------------------------------------------------
# Web pages

WEB_PAGE = """<!DOCTYPE html>
<html lang="de-DE">
<head>
<meta charset="utf-8">
<title>Vierzig Sensoren am Rhein | Flussamt Oberrhein</title>
<meta property="og:title" content="Vierzig Sensoren am Rhein">
<meta property="og:site_name" content="Flussamt Oberrhein">
<meta property="og:url" content="https://flussamt.example/presse/2024-sensoren">
<meta name="description" content="Das Flussamt schaltet ein Messnetz für Hochwasserwarnungen ein.">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Vierzig Sensoren am Rhein",
 "datePublished": "2024-03-12T09:30:00+01:00", "author": {"@type": "Person", "name": "Jana Keller"},
 "publisher": {"@type": "Organization", "name": "Flussamt Oberrhein"}}
</script>
<script>document.write("never run")</script>
</head>
<body>
<nav><ul><li><a href="/">Startseite</a></li><li><a href="/presse">Pressemitteilungen</a></li></ul></nav>
<main>
<article>
<div class="article-meta"><span class="label">Pressemitteilung</span></div>
<h1>Vierzig Sensoren am Rhein</h1>
<p class="date">Karlsruhe, 12. März 2024</p>
<p class="release-number">PM 07/2024</p>
<div class="entry-content">
<p><strong>Das Flussamt hat heute vierzig Pegelsensoren zwischen Basel und Mainz eingeschaltet.</strong></p>
<p>Die Messwerte werden alle zehn Minuten veröffentlicht. Bürgermeisterinnen und Bürgermeister
erhalten eine Warnung per SMS, sobald ein Pegel schneller steigt als erwartet.</p>
<p>„Wir gewinnen eine Stunde", sagte Amtsleiterin Jana Keller. Mehr auf
<a href="https://flussamt.example/karte">der Sensorkarte</a>.</p>
<h2>Pressekontakt</h2>
<p>Tobias Brandt<br>Pressestelle<br>Tel. +49 721 555 0142<br>
<a href="mailto:presse@flussamt.example">presse@flussamt.example</a></p>
<div class="kontakt"><strong>Bildanfragen</strong><div>Lena Vogt</div><div>Tel. +49 721 555 0157</div>
<div><a href="mailto:bild@flussamt.example">bild@flussamt.example</a></div></div>
</div>
</article>
</main>
<footer><p>© 2024 Flussamt Oberrhein · Impressum · Datenschutz · Zentrale +49 721 555 0000</p></footer>
</body>
</html>
"""


def test_a_saved_web_page_gives_its_article_and_what_it_says_of_itself():
    source = read_source("sensoren.html", WEB_PAGE.encode())
    lines = lines_of(source)
    assert source.format == "html"
    # The article's head (label, headline, date, number), which extraction leaves out when the
    # body is a block of its own, comes first.
    assert lines[:8] == [
        "Pressemitteilung",
        "",
        "# Vierzig Sensoren am Rhein",
        "",
        "Karlsruhe, 12. März 2024",
        "",
        "PM 07/2024",
        "",
    ]
    assert "**Das Flussamt hat heute vierzig Pegelsensoren zwischen Basel und Mainz eingeschaltet.**" in lines
    assert "[der Sensorkarte](https://flussamt.example/karte)" in source.markdown
    assert source.meta == {
        "title": "Vierzig Sensoren am Rhein",
        "date": date(2024, 3, 12),
        "language": "de",
        "site_name": "Flussamt Oberrhein",
        "author": "Jana Keller",
        "url": "https://flussamt.example/presse/2024-sensoren",
        "description": "Das Flussamt schaltet ein Messnetz für Hochwasserwarnungen ein.",
    }
    # The site's menu and footer are not the release.
    for boilerplate in ["Startseite", "Impressum", "555 0000", "never run"]:
        assert boilerplate not in source.markdown


def test_a_web_pages_contact_blocks_survive_with_their_lines():
    source = read_source("sensoren.html", WEB_PAGE.encode())
    text = source.markdown
    # <br> lines stay lines of one paragraph.
    assert "Tobias Brandt\nPressestelle\nTel. +49 721 555 0142\n" in text
    assert "presse@flussamt.example" in text
    # A block of <div>s, which extraction takes for boilerplate, is put back.
    assert "Lena Vogt\nTel. +49 721 555 0157\n" in text
    assert "bild@flussamt.example" in text
    assert source.where(lines_of(source).index("Tobias Brandt") + 1).startswith("paragraph ")


def test_a_page_whose_text_lacks_its_title_gets_it_as_the_first_line():
    page = (
        "<html><head><title>Pegel steigen langsamer</title>"
        '<meta property="og:title" content="Pegel steigen langsamer"></head><body><article>'
        + "<p>Die Pegel am Oberrhein steigen in diesem Frühjahr langsamer als im Vorjahr, meldet das Amt.</p>"
        * 3
        + "</article></body></html>"
    )
    lines = lines_of(read_source("pegel.html", page.encode()))
    assert lines[0] == "# Pegel steigen langsamer"
    assert lines[1] == ""


def test_a_web_page_is_decoded_with_the_charset_it_declares():
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "<title>Hochwasser</title></head><body><article>"
        + "<p>Die Behörde warnt: Der Pegel in Köln steigt über die Marke von 2003 – früher als erwartet.</p>"
        * 3
        + "</article></body></html>"
    )
    source = read_source("alt.htm", page.encode("cp1252"))
    assert (
        "Die Behörde warnt: Der Pegel in Köln steigt über die Marke von 2003 – früher als erwartet."
        in source.markdown
    )


def test_a_web_page_without_text_is_refused():
    page = b"<html><head><title></title><script>let shown = 1;</script></head><body><div></div></body></html>"
    assert "no text" in refusal("empty.html", page).message
