"""Quotes and who said them.

The paragraphs are read as the page shows them (their Markdown rendered to plain text) and
their quotation marks paired: “…”, "…", „…“, ‚…‘, «…», 「…」. A quote may run over a blank line
(opened in one paragraph, closed in the next), or over several paragraphs each opened with its
mark and only the last one closed: it is then one quote of several paragraphs.

A quote's speaker is the person its attribution names:
- after it: '…,” said Klaus Weber, Director of Space Operations.', '…,” Weber said.', '…,”
  notes Orbitalis's CEO Ada Brun.', '… », déclare …', '„…“, sagte …', '„…“, so …', '«…», ha
  dichiarato il Presidente dell'ASI …', '…», afirmó …', '"…", according to …', '「…」と理事長の
  …は述べました', or a line of its own: '— Klaus Weber, Director of Space Operations';
- before it, in the same sentence: 'Klaus Weber said: “…”', 'Weber also highlighted the role
  of the partners: “…”', 'Minister Ana Beltrán welcomed it, stating, “…”', '… ha señalado que
  «…»'; inside it, between dashes: '“… – ha commentato …, presidente dell'ASI – …”'.
A surname ("Weber said") is the person the release named in full before. A quote that names
nobody ("he added", or a second quote in the paragraph of a named one) is the previous quote's
speaker's when nobody else was named in between; otherwise it stays in the body only, never
given to a guess.

Titles before a name are split off ("says Chancellor Ada Brun": Ada Brun, title "Chancellor")
and a title after it is kept as written ("Klaus Weber, Director of Space Operations").
Everything is linear in the text: compiled patterns, no backtracking over a paragraph.
"""

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from releases.importing.model import ParsedQuote
from releases.markdown import PARSER

MAX_QUOTE_CHARS = 5_000
MAX_QUOTE_PARAGRAPHS = 8
MAX_TITLE_CHARS = 200  # Quote.speaker_title

# Speech verbs, in the languages press offices write in. FINITE: "said", "a déclaré", "sagte";
# the speaker is named before or after them. LEADING: the speaker always follows ("according
# to Weber", "so Weber", "selon …"). PARTICIPLES: the speaker is the sentence's subject.
FINITE = (
    r"said|says|adds|added|notes|noted|states|stated|explains|explained|comments|commented|"
    r"remarks|remarked|continues|continued|concludes|concluded|recalls|recalled|"
    r"emphasi[sz]es|emphasi[sz]ed|stresses|stressed|underlines|underlined|observes|observed|"
    r"declares|declared|affirms|affirmed|insists|insisted|points out|pointed out|highlights|"
    r"highlighted|writes|wrote|announces|announced|welcomes|welcomed|acknowledges|acknowledged|"
    r"reflects|reflected|replies|replied|warns|warned|"
    r"a déclaré|déclare|a ajouté|ajoute|a souligné|souligne|a expliqué|explique|a indiqué|"
    r"indique|a affirmé|affirme|a précisé|précise|a estimé|estime|a commenté|commente|"
    r"a rappelé|rappelle|a conclu|conclut|poursuit|a poursuivi|se réjouit|a salué|salue|"
    r"a insisté|insiste|a noté|a assuré|assure|"
    r"sagte|sagt|erklärte|erklärt|betonte|betont|ergänzte|ergänzt|meinte|meint|unterstrich|"
    r"unterstreicht|hob hervor|kommentierte|kommentiert|bekräftigte|versicherte|erläuterte|"
    r"erläutert|freute sich|fügte hinzu|"
    r"lo ha (?:dichiarato|detto|affermato|sottolineato|spiegato)|ha dichiarato|dichiara|"
    r"ha detto|ha affermato|afferma|ha aggiunto|aggiunge|ha sottolineato|sottolinea|"
    r"ha spiegato|spiega|ha commentato|commenta|ha osservato|osserva|ha concluso|"
    r"ha ricordato|ricorda|ha evidenziato|evidenzia|ha rimarcato|ha precisato|"
    r"afirmó|ha afirmado|señaló|señala|ha señalado|declaró|ha declarado|explicó|"
    r"ha explicado|añadió|añade|ha añadido|destacó|destaca|ha destacado|dijo|ha dicho|"
    r"subrayó|subraya|ha subrayado|aseguró|asegura|ha asegurado|indicó|ha indicado|comentó|"
    r"ha comentado|apuntó|manifestó|ha manifestado|concluyó|recordó|ha recordado|resaltó|"
    r"expresó|ha expresado|"
    r"disse|afirmou|declarou|explicou|acrescentou|sublinhou|destacou|"
    r"zegt|zei|verklaarde|verklaart|benadrukt|benadrukte|stelt|stelde|voegde eraan toe"
)
LEADING = r"according to|selon|laut|secondo|según|segundo|so|così|cosi|aldus|volgens"
PARTICIPLES = (
    r"stating|saying|adding|noting|explaining|declaring|commenting|stressing|emphasi[sz]ing|"
    r"underlining|highlighting|concluding|remarking|recalling|"
    r"en déclarant|en soulignant|en ajoutant|en expliquant|en précisant|"
    r"affermando|dichiarando|sottolineando|aggiungendo|spiegando|"
    r"afirmando|señalando|declarando|explicando|añadiendo|destacando|subrayando|asegurando"
)
# French and German put the pronoun after the verb: "a-t-il ajouté", "ajoute-t-elle", "sagte er".
INVERTED_PRONOUN = re.compile(r"^(?:a-t-(?:il|elle)\s+\w+|\w+-t-(?:il|elle)|\w+-(?:il|elle))(?!\w)", re.I)

