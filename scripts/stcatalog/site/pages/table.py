"""The filterable, sortable, paged tables (guides, indicators): one description feeds both the page
(the first page of rows, readable without JavaScript) and the JSON files filters.js loads.

A table is {"id", "path", "columns": [(label, sort: "text" | "number" | None, key for the URL)],
"filters": [(key, label)], "rows": [{"id", "cells", "filters": {key: [values]}}], "full", "download",
"search" (a free-text filter), "csv" (the dataset file "download filtered" cuts)}; a cell is text,
{"t": text, "h": url} (a link) or {"t": text, "v": number, "u": unit} (sorts by v within u)."""

from __future__ import annotations

import json
import math

from .common import site_root, up


def _sizes() -> tuple[int, int]:
    """(rows on a page, rows a JSON file), read when used so that tests can make them small."""
    from . import TABLE_CHUNK, TABLE_PAGE

    return TABLE_PAGE, TABLE_CHUNK


def _options(table: dict) -> dict[str, list[str]]:
    return {key: sorted({v for r in table["rows"] for v in r["filters"].get(key, [])}) for key, _ in table["filters"]}


def table_view(table: dict) -> dict:
    """What the page shows of a table: filters with their options, the columns, the first page."""
    page, chunk = _sizes()
    rows, path = table["rows"], table["path"]
    options = _options(table)
    return {
        "id": table["id"],
        "filters": [{"key": key, "label": name, "options": options[key]} for key, name in table["filters"]],
        "columns": [{"label": c[0], "sort": c[1], "key": c[2] if len(c) > 2 else None} for c in table["columns"]],
        "rows": rows[:page],
        "count": len(rows),
        "shown": min(len(rows), page),
        "page": page,
        "chunks": max(1, math.ceil(len(rows) / chunk)),
        "src": f"{up(path)}assets/tables/{table['id']}-{{n}}.json",
        "more": site_root(path) + table["full"] if len(rows) > page else None,
        "download": table.get("download", False),
        "search": table.get("search", False),
        "csv": table.get("csv"),
    }


def table_files(table: dict) -> dict[str, bytes]:
    """{path: bytes}: every row of the table in files of TABLE_CHUNK rows, filters as option numbers."""
    _, chunk = _sizes()
    rows = table["rows"]
    index = {key: {v: i for i, v in enumerate(vals)} for key, vals in _options(table).items()}
    files = {}
    for k in range(max(1, math.ceil(len(rows) / chunk))):
        data = [
            {"id": r["id"], "c": r["cells"], "f": [[index[key][v] for v in r["filters"].get(key, [])] for key in index]}
            for r in rows[k * chunk : (k + 1) * chunk]
        ]
        text = json.dumps({"rows": data}, ensure_ascii=False, separators=(",", ":")) + "\n"
        files[f"assets/tables/{table['id']}-{k}.json"] = text.encode("utf-8")
    return files
