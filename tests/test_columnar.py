"""The columnar check of the package (package/columnar.py, DuckDB) against the standard one
(frictionless): on packages broken one constraint kind at a time, both report the same
(file, row, field) set; and the columnar check alone turns hostile tables into plain problems."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from stcatalog.core.problems import ProblemList
from stcatalog.package.checks import check_frictionless
from stcatalog.package.columnar import check_tables
from stcatalog.package.validate import validate_all

from .conftest import REPO, copy_mini
from .test_broken_inputs import Case

REL = "datasets/package"


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def set_cell(table: str, row: int, field: str, value: str) -> Callable[[Path], None]:
    """Set a cell; row as frictionless counts (the header is row 1)."""

    def apply(package: Path) -> None:
        path = package / "data" / f"{table}.csv"
        rows = rows_of(path)
        rows[row - 1][rows[0].index(field)] = value
        write_rows(path, rows)

    return apply


def copy_row(table: str, source: int, extra: dict[str, str] | None = None) -> Callable[[Path], None]:
    """Append a copy of a row (with some cells changed): a repeated key."""

    def apply(package: Path) -> None:
        path = package / "data" / f"{table}.csv"
        rows = rows_of(path)
        new = list(rows[source - 1])
        for field, value in (extra or {}).items():
            new[rows[0].index(field)] = value
        write_rows(path, [*rows, new])

    return apply


# name, tamper, the columnar code it must produce, where (CSV, row, field)
BROKEN = [
    ("type-integer", set_cell("sections", 2, "position", "x1"), "table-type", ("sections", 2, "position")),
    ("type-number", set_cell("funding", 3, "value_min", "1,5"), "table-type", ("funding", 3, "value_min")),
    ("type-date", set_cell("guides", 2, "date", "2021-02-30"), "table-type", ("guides", 2, "date")),
    ("required", set_cell("guides", 2, "title_en", ""), "table-required", ("guides", 2, "title_en")),
    ("enum", set_cell("guides", 2, "issuer_level", "galactic"), "table-enum", ("guides", 2, "issuer_level")),
    ("pattern", set_cell("sections", 3, "local_id", "Bad_Id"), "table-pattern", ("sections", 3, "local_id")),
    ("minimum", set_cell("sections", 3, "position", "0"), "table-range", ("sections", 3, "position")),
    ("unique", copy_row("sections", 2, {"local_id": "other"}), "table-unique", ("sections", 4, "id")),
    (
        "primary-key",
        copy_row("scope_regions", 2),
        "table-primary-key",
        ("scope_regions", 4, "scope_id,region_code,role"),
    ),
    ("primary-key-empty", set_cell("units", 2, "id", ""), "table-primary-key", ("units", 2, "id")),
    (
        "foreign-key",
        set_cell("scope_domains", 2, "domain_id", "no-such-domain"),
        "table-foreign-key",
        ("scope_domains", 2, "domain_id"),
    ),
    (
        "foreign-key-self",
        set_cell("sections", 3, "parent_id", "demo-2021-call--nowhere"),
        "table-foreign-key",
        ("sections", 3, "parent_id"),
    ),
]
# Cells both engines read as valid although they look odd: the columnar rules follow frictionless's.
ACCEPTED = [
    ("integer-with-spaces", set_cell("sections", 2, "position", " 3 ")),
    ("integer-with-sign-and-underscore", set_cell("sections", 2, "position", "+1_0")),
    ("number-with-exponent", set_cell("funding", 3, "value_min", "1e2")),
    ("number-infinity", set_cell("funding", 3, "value_max", "Infinity")),
    ("date-without-zero-padding", set_cell("guides", 2, "date", "2021-3-5")),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from stcatalog.cli import main

    root = copy_mini(tmp_path_factory.mktemp("columnar") / "repo")
    assert main(["--root", str(root), "build"]) == 0
    return root / REL


def found_by_both(built: Path, tmp_path: Path, tamper) -> tuple[ProblemList, ProblemList]:
    package = tmp_path / "package"
    shutil.copytree(built, package)
    tamper(package)
    columnar, standard = ProblemList(), ProblemList()
    check_tables(package, REL, columnar)
    check_frictionless(package, REL, standard)
    return columnar, standard


def where(problems) -> set[tuple[str, int | None, str]]:
    return {(p.file, p.row, p.field) for p in problems}


def test_the_clean_package_passes_both(built, tmp_path):
    columnar, standard = found_by_both(built, tmp_path, lambda package: None)
    assert columnar == [] and standard == []


@pytest.mark.parametrize("name,tamper,code,at", BROKEN, ids=[b[0] for b in BROKEN])
def test_both_engines_find_the_same_errors(built, tmp_path, name, tamper, code, at):
    columnar, standard = found_by_both(built, tmp_path, tamper)
    table, row, field = at
    assert (f"{REL}/data/{table}.csv", row, field) in where(columnar)
    assert any(p.code == code and p.field == field for p in columnar), [p.text() for p in columnar]
    assert where(columnar) == where(standard), (
        [p.text() for p in columnar],
        [p.text() for p in standard],
    )
    assert all(p.line == p.row for p in columnar)  # no line break inside a mini cell


@pytest.mark.parametrize("name,tamper", ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_both_engines_accept_the_same_odd_cells(built, tmp_path, name, tamper):
    assert found_by_both(built, tmp_path, tamper) == ([], [])


def test_a_row_after_a_line_break_names_its_line_and_its_row(built, tmp_path):
    def tamper(package):
        set_cell("sections", 2, "text_en", "first line\nsecond line")(package)
        set_cell("sections", 3, "position", "three")(package)

    columnar, standard = found_by_both(built, tmp_path, tamper)
    assert [(p.row, p.line, p.field, p.code) for p in columnar] == [(3, 4, "position", "table-type")]
    assert where(columnar) == where(standard)
    assert columnar[0].message == "'three' is not of type integer. Run: stcatalog build"


def _descriptor(edit: Callable[[dict], None]) -> Callable[[Path], None]:
    def apply(package: Path) -> None:
        path = package / "datapackage.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        edit(data)
        path.write_text(json.dumps(data), encoding="utf-8")

    return apply


def _resource(data: dict, name: str) -> dict:
    return next(r for r in data["resources"] if r["name"] == name)


def _ragged(package: Path) -> None:
    path = package / "data" / "units.csv"
    path.write_bytes(path.read_bytes() + b"extra,cells\r\n")


HOSTILE = [
    (
        "path-outside",
        _descriptor(lambda d: _resource(d, "units").update(path="../../../etc/passwd")),
        ("datapackage.json", None, "", "table-resource", "no such CSV file"),
    ),
    (
        "header",
        lambda package: (package / "data/units.csv").write_bytes(
            (package / "data/units.csv").read_bytes().replace(b"id,", b"ident,", 1)
        ),
        ("data/units.csv", 1, "", "table-header", "the header is"),
    ),
    ("ragged-row", _ragged, ("data/units.csv", None, "", "table-row", "missing columns")),
    (
        "unknown-type",
        _descriptor(lambda d: _resource(d, "units")["schema"]["fields"][0].update(type="geopoint")),
        ("data/units.csv", None, "", "table-resource", "field type geopoint"),
    ),
    (
        "look-around-pattern",
        _descriptor(lambda d: _resource(d, "units")["schema"]["fields"][0]["constraints"].update(pattern="(?=a)")),
        ("data/units.csv", None, "id", "table-resource", "cannot run the pattern"),
    ),
    (
        "sql-in-names",
        _descriptor(lambda d: _resource(d, "units")["schema"]["fields"][0]["constraints"].update(enum=["'); --"])),
        ("data/units.csv", 2, "id", "table-enum", "is not one of the allowed values"),
    ),
    (
        "minimum-not-a-number",
        _descriptor(lambda d: _resource(d, "sections")["schema"]["fields"][3]["constraints"].update(minimum="one")),
        ("data/sections.csv", None, "", "table-resource", "cannot apply this table's constraints"),
    ),
    (
        "schema-not-a-mapping",
        _descriptor(lambda d: _resource(d, "units").update(schema=["id"])),
        ("data/units.csv", None, "", "table-resource", "a table with no fields"),
    ),
    (
        "not-json",
        lambda package: (package / "datapackage.json").write_text("{", encoding="utf-8"),
        ("datapackage.json", None, "", "table-resource", "cannot read the descriptor"),
    ),
]


@pytest.mark.parametrize("name,tamper,expected", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_tables_are_plain_problems(built, tmp_path, name, tamper, expected):
    package = tmp_path / "package"
    shutil.copytree(built, package)
    tamper(package)
    found = ProblemList()
    check_tables(package, REL, found)
    file, line, field, code, message = expected
    assert any(
        (p.file, p.field, p.code) == (f"{REL}/{file}", field, code)
        and message in p.message
        and (line is None or p.line == line)
        for p in found
    ), [p.text() for p in found]


def test_the_published_package_passes_the_standard_check():
    """In CI (make test): the real package through both engines, frictionless's report as problems."""
    problems = validate_all(REPO, frictionless=True)
    assert problems == [], "\n".join(p.text() for p in problems[:20])


