"""The goals of issue 15, each with the figure the benchmark measured at every N and met/missed
at the N the goal names; a goal whose N was not run says "not measured"."""

from __future__ import annotations

from collections.abc import Callable


def _ratio(a: str, b: str) -> Callable[[dict], float | None]:
    return lambda row: row[a] / row[b] if a in row and b in row and row[b] else None


def _sum(*keys: str) -> Callable[[dict], float | None]:
    return lambda row: sum(row[k] for k in keys) if all(k in row for k in keys) else None


def _worst(*keys: str) -> Callable[[dict], float | None]:
    return lambda row: max(row[k] for k in keys) if all(k in row for k in keys) else None


def _key(key: str) -> Callable[[dict], float | None]:
    return lambda row: row.get(key)


# text, the figure from a row, its unit, the limit (met when figure <= limit), the N it is judged at
GOALS: list[tuple[str, Callable[[dict], float | None], str, float, int]] = [
    ("pipeline / plain MkDocs render <= 1.10", _ratio("pipeline", "plain-render"), "x", 1.10, 1000),
    ("full build, both languages (load + site) <= 20 s", _key("pipeline"), "s", 20, 1000),
    ("`validate` (the command, warm caches) <= 3x CSV parse", _ratio("cmd-validate-s", "csv-parse"), "x", 3, 1000),
    ("`validate` (the command, warm caches) <= 60 s", _key("cmd-validate-s"), "s", 60, 10000),
    ("peak RSS of `validate` (in full) <= 2 GB", _key("cmd-validate-full-MB"), "MB", 2000, 10000),
    ("peak RSS of `build` <= 2 GB", _key("cmd-build-MB"), "MB", 2000, 10000),
    ("peak RSS of `site` <= 2 GB", _key("cmd-site-MB"), "MB", 2000, 10000),
    ("one changed guide: pages, data, search < 5 s", _sum("inc-site-total", "inc-export"), "s", 5, 1000),
    ("search, cold, both languages <= 300 KB", _worst("zh-cold-KB", "en-cold-KB"), "KB", 300, 10000),
    (
        "search, cold, first results <= 300 ms after the last key",
        _worst("zh-cold-after-last-key-ms", "en-cold-after-last-key-ms"),
        "ms",
        300,
        10000,
    ),
]
# Not goals, printed beside them so that the `validate` figure can be read: the package part alone.
FIGURES: list[tuple[str, Callable[[dict], float | None], str]] = [
    ("package check, in full (drift + columnar + JSON) / CSV parse", _ratio("validate-package", "csv-parse"), "x"),
    ("package check, drift record trusted / CSV parse", _ratio("validate-package-recorded", "csv-parse"), "x"),
    (
        "`validate` in full (the command: load, drift, columnar, JSON) / CSV parse",
        _ratio("cmd-validate-full-s", "csv-parse"),
        "x",
    ),
    ("columnar Table Schema check / CSV parse", _ratio("columnar", "csv-parse"), "x"),
    ("frictionless Table Schema check / CSV parse", _ratio("frictionless", "csv-parse"), "x"),
    ("drift check (every package file made again) / CSV parse", _ratio("drift", "csv-parse"), "x"),
]


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "not measured"
    return f"{value:.2f}{unit}" if unit == "x" else f"{value:,.1f} {unit}"


def goal_lines(rows: list[dict], sizes: tuple[int, ...] = (5, 100, 1000, 10000)) -> list[str]:
    by_n = {row["N"]: row for row in rows}
    head = "goal | " + " | ".join(f"N={n:,}" for n in sizes) + " | verdict"
    lines = [head, "|".join("---" for _ in head.split(" | "))]
    for text, figure, unit, limit, at in GOALS:
        values = [figure(by_n[n]) if n in by_n else None for n in sizes]
        judged = figure(by_n[at]) if at in by_n else None
        verdict = f"not measured at N={at:,}" if judged is None else ("met" if judged <= limit else "missed")
        lines.append(f"{text} (at N={at:,}) | " + " | ".join(_fmt(v, unit) for v in values) + f" | {verdict}")
    for text, figure, unit in FIGURES:
        values = [figure(by_n[n]) if n in by_n else None for n in sizes]
        lines.append(f"{text} | " + " | ".join(_fmt(v, unit) for v in values) + " | (figure)")
    return lines
