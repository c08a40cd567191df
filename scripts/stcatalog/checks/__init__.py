"""Checks of the curated sources beyond what the schema can say: one module per family of rules.

Owns: every rule a loaded guide or the whole catalog must pass, and the problem codes they emit.
May import: core, model. Never reads the repository itself (sources hands it loaded files).
"""

from __future__ import annotations

from ..core.problems import ProblemList
from ..model.catalog import Catalog, Guide
from .manifest import check_raw
from .numbers import check_numbers
from .pairings import check_pairings
from .provenance import check_provenance
from .references import check_ids, check_references
from .texts import check_texts
from .titles import check_titles
from .values import check_values


class GuideIds:
    """The check across guides, one guide at a time: it holds each id and its file, never the guides."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def add(self, guide: Guide, problems: ProblemList) -> None:
        if guide.id in self.seen:
            problems.add(
                guide.rel,
                guide.line("id"),
                "id",
                f"duplicate guide id '{guide.id}' (also in {self.seen[guide.id]})",
                "duplicate-id",
            )
        self.seen.setdefault(guide.id, guide.rel)


def check_guide(catalog: Catalog, guide: Guide, problems: ProblemList) -> None:
    check_raw(catalog, guide, problems)
    ids = check_ids(guide, problems)
    check_references(catalog, guide, ids, problems)
    check_texts(catalog, guide, problems)
    check_titles(guide, problems)
    if guide.raw_text is not None:
        check_provenance(guide, problems)
    check_values(catalog, guide, problems)
    check_numbers(catalog, guide, problems)
    check_pairings(guide, problems)
