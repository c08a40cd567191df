"""Pages that answer a reader's questions at a glance (issue 12), in Chromium, on the real data, in
both languages: the key-facts card, each key project's own block, finished English, the explorer's
filters in the URL and its "download filtered", the guides index, the footer, the 404 page, the data
page, and a site built with and without a public URL."""

from __future__ import annotations

import csv
import io
import re

import pytest

from stcatalog.core.public_url import ENV as PUBLIC_URL_ENV
from stcatalog.site.build import build_site

from .cjk_scan import cjk_leaks
from .conftest import REPO
from .test_browser import ARTIFACTS, browser, built, data, page, ready, served, site  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCO = "xinjiang-2018-sco-partnership-call"
AID = "xinjiang-2022-aid-xinjiang-call"
INDICATORS_CSV = REPO / "datasets/package/data/indicators.csv"


def facts(pg) -> dict[str, str]:
    return dict(
        pg.eval_on_selector_all(
            "table.st-facts tr[data-fact]", "els => els.map(e => [e.dataset.fact, e.querySelector('td').innerText])"
        )
    )


def test_key_facts_card_in_both_languages(page, site, data):  # noqa: F811
    rows = data[1]
    for g in rows["guides"]:
        for lang in ("zh", "en"):
            page.goto(f"{site}{lang}/guides/{g['id']}/")
            card = facts(page)
            assert list(card)[:4] == ["programme", "issuer", "level", "year"] and len(card) == 14
            assert card["year"] == str(g["year"])
            assert card["deadline"] == ("原文未注明" if lang == "zh" else "not stated in the document")
    page.goto(f"{site}en/guides/{SCO}/")
    card = facts(page)
    assert "Key projects: ≤ 7 projects, CNY 1–2 million each" in card["projects"]
    assert "CNY 300,000–500,000 each" in card["projects"]
    assert card["co_funding"].count("self-raised funds at least twice the public funds (1:2)") == 2
    assert "(Annex 3)" in card["co_funding"] and "Kazakhstan" in card["partners"]
    page.goto(f"{site}zh/guides/{SCO}/")
    card = facts(page)
    assert "重点项目：≤ 7项，每项100–200万元" in card["projects"]
    assert "自筹经费不少于财政经费的2倍（1:2）" in card["co_funding"]
    page.goto(f"{site}en/guides/{AID}/")
    card = facts(page)
    assert card["contacts"].startswith("Office: ") and "Phone: 0991-3838681" in card["contacts"]
    assert "Applicants that are enterprises: self-raised funds at least twice" in card["co_funding"]
    page.click("table.st-facts tr[data-fact='targets'] a")
    page.wait_for_load_state()
    assert "/en/regions/650000/" in page.url


def test_every_sco_key_project_block_holds_exactly_its_indicators(page, site, data):  # noqa: F811
    rows = data[1]
    projects = [p for p in rows["projects"] if p["guide_id"] == SCO]
    assert len(projects) == 7
    indicators = [r for r in rows["indicators"] if r["guide_id"] == SCO]
    order = {"binding": 0, "expected": 1}
    for lang in ("zh", "en"):
        page.goto(f"{site}{lang}/guides/{SCO}/")
        for p in projects:
            table = f"table[data-project='project-{p['local_id']}']"
            shown = page.eval_on_selector_all(f"{table} tr[data-indicator]", "els => els.map(e => e.dataset.indicator)")
            mine = [r for r in indicators if r["project_id"] == p["id"]]
            assert sorted(shown) == sorted(r["local_id"] for r in mine), (lang, p["id"])
            kinds = [next(r["kind"] for r in mine if r["local_id"] == x) for x in shown]
            assert kinds == sorted(kinds, key=lambda k: order.get(k, 2))  # binding, then expected
            assert page.locator(f"#project-{p['local_id']}").count() == 1
        loose = page.eval_on_selector_all(
            "table[data-project=''] tr[data-indicator]", "els => els.map(e => e.dataset.indicator)"
        )
        assert sorted(loose) == sorted(r["local_id"] for r in indicators if not r["project_id"])
    page.goto(f"{site}en/guides/{SCO}/")
    assert page.inner_text("#project-cn-kz-fruit-veg-processing").startswith("Annex 3 Building the China–Kazakhstan")
    article = page.inner_text("article")
    assert "Enterprises (Annex 7 Building the China–Kazakhstan Cross-border E-commerce Platform" in article
    assert "self-raised funds at least equal to the public funds" in article
    assert "ten thousand yuan" not in article and not re.search(r"\b7 item\b", article)
    assert article.count("Task 1") >= 7 and "附件" not in article.replace(
        page.inner_text("details.st-other >> nth=0"), ""
    )


