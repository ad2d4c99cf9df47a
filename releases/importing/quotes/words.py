"""The words around a name: what is a name, a title, or neither.

Word lists, in the languages press offices write in, read by names.py and speakers.py:
pronouns, honorifics, articles, capitalised words that are no names, the words of a title
("Director", "Presidente", "ministra"), the words a title or organisation continues with
("of", "dell'"), a name's particles ("de", "von"), and the Japanese titles.
"""

# Who a quote is given to when it names nobody: "he added", "a-t-elle ajouté".
PRONOUNS = {
    "he", "she", "they", "we", "i", "il", "elle", "ils", "elles", "er", "sie", "lui", "lei",
    "él", "ella", "ellos", "ele", "ela", "hij", "zij", "彼", "彼女",
}  # fmt: skip
# Before a name, never part of it nor a title: "Dr", "Mme", "Herr", "Dott.ssa".
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "m", "mme", "mlle", "herr", "frau",
    "dott", "dott.ssa", "ing", "sr", "sra", "srta", "sig", "sig.ra", "don", "doña", "sir", "dame",
    "hon", "pr",
}  # fmt: skip
ARTICLES = {
    "the", "a", "an", "le", "la", "les", "l", "il", "lo", "gli", "i", "el", "los", "las", "der",
    "die", "das", "den", "dem", "des", "ein", "eine", "o", "os", "as", "un", "une", "uno", "una",
}  # fmt: skip
# Capitalised words that are not names: "On Monday", "Today", "Our".
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
# Words inside a name: "Thomas de Maizière", "Jan van der Berg".
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
# Titles written before a name with の, or right after it: 理事長の佐藤健一, 佐藤健一理事長.
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
