"""One language's MkDocs source folder: the generated pages, the hand-written ones (docs/<lang>/),
the tables' JSON files and the site's assets."""

from __future__ import annotations

from pathlib import Path

from . import problem_codes
from .pages import LANGS


def static_pages(base: Path) -> dict[str, dict[str, str]]:
    """Hand-written pages (about, contribute) from docs/<lang>/, and the problem codes page."""
    out: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        folder = base / "docs" / lang
        out[lang] = {
            p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))
        }
        out[lang][problem_codes.PATH] = problem_codes.problem_codes_page(lang)
    return out


def docs_tree(base: Path, pages: dict[str, str], tables: dict[str, bytes]) -> dict[str, bytes]:
    """One language's MkDocs source folder: its pages and table files, and the site's assets."""
    files = {**{path: body.encode("utf-8") for path, body in pages.items()}, **tables}
    files.update(
        {f"assets/{p.name}": p.read_bytes() for p in sorted((base / "docs" / "assets").iterdir()) if p.is_file()}
    )
    return files
