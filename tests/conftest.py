"""Shared fixtures: a small, self-contained repository tree to break on purpose."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from stcatalog.cli import main
from stcatalog.core import paths, problems

# An undeclared problem code raises in every test (see stcatalog/core/problems.py).
os.environ[problems.STRICT_ENV] = "1"

REPO = Path(__file__).resolve().parents[1]
MINI = REPO / "tests" / "fixtures" / "mini"


def copy_mini(root: Path) -> Path:
    """A copy of tests/fixtures/mini at root, with the real schemas, code lists and shared vocabularies."""
    shutil.copytree(MINI, root)
    shutil.copytree(REPO / "schemas", root / "schemas")
    shutil.copytree(REPO / "datasets" / "codelists", root / "datasets" / "codelists")
    for name in ("units", "domains", "programmes", "glossary"):
        shutil.copy(REPO / "datasets" / "vocabularies" / f"{name}.yaml", root / "datasets" / "vocabularies")
    return root


@pytest.fixture
def mini(tmp_path, monkeypatch) -> Path:
    """A copy of tests/fixtures/mini, the tool pointed at it."""
    root = copy_mini(tmp_path / "repo")
    monkeypatch.setenv("STCATALOG_ROOT", str(root))
    return root


@pytest.fixture
def cli(capsys):
    """Run the command line in-process; returns (exit code, stdout, stderr)."""

    def run(*args: str):
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def tree_bytes(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def real_root(monkeypatch) -> Path:
    monkeypatch.delenv("STCATALOG_ROOT", raising=False)
    assert paths.root() == REPO
    return REPO
