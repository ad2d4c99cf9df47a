"""The header of a release: type labels, references, embargo lines, the title.

Labels in the common languages ("Press release", "Pressemitteilung", "Comunicato stampa",
"Nota de prensa", "Persbericht", "Communiqué de presse"…), references kept exactly as written
("ESA PR 41-2026", "RELEASE: 09-213", "IP/21/1187", "N° 2–2001"), embargo lines
("Sperrfrist: …", "Embargo hasta …"), and what a title line looks like.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.utils.translation import gettext as _

from releases.importing.dates import (
    PLACE_MAX,
    Dateline,
    UnreadableEmbargo,
    closing_dateline,
    find_dates,
    is_place,
    month_of,
    parse_dateline,
    parse_embargo,
    place_only_dateline,
    unknown_month,
)
from releases.importing.errors import DocumentError
from releases.importing.model import ParsedRelease
from releases.importing.structure import split_paragraphs
from releases.importing.text import IMAGE, fold, plain
from releases.models import Release

Kind = Release.Kind

# A type label (folded: lower case, no accents, no spaces or punctuation) -> (type, language).
KIND_LABELS = {
    label: (kind, language)
    for kind, language, labels in [
        (Kind.JOINT_PRESS_RELEASE, "en", ["joint press release", "joint news release", "joint statement"]),
        (Kind.JOINT_PRESS_RELEASE, "fr", ["communiqué de presse conjoint", "communiqué conjoint"]),
        (Kind.JOINT_PRESS_RELEASE, "de", ["gemeinsame Pressemitteilung", "gemeinsame Presseinformation"]),
        (Kind.JOINT_PRESS_RELEASE, "it", ["comunicato stampa congiunto", "comunicato congiunto"]),
        (Kind.JOINT_PRESS_RELEASE, "es", ["nota de prensa conjunta", "comunicado conjunto"]),
        (Kind.JOINT_PRESS_RELEASE, "nl", ["gezamenlijk persbericht"]),
        (Kind.PRESS_RELEASE, "en", ["press release", "news release", "media release", "release",
                                    "contract release", "news", "press information"]),
        (Kind.PRESS_RELEASE, "fr", ["communiqué de presse", "communiqué", "information presse"]),
        (Kind.PRESS_RELEASE, "de", ["Pressemitteilung", "Presseinformation", "Pressemeldung",
                                    "Medienmitteilung", "Medieninformation"]),
        (Kind.PRESS_RELEASE, "it", ["comunicato stampa", "comunicato", "nota stampa"]),
        (Kind.PRESS_RELEASE, "es", ["nota de prensa", "comunicado de prensa", "nota informativa"]),
        (Kind.PRESS_RELEASE, "pt", ["comunicado de imprensa", "comunicado à imprensa", "nota à imprensa",
                                    "nota de imprensa"]),
        (Kind.PRESS_RELEASE, "nl", ["persbericht", "persmededeling"]),
        (Kind.PRESS_RELEASE, "ca", ["nota de premsa", "comunicat de premsa"]),
        (Kind.PRESS_RELEASE, "pl", ["komunikat prasowy", "informacja prasowa"]),
        (Kind.PRESS_RELEASE, "sv", ["pressmeddelande"]),
        (Kind.PRESS_RELEASE, "da", ["pressemeddelelse"]),
        (Kind.PRESS_RELEASE, "nb", ["pressemelding"]),
        (Kind.PRESS_RELEASE, "fi", ["lehdistötiedote", "tiedote"]),
        (Kind.PRESS_RELEASE, "cs", ["tisková zpráva"]),
        (Kind.PRESS_RELEASE, "ro", ["comunicat de presă"]),
        (Kind.PRESS_RELEASE, "ja", ["プレスリリース", "報道発表", "お知らせ"]),
        (Kind.PRESS_RELEASE, "zh", ["新闻稿"]),
        (Kind.MEDIA_ADVISORY, "en", ["media advisory", "note to editors", "notes to editors",
                                     "media invitation", "photo opportunity", "call for media",
                                     "call to media", "media call", "invitation to media",
                                     "invitation to the media"]),
        (Kind.MEDIA_ADVISORY, "ja", ["取材案内", "記者会見のお知らせ", "記者説明会のお知らせ"]),
        (Kind.MEDIA_ADVISORY, "fr", ["avis aux médias", "invitation presse", "invitation aux médias"]),
        (Kind.MEDIA_ADVISORY, "de", ["Presseeinladung", "Einladung an die Medien", "Terminhinweis"]),
        (Kind.MEDIA_ADVISORY, "it", ["avviso ai media", "invito stampa", "invito ai media"]),
        (Kind.MEDIA_ADVISORY, "es", ["convocatoria de prensa", "aviso a los medios", "convocatoria"]),
        (Kind.MEDIA_ADVISORY, "nl", ["persuitnodiging", "uitnodiging voor de pers"]),
        (Kind.STATEMENT, "en", ["statement", "press statement"]),
        (Kind.STATEMENT, "fr", ["déclaration"]),
        (Kind.STATEMENT, "de", ["Erklärung", "Stellungnahme"]),
        (Kind.STATEMENT, "it", ["dichiarazione"]),
        (Kind.STATEMENT, "es", ["declaración"]),
        (Kind.STATEMENT, "nl", ["verklaring"]),
        (Kind.PRESS_KIT, "en", ["press kit", "media kit"]),
        (Kind.PRESS_KIT, "fr", ["dossier de presse"]),
        (Kind.PRESS_KIT, "de", ["Pressemappe"]),
        (Kind.PRESS_KIT, "it", ["cartella stampa"]),
        (Kind.PRESS_KIT, "es", ["dossier de prensa"]),
        (Kind.PRESS_KIT, "nl", ["persmap"]),
    ]
    for label in map(fold, labels)
}  # fmt: skip
# A French label or contacts heading ("Contacts presse", "Tél.") hints that the text is French.
FRENCH_LABEL = re.compile(
    r"communiqu|avis aux|d[ée]claration|dossier de presse|contacts? presse|t[ée]l\.", re.I
)
# Lines of the header that say nothing of the release itself.
BARE_LABELS = {fold(label) for label in [
    "for immediate release", "immediate release", "à diffuser immédiatement", "pour diffusion immédiate",
    "zur sofortigen Veröffentlichung", "zur sofortigen Freigabe", "per la pubblicazione immediata",
    "para publicación inmediata", "para difusión inmediata", "draft", "for review", "draft for review",
    "brouillon", "projet", "Entwurf", "bozza", "borrador", "concept",
]}  # fmt: skip
# "Page 1 of 2", "Page 1 sur 2", "Seite 1 von 2", "Pagina 1 di 2", "Página 1 de 2", "1/2", "- 1 -"
PAGE_COUNTER = re.compile(
    r"^(?:(?:page|seite|pagina|página|pag\.|p\.)\s*\d{1,3}(?:\s*(?:of|sur|von|di|de|/)\s*\d{1,3})?"
    r"|\d{1,2}\s*/\s*\d{1,2}|-\s*\d{1,3}\s*-)$",
    re.I,
)
# A newsletter's or digest's name before its date: "Daily News 12/03/2021", "Midday Express".
DIGEST = re.compile(
    r"^(?:daily\s+news|midday\s+express|news(?:letter)?|press\s+(?:digest|briefing|review)"
    r"|actualit[ée]s|newsroom|info(?:rmation)?s?)$",
    re.I,
)

# References ---------------------------------------------------------------------------------

# "PR083 - 2013", "ESA PR 41-2026", "CP n°045 - 2014", "N° 2–2001", "No. 12/2014", "CP045-2021"
NUMBER_YEAR = re.compile(
    r"^(?P<prefix>[^\W\d_][\w°º.\s/-]{0,18}?)?(?P<number>\d{1,6})\s*[-–—/_]\s*(?P<year>(?:19|20)\d{2})$"
)
# "PR-2021-045", "2021/045"
YEAR_NUMBER = re.compile(
    r"^(?P<prefix>[^\W\d_][\w°º.\s-]{0,18}?)?(?P<year>(?:19|20)\d{2})\s*[-/_]\s*(?P<number>\d{1,6})$"
)
# "09-213", "M24-031", "C09-12": a letter or two, the year's last two figures, the number
SHORT_YEAR_NUMBER = re.compile(r"^(?P<prefix>[A-Z]{0,3})(?P<year>\d{2})-(?P<number>\d{2,5})$")
# "IP/21/1187", "MEMO/21/45", "STATEMENT/21/12"
SLASHED = re.compile(r"^(?P<prefix>[A-Z]{2,10}/)(?P<year>\d{2})/(?P<number>\d{1,6})$")
# "Nr. 12", "N° 45", "No 7": a number without its year
NUMBER_ONLY = re.compile(r"^(?P<prefix>(?:n[°ºo]?|nr|no|num|núm)\.?\s*)(?P<number>\d{1,6})$", re.I)
REFERENCE_LABEL = re.compile(r"^(?:r[ée]f(?:[ée]rence)?s?\.?|reference\s+(?:no\.?|number))\s*:?\s*", re.I)
PREFIX_MAX = Release._meta.get_field("reference_prefix").max_length
NUMBER_MAX = Release._meta.get_field("reference_number").max_length


@dataclass(frozen=True)
class Reference:
    """A reference as written ("ESA PR 41-2026"), and the parts the model keeps (prefix "ESA PR ",
    number "41", year 2026); parts empty when the reference has no year ("Nr. 12")."""

    written: str
    prefix: str = ""
    number: str = ""
    year: int | None = None

    @property
    def round_trips(self) -> bool:
        """Whether the parts write it back as it was ("PR083 - 2013")."""
        return bool(self.number) and f"{self.prefix}{self.number} - {self.year}" == self.written


def looks_like_a_date(text: str) -> bool:
    """'18 / 05 / 2021' is a date, even '31/02/2021' (refused where it is read as one)."""
    try:
        return bool(find_dates(text))
    except DocumentError:
        return True


def full_year(two_figures: str) -> int:
    """'09' -> 2009, '98' -> 1998: the century nearest today's."""
    year = 2000 + int(two_figures)
    return year if year <= date.today().year + 10 else year - 100


