"""Typography that follows a release's language: one place decides how it quotes."""

# Opening and closing marks, as each language's press offices print them. French puts a
# narrow no-break space (U+202F) inside its guillemets.
QUOTE_MARKS = {
    "fr": ("«\u202f", "\u202f»"),
    "de": ("„", "“"),
    "it": ("«", "»"),
    "es": ("«", "»"),
    "ru": ("«", "»"),
    "ja": ("「", "」"),
}
DEFAULT_QUOTE_MARKS = ("“", "”")  # English, and any language not listed


def quote_marks(language: str) -> tuple[str, str]:
    """The opening and closing quotation marks of a language: 'fr-ca' quotes as 'fr'."""
    return QUOTE_MARKS.get((language or "").lower().split("-")[0], DEFAULT_QUOTE_MARKS)


def in_quotes(text: str, language: str) -> str:
    """Text between the quotation marks of its language: '« Nous sommes ravis. »'."""
    opening, closing = quote_marks(language)
    return f"{opening}{text.strip()}{closing}"
