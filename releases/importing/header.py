"""The header of a release: embargo, reference, type, dateline, title."""

import re

from releases.models import Release

# "PR083 - 2013", "ESA PR 12-2014", "CP n°045 - 2014", "N° 045-2014", "Ref.: CP-045-2014", "No. 12/2014":
# the prefix is kept as written, up to the number.
REFERENCE = re.compile(
    r"^(?:r[ée]f(?:[ée]rence)?s?\.?\s*:\s*|r[ée]f\.\s*)?"
    r"(?P<prefix>[^\W\d_][\w°º.\s/-]{0,18}?)?(?P<number>\d{1,6})\s*[-–—/_]\s*(?P<year>(?:19|20)\d{2})$",
    re.I,
)
EMBARGO = re.compile(
    r"^(?:strictly\s+)?(?:embargo(?:ed)?|under\s+embargo|sous\s+embargo|hold\s+for\s+release"
    r"|not\s+for\s+(?:publication|release|distribution|broadcast)|ne\s+pas\s+(?:publier|diffuser))\b\s*"
    r"(?:until|till|before|prior\s+to|jusqu'(?:au|à)|jusqu’(?:au|à)|avant(?:\s+le)?|:)?\s*:?\s*(?P<when>.+)$",
    re.I,
)

KINDS = [
    # Longest labels first: "joint press release" before "press release".
    (
        r"joint press release|communiqu[ée] de presse conjoint|communiqu[ée] conjoint",
        Release.Kind.JOINT_PRESS_RELEASE,
    ),
    (
        r"press release|news release|communiqu[ée] de presse|communiqu[ée]",
        Release.Kind.PRESS_RELEASE,
    ),
    (
        r"media advisory|note to editors|avis aux m[ée]dias|invitation presse",
        Release.Kind.MEDIA_ADVISORY,
    ),
    (r"statement|d[ée]claration", Release.Kind.STATEMENT),
    (r"press kit|media kit|dossier de presse", Release.Kind.PRESS_KIT),
]
FRENCH_LABEL = re.compile(
    r"communiqu|avis aux|d[ée]claration|dossier de presse|contacts? presse|t[ée]l\.", re.I
)


def kind_of(label: str) -> str | None:
    for pattern, kind in KINDS:
        if re.fullmatch(pattern, label, re.I):
            return kind
    return None