def parse_reference(text: str) -> Reference | None:
    """A text that is one reference and nothing else -> Reference; None otherwise."""
    written = REFERENCE_LABEL.sub("", text.strip().rstrip(".:,;").strip())
    if not written or len(written) > 40 or looks_like_a_date(written):
        return None
    for pattern in (NUMBER_YEAR, YEAR_NUMBER, SHORT_YEAR_NUMBER, SLASHED):
        if match := pattern.match(written):
            prefix, number = (match["prefix"] or "").lstrip(), match["number"]
            year = int(match["year"]) if len(match["year"]) == 4 else full_year(match["year"])
            if len(prefix) > PREFIX_MAX or len(number) > NUMBER_MAX or len(prefix.split()) > 3:
                return Reference(written)
            return Reference(written, prefix, number, year)
    if NUMBER_ONLY.match(written):
        return Reference(written)
    return None


def reference_opening(text: str) -> tuple[Reference, str] | None:
    """'ESA PR 07-2009. The European Space Agency…' -> (ESA PR 07-2009, 'The European…'):
    a reference opening a paragraph, then the paragraph's text."""
    match = re.match(
        r"^(?P<ref>[^.:–—]{2,30}?)(?:\.\s+|\s*[:–—]\s+|\s+-\s+)(?P<rest>\S.*)$", text.strip(), re.S
    )
    if not match or not (reference := parse_reference(match["ref"])) or not reference.number:
        return None
    return reference, match["rest"]


