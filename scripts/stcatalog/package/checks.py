"""Checks of the published package: drift from the sources, its Table Schemas (DuckDB every time,
frictionless as well on request, as in CI), and the JSON Schemas."""

from __future__ import annotations

import contextlib
import filecmp
import io
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..checks.schema import SchemaCheck
from ..core import paths
from ..core.problems import ProblemList
from ..model.catalog import Catalog
from . import verified
from .columnar import check_tables
from .export import package_files, package_meta

FIX = "Run: stcatalog build"


def check_package(
    catalog: Catalog,
    problems: ProblemList,
    target: Path | None = None,
    frictionless: bool = False,
    key: str | None = None,
) -> None:
    """Every check of the package; `key` (inputs_key, taken before loading) lets the drift check
    trust its record of the last clean check (package/verified.py)."""
    if target is not None:
        key = None  # the record is of datasets/package only
    target = target or paths.package_dir(catalog.base)
    rel = target.relative_to(catalog.base).as_posix() if target.is_relative_to(catalog.base) else target.as_posix()
    if not (target / "datapackage.json").is_file():
        problems.add(f"{rel}/datapackage.json", None, "", f"the package has not been built. {FIX}", "drift")
        return
    check_drift(catalog, target, rel, problems, key)  # first: it forks, which a running DuckDB thread must not see
    # DuckDB works outside the GIL: the Table Schema check runs on the other core while the JSON
    # Schemas are checked here; the problems are reported in the same order as one after the other.
    tables, outputs = ProblemList(), ProblemList()
    with ThreadPoolExecutor(1) as pool:
        columnar = pool.submit(check_tables, target, rel, tables)
        check_json_outputs(target, rel, outputs)
        columnar.result()
    problems.extend(tables)
    if frictionless:
        check_frictionless(target, rel, problems)
    problems.extend(outputs)


def check_drift(catalog: Catalog, target: Path, rel: str, problems: ProblemList, key: str | None = None) -> None:
    """Compare, file by file, what the sources produce with the committed package; with `key`, not
    again while the inputs and the package's bytes are those of the last clean check."""
    if key is not None and verified.unchanged(catalog.base, target, key):
        return
    on_disk = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    found: list[tuple[str, int | None, str]] = []
    for name, expected in package_files(catalog, package_meta(catalog.base)):
        if name not in on_disk:
            found.append((name, None, "file is missing from the committed package"))
            continue
        on_disk.discard(name)
        if not _same(expected, target / name):
            line = _first_diff_line(expected, target / name)
            found.append((name, line, "file differs from what the sources produce"))
    found += [(name, None, "file is not produced by the sources any more") for name in on_disk]
    if key is not None:
        if found:
            verified.forget(catalog.base)
        else:
            verified.remember(catalog.base, target, key)
    for name, line, message in sorted(found, key=lambda f: f[0]):
        problems.add(f"{rel}/{name}", line, "", f"{message}. {FIX}", "drift")


def _same(expected: bytes | Path, path: Path) -> bool:
    """Whether the file holds exactly these bytes (or this made file's), read in blocks, not whole."""
    if isinstance(expected, bytes):
        return path.stat().st_size == len(expected) and path.read_bytes() == expected
    return filecmp.cmp(expected, path, shallow=False)


def _first_diff_line(expected: bytes | Path, path: Path) -> int | None:
    """The first line where the two differ (None where one ends first), read line by line."""
    with contextlib.ExitStack() as stack:
        made = io.BytesIO(expected) if isinstance(expected, bytes) else stack.enter_context(expected.open("rb"))
        actual = stack.enter_context(path.open("rb"))
        for i, (x, y) in enumerate(zip(made, actual), start=1):
            if x.rstrip(b"\n") != y.rstrip(b"\n"):
                return i
    return None


