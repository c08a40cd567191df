"""Stored numbers agree with what the quantity parser reads in the cited text."""

from __future__ import annotations

from ..core.problems import ProblemList, dotted
from ..model.catalog import Catalog, Guide


def check_numbers(catalog: Catalog, guide: Guide, problems: ProblemList) -> None:
    parser = catalog.parser
    for kind in ("indicators", "funding"):
        for i, rec in enumerate(guide.records(kind)):
            if "override" in rec:
                continue
            stored = (rec["comparator"], rec["value_min"], rec["value_max"], rec["unit"])
            found = parser.parse(rec["text"]["zh"])
            n = rec.get("quantity", 0)
            path = (kind, i, "value_min")
            if n >= len(found):
                problems.add(
                    guide.rel,
                    guide.line(kind, i),
                    f"{kind}[{i}]",
                    f"the parser finds {len(found)} quantit{'y' if len(found) == 1 else 'ies'} in the text, "
                    f"so quantity {n} does not exist; fix the text or add override with a reason",
                    "number-mismatch",
                )
                continue
            parsed = found[n].as_tuple()
            if not _same(parsed, stored):
                problems.add(
                    guide.rel,
                    guide.line(*path),
                    dotted(path),
                    f"stored {_fmt(stored)} but the parser reads {_fmt(parsed)} from "
                    f"'{rec['text']['zh']}'; fix the numbers or add override with a reason",
                    "number-mismatch",
                )
    for i, rec in enumerate(guide.records("ratios")):
        ratios = [(r.public_share, r.self_share, r.comparator) for r in parser.parse_ratios(rec["text"]["zh"])]
        ratio = (rec["public_share"], rec["self_share"], rec["comparator"])
        if not any(_same(f, ratio) for f in ratios):
            problems.add(
                guide.rel,
                guide.line("ratios", i, "public_share"),
                f"ratios[{i}].public_share",
                f"stored ratio {ratio[0]}:{ratio[1]} ({ratio[2]}) but the parser reads "
                f"{', '.join(f'{a}:{b} ({c})' for a, b, c in ratios) or 'no ratio'} from the text",
                "number-mismatch",
            )


def _same(a: tuple, b: tuple) -> bool:
    return all(
        (x == y) if not isinstance(x, (int, float)) or not isinstance(y, (int, float)) else abs(x - y) < 1e-9
        for x, y in zip(a, b)
    )


def _fmt(q: tuple) -> str:
    comp, lo, hi, unit = q
    return f"{comp} {lo}..{hi} {unit or '(no unit)'}"