def title_reference(title: str) -> tuple[Reference, str] | None:
    """'N° 2–2001: A title' or 'Nr. 12/2019 – A title' -> (the reference, 'A title')."""
    match = re.match(r"^(?P<ref>.{2,30}?)\s*(?::|\s[–—-])\s+(?P<rest>\S.*)$", title.strip())
    if not match or not (reference := parse_reference(match["ref"])):
        return None
    if not re.match(r"(?i)^(?:n[°ºo]?\.?|nr\.?|no\.?|[A-Z]{1,4}\s?)?\s*\d", reference.written):
        return None  # "Sentinel 2–2001: …" is part of a title; a numbered title starts "N°", "Nr."
    return reference, match["rest"]


# Labels --------------------------------------------------------------------------------------

EMBARGO = re.compile(
    r"^(?:strictly\s+)?(?:embargo(?:ed|ada|ado)?|under\s+embargo|sous\s+embargo|sotto\s+embargo"
    r"|bajo\s+embargo|onder\s+embargo|sperrfrist|sperrvermerk|hold\s+for\s+release"
    r"|not\s+for\s+(?:publication|release|distribution|broadcast)|ne\s+pas\s+(?:publier|diffuser)"
    r"|nicht\s+vor|non\s+pubblicare|no\s+publicar)\b[\s:]*(?P<when>.+)$",
    re.I,
)
# What splits a label line: dashes, bars, runs of spaces, a colon after the label.
SEGMENTS = re.compile(r"\s+[–—|-]\s+|\s{3,}|\t+|\s+--\s+")


def kind_of(label: str) -> str | None:
    """'Pressemitteilung' -> 'press_release'; None if the text is no type label."""
    found = KIND_LABELS.get(fold(label.rstrip(":")))
    return found[0] if found else None


@dataclass
class HeaderLine:
    """What one line of the header says: a type label, a reference, a dateline or date."""

    kind: str | None = None
    kind_language: str | None = None
    reference: Reference | None = None
    dateline: Dateline | None = None
    bare: bool = False  # "FOR IMMEDIATE RELEASE", "Page 1 of 2": nothing to keep
    digest: bool = False  # "Daily News": a digest's name

    def __bool__(self) -> bool:
        return bool(self.kind or self.reference or self.dateline or self.bare or self.digest)


