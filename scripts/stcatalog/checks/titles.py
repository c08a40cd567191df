"""Recurring titles: a Chinese heading or title that recurs in a guide (a project's title and its
annex heading, a scope and its section) has one English rendering, so the English reads alike
wherever the Chinese does."""

from __future__ import annotations

from ..core.problems import ProblemList
from ..model.catalog import Guide

TITLED = (("sections", "heading"), ("scopes", "title"), ("projects", "title"))


def check_titles(guide: Guide, problems: ProblemList) -> None:
    first: dict[str, tuple[str, str]] = {}  # {zh: (en, where)}
    for kind, key in TITLED:
        for i, rec in enumerate(guide.records(kind)):
            title = rec.get(key) if isinstance(rec, dict) else None
            if (
                not isinstance(title, dict)
                or not isinstance(title.get("zh"), str)
                or not isinstance(title.get("en"), str)
            ):
                continue
            where = f"{kind}[{i}].{key}"
            en, seen_at = first.setdefault(title["zh"], (title["en"], where))
            if title["en"] != en:
                problems.add(
                    guide.rel,
                    guide.line(kind, i, key, "en"),
                    f"{where}.en",
                    f"'{title['zh']}' reads '{title['en']}' here but '{en}' at {seen_at}; give it one English rendering",
                    "title-variants",
                )
