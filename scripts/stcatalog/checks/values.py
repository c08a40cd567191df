"""Stored numbers that cannot be true, whatever the text says: bounds the wrong way round, a negative
amount, a comparator that disagrees with the bounds. These hold for overridden records too, since an
override only excuses a disagreement with the parser, never an impossible value."""

from __future__ import annotations

from ..core.problems import ProblemList, dotted
from ..model.catalog import Catalog, Guide

# Dimensions of datasets/codelists/unit-dimensions.csv whose values may be below zero: only a change
# (a fall of so many percentage points). Money, counts, areas, masses, lengths and times cannot.
SIGNED_DIMENSIONS = frozenset({"ratio-change"})

# Which bounds each comparator needs: (value_min given, value_max given).
BOUNDS = {
    "eq": (True, True),
    "approx": (True, True),
    "ge": (True, False),
    "gt": (True, False),
    "le": (False, True),
    "lt": (False, True),
    "range": (True, True),
}
NEEDS = {
    "eq": "equal value_min and value_max",
    "approx": "equal value_min and value_max",
    "ge": "value_min only (value_max null)",
    "gt": "value_min only (value_max null)",
    "le": "value_max only (value_min null)",
    "lt": "value_max only (value_min null)",
    "range": "value_min below value_max",
}


def check_values(catalog: Catalog, guide: Guide, problems: ProblemList) -> None:
    for kind in ("indicators", "funding"):
        for i, rec in enumerate(guide.records(kind)):
            lo, hi, comparator = rec.get("value_min"), rec.get("value_max"), rec.get("comparator")

            def add(key: str, message: str, code: str) -> None:
                path = (kind, i, key)
                problems.add(guide.rel, guide.line(*path), dotted(path), message, code)

            unit = catalog.vocab.units.get(rec.get("unit")) or {}
            if unit.get("dimension") not in SIGNED_DIMENSIONS:
                for key, value in (("value_min", lo), ("value_max", hi)):
                    if value is not None and value < 0:
                        add(
                            key,
                            f"{key} is {value}, but a {unit.get('dimension', 'bare')} value cannot be negative",
                            "negative-value",
                        )
            if lo is not None and hi is not None and lo > hi:
                add("value_min", f"value_min {lo} is above value_max {hi}", "min-above-max")
                continue
            if comparator not in BOUNDS or (lo is None and hi is None and "override" in rec):
                continue  # an overridden record without numbers is a qualitative indicator
            has_min, has_max = BOUNDS[comparator]
            agrees = (lo is not None) == has_min and (hi is not None) == has_max
            if agrees and comparator in ("eq", "approx"):
                agrees = lo == hi
            elif agrees and comparator == "range":
                agrees = lo is not None and hi is not None and lo < hi
            if not agrees:
                add(
                    "comparator",
                    f"comparator {comparator} needs {NEEDS[comparator]}, but value_min is {_shown(lo)} "
                    f"and value_max is {_shown(hi)}",
                    "comparator-values",
                )


def _shown(value) -> str:
    return "null" if value is None else str(value)