# After a quote: '," said Weber', '», a déclaré …', '“, so Weber', '” — Klaus Weber, Director'.
AFTER_VERB_FIRST = re.compile(rf"^[\s,.;:]*\b(?:{FINITE}|{LEADING})\b\s*(?P<rest>.*)$", re.I | re.S)
AFTER_DASH = re.compile(r"^[\s,.;:]*[—–―-]+\s*(?P<rest>.+)$", re.S)
AFTER_JAPANESE = re.compile(
    r"^\s*と\s*(?P<phrase>[^。、「」]{0,40}?)(?:は|が|も)?(?:述べ|語|話|説明|強調|コメント|言)"
)
# Before a quote, in its sentence: 'Weber said: “', 'Weber also highlighted the role…: “',
# 'ha señalado que «', 'stating, “', 'According to Weber, “'.
BEFORE_LEADING = re.compile(rf"^(?:{LEADING}|per)\s+(?P<phrase>.{{1,200}}?)[\s,:]*$", re.I | re.S)
# A speech verb where a word starts (tried only there: the alternations are long).
FINITE_VERB = re.compile(rf"(?:{FINITE})\b", re.I)
PARTICIPLE = re.compile(rf"(?:{PARTICIPLES})\b", re.I)
WORD_START = re.compile(r"(?<!\w)\w")
NOT_IN_A_PHRASE = re.compile(r"[.;:!?“”„«»\"]")
ADVERBS_AT_END = re.compile(
    r"(?:\s+(?:also|then|further|later|again|aussi|ensuite|auch|anche|también|ook))+\s*$", re.I
)
QUOTE_MARK_IN = re.compile(r"[“”„«»\"]")
# How such a sentence ends, right before the quote: "said:", "stating,", "that", "said".
BEFORE_ENDS = re.compile(rf"(?:[:,]|\b(?:that|que|qu'|dass|che|dat)|\b(?:{FINITE}))$", re.I)
# A dash between two parts of one quote: '“… – ha commentato Ada Brun, presidente – …”'.
INCISE = re.compile(rf"\s[–—-]\s*(?:{FINITE})\s+(?P<phrase>[^–—]{{1,200}}?)\s*[–—-]\s", re.I)

SENTENCE_END = re.compile(r"[.!?…;](?=\s|$)")
SENTENCE_START = re.compile(r".*[.!?…;]\s+", re.S)
ABBREVIATION = re.compile(
    r"\b(Dr|Prof|Mr|Mrs|Ms|St|Mme|Mlle|Dott|Ing|Sr|Sra|Srta|Jr|Hon|Gen|Col|Sen|Rep|Gov|Pr|M|[A-Z])\.(?=\s)"
)
TAG = re.compile(r"<[^>]*>")
BLOCKQUOTE_MARKS = re.compile(r"^\s*(?:>\s?)+")
SPACES = re.compile(r"[ \t\r\n]+")
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS_MARKS = re.compile(r"(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)")
MARKDOWN_SIGNS = re.compile(r"[*_`\[\]\\<>&!]")
MARK = re.compile(r"[“”„«»\"‚‘’「」『』‹›]")
# A line break between two characters of a script written without spaces joins them.
UNSPACED_BREAK = re.compile(
    r"(?<=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])\n(?=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])"
)
CJK = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,8}$")

# Quotation marks: what opens a quote, and what closes a quote each opens.
ALWAYS_OPENS = "„«‚「『‹"
OPENS_BY_PLACE = '“"‘'
CLOSERS = {"“": "”", "„": "“”", "«": "»", '"': '"', "‚": "‘’", "‘": "’", "「": "」", "『": "』", "‹": "›"}
SPACE_BEFORE_OPENING = "([{—–-/:;,"

