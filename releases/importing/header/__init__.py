"""The header of a release: type labels, references, datelines, embargo lines, the title, the
lead, and the dates they write, in any common language.

parse.py runs the stages in the document's order: `read_header` (the lines above the title, and
the title), `read_opening` (under it), `read_lead`, `read_meta`, `check_required`, then
`settle_date_order` once the language is known (numeric dates whose day/month order needed it).
Their parts:
- `kinds`: type labels ("Press release", "Pressemitteilung", "Comunicato stampa"…);
- `references`: references kept as written ("ESA PR 41-2026", "IP/21/1187", "N° 2–2001");
- `dates`, `datelines`, `embargo`: dates, datelines and embargo lines as releases write them;
- `label_lines`: what one line of the header says ("COMMUNIQUÉ DE PRESSE   Paris, le 03/04/2021");
- `facts`: what the header finds, set on the release once, and the header stages' state;
- `titles`, `opening`, `lead`, `meta`, `required`, `date_order`: the stages.
"""

from releases.importing.header.date_order import settle_date_order
from releases.importing.header.lead import read_lead
from releases.importing.header.meta import read_meta
from releases.importing.header.opening import read_opening
from releases.importing.header.required import check_required
from releases.importing.header.titles import read_header

__all__ = ["check_required", "read_header", "read_lead", "read_meta", "read_opening", "settle_date_order"]
