"""Generated text: titles, leads and Markdown bodies, each with its HTML and plain text.

Function words make up about half of any text; content words and set phrases follow Zipf's law
over a vocabulary of thousands (made-up words after the real ones), as in real archives, and
made-up names, each in few releases, are what a rare-word search looks for.

The HTML is written beside the Markdown, block by block, as the site's renderer writes it
(releases/markdown.py; tests/test_generate.py holds them equal), because rendering a million
bodies would take longer than generating them.
"""

import random
from dataclasses import dataclass
from itertools import accumulate

FUNCTION = {
    "en": "the of and to in a for with on is by its that this will from as at are be".split(),
    "fr": "le la les de des du et à en un une pour avec sur par dans est sera son ses".split(),
}
CONTENT = {
    "en": (
        "space|agency|programme|launch|data|science|mission|satellite|orbit|Earth observation|partners|"
        "industry|climate change|research|operations|technology|development|international cooperation|"
        "ground segment|launch campaign|team|instrument|budget|contract|ministers|council|member states|"
        "spacecraft|payload|measurements|scientists|engineers|results|agreement|schedule|review|test|"
        "telecommunications|navigation|exploration|astronaut|station|rocket|engine|solar|ocean|ice|"
        "atmosphere|weather|emissions|observatory|telescope|galaxy|planet|Moon|Mars|asteroid|debris|"
        "security|students|education|startups|innovation|investment|jobs|suppliers|factory|qualification"
    ).split("|"),
    "fr": (
        "espace|agence|programme|lancement|données|science|mission|satellite|orbite|observation de la Terre|"
        "partenaires|industrie|changement climatique|recherche|opérations|technologie|développement|"
        "coopération internationale|segment sol|campagne de lancement|équipe|instrument|budget|contrat|"
        "ministres|conseil|États membres|engin spatial|charge utile|mesures|scientifiques|ingénieurs|"
        "résultats|accord|calendrier|revue|essai|télécommunications|navigation|exploration|astronaute|"
        "station|fusée|moteur|solaire|océan|glace|atmosphère|météo|émissions|observatoire|télescope"
    ).split("|"),
}
SUBJECTS = {
    "en": ["satellite", "launcher", "mission", "probe", "instrument", "ground station", "telescope"],
    "fr": ["satellite", "lanceur", "mission", "sonde", "instrument", "station sol", "télescope"],
}
ACTIONS = {
    "en": [
        "agreement signed on",
        "first data from",
        "launch date set for",
        "review passed by",
        "contract for",
    ],
    "fr": ["accord signé pour", "premières données de", "date de lancement pour", "revue franchie par"],
}
HEADINGS = {
    "en": ["Background", "About the mission", "Next steps", "Key figures", "Partners"],
    "fr": ["Contexte", "À propos de la mission", "Prochaines étapes", "Chiffres clés", "Partenaires"],
}
MORE = {"en": "More information:", "fr": "Pour en savoir plus :"}
PRESS_KIT = {"en": "the press kit", "fr": "le dossier de presse"}
QUOTES = {
    "en": [
        "We are proud of the teams behind this {subject}.",
        "This {subject} opens a new chapter for our partners and for science.",
        "The {subject} shows what European cooperation can achieve.",
    ],
    "fr": [
        "Nous sommes fiers des équipes qui ont rendu ce {subject} possible.",
        "Ce {subject} ouvre une nouvelle page pour nos partenaires et pour la science.",
    ],
}
SYLLABLES = "ka ri to ne sa mo lu vi de po na te zo mi ra ko ve li su ga".split()
FUNCTION_SHARE = 0.45


def made_up_words(rnd: random.Random, count: int) -> list[str]:
    return ["".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(3, 4))) for _ in range(count)]


@dataclass(frozen=True)
class Text:
    """One text three ways: as the editor writes it, as the page shows it, as the index reads it."""

    markdown: str
    html: str
    plain: str


class Vocabulary:
    """A language's words, each drawn with one look-up: a table of 2**18 slots where each word
    holds its share of slots (its probability to four in a million)."""

    BITS = 18

    def __init__(self, language: str, rnd: random.Random, rare: list[str]):
        self.language = language
        function, content = FUNCTION[language], [*CONTENT[language], *made_up_words(rnd, 5000)]
        weights = [FUNCTION_SHARE / len(function)] * len(function)
        zipf = [1 / rank for rank in range(1, len(content) + 1)]
        weights += [(1 - FUNCTION_SHARE) * weight / sum(zipf) for weight in zipf]
        words, slots, self.table = [*function, *content], 1 << self.BITS, []
        for word, upto in zip(words, accumulate(weights), strict=True):
            self.table += [word] * (round(upto * slots) - len(self.table))
        self.table += [words[-1]] * (slots - len(self.table))
        self.rare = rare

    def sentence(self, rnd: random.Random, count: int, name: str) -> str:
        """`count` words with a rare word or two and the subject's name, capitalised, with a full stop."""
        table, bits = self.table, rnd.getrandbits
        chosen = [table[bits(self.BITS)] for _ in range(count)]
        for _ in range(rnd.randint(0, 2)):
            chosen[rnd.randrange(count)] = rnd.choice(self.rare)
        chosen[rnd.randrange(count)] = name
        text = " ".join(chosen)
        return f"{text[0].upper()}{text[1:]}."

    def title(self, rnd: random.Random, issuer: str, name: str) -> str:
        action, subject = rnd.choice(ACTIONS[self.language]), rnd.choice(SUBJECTS[self.language])
        return f"{issuer}: {action} {subject} {name}"

    def lead(self, rnd: random.Random, name: str) -> Text:
        text = self.sentence(rnd, rnd.randint(25, 45), name)
        return Text(markdown=text, html=text, plain=text)

    def quote(self, rnd: random.Random) -> str:
        return rnd.choice(QUOTES[self.language]).format(subject=rnd.choice(SUBJECTS[self.language]))

    def body(self, rnd: random.Random, name: str, press_kit_url: str) -> Text:
        """Four to eight paragraphs, some with a bold phrase; now and then a heading and a
        bulleted list; often a closing link to the press kit."""
        markdown, html, plain = [], [], []

        def block(md: str, rendered: str, text: str):
            markdown.append(md)
            html.append(rendered)
            plain.append(text)

        paragraphs = rnd.randint(4, 8)
        for n in range(paragraphs):
            if n == 2 and rnd.random() < 0.3:
                heading = rnd.choice(HEADINGS[self.language])
                block(f"## {heading}", f"<h2>{heading}</h2>", heading)
            text = self.sentence(rnd, rnd.randint(50, 110), name)
            if rnd.random() < 0.2:
                bold = self.sentence(rnd, 6, name)
                block(f"**{bold}** {text}", f"<p><strong>{bold}</strong> {text}</p>", f"{bold} {text}")
            else:
                block(text, f"<p>{text}</p>", text)
            if n == 3 and rnd.random() < 0.3:
                items = [self.sentence(rnd, rnd.randint(6, 12), name) for _ in range(rnd.randint(3, 4))]
                block(
                    "\n".join(f"- {item}" for item in items),
                    "<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>",
                    " ".join(items),
                )
        if rnd.random() < 0.6:
            more, kit = MORE[self.language], PRESS_KIT[self.language]
            block(
                f"{more} [{kit}]({press_kit_url})",
                f'<p>{more} <a href="{press_kit_url}" rel="noopener noreferrer nofollow">{kit}</a></p>',
                f"{more} {kit}",
            )
        return Text(markdown="\n\n".join(markdown), html="\n".join(html), plain="\n".join(plain))
