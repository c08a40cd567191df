"""Search on the built site in Chromium, typed into the header's box as a reader types: the query set
in search_queries.yaml (where each query must lead), code-like and nonsense queries that must find
nothing, landing on the matching section with the words highlighted, and the combobox driven from the
keyboard alone. The hit rate (top-1, top-3 per language) is written to test-artifacts/search-hit-rate.json."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest
import yaml

from .test_browser import ARTIFACTS, browser, built, data, served, site  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUERIES = yaml.safe_load((Path(__file__).with_name("search_queries.yaml")).read_text(encoding="utf-8"))
CASES = [(lang, case) for lang in ("zh", "en") for case in QUERIES[lang]]


def test_query_set_is_big_enough():
    for lang in ("zh", "en"):
        found = [c for c in QUERIES[lang] if not c.get("none")]
        assert len(found) >= 40, f"{lang}: {len(found)} queries with a destination"
        assert len([c for c in QUERIES[lang] if c.get("none")]) >= 5
    assert {"哈萨克斯坦", "塔吉克斯坦"} <= {c["q"] for c in QUERIES["zh"]}


@pytest.fixture(scope="module")
def pages(browser, site):  # noqa: F811
    """One open page per language, reused for every query (the box is cleared in between)."""
    contexts, out = [], {}
    for lang in ("zh", "en"):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.goto(f"{site}{lang}/")
        contexts.append(context)
        out[lang] = pg
    yield out
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def tally():
    """Query outcomes per language; written out (and printed) once every query has run."""
    outcomes: dict = {"zh": [], "en": []}
    yield outcomes
    summary = {}
    for lang, rows in outcomes.items():
        ranked = [r for r in rows if r["target"]]
        summary[lang] = {
            "queries": len(ranked),
            "top1": sum(r["rank"] == 1 for r in ranked),
            "top3": sum(r["rank"] is not None and r["rank"] <= 3 for r in ranked),
            "none_queries": len(rows) - len(ranked),
            "none_empty": sum(r["count"] == 0 for r in rows if not r["target"]),
            "rows": rows,
        }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "search-hit-rate.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n")
    for lang, s in summary.items():
        print(f"\nsearch {lang}: top-1 {s['top1']}/{s['queries']}, top-3 {s['top3']}/{s['queries']}")


def ask(pg, query: str, everything: bool = False) -> tuple[int, list[str]]:
    """Type the query into the box; returns the count announced and the result links shown (all of
    them with everything, else the first batch)."""
    box = pg.locator("#st-search-input")
    box.click()
    box.fill("")
    box.press_sequentially(query)
    settled(pg, query)
    while everything and pg.locator(".st-search-more button").count():
        pg.click(".st-search-more button")
        pg.wait_for_selector(".st-search-results:not([data-busy])", state="attached")
    count = pg.locator("li:not([hidden]) > [role=option]").count()
    hrefs = pg.eval_on_selector_all("[role=option]", "els => els.map(e => e.getAttribute('href'))")
    assert len(hrefs) == count
    return count, hrefs


def settled(pg, query: str) -> None:
    """Wait until the panel shows this query's results, every one of the batch arrived."""
    pg.wait_for_function(
        "q => { const p = document.querySelector('.st-search-results');"
        " return p.getAttribute('data-query') === q && !p.hasAttribute('data-busy'); }",
        arg=query,
        timeout=15000,
    )


def page_of(href: str, lang: str) -> str:
    return urlparse(href).path.removeprefix(f"/{lang}/")


@pytest.mark.parametrize("lang, case", CASES, ids=[f"{lang}-{c['q']}" for lang, c in CASES])
def test_query_lands_where_it_should(pages, site, tally, lang, case):  # noqa: F811
    pg = pages[lang]
    count, hrefs = ask(pg, case["q"], everything=bool(case.get("exclude") or case.get("none")))
    found = [page_of(h, lang) for h in hrefs]
    target = case.get("first") or case.get("top3")
    rank = found.index(target) + 1 if target in found else None
    tally[lang].append({"q": case["q"], "target": target, "rank": rank, "count": count, "top": found[:3]})
    status = pg.inner_text("[role=status]")
    if case.get("none"):
        assert count == 0, f"{case['q']!r} found {found}"
        assert status in ("没有找到结果", "No results")
        return
    announced = re.search(r"\d+", status)
    assert announced and int(announced.group()) >= count > 0, f"{case['q']!r}: the live region says {status!r}"
    if case.get("first"):
        assert found[:1] == [case["first"]], f"{case['q']!r}: first {found[:3]}"
    if case.get("top3"):
        assert case["top3"] in found[:3], f"{case['q']!r}: top three {found[:3]}"
    for page in case.get("exclude", []):
        assert page not in found, f"{case['q']!r} found {page}, which only has the letters inside other words"
    if case.get("section"):
        lands_on_section(pg, site, hrefs[0], case["q"], case["section"], lang)


