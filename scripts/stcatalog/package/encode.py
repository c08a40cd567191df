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


class Workbook:
    """The XLSX workbook, one sheet per table, filled table by table in pieces (each sheet in row
    order) and written to a file or a BytesIO on close. XlsxWriter streams rows (constant memory)
    and, with the creation time fixed, writes the same bytes for the same rows. Text is always written
    as text, never as a formula, number or link."""

    def __init__(self, out) -> None:
        import xlsxwriter

        self.wb = xlsxwriter.Workbook(
            out,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        self.wb.set_properties({"author": "stcatalog", "created": FIXED_TIME})
        bold = self.wb.add_format({"bold": True})
        self.sheets = {}
        self.count = {}
        for table in TABLES:
            ws = self.wb.add_worksheet(table.name[:31])
            ws.freeze_panes(1, 0)
            ws.write_row(0, 0, [f.name for f in table.fields], bold)
            self.sheets[table.name] = ws
            self.count[table.name] = 0

    def write(self, name: str, rows: list[dict]) -> None:
        ws, start = self.sheets[name], self.count[name] + 1
        for i, row in enumerate(rows, start=start):
            for j, value in enumerate(row.values()):
                if value is None:
                    continue
                value = _xlsx_cell(value)
                if isinstance(value, str):
                    ws.write_string(i, j, value)
                else:
                    ws.write_number(i, j, value)
        self.count[name] = start - 1 + len(rows)

    def close(self) -> None:
        for table in TABLES:
            self.sheets[table.name].autofilter(0, 0, max(self.count[table.name], 1), len(table.fields) - 1)
        self.wb.close()


def xlsx_bytes(rows_by_table: dict[str, list[dict]]) -> bytes:
    """The workbook of these rows, in memory (for small catalogs and tests)."""
    out = io.BytesIO()
    wb = Workbook(out)
    for table in TABLES:
        wb.write(table.name, rows_by_table[table.name])
    wb.close()
    return out.getvalue()


class TableFiles:
    """A table's CSV and JSON files, written in pieces as its rows come: the same bytes as csv_bytes
    and rows_json of all its rows at once."""

    def __init__(self, table: Table, csv_path, json_path) -> None:
        self.csv_file = open(csv_path, "w", encoding="utf-8", newline="")  # noqa: SIM115  # closed by close()
        self.csv = csv.writer(self.csv_file, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        self.csv.writerow([f.name for f in table.fields])
        self.json_file = open(json_path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        self.rows = 0

    def write(self, rows: list[dict]) -> None:
        for row in rows:
            self.csv.writerow(["" if v is None else safe_cell(_plain(v)) for v in row.values()])
            self.json_file.write(("[\n  " if not self.rows else ",\n  ") + _row(row))
            self.rows += 1

    def close(self) -> None:
        self.json_file.write("\n]\n" if self.rows else "[]\n")
        self.csv_file.close()
        self.json_file.close()