PRONOUNS = {
    "he", "she", "they", "we", "i", "il", "elle", "ils", "elles", "er", "sie", "lui", "lei",
    "él", "ella", "ellos", "ele", "ela", "hij", "zij", "彼", "彼女",
}  # fmt: skip
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "m", "mme", "mlle", "herr", "frau",
    "dott", "dott.ssa", "ing", "sr", "sra", "srta", "sig", "sig.ra", "don", "doña", "sir", "dame",
    "hon", "pr",
}  # fmt: skip
ARTICLES = {
    "the", "a", "an", "le", "la", "les", "l", "il", "lo", "gli", "i", "el", "los", "las", "der",
    "die", "das", "den", "dem", "des", "ein", "eine", "o", "os", "as", "un", "une", "uno", "una",
}  # fmt: skip
NOT_NAMES = {
    "on", "in", "at", "after", "before", "today", "yesterday", "meanwhile", "then", "also",
    "further", "later", "now", "however", "and", "but", "while", "during", "this", "that",
    "these", "those", "our", "their", "his", "her", "its", "we", "ensuite", "aussi", "auch",
    "zudem", "anche", "también", "además", "heute", "aujourd'hui", "oggi", "hoy", "said",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lundi",
    "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "montag", "dienstag",
    "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lunedì", "martedì",
    "mercoledì", "giovedì", "venerdì", "sabato", "domenica", "lunes", "martes", "miércoles",
    "jueves", "viernes", "sábado", "domingo", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december",
}  # fmt: skip
# Words of a title, in any case: "NASA Administrator", "Presidente dell'ASI", "ministra de …".
TITLE_WORDS = {
    "president", "presidente", "présidente", "président", "präsident", "präsidentin",
    "presidenta", "vice-president", "vicepresidente", "vizepräsident", "vizepräsidentin",
    "director", "directora", "directeur", "directrice", "direktor", "direktorin", "direttore",
    "direttrice", "director-general", "directeur-général", "generaldirektor", "generaldirektorin",
    "minister", "ministre", "ministra", "ministro", "ministerin", "bundesminister",
    "bundesministerin", "chancellor", "kanzler", "kanzlerin", "chairman", "chairwoman", "chair",
    "chairperson", "ceo", "cfo", "cto", "coo", "cso", "head", "chief", "secretary", "secrétaire",
    "segretario", "secretario", "secretaria", "secretary-general", "general", "générale",
    "général", "generale", "administrator", "administrateur", "administratrice", "commissioner",
    "commissaire", "commissario", "commissaria", "comisario", "comisaria", "mayor", "maire",
    "sindaco", "alcalde", "alcaldesa", "governor", "gouverneur", "governatore", "dean", "rector",
    "recteur", "rectrice", "rettore", "rektor", "rektorin", "astronaut", "astronaute",
    "astronauta", "senator", "sénateur", "senatore", "senador", "ambassador", "ambassadeur",
    "ambasciatore", "embajador", "spokesperson", "spokesman", "spokeswoman", "porte-parole",
    "sprecher", "sprecherin", "portavoce", "portavoz", "officer", "manager", "managing", "vice",
    "deputy", "associate", "assistant", "executive", "federal", "prime", "state", "founder",
    "co-founder", "cofounder", "lead", "leader", "principal", "scientist", "engineer",
    "researcher", "chercheur", "chercheuse", "ricercatore", "ricercatrice", "investigador",
    "investigadora", "vorstandsvorsitzende", "vorstandsvorsitzender", "vorsitzende",
    "vorsitzender", "vorstand", "vorstandsmitglied", "geschäftsführer", "geschäftsführerin",
    "staatssekretär", "staatssekretärin", "leiter", "leiterin", "amministratore", "delegato",
    "delegata", "consigliere", "sottosegretario", "consejero", "consejera", "delegado",
    "delegada", "responsable", "chef", "cheffe", "member", "professor", "professeur",
    "professeure", "professore", "professoressa", "profesor", "profesora", "professorin",
    "administrador", "administradora", "gerente", "coordinator", "coordinatrice",
    "coordinatore", "coordinador", "coordinadora", "superintendent", "commander", "captain",
    "colonel", "admiral", "provost", "rapporteur", "diretor", "diretora",
    "presidente-director", "pdg", "md", "evp", "svp", "vp", "mp", "mep", "premier",
    "premiere", "première", "secrétaire d'état", "chargé", "chargée", "délégué", "déléguée",
}  # fmt: skip
# Words an organisation's or title's name continues with: "Director of Human Spaceflight".
CONNECTORS = {
    "of", "for", "at", "in", "from", "du", "des", "de", "della", "delle", "degli", "del", "di",
    "für", "bei", "beim", "vom", "zur", "zum", "am", "im", "and", "&", "y", "e", "et", "und",
}  # fmt: skip
PARTICLES = {
    "de",
    "von",
    "van",
    "der",
    "den",
    "du",
    "di",
    "da",
    "dos",
    "das",
    "del",
    "la",
    "le",
    "ten",
    "ter",
}
# A segment that opens with one of these is a clause, not a title: ", who leads…", ", bei der…".
NOT_TITLE_START = {
    "who", "which", "that", "whose", "qui", "que", "dont", "che", "quien", "welche", "welcher",
    "in", "at", "on", "during", "bei", "während", "lors", "durante", "en", "à", "a", "to", "when",
    "as", "after", "before", "adding", "today", "yesterday", "speaking", "while", "und", "and",
    "et", "e", "y", "but", "mais", "aber", "ma", "pero", "with", "avec", "mit", "con",
}  # fmt: skip
JAPANESE_TITLES = (
    "理事長",
    "社長",
    "大臣",
    "所長",
    "教授",
    "部長",
    "長官",
    "会長",
    "総裁",
    "委員長",
    "センター長",
    "室長",
)


