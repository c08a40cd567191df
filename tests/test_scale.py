"""What makes large catalogs fast must not change what is built: checks spread over both cores,
the per-guide cache, the fast schema check, dirty site renders and publishing with hard links.
(Speed itself is measured by scripts/bench/run.py, not here.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from stcatalog.checks.schema import SchemaCheck
from stcatalog.core import parallel
from stcatalog.core.files import sync_tree
from stcatalog.package.export import package_meta, render_package
from stcatalog.site.build import SiteError, build_site
from stcatalog.sources import load as catalog_mod

from .conftest import REPO, tree_bytes

sys.path.insert(0, str(REPO / "scripts" / "bench"))
from corpus import make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Twelve guides (the five real ones and seven synthetic copies): enough to fork for."""
    return make_corpus(12, tmp_path_factory.mktemp("corpus") / "repo")


def facts(problems):
    return [(p.file, p.line, p.field, p.code) for p in problems]


def test_checks_on_both_cores_give_the_serial_result(corpus):
    serial, serial_problems = catalog_mod.load(corpus, use_cache=False, jobs=1)
    forked, forked_problems = catalog_mod.load(corpus, use_cache=False, jobs=2)
    assert not serial_problems and not forked_problems
    assert [g.data for g in forked.guides] == [g.data for g in serial.guides]
    assert render_package(forked, package_meta(corpus)) == render_package(serial, package_meta(corpus))


def test_problems_found_in_a_worker_keep_file_line_and_field(corpus, tmp_path):
    broken = tmp_path / "repo"
    shutil.copytree(corpus, broken, ignore=shutil.ignore_patterns("build"))
    path = sorted((broken / "datasets/sources").glob("*-s0000[5-9].yaml"))[0]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["issuer_region"] = "999999"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    line = next(
        i
        for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("issuer_region:")
    )
    serial = catalog_mod.load(broken, use_cache=False, jobs=1)[1]
    forked = catalog_mod.load(broken, use_cache=False, jobs=2)[1]
    rel = path.relative_to(broken).as_posix()
    assert facts(forked) == facts(serial) == [(rel, line, "issuer_region", "unknown-code")]


