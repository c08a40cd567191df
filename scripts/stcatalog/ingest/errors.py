"""The one error ingest raises for bad input: a registered problem code and a plain message, so the CLI
prints one line (file, field, message, code) and never a traceback."""

from __future__ import annotations

from ..core.problems import Problem, ProblemList


class DocumentError(Exception):
    """A raw document (or an answer key) that cannot be used, with its problem code."""

    def __init__(self, message: str, code: str = "ingest-unreadable", file: str = "", field: str = ""):
        super().__init__(message)
        self.code, self.file, self.field = code, file, field

    def problem(self) -> Problem:
        found = ProblemList()
        found.add(self.file, None, self.field, str(self), self.code)
        return found[0]
