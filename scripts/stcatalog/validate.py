"""One entry point for every check: sources first, then the published package."""

from __future__ import annotations

from pathlib import Path

from . import catalog as catalog_mod
from .problems import ProblemList


def validate_all(base: Path | None = None, sources_only: bool = False) -> ProblemList:
    cat, problems = catalog_mod.load(base)
    if sources_only or problems:
        return problems
    from .package_checks import check_package

    check_package(cat, problems)
    return problems
