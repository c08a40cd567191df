"""The schemas of the published package, all made from the table declarations: each table's Table
Schema, the JSON Schemas of the JSON outputs, datapackage.json, and the curated files' schemas as
published (with an $id under the public URL when there is one)."""

from __future__ import annotations

import json
from pathlib import Path

from ..core.public_url import public_url
from ..model.catalog import Catalog, CodeList
from . import parquet
from .tables import TABLES, Table, enum_of


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


def input_schema(path: Path, url: str | None) -> bytes:
    """A schema of the curated files as written, with an $id under the public URL when there is one."""
    data = path.read_bytes()
    if url is None:
        return data
    line = f'  "$id": {json.dumps(f"{url}data/schemas/{path.name}")},\n'.encode()
    head, sep, rest = data.partition(b"\n")
    return head + sep + line + rest
