"""The published package: standard validation, determinism, atomicity, safety, drift, provenance,
completeness against the raw documents, and one-line loading."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from stcatalog.core.files import write_tree
from stcatalog.core.formula import safe_cell
from stcatalog.package.encode import csv_bytes, xlsx_bytes
from stcatalog.package.tables import TABLES, table_rows
from stcatalog.package.validate import validate_all
from stcatalog.sources import load as catalog_mod
from stcatalog.sources.clean import clean

from .conftest import REPO, tree_bytes

PACKAGE = REPO / "datasets" / "package"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def real():
    cat, problems = catalog_mod.load(REPO)
    assert not problems, "\n".join(p.text() for p in problems)
    return cat


def test_real_data_validates_with_every_check():
    problems = validate_all(REPO)
    assert not problems, "\n".join(p.text() for p in problems)


def test_standard_frictionless_cli_reports_valid():
    result = subprocess.run(
        [str(BIN / "frictionless"), "validate", "--json", str(PACKAGE / "datapackage.json")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert '"valid": true' in result.stdout


def test_every_table_is_published_with_keys(real):
    import json

    dp = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in dp["resources"]]
    assert names == [t.name for t in TABLES] + [f"{t.name}-parquet" for t in TABLES]
    for res in dp["resources"]:
        assert res["schema"]["primaryKey"]
        for f in res["schema"]["fields"]:
            assert f["description"] and f["description_zh"], (res["name"], f["name"])
    assert {s["sha256"] for s in dp["sources"]} == {d["sha256"] for d in real.manifest.values()}
    assert dp["licenses"] and dp["version"] and dp["contributors"] and dp["changelog"]


def test_build_is_deterministic(tmp_path, cli, real_root):
    assert cli("build", "--out", str(tmp_path / "a"))[0] == 0
    assert cli("build", "--out", str(tmp_path / "b"))[0] == 0
    a, b = tree_bytes(tmp_path / "a"), tree_bytes(tmp_path / "b")
    assert a.keys() == b.keys() and all(a[k] == b[k] for k in a)
    assert a == tree_bytes(PACKAGE), "the committed package is not what the sources build"


def test_interrupted_build_leaves_previous_package_intact(tmp_path, monkeypatch):
    target = tmp_path / "package"
    write_tree({"old.txt": b"previous"}, target)
    calls = {"n": 0}
    real_write = Path.write_bytes

    def failing_write(self, data):
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disk full")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing_write)
    with pytest.raises(OSError):
        write_tree({f"f{i}.txt": b"new" for i in range(10)}, target)
    monkeypatch.undo()
    assert tree_bytes(target) == {"old.txt": b"previous"}
    assert [p.name for p in tmp_path.iterdir()] == ["package"], "temporary folders were left behind"


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x"])
def test_formula_like_cells_are_neutralised(value):
    table = next(t for t in TABLES if t.name == "glossary")
    row = {f.name: None for f in table.fields} | {"id": "x", "zh": value, "en": "ok"}
    text = csv_bytes(table, [row]).decode("utf-8")
    cells = list(csv.reader(io.StringIO(text)))[1]
    assert cells[1] == "'" + value
    from openpyxl import load_workbook

    rows = {t.name: [] for t in TABLES} | {"glossary": [row]}
    ws = load_workbook(io.BytesIO(xlsx_bytes(rows)))["glossary"]
    assert ws["B2"].value == "'" + value and ws["B2"].data_type == "s"
    assert safe_cell(3) == 3 and safe_cell("科技") == "科技"


def test_drift_is_reported_with_the_fix(mini, cli):
    assert cli("build")[0] == 0
    csv_path = mini / "datasets/package/data/indicators.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace(b"300", b"301"))
    problems = validate_all(mini)
    assert [(p.file, p.line, p.code) for p in problems] == [("datasets/package/data/indicators.csv", 2, "drift")]
    assert "Run: stcatalog build" in problems[0].message


def test_tampered_json_output_fails_its_schema(mini, cli):
    assert cli("build")[0] == 0
    path = mini / "datasets/package/json/indicators.json"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"kind": "binding"', '"kind": "compulsory"'), encoding="utf-8"
    )
    problems = validate_all(mini)
    schema_errors = [p for p in problems if p.code == "json-schema"]
    assert [(p.file, p.row, p.field) for p in schema_errors] == [("datasets/package/json/indicators.json", 1, "0.kind")]


def test_every_cite_span_points_at_its_quotation(real):
    rows = table_rows(real)
    raw = {g.data["raw"]: g.raw_text for g in real.guides}
    guide_raw = {g.id: g.data["raw"] for g in real.guides}
    checked = 0
    for table in TABLES:
        names = {f.name for f in table.fields}
        if "cite_start" not in names:
            continue
        for row in rows[table.name]:
            quote = row.get("cite") or row["text_zh"]
            text = raw[guide_raw[row["guide_id"]]]
            assert text[row["cite_start"] : row["cite_end"]] == quote, (table.name, row.get("id"))
            checked += 1
    assert checked > 0


def test_cleaning_removes_junk_and_keeps_the_body(real):
    by_raw = {g.data["raw"]: g.raw_text for g in real.guides}
    scraped = clean(by_raw["001_5a42f45549d458c8.txt"])
    assert {r.rule for r in scraped.removals} >= {"ocr-fragment", "site-boilerplate", "page-marker"}
    for junk in ("VIP", "付费下载", "客服", "深入展战展战", "—3—"):
        assert junk not in scraped.text
    assert "科技部等九部门关于印发" in scraped.text and "资料来源:http://www.most.gov.cn" in scraped.text
    docx = clean(by_raw["003_8ca512e20a36327a.txt"])
    assert "[bookmark:" not in docx.text and "[image:" not in docx.text and "image1.png" not in docx.text
    assert "申报指南编写组专家\n\t序号" in docx.text  # flattened tables are content, not junk
    for r in scraped.removals + docx.removals:
        source = by_raw["001_5a42f45549d458c8.txt"] if r in scraped.removals else by_raw["003_8ca512e20a36327a.txt"]
        assert source[r.start : r.end] == r.text


def _covered(indicators: list[dict], line: str, span_text: str) -> bool:
    return any(i["text"]["zh"] in line and span_text in i["text"]["zh"] for i in indicators)


def _assert_quantities_covered(parser, records: list[dict], text: str, where: str) -> int:
    """Each quantity the parser reads in text lies in one of the records quoted from it; how many there were."""
    quantities = parser.parse(text)
    for q in quantities:
        assert _covered(records, text, text[q.start : q.end]), f"{where}: {text[q.start : q.end]!r} in {text!r}"
    return len(quantities)


def test_every_assessment_indicator_in_the_calls_is_curated(real):
    """Each quantity in each numbered 约束性/预期性 item of a raw document has an indicator of that kind."""
    checked = 0
    for guide in real.guides:
        kind = None
        for line in guide.raw_text.splitlines():
            stripped = line.strip()
            if stripped.startswith("约束性指标"):
                kind = "binding"
                continue
            if stripped.startswith("预期性指标"):
                kind = "expected"
                continue
            if not re.match(r"^\d+[.．]", stripped):
                kind = None if not stripped or not stripped[0].isdigit() else kind
                continue
            if kind is None:
                continue
            same_kind = [i for i in guide.records("indicators") if i["kind"] == kind]
            assert any(i["text"]["zh"] in line for i in same_kind), f"{guide.id}: no {kind} indicator for {stripped!r}"
            checked += _assert_quantities_covered(real.parser, same_kind, line, guide.id)
    assert checked > 0


def test_every_plan_target_is_curated(real):
    """Each quantity in a sentence with 力争/争取 (a plan target) has a target indicator."""
    checked = 0
    for guide in real.guides:
        targets = [i for i in guide.records("indicators") if i["kind"] == "target"]
        for sentence in re.split(r"[。；\n]", guide.raw_text):
            if "力争" not in sentence and "争取" not in sentence:
                continue
            checked += _assert_quantities_covered(real.parser, targets, sentence, guide.id)
    assert checked > 0


def test_funding_and_ratios_are_curated(real):
    for guide in real.guides:
        for sentence in re.split(r"[。；\n]", guide.raw_text):
            for r in real.parser.parse_ratios(sentence):
                assert any(x["text"]["zh"] in sentence for x in guide.records("ratios")), f"{guide.id}: {sentence!r}"
            if "支持额度" in sentence or re.search(r"项目\d+项以内", sentence):
                _assert_quantities_covered(real.parser, guide.records("funding"), sentence, guide.id)


# One-line loading, as documented -----------------------------------------------------------------
def test_load_with_pandas():
    import pandas as pd

    df = pd.read_csv(PACKAGE / "data" / "indicators.csv")
    assert len(df) == len(
        list(csv.DictReader(io.StringIO((PACKAGE / "data/indicators.csv").read_text(encoding="utf-8"))))
    )
    assert set(df["kind"]) <= {"binding", "expected", "target", "unspecified"}


def test_load_with_frictionless():
    from frictionless import Package

    rows = Package(str(PACKAGE / "datapackage.json")).get_resource("indicators").read_rows()
    assert rows and all(r["id"].count("--") == 1 for r in rows)


def test_load_with_duckdb():
    import duckdb

    path = (PACKAGE / "data" / "indicators.csv").as_posix()
    n = duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall()[0][0]
    kinds = dict(duckdb.sql(f"SELECT kind, count(*) FROM '{path}' GROUP BY kind").fetchall())
    assert sum(kinds.values()) == n > 0


def test_readme_documents_every_command_and_each_has_help(cli):
    from stcatalog.cli import build_argparser

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in build_argparser()._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, parser in sub.choices.items():
        assert f"stcatalog {name}" in readme, f"README does not document `stcatalog {name}`"
        assert parser.description, name
        with pytest.raises(SystemExit) as exit_:
            cli(name, "--help")
        assert exit_.value.code == 0
    for snippet in ("pd.read_csv(", "Package(", "duckdb.sql(", "make serve", "make test"):
        assert snippet in readme


def test_ci_runs_the_readme_test_command():
    assert "make test" in (REPO / ".ci/run").read_text()


def test_workflows_are_valid_and_run_on_pull_requests():
    files = sorted((REPO / ".github/workflows").glob("*.yml"))
    assert files
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, files)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for f in files:
        on = yaml.safe_load(f.read_text())[True]  # YAML reads the key `on` as True
        assert "pull_request" in on and "push" in on
