"""The benchmark's goal table (scripts/bench/goals.py): each goal judged at the N it names."""

from __future__ import annotations

import sys

from .conftest import REPO

sys.path.insert(0, str(REPO / "scripts" / "bench"))

from goals import FIGURES, GOALS, goal_lines


def _cells(lines: list[str], start: str) -> list[str]:
    return [cell.strip() for cell in next(line for line in lines if line.startswith(start)).split("|")]


ROWS = [
    {"N": 5, "pipeline": 100.0, "plain-render": 1.0},  # far off at N=5, but not judged there
    {"N": 1000, "pipeline": 11.0, "plain-render": 10.0, "cmd-validate-s": 2.0, "csv-parse": 0.5},
]


def test_a_goal_is_judged_at_its_n_only():
    lines = goal_lines(ROWS)
    assert _cells(lines, "pipeline / plain") == [
        "pipeline / plain MkDocs render <= 1.10 (at N=1,000)",
        "100.00x",
        "not measured",
        "1.10x",
        "not measured",
        "met",
    ]
    assert _cells(lines, "full build")[-1] == "met"  # 11 s <= 20 s
    assert _cells(lines, "`validate` (the command, warm caches) <= 3x")[3:] == ["4.00x", "not measured", "missed"]


def test_a_goal_whose_n_was_not_run_says_so():
    lines = goal_lines(ROWS)
    assert _cells(lines, "peak RSS of `site`")[-1] == "not measured at N=10,000"
    judged = [line for line in lines if line.endswith(("met", "missed"))]
    assert len(judged) == 3 and len(lines) == 2 + len(GOALS) + len(FIGURES)