def test_english_pages_have_no_chinese_outside_marked_parts(built, data):  # noqa: F811
    """Chinese on an English page only inside lang="zh" parts, and in names kept Chinese on purpose."""
    rows = data[1]
    allowed = {x for g in rows["guides"] for x in (g["title_zh"], g["short_title_zh"], g["doc_number"]) if x}
    allowed |= {"中文", "农科驿站"}  # the language switcher's own name; a named station kept as a gloss
    pages = sorted((built / "en").rglob("*.html"))
    assert len(pages) > 100
    leaks = {p.relative_to(built).as_posix(): cjk_leaks(p.read_text(encoding="utf-8"), allowed) for p in pages}
    assert {k: v for k, v in leaks.items() if v} == {}


def matching_ids(pg) -> list[str]:
    return pg.evaluate("document.querySelector('#st-indicators').stTable.matching().map(r => r.id)")


def test_explorer_filters_search_and_sort_live_in_the_url(page, site, data):  # noqa: F811
    rows = data[1]["indicators"]
    project = next(p for p in data[1]["projects"] if p["local_id"] == "cn-kz-fruit-veg-processing")
    page.goto(f"{site}en/indicators/")
    ready(page, "st-indicators")
    option = page.eval_on_selector_all(
        '.st-filters select[data-filter="project"] option',
        "els => els.map(e => e.value).filter(v => v.includes('Annex 3'))",
    )[0]
    page.select_option('.st-filters select[data-filter="project"]', option)
    mine = [r["id"] for r in rows if r["project_id"] == project["id"]]
    page.wait_for_function("n => document.querySelector('.st-count').textContent.includes('/ ' + n)", arg=len(mine))
    assert matching_ids(page) == mine
    assert "project=" in page.url
    page.fill("input[data-filter-text]", "patent")
    page.wait_for_function("() => location.search.includes('q=patent')")
    assert matching_ids(page) == [
        r["id"] for r in rows if r["id"] in mine and "patent" in (r["text_en"] + r["measure_en"]).lower()
    ]
    page.click('#st-indicators th[data-key="value"]')
    page.click('#st-indicators th[data-key="value"]')
    page.wait_for_function("() => location.search.includes('order=desc')")
    url = page.url
    assert "sort=value" in url
    page.goto(url)  # a shared link opens the same view
    ready(page, "st-indicators")
    assert page.input_value('.st-filters select[data-filter="project"]') == option
    assert page.input_value("input[data-filter-text]") == "patent"
    assert page.get_attribute('#st-indicators th[data-key="value"]', "aria-sort") == "descending"
    page.goto(f"{site}en/indicators/?guide=" + "Xinjiang%202018%20%C2%B7%20Call%20for%20proposals")
    ready(page, "st-indicators")
    assert set(matching_ids(page)) == {r["id"] for r in rows if r["guide_id"] == SCO}
    guide_cells = page.eval_on_selector_all("#st-indicators tbody tr td:last-child", "els => els.map(e => e.innerText)")
    assert set(guide_cells) == {"Xinjiang 2018 · Call for proposals"}
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(ARTIFACTS / "explorer-en-filtered.png"))


def test_value_sort_is_by_normalised_value_with_empty_values_last(page, site, data):  # noqa: F811
    rows = {r["id"]: r for r in data[1]["indicators"]}
    empty = {i for i, r in rows.items() if r["value_min"] is None and r["value_max"] is None}
    assert empty
    page.goto(f"{site}zh/indicators/")
    ready(page, "st-indicators")
    for clicks in (1, 2):
        page.goto(f"{site}zh/indicators/?sort=value" + ("&order=desc" if clicks == 2 else ""))
        ready(page, "st-indicators")
        ids = matching_ids(page)
        assert set(ids[-len(empty) :]) == empty  # empty values last, either way
        areas = [rows[i] for i in ids if rows[i]["normalised_unit"] == "m2"]
        values = [r["normalised_min"] if r["normalised_min"] is not None else r["normalised_max"] for r in areas]
        assert {r["unit"] for r in areas} >= {"mu", "square-metre"}  # 亩 and 平方米 sort together, as m²
        assert values == sorted(values, reverse=clicks == 2)