def lands_on_section(pg, site, href, query, section, lang):  # noqa: F811
    """The first result opens at a heading under (or being) the named section, with the query marked."""
    assert parse_qs(urlparse(href).query).get("pagefind-highlight") == query.split()
    assert urlparse(href).fragment, f"{href} links to the top of the page"
    pg.goto(site.rstrip("/") + href)
    pg.wait_for_selector("mark.st-hit", timeout=10000)
    headings = pg.evaluate(
        """id => { const target = document.getElementById(id); const stack = [];
        for (const h of document.querySelectorAll('article h1, article h2, article h3, article h4, article h5, article h6')) {
          const level = +h.tagName[1];
          while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
          stack.push({level, text: h.textContent});
          if (h === target) return stack.map(s => s.text);
        } return null; }""",
        unquote(urlparse(href).fragment),
    )
    assert headings, f"{href}: no heading with that id"
    assert any(section in h for h in headings), f"{query!r} lands under {headings}, not {section!r}"
    marks = pg.eval_on_selector_all("mark.st-hit", "els => els.map(e => e.textContent)")
    assert any(m.lower() in query.lower() for m in marks), marks
    in_view = pg.evaluate(
        "() => { const r = [...document.querySelectorAll('mark.st-hit')].some(m => {"
        " const b = m.getBoundingClientRect(); return b.top >= 0 && b.bottom <= innerHeight; }); return r; }"
    )
    assert in_view, "no highlighted word in view on arrival"
    pg.goto(f"{site}{lang}/")


def test_results_say_what_and_when(pages):
    """A guide result names its type and year; a region result says it is a region."""
    pg = pages["zh"]
    ask(pg, "哈萨克斯坦")
    about = pg.eval_on_selector_all("[role=option] small", "els => els.map(e => e.textContent)")
    assert any(a.startswith("指南 · 2018 年") for a in about), about
    assert any(a.startswith("地区") for a in about), about
    pg.locator("#st-search-input").press("Escape")


def test_keyboard_alone(browser, site):  # noqa: F811
    """From a link in the page: "/" focuses the box, typing searches, ArrowDown/ArrowUp move the active
    option, Escape clears and returns focus to the link, and Enter opens the active result."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.goto(f"{site}en/")
    pg.locator("article a").first.focus()
    before = pg.evaluate("() => document.activeElement.outerHTML")
    pg.keyboard.press("/")
    assert pg.evaluate("() => document.activeElement.id") == "st-search-input"
    box = pg.locator("#st-search-input")
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "false"
    assert box.input_value() == "", "the slash was typed into the box"
    pg.keyboard.type("Kazakhstan")
    settled(pg, "Kazakhstan")
    assert box.get_attribute("aria-expanded") == "true"
    listbox = box.get_attribute("aria-controls")
    assert pg.locator(f"#{listbox}[role=listbox]").count() == 1
    assert "results" in pg.inner_text("[role=status]")

    def active():
        return pg.evaluate(
            "() => { const id = document.activeElement.getAttribute('aria-activedescendant');"
            " const el = id && document.getElementById(id);"
            " return el ? [id, el.getAttribute('aria-selected')] : null; }"
        )

    assert active() is None
    pg.keyboard.press("ArrowDown")
    first = active()
    assert first and first[1] == "true"
    pg.keyboard.press("ArrowDown")
    second = active()
    assert second and second[0] != first[0]
    pg.keyboard.press("ArrowUp")
    assert active() == first
    assert pg.evaluate("() => document.activeElement.id") == "st-search-input", "focus left the box"
    pg.keyboard.press("Escape")
    assert pg.evaluate("() => document.activeElement.outerHTML") == before, "Escape lost the focus"
    assert box.input_value() == "" and box.get_attribute("aria-expanded") == "false"
    pg.keyboard.press("/")
    pg.keyboard.type("Kazakhstan")
    settled(pg, "Kazakhstan")
    pg.keyboard.press("ArrowDown")
    pg.keyboard.press("ArrowDown")
    href = pg.evaluate(
        "() => document.getElementById(document.activeElement.getAttribute('aria-activedescendant'))"
        ".getAttribute('href')"
    )
    with pg.expect_navigation():
        pg.keyboard.press("Enter")
    assert pg.url.endswith(href)
    context.close()


def test_no_tab_stop_is_invisible(browser, site):  # noqa: F811
    """Tab through a whole page: every element that takes focus is visible on screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.goto(f"{site}zh/")
    seen = []
    probe = (
        "() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
        " const s = getComputedStyle(e); return [e.tagName, e.id || e.className || e.textContent.slice(0, 20),"
        " r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && +s.opacity > 0.5]; }"
    )
    for _ in range(60):
        pg.keyboard.press("Tab")
        info = pg.evaluate(probe)
        if not info[2]:  # permalinks fade in on focus: look again once the transition is over
            pg.wait_for_timeout(400)
            info = pg.evaluate(probe)
        if info[0] == "BODY":
            break
        seen.append(info)
    assert seen, "nothing takes focus"
    invisible = [s for s in seen if not s[2]]
    assert not invisible, f"invisible Tab stops: {invisible}"
    context.close()


def test_search_copy_leaves_the_published_pages_alone(built):  # noqa: F811
    """The spaced copy is only what Pagefind reads: the published pages have no zero-width spaces."""
    page = built / "zh" / "guides" / "xinjiang-2018-sco-partnership-call" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "哈萨克斯坦" in text and "\u200b" not in text
