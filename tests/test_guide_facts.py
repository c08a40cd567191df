"""The key facts as columns of guides.csv, declared in the Table Schema; autofilter and frozen header
rows in every sheet of catalog.xlsx."""

from __future__ import annotations

import csv
import io
import json

import yaml
from openpyxl import load_workbook

from stcatalog.package.guide_facts import FIELDS
from stcatalog.package.tables import TABLES

from .conftest import REPO

PACKAGE = REPO / "datasets" / "package"
NEW = [f.name for f in FIELDS]


def guides_csv() -> dict[str, dict]:
    with (PACKAGE / "data/guides.csv").open(encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def test_guides_csv_has_the_key_fact_columns_declared():
    with (PACKAGE / "data/guides.csv").open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header[-len(NEW) :] == NEW
    dp = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    guides = next(r for r in dp["resources"] if r["name"] == "guides")
    declared = {f["name"]: f for f in guides["schema"]["fields"]}
    for name in NEW:
        assert declared[name]["description"] and declared[name]["description_zh"], name
    assert declared["deadline"]["type"] == "date"
    assert declared["project_count"]["type"] == "integer"


def test_sco_call_row():
    row = guides_csv()["xinjiang-2018-sco-partnership-call"]
    assert row["project_count"] == "7"
    assert row["funding_en"] == (
        "Key projects: ≤ 7 projects, CNY 1–2 million each; General projects: ≤ 20 projects, CNY 300,000–500,000 each"
    )
    assert row["funding_zh"] == "重点项目：≤ 7项，每项100–200万元；一般项目：≤ 20项，每项30–50万元"
    assert (row["funding_min_cny"], row["funding_max_cny"]) == ("300000", "2000000")
    assert row["co_funding_en"].count("self-raised funds at least twice the public funds (1:2)") == 2
    assert "(Annex 3)" in row["co_funding_en"] and "附件" not in row["co_funding_en"]
    assert row["co_funding_zh"].startswith(
        "企业单位（中-哈果蔬加工联合研究中心建设（附件3））：自筹经费不少于财政经费的2倍（1:2）"
    )
    assert row["partner_regions"] == "KZ;TJ" and row["partners_en"] == "Kazakhstan; Tajikistan"
    assert row["deadline"] == "" and row["contacts_en"] == ""


def test_aid_xinjiang_call_row():
    row = guides_csv()["xinjiang-2022-aid-xinjiang-call"]
    assert row["contacts_en"] == (
        "Office: Division of Independent Innovation Demonstration Zone Development and S&T Aid to Xinjiang; "
        "Contact: Mei Lina, Yu Xuefei; Phone: 0991-3838681, 0991-3835189"
    )
    assert row["contacts_zh"].startswith("部门：自创区建设与科技援疆处，联系人：美丽娜、余雪飞")
    assert row["funding_en"] == "" and row["project_count"] == "0"
    assert row["eligibility_en"].count("; ") >= 3


def test_version_and_changelog_name_the_new_columns():
    meta = yaml.safe_load((REPO / "datasets/package.yaml").read_text(encoding="utf-8"))
    assert meta["version"] == "0.3.0"
    entry = next(c for c in meta["changelog"] if c["version"] == "0.3.0")
    for name in ("project_count", "co_funding_zh", "deadline", "contacts_zh"):
        assert name in entry["changes"]["en"] and name in entry["changes"]["zh"]
    assert "autofilter" in entry["changes"]["en"]


def test_every_xlsx_sheet_has_an_autofilter_and_a_frozen_header():
    wb = load_workbook(io.BytesIO((PACKAGE / "catalog.xlsx").read_bytes()))
    assert wb.sheetnames == [t.name[:31] for t in TABLES]
    for table in TABLES:
        ws = wb[table.name[:31]]
        assert ws.freeze_panes == "A2", table.name
        assert ws.auto_filter.ref, table.name
        first, last = ws.auto_filter.ref.split(":")
        assert first == "A1"
        assert [c.value for c in ws[1]] == [f.name for f in table.fields]
        assert last.rstrip("0123456789") == ws.cell(1, len(table.fields)).column_letter
        assert int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) == max(ws.max_row, 2)
