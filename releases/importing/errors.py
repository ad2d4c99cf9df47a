"""The one error an import raises: a document that cannot be imported, and why."""


class DocumentError(Exception):
    """A document that can't be imported; says why and, where it can, on which line."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __reduce__(self):  # pickled whole (from the process that reads ahead), its line with it
        return type(self), (self.message, self.line)

    def __str__(self):
        return f"line {self.line}: {self.message}" if self.line else self.message
