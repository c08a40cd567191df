"""The problem-code registry (stcatalog/core/problem_codes.yaml): every code the tool reports is
declared there once, with a title and a fix in both languages; every declared code is reported
somewhere in the code and produced by a broken fixture; the site's page lists them all."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from stcatalog.core import problems as problems_mod
from stcatalog.core.problems import ProblemList, UndeclaredProblemCode, declaration, registry
from stcatalog.package.validate import validate_all
from stcatalog.site.build import static_pages
from stcatalog.site.problem_codes import PATH, problem_codes_page

from . import test_broken_inputs as broken
from . import test_codelists as codelists
from . import test_columnar as columnar
from .conftest import REPO, copy_mini
from .test_broken_inputs import GUIDE, MANIFEST, Case, edit
from .test_ingest_codes import ingest_codes

PACKAGE = REPO / "scripts" / "stcatalog"
REGISTRY = PACKAGE / "core" / "problem_codes.yaml"
CODE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(:\*)?$")


def test_registry_format():
    data = yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))
    assert list(data) == sorted(data), "keep the codes in alphabetical order"
    for code, entry in data.items():
        assert CODE.match(code), code
        assert set(entry) == {"title", "fix"}, code
        for key in ("title", "fix"):
            assert set(entry[key]) == {"zh", "en"}, (code, key)
            for lang, text in entry[key].items():
                assert isinstance(text, str) and text.strip() == text and text and "\n" not in text, (code, key, lang)
                assert len(text) <= 200, (code, key, lang)
    assert set(registry()) == set(data)
    assert declaration("frictionless:type-error") is registry()["frictionless:*"]
    assert declaration("no-such-code") is None


def test_undeclared_code_is_refused(monkeypatch):
    found = ProblemList()
    with pytest.raises(UndeclaredProblemCode, match="'not-a-code'"):
        found.add("x.yaml", 1, "f", "message", "not-a-code")
    found.add("x.yaml", 1, "f", "message", "schema")
    assert [p.code for p in found] == ["schema"]
    monkeypatch.delenv(problems_mod.STRICT_ENV)  # outside the tests the finding is still reported
    found.add("x.yaml", 1, "f", "message", "not-a-code")
    assert [p.code for p in found] == ["schema", "not-a-code"]


def _python_sources() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py"))}


def _reported_literals() -> set[str]:
    """Codes written literally as the code argument of ProblemList.add (an f-string gives its prefix + '*')."""
    found = set()
    for source in _python_sources().values():
        for node in ast.walk(ast.parse(source)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add"):
                continue
            args = node.args[4:5] + [k.value for k in node.keywords if k.arg == "code"]
            for arg in args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
                elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                    found.add(str(arg.values[0].value) + "*")
    return found


def test_every_code_in_the_code_is_declared():
    literals = _reported_literals()
    assert len(literals) >= 20
    undeclared = [c for c in literals if (c not in registry() if c.endswith(":*") else declaration(c) is None)]
    assert sorted(undeclared) == []


def test_every_declared_code_is_reported_in_the_code():
    text = "\n".join(s for p, s in _python_sources().items() if p.name != "problems.py")
    unused = []
    for code in registry():
        if code.endswith(":*"):
            if f'"{code[:-1]}' not in text:
                unused.append(code)
        elif f'"{code}"' not in text:
            unused.append(code)
    assert unused == [], "declared in problem_codes.yaml but never reported: " + ", ".join(unused)


def _build(root: Path) -> None:
    from stcatalog.cli import main

    assert main(["--root", str(root), "build"]) == 0


def _tamper(rel: str, old: str, new: str):
    def apply(root: Path) -> None:
        _build(root)
        edit(rel, old, new)(root)

    return apply


def _huge(root: Path) -> None:
    path = root / GUIDE
    path.write_text(path.read_text(encoding="utf-8") + "#" + "x" * (6 * 1024 * 1024) + "\n", encoding="utf-8")


# Codes that neither tests/test_broken_inputs.py nor tests/test_codelists.py produce
EXTRA = [
    Case("too-large", _huge, GUIDE, None, "", "too-large", "the limit is"),
    Case(
        "unreadable",
        lambda root: (root / "datasets/sources/folder.yaml").mkdir(),
        "datasets/sources/folder.yaml",
        None,
        "",
        "unreadable",
        "cannot read file",
    ),
    Case(
        "control-character",
        edit(GUIDE, "en: Demonstration base area", 'en: "Demonstration\\x07 base area"'),
        GUIDE,
        broken.at("Demonstration\\x07"),
        "indicators[0].measure.en",
        "control-character",
        "control character",
    ),
    Case(
        "manifest-mismatch",
        edit(MANIFEST, "title: {value: 2021年示例", "title: {value: 2020年示例"),
        GUIDE,
        broken.at("title:"),
        "title.zh",
        "manifest-mismatch",
        "title differs",
    ),
    Case(
        "drift",
        _tamper("datasets/package/json/guides.json", '"year": 2021', '"year": 2022'),
        "datasets/package/json/guides.json",
        None,
        "",
        "drift",
        "Run: stcatalog build",
    ),
    Case(
        "json-schema",
        _tamper("datasets/package/json/guides.json", '"year": 2021', '"year": "2021"'),
        "datasets/package/json/guides.json",
        None,
        "0.year",
        "json-schema",
        "is not of type",
    ),
    Case(
        "frictionless",
        _tamper("datasets/package/data/guides.csv", ",provincial,", ",galactic,"),
        "datasets/package/data/guides.csv",
        None,
        "issuer_level",
        "frictionless:constraint-error",
        "constraint",
    ),
]


@pytest.mark.parametrize("case", EXTRA + columnar.CASES, ids=[c.name for c in EXTRA + columnar.CASES])
def test_extra_fixture_reports_its_code(tmp_path, case):
    root = copy_mini(tmp_path / "repo")
    case.mutate(root)
    found = validate_all(root, frictionless=True)
    assert any(
        p.file == case.file and p.code == case.code and p.field == case.field and case.message in p.message
        for p in found
    ), "\n".join(p.text() for p in found)


def test_every_declared_code_is_produced_by_a_fixture(tmp_path):
    """Run every broken fixture (strictly: an undeclared code raises) and collect the codes."""
    produced = set()
    for case in broken.CASES + codelists.CASES + EXTRA + columnar.CASES:
        root = copy_mini(tmp_path / case.name)
        case.mutate(root)
        produced |= {p.code for p in validate_all(root, frictionless=True)}
    produced |= ingest_codes(tmp_path / "ingest")  # ingest's hostile inputs (tests/test_ingest_codes.py)
    assert all(declaration(code) is not None for code in produced)
    covered = {declaration(code).code for code in produced}
    assert sorted(set(registry()) - covered) == [], "declared codes no fixture produces"


class _Cells(HTMLParser):
    """The text of each table row, cell by cell."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self.rows[-1].append("")

    def handle_data(self, data):
        if self.rows and self.rows[-1]:
            self.rows[-1][-1] += data


def test_the_page_lists_every_code_in_both_languages():
    pages = static_pages(REPO)
    for lang in ("zh", "en"):
        page = pages[lang][PATH]
        assert page == problem_codes_page(lang)
        parser = _Cells()
        parser.feed(markdown.markdown(page.split("---", 2)[2], extensions=["tables", "admonition"]))
        rows = [[c.strip() for c in r] for r in parser.rows if r]
        assert rows == [[e.code, e.title[lang], e.fix[lang]] for e in registry().values()]
    assert "# 问题代码" in pages["zh"][PATH] and "# Problem codes" in pages["en"][PATH]
    for config, title in (("mkdocs.yml", "问题代码"), ("mkdocs.en.yml", "Problem codes")):
        nav = yaml.safe_load("nav:" + (REPO / config).read_text(encoding="utf-8").split("\nnav:", 1)[1])
        assert {title: PATH} in nav["nav"]
