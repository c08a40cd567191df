"""Small pure helpers the page builders share: the text in a page's language, numbers as shown,
and the relative links between generated pages."""

from __future__ import annotations

import posixpath
from collections import defaultdict

from ..labels import label

LANGS = ("zh", "en")
AUTHORITATIVE = "zh"  # the language whose text is the original; the others are translations


def pick(row: dict | None, key: str, lang: str) -> tuple[str | None, bool]:
    """The text in the page's language; (the authoritative text, True) when the translation is missing."""
    if not row:
        return None, False
    own, original = row.get(f"{key}_{lang}"), row.get(f"{key}_{AUTHORITATIVE}")
    if own or lang == AUTHORITATIVE:
        return own, False
    return original, bool(original)


def plain(row: dict | None, key: str, lang: str) -> str:
    """The text in the page's language, or the authoritative one, or empty."""
    return pick(row, key, lang)[0] or ""


def text(row: dict, key: str, lang: str) -> dict:
    """A text for a template: {"value", "missing"} (missing: the authoritative text stands in)."""
    value, missing = pick(row, key, lang)
    return {"value": value or "", "missing": missing}


def value_text(row: dict) -> str:
    """A value or range as a reader sees it: "≥ 1,000", "10–20", "≈ 5"."""
    lo, hi, comp = row["value_min"], row["value_max"], row["comparator"]

    def n(v):
        return "" if v is None else (f"{v:,.0f}" if float(v).is_integer() else f"{v:,}")

    if lo is None and hi is None:
        return "—"
    if comp == "range":
        return f"{n(lo)}–{n(hi)}"
    if comp in ("ge", "gt"):
        return f"{label('comparators', comp, 'symbol')} {n(lo)}"
    if comp in ("le", "lt"):
        return f"{label('comparators', comp, 'symbol')} {n(hi)}"
    return f"{'≈ ' if comp == 'approx' else ''}{n(lo)}"


def up(path: str) -> str:
    """Relative prefix from the page written at `path` back to the language root."""
    depth = path.count("/") + (0 if path.endswith("index.md") else 1)
    return "../" * depth


def site_root(path: str) -> str:
    """Relative prefix from a page to the site root, above the language folders."""
    return up(path) + "../"


def page_url(path: str) -> str:
    """The URL (relative to the language root) MkDocs gives the page written at `path`."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def md(frm: str, to: str) -> str:
    """Relative path from the Markdown file `frm` to the file `to`, for Markdown links (MkDocs resolves
    and checks those against the source files)."""
    return posixpath.relpath(to, posixpath.dirname(frm) or ".")


def href(frm: str, to: str) -> str:
    """Relative URL from the page at `frm` to the page at `to`, for links written as HTML."""
    return up(frm) + page_url(to)


def group(rows: list[dict], key: str, value: str | None = None) -> defaultdict:
    """{row[key]: [rows]} (or [row[value]]), in row order."""
    out: defaultdict = defaultdict(list)
    for row in rows:
        out[row[key]].append(row[value] if value else row)
    return out
