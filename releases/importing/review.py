"""What an editor must check in an imported draft: facts missing, guessed or differing.

A readable document is never refused for a missing or uncertain fact: it becomes a draft
"needs review", and each stage that could not be sure says why here. Only a document with
no notes may be published by the importer (`--publish`).
"""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext_lazy as _

# The short labels an import line shows: "path: draft, needs review (no date) /admin/…".
LABELS = {
    "no_date": _("no date"),
    "date_guessed": _("date guessed"),
    "no_title": _("no title"),
    "title_guessed": _("title guessed"),
    "no_issuer": _("issuer unknown"),
    "issuer_guessed": _("issuer guessed"),
    "contacts_unpaired": _("contacts not paired"),
    "number_differs": _("number differs from the directory"),
    "number_unreadable": _("number unreadable"),
    "speaker_unknown": _("speaker unknown"),
    "language_guessed": _("language guessed"),
    "embargo_unreadable": _("embargo unreadable"),
    "reference_guessed": _("reference guessed"),
    "not_imported": _("text not imported"),
}


@dataclass(frozen=True)
class ReviewNote:
    code: str  # a key of LABELS
    message: str  # a sentence for the editor: what is missing or guessed, and what to do
    where: str = ""  # "line 12", "paragraph 4", "page 2, line 7"; "" for the whole document

    @property
    def label(self) -> str:
        return str(LABELS.get(self.code, self.code))

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ReviewNote":
        return cls(code=data["code"], message=data["message"], where=data.get("where", ""))


@dataclass
class Review:
    """The notes one import collects, in the order its stages found them."""

    notes: list[ReviewNote] = field(default_factory=list)

    def add(self, code: str, message: str, where: str = "") -> None:
        note = ReviewNote(code, str(message), where)
        if note not in self.notes:
            self.notes.append(note)

    def __bool__(self) -> bool:
        return bool(self.notes)

    def summary(self) -> str:
        """'no date, title guessed': the labels, each once, for the import line."""
        return ", ".join(dict.fromkeys(note.label for note in self.notes))
