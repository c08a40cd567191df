"""The table-row extractor: indicator tables with a 单位 column, flattened into lines of cells
(｜, |, tabs or spaces between cells). The unit comes from the 单位 column, the value from the target
(last) column; base-year columns (基数, 现状) are past facts and are skipped. A 约束性/预期性 cell or a
line of its own above the rows gives the kind."""

from __future__ import annotations

import re

from .document import Doc

_CELL_SPLIT = re.compile(r"\s*[｜|\t]\s*|\s+")
_HARD_SPLIT = re.compile(r"\s*[｜|\t]\s*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+")
_KIND_LINE = re.compile(r"\s*(约束性|预期性)(?:指标)?\s*[：:]?\s*$")


def _cells(line: str) -> list[str]:
    splitter = _HARD_SPLIT if ("｜" in line or "|" in line or "\t" in line) else _CELL_SPLIT
    return [c for c in splitter.split(line.strip()) if c]


def _header(cells: list[str]) -> int | None:
    """Index of the 单位 column when the line is the header of an indicator table."""
    if len(cells) >= 3 and "单位" in cells and any(re.search(r"指标|名称|内容|目标", c) for c in cells):
        return cells.index("单位")
    return None


def table_rows(doc: Doc) -> list[dict]:
    """Records (without ids) for every row of every indicator table, each with its span in the text."""
    out: list[dict] = []
    pos, unit_at, width, kind = 0, None, 0, None
    for line in doc.text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if unit_at is None and "单位" not in line:
            continue  # outside a table only a header line matters
        cells = _cells(line)
        header = _header(cells)
        if header is not None:
            unit_at, width, kind = header, len(cells), None
            continue
        if unit_at is None:
            continue
        if not line.strip():
            if out and out[-1]["end"] < start - 1:
                unit_at = None  # a blank line after the rows ends the table
            continue
        m = _KIND_LINE.match(line)
        if m:
            kind = "binding" if m.group(1) == "约束性" else "expected"
            continue
        if len(cells) < 3 or len(cells) > width + 1:
            unit_at = None
            continue
        row = _row(doc, line, start, cells, unit_at - (width - len(cells)), kind)
        if row is not None:
            out.append(row)
    return out


def _row(doc: Doc, line: str, start: int, cells: list[str], unit_at: int, kind: str | None) -> dict | None:
    if not 0 < unit_at < len(cells) - 1:
        return None
    unit, target, name = cells[unit_at], cells[-1], cells[unit_at - 1]
    row_kind = next(
        ("binding" if c.startswith("约束性") else "expected" for c in cells[:unit_at] if c[:3] in ("约束性", "预期性")),
        kind,
    )
    found = doc.parser.parse(target)
    if not found:
        return None
    q = found[-1]
    written = None
    if q.unit is None:
        with_unit = doc.parser.parse(_NUMBER.sub(lambda m: m.group() + unit, target, count=1))
        q = with_unit[-1] if with_unit and with_unit[-1].unit else q
        if q.unit is None:
            written = unit
    name_at = start + line.find(name)
    end = start + len(line.rstrip())
    return {
        "kind": row_kind or "unspecified",
        "comparator": q.comparator,
        "value_min": q.value_min,
        "value_max": q.value_max,
        "unit": q.unit,
        "written": written,
        "start": name_at,
        "end": end,
    }
