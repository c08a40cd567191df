"""The table-row extractor: indicator tables with a 单位 column, flattened into lines of cells
(｜, |, tabs or spaces between cells). The unit comes from the 单位 column, the value from the target
(last) column; base-year columns (基数, 现状) are past facts and are skipped. A 约束性/预期性 cell or a
line of its own above the rows gives the kind. Tables without a 单位 column but with a 目标值 column
(指标 | 基期值 | 目标值 | 属性) take the unit from the name's brackets (创新平台（个）) and the value from
that column, never from the base column before it."""

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


_TARGET_HEAD = re.compile(r"目标值?|\d{4}\s*年(?:目标)?值?|\d{4}\s*年(?:底|末)?目标值?|规划值|预期值")
_BASE_HEAD = re.compile(r"基期|基数|基准|现状|基础值")
_NAME_HEAD = re.compile(r"指标(?:名称)?|名称")
_BRACKET_UNIT = re.compile(r"[（(]([^（）()]{1,6})[）)]\s*$")


def _target_header(cells: list[str]) -> tuple[int, int, int | None] | None:
    """(name, target, 单位 or None) columns of a 指标 | 基期值 | 目标值 | 属性 header: no 单位 column, or one
    with the target before a last 属性/备注 column (the 单位 path reads the last column)."""
    if len(cells) < 3:
        return None
    unit = cells.index("单位") if "单位" in cells else None
    name = next((k for k, c in enumerate(cells) if _NAME_HEAD.fullmatch(c)), None)
    targets = [k for k, c in enumerate(cells) if k != name and _TARGET_HEAD.fullmatch(c)]
    target = targets[-1] if targets else None  # 2023年 | 2027年: the later year is the target
    if name is None or target is None or target <= name or (unit is not None and target == len(cells) - 1):
        return None
    if not any(_BASE_HEAD.search(c) or _TARGET_HEAD.fullmatch(c) for c in cells[name + 1 : target]):
        return None  # a base column before the target is what makes the target column matter
    return name, target, unit


def _target_rows(doc: Doc) -> list[dict]:
    """Rows of 目标值 tables (see the module docstring): 涉海高新技术企业数量（家） | 1350 | 2000以上 → ge 2000 家."""
    out: list[dict] = []
    pos, columns, width = 0, None, 0
    for line in doc.text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if columns is None and not ("|" in line or "｜" in line or "\t" in line):
            continue
        cells = [c.strip() for c in _HARD_SPLIT.split(line.strip())] if line.strip() else []
        header = _target_header(cells)
        if header is not None:
            columns, width = header, len(cells)
            continue
        if columns is None:
            continue
        if len(cells) != width:
            columns = None
            continue
        name, target = cells[columns[0]], cells[columns[1]]
        bracket = _BRACKET_UNIT.search(name)
        unit = bracket.group(1) if bracket else cells[columns[2]] if columns[2] is not None else ""
        kind = next(
            ("binding" if c.startswith("约束性") else "expected" for c in cells if c[:3] in ("约束性", "预期性")), None
        )
        row = _value(doc, target, unit)
        if row is None:
            continue
        name_at = start + line.find(name)
        target_at = line.find(target, line.find(name) + len(name))
        row.update(kind=kind or "unspecified", start=name_at, end=start + target_at + len(target))
        out.append(row)
    return out


def _value(doc: Doc, target: str, unit: str) -> dict | None:
    """The target cell's quantity, with the header's or bracket's unit when the cell has none."""
    found = doc.parser.parse(target)
    if not found:
        return None
    q = found[-1]
    written = None
    if q.unit is None and unit:
        with_unit = doc.parser.parse(_NUMBER.sub(lambda m: m.group() + unit, target, count=1))
        q = with_unit[-1] if with_unit and with_unit[-1].unit else q
        if q.unit is None:
            written = unit
    return {
        "comparator": q.comparator,
        "value_min": q.value_min,
        "value_max": q.value_max,
        "unit": q.unit,
        "written": written,
    }


def table_rows(doc: Doc) -> list[dict]:
    """Records (without ids) for every row of every indicator table, each with its span in the text."""
    out: list[dict] = _target_rows(doc)
    pos, unit_at, width, kind = 0, None, 0, None
    for line in doc.text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if unit_at is None and "单位" not in line:
            continue  # outside a table only a header line matters
        cells = _cells(line)
        header = (
            _header(cells) if _target_header([c.strip() for c in _HARD_SPLIT.split(line.strip())]) is None else None
        )
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
