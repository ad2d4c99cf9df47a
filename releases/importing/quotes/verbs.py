"""Speech verbs, in the languages press offices write in.

The words an attribution turns on ("said", "a déclaré", "sagte", "ha dichiarato", "afirmó"),
as pattern alternations for attribution.py, and where in a text they stand.
"""

import re

# FINITE: "said", "a déclaré", "sagte"; the speaker is named before or after them. LEADING: the
# speaker always follows ("according to Weber", "so Weber", "selon …"). PARTICIPLES: the speaker
# is the sentence's subject.
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
# A speech verb where a word starts (tried only there: the alternations are long).
FINITE_VERB = re.compile(rf"(?:{FINITE})\b", re.I)
PARTICIPLE = re.compile(rf"(?:{PARTICIPLES})\b", re.I)
WORD_START = re.compile(r"(?<!\w)\w")


def verbs_in(text: str, verb: re.Pattern):
    """The speech verbs of `text`, in order (each tried where a word starts)."""
    for word in WORD_START.finditer(text):
        if match := verb.match(text, word.start()):
            yield match
