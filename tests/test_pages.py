"""Page generation is a plain function: check escaping, missing translations and structure on the
Markdown, rendered with the same Markdown extensions as the site."""

from __future__ import annotations

import copy
import json
from html.parser import HTMLParser

import markdown
import pytest

from stcatalog.package.export import package_meta
from stcatalog.package.tables import table_rows
from stcatalog.site.build import page_meta, sitemap
from stcatalog.site.pages import TABLE_PAGE, esc, render_pages
from stcatalog.sources import load as catalog_mod

EXTENSIONS = ["tables", "admonition", "attr_list", "toc", "pymdownx.superfences"]
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> **bold** [link](javascript:alert(1)) | pipe'


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]


def render_html(md: str) -> Tags:
    body = md.split("---", 2)[2] if md.startswith("---") else md
    parser = Tags()
    parser.feed(markdown.markdown(body, extensions=EXTENSIONS))
    return parser


@pytest.fixture(scope="module")
def rows_meta(tmp_path_factory):
    from .conftest import copy_mini

    root = copy_mini(tmp_path_factory.mktemp("pages") / "repo")
    cat, problems = catalog_mod.load(root)
    assert not problems
    return table_rows(cat), page_meta(package_meta(root))


def hostile_rows(rows):
    rows = copy.deepcopy(rows)
    for table, keys in {
        "guides": ["title_zh", "title_en", "summary_en", "issuer_en"],
        "sections": ["heading_en", "text_en", "text_zh"],
        "indicators": ["measure_en", "text_en"],
        "scopes": ["title_en", "text_en"],
    }.items():
        for row in rows[table]:
            for key in keys:
                row[key] = HOSTILE
    return rows


def test_data_text_never_becomes_markup(rows_meta):
    rows, meta = rows_meta
    pages = render_pages(hostile_rows(rows), meta)
    checked = 0
    for lang, tree in pages.items():
        for path, md in markdown_pages(tree).items():
            html = render_html(md)
            assert "img" not in html.tags, (lang, path)
            scripts = [t for t in html.tags if t == "script"]
            assert len(scripts) == (1 if path == "data.md" else 0), (lang, path)  # only our JSON-LD
            assert not any(k.startswith("on") for _, k, _ in html.attrs), (lang, path)
            assert not any(v and v.startswith("javascript:") for _, _, v in html.attrs), (lang, path)
            checked += 1
    guide = pages["en"]["guides/demo-2021-call.md"]
    assert "&lt;script&gt;" in guide
    assert checked > 10


def markdown_pages(tree: dict[str, str]) -> dict[str, str]:
    return {path: text for path, text in tree.items() if path.endswith(".md")}


def test_table_data_is_text_for_the_script_to_place(rows_meta):
    """The tables' JSON keeps data text as it is (filters.js sets it as text, never as HTML), and its
    links stay inside the site."""
    rows, meta = rows_meta
    pages = render_pages(hostile_rows(rows), meta)
    data = json.loads(pages["en"]["assets/tables/st-indicators-0.json"])
    assert len(data["rows"]) == len(rows["indicators"])
    texts = [c for row in data["rows"] for c in row["c"]]
    assert HOSTILE in texts  # the measure, verbatim: it is data, not markup
    links = [c["h"] for row in data["rows"] for c in row["c"] if isinstance(c, dict) and "h" in c]
    assert links and all(link.startswith("../guides/") and link.endswith("/") for link in links)
    index = json.loads(pages["zh"]["assets/tables/st-guides-0.json"])
    assert [r["id"] for r in index["rows"]] == [
        g["id"] for g in sorted(rows["guides"], key=lambda g: (-g["year"], g["id"]))
    ]


def test_large_tables_put_one_page_in_the_html_and_the_rows_in_files(rows_meta, monkeypatch):
    import stcatalog.site.pages as pages_module

    monkeypatch.setattr(pages_module, "TABLE_CHUNK", 60)
    rows, meta = rows_meta
    rows = copy.deepcopy(rows)
    template = rows["indicators"][0]
    rows["indicators"] = [dict(template, id=f"{template['id']}-{i}") for i in range(TABLE_PAGE * 2 + 5)]
    zh = render_pages(rows, meta)["zh"]
    html = render_html(zh["indicators.md"])
    assert html.tags.count("tr") == TABLE_PAGE + 1  # header row + the first page
    files = sorted(
        (p for p in zh if p.startswith("assets/tables/st-indicators-")), key=lambda p: int(p.split("-")[-1][:-5])
    )
    assert len(files) == 4  # 205 rows, 60 a file
    ids = [r["id"] for f in files for r in json.loads(zh[f])["rows"]]
    assert ids == [r["id"] for r in rows["indicators"]]
    assert f'data-chunks="4" data-rows="{TABLE_PAGE * 2 + 5}"' in zh["indicators.md"]


def test_jsonld_cannot_close_its_script(rows_meta):
    rows, meta = rows_meta
    meta = dict(meta, title={"zh": "</script><script>alert(1)</script>", "en": "x"})
    data = render_pages(rows, meta)["en"]["data.md"]
    assert data.count("</script>") == 1


def test_missing_translation_is_visible_not_replaced(rows_meta):
    rows, meta = rows_meta
    rows = copy.deepcopy(rows)
    rows["guides"][0]["summary_en"] = ""
    rows["sections"][0]["text_en"] = ""
    en = render_pages(rows, meta)["en"]["guides/demo-2021-call.md"]
    assert en.count("Translation missing") >= 2
    assert rows["guides"][0]["summary_zh"] in en  # the Chinese is shown, marked, instead


def test_english_pages_say_chinese_is_authoritative(rows_meta):
    rows, meta = rows_meta
    pages = render_pages(rows, meta)
    for path, md in markdown_pages(pages["en"]).items():
        assert "The Chinese text is authoritative" in md, path
    assert not any("The Chinese text is authoritative" in md for md in pages["zh"].values())


def test_each_language_links_within_itself(rows_meta):
    rows, meta = rows_meta
    pages = render_pages(rows, meta)
    assert pages["zh"].keys() == pages["en"].keys()
    assert "# 2021年示例科技援疆申报指南" in pages["zh"]["guides/demo-2021-call.md"]
    assert "# 2021 Example Call for Proposals for S&amp;T Aid to Xinjiang" in pages["en"]["guides/demo-2021-call.md"]


def test_sitemap_lists_both_languages_with_alternates(rows_meta):
    rows, meta = rows_meta
    pages = render_pages(rows, meta)
    xml = sitemap("https://example.org/", pages)
    assert xml.count("<url>") == 2 * len(markdown_pages(pages["zh"]))
    assert "<loc>https://example.org/en/guides/demo-2021-call/</loc>" in xml
    assert 'hreflang="zh" href="https://example.org/zh/guides/demo-2021-call/"' in xml


@pytest.mark.parametrize("text", ["a*b*c", "[x](y)", "<b>", "1. item", "# h", "`code`", "|", "\\"])
def test_escape_renders_literally(text):
    out = markdown.markdown(esc(text), extensions=EXTENSIONS)
    assert text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in out
