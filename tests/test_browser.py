"""The built site in a real browser (Debian's Chromium through Playwright), served on 127.0.0.1.

Expected results come from the published data, not from hard-coded counts. Screenshots of the main
pages are saved to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from stcatalog.core.public_url import ENV as PUBLIC_URL_ENV
from stcatalog.package.tables import table_rows
from stcatalog.site.build import build_site
from stcatalog.site.pages import TABLE_PAGE
from stcatalog.sources import load as catalog_mod

from .conftest import REPO

sys.path.insert(0, str(REPO / "scripts" / "bench"))

from headless import CHROMIUM, launch, serve  # the benchmark's launch flags and server

ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def data():
    cat, problems = catalog_mod.load(REPO)
    assert not problems
    return cat, table_rows(cat)


CHUNK = 50  # rows per JSON file of the browsable tables here, so that the explorer spans several


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A server on a free port for the folder the site is built into: the site is built with that
    address as its public URL, as a real host's site is (absolute canonical and hreflang links, feeds)."""
    out = tmp_path_factory.mktemp("site") / "site"
    out.mkdir()
    server, url = serve(out)
    yield out, url
    server.shutdown()


@pytest.fixture(scope="module")
def built(data, served) -> Path:
    import stcatalog.site.pages as pages_module

    out, url = served
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pages_module, "TABLE_CHUNK", CHUNK)
        patch.setenv(PUBLIC_URL_ENV, url)
        build_site(data[0], out)
    return out


@pytest.fixture(scope="module")
def site(built, served):
    return served[1]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium"
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.external = []
    pg.console_errors = []
    pg.on(
        "request",
        lambda r: (
            pg.external.append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith(("data:", "blob:"))
            else None
        ),
    )
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    yield pg
    context.close()


def shot(pg, name):
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def search(pg, site, lang, query) -> list[str]:
    """Type in the header's search box; return the result links (Pagefind, this language's index)."""
    pg.goto(f"{site}{lang}/")
    box = pg.locator("#st-search-input")
    box.click()
    box.press_sequentially(query)  # real key events, as a person types
    pg.wait_for_selector(".st-search-results li", timeout=10000)
    pg.wait_for_function("q => document.querySelector('#st-search-input').value === q", arg=query)
    pg.wait_for_timeout(300)  # the debounced search settles
    settled = ".st-search-results:not([data-busy])"
    pg.wait_for_selector(settled, state="attached")
    while pg.locator(".st-search-more button").count():  # load every batch of results
        pg.click(".st-search-more button")
        pg.wait_for_selector(settled, state="attached")
    hidden = pg.locator(".st-search-results li[hidden]").count()
    assert hidden == 0, f"{hidden} results never arrived"
    return pg.eval_on_selector_all(".st-search-result a", "els => els.map(e => e.href)")


def guides_containing(rows, term: str, lang: str) -> set[str]:
    found = set()
    for s in rows["sections"] + rows["scopes"] + rows["indicators"]:
        blob = " ".join(str(s.get(k) or "") for k in s if k.endswith(f"_{lang}"))
        if term.lower() in blob.lower():
            found.add(s["guide_id"])
    return found


SEARCHES = [("zh", t) for t in ("棉花", "畜牧业", "科技援疆", "盐湖", "马铃薯")] + [
    ("en", t) for t in ("cotton", "livestock", "potato")
]


@pytest.mark.parametrize("lang, term", SEARCHES)
def test_search_finds_the_guides_in_its_own_language(page, site, data, lang, term):
    expected = guides_containing(data[1], term, lang)
    assert expected, f"no guide's {lang} text contains {term}"
    hrefs = search(page, site, lang, term)
    found = {urlparse(h).path.split("/guides/")[1].split("/")[0] for h in hrefs if "/guides/" in urlparse(h).path}
    assert expected <= found, f"{term}: expected {sorted(expected)}, got {sorted(found)}"
    assert all(urlparse(h).path.startswith(f"/{lang}/") for h in hrefs), f"{lang} search returned other-language pages"
    if term in ("棉花", "cotton"):
        shot(page, f"search-{lang}")


def test_search_result_opens_the_guide(page, site):
    hrefs = search(page, site, "zh", "盐湖")
    page.click(".st-search-result a")
    page.wait_for_load_state()
    assert "/zh/guides/" in page.url
    assert hrefs


def test_language_switch_stays_on_the_same_page(page, site, data):
    gid = data[1]["guides"][0]["id"]
    page.goto(f"{site}zh/guides/{gid}/")
    assert page.get_attribute("html", "lang") == "zh"
    hreflangs = page.eval_on_selector_all(
        'link[rel="alternate"][hreflang]', "els => els.map(e => [e.hreflang, e.href])"
    )
    assert [site + f"en/guides/{gid}/", site + f"zh/guides/{gid}/"] == sorted(h for _, h in hreflangs)
    page.hover(".md-header__option .md-select")
    page.click('a.md-select__link[hreflang="en"]')
    page.wait_for_load_state()
    assert page.url == f"{site}en/guides/{gid}/"
    assert page.get_attribute("html", "lang") == "en"
    assert "The Chinese text is authoritative" in page.inner_text("article")


