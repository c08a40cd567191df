"""Every cite is found verbatim in the raw document it claims to quote."""

from __future__ import annotations

from ..core.problems import ProblemList, dotted
from ..model.catalog import RECORD_LISTS, Guide


def check_provenance(guide: Guide, problems: ProblemList) -> None:
    raw = guide.raw_text
    assert raw is not None  # checks/__init__.py calls this only for guides whose raw document was read
    for kind in RECORD_LISTS:
        for i, rec in enumerate(guide.records(kind)):
            quoted: list[tuple[tuple, str]] = (
                [((kind, i, "cite"), rec["cite"])] if "cite" in rec else [((kind, i, "text", "zh"), rec["text"]["zh"])]
            )
            quoted += [((kind, i, "tasks", j, "cite"), t["cite"]) for j, t in enumerate(rec.get("tasks") or [])]
            for path, quote in quoted:
                if quote not in raw:
                    problems.add(
                        guide.rel,
                        guide.line(*path),
                        dotted(path),
                        f"cited text not found verbatim in datasets/raw/{guide.data['raw']}: "
                        f"'{quote[:60]}{'…' if len(quote) > 60 else ''}'",
                        "cite-not-found",
                    )
