"""The code lists in datasets/codelists/: each list of codes written once, with its labels.

One CSV per list (`code,label_zh,label_en,description_zh,description_en`, optionally `symbol`),
like OCDS codelists. The pages' labels and the data package's Table Schema enums are made from
them; the JSON Schemas in schemas/ keep their own `enum`s (they check the sources), and
`check_schema_enums` proves those equal the lists, naming the fix when they drift.

The files come in pull requests, so they are read strictly (see strict.read_text) and every fault
is one plain problem with file, line and column.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..core import paths
from ..core.formula import formula_trigger
from ..core.problems import ProblemList
from ..model.catalog import CodeList
from .strict import read_text

COLUMNS = ("code", "label_zh", "label_en", "description_zh", "description_en")
OPTIONAL = ("symbol",)
CODE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_CODE = 64
# The co-funding ratios accept only these comparators (a subset of the comparators list).
RATIO_COMPARATORS = ("eq", "ge")


@dataclass(frozen=True)
class EnumUse:
    """An `enum` in one of schemas/*.json that must equal a code list (or a declared subset of it)."""

    schema: str
    pointer: tuple[str, ...]
    codelist: str
    subset: tuple[str, ...] | None = None
    nullable: bool = False  # the enum also allows null


_SOURCE, _VOCAB = "source.schema.json", "vocabularies.schema.json"
_REGION = ("$defs", "regions", "properties", "regions", "items", "properties")
SCHEMA_ENUMS: tuple[EnumUse, ...] = (
    EnumUse(_SOURCE, ("properties", "issuer_level"), "issuer-levels"),
    EnumUse(_SOURCE, ("properties", "type"), "document-types"),
    EnumUse(_SOURCE, ("properties", "translation", "properties", "status"), "translation-statuses"),
    EnumUse(_SOURCE, ("$defs", "comparator"), "comparators"),
    EnumUse(_SOURCE, ("$defs", "scope", "properties", "kind"), "scope-kinds"),
    EnumUse(_SOURCE, ("$defs", "indicator", "properties", "kind"), "indicator-kinds"),
    EnumUse(_SOURCE, ("$defs", "funding", "properties", "kind"), "funding-kinds"),
    EnumUse(_SOURCE, ("$defs", "ratio", "properties", "comparator"), "comparators", RATIO_COMPARATORS),
    EnumUse(_SOURCE, ("$defs", "requirement", "properties", "kind"), "requirement-kinds"),
    EnumUse(_SOURCE, ("$defs", "pairing", "properties", "relation"), "pairing-relations"),
    EnumUse(_VOCAB, (*_REGION, "scheme"), "region-schemes"),
    EnumUse(_VOCAB, (*_REGION, "level"), "region-levels"),
    EnumUse(_VOCAB, (*_REGION, "east_west"), "economic-regions", nullable=True),
    EnumUse(_VOCAB, (*_REGION, "membership"), "group-memberships"),
    EnumUse(
        _VOCAB, ("$defs", "programmes", "properties", "programmes", "items", "properties", "kind"), "programme-kinds"
    ),
    EnumUse(_VOCAB, ("$defs", "units", "properties", "units", "items", "properties", "dimension"), "unit-dimensions"),
)
# Every list the tool reads: those the schemas use, and the roles of the region link tables.
NAMES: tuple[str, ...] = tuple(sorted({use.codelist for use in SCHEMA_ENUMS} | {"region-roles"}))


def codelist_dir(base: Path | None = None) -> Path:
    return paths.datasets(base) / "codelists"


def load_codelists(base: Path, problems: ProblemList) -> dict[str, CodeList]:
    """Every list in NAMES that reads cleanly; each fault in a file is a problem and drops that list."""
    out = {}
    for name in NAMES:
        path = codelist_dir(base) / f"{name}.csv"
        rel = f"datasets/codelists/{name}.csv"
        if path.is_symlink():
            problems.add(rel, None, "", "is a symbolic link; a code list must be a plain file", "unreadable")
            continue
        if not path.is_file():
            problems.add(
                rel,
                None,
                "",
                f"code list '{name}' is missing: add {rel} with the columns " + ",".join(COLUMNS),
                "missing-codelist",
            )
            continue
        text = read_text(path, rel, problems)
        if text is not None:
            codelist = parse_codelist(name, rel, text, problems)
            if codelist is not None:
                out[name] = codelist
    return out


def parse_codelist(name: str, rel: str, text: str, problems: ProblemList) -> CodeList | None:
    """One list from its CSV text, or None after recording every fault."""
    before = len(problems)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        problems.add(rel, reader.line_num, "", f"CSV syntax error: {exc}", "codelist-row")
        return None
    header = tuple(records[0][1]) if records else ()
    if (
        header[: len(COLUMNS)] != COLUMNS
        or any(c not in OPTIONAL for c in header[len(COLUMNS) :])
        or len(set(header)) != len(header)
    ):
        problems.add(
            rel,
            1,
            "",
            f"the header must be {','.join(COLUMNS)} (optionally followed by "
            f"{','.join(OPTIONAL)}), not {','.join(header)[:200]}",
            "codelist-header",
        )
        return None
    rows: dict[str, dict[str, str]] = {}
    lines: dict[str, int] = {}
    for line, cells in records[1:]:
        if not any(cells):
            continue  # a blank line
        if len(cells) != len(header):
            problems.add(rel, line, "", f"the row has {len(cells)} cells; the header has {len(header)}", "codelist-row")
            continue
        row = dict(zip(header, cells))
        _check_row(row, rel, line, lines, problems)
        rows.setdefault(row["code"], row)
        lines.setdefault(row["code"], line)
    if not rows and len(problems) == before:
        problems.add(rel, 1, "", "the code list has no codes", "codelist-row")
    return CodeList(name, rel, rows, lines) if len(problems) == before else None


def _check_row(row: dict[str, str], rel: str, line: int, seen: dict[str, int], problems: ProblemList) -> None:
    code = row["code"]
    if not CODE.match(code) or len(code) > MAX_CODE:
        problems.add(
            rel,
            line,
            "code",
            f"code {code[:80]!r} must be a lowercase slug (a-z, 0-9, single hyphens, at most {MAX_CODE} characters)",
            "schema",
        )
    elif code in seen:
        problems.add(rel, line, "code", f"duplicate code '{code}' (first on line {seen[code]})", "duplicate-id")
    for column, value in row.items():
        if column == "code":
            continue
        if CONTROL.search(value):
            problems.add(rel, line, column, "contains a control character or line break", "control-character")
        elif value != value.strip():
            problems.add(rel, line, column, "has leading or trailing spaces", "codelist-row")
        trigger = formula_trigger(value) if column != "symbol" else None
        if trigger is not None:
            problems.add(
                rel,
                line,
                column,
                f"text starts with {trigger!r}, which spreadsheets run as a formula; reword it",
                "formula",
            )
    for column in ("label_zh", "label_en"):
        if not row[column]:
            problems.add(
                rel,
                line,
                column,
                f"{column} is empty: every code needs a label in both languages",
                "missing-english" if column == "label_en" else "codelist-row",
            )


def check_schema_enums(base: Path, codelists: dict[str, CodeList], problems: ProblemList) -> None:
    """Each `enum` of SCHEMA_ENUMS equals its code list (in the list's order), and each subset is in it."""
    texts: dict[str, str] = {}
    for use in SCHEMA_ENUMS:
        codelist = codelists.get(use.codelist)
        if codelist is None:
            continue  # already reported
        rel = f"schemas/{use.schema}"
        if use.schema not in texts:
            texts[use.schema] = (paths.schemas_dir(base) / use.schema).read_text(encoding="utf-8")
        expected = list(use.subset if use.subset is not None else codelist.codes)
        missing = [c for c in expected if c not in codelist.rows]
        if missing:
            problems.add(
                codelist.rel,
                None,
                "code",
                f"the tool needs the code(s) {', '.join(missing)} here "
                f"({rel} {'/'.join(use.pointer)} accepts them); add them back",
                "schema-enum",
            )
            continue
        node = json.loads(texts[use.schema])
        for part in use.pointer:
            node = node.get(part, {}) if isinstance(node, dict) else {}
        found = node.get("enum") if isinstance(node, dict) else None
        want = expected + ([None] if use.nullable else [])
        if found != want:
            where = "/".join(use.pointer)
            problems.add(
                rel,
                _line_of_pointer(texts[use.schema], use.pointer),
                where,
                f"the enum is {json.dumps(found, ensure_ascii=False)[:200]} but {codelist.rel} "
                f"says {json.dumps(want, ensure_ascii=False)}: make the enum exactly that list, "
                "in that order",
                "schema-enum",
            )


def _line_of_pointer(text: str, pointer: tuple[str, ...]) -> int | None:
    """Line of the pointer's last key: each key (holding an object) is looked for after the one before."""
    at = 0
    for part in pointer:
        match = re.compile(re.escape(json.dumps(part)) + r"\s*:\s*\{").search(text, at)
        if match is None:
            return None
        at = match.start()
    return text.count("\n", 0, at) + 1
