"""Validation problems: one per finding, each naming file, line or row, field and a plain message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str
    code: str = "invalid"
    row: int | None = None

    def text(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
        if self.row is not None:
            where += f" row {self.row}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}:{field} {self.message} ({self.code})"

    def github(self) -> str:
        """A GitHub Actions annotation; newlines and % must be escaped there."""
        msg = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        props = f"file={self.file}"
        if self.line:
            props += f",line={self.line}"
        title = (self.field or self.code).replace(",", ";").replace("::", ":")
        return f"::error {props},title={title}::{msg}"


class ProblemList(list):
    """A list of problems with a helper that fills in file and line."""

    def add(self, file: str, line: int | None, field: str, message: str, code: str = "invalid", row: int | None = None):
        self.append(Problem(file, line, field, message, code, row))


def dotted(path) -> str:
    """A path in a file as a field name: ('scopes', 3, 'title', 'en') -> scopes[3].title.en."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