def ready(pg, table_id: str) -> None:
    """Wait until filters.js has loaded the table's rows from its JSON file."""
    pg.wait_for_selector(f"#{table_id}[data-ready]", state="attached", timeout=10000)


def test_guides_index_filters(page, site, data):
    rows = data[1]
    page.goto(f"{site}en/guides/")
    total = page.locator("#st-guides tbody tr").count()
    assert total == min(len(rows["guides"]), TABLE_PAGE)
    ready(page, "st-guides")
    year = str(rows["guides"][0]["year"])
    page.select_option('.st-filters select[data-filter="year"]', year)
    visible = page.locator("#st-guides tbody tr")
    assert visible.count() == sum(1 for g in rows["guides"] if str(g["year"]) == year)
    assert all(year == visible.nth(i).locator("td").first.inner_text() for i in range(visible.count()))
    shot(page, "guides-index-en")
    page.select_option('.st-filters select[data-filter="type"]', "Call for proposals")
    expected = sum(1 for g in rows["guides"] if str(g["year"]) == year and g["type"] == "call-for-proposals")
    assert page.locator("#st-guides tbody tr").count() == expected
    page.select_option('.st-filters select[data-filter="type"]', "")
    page.locator("#st-guides tbody a").first.click()
    page.wait_for_load_state()
    assert "/en/guides/" in page.url and page.locator("article h1").count() == 1