@dataclass
class Span:
    """One quotation: its text's (paragraph, start, end) parts, the marks excluded."""

    kind: str
    parts: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def first(self) -> tuple[int, int]:
        return self.parts[0][0], self.parts[0][1]

    @property
    def last(self) -> tuple[int, int]:
        return self.parts[-1][0], self.parts[-1][2]


@dataclass
class Speaker:
    kind: str  # "named", "surname" (not found in full), "pronoun", "unnamed"
    name: str = ""
    title: str = ""


@dataclass
class Found:
    """A quote as read, before its speaker is settled."""

    span: Span
    text: str
    speaker: Speaker
    attribution_end: tuple[int, int]  # where its attribution ends: (paragraph, offset)


# Plain text ---------------------------------------------------------------------------------
def plain_paragraph(markdown: str) -> str:
    """A paragraph's Markdown as the page shows its text: '**“We did it,”** said *Ada*' ->
    '“We did it,” said Ada'. Soft line breaks are spaces; no-break spaces stay."""
    if MARKDOWN_SIGNS.search(markdown):
        if MARK.search(markdown):  # a quote's text: exactly as rendered
            markdown = html.unescape(TAG.sub("", PARSER.renderInline(markdown)))
        else:  # only read for names and attributions: links' text, no emphasis marks
            markdown = EMPHASIS_MARKS.sub("", MARKDOWN_LINK.sub(r"\1", markdown))
    return SPACES.sub(" ", UNSPACED_BREAK.sub("", markdown)).strip()


def unquoted(paragraph: str) -> list[str]:
    """A Markdown quotation's paragraphs without their '>' marks; other paragraphs as they are."""
    lines = paragraph.split("\n")
    if not all(line.lstrip().startswith(">") for line in lines if line.strip()):
        return [paragraph]
    parts, current = [], []
    for line in lines:
        if inner := BLOCKQUOTE_MARKS.sub("", line).strip():
            current.append(inner)
        elif current:
            parts.append("\n".join(current))
            current = []
    return [*parts, "\n".join(current)] if current else parts


# Pairing the marks --------------------------------------------------------------------------
def can_open(text: str, index: int) -> bool:
    mark = text[index]
    following = text[index + 1 : index + 2]
    if mark in ALWAYS_OPENS:
        return bool(following) and (mark == "«" or not following.isspace())
    if mark in OPENS_BY_PLACE:
        preceding = text[index - 1] if index else " "
        return (
            (preceding.isspace() or preceding in SPACE_BEFORE_OPENING)
            and bool(following)
            and not following.isspace()
        )
    return False


def can_close(kind: str, text: str, index: int) -> bool:
    mark = text[index]
    if mark not in CLOSERS[kind]:
        return False
    following = text[index + 1 : index + 2]
    if mark == "’" and following.isalpha():  # an apostrophe: "it’s"
        return False
    if (
        mark in OPENS_BY_PLACE
        and index
        and text[index - 1].isspace()
        and following
        and not following.isspace()
    ):
        return False  # '" A' opens the next quote rather than closing this one
    return True


def find_spans(paragraphs: list[str]) -> list[Span]:
    """The quotations of a document's paragraphs, in order."""
    spans: list[Span] = []
    current: Span | None = None
    start = 0
    for number, text in enumerate(paragraphs):
        position = 0
        if current is not None:
            # Open at the last paragraph's end: it goes on here if this paragraph opens with the
            # same mark (a quote of several paragraphs) or closes it before opening another.
            if len(current.parts) >= MAX_QUOTE_PARAGRAPHS:
                current = None
            elif text[:1] == current.kind:
                start = position = 1
            elif not closes_first(current.kind, text):
                current = None
            else:
                start = 0
        for match in MARK.finditer(text, position):
            index = match.start()
            if current is None:
                if can_open(text, index):
                    current, start = Span(match[0]), index + 1
            elif can_close(current.kind, text, index):
                current.parts.append((number, start, index))
                if sum(end - begin for _, begin, end in current.parts) <= MAX_QUOTE_CHARS:
                    spans.append(current)
                current = None
            elif match[0] == current.kind and can_open(text, index):
                current, start = Span(match[0]), index + 1  # the last one was never closed
        if current is not None:
            current.parts.append((number, start, len(text)))
    return spans