# After a type label, the issuer: "Gemeinsame Pressemitteilung von DLR und CNES".
ISSUER_AFTER = re.compile(
    r"^(?:von|of|from|by|de|du|des|di|del|della|dello|der|van|da|do)\s+\S.{0,60}$", re.I
)
# Labels that may close a line after the issuer's name ("DLR PRESSEMITTEILUNG"): long ones only,
# so that a headline ending "… Statement" stays a headline.
CLOSING_KINDS = {Kind.PRESS_RELEASE, Kind.JOINT_PRESS_RELEASE, Kind.MEDIA_ADVISORY}
# A page counter at the end of a dated label: "03/04/2021 Page 1 of 1", "12/03/2021 – 1/2".
PAGE_COUNTER_END = re.compile(
    r"(?:\s+[–—-])?\s+(?:(?:page|seite|pagina|página)\s*\d{1,3}(?:\s*(?:of|sur|von|di|de|/)\s*\d{1,3})?"
    r"|\d{1,2}\s*/\s*\d{1,2})$",
    re.I,
)


def label_parts(segment: str) -> tuple[str, str, str, str] | None:
    """A type label opening a segment ('MEDIA ADVISORY: M24-031' -> ('media_advisory', 'en', '',
    'M24-031')) or closing it after an issuer's name ('DLR PRESSEMITTEILUNG' -> ('press_release',
    'de', 'DLR', '')); None if the segment holds no label there."""
    words = segment.split()
    for count in range(min(len(words), 5), 0, -1):
        if found := KIND_LABELS.get(fold(" ".join(words[:count]).rstrip(":"))):
            return found[0], found[1], "", " ".join(words[count:]).lstrip(":").strip()
    for count in range(min(len(words) - 1, 3), 0, -1):
        label = " ".join(words[-count:])
        found = KIND_LABELS.get(fold(label))
        if found and found[0] in CLOSING_KINDS and len(fold(label)) >= 10 and len(words) - count <= 4:
            return found[0], found[1], " ".join(words[:-count]), ""
    return None


def read_header_line(text: str, line: int | None = None, *, order: str | None = None) -> HeaderLine:
    """One line above the title (or just under it): 'COMMUNIQUÉ DE PRESSE   Paris, le 03/04/2021 –
    Page 1 sur 2', 'RELEASE: 09-213', 'European Commission - Press release', 'Daily News
    12/03/2021', 'IP/21/1187', 'January 23, 2024 (CST)', '**DLR** PRESSEMITTEILUNG'. An empty
    HeaderLine when the line is anything else (a headline, a sentence, a dateline and text)."""
    text = plain(text).replace("**", "").strip()
    if not text or len(text) > 160:
        return HeaderLine()
    found = HeaderLine()
    if read_segment(text, found, line, order):  # "PR083 - 2013": its dash splits nothing
        return found
    found, unknown = HeaderLine(), []
    for segment in SEGMENTS.split(text):
        if not read_segment(segment, found, line, order):
            unknown.append(segment.strip(" :"))
    # Something else on the line is an issuer's name ("European Commission - Press release",
    # "European Commission - Daily News"): only beside a type label or a digest's name.
    if unknown and not (len(unknown) == 1 and len(unknown[0]) <= 80 and (found.kind or found.digest)):
        return HeaderLine()
    return found if found else HeaderLine()


def read_segment(segment: str, found: HeaderLine, line, order) -> bool:
    """Add to `found` what one segment of a label line says; whether it said anything known."""
    segment = segment.strip(" :")
    if not segment:
        return True
    if reference := parse_reference(segment):
        found.reference = found.reference or reference
        return True
    if PAGE_COUNTER.match(segment) or fold(segment) in BARE_LABELS:
        found.bare = True
        return True
    if DIGEST.match(segment):
        found.digest = True
        return True
    if labelled := label_parts(segment):
        kind, language, _issuer, after = labelled
        rest = HeaderLine()
        if not after or ISSUER_AFTER.match(after) or read_segment(after, rest, line, order):
            found.kind = found.kind or kind
            found.kind_language = found.kind_language or language
            found.reference = found.reference or rest.reference
            found.dateline = found.dateline or rest.dateline
            return True
    if found.dateline is None and (dateline := dated_label(segment, line, order)):
        found.dateline = dateline
        return True
    return False


def dated_label(segment: str, line, order):
    """'Paris, le 03/04/2021', 'January 23, 2024 (CST)', or 'Daily News 12/03/2021' (a digest's
    name and its date) -> a Dateline with nothing after it; None otherwise."""
    segment = PAGE_COUNTER_END.sub("", segment)
    dateline = parse_dateline(segment, line, order=order)
    if dateline is None or (dateline.rest and not PAGE_COUNTER.match(dateline.rest)):
        return None
    if dateline.place and (DIGEST.match(dateline.place) or label_parts(dateline.place)):
        return replace(dateline, place="", rest="")
    return replace(dateline, rest="")


# Titles --------------------------------------------------------------------------------------

TITLE_MAX = Release._meta.get_field("title").max_length
HEADLINE_MAX = 200  # a plain line longer than this is a paragraph, not a headline