def test_download_filtered_is_the_datasets_own_rows(page, site, tmp_path):  # noqa: F811
    page.goto(f"{site}en/indicators/?kind=Binding&q=area")
    ready(page, "st-indicators")
    shown = matching_ids(page)
    assert 0 < len(shown) < 100
    with page.expect_download() as info:
        page.click(".st-download")
    path = tmp_path / "filtered.csv"
    info.value.save_as(path)
    got = path.read_bytes()
    published = INDICATORS_CSV.read_bytes()
    header = published.split(b"\r\n", 1)[0]
    assert got.split(b"\r\n", 1)[0] == header  # the same 22 columns as indicators.csv
    records = list(csv.reader(io.StringIO(got.decode("utf-8"), newline="")))
    assert len(records[0]) == len(next(csv.reader(io.StringIO(header.decode())))) == 22
    assert [r[0] for r in records[1:]] == shown
    full = {r[0]: r for r in csv.reader(io.StringIO(published.decode("utf-8"), newline=""))}
    assert all(full[r[0]] == r for r in records[1:])  # each row exactly as published


def test_guides_index_columns_and_filters_in_the_url(page, site, data):  # noqa: F811
    page.goto(f"{site}en/guides/")
    ready(page, "st-guides")
    heads = page.eval_on_selector_all(
        "#st-guides thead th", "els => els.map(e => e.innerText.replace(/[▲▼]/g, '').trim())"
    )
    assert heads == ["Year", "Title", "Issuer", "Programme", "Funding per project", "Partners", "Type", "Translation"]
    row = page.locator(f"#st-guides tbody tr[data-id='{SCO}']").inner_text()
    assert "CNY 300,000 – 2 million" in row and "Kazakhstan" in row
    page.select_option('.st-filters select[data-filter="programme"]', "S&T aid to Xinjiang")
    page.wait_for_function("() => location.search.includes('programme=')")
    page.goto(page.url)
    ready(page, "st-guides")
    assert page.eval_on_selector_all("#st-guides tbody tr", "els => els.map(e => e.dataset.id)") == [AID]
    page.goto(f"{site}zh/guides/?sort=funding&order=desc")
    ready(page, "st-guides")
    ids = page.eval_on_selector_all("#st-guides tbody tr", "els => els.map(e => e.dataset.id)")
    assert ids[0] == SCO and len(ids) == len(data[1]["guides"])


def test_footer_404_feed_link_and_data_page(page, site, data):  # noqa: F811
    for lang, words in (
        ("zh", ("许可发布", "第0.3.0版", "最后更新")),
        ("en", ("Data licensed under", "version 0.3.0", "last updated")),
    ):
        page.goto(f"{site}{lang}/")
        footer = page.inner_text(".md-copyright")
        assert all(w in footer for w in words) and "CC-BY-4.0" in footer
        feed = page.get_attribute('link[rel="alternate"][type="application/atom+xml"]', "href")
        assert feed == f"{site}feed.{lang}.xml" and page.request.get(feed).status == 200
        page.goto(f"{site}{lang}/404.html")
        assert page.inner_text("article h1") == ("404 · 页面不存在" if lang == "zh" else "404 · Page not found")
        assert page.locator("article a").count() >= 5 and page.locator("#st-search-input").count() == 1
    page.goto(f"{site}404.html")  # the host's not-found page for any address: the Chinese one, links absolute
    assert page.inner_text("article h1") == "404 · 页面不存在"
    assert page.get_attribute("article a", "href") == f"{site}zh/"
    page.goto(f"{site}en/data/")
    text = page.inner_text("article")
    assert f"{len(data[1]['indicators'])} rows" in text and re.search(r"indicators\.csv \d+ rows, [\d.]+ KB", text)
    new, old = (page.request.get(f"{site}{p}indicators.csv") for p in ("data/", "data/data/"))
    assert new.status == old.status == 200 and new.body() == old.body() == INDICATORS_CSV.read_bytes()
    links = page.eval_on_selector_all("article a[href$='.csv']", "els => els.map(e => e.href)")
    assert links and not [h for h in links if "/data/data/" in h]


