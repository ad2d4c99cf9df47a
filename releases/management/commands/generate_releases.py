"""Generate an archive of realistic releases in bulk, for benchmarks: `generate_releases 100000`.

Bodies of realistic length from a vocabulary with a natural spread (a few words in most
releases, most words in few), dates over three decades, English and French, quotes and
mentions, and a few hidden releases (drafts, scheduled, embargoed) as a real archive has.
Releases are written with bulk_create and indexed for search in batches.
"""

import random
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from tqdm import tqdm

from contacts.models import Agency, Person
from releases import search
from releases.models import AgencyMention, Quote, Release

BATCH = 1000
SUBJECTS_EN = ["satellite", "launcher", "mission", "probe", "instrument", "ground station", "telescope"]
SUBJECTS_FR = ["satellite", "lanceur", "mission", "sonde", "instrument", "station sol", "télescope"]
ACTIONS_EN = [
    "agreement signed on",
    "first data from",
    "launch date set for",
    "review passed by",
    "contract for",
]
ACTIONS_FR = ["accord signé pour", "premières données de", "date de lancement pour", "revue franchie par"]
# Function words make up about half of any text; content words and set phrases follow Zipf's law
# over a vocabulary of thousands (the made-up words after the real ones), as in real archives.
FUNCTION_EN = "the of and to in a for with on is by its that this will from as at are be".split()
FUNCTION_FR = "le la les de des du et à en un une pour avec sur par dans est sera son ses".split()
CONTENT_EN = (
    "space|agency|programme|launch|data|science|mission|satellite|orbit|Earth observation|partners|"
    "industry|climate change|research|operations|technology|development|international cooperation|"
    "ground segment|launch campaign|team|instrument|budget|contract|ministers|council|member states|"
    "spacecraft|payload|measurements|scientists|engineers|results|agreement|schedule|review|test|"
    "telecommunications|navigation|exploration|astronaut|station|rocket|engine|solar|ocean|ice|"
    "atmosphere|weather|emissions|observatory|telescope|galaxy|planet|Moon|Mars|asteroid|debris|"
    "security|students|education|startups|innovation|investment|jobs|suppliers|factory|qualification"
).split("|")
CONTENT_FR = (
    "espace|agence|programme|lancement|données|science|mission|satellite|orbite|observation de la Terre|"
    "partenaires|industrie|changement climatique|recherche|opérations|technologie|développement|"
    "coopération internationale|segment sol|campagne de lancement|équipe|instrument|budget|contrat|"
    "ministres|conseil|États membres|engin spatial|charge utile|mesures|scientifiques|ingénieurs|"
    "résultats|accord|calendrier|revue|essai|télécommunications|navigation|exploration|astronaute|"
    "station|fusée|moteur|solaire|océan|glace|atmosphère|météo|émissions|observatoire|télescope"
).split("|")
SYLLABLES = "ka ri to ne sa mo lu vi de po na te zo mi ra ko ve li su ga".split()


def made_up_words(rnd, count) -> list[str]:
    return ["".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(3, 4))) for _ in range(count)]


def zipf(count) -> list[float]:
    return list(accumulate(1 / rank for rank in range(1, count + 1)))


def rare_words(rnd, count=3000) -> list[str]:
    """Made-up words, each in few releases: what a rare-word search looks for."""
    return made_up_words(rnd, count)