def _built_and_counted(tmp_path, monkeypatch) -> tuple[Path, list]:
    """A built mini repository, and a list that grows each time the drift check makes the package again."""
    import stcatalog.package.checks as checks
    from stcatalog.cli import main

    root = copy_mini(tmp_path / "repo")
    assert main(["--root", str(root), "build"]) == 0
    made: list = []
    real = checks.package_files
    monkeypatch.setattr(checks, "package_files", lambda cat, meta: made.append(1) or real(cat, meta))
    return root, made


def test_validate_trusts_its_drift_record_only_while_nothing_changed(tmp_path, monkeypatch):
    from stcatalog.cli import main

    root, made = _built_and_counted(tmp_path, monkeypatch)
    assert validate_all(root) == [] and made == [1]  # the full check, then recorded
    assert validate_all(root) == [] and made == [1]  # nothing changed: not made again
    csv_path = root / REL / "data/indicators.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace(b"300", b"301"))
    found = validate_all(root)
    assert made == [1, 1] and [(p.file, p.code) for p in found] == [(f"{REL}/data/indicators.csv", "drift")]
    assert validate_all(root) != [] and made == [1, 1, 1]  # a failed check is not recorded
    assert main(["--root", str(root), "build"]) == 0
    assert validate_all(root) == [] and validate_all(root) == [] and len(made) == 4
    source = next((root / "datasets/sources").glob("*.yaml"))
    source.write_text(source.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")  # the inputs change
    assert validate_all(root) == [] and len(made) == 5


def _built_then(tamper) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        from stcatalog.cli import main

        assert main(["--root", str(root), "build"]) == 0
        tamper(root / REL)

    return apply


def _case(name: str, tamper, code: str, file: str, field: str, message: str) -> Case:
    return Case(f"columnar-{name}", _built_then(tamper), f"{REL}/{file}", None, field, code, message)


# Fixtures for tests/test_problem_codes.py: one per table-* code, through `validate`.
CASES = [
    _case(name, tamper, code, f"data/{at[0]}.csv", at[2], "Run: stcatalog build")
    for name, tamper, code, at in BROKEN
    if name in ("type-integer", "required", "enum", "pattern", "minimum", "unique", "primary-key", "foreign-key")
] + [_case(name, tamper, e[3], e[0], e[2], e[4]) for name, tamper, e in HOSTILE if name != "sql-in-names"]


def test_a_drift_record_brought_by_a_pull_request_is_not_trusted(tmp_path, monkeypatch):
    """The record is signed with this machine's key: one made elsewhere (or edited) means the full check."""
    import hashlib
    import hmac
    import json

    root, made = _built_and_counted(tmp_path, monkeypatch)
    assert validate_all(root) == [] and made == [1]
    record = root / "build" / "cache" / "package-verified.json"
    signed = json.loads(record.read_text(encoding="utf-8"))
    forged = hmac.new(b"another machine", signed["body"].encode(), hashlib.sha256).hexdigest()
    record.write_text(json.dumps({"body": signed["body"], "signature": forged}), encoding="utf-8")
    assert validate_all(root) == [] and made == [1, 1]  # not trusted: the package was made again
    record.write_text(json.dumps(json.loads(signed["body"])), encoding="utf-8")  # an unsigned record
    assert validate_all(root) == [] and made == [1, 1, 1]
    assert validate_all(root) == [] and made == [1, 1, 1]  # its own record, written again, is trusted
