"""Each guide against its raw document's manifest entry: the file exists, title and year agree."""

from __future__ import annotations

from ..core.problems import ProblemList
from ..model.catalog import Catalog, Guide


def check_raw(catalog: Catalog, guide: Guide, problems: ProblemList) -> None:
    raw = guide.data["raw"]
    if guide.raw_text is None:
        if any(p.file == f"datasets/raw/{raw}" for p in problems):
            return  # the file is there but unusable, and the loader has said why
        problems.add(guide.rel, guide.line("raw"), "raw", f"raw file datasets/raw/{raw} does not exist", "missing-raw")
        return
    entry = catalog.manifest.get(raw)
    if entry is None:
        problems.add(
            guide.rel,
            guide.line("raw"),
            "raw",
            f"raw file {raw} is not listed in datasets/raw/manifest.yaml",
            "missing-raw",
        )
        return
    if entry["title"]["value"] != guide.data["title"]["zh"]:
        problems.add(
            guide.rel,
            guide.line("title", "zh"),
            "title.zh",
            f"title differs from the manifest's '{entry['title']['value']}'",
            "manifest-mismatch",
        )
    if entry["year"]["value"] != guide.data["year"]:
        problems.add(
            guide.rel,
            guide.line("year"),
            "year",
            f"year differs from the manifest's {entry['year']['value']}",
            "manifest-mismatch",
        )
