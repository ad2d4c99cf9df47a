import random
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from contacts.groups import EDITORS, PRESS_OFFICE, PUBLISHERS
from contacts.models import Agency, Person, PressContact, Role
from contacts.names import name_language
from contacts.timezones import agency_zone
from releases import search
from releases.importing import Directory, release_import_file
from releases.models import Quote, Release, ReleaseContact, Topic
from releases.services import release_link_version, release_publish_as_system, release_submit

# The demo's seed document ships with the app; the tests keep their own copy.
SEED = Path(__file__).resolve().parents[2] / "demo" / "cnes-pr083-2013.txt"
# A Word document written for the demo, with no date: imported, it is a draft that needs review.
UNDATED_DRAFT = SEED.with_name("dlr-eiswolken-undated.docx")
DEMO_EDITOR = ("editor", "pressroom-demo")
DEMO_PUBLISHER = ("publisher", "pressroom-demo")
DEMO_PRESS_OFFICE = ("pressoffice", "pressroom-demo")
DEMO_DATA = "Demo data"  # the comment on the demo's publications

AGENCIES = [
    # name, acronym, country, website, press page, press desk phone, e-mail, time zone
    (
        "Centre national d'études spatiales",
        "CNES",
        "FR",
        "https://cnes.fr",
        "http://www.cnes.fr/presse",
        "+33 1 44 76 75 00",
        "presse@cnes.fr",
        "Europe/Paris",
    ),
    (
        "Japan Aerospace Exploration Agency",
        "JAXA",
        "JP",
        "https://global.jaxa.jp",
        "https://global.jaxa.jp/press/",
        "+81 50-3362-4374",
        "proffice@jaxa.jp",
        "Asia/Tokyo",
    ),
    (
        "National Institute of Information and Communications Technology",
        "NICT",
        "JP",
        "https://www.nict.go.jp/en/",
        "",
        "+81 42-327-7111",
        "",
        "Asia/Tokyo",
    ),
    (
        "European Space Agency",
        "ESA",
        "FR",
        "https://www.esa.int",
        "https://www.esa.int/Newsroom",
        "+33 1 53 69 72 99",
        "media@esa.int",
        "Europe/Paris",
    ),
    (
        "Deutsches Zentrum für Luft- und Raumfahrt",
        "DLR",
        "DE",
        "https://www.dlr.de",
        "https://www.dlr.de/en/latest/news",
        "+49 2203 601-2116",
        "presse@dlr.de",
        "Europe/Berlin",
    ),
    (
        "Agenzia Spaziale Italiana",
        "ASI",
        "IT",
        "https://www.asi.it",
        "",
        "+39 06 8567 1",
        "ufficio.stampa@asi.it",
        "Europe/Rome",
    ),
    ("Cabinet Office, Government of Japan", "CAO", "JP", "https://www.cao.go.jp", "", "", "", "Asia/Tokyo"),
]
PEOPLE = [
    # name as written, Latin transliteration, agency, role title, since
    ("Jean-Yves Le Gall", "", "CNES", "President", date(2013, 4, 2)),
    ("奥村直樹", "Naoki Okumura", "JAXA", "President", date(2013, 4, 1)),
    ("坂内正夫", "Masao Sakauchi", "NICT", "President", date(2013, 4, 1)),
    (
        "西本淳哉",
        "Junya Nishimoto",
        "CAO",
        "Director of the Space Strategy Office",
        date(2012, 7, 1),
    ),
    ("Jean-Jacques Dordain", "", "ESA", "Director General", date(2003, 7, 1)),
    ("Johann-Dietrich Wörner", "", "DLR", "Chair of the Executive Board", date(2007, 3, 1)),
    ("Roberto Battiston", "", "ASI", "President", date(2014, 5, 1)),
]
PRESS_CONTACTS = [
    ("Hélène Martin", "ESA", "+33 1 53 69 71 55", "helene.martin@esa.int"),
    ("Klaus Weber", "DLR", "+49 2203 601-3882", "klaus.weber@dlr.de"),
    ("山田花子", "JAXA", "050-3362-4374", "yamada.hanako@jaxa.jp"),
    ("Giulia Rossi", "ASI", "+39 06 8567 2023", ""),
]
CITIES = {
    "CNES": ["Paris", "Toulouse"],
    "JAXA": ["Tokyo", "Tsukuba"],
    "NICT": ["Tokyo"],
    "ESA": ["Paris", "Darmstadt", "Noordwijk"],
    "DLR": ["Cologne", "Oberpfaffenhofen"],
    "ASI": ["Rome"],
}
TOPICS = [
    "Earth observation",
    "Launchers",
    "Space science",
    "Telecommunications",
    "Human spaceflight",
    "International cooperation",
    "Climate",
    "Industry",
]
# English subject, French subject (with its article)
SUBJECTS = [
    ("satellite", "le satellite"),
    ("launcher", "le lanceur"),
    ("mission", "la mission"),
    ("probe", "la sonde"),
    ("instrument", "l'instrument"),
    ("ground station", "la station sol"),
    ("constellation", "la constellation"),
    ("space telescope", "le télescope spatial"),
]
EVENTS = [
    (
        "{agency} and {partner} sign agreement on the {name} {subject}",
        "{agency} et {partner} signent un accord sur {subject_fr} {name}",
    ),
    (
        "{agency} selects industry team for the {name} {subject}",
        "{agency} choisit les industriels pour {subject_fr} {name}",
    ),
    ("First data from the {name} {subject}", "Premières données pour {subject_fr} {name}"),
    (
        "{name} {subject} passes critical design review",
        "{subject_fr_cap} {name} franchit sa revue critique de conception",
    ),
    ("{name} {subject} launched successfully", "Lancement réussi pour {subject_fr} {name}"),
    (
        "{agency} opens call for proposals for the {name} {subject}",
        "{agency} lance un appel à propositions pour {subject_fr} {name}",
    ),
    (
        "{agency} and {partner} extend the {name} {subject}",
        "{agency} et {partner} prolongent {subject_fr} {name}",
    ),
]
LEADS = [
    "{agency_name} and {partner_name} today confirmed the next steps for the {name} {subject}.",
    "The {name} {subject}, led by {agency}, reached a new milestone this week.",
    "{agency} has announced a new phase of work on the {name} {subject} with its partner {partner}.",
]
LEADS_FR = [
    "{agency_name} et {partner_name} confirment les prochaines étapes pour {subject_fr} {name}.",
    "{subject_fr_cap} {name} : {agency} annonce une nouvelle étape avec {partner}.",
]
NAMES = [
    "Aurora",
    "Helios",
    "Kestrel",
    "Meridian",
    "Orion",
    "Pleiades",
    "Sentinel",
    "Tanager",
    "Vega",
    "Zephyr",
    "Hayabusa",
    "Ibuki",
    "Taranis",
    "Microscope",
    "SWOT",
    "Calipso",
]


