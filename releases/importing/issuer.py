"""The issuing agency of a document: found in the document itself, matched against the directory.

What a document says of its issuer, strongest first: the agency its press-contacts heading
names ("CNES press contacts"), a newswire's "SOURCE Orbitalis Systems, Inc.", the organisation
written in the contact block ("Deutsches Zentrum für Luft- und Raumfahrt (DLR)"), the
boilerplate ("About X", "À propos de X", "Über X", "Acerca de X", "Sobre X", "Over X"), the
domain of its contacts' e-mails and of its press site, the contacts the directory already
knows, the site that published it (a web page's site name or publisher), then agencies named
in its header lines, its reference ("ESA PR 07-2009"), its offices ("ESA Media Relations
Office") or as the subject of its first sentence ("Orbitalis Systems, Inc. today announced").

The first clue the directory knows gives the issuer. When the directory knows none, the
document's own name for it is introduced as an unlisted agency: without a note when the
contacts heading or the newswire's source names it and nothing says otherwise, else noted
"issuer guessed". `--agency` (`fallback`) is used only when the document names none; with
neither, the release is filed under the one "Unknown issuer (to review)" agency, noted
"issuer unknown": it stays a draft until an editor chooses its agency (Release.clean()).
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from contacts.models import Agency
from releases.importing.directory import Directory, agency_key
from releases.importing.model import ParsedRelease
from releases.importing.resolving import agency_for, block_region

ABOUT = re.compile(
    r"(?im)^(?:#{1,6}\s*)?(?:\*\*)?(?:about\s+|à\s+propos\s+(?:de\s+|du\s+|des\s+|d['’])|a\s+propos\s+de\s+"
    r"|über\s+|acerca\s+de\s+|sobre(?:\s+[ao])?\s+|over\s+|a\s+proposito\s+di\s+|informazioni\s+su\s+)"
    r"(?:the\s+|la\s+|le\s+|l['’]|les\s+|die\s+|der\s+|das\s+|de\s+|het\s+|el\s+|il\s+|lo\s+)?"
    r"(?P<name>[^\n*:]{2,80}?)(?:\*\*)?\s*:?\s*$"
)
SOURCE = re.compile(r"(?im)^(?:\*\*)?source(?:\*\*)?\s*[:：]?\s*(?:\*\*)?\s*(?P<name>[^\n*]{2,80}?)\s*$")
# "Orbitalis Systems, Inc., a maker of …", "NASA has selected", "Le CNES a inauguré".
SUBJECT = re.compile(
    r"^(?:(?:Le|La|L['’]|Les|Die|Der|Das|El|Il|Lo|The|Het|De|A|O)\s+)?"
    r"(?P<name>[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|de|of|for|für|und|et|the|and|e|y|del|della|dell['’]\w+)){0,7}?)"
    r"(?:,?\s+(?:Inc|Ltd|LLC|GmbH|SAS|S\.A|AG|plc|Corp)\.?)?(?:\s+\([A-Z][\w-]{1,11}\))?"
    r"(?=,|\s+(?:today|has|have|is|will|announced|a|ont|hat|ha|han|heeft|vandaag))"
)
STRONG = {"heading", "source"}  # name the issuer unambiguously
NAMING = {"heading", "source", "contact", "about", "site"}  # may introduce an agency unknown to the directory


@dataclass(frozen=True)
class Clue:
    kind: str  # "heading", "source", "contact", "about", "site", "header", "reference", "office", "subject"
    name: str
    line: int | None = None


def issuer_clues(parsed: ParsedRelease) -> list[Clue]:
    """What the document says of its issuer, strongest first (domains and known contacts are
    the directory's part: release_issuer())."""
    clues = []
    labels = [block.agency_label for block in parsed.contact_blocks if block.agency_label]
    clues += [Clue("heading", label) for label in labels[:1]]
    clues += [Clue("source", m["name"].strip()) for m in SOURCE.finditer(parsed.body)]
    contacts = [c for block in parsed.contact_blocks for c in block.contacts]
    clues += [Clue("contact", c.agency_label, c.line) for c in contacts if c.agency_label][:1]
    clues += [Clue("about", m["name"].strip().rstrip(".")) for m in ABOUT.finditer(parsed.body)]
    return clues


def weak_clues(parsed: ParsedRelease) -> list[Clue]:
    """Where the document may name its issuer in passing: matched only against the directory."""
    meta = parsed.meta
    clues = [Clue("site", str(meta[key])) for key in ("publisher", "site_name", "author") if meta.get(key)]
    clues += [Clue("header", text, line) for line, text in parsed.header_lines]
    if parsed.reference_prefix:
        clues.append(Clue("reference", parsed.reference_prefix))
    contacts = [c for block in parsed.contact_blocks for c in block.contacts]
    clues += [Clue("office", text) for c in contacts for text in (c.office, c.title) if text]
    opening = parsed.lead or parsed.body.split("\n\n", 1)[0]
    if match := SUBJECT.match(opening.strip().lstrip("*")):
        clues.append(Clue("subject", match["name"]))
    return clues


def release_issuer(*, parsed: ParsedRelease, directory: Directory, fallback: Agency | None = None) -> Agency:
    """The agency that issues the document (see the module's docstring); notes what an editor
    must check."""
    clues = issuer_clues(parsed)
    for clue in clues:
        if agency := directory.find_agency(clue.name):
            return agency
    naming = [clue for clue in clues + weak_clues(parsed) if clue.kind in NAMING]
    strong = [clue for clue in naming if clue.kind in STRONG]
    region = block_region(parsed.contact_blocks[0], parsed.language) if parsed.contact_blocks else ""
    if strong:  # named for sure ("OBX4 press contacts"): found, or introduced, under its lock
        return introduce(parsed, directory, strong[0], naming, region)
    contacts = [c for block in parsed.contact_blocks for c in block.contacts]
    addresses = [c.email for c in contacts if c.email] + [parsed.press_site_url]
    if agency := directory.agency_at([address for address in addresses if address]):
        return agency
    if agency := known_contacts_agency(contacts, directory):
        return agency
    for clue in weak_clues(parsed):
        if agency := directory.find_agency(clue.name):
            return agency
        if clue.kind in {"header", "reference", "office", "site"} and (
            mentioned := directory.mentioned_agencies(clue.name)
        ):
            return mentioned[0]
    if fallback is not None:
        return fallback  # --agency: the document names none for sure
    if naming:
        return introduce(parsed, directory, naming[0], naming, region)
    parsed.note(
        "no_issuer",
        _("The document does not say which agency issues it: choose the issuing agency before publishing."),
    )
    return Agency.objects.unknown_issuer()


def introduce(parsed: ParsedRelease, directory: Directory, chosen: Clue, naming: list[Clue], region: str):
    """The agency a clue names, introduced (unlisted) unless a concurrent import just did; noted
    unless the contacts heading or the newswire's source names it and no clue says otherwise."""
    agency = agency_for(
        chosen.name, directory, region=region, press_site=parsed.press_site_url, line=chosen.line
    )
    unsure = chosen.kind not in STRONG or not all(same_name(clue.name, chosen.name) for clue in naming)
    if getattr(agency, "introduced", False) and unsure:
        parsed.note(
            "issuer_guessed",
            _(
                "The issuing agency is not in the directory: “%(name)s” was taken from the document "
                "and added, unlisted. Check it, or choose the issuing agency."
            )
            % {"name": agency.name},
            chosen.line,
        )
    return agency


def same_name(one: str, other: str) -> bool:
    """'Orbitalis Systems, Inc.' and 'Orbitalis Systems' name one agency; so do 'Helix Launch'
    and 'Helix Launch Services' (one the start of the other)."""
    one, other = agency_key(one), agency_key(other)
    return bool(one and other) and (one.startswith(other) or other.startswith(one))


def known_contacts_agency(contacts, directory: Directory) -> Agency | None:
    """The agency of the contacts the directory knows by e-mail or name, when they agree."""
    agencies = set()
    for contact in contacts:
        known = directory.find_contact(email=contact.email, name=contact.name, office=contact.office)
        if known is None and contact.name and (person := directory.find_person(contact.name)):
            known_at = {c.agency_id for c in directory.contacts if c.person_id == person.pk}
            agencies |= known_at if len(known_at) == 1 else set()
        elif known is not None:
            agencies.add(known.agency_id)
    if len(agencies) == 1:
        pk = agencies.pop()
        return next((agency for agency in directory.agencies if agency.pk == pk), None)
    return None
