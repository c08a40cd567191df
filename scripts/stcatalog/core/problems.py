"""Validation problems: one per finding, each naming file, line or row, field, a plain message and a
code. Every code is declared once, with a title and a one-line fix in both languages, in
problem_codes.yaml beside this module (its header gives the format)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

# Set to 1 (the tests do) to make ProblemList.add raise on an undeclared code instead of reporting it.
STRICT_ENV = "STCATALOG_STRICT_CODES"


@dataclass(frozen=True)
class ProblemCode:
    code: str  # a code, or a family "<prefix>:*"
    title: dict[str, str]
    fix: dict[str, str]


class UndeclaredProblemCode(ValueError):
    """A problem was reported with a code problem_codes.yaml does not declare."""


@cache
def registry() -> dict[str, ProblemCode]:
    """The declared codes, in file order."""
    text = resources.files(__package__).joinpath("problem_codes.yaml").read_text(encoding="utf-8")
    return {code: ProblemCode(code, entry["title"], entry["fix"]) for code, entry in yaml.safe_load(text).items()}


def declaration(code: str) -> ProblemCode | None:
    """The entry declaring `code` (itself, or its family `<prefix>:*`), or None."""
    found = registry().get(code)
    if found is None and ":" in code:
        found = registry().get(code.split(":", 1)[0] + ":*")
    return found


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str
    code: str
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

    def add(self, file: str, line: int | None, field: str, message: str, code: str, row: int | None = None) -> None:
        """Record a problem. An undeclared code is a bug in the tool: under STCATALOG_STRICT_CODES=1 (the
        tests) it raises; otherwise the problem is still reported, since a finding must never be lost."""
        if declaration(code) is None and os.environ.get(STRICT_ENV) == "1":
            raise UndeclaredProblemCode(f"problem code {code!r} is not declared in stcatalog/core/problem_codes.yaml")
        self.append(Problem(file, line, field, message, code, row))


def dotted(path) -> str:
    """A path in a file as a field name: ('scopes', 3, 'title', 'en') -> scopes[3].title.en."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
