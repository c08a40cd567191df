"""Hostile text in every kind of field reaches the built site as text: a payload set injected into
the rows (guide, section, scope, project, indicator, requirement, pairing… texts in both languages),
the vocabularies (regions, domains, programmes, units) and package.yaml (title, description,
keywords) runs no script in Chromium, makes no element, attribute or link, and shows as written,
in the page, its <title> and its meta description, with no stray backslash.

The payloads go in after the checks (the site is built from modified rows and meta), since validate
refuses such input: this proves the renderer, not the checks."""

from __future__ import annotations

import copy

import pytest

import stcatalog.site.build as site_build
from stcatalog.core.public_url import ENV as PUBLIC_URL_ENV
from stcatalog.package.export import package_meta
from stcatalog.package.tables import table_rows
from stcatalog.site.pages import page_url
from stcatalog.sources import load as catalog_mod

from .test_browser import browser, serve  # noqa: F401 (browser: a fixture; serve: scripts/bench/headless.py)
from .test_scale import site_repo  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PWN = "window.__pwned=1"
PAYLOAD = (
    f'<script>{PWN}</script> <img src=x onerror={PWN}> " onmouseover="{PWN}" [a](javascript:{PWN}) '
    f'<a href="data:text/html,x">d</a> {{: onclick="{PWN}" }} --8<-- "/etc/passwd" {{{{ 7*7 }}}} '
    "{% raw %} a = b ^ c ~ d *_[] <b <script"
)
VOCABULARIES = {"regions": ("name", "short"), "domains": ("name",), "programmes": ("name",), "units": ("name",)}
SKIP = {"glossary", *VOCABULARIES}  # the glossary's terms are its own page's data, checked below too


def hostile(rows: dict, meta: dict) -> tuple[dict, dict]:
    """Every text field of the rows and vocabularies, and package.yaml's texts, set to PAYLOAD."""
    rows, meta = copy.deepcopy(rows), copy.deepcopy(meta)
    for table, records in rows.items():
        keys = VOCABULARIES.get(table)
        for row in records:
            for key, value in row.items():
                suffix = key.rsplit("_", 1)[-1]
                if isinstance(value, str) and suffix in ("zh", "en") and (keys is None or key[:-3] in keys):
                    row[key] = PAYLOAD
    for term in rows["glossary"]:
        term["zh"] = term["en"] = PAYLOAD
    meta["title"] = {"zh": PAYLOAD, "en": PAYLOAD}
    meta["description"] = {"zh": PAYLOAD, "en": PAYLOAD}
    meta["keywords"] = [PAYLOAD]
    return rows, meta


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from .conftest import REPO, copy_mini

    root = copy_mini(tmp_path_factory.mktemp("payloads") / "repo")
    import shutil

    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "docs", root / "docs")
    cat, problems = catalog_mod.load(root)
    assert not problems
    rows, meta = hostile(table_rows(cat), package_meta(root))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site_build, "table_rows", lambda catalog: rows)
        patch.setattr(site_build, "package_meta", lambda base: meta)
        patch.setenv(PUBLIC_URL_ENV, "https://catalog.test.invalid/")  # the JSON-LD needs an absolute URL
        build_tree = site_build.build_site(cat, root / "site")
    assert build_tree["pages_per_language"]["en"] > 10
    return root / "site", rows


@pytest.fixture(scope="module")
def served(hostile_site):
    server, url = serve(hostile_site[0])
    yield url
    server.shutdown()


FINDINGS = """() => {
  const bad = [];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (a.name.startsWith("on")) bad.push(`${el.tagName} ${a.name}`);
      if (/^\\s*(javascript|data):/i.test(a.value) && ["href", "src", "action"].includes(a.name)) bad.push(`${el.tagName} ${a.name}=${a.value}`);
    }
  }
  for (const s of document.scripts) {
    if (s.type === "application/ld+json") { JSON.parse(s.textContent); continue; }  // data, and it must parse
    if (s.textContent.includes("__pwned")) bad.push("script " + s.textContent.slice(0, 60));
  }
  for (const img of document.querySelectorAll("img[src=x]")) bad.push("img");
  for (const b of document.querySelectorAll("article b")) bad.push("b");
  return bad;
}"""


TEXT = """() => {
  const article = document.querySelector("article").cloneNode(true);
  for (const s of article.querySelectorAll("script")) s.remove();
  return article.textContent;
}"""


def generated_pages(site, rows) -> list[str]:
    """The URL paths of every generated page (the hand-written pages carry no data)."""
    paths = ["index.md", "guides/index.md", "indicators.md", "regions/index.md", "domains/index.md", "data.md"]
    paths += ["glossary.md"] + [f"guides/{g['id']}.md" for g in rows["guides"]]
    paths += [
        p.relative_to(site / "en").as_posix().replace("/index.html", ".md")
        for p in (site / "en" / "regions").glob("*/index.html")
    ]
    paths += [
        p.relative_to(site / "en").as_posix().replace("/index.html", ".md")
        for p in (site / "en" / "domains").glob("*/index.html")
    ]
    return sorted(set(paths))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_payload_runs_and_every_payload_shows_as_written(browser, served, hostile_site, lang):  # noqa: F811
    site, rows = hostile_site
    context = browser.new_context()
    pg = context.new_page()
    dialogs = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    expected = " ".join(PAYLOAD.split())
    opened = 0
    for path in generated_pages(site, rows):
        url = f"{served}{lang}/{page_url(path)}"
        pg.goto(url)
        pg.wait_for_load_state("load")
        where = f"{lang}/{path}"
        assert pg.evaluate("() => window.__pwned") is None, where
        assert pg.evaluate(FINDINGS) == [], where
        text = " ".join(pg.evaluate(TEXT).split())
        assert expected in text, where
        assert "\\" not in text.replace("\\\\", ""), where  # no stray backslash (the payload has none)
        record_page = path.startswith(("guides/", "regions/", "domains/")) and not path.endswith("/index.md")
        if record_page:  # titled by the guide, region or domain
            assert pg.title().startswith(expected + " - "), where
        if record_page and path.startswith("guides/") or path == "index.md":  # the summary, package.yaml's text
            description = pg.evaluate("() => document.querySelector('meta[name=description]').content")
            assert description == expected[:300], where
        if path == "data.md":  # the JSON-LD block holds the payload as data
            ld = pg.evaluate("() => JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').text)")
            assert ld["name"] == PAYLOAD and ld["keywords"] == [PAYLOAD], where
        opened += 1
    assert dialogs == []
    assert opened >= 10
    context.close()