def is_headline(text: str) -> bool:
    """Whether a plain line (no #) may be a headline: short, one sentence at most, not a
    label or a link, not ending like a sentence cut in two."""
    text = plain(text)
    if not text or len(text) > HEADLINE_MAX or text.endswith((":", ",", ";")):
        return False
    if len(text) > 100 and text.endswith(".") and not text.endswith(".."):
        return False  # a long line ending with a full stop is a sentence
    if text.startswith(("[", "!", "<", "|", "-", "*", ">", "(")) or "@" in text or "://" in text:
        return False
    if not any(c.isalpha() for c in text):
        return False
    return len(re.findall(r"[.!?](?:\s|$)", text.rstrip(".!?"))) == 0


# A sentence ends at a full stop, question or exclamation mark followed by a capital, not
# after an abbreviation ("Inc.", "Dr.") or an initial ("J. Smith").
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[«“\"(]?[A-ZÀ-Þ])|(?<=[。！？])")
ABBREVIATION = re.compile(
    r"(?:\b(?:inc|ltd|corp|co|dr|mr|mrs|ms|prof|st|jr|sr|no|nr|vs|etc|e\.g|i\.e|gen|gov|sen|rep|mt|ft"
    r"|calif|mass|wash|approx|dept|univ|[A-Z])\.)$",
    re.I,
)


