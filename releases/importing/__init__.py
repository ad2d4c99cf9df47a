"""Importing press releases: files in, releases (published or drafts to review) out.

A package of small stages over one parsed document:
- `readers/`: a file's bytes (text, Markdown, .docx, .pdf, .html) -> Markdown text and metadata;
- `structure.py`: the Markdown's paragraphs and headings (markdown-it-py's token stream);
- `header/`: labels, reference, type, dates, dateline, embargo, title, lead;
- `contacts/`: press-contacts blocks; `quotes/`: quotes and their speakers;
- `parse.py`: the stages in order, into a `ParsedRelease` (`model.py`) and its review notes
  (`review.py`);
- `directory.py`, `saving.py`: the directory's agencies and people, and saving, all or nothing;
- `files.py`: files read within limits, a document imported in a transaction of its own;
  `archive.py`: an archive's files, fifty to a transaction, read a group ahead.
"""

from releases.importing.archive import import_files
from releases.importing.directory import Directory
from releases.importing.errors import DocumentError
from releases.importing.files import document_paths, import_document, release_import_file
from releases.importing.header.embargo import parse_embargo
from releases.importing.model import ParsedContact, ParsedContactBlock, ParsedQuote, ParsedRelease
from releases.importing.parse import parse_release
from releases.importing.saving import ImportResult, release_import

__all__ = [
    "Directory",
    "DocumentError",
    "ImportResult",
    "ParsedContact",
    "ParsedContactBlock",
    "ParsedQuote",
    "ParsedRelease",
    "document_paths",
    "parse_embargo",
    "parse_release",
    "import_document",
    "import_files",
    "release_import",
    "release_import_file",
]
