"""Write the published data package: datapackage.json, CSV, JSON, XLSX and JSON Schemas.

Builds are deterministic (the same inputs give byte-identical files) and atomic: everything is
written to a temporary folder beside the target and swapped in only when complete.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from ..core import parallel, paths
from ..core.files import custom_output, write_tree
from ..core.formula import safe_cell
from ..core.public_url import ENV as PUBLIC_URL_ENV
from ..core.public_url import public_url
from ..model.catalog import Catalog, CodeList
from ..sources.package_meta import package_meta as package_meta  # re-exported: callers import it from here
from ..sources.strict import bytes_for_key
from . import parquet
from .tables import TABLES, Table, enum_of, rows_by_guide, table_rows

FIXED_TIME = datetime(2000, 1, 1)


# Schemas ------------------------------------------------------------------------------------------
def table_schema(table: Table, codelists: dict[str, CodeList]) -> dict:
    fields = []
    for f in table.fields:
        enum = enum_of(f, codelists)
        out: dict[str, object] = {"name": f.name, "type": f.type, "description": f.en, "description_zh": f.zh}
        constraints: dict[str, object] = {}
        if f.required:
            constraints["required"] = True
        if f.unique:
            constraints["unique"] = True
        if enum:
            constraints["enum"] = list(enum)
        if f.pattern:
            constraints["pattern"] = f.pattern
        if f.minimum is not None:
            constraints["minimum"] = f.minimum
        if constraints:
            out["constraints"] = constraints
        fields.append(out)
    schema = {"fields": fields, "primaryKey": list(table.primary_key), "missingValues": [""]}
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(local), "reference": {"resource": "" if res == table.name else res, "fields": list(remote)}}
            for local, res, remote in table.foreign_keys
        ]
    return schema


_JSON_TYPES = {"string": "string", "integer": "integer", "number": "number", "date": "string"}


def row_json_schema(table: Table, codelists: dict[str, CodeList]) -> dict:
    """JSON Schema of one row, from the same declaration as the Table Schema."""
    props = {}
    for f in table.fields:
        p: dict = {"type": [_JSON_TYPES[f.type]] + ([] if f.required else ["null"]), "description": f.en}
        if f.type == "date":
            p["format"] = "date"
        enum = enum_of(f, codelists)
        if enum:
            p["enum"] = list(enum) + ([] if f.required else [None])
        if f.pattern:
            p["pattern"] = f.pattern
        if f.minimum is not None:
            p["minimum"] = f.minimum
        props[f.name] = p
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in table.fields],
        "properties": props,
        "description": table.description_en,
    }


def output_json_schemas(meta: dict, codelists: dict[str, CodeList]) -> dict[str, dict]:
    url = public_url(meta)
    base = f"{url}data/schemas/" if url else None

    def ident(name: str) -> dict:
        """$id only where the public URL is known: no made-up host is written."""
        return {"$id": base + name} if base else {}

    rows = {t.name: row_json_schema(t, codelists) for t in TABLES}
    tables = {
        f"{t.name}.schema.json": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **ident(f"{t.name}.schema.json"),
            "title": f"{t.title_en} ({t.title_zh})",
            "type": "array",
            "items": rows[t.name],
        }
        for t in TABLES
    }
    per_guide = [t for t in TABLES if t.per_guide]
    guide_doc = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **ident("guide.schema.json"),
        "title": "One guide with all its records (指南全部记录)",
        "type": "object",
        "additionalProperties": False,
        "required": ["guide"] + [t.name for t in per_guide],
        "properties": {
            "guide": rows["guides"],
            **{t.name: {"type": "array", "items": rows[t.name]} for t in per_guide},
        },
    }
    index = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **ident("index.schema.json"),
        "title": "Index of the package's JSON files",
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "version", "tables", "guides"],
        "properties": {
            "name": {"type": "string"},
            "version": {"type": "string"},
            "tables": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "required": ["path", "rows"],
                    "properties": {"path": {"type": "string"}, "rows": {"type": "integer", "minimum": 0}},
                },
            },
            "guides": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "title_zh", "title_en", "year", "path"],
                    "properties": {
                        "id": {"type": "string"},
                        "title_zh": {"type": "string"},
                        "title_en": {"type": "string"},
                        "year": {"type": "integer"},
                        "path": {"type": "string"},
                    },
                },
            },
        },
    }
    return {**tables, "guide.schema.json": guide_doc, "index.schema.json": index}


def datapackage(meta: dict, catalog: Catalog) -> dict:
    sources = []
    for file, doc in sorted(catalog.manifest.items()):
        sources.append(
            {
                "title": doc["title"]["value"],
                "path": doc.get("source_url") or f"raw/{file}",
                "raw": f"raw/{file}",
                "sha256": doc["sha256"],
            }
        )
    resources = []
    for t in TABLES:
        resources.append(
            {
                "name": t.name,
                "title": f"{t.title_en} / {t.title_zh}",
                "description": t.description_en,
                "description_zh": t.description_zh,
                "path": f"data/{t.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {
                    "delimiter": ",",
                    "lineTerminator": "\r\n",
                    "quoteChar": '"',
                    "doubleQuote": True,
                    "header": True,
                },
                "schema": table_schema(t, catalog.codelists),
            }
        )
    resources += [parquet.resource(t, table_schema(t, catalog.codelists)) for t in TABLES]
    url = public_url(meta)  # None while no public URL is set: then id and homepage are left out
    return {
        "profile": "tabular-data-package",
        "name": meta["name"],
        **({"id": f"{url}data/"} if url else {}),
        "title": meta["title"]["en"],
        "title_zh": meta["title"]["zh"],
        "description": meta["description"]["en"],
        "description_zh": meta["description"]["zh"],
        "version": meta["version"],
        "created": meta["created"] + "T00:00:00Z",
        **({"homepage": url} if url else {}),
        "keywords": meta["keywords"],
        "licenses": meta["licenses"],
        "contributors": meta["contributors"],
        "sources": sources,
        "changelog": meta["changelog"],
        "resources": resources,
    }


# Writers ------------------------------------------------------------------------------------------
def _json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _row(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False)


def _rows_json(rows: list[dict], indent: str = "") -> str:
    """A JSON array with one record per line: diffs show changed records, and the C encoder is used."""
    if not rows:
        return "[]"
    return "[\n" + ",\n".join(f"{indent}  {_row(r)}" for r in rows) + f"\n{indent}]"


def _doc_json(doc: dict) -> bytes:
    """{"guide": record, table: [records]} with one record per line."""
    parts = [
        f"  {json.dumps(key)}: {_row(value) if isinstance(value, dict) else _rows_json(value, '  ')}"
        for key, value in doc.items()
    ]
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")


def _csv(table: Table, rows: list[dict]) -> bytes:
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


def _xlsx(rows_by_table: dict[str, list[dict]]) -> bytes:
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


def _input_schema(path: Path, url: str | None) -> bytes:
    """A schema of the curated files as written, with an $id under the public URL when there is one."""
    data = path.read_bytes()
    if url is None:
        return data
    line = f'  "$id": {json.dumps(f"{url}data/schemas/{path.name}")},\n'.encode()
    head, sep, rest = data.partition(b"\n")
    return head + sep + line + rest


def render_package(catalog: Catalog, meta: dict) -> dict[str, bytes]:
    """Every file of the package as {relative path: bytes}, in memory (for small catalogs and tests)."""
    return dict(package_files(catalog, meta))


def package_files(catalog: Catalog, meta: dict, fork: bool = True) -> Iterator[tuple[str, bytes]]:
    """Every file of the package as (relative path, bytes), one at a time and always in the same order:
    a large catalog's package is written or compared file by file, never held whole in memory.

    With fork, the XLSX (the slowest file) is written on the other core meanwhile. The site does not
    fork: its renders already use both cores, and a forked copy of a large catalog costs memory."""
    rows = table_rows(catalog)
    xlsx = parallel.fork_call(lambda: _xlsx(rows)) if fork else (lambda: _xlsx(rows))
    yield "datapackage.json", _json(datapackage(meta, catalog))
    for table in TABLES:
        yield f"data/{table.name}.csv", _csv(table, rows[table.name])
        yield f"json/{table.name}.json", (_rows_json(rows[table.name]) + "\n").encode("utf-8")
        yield parquet.path(table), parquet.parquet_bytes(table, rows[table.name])
    guides_index = []
    grouped = rows_by_guide(rows)
    for guide_row in rows["guides"]:
        gid = guide_row["id"]
        doc: dict[str, object] = {"guide": guide_row}
        for table in TABLES:
            if table.per_guide:
                doc[table.name] = extract = grouped[gid][table.name]
                if extract:  # per-guide extracts for readers who want one document's rows
                    yield f"data/guides/{gid}/{table.name}.csv", _csv(table, extract)
        yield f"json/guides/{gid}.json", _doc_json(doc)
        guides_index.append(
            {
                "id": gid,
                "title_zh": guide_row["title_zh"],
                "title_en": guide_row["title_en"],
                "year": guide_row["year"],
                "path": f"json/guides/{gid}.json",
            }
        )
    yield (
        "json/index.json",
        _json(
            {
                "name": meta["name"],
                "version": meta["version"],
                "tables": {t.name: {"path": f"json/{t.name}.json", "rows": len(rows[t.name])} for t in TABLES},
                "guides": guides_index,
            }
        ),
    )
    yield "catalog.xlsx", xlsx()
    for name, schema in output_json_schemas(meta, catalog.codelists).items():
        yield f"schemas/{name}", _json(schema)
    for name in ("source.schema.json", "vocabularies.schema.json", "manifest.schema.json"):
        yield f"schemas/{name}", _input_schema(paths.schemas_dir(catalog.base) / name, public_url(meta))
    for file in sorted(catalog.manifest):
        yield f"raw/{file}", (paths.raw_dir(catalog.base) / file).read_bytes()


def inputs_key(base: Path | None = None) -> str:
    """A digest of everything the package is made from: sources, raw documents, vocabularies, release
    metadata, schemas and this code. `build` records it beside its output; the site then copies the
    built package instead of making it again, as long as nothing it is made from has changed."""
    base = base or paths.root()
    h = hashlib.sha256()
    folders = [paths.datasets(base) / name for name in ("sources", "raw", "vocabularies", "codelists")] + [
        paths.schemas_dir(base)
    ]
    files = [
        (f.relative_to(base).as_posix(), f)
        for folder in folders
        for f in sorted(folder.rglob("*"))
        if f.is_file() or f.is_symlink()
    ]
    files.append(("datasets/package.yaml", paths.datasets(base) / "package.yaml"))
    h.update(b"public_url\0" + os.environ.get(PUBLIC_URL_ENV, "").encode() + b"\0")  # package.yaml's is hashed above
    code = Path(__file__).resolve().parents[1]
    files += [(f"code/{f.relative_to(code).as_posix()}", f) for f in sorted(code.rglob("*.py"))]
    for name, f in files:
        h.update(name.encode() + b"\0" + bytes_for_key(f) + b"\0")
    return h.hexdigest()


def _key_file(base: Path) -> Path:
    return base / "build" / "cache" / "package.key"


def write_package(files: Iterable[tuple[str, bytes]], base: Path, key: str, target: Path | None = None) -> int:
    """Write the package atomically, file by file; for the package in datasets/, record what it was
    made from (see inputs_key); any other must be new, empty or stcatalog's. Returns the file count."""
    default = paths.package_dir(base)
    target = target or default
    custom = custom_output(target, default)
    if not custom:
        _key_file(base).unlink(missing_ok=True)
    count = write_tree(files, target, marker=custom)
    if not custom:
        record_package(base, key)
    return count


def record_package(base: Path, key: str) -> None:
    """Note that datasets/package is what the inputs with this key make."""
    _key_file(base).parent.mkdir(parents=True, exist_ok=True)
    _key_file(base).write_text(key + "\n", encoding="utf-8")


def current_package(base: Path) -> Path | None:
    """datasets/package when `build` wrote it from exactly the current inputs, else None."""
    key_file, target = _key_file(base), paths.package_dir(base)
    if (
        key_file.is_file()
        and (target / "datapackage.json").is_file()
        and key_file.read_text(encoding="utf-8").strip() == inputs_key(base)
    ):
        return target
    return None
