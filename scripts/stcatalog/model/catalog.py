"""The typed catalog: guides, vocabularies and the derived data both outputs read.

The data package and the site are both generated from this one object, so they cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .quantities import QuantityParser, symbols_from_units

# The lists a guide can hold, in the order they are exported.
RECORD_LISTS = (
    "sections",
    "scopes",
    "projects",
    "indicators",
    "funding",
    "ratios",
    "requirements",
    "pairings",
    "experts",
    "contacts",
)
FULLWIDTH_DIGIT = re.compile(r"[０-９]")
VOCABULARIES = ("regions", "domains", "units", "programmes", "glossary")


@dataclass
class Guide:
    data: dict
    rel: str  # path relative to the repository root, for messages
    lines: Any  # a LineMap ({path tuple: line}), built when a problem needs placing
    raw_text: str | None  # the raw document the cites are checked against

    @property
    def id(self) -> str:
        return self.data["id"]

    def records(self, kind: str) -> list[dict]:
        return self.data.get(kind) or []

    def line(self, *path) -> int | None:
        return line_of(self.lines, path)


@dataclass
class Vocabulary:
    regions: dict = field(default_factory=dict)
    domains: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    programmes: dict = field(default_factory=dict)
    glossary: list = field(default_factory=list)
    lines: dict = field(default_factory=dict)  # {vocabulary name: (rel, line map)}


@dataclass(frozen=True)
class CodeList:
    """One code list of datasets/codelists/: its rows ({column: text}) in file order, keyed by code."""

    name: str
    rel: str
    rows: dict[str, dict[str, str]]
    lines: dict[str, int]  # {code: line in the CSV file}

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.rows)


@dataclass
class Catalog:
    base: Path
    vocab: Vocabulary
    manifest: dict  # {raw file name: manifest entry}
    guides: Sequence[Guide]  # a list, or (loaded) a spool that reads each guide back from disk when used
    codelists: dict[str, CodeList] = field(default_factory=dict)  # {name: code list}, from datasets/codelists/
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # derived data, computed once

    @cached_property
    def parser(self) -> QuantityParser:
        return QuantityParser(symbols_from_units(self.vocab.units.values()))


def line_of(lines, path: tuple) -> int | None:
    """Line of the nearest node on the path that the file really has."""
    path = tuple(path)
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path)
