"""What one line above the title (or just under it) says: 'COMMUNIQUÉ DE PRESSE   Paris, le
03/04/2021 – Page 1 sur 2', 'RELEASE: 09-213', 'European Commission - Press release', 'Daily
News 12/03/2021', 'IP/21/1187', '**DLR** PRESSEMITTEILUNG': type labels, references, datelines
or dates, and what says nothing of the release ("FOR IMMEDIATE RELEASE", "Page 1 of 2")."""

import re
from dataclasses import dataclass, replace

from releases.importing.header.datelines import Dateline, parse_dateline
from releases.importing.header.kinds import KIND_LABELS, Kind
from releases.importing.header.references import Reference, parse_reference
from releases.importing.text import fold, plain

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

# What splits a label line: dashes, bars, runs of spaces, a colon after the label.
SEGMENTS = re.compile(r"\s+[–—|-]\s+|\s{3,}|\t+|\s+--\s+")


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
