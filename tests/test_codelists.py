"""The code lists in datasets/codelists/: one home for each list of codes. The schemas' enums, the
package's Table Schema enums and the pages' labels agree with them, and a broken list is one plain
problem (file, line, field) with nothing written."""

from __future__ import annotations

import csv
import json
import os

import pytest

from stcatalog.core.problems import ProblemList
from stcatalog.model.quantities import COMPARATORS as PARSER_COMPARATORS
from stcatalog.package.export import package_meta, render_package
from stcatalog.package.tables import TABLES
from stcatalog.site import labels
from stcatalog.sources.codelists import COLUMNS, NAMES, SCHEMA_ENUMS, codelist_dir, load_codelists
from stcatalog.sources.load import load

from . import test_broken_inputs as broken
from .conftest import REPO
from .test_broken_inputs import Case, at, edit, write_bytes

COMPARATORS = "datasets/codelists/comparators.csv"
KINDS = "datasets/codelists/indicator-kinds.csv"
SOURCE_SCHEMA = "schemas/source.schema.json"


def _read(name: str) -> list[dict[str, str]]:
    with open(codelist_dir(REPO) / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_list_reads_cleanly_and_has_both_labels():
    problems = ProblemList()
    lists = load_codelists(REPO, problems)
    assert not problems, "\n".join(p.text() for p in problems)
    assert sorted(lists) == sorted(NAMES)
    assert sorted(p.stem for p in codelist_dir(REPO).glob("*.csv")) == sorted(NAMES)
    for name, codelist in lists.items():
        rows = _read(name)
        assert list(codelist.codes) == [r["code"] for r in rows]
        assert all(r["label_zh"] and r["label_en"] and r["description_zh"] and r["description_en"] for r in rows), name
        assert list(rows[0])[: len(COLUMNS)] == list(COLUMNS)


def test_schema_enums_equal_the_lists():
    """Read independently of the tool: each enum SCHEMA_ENUMS names is its code list, in order."""
    for use in SCHEMA_ENUMS:
        node = json.loads((REPO / "schemas" / use.schema).read_text(encoding="utf-8"))
        for part in use.pointer:
            node = node[part]
        codes = [r["code"] for r in _read(use.codelist)]
        expected = list(use.subset) if use.subset else codes
        assert set(expected) <= set(codes)
        assert node["enum"] == expected + ([None] if use.nullable else []), use.pointer


def test_every_schema_enum_is_tied_to_a_list():
    """No enum in the schemas escapes the check: each is one of SCHEMA_ENUMS."""
    tied = {(u.schema, u.pointer) for u in SCHEMA_ENUMS}

    def walk(node, path, schema, found):
        if isinstance(node, dict):
            if "enum" in node:
                found.add((schema, path))
            for key, value in node.items():
                walk(value, path + (key,), schema, found)

    found: set = set()
    for schema in {u.schema for u in SCHEMA_ENUMS}:
        walk(json.loads((REPO / "schemas" / schema).read_text(encoding="utf-8")), (), schema, found)
    assert found == tied


def test_package_enums_and_labels_come_from_the_lists(mini, tmp_path):
    cat, problems = load(mini)
    assert not problems
    files = render_package(cat, package_meta(mini))
    resources = {r["name"]: r for r in json.loads(files["datapackage.json"])["resources"]}
    declared = 0
    for table in TABLES:
        fields = {f["name"]: f for f in resources[table.name]["schema"]["fields"]}
        for f in table.fields:
            if f.codelist:
                declared += 1
                want = list(f.subset) if f.subset else [r["code"] for r in _read(f.codelist)]
                assert fields[f.name]["constraints"]["enum"] == want, (table.name, f.name)
    assert declared >= 12
    assert "comparators" in NAMES and set(PARSER_COMPARATORS) <= {r["code"] for r in _read("comparators")}
    labels.use(cat.codelists)
    for name in NAMES:
        for row in _read(name):
            assert labels.label(name, row["code"], "zh") == row["label_zh"]
            assert labels.label(name, row["code"], "en") == row["label_en"]
    assert labels.label("comparators", "ge", "symbol") == "≥"


def test_a_new_code_reaches_package_and_labels(mini, cli):
    """Add a code to the list and the schema (the fix validate names): the package's enum follows."""
    (mini / "datasets/codelists/funding-kinds.csv").open("a", encoding="utf-8").write(
        "in-kind,实物资助,In-kind support,以设备、场地等形式资助,Support given as equipment or premises\n"
    )
    schema = mini / SOURCE_SCHEMA
    schema.write_text(
        schema.read_text(encoding="utf-8").replace(
            '"enum": ["amount", "quota"]', '"enum": ["amount", "quota", "in-kind"]'
        ),
        encoding="utf-8",
    )
    assert cli("build")[0] == 0
    package = json.loads((mini / "datasets/package/datapackage.json").read_text(encoding="utf-8"))
    funding = next(r for r in package["resources"] if r["name"] == "funding")
    kind = next(f for f in funding["schema"]["fields"] if f["name"] == "kind")
    assert kind["constraints"]["enum"] == ["amount", "quota", "in-kind"]
    cat, _ = load(mini)
    labels.use(cat.codelists)
    assert labels.label("funding-kinds", "in-kind", "en") == "In-kind support"


def _drop_row(rel: str, code: str):
    def apply(root):
        path = root / rel
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if not line.startswith(code + ",")), encoding="utf-8")

    return apply


