"""The parsed document: what the stages found in one press release, before it is saved."""

from dataclasses import dataclass, field
from datetime import date, datetime

from releases.models import Release


@dataclass
class ParsedContact:
    name: str
    line: int
    title: str = ""
    phone: str = ""
    phone_line: int = 0
    mobile: str = ""
    mobile_line: int = 0
    email: str = ""
    agency_label: str = ""  # "Marco Trovatello (ESA)" under a block for several agencies

    def has_details(self) -> bool:
        return bool(self.phone or self.mobile or self.email)

    def add_detail(self, kind: str, value: str, line: int):
        """The first phone, mobile and e-mail; a second phone is the mobile if there is none."""
        if kind == "phone" and self.phone and not self.mobile:
            kind = "mobile"
        if kind == "email":
            self.email = self.email or value
        elif not getattr(self, kind):
            setattr(self, kind, value)
            setattr(self, f"{kind}_line", line)


@dataclass
class ParsedContactBlock:
    agency_label: str
    line: int
    contacts: list[ParsedContact] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # lines that are no contact


@dataclass
class ParsedQuote:
    speaker: str
    text: str


@dataclass
class ParsedRelease:
    title: str
    dateline_date: date
    dateline_place: str = ""
    language: str = "en"
    kind: str = Release.Kind.PRESS_RELEASE
    reference_prefix: str = ""
    reference_number: str = ""
    reference_year: int | None = None
    embargo_until: datetime | None = None
    lead: str = ""
    body: str = ""
    press_site_url: str = ""
    contact_blocks: list[ParsedContactBlock] = field(default_factory=list)
    quotes: list[ParsedQuote] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # field name -> line in the document