def test_site_without_a_public_url_names_no_host(data, tmp_path, monkeypatch, capsys):  # noqa: F811
    """Built without a public URL: relative links, no sitemap, feeds, DCAT, canonical links or package
    id, no host made up anywhere, and one line saying so."""
    monkeypatch.delenv(PUBLIC_URL_ENV, raising=False)
    out = tmp_path / "site"
    build_site(data[0], out)
    assert "public URL not set" in capsys.readouterr().err
    assert not any((out / name).exists() for name in ("sitemap.xml", "feed.zh.xml", "feed.en.xml", "data/dcat.jsonld"))
    known = {"creativecommons.org", "json-schema.org", "schema.org", "www.w3.org", "www.sitemaps.org"}
    known |= {"specs.frictionlessdata.io", "squidfunk.github.io", "purl.org", "xmlns.com"}
    known |= {re.sub(r"^https?://([^/]+).*", r"\1", g["source_url"]) for g in data[1]["guides"] if g["source_url"]}
    hosts = set()
    for f in out.rglob("*"):
        if f.is_file() and f.suffix in (".html", ".xml", ".json", ".jsonld", ".txt"):
            hosts |= set(re.findall(r"https?://([A-Za-z0-9.-]+)", f.read_text(encoding="utf-8", errors="replace")))
    assert hosts - known == set()
    guide = (out / f"en/guides/{SCO}/index.html").read_text(encoding="utf-8")
    alternates = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang', guide)
    assert 'rel="canonical"' not in guide and len(alternates) == 2
    assert all(h.startswith("../../../") for h in alternates)  # relative hreflang links


SHOTS = ["", "guides/", "indicators/", "regions/650000/", "domains/agriculture/"]


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots(browser, site, data, width):  # noqa: F811
    """Screenshots for a person to look at: home, guides index, every guide, explorer, a region, a domain."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    pg = context.new_page()
    paths = SHOTS + [f"guides/{g['id']}/" for g in data[1]["guides"]]
    for lang in ("zh", "en"):
        for path in paths:
            pg.goto(f"{site}{lang}/{path}")
            pg.wait_for_load_state("networkidle")
            overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{lang}/{path} scrolls sideways by {overflow}px at {width}px"
            name = re.sub(r"[^a-z0-9]+", "-", f"{lang}-{path}".lower()).strip("-") or lang
            pg.screenshot(path=str(ARTIFACTS / f"reader-{name}-{width}.png"), full_page=False)
    context.close()


def test_region_and_domain_pages_are_dashboards(page, site, data):  # noqa: F811
    rows = data[1]
    page.goto(f"{site}en/regions/653100/")
    head = page.inner_text(".st-region-head")
    assert head.startswith("Prefecture · in Xinjiang") and "653100" not in head and "gb2260" not in head
    page.click(".st-region-head a")
    page.wait_for_load_state()
    assert page.url.endswith("/en/regions/650000/")
    below = page.inner_text("article")
    assert "Aimed at its subdivisions" in below and "XPCC 12th Division" in below and "Kashgar" in below
    page.goto(f"{site}zh/regions/650000/")
    assert page.inner_text(".st-region-head").startswith("省级 · 隶属 中国")
    quoted = page.eval_on_selector_all("article ul li > a[href*='#']", "els => els.map(e => e.href)")
    targets = {r["scope_id"] for r in rows["scope_regions"] if r["region_code"] == "650000" and r["role"] == "target"}
    targets |= {
        r["project_id"] for r in rows["project_regions"] if r["region_code"] == "650000" and r["role"] == "target"
    }
    assert len(quoted) >= len(targets) > 0
    page.goto(quoted[0])
    anchor = quoted[0].split("#")[1]
    assert page.locator(f"[id='{anchor}']").count() == 1  # the quote links to its place on the guide page
    page.goto(f"{site}en/domains/agriculture/")
    matches = page.locator("article h2 + ul > li").count()
    expected = sum(1 for r in rows["scope_domains"] + rows["project_domains"] if r["domain_id"] == "agriculture")
    assert matches == expected > 0
