"""Page generation is a plain function: check escaping, missing translations and structure on the
Markdown, rendered with the same Markdown extensions as the site."""

from __future__ import annotations

import copy
import json
from html.parser import HTMLParser

import markdown
import pytest
import yaml

from stcatalog.package.export import package_meta
from stcatalog.package.tables import table_rows
from stcatalog.site import ui
from stcatalog.site.build import page_meta, sitemap
from stcatalog.site.pages import LANGS, TABLE_PAGE, Index, render_pages, table_files
from stcatalog.site.render import front_matter, inert
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
    return table_rows(cat), page_meta({**package_meta(root), "public_url": "https://catalog.test.invalid/"})


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
    front, body = pages["en"]["guides/demo-2021-call.md"].split("---\n", 2)[1:]
    assert yaml.safe_load(front)["title"] == HOSTILE  # as written: the MkDocs hook escapes page meta
    assert "<script>" not in body and "&#60;script&#62;" in body
    assert checked > 10


def markdown_pages(tree: dict[str, str]) -> dict[str, str]:
    return {path: text for path, text in tree.items() if path.endswith(".md")}


def test_table_data_is_text_for_the_script_to_place(rows_meta):
    """The tables' JSON keeps data text as it is (filters.js sets it as text, never as HTML), and its
    links stay inside the site."""
    rows, meta = rows_meta
    ix = Index(hostile_rows(rows), meta)
    data = json.loads(table_files(ix, "en")["assets/tables/st-indicators-0.json"])
    assert len(data["rows"]) == len(rows["indicators"])
    texts = [c for row in data["rows"] for c in row["c"]]
    assert HOSTILE in texts  # the measure, verbatim: it is data, not markup
    links = [c["h"] for row in data["rows"] for c in row["c"] if isinstance(c, dict) and "h" in c]
    assert links and all(link.startswith("../guides/") and link.endswith("/") for link in links)
    index = json.loads(table_files(ix, "zh")["assets/tables/st-guides-0.json"])
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
    tables = table_files(Index(rows, meta), "zh")
    assert not any(p.startswith("assets/") for p in zh)  # the pages are pages; the files come on their own
    files = sorted(
        (p for p in tables if p.startswith("assets/tables/st-indicators-")), key=lambda p: int(p.split("-")[-1][:-5])
    )
    assert len(files) == 4  # 205 rows, 60 a file
    ids = [r["id"] for f in files for r in json.loads(tables[f])["rows"]]
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


class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.parts.append(data)


INERT = [
    "a*b*c",
    "[x](y)",
    "<b>",
    "<b",
    "1. item",
    "2) item",
    "- item",
    "+ item",
    "# h",
    "`code`",
    "|",
    "\\",
    "a = b",
    "x^2",
    "~~gone~~",
    "*_[]",
    "{: onclick=alert(1) }",
    "!!! note",
    '" onmouseover="alert(1)',
    '--8<-- "/etc/passwd"',
    "{{ 7*7 }}",
    "{% raw %}",
    "&amp; & &#60;",
    "a\nb",
]


@pytest.mark.parametrize("text", INERT)
def test_data_renders_literally_in_markdown_and_html(text):
    """The md filter makes text inert for Python-Markdown and the site's extensions: it shows as
    written (no stray backslash, no markup), in a paragraph, a heading, a table cell and an attribute."""
    flat = " ".join(text.split())
    for source in (inert(text), f"## {inert(text)}", f"| a |\n|---|\n| {inert(text)} |"):
        parser = Text()
        parser.feed(markdown.markdown(source, extensions=EXTENSIONS))
        shown = [p for p in parser.parts if p.strip() and p != "\u00b6"]
        assert shown in ([flat], ["a", flat]), (source, shown)  # ["a", …]: the table's header
        assert {tag for tag, _ in parser.tags} <= {"p", "h2", "a", "table", "thead", "tbody", "tr", "th", "td"}
    parser = Text()
    parser.feed(f'<p title="{inert(text)}"></p>')
    assert parser.tags == [("p", [("title", flat)])]


def test_front_matter_keeps_the_title_as_written():
    title = 'a: "b"\n---\n{{ x }} <script>'
    text = str(front_matter(title, "one\n\ntwo  three"))
    assert text.startswith("---\n") and text.endswith("\n---\n") and text.count("\n") == 4  # one line each
    assert yaml.safe_load(text[4:-4]) == {"title": " ".join(title.split()), "description": "one two three"}


def test_every_language_has_every_ui_string(monkeypatch):
    assert ui.missing_keys(LANGS) == {}
    loaded = {lang: dict(ui.strings(lang)) for lang in LANGS}
    del loaded["en"]["summary"]
    monkeypatch.setattr(ui, "strings", loaded.__getitem__)
    assert ui.missing_keys(LANGS) == {"en": ["summary"]}
