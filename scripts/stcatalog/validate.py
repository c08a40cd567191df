"""One entry point for every check: sources first, then the published package."""

from __future__ import annotations

from pathlib import Path

from . import catalog as catalog_mod
from .problems import ProblemList


def validate_all(base: Path | None = None, sources_only: bool = False) -> ProblemList:
    """Every problem. When there is none, the committed package is exactly what the sources make, so
    that is recorded as `build` records it, and the site links the package instead of making it again."""
    from .export import inputs_key, record_package

    key = inputs_key(base)  # before loading, as in build
    cat, problems = catalog_mod.load(base)
    if sources_only or problems:
        return problems
    from .package_checks import check_package

    check_package(cat, problems)
    if not problems:
        record_package(cat.base, key)
    return problems
