"""The "Problem codes / 问题代码" page: every code `stcatalog validate` can report, with what it
means and how to fix it, generated from the registry (core/problem_codes.yaml) in each language."""

from __future__ import annotations

from ..core.problems import registry
from .render import render
from .ui import strings

PATH = "problem-codes.md"


def problem_codes_page(lang: str) -> str:
    """The page's Markdown in `lang` ("zh" or "en")."""
    s = strings(lang)
    codes = [(e.code, e.title[lang], e.fix[lang]) for e in registry().values()]
    return render("problem-codes.md.j2", s=s, lang=lang, title=s["problem_codes"], codes=codes)