class Command(BaseCommand):
    help = "Load the demo: the directory, the CNES seed (imported), generated releases and demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--releases", type=int, default=240, help="generated releases (default 240)")
        parser.add_argument(
            "--i-know",
            action="store_true",
            dest="i_know",
            help="create the demo logins, whose passwords are public, even with DEBUG off",
        )

    @transaction.atomic
    def handle(self, *args, releases, i_know=False, **options):
        if not (settings.DEBUG or i_know):
            raise CommandError(
                "load_demo creates admin logins whose passwords are public "
                f"({DEMO_EDITOR[0]}, {DEMO_PUBLISHER[0]}, {DEMO_PRESS_OFFICE[0]}), and DEBUG is off. "
                "Never on a public site; for a local demo, set DEBUG=true or pass --i-know."
            )
        agencies = self.load_directory()
        result = release_import_file(path=SEED, directory=Directory(), publish=True)
        self.stdout.write(f"Seed: {result.outcome} {result.release.get_absolute_url()}")
        existing = Release.objects.filter(sources=None).count()  # generated, not imported
        if existing < releases:
            with search.batch():  # indexed once, at the end, not once a save
                self.generate(releases - existing, agencies, random.Random(2013 + existing))
        draft = release_import_file(path=UNDATED_DRAFT, directory=Directory())
        change = reverse("admin:releases_release_change", args=[draft.release.pk])
        self.stdout.write(f"{UNDATED_DRAFT.name}: {draft.describe()} {change}")
        editor = self.ensure_user(*DEMO_EDITOR, EDITORS)
        self.ensure_user(*DEMO_PUBLISHER, PUBLISHERS)
        self.ensure_user(*DEMO_PRESS_OFFICE, PRESS_OFFICE)
        self.submit_for_review(agencies["CNES"], editor)
        self.stdout.write(
            f"{Release.objects.public().count()} public releases, "
            f"{Release.objects.count()} in all, {len(agencies)} agencies."
        )
        self.stdout.write(
            self.style.SUCCESS(
                "\nDemo logins for the admin (/admin/):\n"
                f"  editor:        {DEMO_EDITOR[0]} / {DEMO_EDITOR[1]}\n"
                f"  publisher:     {DEMO_PUBLISHER[0]} / {DEMO_PUBLISHER[1]}\n"
                f"  press office:  {DEMO_PRESS_OFFICE[0]} / {DEMO_PRESS_OFFICE[1]}\n"
            )
        )

    def load_directory(self) -> dict[str, Agency]:
        agencies = {}
        for name, acronym, country, website, press_page, phone, email, zone in AGENCIES:
            agencies[acronym], _ = Agency.objects.get_or_create(
                acronym=acronym,
                defaults=dict(
                    name=name,
                    country=country,
                    website=website,
                    press_page_url=press_page,
                    press_phone=phone,
                    press_email=email,
                    time_zone=zone,
                    description=f"{name} ({acronym}) is a member of the demo press room.",
                ),
            )
        for name, latin, acronym, title, since in PEOPLE:
            # 奥村直樹 at JAXA: the agency's country says the name is Japanese (contacts/names.py).
            language = name_language(name, countries=[agencies[acronym].country])
            person, _ = Person.objects.get_or_create(
                name=name, defaults={"name_latin": latin, "name_language": language}
            )
            Role.objects.get_or_create(
                person=person, agency=agencies[acronym], title=title, defaults={"start_date": since}
            )
        for order, (name, acronym, phone, email) in enumerate(PRESS_CONTACTS):
            language = name_language(name, countries=[agencies[acronym].country])
            person, _ = Person.objects.get_or_create(name=name, defaults={"name_language": language})
            PressContact.objects.get_or_create(
                person=person,
                agency=agencies[acronym],
                defaults=dict(phone=phone, email=email, order=order),
            )
        return agencies

    def generate(self, count, agencies, rnd):
        topics = [Topic.objects.get_or_create(name=name)[0] for name in TOPICS]
        issuers = [a for a in agencies.values() if a.acronym != "CAO"]
        tz = ZoneInfo(settings.TIME_ZONE)
        speakers = {a.pk: [r.person for r in a.roles.select_related("person")] for a in issuers}
        used = set(Release.objects.values_list("title", flat=True))
        versions_rnd = random.Random(1961)  # apart from `rnd`, so the releases stay the same
        references = set(
            Release.objects.values_list("agency_id", "reference_prefix", "reference_number", "reference_year")
        )
        for _ in range(count):
            agency, partner = rnd.sample(issuers, 2)
            day = date(2019, 1, 1) + timedelta(days=rnd.randrange(0, 7 * 365))
            french = agency.country == "FR" and rnd.random() < 0.4
            for _attempt in range(50):  # draw until the title is new
                english, french_title = rnd.choice(EVENTS)
                (subject, subject_fr), name = rnd.choice(SUBJECTS), rnd.choice(NAMES)
                words = dict(
                    agency=agency.acronym,
                    partner=partner.acronym,
                    agency_name=agency.name,
                    partner_name=partner.name,
                    subject=subject,
                    subject_fr=subject_fr,
                    subject_fr_cap=subject_fr[0].upper() + subject_fr[1:],
                    name=name,
                )
                title = (french_title if french else english).format(**words)
                if title not in used:
                    break
            used.add(title)
            lead = rnd.choice(LEADS_FR if french else LEADS).format(**words)
            prefix, number = ("CP" if french else "PR"), 1
            while (agency.pk, prefix, f"{number:03d}", day.year) in references:
                number += 1
            references.add((agency.pk, prefix, f"{number:03d}", day.year))
            body = self.body(agency, partner, words, french)
            release = Release(
                agency=agency,
                title=title,
                reference_prefix=prefix,
                reference_number=f"{number:03d}",
                reference_year=day.year,
                kind=rnd.choice(list(Release.Kind.values)),
                language="fr" if french else "en",
                dateline_place=rnd.choice(CITIES[agency.acronym]),
                dateline_date=day,
                lead=lead,
                body=body,
                press_site_url=agency.press_page_url,
            )
            at = datetime.combine(day, time(9, 0), tzinfo=agency_zone(agency))  # 09:00 local
            release_publish_as_system(release=release, at=at, comment=DEMO_DATA)
            release.topics.set(rnd.sample(topics, rnd.randint(1, 2)))
            release.mentioned_agencies.set([agency, partner])
            people = speakers[agency.pk]
            if people:
                release.mentioned_people.set(people)
                Quote.objects.create(
                    release=release,
                    person=people[0],
                    text=(
                        f"{name} montre ce que {agency.acronym} et {partner.acronym} accomplissent ensemble."
                        if french
                        else f"{name} shows what {agency.acronym} and {partner.acronym} achieve together."
                    ),
                )
            for order, contact in enumerate(agency.press_contacts.active()):
                ReleaseContact.objects.create(release=release, contact=contact, order=order)
            if agency.country == "FR" and versions_rnd.random() < 0.3:  # also in the other language
                self.add_version(release, (english, french_title), words, used, versions_rnd)
        # Work in progress that the public must not see.
        cnes = agencies["CNES"]
        now = datetime.now(tz)
        Release.objects.get_or_create(
            agency=cnes,
            title="Draft: next year's launch manifest",
            defaults=dict(dateline_place="Paris", dateline_date=now.date(), body="Not ready yet."),
        )
        embargoed = "Embargoed: new Mars sample agreement"
        if not Release.objects.filter(agency=cnes, title=embargoed).exists():
            release = Release(
                agency=cnes,
                title=embargoed,
                dateline_place="Paris",
                dateline_date=now.date(),
                body="Under embargo.",
                embargo_until=now + timedelta(days=30),
            )
            release_publish_as_system(release=release, at=now, comment=DEMO_DATA)

    def add_version(self, release, titles, words, used, rnd):
        """The same release in the other language, with its reference, linked to it as a version."""
        french = release.language == "en"
        title = titles[1 if french else 0].format(**words)
        if title in used:
            return
        used.add(title)
        agency = release.agency
        partner = Agency.objects.get(acronym=words["partner"])
        version = Release(
            agency=agency,
            title=title,
            language="fr" if french else "en",
            lead=rnd.choice(LEADS_FR if french else LEADS).format(**words),
            body=self.body(agency, partner, words, french),
            **{
                name: getattr(release, name)
                for name in [
                    "reference_prefix",
                    "reference_number",
                    "reference_year",
                    "kind",
                    "dateline_place",
                    "dateline_date",
                    "press_site_url",
                ]
            },
        )
        release_publish_as_system(release=version, at=release.published_at, comment=DEMO_DATA)
        version.topics.set(release.topics.all())
        version.mentioned_agencies.set(release.mentioned_agencies.all())
        version.mentioned_people.set(release.mentioned_people.all())
        name, pair = words["name"], (agency.acronym, partner.acronym)
        said = (
            f"{name} montre ce que {pair[0]} et {pair[1]} accomplissent ensemble."
            if french
            else f"{name} shows what {pair[0]} and {pair[1]} achieve together."
        )
        for quote in release.quotes.all():
            Quote.objects.create(release=version, person=quote.person, text=said)
        for link in release.release_contacts.all():
            ReleaseContact.objects.create(release=version, contact=link.contact, order=link.order)
        release_link_version(release=release, version=version)

    def body(self, agency, partner, words, french):
        if french:
            return "\n\n".join(
                [
                    f"{words['subject_fr_cap']} {words['name']} : un projet mené par **{agency.name}** "
                    f"avec {partner.name}.",
                    "Ses objectifs :\n\n- mieux connaître la Terre et l'Univers,\n"
                    "- partager ouvertement les données,\n- soutenir l'industrie européenne.",
                    f"En savoir plus : [{agency.website}]({agency.website}).",
                ]
            )
        subject = words["subject"]
        return "\n\n".join(
            [
                f"{words['name']} is {'an' if subject[0] in 'aeiou' else 'a'} {subject} developed by "
                f"**{agency.name}** with {partner.name}.",
                "Its objectives are to:\n\n- extend our knowledge of the Earth and the Universe,\n"
                "- share data openly with scientists and the public,\n- support European industry.",
                f"More about the programme on [the {agency.acronym} website]({agency.website}).",
            ]
        )

    def ensure_user(self, username, password, group_name):
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=group_name))
        return user

    def submit_for_review(self, cnes, editor):
        """A release the editor has submitted: what the publisher finds on the dashboard."""
        title = "Ariane 6 to launch the next CNES Earth-observation satellite"
        if Release.objects.filter(agency=cnes, title=title).exists():
            return
        release = Release.objects.create(
            agency=cnes,
            title=title,
            lead="CNES and Arianespace have signed the launch contract for the satellite.",
            body="The launch is planned from the Guiana Space Centre in Kourou.",
            dateline_place="Paris",
            dateline_date=datetime.now(ZoneInfo(settings.TIME_ZONE)).date(),
            created_by=editor,
        )
        release_submit(release=release, user=editor)