def check_frictionless(target: Path, rel: str, problems: ProblemList) -> None:
    """Run the standard Frictionless validation with no error limit, one problem per error: in the CSV
    it names, a row error (a key) with its fields joined by commas."""
    from frictionless import FrictionlessException, Package

    try:
        package = Package(str(target / "datapackage.json"))
        # The Parquet copies hold the CSV's rows (the drift check proves their bytes); frictionless reads
        # Parquet through pandas row by row, which was 70% of the whole check at 1,000 guides.
        for name in [r.name for r in package.resources if r.format == "parquet"]:
            package.remove_resource(name)
        report = package.validate(limit_errors=sys.maxsize)
    except (FrictionlessException, OSError, ValueError, TypeError) as exc:
        problems.add(f"{rel}/datapackage.json", None, "", f"frictionless cannot read the package: {exc}. {FIX}",
                     "frictionless:package-error")  # fmt: skip
        return
    keys = {r.name: ",".join(r.schema.primary_key) for r in package.resources if hasattr(r, "schema")}
    for task in report.tasks:
        place = getattr(task, "place", "") or ""
        path = f"{rel}/{place}" if place and not place.endswith(".json") else f"{rel}/datapackage.json"
        for error in task.errors:
            row = getattr(error, "row_number", None)
            field = getattr(error, "field_name", "") or ",".join(getattr(error, "field_names", None) or [])
            if error.type == "primary-key":
                field = keys.get(task.name, "")
            problems.add(path, None, field, f"{error.title}: {error.note}", f"frictionless:{error.type}", row=row)
    for error in report.errors:
        problems.add(f"{rel}/datapackage.json", None, "", f"{error.title}: {error.note}", f"frictionless:{error.type}")


def check_json_outputs(target: Path, rel: str, problems: ProblemList) -> None:
    schemas = target / "schemas"
    pairs = [
        (p, schemas / f"{p.stem}.schema.json")
        for p in sorted((target / "json").glob("*.json"))
        if p.name != "index.json"
    ]
    pairs.append((target / "json" / "index.json", schemas / "index.schema.json"))
    pairs += [(p, schemas / "guide.schema.json") for p in sorted((target / "json" / "guides").glob("*.json"))]
    compiled: dict[Path, SchemaCheck] = {}
    for data_path, schema_path in pairs:
        name = f"{rel}/{data_path.relative_to(target).as_posix()}"
        if not schema_path.is_file():
            problems.add(name, None, "", f"no JSON Schema {schema_path.name} for this file. {FIX}", "json-schema")
            continue
        if schema_path not in compiled:
            compiled[schema_path] = SchemaCheck(json.loads(schema_path.read_text(encoding="utf-8")))
        validator = compiled[schema_path]
        found = _table_file_problems(data_path, validator, name)
        if found is None:  # not a table file as written by build (a guide's document, the index, an edit)
            found = _problems(json.loads(data_path.read_text(encoding="utf-8")), validator, name)
        for problem in found:
            problems.append(problem)


BATCH = 5_000  # rows of a table file validated at once


def _problems(data, validator: SchemaCheck, name: str, first_row: int = 0) -> list:
    """The problems of data (rows from first_row on, for part of a table file)."""
    found = ProblemList()
    if validator.is_valid(data):
        return found
    for err in validator.iter_errors(data):
        path = list(err.absolute_path)
        if path and isinstance(path[0], int):
            path[0] += first_row
        row = path[0] + 1 if path and isinstance(path[0], int) else None
        found.add(name, None, ".".join(map(str, path)), err.message[:300], "json-schema", row=row)
    return found


def _table_file_problems(path: Path, validator: SchemaCheck, name: str) -> list | None:
    """A table's JSON file checked a batch of rows at a time, never whole (at 10,000 guides a table's
    objects are gigabytes). Only for an array schema with nothing but its items to check, and a file in
    build's layout ("[", one row a line, "]"); None otherwise, for the whole file to be read. Each batch
    of lines is parsed as one array, so a batch that parses is whole rows, and the problems are those
    of the whole array."""
    if set(validator.schema) - {"$schema", "$id", "title", "type", "items"} or validator.schema.get("type") != "array":
        return None
    found: list = []
    done = 0
    with path.open(encoding="utf-8") as f:
        first = f.readline()
        if first == "[]\n":
            return None if f.read() else _problems([], validator, name)
        if first != "[\n":
            return None
        batch: list[str] = []
        for line in f:
            if line == "]\n":
                break
            batch.append(line)
            if len(batch) == BATCH:
                rows = _rows(batch, more=True)
                if rows is None:
                    return None
                found += _problems(rows, validator, name, done)
                done += len(rows)
                batch = []
        else:
            return None  # the array is not closed
        rows = _rows(batch, more=False) if batch and not f.read() else None
    return None if rows is None else found + _problems(rows, validator, name, done)


def _rows(lines: list[str], more: bool) -> list | None:
    """The rows on these lines, which end with a comma if more rows follow and not otherwise."""
    text = "".join(lines).rstrip()
    if text.endswith(",") != more:
        return None
    try:
        rows = json.loads("[" + (text[:-1] if more else text) + "]")
    except ValueError:
        return None
    return rows
