"""One language's Pagefind index, built from a copy of the rendered pages made for searching.

Pagefind's own Chinese word splitting at index time (哈萨|克斯|坦) disagrees with the browser's
Intl.Segmenter at query time (哈萨克|斯坦), so long names found nothing. The copy Pagefind reads has a
zero-width space between every two Han characters: the index holds single characters, and search.js
asks for a Chinese query as an exact phrase of its characters, so index and query always agree and a
name is found inside longer words too. Readers never see the copy; its excerpts look the same, since
Pagefind itself joins Chinese words with zero-width spaces. The copy also tells Pagefind what each page
is (meta `type`), so that results can say it, and leaves listing tables out of the text (the guides
they list are indexed on their own pages).

Run as `python -m stcatalog.site.search_index SITE LANG` (one process per language, side by side)."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from html import escape
from html.parser import HTMLParser
from pathlib import Path

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
BETWEEN_HAN = re.compile(f"(?<=[{HAN}])(?=[{HAN}])")
ZWSP = "\u200b"
ROOT = "article.md-content__inner"
# Not indexed: permalinks, the translation notice, and codes (group codes such as x-eu, file names,
# hashes, slugs), which only matched nonsense queries.
EXCLUDE = ".headerlink, .admonition, code"
# Guides are what a reader searches for; every other page (lists of regions, domains, indicators, the
# glossary, the home page) names things and points to the guides, so its words, headings included,
# count for less than a guide's body text (Pagefind weighs body text 1 and h1 to h6 from 7 down to 2).
OTHER_WEIGHT = 0.1
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
YEAR_LABELS = ("年份", "Year")
LISTINGS = ("regions", "domains", "indicators", "guides/index.html")


def spaced(text: str) -> str:
    """Text with a zero-width space between every two Han characters."""
    return BETWEEN_HAN.sub(ZWSP, text)


def page_type(rel: str) -> str:
    """What a page is, from where it sits: guide, guides (the list), region, domain, indicators, page."""
    parts = rel.split("/")
    if parts[0] == "guides":
        return "guide" if len(parts) > 2 else "guides"
    if parts[0] == "regions":
        return "region" if len(parts) > 2 else "regions"
    if parts[0] == "domains":
        return "domain" if len(parts) > 2 else "domains"
    if parts[0] == "indicators":
        return "indicators"
    return "page"


class SearchCopy(HTMLParser):
    """Re-emits a page as it was read, with Han text spaced, the article tagged with its type, and
    (on listing pages) tables marked data-pagefind-ignore. Script and style text is copied as is."""

    def __init__(self, kind: str, listing: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.kind, self.listing = kind, listing
        self.out: list[str] = []
        self.raw = 0
        self.year_next = False  # a guide's facts table: the cell after 年份 / Year holds its year

    def handle_starttag(self, tag: str, attrs: list) -> None:
        text = self.get_starttag_text() or f"<{tag}>"
        names = {name for name, _ in attrs}
        classes = dict(attrs).get("class") or ""
        extra = ""
        if tag == "article" and "md-content__inner" in classes.split():
            extra = f' data-pagefind-meta="type:{escape(self.kind)}"'
            if self.kind == "guide":
                # The one filter, with one value: Pagefind writes a filter with several values in a
                # different order on each run, and the index must be byte-identical across builds.
                extra += ' data-pagefind-filter="type:guide"'
            else:
                extra += f' data-pagefind-weight="{OTHER_WEIGHT}"'
        elif self.kind != "guide" and tag in HEADINGS:
            extra = f' data-pagefind-weight="{OTHER_WEIGHT}"'
        elif self.listing and tag == "table" and "data-pagefind-ignore" not in names:
            extra = " data-pagefind-ignore"
        elif tag == "td" and self.year_next and self.kind == "guide":
            extra, self.year_next = ' data-pagefind-meta="year"', False
        if extra:
            end = -2 if text.endswith("/>") else -1
            text = text[:end] + extra + text[end:]
        self.out.append(text)
        if tag in ("script", "style"):
            self.raw += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        if tag in ("script", "style") and self.raw:
            self.raw -= 1

    def handle_data(self, data: str) -> None:
        self.out.append(data if self.raw else spaced(data))
        if data.strip():
            self.year_next = data.strip() in YEAR_LABELS

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def search_copy(html: str, rel: str) -> str:
    """The page as Pagefind should read it (rel: its path in the site, such as guides/x/index.html)."""
    listing = rel.startswith(LISTINGS) and page_type(rel) != "guide"
    parser = SearchCopy(page_type(rel), listing)
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def write_copy(site: Path, dest: Path) -> None:
    """Every page of the site, as Pagefind should read it, at the same paths under dest."""
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(search_copy(page.read_text(encoding="utf-8"), rel), encoding="utf-8")


def pagefind_command(source: Path, output: Path, lang: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(source),
        "--output-path",
        str(output),
        "--root-selector",
        ROOT,
        "--exclude-selectors",
        EXCLUDE,
        "--force-language",
        lang,
        "--silent",
    ]


def build_index(site: Path, lang: str) -> int:
    """Index the site's pages into site/pagefind/; returns Pagefind's exit status."""
    with tempfile.TemporaryDirectory(prefix=f"search-{lang}-") as tmp:
        write_copy(site, Path(tmp))
        return subprocess.run(pagefind_command(Path(tmp), site / "pagefind", lang), check=False).returncode


def main(argv: list[str]) -> int:
    site, lang = argv
    return build_index(Path(site), lang)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
