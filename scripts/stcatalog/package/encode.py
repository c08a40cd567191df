"""How each kind of package file becomes bytes: JSON with one record per line, CSV as RFC 4180 with
CRLF, and the XLSX workbook. The same rows always give the same bytes, and no cell can run as a
spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from ..core.formula import safe_cell
from .tables import TABLES, Table

FIXED_TIME = datetime(2000, 1, 1)


def json_bytes(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _row(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False)


def rows_json(rows: list[dict], indent: str = "") -> str:
    """A JSON array with one record per line: diffs show changed records, and the C encoder is used."""
    if not rows:
        return "[]"
    return "[\n" + ",\n".join(f"{indent}  {_row(r)}" for r in rows) + f"\n{indent}]"


def doc_json(doc: dict) -> bytes:
    """{"guide": record, table: [records]} with one record per line."""
    parts = [
        f"  {json.dumps(key)}: {_row(value) if isinstance(value, dict) else rows_json(value, '  ')}"
        for key, value in doc.items()
    ]
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")


def csv_bytes(table: Table, rows: list[dict]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([f.name for f in table.fields])
    for row in rows:
        writer.writerow(["" if v is None else safe_cell(_plain(v)) for v in row.values()])
    return buf.getvalue().encode("utf-8")


def _plain(value):
    """Numbers print the same way in every build: 300 not 300.0."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


XLSX_CELL_LIMIT = 32_767  # Excel refuses longer cells


def _xlsx_cell(value):
    value = safe_cell(_plain(value))
    if isinstance(value, str) and len(value) > XLSX_CELL_LIMIT:
        value = value[: XLSX_CELL_LIMIT - 40] + "…[truncated: the CSV has the full text]"
    return value


def xlsx_bytes(rows_by_table: dict[str, list[dict]]) -> bytes:
    """One sheet per table. XlsxWriter streams rows (constant memory) and, with the creation time
    fixed, writes the same bytes for the same rows. Text is always written as text, never as a
    formula, number or link."""
    import xlsxwriter

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(
        out,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
    )
    wb.set_properties({"author": "stcatalog", "created": FIXED_TIME})
    bold = wb.add_format({"bold": True})
    for table in TABLES:
        ws = wb.add_worksheet(table.name[:31])
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(rows_by_table[table.name]), 1), len(table.fields) - 1)
        ws.write_row(0, 0, [f.name for f in table.fields], bold)
        for i, row in enumerate(rows_by_table[table.name], start=1):
            for j, value in enumerate(row.values()):
                if value is None:
                    continue
                value = _xlsx_cell(value)
                if isinstance(value, str):
                    ws.write_string(i, j, value)
                else:
                    ws.write_number(i, j, value)
    wb.close()
    return out.getvalue()