def test_indicator_explorer_pages_filters_sorts_and_downloads(page, site, data, tmp_path):
    rows = data[1]["indicators"]
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{site}zh/indicators/")
    body = page.locator("#st-indicators tbody tr")
    assert body.count() == min(len(rows), TABLE_PAGE)  # the first page is in the HTML
    ready(page, "st-indicators")
    assert f"/ {len(rows)}" in page.inner_text(".st-count")
    loaded = lambda: [u for u in requested if "/assets/tables/st-indicators-" in u]  # noqa: E731
    assert len(loaded()) == -(-min(len(rows), 2 * TABLE_PAGE) // CHUNK)  # enough for this page and the next
    if len(rows) > TABLE_PAGE:  # the next page comes from the JSON files
        first_row_is = "id => document.querySelector('#st-indicators tbody tr').getAttribute('data-id') === id"
        page.click(".st-page-next")
        page.wait_for_function(first_row_is, arg=rows[TABLE_PAGE]["id"])
        assert body.count() == min(len(rows) - TABLE_PAGE, TABLE_PAGE)
        page.click(".st-page-prev")
        page.wait_for_function(first_row_is, arg=rows[0]["id"])
    page.select_option('.st-filters select[data-filter="kind"]', "约束性")
    binding = [r for r in rows if r["kind"] == "binding"]
    page.wait_for_function("n => document.querySelector('.st-count').textContent.includes('/ ' + n)", arg=len(binding))
    assert len(loaded()) == -(-len(rows) // CHUNK)  # a filter needs every row: all files, each once
    assert body.count() == min(len(binding), TABLE_PAGE)
    page.click('#st-indicators th[data-sort="number"]')
    page.click('#st-indicators th[data-sort="number"]')  # second click: descending
    first = body.first.get_attribute("data-id")
    top = max((key for key in map(sort_key, binding) if key[1] is not None), key=lambda k: (k[0], k[1]))
    chosen = next(r for r in binding if r["id"] == first)
    assert sort_key(chosen) == top  # the largest value of the last unit, by normalised value
    with page.expect_download() as info:
        page.click(".st-download")
    path = tmp_path / "filtered.csv"
    info.value.save_as(path)
    with path.open(encoding="utf-8", newline="") as f:
        records = list(csv.reader(f))
    assert len(records) == len(binding) + 1  # every filtered row, not only the page on screen
    shot(page, "indicators-zh")


def sort_key(r: dict) -> tuple[str, float | None]:
    """How the explorer sorts a value: by normalised value within its normalised unit."""
    for v in (r["normalised_min"], r["normalised_max"]):
        if v is not None:
            return r["normalised_unit"], v
    return r["unit"] or "", r["value_min"] if r["value_min"] is not None else r["value_max"]


def test_region_page_links_to_its_indicators(page, site, data):
    """A region page counts its guides' indicators; its link opens the explorer filtered to that
    region, which shows the same number of rows (two code paths, one answer)."""
    page.goto(f"{site}en/regions/650000/")
    counts = page.eval_on_selector_all("article table tbody tr td:nth-child(5)", "els => els.map(e => e.textContent)")
    assert counts
    page.click("article a[href*='indicators/?region=']")
    ready(page, "st-indicators")
    assert page.input_value('.st-filters select[data-filter="region"]') == "Xinjiang"
    shown = int(page.inner_text(".st-count").split("/")[1].split()[0])
    assert shown == sum(int(c) for c in counts) > 0
    assert shown < len(data[1]["indicators"])


def test_download_links_serve_the_files(page, site):
    page.goto(f"{site}en/data/")
    hrefs = page.eval_on_selector_all("article a[download], article a[href*='/data/']", "els => els.map(e => e.href)")
    local = sorted({h for h in hrefs if urlparse(h).hostname == "127.0.0.1"})
    assert any(h.endswith("datapackage.json") for h in local) and any(h.endswith(".xlsx") for h in local)
    for href in local:
        response = page.request.get(href)
        assert response.status == 200, href
    package = page.request.get(next(h for h in local if h.endswith("datapackage.json"))).json()
    assert package["resources"]
    jsonld = json.loads(page.inner_html('script[type="application/ld+json"]'))
    assert jsonld["@type"] == "Dataset"
    shot(page, "data-en")


def test_guide_page_downloads_and_full_text(page, site, data):
    gid = next(g["id"] for g in data[1]["guides"] if any(i["guide_id"] == g["id"] for i in data[1]["indicators"]))
    page.goto(f"{site}zh/guides/{gid}/")
    links = page.eval_on_selector_all("article a[download]", "els => els.map(e => e.href)")
    assert any(h.endswith(f"{gid}.json") for h in links)
    for href in links:
        assert page.request.get(href).status == 200, href
    assert page.locator("details.st-other").count() == 0  # the Chinese page is the authoritative text
    shot(page, "guide-zh")
    page.goto(f"{site}en/guides/{gid}/")
    # each English section folds its Chinese original beneath it
    section = next(s for s in data[1]["sections"] if s["guide_id"] == gid and s["text_en"])
    assert section["text_en"].split("\n")[0][:40] in page.inner_text("article")
    other = page.locator("details.st-other").first
    assert other.count() == 1 and not other.locator("p").first.is_visible()
    other.locator("summary").click()
    assert other.locator("p").first.is_visible()
    assert page.locator("details.st-other").count() == sum(
        1 for s in data[1]["sections"] if s["guide_id"] == gid and s["text_zh"] and s["text_en"]
    )
    shot(page, "guide-en")


def test_feeds_sitemap_and_dcat(page, site):
    for path in ("sitemap.xml", "feed.zh.xml", "feed.en.xml", "data/dcat.jsonld", "robots.txt"):
        assert page.request.get(site + path).status == 200, path
    sm = page.request.get(site + "sitemap.xml").text()
    assert "/zh/guides/" in sm and "/en/guides/" in sm and 'hreflang="en"' in sm


def test_every_internal_link_resolves(built):
    """Every href and src in every built page points at a file the site has."""
    from html.parser import HTMLParser
    from urllib.parse import unquote, urljoin

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            self.found += [attrs[k] for k in ("href", "src") if attrs.get(k)]
            if attrs.get("data-src"):  # a browsable table's JSON files: data-chunks of them
                self.found += [attrs["data-src"].replace("{n}", str(n)) for n in range(int(attrs["data-chunks"]))]

    broken = []
    pages = sorted(built.rglob("*.html"))
    for html_file in pages:
        here = "http://site/" + html_file.relative_to(built).as_posix()
        parser = Links()
        parser.feed(html_file.read_text(encoding="utf-8"))
        for link in parser.found:
            url = urlparse(urljoin(here, link))
            if url.netloc != "site":
                continue
            target = built / unquote(url.path).lstrip("/")
            if not (target / "index.html" if target.is_dir() else target).is_file():
                broken.append(f"{html_file.relative_to(built)}: {link}")
    assert len(pages) > 20
    assert broken == []


MAIN_PAGES = [
    "",
    "zh/",
    "en/",
    "zh/guides/",
    "en/indicators/",
    "zh/regions/",
    "en/domains/",
    "zh/data/",
    "en/glossary/",
    "zh/about/",
    "en/contribute/",
]


def test_no_console_errors_and_no_external_requests(page, site, data):
    pages = MAIN_PAGES + [f"{lang}/guides/{g['id']}/" for g in data[1]["guides"] for lang in ("zh", "en")]
    for path in pages:
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
    assert page.console_errors == []
    assert page.external == []
    page.goto(f"{site}zh/")
    shot(page, "home-zh")
    page.goto(f"{site}en/")
    shot(page, "home-en")


def test_mobile_viewport(browser, site, data):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    gid = data[1]["guides"][0]["id"]
    for path in (f"zh/guides/{gid}/", "en/indicators/", "zh/"):
        pg.goto(site + path)
        overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px"
    assert pg.locator("label.md-header__button[for='__drawer']").is_visible()
    pg.goto(f"{site}zh/guides/{gid}/")
    shot(pg, "guide-zh-mobile")
    context.close()


def test_heading_ids_say_where_they_point(built):
    """Chinese headings keep their words in their ids (the default slug drops Han characters: _1, _2)."""
    import re

    page = (built / "zh" / "guides" / "xinjiang-2018-sco-partnership-call" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h[2-6] id="([^"]+)"', page)
    assert ids and "重点项目" in ids
    assert not [i for i in ids if re.fullmatch(r"_\d+", i)], ids
