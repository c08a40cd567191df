"""One entry point for every check: sources first, then the published package."""

from __future__ import annotations

from pathlib import Path

from ..core.problems import ProblemList
from ..sources.load import load
from .checks import check_package
from .export import inputs_key, record_package


def validate_all(base: Path | None = None, sources_only: bool = False, frictionless: bool = False) -> ProblemList:
    """Every problem; with `frictionless`, the standard Frictionless check of the package as well (CI).
    When there is none, the committed package is exactly what the sources make, so that is recorded
    as `build` records it, and the site links the package instead of making it again."""
    key = inputs_key(base)  # before loading, as in build
    cat, problems = load(base)
    if sources_only or problems:
        return problems
    check_package(cat, problems, frictionless=frictionless, key=key)
    if not problems:
        record_package(cat.base, key)
    return problems
