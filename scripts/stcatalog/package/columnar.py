"""The Table Schema constraints of the package's CSV tables, checked with DuckDB: the everyday
`validate`. Frictionless reads every cell through Python objects (96x a plain CSV parse at 1,000
guides); here each table is read once into columns and all its constraints are one query.

Frictionless stays the standard check (`validate --frictionless`, in CI). The rules below follow
its reading of a cell (frictionless 5: `int()`, `Decimal()`, `strptime("%Y-%m-%d")` of the
stripped text, '' missing), and tests/test_columnar.py proves both engines find the same
(file, row, field) on broken packages. Nothing from the descriptor is spliced into SQL: columns are
c0, c1, ... and every name, pattern and value is a query parameter."""

from __future__ import annotations

import csv
import json
import tempfile
from functools import cache
from pathlib import Path

from ..core.problems import ProblemList

FIX = "Run: stcatalog build"
SPACE = r"[ \t\n\r\x0b\x0c]*"
INTEGER = r"[+-]?\d(_?\d)*"
NUMBER = r"[+-]?((\d(_?\d)*)(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?|(?i:[+-]?(inf|infinity|nan))"
SQL_TYPES = {"string": "VARCHAR", "integer": "HUGEINT", "number": "DOUBLE", "date": "DATE"}
# A cell's typed value from its text {r} (NULL when it is missing or not of the type).
TYPED = {
    "string": "{r}",
    "integer": f"CASE WHEN regexp_full_match({{r}}, '{SPACE}{INTEGER}{SPACE}') "
    "THEN TRY_CAST(replace(trim({r}, ' \t\n\r\x0b\x0c'), '_', '') AS HUGEINT) END",
    "number": f"CASE WHEN regexp_full_match({{r}}, '{SPACE}({NUMBER}){SPACE}') "
    "THEN TRY_CAST(replace(trim({r}, ' \t\n\r\x0b\x0c'), '_', '') AS DOUBLE) END",
    "date": r"CASE WHEN regexp_full_match({r}, '\d{{4}}-\d{{1,2}}-\d{{1,2}}') "
    "THEN CAST(try_strptime({r}, '%Y-%m-%d') AS DATE) END",
}
# Constraint -> (SQL condition of a failure on the typed value {c} with parameter ?, message).
BOUNDS = {
    "minimum": ("{c} < CAST(? AS {t})", "{v} is below the minimum {p}"),
    "maximum": ("{c} > CAST(? AS {t})", "{v} is above the maximum {p}"),
    "exclusiveMinimum": ("{c} <= CAST(? AS {t})", "{v} is not above {p}"),
    "exclusiveMaximum": ("{c} >= CAST(? AS {t})", "{v} is not below {p}"),
    "minLength": ("length({c}) < CAST(? AS BIGINT)", "{v} is shorter than {p} characters"),
    "maxLength": ("length({c}) > CAST(? AS BIGINT)", "{v} is longer than {p} characters"),
}
MEMORY = "1GB"  # DuckDB's own limit, of the 2 GB the whole `validate` may take at 10,000 guides
KNOWN = set(BOUNDS) | {"required", "unique", "enum", "pattern"}


class _Table:
    """One CSV resource: where it is, its fields, and its SQL names (t<i>, c<j>)."""

    def __init__(self, index: int, resource: dict, file: str):
        self.sql = f"t{index}"
        self.name = str(resource.get("name", ""))
        self.file = file
        schema = _mapping(resource.get("schema"))
        fields = schema.get("fields")
        self.fields = [f for f in fields if isinstance(f, dict)] if isinstance(fields, list) else []
        self.names = [str(f.get("name", "")) for f in self.fields]
        self.column = {name: f"c{j}" for j, name in enumerate(self.names)}
        pk = schema.get("primaryKey") or []
        self.primary_key = [pk] if isinstance(pk, str) else [str(k) for k in pk] if isinstance(pk, list) else []
        keys = schema.get("foreignKeys")
        self.foreign_keys = [k for k in keys if isinstance(k, dict)] if isinstance(keys, list) else []


def _mapping(value) -> dict:
    """The descriptor is input: a part that should be a mapping and is not counts as empty."""
    return value if isinstance(value, dict) else {}


