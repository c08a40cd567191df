"""The site's UI strings, one YAML file per language (site/strings/<lang>.yaml), loaded once. Every
language must have every key: `missing_keys` lists the gaps (a test runs it)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

FOLDER = Path(__file__).parent / "strings"


@cache
def strings(lang: str) -> dict:
    """{key: string or list} for one language."""
    return yaml.safe_load((FOLDER / f"{lang}.yaml").read_text(encoding="utf-8"))


def missing_keys(langs) -> dict[str, list[str]]:
    """{language: [keys another language has and it lacks]}, only the languages with gaps."""
    keys = {lang: set(strings(lang)) for lang in langs}
    every = set().union(*keys.values())
    return {lang: sorted(every - have) for lang, have in keys.items() if every - have}