def first_sentence(text: str) -> str:
    """The first sentence of a text, at most TITLE_MAX characters (cut at a word)."""
    text = " ".join(plain(text).split())
    for match in SENTENCE_BREAK.finditer(text):
        if not ABBREVIATION.search(text[: match.start()]):
            text = text[: match.start()]
            break
    if len(text) > TITLE_MAX:
        text = text[: TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"
    return text.strip().rstrip(".")


# The header stages ---------------------------------------------------------------------------
# parse.py runs them in the document's order: read_header (up to the title), read_opening
# (under it), read_lead, read_meta, check_required, then read_language (language.py), which
# settles the numeric dates whose day/month order needed the language.


@dataclass
class HeaderState:
    """What the header stages learn about one document besides its facts."""

    hints: list[str] = field(default_factory=list)  # languages of month names and type labels
    date_like: tuple[int, str] | None = None  # a line shaped like a date we cannot read
    dateline_rest: tuple[int, str] | None = None  # the text after "PARIS, Oct. 28, 2013 –"
    # Dates in figures whose day/month order was guessed: field -> (text, line), read again
    # once the issuer's country or the language is known.
    guessed: dict[str, tuple[str, int]] = field(default_factory=dict)


HEADING = re.compile(r"^#{1,2}\s+\S")
SENTENCE_END = re.compile(r"[a-zà-ÿ0-9)»”\"][.!?](?:\s+[A-ZÀ-Þ«“\"]|$)|。")
# "Noordwijk, XX maart 2020", "Paris, le __ mars 2014": a dateline whose day is a placeholder.
DATE_PLACEHOLDER = re.compile(
    r"^(?P<place>[^\d,]{2,60}),\s*(?:le\s+|den\s+|am\s+)?(?P<day>[^\s\d]{1,4}|_+|\.+)\.?\s+"
    r"(?:de\s+)?(?P<month>[^\W\d_]{3,}\.?)\s*,?\s*(?:de\s+)?(?P<year>\d{4})$"
)


def is_prose(paragraph: list[tuple[int, str]]) -> bool:
    """A paragraph of running text (the body has begun), not a label, headline or contact block."""
    text = " ".join(line.strip() for _, line in paragraph)
    if "。" in text:
        return True
    if len(paragraph) == 1:
        return len(plain(text)) > HEADLINE_MAX or (len(text) > 120 and bool(SENTENCE_END.search(text)))
    return len(text) > 160 and len(text) / len(paragraph) > 50


def first_heading(paragraphs: list) -> int | None:
    """The position of the title among the `#`/`##` headings before any prose: the first of the
    highest level ("# Title" under "## National Aeronautics…", a PDF's larger type) that is no
    type label."""
    headings = []
    for position, paragraph in enumerate(paragraphs):
        line = paragraph[0][1].strip()
        if len(paragraph) == 1 and HEADING.match(line):
            if not read_header_line(line):
                headings.append((len(line) - len(line.lstrip("#")), position))
        elif is_prose(paragraph):
            break
    return min(headings)[1] if headings else None


def set_reference(parsed: ParsedRelease, reference: Reference, line: int) -> None:
    if parsed.reference_number or parsed.reference_written:
        return
    parsed.reference_written = reference.written  # kept as written (see Reference)
    parsed.reference_prefix, parsed.reference_number = reference.prefix, reference.number
    parsed.reference_year = reference.year
    parsed.lines.update(reference_prefix=line, reference_number=line, reference_year=line)


def set_kind(parsed: ParsedRelease, state: HeaderState, kind: str, language: str | None, line: int):
    if "kind" in parsed.lines:
        return
    parsed.kind = kind
    parsed.lines["kind"] = line
    if language and language != "en":  # English labels are written in every language's releases
        state.hints.append(language)


def set_dateline(parsed: ParsedRelease, state: HeaderState, dateline: Dateline, written: str, line: int):
    """The first dateline found; a second one (a date repeated in a signature) changes nothing."""
    if parsed.dateline_date is not None:
        if dateline.date == parsed.dateline_date and dateline.place and not parsed.dateline_place:
            parsed.dateline_place = dateline.place  # "Daily News 18/05/2021", then "Brussels, 18 May 2021"
            parsed.lines["dateline_place"] = line
        return
    parsed.dateline_date = dateline.date
    parsed.lines["dateline_date"] = line
    if dateline.place and not parsed.dateline_place:
        parsed.dateline_place = dateline.place
        parsed.lines["dateline_place"] = line
    if dateline.language:
        state.hints.append(dateline.language)
    if dateline.guessed:
        state.guessed["dateline_date"] = (written, line)


def set_embargo(parsed: ParsedRelease, state: HeaderState, when: str, line: int) -> None:
    if parsed.embargo_until is not None:
        return
    try:
        parsed.embargo_until = parse_embargo(when, line)
    except UnreadableEmbargo:
        parsed.note(
            "embargo_unreadable",
            _("Cannot read the embargo “%(when)s”: set the embargo, or the release stays a draft.")
            % {"when": when},
            line,
        )
        return
    parsed.lines["embargo_until"] = line
    if parse_date_guessed(when, line):
        state.guessed["embargo_until"] = (when, line)


def parse_date_guessed(text: str, line: int) -> bool:
    dates = find_dates(text, line)
    return bool(dates and dates[0].guessed)


def read_label(parsed: ParsedRelease, state: HeaderState, line: int, text: str, *, above=True) -> bool:
    """One line of the header: an embargo, a type label, a reference, a dateline or date, a
    page counter. Returns whether it was one (and is no title or body text). Under the title
    (`above` False), a dateline followed by text opens the first paragraph: no label."""
    label = plain(text)
    if not label:
        return False
    if match := EMBARGO.match(label):
        set_embargo(parsed, state, match["when"], line)
        return True
    if header := read_header_line(label, line):
        if header.kind:
            set_kind(parsed, state, header.kind, header.kind_language, line)
        if header.reference:
            set_reference(parsed, header.reference, line)
        if header.dateline:
            set_dateline(parsed, state, header.dateline, label, line)
        return True
    if (dateline := parse_dateline(label, line)) and (above or not dateline.rest):
        # "PARIS, Oct. 28, 2013 – The agency…": the text after the dash is the body's
        if dateline.rest and parsed.dateline_date is None:
            state.dateline_rest = (line, dateline.rest)
        set_dateline(parsed, state, dateline, label, line)
        return True
    if match := DATE_PLACEHOLDER.match(label):
        if month_of(match["month"]) and is_place(match["place"].strip()):
            state.date_like = state.date_like or (line, label)
            if not parsed.dateline_place:
                parsed.dateline_place = match["place"].strip()
                parsed.lines["dateline_place"] = line
            return True
    if unknown_month(label) or (
        re.search(r"\b(?:19|20)\d{2}\b", label) and "," in label and len(label) <= 60
    ):
        state.date_like = state.date_like or (line, label)  # for the note, if no date is found
        return bool(unknown_month(label))
    return False


def set_title(parsed: ParsedRelease, text: str, line: int) -> None:
    """The title as written; a number before it ("N° 2–2001: …") is the reference."""
    title = plain(text)
    if numbered := title_reference(title):
        set_reference(parsed, numbered[0], line)
        title = numbered[1]
    elif ":" in title[:40] and (kind := kind_of(title.split(":", 1)[0])):
        parsed.kind = parsed.kind if "kind" in parsed.lines else kind  # "Call for Media: …" stays whole
    if site := str(parsed.meta.get("site_name") or "").strip():
        # "NASA Selects Student Teams… - NASA": a web page's title ends with its site's name
        title = re.sub(rf"\s+[-–—|·]\s+{re.escape(site)}$", "", title)
    parsed.title = title
    parsed.lines["title"] = line


def read_header(parsed: ParsedRelease, state: HeaderState, lines, starts) -> int:
    """The lines before the title: type label, reference, embargo, dateline or date, in any
    order and several on a line; then the title: a `#` heading, else the first headline
    written as a plain line and followed by text. Returns the index in `lines` of the title,
    or without one of the last header line (-1 if none): the body starts after it."""
    index_of = {number: index for index, (number, _line) in enumerate(lines)}
    paragraphs = split_paragraphs(lines, starts)
    heading = first_heading(paragraphs)
    last = -1
    for position, paragraph in enumerate(paragraphs):
        number, first = paragraph[0]
        if position == heading:
            set_title(parsed, first, number)
            return index_of[number]
        if is_prose(paragraph):
            break
        labels = [read_label(parsed, state, n, text) for n, text in paragraph]
        if any(labels):
            last = index_of[paragraph[max(i for i, found in enumerate(labels) if found)][0]]
            continue
        if heading is None and len(paragraph) == 1 and is_headline(first) and position + 1 < len(paragraphs):
            set_title(parsed, first, number)
            return index_of[number]
    return last


def open_paragraph(paragraph: list[tuple[int, str]]):
    """The first line of a paragraph without its Markdown emphasis: (line, text, whether its
    opening was set apart in bold, how to write the line back with what follows a dateline)."""
    (number, first), *others = paragraph
    stripped = first.strip()
    close = stripped.find("**", 2) if stripped.startswith("**") else -1
    if close != -1 and stripped[close + 2 :].strip():
        # "**Edinburgh --** Three…", "**Bonn/Paris, 2. Oktober 2018** – Der…": only the opening is bold
        text = f"{stripped[2:close].strip()} {stripped[close + 2 :].strip()}"
        return number, text, True, lambda rest: (number, rest)
    bold = stripped.startswith("**")
    text = plain(first) if not others else stripped.lstrip("*")
    opening, closing = ("**", "**" if not others else "") if bold else ("", "")
    return number, text, bold, lambda rest: (number, f"{opening}{rest}{closing}")


def read_opening(parsed: ParsedRelease, state: HeaderState, paragraphs: list) -> list:
    """Under the title: pictures; the label, date and embargo lines written there ("January
    23, 2024", "MEDIA ADVISORY: M24-031", "IP/21/1187"); then what opens the first paragraph:
    a dateline ("PARIS, Oct. 28, 2013 –", "CITY, ST, Month D, YYYY /Wire/ --"), a reference
    ("ESA PR 07-2009. The…") or a place ("HOUSTON –")."""
    if state.dateline_rest:
        paragraphs.insert(0, [state.dateline_rest])
    images = []  # pictures above the lead stay first in the body
    while paragraphs and all(IMAGE.fullmatch(plain(line)) for _, line in paragraphs[0]):
        images.append(paragraphs.pop(0))
    while paragraphs and not state.dateline_rest and not is_prose(paragraphs[0]):
        if not all([read_label(parsed, state, n, text, above=False) for n, text in paragraphs[0]]):
            break
        paragraphs.pop(0)
    state.dateline_rest = None
    # The first paragraph, or the one after a subtitle ("*Joint development targets…*")
    first = 1 if len(paragraphs) > 1 and is_subtitle(paragraphs[0]) else 0
    if len(paragraphs) > first:
        paragraphs[first] = read_first_paragraph(parsed, state, list(paragraphs[first]))
        if not paragraphs[first]:
            paragraphs.pop(first)
    return images + paragraphs


def is_subtitle(paragraph: list[tuple[int, str]]) -> bool:
    """A short line under the title, before the text: "Viersitziges Versuchsflugzeug fliegt…"."""
    line = paragraph[0][1]
    if len(paragraph) != 1 or not is_headline(line) or is_prose(paragraph) or plain(line).endswith("."):
        return False
    return not read_header_line(line) and not parse_dateline(plain(line))


def read_first_paragraph(parsed: ParsedRelease, state: HeaderState, paragraph: list) -> list:
    number, text, set_apart, rewrite = open_paragraph(paragraph)
    if (dateline := parse_dateline(text, number)) and (dateline.place or parsed.dateline_date is None):
        set_dateline(parsed, state, dateline, text, number)
        if dateline.place and not parsed.dateline_place:
            parsed.dateline_place = dateline.place
            parsed.lines["dateline_place"] = number
        rest = dateline.rest
    elif (opening := reference_opening(text)) and not parsed.reference_number:
        set_reference(parsed, opening[0], number)
        rest = opening[1]
    elif not parsed.dateline_place and (place := place_only_dateline(text, set_apart=set_apart)):
        parsed.dateline_place, rest = place
        parsed.lines["dateline_place"] = number
    else:
        return paragraph
    if rest:
        paragraph[0] = rewrite(rest)
    else:
        paragraph.pop(0)
    return paragraph


def join_lines(paragraph: list[tuple[int, str]]) -> str:
    """A paragraph's lines as one: a space between words, none between Japanese or Chinese."""
    text = ""
    for _number, line in paragraph:
        line = line.strip()
        if text and not (CJK_CHAR.match(text[-1]) and CJK_CHAR.match(line[:1])):
            text += " "
        text += line
    return text


CJK_CHAR = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


def read_lead(parsed: ParsedRelease, paragraphs: list, starts: dict[int, str]) -> list:
    """The lead: the first paragraph when it is set in bold; otherwise the first paragraph of
    running text (a short paragraph alone is all body), after a subtitle if there is one."""
    text_paragraphs = [p for p in paragraphs if not all(IMAGE.fullmatch(plain(line)) for _, line in p)]
    if len(text_paragraphs) > 1 and is_subtitle(text_paragraphs[0]):
        text_paragraphs.pop(0)  # the subtitle stays first in the body
    if not text_paragraphs:
        return paragraphs
    first_paragraph = text_paragraphs[0]
    first = join_lines(first_paragraph)
    if len(first) > 4 and first.startswith("**") and first.endswith("**") and first.count("**") == 2:
        parsed.lead = first[2:-2].strip()
    elif (
        (is_prose(first_paragraph) or len(text_paragraphs) > 1 and len(first) > 60)
        and starts.get(first_paragraph[0][0], "paragraph") == "paragraph"
        and not first.startswith(("#", "|", ">", "-", "*", "+", "<", "```", "!["))
    ):
        parsed.lead = first
    else:
        return paragraphs
    parsed.lines["lead"] = first_paragraph[0][0]
    paragraphs.remove(first_paragraph)
    return paragraphs


def read_meta(parsed: ParsedRelease, state: HeaderState) -> None:
    """What the file says of itself (YAML front matter, a page's metadata, a Word file's
    properties) fills what the text lacks: title, date, place, reference, type. A date only in
    the text's closing signature ("Fait à Paris, le 3 mars 2014") is the text's, so it comes first."""
    meta = parsed.meta
    if parsed.dateline_date is None and (signed := closing_dateline(parsed.body.split("\n\n"))):
        set_dateline(parsed, state, signed, "", None)  # "Roma, 15 settembre 2021" as the last line
    title = " ".join(str(meta.get("title") or "").split())
    if not parsed.title and title and not FILE_NAME.match(title):
        set_title(parsed, title[:TITLE_MAX], None)
    if parsed.dateline_date is None:
        if isinstance(meta.get("date"), date):
            parsed.dateline_date = meta["date"]
        elif written := str(meta.get("date_text") or meta.get("date") or "").strip():
            if dateline := parse_dateline(written, None):
                set_dateline(parsed, state, dateline, written, None)
            else:
                state.date_like = state.date_like or (None, written)

    if not parsed.dateline_place and str(meta.get("place") or "").strip():
        parsed.dateline_place = str(meta["place"]).strip()[:PLACE_MAX]
    if not parsed.reference_number and str(meta.get("reference") or "").strip():
        written = str(meta["reference"]).strip()
        set_reference(parsed, parse_reference(written) or Reference(written), None)
    if "kind" not in parsed.lines and (kind := meta_kind(meta.get("kind"))):
        parsed.kind = kind


FILE_NAME = re.compile(r"^\S+\.[A-Za-z]{2,4}$")  # "39-nasa.html": a converter's, no title


def meta_kind(written) -> str | None:
    """'press_release', 'Press release', 'Pressemitteilung' -> the type; None otherwise."""
    written = str(written or "").strip()
    if written in Kind.values:
        return written
    return kind_of(written) if written else None


def check_required(parsed: ParsedRelease, state: HeaderState, body_paragraphs: list[str]) -> None:
    """The date and the title a release cannot be published without: a missing date is noted
    (naming the line that looked like one); a missing title is the first sentence, noted."""
    if parsed.dateline_date is None:
        if state.date_like:
            line, written = state.date_like
            parsed.note(
                "no_date",
                _("Cannot read the date in “%(written)s”: fill in the dateline date.") % {"written": written},
                line,
            )
        else:
            parsed.note("no_date", _("No date found: fill in the dateline date."))
    if not parsed.title:
        opening = parsed.lead or next((p for p in body_paragraphs if plain(p)), "")
        if title := first_sentence(opening):
            parsed.title = title
            parsed.note(
                "title_guessed",
                _("No title found: the first sentence was taken as the title; write the release's title."),
                parsed.lines.get("lead"),
            )
        else:
            parsed.note("no_title", _("No title found: write the release's title."))
    if len(parsed.title) > TITLE_MAX:
        message = _("the title is longer than %(limit)s characters") % {"limit": TITLE_MAX}
        raise DocumentError(message, parsed.lines.get("title"))


def settle_date_order(parsed: ParsedRelease, state: HeaderState, order: str | None) -> None:
    """Dates in figures read again in the order now known (the issuer's country's, or the
    language's); still unknown: they stay read day first, noted as guessed."""
    for name, (written, line) in state.guessed.items():
        if order:
            if name == "embargo_until":
                parsed.embargo_until = parse_embargo(written, line, order=order)
            elif written and (dates := find_dates(written, line, order=order)):
                parsed.dateline_date = dates[0].date
            continue
        value = getattr(parsed, name)
        read = value.date() if isinstance(value, datetime) else value
        parsed.note(
            "date_guessed",
            _(
                "“%(written)s” can be read day first or month first: it was read day first "
                "(%(date)s); check the date."
            )
            % {"written": written or read.isoformat(), "date": read.isoformat()},
            line,
        )