def test_cache_rechecks_only_the_changed_guide(corpus, tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    shutil.copytree(corpus, repo, ignore=shutil.ignore_patterns("build"))
    catalog_mod.load(repo)
    checked = []
    real = catalog_mod._check_one
    monkeypatch.setattr(catalog_mod, "_check_one", lambda cat, f, v: checked.append(f.name) or real(cat, f, v))
    monkeypatch.setattr(parallel, "cores", lambda: 1)  # count the calls in this process
    assert not catalog_mod.load(repo)[1] and checked == []
    path = sorted((repo / "datasets/sources").glob("*.yaml"))[-1]
    path.write_text(path.read_text(encoding="utf-8").replace("\n", "\n# edited\n", 1), encoding="utf-8")
    cat, problems = catalog_mod.load(repo)
    assert not problems and checked == [path.name] and len(cat.guides) == 12


@pytest.mark.parametrize(
    "mutate, field",
    [
        (lambda d: d.update(year="2020"), "year"),
        (lambda d: d.update(date="2020-13-45"), "date"),
        (lambda d: d["title"].pop("en"), "title"),
        (lambda d: d.update(surprise=1), ""),
    ],
)
def test_fast_schema_check_agrees_with_the_detailed_one(mutate, field):
    schema = json.loads((REPO / "schemas/source.schema.json").read_text(encoding="utf-8"))
    check = SchemaCheck(schema)
    good = yaml.safe_load((REPO / "datasets/sources/linyi-2020-st-work-plan.yaml").read_text(encoding="utf-8"))
    assert check.is_valid(good) and list(check.iter_errors(good)) == []
    mutate(good)
    errors = list(check.iter_errors(good))
    assert not check.is_valid(good) and errors
    assert any(".".join(map(str, e.absolute_path)).startswith(field) for e in errors)


def test_sync_tree_rewrites_only_what_changed(tmp_path):
    target = tmp_path / "docs"
    assert sync_tree({"a.md": b"a", "b/c.md": b"c", "old.md": b"x"}, target) == ["a.md", "b/c.md", "old.md"]
    stamp = (target / "a.md").stat().st_mtime_ns
    os.utime(target / "a.md", ns=(stamp - 10**9, stamp - 10**9))
    assert sync_tree({"a.md": b"a", "b/c.md": b"C"}, target) == ["b/c.md"]
    assert (target / "a.md").stat().st_mtime_ns == stamp - 10**9
    assert tree_bytes(target) == {"a.md": b"a", "b/c.md": b"C"}


@pytest.fixture
def site_repo(mini):
    """The mini repository with what the site needs beside it."""
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(REPO / name, mini / name)
    shutil.copytree(REPO / "docs", mini / "docs")
    return mini


def load(base):
    cat, problems = catalog_mod.load(base)
    assert not problems, [p.text() for p in problems]
    return cat


def set_english_title(base, title):
    path = base / "datasets/sources/demo-2021-call.yaml"
    data = path.read_text(encoding="utf-8")
    old = yaml.safe_load(data)["title"]["en"]
    path.write_text(data.replace(old, title), encoding="utf-8")


def test_dirty_rebuild_equals_a_clean_build(site_repo, tmp_path):
    first = build_site(load(site_repo))
    assert first["dirty"] == {"zh": False, "en": False}
    site = site_repo / "site"
    page = "en/guides/demo-2021-call/index.html"
    unchanged = "en/glossary/index.html"
    before = {rel: (site / rel).stat().st_ino for rel in (page, unchanged)}
    set_english_title(site_repo, "Revised Call for Proposals for S&T Aid to Xinjiang (demo)")
    second = build_site(load(site_repo))
    assert second["dirty"] == {"zh": True, "en": True}
    title = "Revised Call for Proposals for S&amp;T Aid to Xinjiang (demo)"  # the page <title>, escaped
    assert f"<title>{title} - " in (site / page).read_text(encoding="utf-8")
    assert (site / unchanged).stat().st_ino == before[unchanged]  # linked from the previous site
    assert (site / page).stat().st_ino != before[page]
    # the same sources from scratch give the same site
    shutil.rmtree(site_repo / "build")
    build_site(load(site_repo), tmp_path / "clean")
    dirty, clean = tree_bytes(site), tree_bytes(tmp_path / "clean")
    assert dirty.keys() == clean.keys()
    assert [k for k in dirty if dirty[k] != clean[k]] == []


def test_adding_a_page_renders_from_scratch(site_repo):
    build_site(load(site_repo))
    (site_repo / "docs/zh/extra.md").write_text("# 附加\n", encoding="utf-8")
    (site_repo / "docs/en/extra.md").write_text("# Extra\n", encoding="utf-8")
    timings = build_site(load(site_repo))
    assert timings["dirty"] == {"zh": False, "en": False}
    assert (site_repo / "site/en/extra/index.html").is_file()


def test_failed_site_build_keeps_the_previous_site(site_repo):
    build_site(load(site_repo))
    before = tree_bytes(site_repo / "site")
    (site_repo / "docs/en/about.md").write_text("# About\n\n[broken](missing.md)\n", encoding="utf-8")
    with pytest.raises(SiteError, match="missing.md"):
        build_site(load(site_repo))
    assert tree_bytes(site_repo / "site") == before
    assert sorted(p.name for p in site_repo.iterdir() if p.name.startswith(".site")) == []
    (site_repo / "docs/en/about.md").write_text("# About\n", encoding="utf-8")
    assert build_site(load(site_repo))["dirty"]["en"] is False  # the failed render is not trusted again


def test_benchmark_runs_and_prints_its_table(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/bench/run.py"), "--sizes", "5", "--work", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith("N | load+validate"))
    row = lines[lines.index(header) + 1].split("|")
    assert len(row) == len(header.split("|")) and row[0].strip() == "5"
    assert any(
        line.startswith("N=5: validate / csv-parse") and "pipeline / plain MkDocs render" in line for line in lines
    )
    assert "One changed guide" in result.stdout


def test_site_copies_the_built_package_only_while_it_is_current(site_repo, cli, monkeypatch):
    import stcatalog.package.export as export
    import stcatalog.site.build as site_module

    assert cli("build")[0] == 0
    made = []
    real = export.package_files
    monkeypatch.setattr(site_module, "package_files", lambda cat, meta, fork: made.append(1) or real(cat, meta, fork))
    build_site(load(site_repo))
    assert made == []  # linked from datasets/package
    assert (site_repo / "site/data/datapackage.json").stat().st_ino == (
        site_repo / "datasets/package/datapackage.json"
    ).stat().st_ino
    package = tree_bytes(site_repo / "datasets/package")
    site_data = tree_bytes(site_repo / "site/data")
    assert {k: v for k, v in site_data.items() if k in package} == package
    set_english_title(site_repo, "Revised Call for Proposals for S&T Aid to Xinjiang (demo)")
    build_site(load(site_repo))
    assert made == [1]  # the sources changed after the build: the site makes its own
    guide = (site_repo / "site/data/json/guides/demo-2021-call.json").read_text(encoding="utf-8")
    assert "Revised Call for Proposals" in guide
    assert "Revised Call for Proposals" not in (
        site_repo / "datasets/package/json/guides/demo-2021-call.json"
    ).read_text(encoding="utf-8")


def test_a_clean_validate_lets_the_site_link_the_committed_package(site_repo, cli):
    from stcatalog.package.validate import validate_all

    assert cli("build")[0] == 0
    (site_repo / "build/cache/package.key").unlink()  # as in a fresh clone: the package is committed, not built here
    assert validate_all(site_repo) == []
    build_site(load(site_repo))
    assert (site_repo / "site/data/datapackage.json").stat().st_ino == (
        site_repo / "datasets/package/datapackage.json"
    ).stat().st_ino


def test_indexes_one_at_a_time_when_memory_is_short(site_repo, tmp_path, monkeypatch):
    import stcatalog.site.build as site_module

    build_site(load(site_repo), tmp_path / "side-by-side")
    shutil.rmtree(site_repo / "build")
    monkeypatch.setattr(site_module, "_room_for_another_index", lambda work: False)
    build_site(load(site_repo), tmp_path / "one-at-a-time")
    assert tree_bytes(tmp_path / "one-at-a-time") == tree_bytes(tmp_path / "side-by-side")


def test_a_failure_on_the_other_core_fails_the_build_and_writes_nothing(corpus, tmp_path, monkeypatch):
    import stcatalog.package.export as export

    def broken(catalog, path):
        raise RuntimeError("XLSX writer failed")

    monkeypatch.setattr(export, "write_xlsx", broken)  # the forked child runs it
    cat = catalog_mod.load(corpus)[0]
    with pytest.raises(RuntimeError, match="XLSX writer failed"):
        export.write_package(export.package_files(cat, package_meta(corpus)), corpus, "key", tmp_path / "package")
    assert list(tmp_path.iterdir()) == []