def closes_first(kind: str, text: str) -> bool:
    """Whether a paragraph closes a quote of `kind` before it opens another."""
    for match in MARK.finditer(text):
        if can_close(kind, text, match.start()):
            return True
        if can_open(text, match.start()):
            return False
    return False


# Names and titles ---------------------------------------------------------------------------
def bare(token: str) -> str:
    return token.strip(",.:;!?()[]{}*_\"“”„«»'’‘")


def is_name_token(token: str) -> bool:
    word = bare(token)
    if not word or not word[0].isalpha() or word[0].islower():
        return False  # capitalised, or in a script without case ("山川宏")
    lowered = word.lower()
    if word.endswith(("'s", "’s")) or (
        word.isupper() and len(word) > 1 and not re.fullmatch(r"[A-Z]\.", word)
    ):
        return False  # "ESA's", "NASA"
    return not (
        lowered in TITLE_WORDS
        or lowered.rstrip(".") in HONORIFICS
        or lowered in ARTICLES
        or lowered in NOT_NAMES
        or lowered in PRONOUNS
        or any(part in TITLE_WORDS for part in lowered.split("-") if len(lowered.split("-")) > 1)
    )


def ends_clause(token: str) -> bool:
    """'Schmidt.' or 'Weber,' ends a name; 'F.' (an initial) does not."""
    token = token.rstrip('"”’)*_')
    return token[-1:] in ",;:!?" or (token.endswith(".") and not re.fullmatch(r"[A-Z]\.", token))


def name_runs(tokens: list[str]) -> list[tuple[int, int]]:
    """Where names are among a phrase's tokens: runs of capitalised words that are no title,
    with the particles inside them ("Thomas de Maizière"); a run right after "of" or "for" is
    an organisation's ("Director of Human Spaceflight")."""
    runs, index = [], 0
    while index < len(tokens):
        if not is_name_token(tokens[index]):
            index += 1
            continue
        start = end = index
        while end + 1 < len(tokens):
            following = bare(tokens[end + 1])
            if is_name_token(tokens[end + 1]) and not ends_clause(tokens[end]):
                end += 1
            elif (
                following.lower() in PARTICLES
                and end + 2 < len(tokens)
                and not ends_clause(tokens[end])
                and (is_name_token(tokens[end + 2]) or bare(tokens[end + 2]).lower() in PARTICLES)
            ):
                end += 1
            else:
                break
        while bare(tokens[end]).lower() in PARTICLES and end > start:
            end -= 1
        before = bare(tokens[start - 1]).lower() if start else ""
        if before not in CONNECTORS or (
            before in PARTICLES and start >= 2 and is_name_token(tokens[start - 2])
        ):
            runs.append((start, end + 1))
        index = end + 1
    return runs


def title_of(words: list[str]) -> str:
    """The title in the words before a name or beside it, as written: 'il Presidente dell'ASI'
    -> 'Presidente dell'ASI'; '' when they hold no title word ('On Monday')."""
    words = [w for w in words if bare(w)]
    while words and (
        bare(words[0]).lower() in ARTICLES | HONORIFICS | NOT_NAMES | PRONOUNS
        or bare(words[0]).lower().rstrip(".") in HONORIFICS
    ):
        words.pop(0)
    while words and (
        bare(words[-1]).lower() in CONNECTORS | ARTICLES or bare(words[-1]).lower().rstrip(".") in HONORIFICS
    ):
        words.pop()
    if not words or bare(words[0]).lower() in NOT_TITLE_START:
        return ""
    lowered = {bare(w).lower().removesuffix("'s").removesuffix("’s") for w in words}
    has_title = any(w in TITLE_WORDS or any(p in TITLE_WORDS for p in w.split("-")) for w in lowered)
    title = " ".join(words).strip(" ,;:—–-")
    return title[:MAX_TITLE_CHARS] if has_title else ""


def segments_of(phrase: str) -> list[str]:
    return [s for s in re.split(r",|\s[–—]\s|[()]", phrase)]


