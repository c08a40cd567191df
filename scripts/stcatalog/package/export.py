"""Write the published data package: every file in a fixed order, written atomically, with a record
of the inputs it was made from.

Builds are deterministic (the same inputs give byte-identical files) and atomic: everything is
written to a temporary folder beside the target and swapped in only when complete. What each file
holds is made in `schemas` (datapackage.json, JSON Schemas) and `encode` (CSV, JSON, XLSX bytes).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..core import parallel, paths
from ..core.files import custom_output, write_tree
from ..core.public_url import ENV as PUBLIC_URL_ENV
from ..core.public_url import public_url
from ..model.catalog import Catalog
from ..sources.package_meta import package_meta as package_meta  # re-exported: callers import it from here
from ..sources.strict import bytes_for_key
from . import parquet
from .encode import csv_bytes, doc_json, json_bytes, rows_json, xlsx_bytes
from .schemas import datapackage, input_schema, output_json_schemas
from .tables import TABLES, rows_by_guide, table_rows


def render_package(catalog: Catalog, meta: dict) -> dict[str, bytes]:
    """Every file of the package as {relative path: bytes}, in memory (for small catalogs and tests)."""
    return dict(package_files(catalog, meta))


def package_files(catalog: Catalog, meta: dict, fork: bool = True) -> Iterator[tuple[str, bytes]]:
    """Every file of the package as (relative path, bytes), one at a time and always in the same order:
    a large catalog's package is written or compared file by file, never held whole in memory.

    With fork, the XLSX (the slowest file) is written on the other core meanwhile. The site does not
    fork: its renders already use both cores, and a forked copy of a large catalog costs memory."""
    rows = table_rows(catalog)
    xlsx = parallel.fork_call(lambda: xlsx_bytes(rows)) if fork else (lambda: xlsx_bytes(rows))
    yield "datapackage.json", json_bytes(datapackage(meta, catalog))
    for table in TABLES:
        yield f"data/{table.name}.csv", csv_bytes(table, rows[table.name])
        yield f"json/{table.name}.json", (rows_json(rows[table.name]) + "\n").encode("utf-8")
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
                    yield f"data/guides/{gid}/{table.name}.csv", csv_bytes(table, extract)
        yield f"json/guides/{gid}.json", doc_json(doc)
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
        json_bytes(
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
        yield f"schemas/{name}", json_bytes(schema)
    for name in ("source.schema.json", "vocabularies.schema.json", "manifest.schema.json"):
        yield f"schemas/{name}", input_schema(paths.schemas_dir(catalog.base) / name, public_url(meta))
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