def _move_to_end(rel: str, code: str):
    def apply(root):
        path = root / rel
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text(
            "".join(
                [x for x in lines if not x.startswith(code + ",")] + [x for x in lines if x.startswith(code + ",")]
            ),
            encoding="utf-8",
        )

    return apply


def _symlink(rel: str):
    def apply(root):
        (root / rel).unlink()
        os.symlink(root / "datasets/raw/manifest.yaml", root / rel)

    return apply


CASES = [
    Case("codelist-missing", lambda root: (root / KINDS).unlink(), KINDS, None, "", "missing-codelist", "is missing"),
    Case("codelist-symlink", _symlink(KINDS), KINDS, None, "", "unreadable", "symbolic link"),
    Case("codelist-empty", write_bytes(KINDS, lambda b: b""), KINDS, 1, "", "empty-file", "file is empty"),
    Case("codelist-bom", write_bytes(KINDS, lambda b: b"\xef\xbb\xbf" + b), KINDS, 1, "", "bom", "byte-order mark"),
    Case(
        "codelist-crlf", write_bytes(KINDS, lambda b: b.replace(b"\n", b"\r\n")), KINDS, 1, "", "line-endings", "CRLF"
    ),
    Case(
        "codelist-header",
        edit(KINDS, "code,label_zh", "id,label_zh"),
        KINDS,
        1,
        "",
        "codelist-header",
        "the header must be code,label_zh,label_en,description_zh,description_en",
    ),
    Case(
        "codelist-extra-column",
        edit(KINDS, "description_en\n", "description_en,colour\n"),
        KINDS,
        1,
        "",
        "codelist-header",
        "not code,label_zh",
    ),
    Case(
        "codelist-cells",
        edit(KINDS, "binding,约束性,Binding,", "binding,约束性,"),
        KINDS,
        at("binding,约束性", KINDS),
        "",
        "codelist-row",
        "the row has 4 cells; the header has 5",
    ),
    Case(
        "codelist-csv-syntax",
        edit(KINDS, "binding,约束性,Binding", 'binding,"约束"性,Binding'),
        KINDS,
        at("binding,", KINDS),
        "",
        "codelist-row",
        "CSV syntax error",
    ),
    Case(
        "codelist-bad-code",
        edit(KINDS, "binding,", "Binding Kind,"),
        KINDS,
        at("Binding Kind,", KINDS),
        "code",
        "schema",
        "must be a lowercase slug",
    ),
    Case(
        "codelist-path-code",
        edit(KINDS, "binding,", "../../etc,"),
        KINDS,
        at("../../etc,", KINDS),
        "code",
        "schema",
        "must be a lowercase slug",
    ),
    Case(
        "codelist-duplicate",
        edit(KINDS, "expected,", "binding,"),
        KINDS,
        at("binding,", KINDS, nth=2),
        "code",
        "duplicate-id",
        "duplicate code 'binding' (first on line 2)",
    ),
    Case(
        "codelist-empty-label",
        edit(KINDS, "binding,约束性,Binding,", "binding,约束性,,"),
        KINDS,
        at("binding,", KINDS),
        "label_en",
        "missing-english",
        "label_en is empty",
    ),
    Case(
        "codelist-formula",
        edit(KINDS, ",Binding,", ',"=HYPERLINK(""http://x"")",'),
        KINDS,
        at("HYPERLINK", KINDS),
        "label_en",
        "formula",
        "run as a formula",
    ),
    Case(
        "codelist-control",
        edit(KINDS, ",Binding,", ",Bind\x07ing,"),
        KINDS,
        at("Bind", KINDS),
        "label_en",
        "control-character",
        "control character",
    ),
    Case(
        "codelist-spaces",
        edit(KINDS, ",Binding,", ", Binding,"),
        KINDS,
        at(" Binding", KINDS),
        "label_en",
        "codelist-row",
        "leading or trailing spaces",
    ),
    Case(
        "codelist-header-only",
        write_bytes(KINDS, lambda b: b.split(b"\n")[0] + b"\n"),
        KINDS,
        1,
        "",
        "codelist-row",
        "no codes",
    ),
    Case(
        "codelist-code-removed",
        _drop_row(KINDS, "target"),
        SOURCE_SCHEMA,
        at('"kind": {"enum": ["binding"', SOURCE_SCHEMA),
        "$defs/indicator/properties/kind",
        "schema-enum",
        f"but {KINDS} says",
    ),
    Case(
        "codelist-reordered",
        _move_to_end(COMPARATORS, "eq"),
        SOURCE_SCHEMA,
        at('"comparator": {"enum"', SOURCE_SCHEMA),
        "$defs/comparator",
        "schema-enum",
        "make the enum exactly that list",
    ),
    Case(
        "codelist-subset-code-removed",
        _drop_row(COMPARATORS, "ge"),
        COMPARATORS,
        None,
        "code",
        "schema-enum",
        "needs the code(s) ge",
    ),
    Case(
        "schema-enum-edited",
        edit(SOURCE_SCHEMA, '"enum": ["amount", "quota"]', '"enum": ["quota", "amount"]'),
        SOURCE_SCHEMA,
        at('"enum": ["quota", "amount"]', SOURCE_SCHEMA),
        "$defs/funding/properties/kind",
        "schema-enum",
        'funding-kinds.csv says ["amount", "quota"]',
    ),
    Case(
        "vocabulary-schema-enum",
        edit("schemas/vocabularies.schema.json", '"northeast", null]', '"northeast"]'),
        "schemas/vocabularies.schema.json",
        at('"east_west": {"enum"', "schemas/vocabularies.schema.json"),
        "$defs/regions/properties/regions/items/properties/east_west",
        "schema-enum",
        "null]",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_codelist_is_reported_exactly(mini, cli, case):
    broken.test_broken_input_is_reported_exactly(mini, cli, case)


def test_labels_refuse_a_broken_repository(mini, monkeypatch):
    """Pages rendered outside a build read the repository's lists, and a broken list stops them plainly."""
    edit(KINDS, "code,label_zh", "id,label_zh")(mini)
    monkeypatch.setattr(labels, "_LISTS", {})
    with pytest.raises(labels.CodeListsUnusable, match="indicator-kinds.csv:1"):
        labels.label("indicator-kinds", "binding", "en")