def read_phrase(phrase: str, *, after_verb: bool, names: "Names") -> Speaker:
    """The speaker a phrase names, with their title: after the verb ('Walter Brandt, associate
    administrator', 'il Presidente dell'ASI Lorenzo Ferraris') or before it ('Thomas Reiter,
    ESA Director of Human Spaceflight,', 'Commissioner for …, Ingrid Halvorsen,')."""
    phrase = ABBREVIATION.sub(r"\1", phrase).strip(" ,:;—–-")
    tokens = phrase.split()
    if not tokens:
        return Speaker("pronoun")
    pronoun = bare(tokens[0]).lower() in PRONOUNS and (
        len(tokens) == 1 or not (tokens[1][:1].isupper() or bare(tokens[1]).lower() in TITLE_WORDS)
    )  # "he", "il a ajouté"; not Italian's "il Presidente", "il direttore"
    if pronoun or (after_verb and INVERTED_PRONOUN.match(phrase)):
        return Speaker("pronoun")
    if (japanese := japanese_speaker(phrase)) is not None:
        return japanese
    segments = segments_of(phrase)
    order = range(len(segments)) if after_verb else range(len(segments) - 1, -1, -1)
    for position in order:
        words = segments[position].split()
        if known := names.known_in(segments[position]):
            name, before = known, segments[position][: segments[position].find(known)].split()
        else:
            runs = name_runs(words)
            if not runs:
                if after_verb and position == 0 and not title_of(words):
                    break  # "said the minister": nobody named
                continue
            if (
                after_verb
                and len(runs) > 1
                and runs[0][1] - runs[0][0] == 1
                and title_of(words[runs[0][1] : runs[1][0]])
            ):
                runs.pop(0)  # "Arianespace Chairman and CEO Stéphane Israël": the company's name
            start, end = runs[0] if after_verb else runs[-1]
            name, before = " ".join(bare(w) for w in words[start:end]), words[:start]
        title = title_of(before)
        if not title and position + 1 < len(segments):
            title = title_of(segments[position + 1].split())
        if not title and position > 0:
            title = title_of(segments[position - 1].split())
        return Speaker("named", name, title)
    return Speaker("unnamed")


def japanese_speaker(phrase: str) -> Speaker | None:
    """'理事長の佐藤健一' -> 佐藤健一, title 理事長; '佐藤健一理事長' likewise; None for other scripts."""
    if not CJK.match(phrase.replace("の", "")):
        return None
    if "の" in phrase:
        title, _, name = phrase.rpartition("の")
        return Speaker("named", name, title)
    for title in JAPANESE_TITLES:
        if phrase.endswith(title) and len(phrase) > len(title) + 1:
            return Speaker("named", phrase[: -len(title)], title)
    return Speaker("named", phrase)


class Names:
    """The people the directory knows, indexed once for a run of imports."""

    def __init__(self, known: tuple[str, ...]):
        self.by_first: dict[str, list[str]] = {}
        self.by_last: dict[str, list[str]] = {}
        self.unspaced: list[str] = []
        for name in known:
            words = name.split()
            if len(words) == 1:
                self.unspaced.append(name)
            else:
                self.by_first.setdefault(words[0].lower(), []).append(name)
                self.by_last.setdefault(words[-1].lower(), []).append(name)
        for names in self.by_first.values():
            names.sort(key=len, reverse=True)

    def known_in(self, text: str) -> str:
        """The longest known name written in `text`, '' when none is."""
        found = ""
        for word in text.split():
            for name in self.by_first.get(bare(word).lower(), ()):
                if len(name) > len(found) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                    found = name
                    break
        for name in self.unspaced:
            if len(name) > len(found) and name in text:
                found = name
        return found

    def ending_with(self, name: str) -> list[str]:
        last = name.split()[-1].lower()
        return [known for known in self.by_last.get(last, ()) if known.endswith(f" {name}") or known == name]


@lru_cache(maxsize=4)
def names_index(known: tuple[str, ...]) -> Names:
    return Names(known)


# Reading attributions -----------------------------------------------------------------------
def sentence_after(text: str) -> tuple[str, int]:
    """The words up to the end of the sentence; and where that is."""
    masked = ABBREVIATION.sub(lambda m: m[0].replace(".", "\x00"), text)
    match = SENTENCE_END.search(masked)
    end = match.end() if match else len(text)
    return text[:end], end


def last_sentence(text: str) -> str:
    masked = ABBREVIATION.sub(lambda m: m[0].replace(".", "\x00"), text)
    match = SENTENCE_START.match(masked)
    return text[match.end() :] if match else text


def attribution_after(after: str, names: "Names") -> tuple[Speaker, int] | None:
    """'," said Klaus Weber, Director.' -> (Klaus Weber, Director), and how much it took."""
    if match := AFTER_JAPANESE.match(after):
        phrase = match["phrase"].strip()
        return (
            read_phrase(phrase, after_verb=True, names=names) if phrase else Speaker("pronoun")
        ), match.end()
    sentence, end = sentence_after(after)
    if match := AFTER_VERB_FIRST.match(sentence):
        rest = match["rest"].rstrip(" .;!?…")
        rest = re.split(
            r"\s+(?:in|at|during|on|when|bei|lors|durante)\s+(?:a|an|the|der|einer|la|une|un)\s", rest
        )[0]
        return read_phrase(rest, after_verb=True, names=names), end
    if match := AFTER_DASH.match(sentence):
        speaker = read_phrase(match["rest"].rstrip(" .;"), after_verb=True, names=names)
        return (speaker, end) if speaker.kind == "named" else None
    if (match := INVERTED_PRONOUN.match(sentence.lstrip(" ,.;:"))) and match:
        return Speaker("pronoun"), end
    for verb in verbs_in(sentence, FINITE_VERB):  # '," Weber said.', '," NASA's Ada Brun added.'
        phrase = sentence[: verb.start()]
        if (
            phrase.strip(" ,.;:")
            and len(phrase) <= 200
            and not NOT_IN_A_PHRASE.search(phrase.lstrip(" ,.;:"))
        ):
            return read_phrase(phrase, after_verb=False, names=names), end
        break
    return None


