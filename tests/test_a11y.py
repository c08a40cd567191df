"""WCAG 2.1 AA on every page of the built site, both languages: axe-core (installed by `npm ci` from the
repository's package-lock.json) run in Chromium on each page, and with the search results open. The
table page × rule of what axe found is written to test-artifacts/axe.json."""

from __future__ import annotations

import json

import pytest

from .conftest import REPO
from .test_browser import ARTIFACTS, browser, built, data, served, site  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN = "tags => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })"


def site_pages(built) -> list[str]:  # noqa: F811
    """Every page of both languages, as a path under the site."""
    return sorted(
        p.relative_to(built).parent.as_posix() + "/"
        for lang in ("zh", "en")
        for p in (built / lang).rglob("index.html")
        if "pagefind" not in p.parts
    )


def violations(pg) -> list[dict]:
    if not pg.evaluate("() => typeof axe !== 'undefined'"):
        pg.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = pg.evaluate(RUN, TAGS)["violations"]
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"][0] for n in v["nodes"]][:5],
            "count": len(v["nodes"]),
        }
        for v in found
    ]


def test_axe_is_clean_on_every_page(browser, site, built):  # noqa: F811
    assert AXE.is_file(), "axe-core is missing: run `npm ci` (make test does)"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    table: dict[str, list[dict]] = {}
    paths = site_pages(built)
    assert len(paths) > 100
    for path in paths:
        pg.goto(f"{site}{path}")
        table[path] = violations(pg)
    # the search box with its results open, in each language
    for lang, query in (("zh", "哈萨克斯坦"), ("en", "Kazakhstan")):
        pg.goto(f"{site}{lang}/")
        pg.locator("#st-search-input").press_sequentially(query)
        pg.wait_for_selector(".st-search-results[data-query]:not([data-busy])", state="attached")
        pg.keyboard.press("ArrowDown")
        table[f"{lang}/ (search open)"] = violations(pg)
    context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe.json").write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n")
    bad = {path: v for path, v in table.items() if v}
    summary = "\n".join(
        f"{path}: " + ", ".join(f"{v['rule']} ×{v['count']} {v['nodes']}" for v in vs) for path, vs in bad.items()
    )
    assert not bad, f"axe found violations on {len(bad)} of {len(table)} pages:\n{summary}"
