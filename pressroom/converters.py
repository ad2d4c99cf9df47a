class UnicodeSlugConverter:
    """A slug in any script ("奥村直樹", "cnes"): letters, digits, hyphens and underscores."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
