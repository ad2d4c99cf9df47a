"""Type labels: "Press release", "Pressemitteilung", "Comunicato stampa", "Nota de prensa",
"Persbericht", "Communiqué de presse"… in the common languages -> the release's type."""

import re

from releases.importing.text import fold
from releases.models import Release

Kind = Release.Kind

# A type label (folded: lower case, no accents, no spaces or punctuation) -> (type, language).
KIND_LABELS = {
    label: (kind, language)
    for kind, language, labels in [
        (Kind.JOINT_PRESS_RELEASE, "en", ["joint press release", "joint news release", "joint statement"]),
        (Kind.JOINT_PRESS_RELEASE, "fr", ["communiqué de presse conjoint", "communiqué conjoint"]),
        (Kind.JOINT_PRESS_RELEASE, "de", ["gemeinsame Pressemitteilung", "gemeinsame Presseinformation"]),
        (Kind.JOINT_PRESS_RELEASE, "it", ["comunicato stampa congiunto", "comunicato congiunto"]),
        (Kind.JOINT_PRESS_RELEASE, "es", ["nota de prensa conjunta", "comunicado conjunto"]),
        (Kind.JOINT_PRESS_RELEASE, "nl", ["gezamenlijk persbericht"]),
        (Kind.PRESS_RELEASE, "en", ["press release", "news release", "media release", "release",
                                    "contract release", "news", "press information"]),
        (Kind.PRESS_RELEASE, "fr", ["communiqué de presse", "communiqué", "information presse"]),
        (Kind.PRESS_RELEASE, "de", ["Pressemitteilung", "Presseinformation", "Pressemeldung",
                                    "Medienmitteilung", "Medieninformation"]),
        (Kind.PRESS_RELEASE, "it", ["comunicato stampa", "comunicato", "nota stampa"]),
        (Kind.PRESS_RELEASE, "es", ["nota de prensa", "comunicado de prensa", "nota informativa"]),
        (Kind.PRESS_RELEASE, "pt", ["comunicado de imprensa", "comunicado à imprensa", "nota à imprensa",
                                    "nota de imprensa"]),
        (Kind.PRESS_RELEASE, "nl", ["persbericht", "persmededeling"]),
        (Kind.PRESS_RELEASE, "ca", ["nota de premsa", "comunicat de premsa"]),
        (Kind.PRESS_RELEASE, "pl", ["komunikat prasowy", "informacja prasowa"]),
        (Kind.PRESS_RELEASE, "sv", ["pressmeddelande"]),
        (Kind.PRESS_RELEASE, "da", ["pressemeddelelse"]),
        (Kind.PRESS_RELEASE, "nb", ["pressemelding"]),
        (Kind.PRESS_RELEASE, "fi", ["lehdistötiedote", "tiedote"]),
        (Kind.PRESS_RELEASE, "cs", ["tisková zpráva"]),
        (Kind.PRESS_RELEASE, "ro", ["comunicat de presă"]),
        (Kind.PRESS_RELEASE, "ja", ["プレスリリース", "報道発表", "お知らせ"]),
        (Kind.PRESS_RELEASE, "zh", ["新闻稿"]),
        (Kind.MEDIA_ADVISORY, "en", ["media advisory", "note to editors", "notes to editors",
                                     "media invitation", "photo opportunity", "call for media",
                                     "call to media", "media call", "invitation to media",
                                     "invitation to the media"]),
        (Kind.MEDIA_ADVISORY, "ja", ["取材案内", "記者会見のお知らせ", "記者説明会のお知らせ"]),
        (Kind.MEDIA_ADVISORY, "fr", ["avis aux médias", "invitation presse", "invitation aux médias"]),
        (Kind.MEDIA_ADVISORY, "de", ["Presseeinladung", "Einladung an die Medien", "Terminhinweis"]),
        (Kind.MEDIA_ADVISORY, "it", ["avviso ai media", "invito stampa", "invito ai media"]),
        (Kind.MEDIA_ADVISORY, "es", ["convocatoria de prensa", "aviso a los medios", "convocatoria"]),
        (Kind.MEDIA_ADVISORY, "nl", ["persuitnodiging", "uitnodiging voor de pers"]),
        (Kind.STATEMENT, "en", ["statement", "press statement"]),
        (Kind.STATEMENT, "fr", ["déclaration"]),
        (Kind.STATEMENT, "de", ["Erklärung", "Stellungnahme"]),
        (Kind.STATEMENT, "it", ["dichiarazione"]),
        (Kind.STATEMENT, "es", ["declaración"]),
        (Kind.STATEMENT, "nl", ["verklaring"]),
        (Kind.PRESS_KIT, "en", ["press kit", "media kit"]),
        (Kind.PRESS_KIT, "fr", ["dossier de presse"]),
        (Kind.PRESS_KIT, "de", ["Pressemappe"]),
        (Kind.PRESS_KIT, "it", ["cartella stampa"]),
        (Kind.PRESS_KIT, "es", ["dossier de prensa"]),
        (Kind.PRESS_KIT, "nl", ["persmap"]),
    ]
    for label in map(fold, labels)
}  # fmt: skip
# A French label or contacts heading ("Contacts presse", "Tél.") hints that the text is French.
FRENCH_LABEL = re.compile(
    r"communiqu|avis aux|d[ée]claration|dossier de presse|contacts? presse|t[ée]l\.", re.I
)


def kind_of(label: str) -> str | None:
    """'Pressemitteilung' -> 'press_release'; None if the text is no type label."""
    found = KIND_LABELS.get(fold(label.rstrip(":")))
    return found[0] if found else None


def meta_kind(written) -> str | None:
    """'press_release', 'Press release', 'Pressemitteilung' -> the type; None otherwise."""
    written = str(written or "").strip()
    if written in Kind.values:
        return written
    return kind_of(written) if written else None
