"""One formula guard: the CSV and XLSX writers, the sources check and the browser's filtered-CSV
download (docs/assets/filters.js, run in node) get the same hostile cells and agree on each."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess

import pytest
from openpyxl import load_workbook

from stcatalog.checks.texts import check_texts
from stcatalog.core.formula import formula_trigger, safe_cell
from stcatalog.core.problems import ProblemList
from stcatalog.model.catalog import Catalog, Guide, Vocabulary
from stcatalog.package.encode import csv_bytes, xlsx_bytes
from stcatalog.package.tables import TABLES

from .conftest import REPO

# (cell, whether a spreadsheet would run it as a formula)
CELLS = [
    ("=1+1", True),
    ("+SUM(A1)", True),
    ("-2+3", True),
    ("@cmd", True),
    ("=", True),
    ("-", True),
    ("\t=x", True),
    ("\tplain", True),
    ("\r=x", True),
    (" =1+1", True),
    ("   @x", True),
    ("\u3000=1", True),
    ("\u00a0+1", True),
    ("\n=1", True),
    (' =HYPERLINK("http://x")', True),
    ("科技", False),
    ("a=b", False),
    ("1-2", False),
    ("'=x", False),
    ("", False),
    ("x ", False),
    ("＝1", False),
    ("–1", False),
    ("—", False),
    ("#1", False),
    ("%x", False),
    ("(1)", False),
]
IDS = [json.dumps(c) for c, _ in CELLS]
GLOSSARY = next(t for t in TABLES if t.name == "glossary")


def _glossary_row(value: str) -> dict:
    return {f.name: None for f in GLOSSARY.fields} | {"id": "x", "zh": value, "en": "ok"}


def test_the_cases_are_what_the_guard_says():
    assert [formula_trigger(c) is not None for c, _ in CELLS] == [expected for _, expected in CELLS]
    assert safe_cell(3) == 3 and safe_cell(None) is None and safe_cell(2.5) == 2.5


@pytest.mark.parametrize("value,dangerous", CELLS, ids=IDS)
def test_csv_writer(value, dangerous):
    text = csv_bytes(GLOSSARY, [_glossary_row(value)]).decode("utf-8")
    cell = list(csv.reader(io.StringIO(text, newline="")))[1][1]
    assert cell == ("'" + value if dangerous else value)


def test_xlsx_writer():
    rows = {t.name: [] for t in TABLES} | {"glossary": [_glossary_row(value) for value, _ in CELLS if value]}
    ws = load_workbook(io.BytesIO(xlsx_bytes(rows)))["glossary"]
    written = [ws.cell(row=i, column=2) for i in range(2, len(rows["glossary"]) + 2)]
    assert all(c.data_type == "s" for c in written)
    # OOXML stores a CR as the escape _x000D_, which openpyxl hands back as it is
    assert [c.value.replace("_x000D_", "\r") for c in written] == [("'" + v if d else v) for v, d in CELLS if v]


def test_sources_check():
    catalog = Catalog(REPO, Vocabulary(), {}, [])
    data = {"texts": [{"zh": "文本", "en": value} for value, _ in CELLS]}
    problems = ProblemList()
    check_texts(catalog, Guide(data, "datasets/sources/x.yaml", {}, None), problems)
    flagged = {p.field for p in problems if p.code == "formula"}
    assert flagged == {f"texts[{i}].en" for i, (_, dangerous) in enumerate(CELLS) if dangerous}


def _browser_functions() -> str:
    source = (REPO / "docs/assets/filters.js").read_text(encoding="utf-8")
    found = re.search(r"\n  var FORMULA_START = .*?\n  function csvCell\(text\) \{.*?\n  \}\n", source, re.DOTALL)
    assert found, "filters.js must define FORMULA_START, formulaSafe and csvCell side by side"
    return found.group(0)


def test_browser_download():
    script = _browser_functions() + (
        "const cells = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(cells.map(c => [formulaSafe(c), csvCell(c)])));"
    )
    result = subprocess.run(
        ["node", "-e", script],
        input=json.dumps([c for c, _ in CELLS]),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    for (value, dangerous), (guarded, line) in zip(CELLS, json.loads(result.stdout), strict=True):
        want = "'" + value if dangerous else value
        assert guarded == want, value
        assert next(csv.reader(io.StringIO(line, newline="")), [""]) == [want], value


def test_one_set_of_characters_everywhere():
    """The characters are written once in Python; filters.js's pattern is made of the same ones."""
    from stcatalog.core import formula

    pattern = re.search(r"var FORMULA_START = /\^\[(.*?)\]\*\[(.*?)\]/;", _browser_functions())
    assert pattern, "FORMULA_START in filters.js must be /^[skipped]*[triggers]/"
    decode = json.loads
    skipped = decode('"' + pattern.group(1).replace("\\-", "-") + '"')
    triggers = decode('"' + pattern.group(2).replace("\\-", "-") + '"')
    assert sorted(skipped) == sorted(formula.SKIPPED) and sorted(triggers) == sorted(formula.TRIGGERS)
