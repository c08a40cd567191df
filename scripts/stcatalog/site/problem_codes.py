"""The "Problem codes / 问题代码" page: every code `stcatalog validate` can report, with what it
means and how to fix it, generated from the registry (core/problem_codes.yaml) in each language."""

from __future__ import annotations

import html
import re

from ..core.problems import registry

PATH = "problem-codes.md"
_TEXT = {
    "zh": {
        "title": "问题代码",
        "code": "代码",
        "what": "问题",
        "fix": "修改方法",
        "intro": "`stcatalog validate` 报告的每个问题都写明文件、行号、字段和一个代码（行末括号中）。"
        "下表列出全部代码及其修改方法。`名称:*` 表示以 `名称:` 开头的一组代码。",
    },
    "en": {
        "title": "Problem codes",
        "code": "Code",
        "what": "Problem",
        "fix": "How to fix it",
        "intro": "Every problem `stcatalog validate` reports names the file, line, field and a code (in brackets at "
        "the end). The table lists every code and how to fix it. `name:*` stands for the codes starting "
        "with `name:`.",
    },
}
_NOTE = (
    '!!! note "Translation"\n    This is an English translation by the catalog\'s curators. '
    "The Chinese text is authoritative.\n\n"
)


# Characters Markdown could read as markup, written as character references (which show as themselves;
# a backslash escape would show the backslash before = or ~).
_ACTIVE = re.compile(r"[\\`*_{}\[\]()#+\-!|~^=.:]")


def _cell(text: str) -> str:
    return _ACTIVE.sub(lambda m: f"&#{ord(m.group())};", html.escape(text, quote=False))


def problem_codes_page(lang: str) -> str:
    """The page's Markdown in `lang` ("zh" or "en")."""
    t = _TEXT[lang]
    out = [
        f"---\ntitle: {t['title']}\n---\n",
        _NOTE if lang == "en" else "",
        f"# {t['title']}\n",
        t["intro"],
        "",
        f"| {t['code']} | {t['what']} | {t['fix']} |",
        "|---|---|---|",
    ]
    for entry in registry().values():
        out.append(f"| `{entry.code}` | {_cell(entry.title[lang])} | {_cell(entry.fix[lang])} |")
    return "\n".join(out) + "\n"
