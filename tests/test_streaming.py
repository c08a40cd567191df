"""The package made guide by guide (issue 15, constant memory) must be what the whole-catalog
builders make: the same rows in the same order, the same Parquet row groups, the same workbook, and
the checks of the package find the same problems reading it in pieces.
(The memory itself is measured by scripts/bench/run.py, not here.)"""

from __future__ import annotations

import copy
import io
import json
import shutil
import sys

import pyarrow.parquet as pq
import pytest

from stcatalog.core.problems import ProblemList
from stcatalog.package import checks, encode, export, parquet
from stcatalog.package.tables import TABLES, stream_tables, table_rows
from stcatalog.sources import load as catalog_mod
from stcatalog.sources.spool import GuideSpool

from .conftest import REPO

sys.path.insert(0, str(REPO / "scripts" / "bench"))
from corpus import make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Twelve guides: the real ones and synthetic copies with other target and partner regions."""
    return make_corpus(12, tmp_path_factory.mktemp("corpus") / "repo")


@pytest.fixture(scope="module")
def loaded(corpus):
    cat, problems = catalog_mod.load(corpus, use_cache=False, jobs=1)
    assert not problems
    return cat


def whole_catalog_rows(cat) -> dict[str, list[dict]]:
    """Each table's builder run once over every guide held in a list, as the package was made before."""
    listed = copy.copy(cat)
    listed.guides = list(cat.guides)
    listed.memo = {}
    return {t.name: [{f.name: row.get(f.name) for f in t.fields} for row in t.rows(listed)] for t in TABLES}


def test_loading_spools_the_guides_in_file_order(loaded, corpus):
    assert isinstance(loaded.guides, GuideSpool)
    names = [p.stem for p in sorted((corpus / "datasets/sources").glob("*.yaml"))]
    assert [g.id for g in loaded.guides] == names == loaded.guides.ids
    assert [g.id for g in loaded.guides[2:4]] == names[2:4] and loaded.guides[-1].id == names[-1]


def test_rows_made_guide_by_guide_are_the_whole_catalog_rows_in_order(loaded):
    expected = whole_catalog_rows(loaded)
    # scope_regions lists every target, then every partner: a second pass over the guides
    roles = [r["role"] for r in expected["scope_regions"]]
    assert "partner" in roles and roles == sorted(roles, key=lambda role: role != "target")
    assert table_rows(loaded) == expected
    pieces: dict[str, list[dict]] = {t.name: [] for t in TABLES}
    per_guide = {}
    for guide, rows in stream_tables(loaded, lambda name, rows: pieces[name].extend(rows)):
        per_guide[guide.id] = rows
    assert pieces == expected
    for table in TABLES:
        if table.per_guide:  # each guide's own rows: what its JSON document and extracts hold
            for gid, own in per_guide.items():
                assert own[table.name] == [r for r in expected[table.name] if r["guide_id"] == gid]


def test_parquet_written_in_row_groups_is_the_one_shot_file(loaded, monkeypatch):
    monkeypatch.setattr(parquet, "ROW_GROUP", 7)  # several row groups, cut in the middle of a guide's rows
    monkeypatch.setattr(parquet, "BATCH", 3)  # converted to Arrow in pieces that straddle the row groups
    table = next(t for t in TABLES if t.name == "sections")
    rows = whole_catalog_rows(loaded)["sections"]
    out = io.BytesIO()
    sink = parquet.ParquetFile(table, out)
    for start in range(0, len(rows), 5):
        sink.write(rows[start : start + 5])
    sink.close()
    assert out.getvalue() == parquet.parquet_bytes(table, rows)
    assert pq.ParquetFile(io.BytesIO(out.getvalue())).num_row_groups == -(-len(rows) // 7) > 1
    empty = io.BytesIO()
    sink = parquet.ParquetFile(table, empty)
    sink.close()
    assert empty.getvalue() == parquet.parquet_bytes(table, [])


def test_the_workbook_filled_in_pieces_is_the_one_shot_workbook(loaded):
    rows = whole_catalog_rows(loaded)
    out = io.BytesIO()
    wb = encode.Workbook(out)
    for start in range(0, max(len(r) for r in rows.values()), 50):  # the sheets filled in turn, in pieces
        for table in reversed(TABLES):
            wb.write(table.name, rows[table.name][start : start + 50])
    wb.close()
    assert out.getvalue() == encode.xlsx_bytes(rows)


def test_table_files_written_in_pieces_are_the_one_shot_bytes(loaded, tmp_path):
    rows = whole_catalog_rows(loaded)
    for table in TABLES:
        files = encode.TableFiles(table, tmp_path / f"{table.name}.csv", tmp_path / f"{table.name}.json")
        for start in range(0, len(rows[table.name]), 3):
            files.write(rows[table.name][start : start + 3])
        files.close()
        assert (tmp_path / f"{table.name}.csv").read_bytes() == encode.csv_bytes(table, rows[table.name])
        made = (tmp_path / f"{table.name}.json").read_bytes()
        assert made == (encode.rows_json(rows[table.name]) + "\n").encode("utf-8")


def test_the_package_from_the_spool_is_the_package_from_a_list(loaded, corpus):
    listed = copy.copy(loaded)
    listed.guides = list(loaded.guides)
    listed.memo = {}
    meta = export.package_meta(corpus)
    assert export.render_package(loaded, meta) == export.render_package(listed, meta)


def broken_package(corpus, tmp_path):
    target = tmp_path / "package"
    shutil.copytree(corpus / "datasets/package", target)
    path = target / "json/sections.json"
    lines = path.read_text(encoding="utf-8").split("\n")
    for i in (3, 9, 10):  # rows 3, 9 and 10: a wrong type, a missing field, a bad pattern
        row = json.loads(lines[i].strip().rstrip(","))
        if i == 3:
            row["position"] = "first"
        elif i == 9:
            del row["guide_id"]
        else:
            row["id"] = "Not An Id"
        lines[i] = "  " + json.dumps(row, ensure_ascii=False) + ("," if lines[i].endswith(",") else "")
    path.write_text("\n".join(lines), encoding="utf-8")
    return target


def test_a_table_file_checked_in_batches_has_the_whole_files_problems(corpus, cli, monkeypatch, tmp_path):
    monkeypatch.setenv("STCATALOG_ROOT", str(corpus))
    assert cli("build")[0] == 0
    target = broken_package(corpus, tmp_path)

    def found():
        problems = ProblemList()
        checks.check_json_outputs(target, "pkg", problems)
        return sorted((p.file, p.row, p.field, p.message) for p in problems)

    with monkeypatch.context() as patch:
        patch.setattr(checks, "_table_file_problems", lambda *a: None)  # every file read whole, as before
        whole = found()
    assert {row for _, row, _, _ in whole} == {3, 9, 10}
    monkeypatch.setattr(checks, "BATCH", 4)  # rows 9 and 10 in one batch, row 3 in another
    assert found() == whole
    # a file not in build's layout (here: one line) is read whole, and found just the same
    path = target / "json/sections.json"
    path.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8"))), encoding="utf-8")
    assert found() == whole