def verbs_in(text: str, verb: re.Pattern):
    """The speech verbs of `text`, in order (each tried where a word starts)."""
    for word in WORD_START.finditer(text):
        if match := verb.match(text, word.start()):
            yield match


def attribution_before(before: str, names: "Names") -> Speaker | None:
    """'Klaus Weber, Director of …, said: ' -> Klaus Weber; None when the sentence before the
    quote attributes nothing."""
    sentence = last_sentence(before).strip()
    if not sentence:
        return None
    if match := BEFORE_LEADING.match(sentence):
        return read_phrase(match["phrase"], after_verb=True, names=names)
    if not BEFORE_ENDS.search(sentence[-40:]):  # the end only: cheap on a long sentence
        return None
    for verb in verbs_in(sentence, PARTICIPLE):  # "…, stating, “": the sentence's subject speaks
        if len(sentence) - verb.end() <= 120 and not QUOTE_MARK_IN.search(sentence, verb.end()):
            return read_phrase(sentence[: verb.start()].rstrip(" ,;"), after_verb=True, names=names)
    for verb in verbs_in(sentence, FINITE_VERB):  # "Weber (also) said: “", "… highlighted …: “"
        if len(sentence) - verb.end() <= 160 and not QUOTE_MARK_IN.search(sentence, verb.end()):
            subject = ADVERBS_AT_END.sub("", sentence[: verb.start()])
            return read_phrase(subject, after_verb=False, names=names)
    return None


def speaks(text: str, words: int) -> bool:
    """Whether a quote is long enough to be speech, not a name in quotation marks ("Kite")."""
    return len(text.split()) >= words or bool(re.search(r"[\u3040-\u9fff]{6}", text))


def quote_text(parts: list[str]) -> str:
    return "\n\n".join(p.strip().rstrip(",").strip() for p in parts if p.strip())


# The stage ----------------------------------------------------------------------------------
def find_quotes(paragraphs: list[str], known_names=(), *, note=None) -> list[ParsedQuote]:
    """The quotes of a document's paragraphs (Markdown), each with its speaker and the title
    the document gives them. `note(code, message)` hears of a speaker named by surname only."""
    names = names_index(tuple(known_names))
    raw = [part for p in paragraphs if p and p.strip() for part in unquoted(p)]
    texts = [plain_paragraph(p) for p in raw]
    spans = find_spans(texts)
    found: list[Found] = []
    for index, span in enumerate(spans):
        found += read_span(span, index, spans, texts, names)
    settle_speakers(found, texts, names, note)
    quotes, seen = [], set()
    for item in found:
        if item.speaker.kind == "named" and (item.speaker.name, item.text) not in seen:
            seen.add((item.speaker.name, item.text))
            quotes.append(ParsedQuote(speaker=item.speaker.name, text=item.text, title=item.speaker.title))
    return quotes


def read_span(span: Span, index: int, spans: list[Span], texts: list[str], names: Names) -> list[Found]:
    first_paragraph, start = span.first
    last_paragraph, end = span.last
    parts = [texts[p][a:b] for p, a, b in span.parts]
    # What lies between this quote and its neighbours in their paragraphs.
    previous = spans[index - 1] if index else None
    following = spans[index + 1] if index + 1 < len(spans) else None
    from_ = previous.last[1] + 1 if previous and previous.last[0] == first_paragraph else 0
    to = following.first[1] - 1 if following and following.first[0] == last_paragraph else None
    before = texts[first_paragraph][from_ : max(start - 1, from_)]
    after_start = min(end + 1, len(texts[last_paragraph]))
    after = texts[last_paragraph][after_start:to]
    attribution_end = (last_paragraph, after_start)

    if len(parts) == 1 and (incise := INCISE.search(parts[0])):
        speaker = read_phrase(incise["phrase"], after_verb=True, names=names)
        if speaker.kind == "named":
            halves = [parts[0][: incise.start()], parts[0][incise.end() :]]
            return [Found(span, quote_text([h]), speaker, attribution_end) for h in halves if speaks(h, 2)]

    speaker = None
    if (result := attribution_after(after, names)) is not None:
        speaker, taken = result
        attribution_end = (last_paragraph, after_start + taken)
    elif not after.strip(" .,;") and last_paragraph + 1 < len(texts) and to is None:
        # A line of its own under the quote: "— Klaus Weber, Director of Space Operations".
        line = texts[last_paragraph + 1]
        own_line = AFTER_DASH.match(line) or AFTER_VERB_FIRST.match(line)  # not "Ada Brun said:"
        if (
            own_line
            and len(line) < 300
            and (result := attribution_after(line, names))
            and result[0].kind == "named"
        ):
            speaker = result[0]
            attribution_end = (last_paragraph + 1, result[1])
    if speaker is None or speaker.kind == "unnamed":
        if (
            not before.strip()
            and start <= 1
            and first_paragraph > 0
            and texts[first_paragraph - 1].endswith(":")
        ):
            before = texts[first_paragraph - 1]  # "Klaus Weber said:" above the quote
        speaker = attribution_before(before, names) or speaker or Speaker("unnamed")
    text = quote_text(parts)
    if not speaks(text, 1 if speaker.kind == "named" else 2):
        return []
    return [Found(span, text, speaker, attribution_end)]