def check_tables(target: Path, rel: str, problems: ProblemList) -> None:
    """Every constraint of every CSV resource, one problem per failing cell (or row, for keys)."""
    import duckdb

    try:
        descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
        resources = [r for r in descriptor["resources"] if isinstance(r, dict) and r.get("format", "csv") == "csv"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        problems.add(f"{rel}/datapackage.json", None, "", f"cannot read the descriptor: {exc}. {FIX}", "table-resource")
        return
    with tempfile.TemporaryDirectory(prefix="stcatalog-columnar-") as work:
        # One thread: at 1,000 guides on 2 shared cores a second thread added 70% CPU and no speed. A
        # database file and a memory limit: at 10,000 guides the tables are gigabytes, and DuckDB keeps
        # in memory only what the limit allows, the rest in the file and its temporary folder.
        con = duckdb.connect(
            str(Path(work) / "check.duckdb"), config={"threads": 1, "memory_limit": MEMORY, "temp_directory": work}
        )
        _check_all(con, resources, target, rel, problems)
        con.close()


def _check_all(con, resources: list[dict], target: Path, rel: str, problems: ProblemList) -> None:
    import duckdb

    tables: dict[str, _Table] = {}
    for index, resource in enumerate(resources):
        try:
            table = _load(con, index, resource, target, rel, problems)
        except duckdb.Error as exc:  # the file cannot be read as a CSV at all
            table = None
            problems.add(f"{rel}/datapackage.json", None, "", f"resource {resource.get('name')!r} cannot be read: "
                         f"{str(exc).splitlines()[0]}. {FIX}", "table-resource")  # fmt: skip
        if table is not None:
            tables[table.name] = table
    for table in tables.values():
        try:
            _check(con, table, tables, target / table.file[len(rel) + 1 :], problems)
        except duckdb.Error as exc:  # a constraint DuckDB cannot apply (a minimum that is not a number, ...)
            problems.add(table.file, None, "", f"the columnar check cannot apply this table's constraints: "
                         f"{str(exc).splitlines()[0]}; run: stcatalog validate --frictionless", "table-resource")  # fmt: skip


def _resource_file(resource: dict, target: Path) -> Path | None:
    path = resource.get("path")
    if not isinstance(path, str) or not path or path.startswith("/") or "\\" in path:
        return None
    full = (target / path).resolve()
    return full if full.is_relative_to(target.resolve()) and full.is_file() else None


def _load(con, index: int, resource: dict, target: Path, rel: str, problems: ProblemList) -> _Table | None:
    """Read the CSV into raw<i> (text columns r<j>) under the view t<i> (typed columns c<j>, rid = the
    row order); None
    with a problem when its path, header or rows cannot be read as its schema says."""
    path = _resource_file(resource, target)
    if path is None:
        problems.add(f"{rel}/datapackage.json", None, "", f"resource {resource.get('name')!r}: no such CSV file in "
                     f"the package: {resource.get('path')!r}. {FIX}", "table-resource")  # fmt: skip
        return None
    table = _Table(index, resource, f"{rel}/{path.relative_to(target.resolve()).as_posix()}")
    unknown = sorted({str(f.get("type", "string")) for f in table.fields} - set(TYPED))
    if unknown or not table.fields:
        what = f"field type {', '.join(unknown)}" if unknown else "a table with no fields"
        problems.add(table.file, None, "", f"the columnar check cannot read {what}; run: stcatalog validate "
                     "--frictionless", "table-resource")  # fmt: skip
        return None
    with path.open(encoding="utf-8", errors="replace", newline="") as f:
        header = next(csv.reader(f), [])
    if header != table.names:
        problems.add(table.file, 1, "", f"the header is {','.join(header)!r}, the schema says "
                     f"{','.join(table.names)!r}. {FIX}", "table-header")  # fmt: skip
        return None
    columns = {f"r{j}": "VARCHAR" for j in range(len(table.names))}
    con.execute(
        f"CREATE TABLE raw{index} AS SELECT * FROM read_csv(?, columns = ?, header = true, auto_detect = false, "
        "delim = ',', quote = '\"', escape = '\"', strict_mode = true, null_padding = false, "
        "max_line_size = 33554432, buffer_size = 67108864, parallel = false, "
        f"store_rejects = true, rejects_scan = 'scan{index}', rejects_table = 'rejects{index}')",
        [str(path), columns],
    )
    rejects = con.execute(f"SELECT line, error_type, error_message FROM rejects{index} ORDER BY line").fetchall()
    for line, kind, message in rejects:
        problems.add(table.file, int(line), "", f"{kind.lower()}: {message.splitlines()[0]}", "table-row")
    if rejects:
        return None
    typed = ", ".join(
        f"{TYPED[str(f.get('type', 'string'))].format(r=f'r{j}')} AS c{j}" for j, f in enumerate(table.fields)
    )
    # A view: each query computes only the typed columns it reads, and nothing is copied.
    con.execute(f"CREATE VIEW {table.sql} AS SELECT rowid AS rid, *, {typed} FROM raw{index}")
    return table


def _check(con, table: _Table, tables: dict[str, _Table], path: Path, problems: ProblemList) -> None:
    """One query for the table: one scan of its typed rows, a column per constraint (NULL, or the
    failing value and what it is checked against), keeping only the rows that fail one."""
    checks: list[tuple[str, str, str, str, str, list]] = []  # field, kind, condition, value, info, params
    joins: list[str] = []
    for j, field in enumerate(table.fields):
        _field_checks(table, j, field, checks, joins, problems)
    if table.primary_key and set(table.primary_key) <= set(table.names):
        cols = [table.column[n] for n in table.primary_key]
        first = _first_of_repeats(table, cols, joins, nulls_equal=True)
        empty = " AND ".join(f"w.{c} IS NULL" for c in cols)
        label = ",".join(table.primary_key)
        checks.append((label, "primary-key", f"w.rid > {first} AND NOT ({empty})", "NULL", first, []))
        checks.append((label, "primary-key-null", empty, "NULL", "NULL", []))
    for fk in table.foreign_keys:
        _foreign_key(table, tables, fk, checks, joins, problems)
    if not checks:
        return
    columns = [
        f"CASE WHEN {c} THEN [{v}::VARCHAR, {i}::VARCHAR] END AS k{n}" for n, (_, _, c, v, i, _) in enumerate(checks)
    ]
    sql = (
        f"SELECT * FROM (SELECT w.rid, {', '.join(columns)} FROM {table.sql} AS w "
        f"{' '.join(joins)}) "
        f"WHERE coalesce({', '.join(f'k{n}' for n in range(len(checks)))}, NULL) IS NOT NULL ORDER BY rid"
    )
    found = []
    for rid, *hits in con.execute(sql, [p for check in checks for p in check[5]]).fetchall():
        for (name, kind, *_), hit in zip(checks, hits):
            if hit is not None:
                found.append((rid, name, kind, hit[0], hit[1]))
    if found:
        _report(table, path, sorted(found, key=lambda f: (f[0], f[1], f[2])), problems)


@cache
def re2_accepts(pattern: str) -> bool:
    """Whether DuckDB's regular expressions (RE2) can run the pattern: no look-around, no back-references."""
    import duckdb

    try:
        duckdb.connect(":memory:").execute("SELECT regexp_full_match('', ?)", [pattern])
    except duckdb.Error:
        return False
    return True


def _first_of_repeats(table: _Table, cols: list[str], joins: list[str], nulls_equal: bool) -> str:
    """The first row of each value that occurs more than once, joined to every row: a later row with
    it repeats it. (A GROUP BY and a join; a window over the table cost twice as much.) Frictionless
    compares primary keys with empty cells as values, unique cells only when not empty."""
    n = len(joins)
    keys = ", ".join(f"{c} AS j{i}" for i, c in enumerate(cols))
    equal = "IS NOT DISTINCT FROM" if nulls_equal else "="
    on = " AND ".join(f"d{n}.j{i} {equal} w.{c}" for i, c in enumerate(cols))
    joins.append(
        f"LEFT JOIN (SELECT {keys}, min(rid) AS first FROM {table.sql} GROUP BY ALL HAVING count(*) > 1) AS d{n} ON {on}"
    )
    return f"d{n}.first"


def _field_checks(table, j, field, checks, joins, problems) -> None:
    kind = str(field.get("type", "string"))
    name, raw, col, sql_type = table.names[j], f"r{j}", f"c{j}", SQL_TYPES[kind]
    if kind != "string":  # a string is its text: no type to fail
        checks.append((name, "type", f"{raw} IS NOT NULL AND {col} IS NULL", raw, "?", [kind]))
    constraints = _mapping(field.get("constraints"))
    for key in sorted(set(constraints) - KNOWN):
        problems.add(table.file, None, name, f"the columnar check does not know the constraint {key!r}; "
                     "run: stcatalog validate --frictionless", "table-resource")  # fmt: skip
    if constraints.get("required"):
        checks.append((name, "required", f"{raw} IS NULL", "NULL", "NULL", []))
    if constraints.get("unique"):
        first = _first_of_repeats(table, [col], joins, nulls_equal=False)
        checks.append((name, "unique", f"w.rid > {first}", raw, first, []))
    if isinstance(constraints.get("enum"), list):
        allowed = [str(v) for v in constraints["enum"]]
        condition = f"{col} IS NOT NULL AND NOT list_contains(TRY_CAST(? AS {sql_type}[]), {col})"
        checks.append((name, "enum", condition, raw, "NULL", [allowed]))
    pattern = constraints.get("pattern")
    if isinstance(pattern, str) and kind == "string":
        if re2_accepts(pattern):
            condition = f"{col} IS NOT NULL AND NOT regexp_full_match({col}, ?)"
            checks.append((name, "pattern", condition, raw, "?", [pattern, pattern]))
        else:
            problems.add(table.file, None, name, f"the columnar check cannot run the pattern {pattern!r}; run: "
                         "stcatalog validate --frictionless", "table-resource")  # fmt: skip
    for key, (condition, _) in BOUNDS.items():
        if key in constraints and (key.endswith("Length") or kind in ("integer", "number", "date")):
            bound = str(constraints[key])
            checks.append((name, key, condition.format(c=col, t=sql_type), raw, "?", [bound, bound]))


def _foreign_key(table, tables, fk, checks, joins, problems) -> None:
    try:
        fields = [fk["fields"]] if isinstance(fk["fields"], str) else list(fk["fields"])
        ref = fk["reference"]
        ref_fields = [ref["fields"]] if isinstance(ref["fields"], str) else list(ref["fields"])
        other = table if ref.get("resource", "") == "" else tables[ref["resource"]]
        cols = [table.column[f] for f in fields]
        ref_cols = [other.column[f] for f in ref_fields]
    except (KeyError, TypeError):
        problems.add(table.file, None, "", f"a foreign key the columnar check cannot follow: {json.dumps(fk)}. {FIX}",
                     "table-resource")  # fmt: skip
        return
    # An uncorrelated join to the distinct keys: DuckDB plans it faster than NOT EXISTS.
    n = len(joins)
    keys = ", ".join(f"{rc} AS j{i}" for i, rc in enumerate(ref_cols))
    on = " AND ".join(f"f{n}.j{i} = w.{c}" for i, c in enumerate(cols))
    joins.append(f"LEFT JOIN (SELECT DISTINCT {keys} FROM {other.sql}) AS f{n} ON {on}")
    condition = f"NOT ({' AND '.join(f'w.{c} IS NULL' for c in cols)}) AND f{n}.j0 IS NULL"
    value = f"concat_ws(', ', {', '.join(f'w.{c}::VARCHAR' for c in cols)})"
    label = f"{other.name}.csv ({', '.join(ref_fields)})"
    checks.append((",".join(fields), "foreign-key", condition, value, "?", [label]))


MESSAGES = {
    "type": "{v!r} is not of type {i}",
    "required": "a value is required",
    "unique": "{v!r} repeats the value of row {i}",
    "enum": "{v!r} is not one of the allowed values",
    "pattern": "{v!r} does not match the pattern {i}",
    "primary-key": "the primary key repeats that of row {i}",
    "primary-key-null": "every cell of the primary key is empty",
    "foreign-key": "{v!r} is not in {i}",
}
CODES = {
    "type": "table-type",
    "required": "table-required",
    "unique": "table-unique",
    "enum": "table-enum",
    "pattern": "table-pattern",
    "primary-key": "table-primary-key",
    "primary-key-null": "table-primary-key",
    "foreign-key": "table-foreign-key",
}


def _report(table: _Table, path: Path, found: list[tuple], problems: ProblemList) -> None:
    """Problems in row order; `row` as frictionless counts it (the header is row 1), `line` the CSV
    line the row starts on (they differ after a cell with a line break)."""
    lines = _row_lines(path, {rid for rid, *_ in found})
    for rid, field, kind, value, info in found:
        row = rid + 2
        if kind in BOUNDS:
            message, code = BOUNDS[kind][1].format(v=repr(value), p=info), "table-range"
        else:
            shown = info if kind not in ("unique", "primary-key") else int(info) + 2
            message, code = MESSAGES[kind].format(v=value, i=shown), CODES[kind]
        problems.add(table.file, lines.get(rid), field, f"{message}. {FIX}", code, row=row)


def _row_lines(path: Path, rids: set[int]) -> dict[int, int]:
    """The CSV line each of these rows (0 = first after the header) starts on."""
    out: dict[int, int] = {}
    with path.open(encoding="utf-8", errors="replace", newline="") as f:
        reader = csv.reader(f)
        start = 1
        for index, _ in enumerate(reader, start=-1):
            if index in rids:
                out[index] = start
            start = reader.line_num + 1
    return out
