"""The one formula guard: which text a spreadsheet would run as a formula.

Following the OWASP CSV-injection guidance, a cell is dangerous when it starts with `=`, `+`, `-`,
`@`, a tab or a carriage return. Spreadsheets trim leading spaces (and a leading line feed) before
they look, so those are skipped first: " =1+1" counts too. The CSV and XLSX writers prefix such a
cell with an apostrophe (`safe_cell`); the sources check rejects such text (`formula_trigger`); the
browser's filtered-CSV download in docs/assets/filters.js applies the same rule (FORMULA_START
there), and tests/test_formula_guard.py proves all of them agree.
"""

from __future__ import annotations

from typing import TypeVar

TRIGGERS = "=+-@\t\r"
SKIPPED = " \n\u00a0\u3000"  # spaces (ASCII, no-break, ideographic) and line feeds before the first character

T = TypeVar("T")


def formula_trigger(text: str) -> str | None:
    """The character that would make a spreadsheet run `text` as a formula, or None."""
    rest = text.lstrip(SKIPPED)
    return rest[0] if rest and rest[0] in TRIGGERS else None


def safe_cell(value: T) -> T | str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; anything else is unchanged."""
    if isinstance(value, str) and formula_trigger(value) is not None:
        return "'" + value
    return value
