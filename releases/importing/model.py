"""The parsed document: what the stages found in one press release, before it is saved."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo

from contacts.timezones import local_to_utc
from releases.importing.review import Review
from releases.models import Release


@dataclass
class ParsedContact:
    """A person, or an office with no person (`office`: "ESA Media Relations Office")."""

    name: str  # the person's name; "" for an office
    line: int
    title: str = ""
    phone: str = ""
    phone_line: int = 0
    mobile: str = ""
    mobile_line: int = 0
    fax: str = ""
    fax_line: int = 0
    email: str = ""
    email_line: int = 0
    agency_label: str = ""  # "Marco Trovatello (ESA)" under a block for several agencies
    office: str = ""
    unlabelled: set[str] = field(default_factory=set)  # numbers the document gave no label ("phone")

    def has_details(self) -> bool:
        return bool(self.phone or self.mobile or self.fax or self.email)

    def add_detail(self, kind: str, value: str, line: int, labelled: bool = True):
        """The first phone, mobile, fax and e-mail; a second phone is the mobile if there is none."""
        if kind == "phone" and self.phone and not self.mobile:
            kind = "mobile"
        if getattr(self, kind):
            return
        setattr(self, kind, value)
        setattr(self, f"{kind}_line", line)
        if not labelled and kind in {"phone", "mobile"}:
            self.unlabelled.add(kind)

    @property
    def shown_name(self) -> str:
        return self.name or self.office


@dataclass
class ParsedContactBlock:
    agency_label: str
    line: int
    contacts: list[ParsedContact] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # lines that are no contact
    # What an editor must check: (review code, message, line), e.g. contacts not paired.
    problems: list[tuple[str, str, int | None]] = field(default_factory=list)
    region: str = ""  # where its national numbers are read until the agency's country is known


@dataclass
class ParsedQuote:
    speaker: str
    text: str  # plain text, as the page shows it; paragraphs of a long quote split by a blank line
    title: str = ""  # the speaker's title as the document writes it: "Director of Space Operations"


@dataclass(frozen=True)
class Embargo:
    """An embargo as the document writes it: a wall time, and its zone when one is written."""

    wall: datetime  # naive: the date and time written
    zone: tzinfo | None = None  # "CET", "UTC+1", "Europe/Paris"; None when the line writes none
    written: str = ""  # the line's words, for messages

    def instant(self, agency) -> datetime:
        """The instant it names, in UTC: in the zone written, else on the issuing agency's clock
        (the press office's for no agency). Raises ValidationError for a time that agency's
        clocks skip or show twice (contacts/timezones.py)."""
        if self.zone is not None:
            return self.wall.replace(tzinfo=self.zone).astimezone(UTC)
        return local_to_utc(agency, self.wall)


def line_where(line: int | None) -> str:
    """Where a line of a text file is, for messages."""
    return f"line {line}" if line else ""


@dataclass
class ParsedRelease:
    """What the stages found; each stage fills its part and notes in `review` what an editor
    must check (releases/importing/review.py). Facts not found stay empty (a date None)."""

    title: str = ""
    dateline_date: date | None = None
    dateline_place: str = ""
    language: str = "en"
    kind: str = Release.Kind.PRESS_RELEASE
    reference_prefix: str = ""
    reference_number: str = ""
    reference_year: int | None = None
    reference_written: str = ""  # exactly as the document writes it: "ESA PR 07-2009", "IP/21/1187"
    embargo: Embargo | None = None  # an instant once the issuer is known (saving.py)
    lead: str = ""
    body: str = ""
    press_site_url: str = ""
    contact_blocks: list[ParsedContactBlock] = field(default_factory=list)
    quotes: list[ParsedQuote] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # field name -> line in the document
    # Lines above the title that are no contact ("European Commission - Press release"): the
    # issuer may be named there (issuer.py).
    header_lines: list[tuple[int, str]] = field(default_factory=list)
    review: Review = field(default_factory=Review)
    meta: dict = field(default_factory=dict)  # what the file says of itself (readers' SourceText.meta)
    where: Callable[[int | None], str] = line_where  # a line -> "line 12", "page 2, line 7"

    def note(self, code: str, message: str, line: int | None = None) -> None:
        """Something an editor must check; `line` in the Markdown text, if any."""
        self.review.add(code, message, self.where(line) if line else "")
