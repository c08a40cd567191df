"""The site's pages as plain data, and the templates that turn it into Markdown.

Each builder module returns a dict per page (no markup); `render_pages` hands each to its template
(site/templates/, autoescaped) with the language's UI strings. The browsable tables' JSON files
are an output of their own (`table_files`). Nothing here knows about MkDocs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from ..render import render
from ..ui import strings
from . import dashboards, guide, home, lists
from .common import LANGS, page_url
from .data import data_page, dataset_jsonld
from .index import Index
from .table import table_files as _table_files
from .tables import guides_table, indicators_table

TABLE_PAGE = 100  # rows per page in the browsable tables
TABLE_CHUNK = 5000  # rows per JSON file behind them: a 10,000-guide explorer is never one download

__all__ = ["LANGS", "TABLE_CHUNK", "TABLE_PAGE", "Index", "dataset_jsonld", "page_url", "render_pages", "table_files"]


def _pages(ix: Index, lang: str) -> Iterator[tuple[str, str, Callable[[], dict]]]:
    """(path, template, builder) for every generated page of one language."""
    s = strings(lang)
    yield (
        "index.md",
        "home.md.j2",
        lambda: {"title": s["catalog"], "description": ix.meta["description"][lang], **home.home(ix, lang)},
    )
    yield "guides/index.md", "guides.md.j2", lambda: {"title": s["guides"], **lists.guides_index(ix, lang)}
    yield "indicators.md", "indicators.md.j2", lambda: {"title": s["explorer"], **lists.indicators(ix, lang)}
    yield "regions/index.md", "regions.md.j2", lambda: {"title": s["regions"], **lists.regions_index(ix, lang)}
    yield "domains/index.md", "domains.md.j2", lambda: {"title": s["domains"], **lists.domains_index(ix, lang)}
    yield "data.md", "data.md.j2", lambda: {"title": s["data"], **data_page(ix.meta, lang, ix.rows)}
    yield "glossary.md", "glossary.md.j2", lambda: {"title": s["glossary"], **lists.glossary(ix, lang)}
    for g in ix.guides:
        yield f"guides/{g['id']}.md", "guide.md.j2", partial(guide.guide_page, ix, g, lang)
    for code in ix.used_regions():
        yield f"regions/{code}.md", "region.md.j2", partial(_titled, dashboards.region_page, ix, code, lang)
    for did in ix.used_domains():
        yield f"domains/{did}.md", "domain.md.j2", partial(_titled, dashboards.domain_page, ix, did, lang)


def _titled(build: Callable[[Index, str, str], dict], ix: Index, key: str, lang: str) -> dict:
    """A region's or domain's page, titled by its name."""
    data = build(ix, key, lang)
    return {"title": data["name"], **data}


def render_language(ix: Index, lang: str) -> dict[str, str]:
    """{path: Markdown} of every generated page in one language."""
    s = strings(lang)
    return {path: render(template, s=s, lang=lang, **build()) for path, template, build in _pages(ix, lang)}


def table_files(ix: Index, lang: str) -> dict[str, bytes]:
    """{path: bytes}: the JSON files behind the browsable tables of one language."""
    return {**_table_files(guides_table(ix, lang)), **_table_files(indicators_table(ix, lang))}


def render_pages(
    rows: dict[str, list[dict]], meta: dict, static: dict[str, dict[str, str]] | None = None
) -> dict[str, dict[str, str]]:
    """{lang: {path: Markdown}} for both languages; static pages (about, contribute) are passed through."""
    ix = Index(rows, meta)
    return {lang: {**render_language(ix, lang), **(static or {}).get(lang, {})} for lang in LANGS}