def settle_speakers(found: list[Found], texts: list[str], names: Names, note) -> None:
    """Surnames become the full names written before; a quote naming nobody is its
    predecessor's speaker's when nothing else was said of anyone in between."""
    earlier: list[str] = []  # speakers so far, full names
    for index, item in enumerate(found):
        speaker = item.speaker
        if speaker.kind == "named":
            paragraph, offset = item.span.first
            full, title = full_name(speaker.name, earlier, texts, paragraph, offset, names)
            if full:
                title = speaker.title or title_for(full, found[:index]) or title
                item.speaker = Speaker("named", full, title)
                earlier.append(full)
            else:
                item.speaker = Speaker("surname", speaker.name)
                if note:
                    note(
                        "speaker_unknown",
                        f"“{shorten(item.text)}” is attributed to “{speaker.name}”, whom the text "
                        "does not name in full: add the quote with its speaker, or leave it in the body",
                    )
            continue
        previous = found[index - 1] if index else None
        if previous is None or previous.speaker.kind != "named":
            continue
        (last_paragraph, attribution_end), (paragraph, offset) = previous.attribution_end, item.span.first
        close = paragraph == last_paragraph if speaker.kind == "unnamed" else paragraph - last_paragraph <= 1
        if not close or (speaker.kind == "unnamed" and not speaks(item.text, 3)):
            continue
        between = between_text(texts, (last_paragraph, attribution_end), (paragraph, offset))
        if names_someone_else(between, previous.speaker.name, names):
            continue
        item.speaker = Speaker("named", previous.speaker.name, previous.speaker.title)


def full_name(
    name: str, earlier: list[str], texts: list[str], paragraph: int, offset: int, names: Names
) -> tuple[str, str]:
    """'Brandt' -> ('Walter Brandt', his title written there) when the release named him so
    before, or the directory knows exactly one Brandt; a full name as written; ('', '') for a
    surname nobody was given in full."""
    longer = [e for e in earlier if e.endswith(f" {name}")]
    if longer:
        return longer[-1], ""
    if len(name.split()) == 1 and not CJK.match(name):
        context = "\n".join([*texts[:paragraph], texts[paragraph][:offset]])
        for match in reversed(list(re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", context))):
            words = [*context[max(0, match.start() - 80) : match.start()].split(), name]
            runs = name_runs(words)
            if runs and runs[-1][1] == len(words) and runs[-1][1] - runs[-1][0] >= 2:
                start, _ = runs[-1]
                title = title_of(words[:start])
                if not title and (apposition := re.match(r",([^,.;:]{1,160})", context[match.end() :])):
                    title = title_of(apposition[1].split())  # "Klaus Weber, Director of …, opened"
                return " ".join(bare(w) for w in words[start:]), title
    known = names.ending_with(name)
    if len(set(known)) == 1:
        return known[0], ""
    return (name if len(name.split()) > 1 or CJK.match(name) else ""), ""


def title_for(name: str, found: list[Found]) -> str:
    """The title an earlier quote gave the same speaker."""
    return next((f.speaker.title for f in reversed(found) if f.speaker.name == name and f.speaker.title), "")


def between_text(texts: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    (p1, o1), (p2, o2) = start, end
    if p1 == p2:
        return texts[p1][o1 : max(o2 - 1, o1)]
    return "\n".join([texts[p1][o1:], *texts[p1 + 1 : p2], texts[p2][: max(o2 - 1, 0)]])


def names_someone_else(text: str, speaker: str, names: Names) -> bool:
    """Whether `text` names a person other than `speaker` ("Weber thanked Jan Novak.")."""
    if (known := names.known_in(text)) and known != speaker:
        return True
    own = set(speaker.split())
    words = ABBREVIATION.sub(r"\1", text).split()
    return any(
        end - start >= 2 and not {bare(w) for w in words[start:end]} <= own for start, end in name_runs(words)
    )


def shorten(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