class Command(BaseCommand):
    help = "Generate N realistic releases in bulk (for benchmarks); the directory must exist (load_demo)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, count, seed, **options):
        agencies = list(Agency.objects.all())
        people = list(Person.objects.all())
        if not agencies or not people:
            raise CommandError("The directory is empty: run `manage.py load_demo --releases 0` first.")
        rnd = random.Random(seed)
        rare = rare_words(rnd)
        self.vocabularies = {
            language: (function, words, zipf(len(words)))
            for language, function, content in [
                ("en", FUNCTION_EN, CONTENT_EN),
                ("fr", FUNCTION_FR, CONTENT_FR),
            ]
            for words in [content + made_up_words(rnd, 5000)]
        }
        start = Release.objects.count()
        tz = ZoneInfo(settings.TIME_ZONE)
        now = timezone.now()
        progress = tqdm(total=count, unit="release", disable=not self.stdout.isatty())
        for first in range(0, count, BATCH):
            size = min(BATCH, count - first)
            with transaction.atomic(), search.batch():
                releases = Release.objects.bulk_create(
                    [self.release(start + first + n, rnd, agencies, rare, tz, now) for n in range(size)]
                )
                self.relate(releases, rnd, agencies, people)
                search.reindex([release.pk for release in releases])
            progress.update(size)
        progress.close()
        self.stdout.write(f"{count} releases generated; {Release.objects.count()} in all.")

    def release(self, n, rnd, agencies, rare, tz, now) -> Release:
        french = rnd.random() < 0.2
        agency = rnd.choice(agencies)
        subjects, actions = (SUBJECTS_FR, ACTIONS_FR) if french else (SUBJECTS_EN, ACTIONS_EN)
        vocabulary = self.vocabularies["fr" if french else "en"]
        name = rnd.choice(rare).capitalize()
        title = f"{agency.acronym or agency.name}: {rnd.choice(actions)} {rnd.choice(subjects)} {name}"
        day = date(1995, 1, 1) + timedelta(days=rnd.randrange(0, 31 * 365))
        paragraphs = [self.paragraph(rnd, vocabulary, rare, name) for _ in range(rnd.randint(4, 8))]
        lead = self.paragraph(rnd, vocabulary, rare, name, words=35)
        status, published_at, embargo = Release.Status.PUBLISHED, datetime.combine(day, time(9), tz), None
        hidden = rnd.random()
        if hidden < 0.01:
            status = Release.Status.DRAFT
        elif hidden < 0.02:
            published_at = now + timedelta(days=rnd.randint(1, 30))
        elif hidden < 0.03:
            embargo = now + timedelta(days=rnd.randint(1, 30))
        return Release(
            agency=agency,
            language="fr" if french else "en",
            kind=rnd.choice(Release.Kind.values),
            title=title,
            slug=f"generated-{n}",
            reference_prefix="GEN",
            reference_number=f"{n:06d}",
            reference_year=day.year,
            dateline_place="Paris" if french else "Brussels",
            dateline_date=day,
            lead=lead,
            lead_html=escape(lead),
            body="\n\n".join(paragraphs),
            body_html="\n".join(f"<p>{escape(p)}</p>" for p in paragraphs),
            status=status,
            published_at=published_at,
            embargo_until=embargo,
        )

    def paragraph(self, rnd, vocabulary, rare, name, words=None) -> str:
        """Function words, content words drawn by Zipf's law, a rare word or two, the subject's name."""
        function, content, weights = vocabulary
        chosen = [
            rnd.choice(function) if rnd.random() < 0.45 else rnd.choices(content, cum_weights=weights)[0]
            for _ in range(words or rnd.randint(50, 110))
        ]
        for _ in range(rnd.randint(0, 2)):
            chosen[rnd.randrange(len(chosen))] = rnd.choice(rare)
        chosen[rnd.randrange(len(chosen))] = name
        text = " ".join(chosen) + "."
        return text[0].upper() + text[1:]

    def relate(self, releases, rnd, agencies, people):
        AgencyMention.objects.bulk_create(
            [AgencyMention(release=r, agency=rnd.choice(agencies)) for r in releases if rnd.random() < 0.4],
            ignore_conflicts=True,
        )
        Quote.objects.bulk_create(
            [
                Quote(
                    release=r, person=rnd.choice(people), text="We are proud of the teams behind this work."
                )
                for r in releases
                if rnd.random() < 0.3
            ]
        )
