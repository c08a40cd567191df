"""Write the published data package: every file in a fixed order, written atomically, with a record
of the inputs it was made from.

Builds are deterministic (the same inputs give byte-identical files) and atomic: everything is
written to a temporary folder beside the target and swapped in only when complete. What each file
holds is made in `schemas` (datapackage.json, JSON Schemas) and `encode` (CSV, JSON, XLSX bytes).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
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
from .encode import TableFiles, Workbook, csv_bytes, doc_json, json_bytes
from .schemas import datapackage, input_schema, output_json_schemas
from .tables import TABLES, stream_tables


def render_package(catalog: Catalog, meta: dict) -> dict[str, bytes]:
    """Every file of the package as {relative path: bytes}, in memory (for small catalogs and tests)."""
    return {name: data if isinstance(data, bytes) else data.read_bytes() for name, data in package_files(catalog, meta)}


def write_xlsx(catalog: Catalog, path: Path) -> Path:
    """catalog.xlsx, from a pass of its own over the guides (so it can run on the other core)."""
    wb = Workbook(path)
    for _ in stream_tables(catalog, wb.write):
        pass
    wb.close()
    return path


def package_files(catalog: Catalog, meta: dict, fork: bool = True) -> Iterator[tuple[str, bytes | Path]]:
    """Every file of the package as (relative path, bytes or a finished file), one at a time and always
    in the same order. The catalog is read guide by guide: each guide's own files are made as it
    comes, and the whole tables are written in pieces to files in a temporary folder, given as their
    paths once complete (the consumer reads or moves each before taking the next), so a large catalog's
    package is never in memory.

    With fork, the XLSX (the slowest file) is written on the other core meanwhile. The site does not
    fork: its renders already use both cores."""
    with tempfile.TemporaryDirectory(prefix="stcatalog-package-") as work_dir:
        work = Path(work_dir)
        xlsx_path = work / "catalog.xlsx"
        xlsx = parallel.fork_call(lambda: write_xlsx(catalog, xlsx_path)) if fork else None
        yield "datapackage.json", json_bytes(datapackage(meta, catalog))
        for folder in ("data", "json", "parquet"):
            (work / folder).mkdir()
        files = {t.name: TableFiles(t, work / f"data/{t.name}.csv", work / f"json/{t.name}.json") for t in TABLES}
        parquets = {t.name: parquet.ParquetFile(t, work / parquet.path(t)) for t in TABLES}

        def write(name: str, rows: list[dict]) -> None:
            files[name].write(rows)
            parquets[name].write(rows)

        guides_index = []
        for guide, rows in stream_tables(catalog, write):
            for guide_row in rows["guides"]:
                gid = guide_row["id"]
                doc: dict[str, object] = {"guide": guide_row}
                for table in TABLES:
                    if table.per_guide:
                        doc[table.name] = extract = rows[table.name]
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
        for table in TABLES:
            files[table.name].close()
            parquets[table.name].close()
            yield f"data/{table.name}.csv", work / f"data/{table.name}.csv"
            yield f"json/{table.name}.json", work / f"json/{table.name}.json"
            yield parquet.path(table), work / parquet.path(table)
        yield (
            "json/index.json",
            json_bytes(
                {
                    "name": meta["name"],
                    "version": meta["version"],
                    "tables": {t.name: {"path": f"json/{t.name}.json", "rows": files[t.name].rows} for t in TABLES},
                    "guides": guides_index,
                }
            ),
        )
        yield "catalog.xlsx", xlsx() if xlsx else write_xlsx(catalog, xlsx_path)
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


def write_package(files: Iterable[tuple[str, bytes | Path]], base: Path, key: str, target: Path | None = None) -> int:
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
