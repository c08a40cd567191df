"""One language's Pagefind index, in shards, built from a copy of the rendered pages made for searching.

Pagefind's own Chinese word splitting at index time (哈萨|克斯|坦) disagrees with the browser's
Intl.Segmenter at query time (哈萨克|斯坦), so long names found nothing. The copy Pagefind reads has a
zero-width space between every two Han characters: the index holds single characters, and search.js
asks for a Chinese query as an exact phrase of its characters, so index and query always agree and a
name is found inside longer words too. Readers never see the copy; its excerpts look the same, since
Pagefind itself joins Chinese words with zero-width spaces. The copy also tells Pagefind what each page
is (meta `type`), so that results can say it, and holds only what Pagefind indexes (the head and the
article, without what is marked data-pagefind-ignore and without listing tables): the same index from
a fraction of the bytes.

Shards: Pagefind's time grows with the pages it indexes (about 28 ms of CPU per guide page), so one
changed guide must not re-index the site. Guides go by a hash of their id into a few shards, every
other page into the primary index; each shard is indexed again only when its stamp (its pages' HTML,
this module, Pagefind's version) changed, and the copies are kept, so only changed pages are prepared
again. Each shard costs a cold query its index chunks (about 25 KB), hence few shards (MAX_SHARDS).

Run as `python -m stcatalog.site.search_index SITE LANG CACHE GUIDES_PER_SHARD` (one process per
language, side by side)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from ..core.files import link_tree

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
# The index is sharded, so that one changed guide re-indexes its shard only: every page but the guides
# in the primary index (site/pagefind/, with Pagefind's code), the guides by a hash of their id in
# shards of about SHARD_GUIDES guides, which the search box merges (Pagefind's mergeIndex).
PRIMARY = "pages"
SHARD_GUIDES, MAX_SHARDS = 128, 3


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

    def __init__(self, kind: str, listing: bool, drop: bool = True) -> None:
        super().__init__(convert_charrefs=False)
        self.kind, self.listing, self.drop = kind, listing, drop
        self.out: list[str] = []
        self.raw = 0
        self.year_next = False  # a guide's facts table: the cell after 年份 / Year holds its year
        self.skip: list[str] = []  # the open elements of an ignored subtree

    def handle_starttag(self, tag: str, attrs: list) -> None:
        text = self.get_starttag_text() or f"<{tag}>"
        names = {name for name, _ in attrs}
        if self.drop and (self.skip or "data-pagefind-ignore" in names):
            self.skipped(tag, attrs)
            return
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

    def skipped(self, tag: str, attrs: list) -> None:
        """Inside an element marked data-pagefind-ignore: left out of the copy (Pagefind would not
        index it), unless it holds metadata or a filter, which Pagefind still reads there."""
        if any(
            name.startswith(("data-pagefind-meta", "data-pagefind-filter", "data-pagefind-sort")) for name, _ in attrs
        ):
            raise KeepIgnored
        if tag not in VOID:
            self.skip.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if self.skip:
            return
        self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in self.skip:
                while self.skip.pop() != tag:
                    pass
            return
        self.out.append(f"</{tag}>")
        if tag in ("script", "style") and self.raw:
            self.raw -= 1

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self.out.append(data if self.raw else spaced(data))
        if data.strip():
            self.year_next = data.strip() in YEAR_LABELS

    def handle_entityref(self, name: str) -> None:
        if self.skip:
            return
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if self.skip:
            return
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        if self.skip:
            return
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class KeepIgnored(Exception):
    """An ignored subtree holds what Pagefind reads even there: copy the page whole."""


TABLE = re.compile(r"<table\b.*?</table>", re.S)


def trimmed(html: str, listing: bool) -> str:
    """The page with only what Pagefind reads: the head, and the article (the root selector), without
    a listing page's tables (ignored anyway). Pagefind makes the same index from it, but a region's
    page at 1,000 guides is megabytes of tables: preparing and indexing those cost more than all
    the guides' pages."""
    start, end = html.find("<article"), html.rfind("</article>")
    body = html.find(">", html.find("<body")) + 1
    if 0 < body <= start < end:
        html = html[:body] + html[start : end + len("</article>")] + "</body></html>"
    return TABLE.sub("", html) if listing else html


def search_copy(html: str, rel: str) -> str:
    """The page as Pagefind should read it (rel: its path in the site, such as guides/x/index.html)."""
    listing = rel.startswith(LISTINGS) and page_type(rel) != "guide"
    text = trimmed(html, listing)
    for drop in (True, False):
        parser = SearchCopy(page_type(rel), listing, drop)
        try:
            parser.feed(text)
            parser.close()
        except KeepIgnored:
            continue
        break
    return "".join(parser.out)


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


def shard_count(guides: int, per_shard: int | None = None) -> int:
    """How many guide shards: one per SHARD_GUIDES guides, at most MAX_SHARDS. Every shard costs a
    cold query an index chunk or two (about 30 KB each, whatever the shard's size), so the cap keeps
    the first search small; the count changes only with the number of guides, and adding a guide
    renders every page anew anyway."""
    return max(1, min(MAX_SHARDS, -(-guides // (per_shard or SHARD_GUIDES))))


def shard_of(rel: str, count: int) -> str:
    """The shard a page is indexed in: a guide's from a hash of its id (stable, and the guides of a
    year or a region spread over all shards), every other page in the primary one."""
    if page_type(rel) != "guide":
        return PRIMARY
    digest = hashlib.sha256(rel.split("/")[1].encode("utf-8")).digest()
    return f"g{int.from_bytes(digest[:4], 'big') % count}"


def shards(site: Path, per_shard: int | None = None) -> dict[str, list[str]]:
    """Every page of the site (by its path there), by shard."""
    rels = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    rels = [rel for rel in rels if not rel.startswith("pagefind/")]
    count = shard_count(sum(page_type(rel) == "guide" for rel in rels), per_shard)
    out: dict[str, list[str]] = {PRIMARY: []}
    for rel in rels:
        out.setdefault(shard_of(rel, count), []).append(rel)
    return out


def stamp(lang: str, pages: dict[str, str]) -> str:
    """What a shard's index is made from: its pages (path and HTML hash), the language, this module
    (how the copy is made) and the Pagefind version. The same stamp gives the same index bytes."""
    from importlib.metadata import version

    h = hashlib.sha256(f"{lang}\0{version('pagefind')}\0".encode())
    h.update(Path(__file__).read_bytes())
    h.update(json.dumps(pages, sort_keys=True).encode())
    return h.hexdigest()


def sync_copies(site: Path, pages: dict[str, str], folder: Path) -> None:
    """Make folder hold the search copy of exactly these pages ({path: hash of its HTML}), preparing
    again only the pages whose HTML changed since (folder's .pages.json records what each copy is of;
    it is removed while the folder changes, so an interrupted run prepares the whole shard again)."""
    record = folder.with_name(f"{folder.name}.pages.json")
    made = json.loads(record.read_text(encoding="utf-8")) if record.is_file() and folder.is_dir() else {}
    if not made:  # nothing known of what the folder holds
        shutil.rmtree(folder, ignore_errors=True)
    record.unlink(missing_ok=True)
    for old in sorted(set(made) - set(pages)):
        (folder / old).unlink(missing_ok=True)
    for rel, digest in pages.items():
        if made.get(rel) != digest:
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(search_copy((site / rel).read_text(encoding="utf-8"), rel), encoding="utf-8")
    record.write_text(json.dumps(pages, sort_keys=True), encoding="utf-8")


def index_shard(copies: Path, lang: str, out: Path) -> int:
    """One shard's Pagefind index of the copies into out (replaced whole); returns Pagefind's exit status."""
    fresh = out.with_name(f".{out.name}.tmp")
    shutil.rmtree(fresh, ignore_errors=True)
    status = subprocess.run(pagefind_command(copies, fresh, lang), check=False).returncode
    if status == 0:
        if out.name != PRIMARY:  # a merged index needs only its data: the primary's code loads it
            for path in fresh.iterdir():
                if path.is_file() and path.name != "pagefind-entry.json" and not path.name.endswith(".pf_meta"):
                    path.unlink()
        shutil.rmtree(out, ignore_errors=True)
        os.replace(fresh, out)
    return status


def build_index(site: Path, lang: str, cache: Path, per_shard: int | None = None) -> int:
    """Index the site's pages into site/pagefind/ (the primary index, with Pagefind's code) and
    site/pagefind/<shard>/ (the guide shards, listed in shards.json), indexing again only the shards
    whose stamp changed since the indexes kept in cache (cache/index/<shard>, made from the copies in
    cache/copy/<shard>); returns Pagefind's exit status."""
    (cache / "index").mkdir(parents=True, exist_ok=True)
    (cache / "copy").mkdir(parents=True, exist_ok=True)
    stamps_file = cache / "stamps.json"
    stamps = json.loads(stamps_file.read_text(encoding="utf-8")) if stamps_file.is_file() else {}
    groups = shards(site, per_shard)
    for name, rels in groups.items():
        pages = {rel: hashlib.sha256((site / rel).read_bytes()).hexdigest() for rel in rels}
        key = stamp(lang, pages)
        if stamps.get(name) == key and (cache / "index" / name).is_dir():
            continue
        stamps.pop(name, None)
        stamps_file.write_text(json.dumps(stamps, sort_keys=True), encoding="utf-8")
        sync_copies(site, pages, cache / "copy" / name)
        status = index_shard(cache / "copy" / name, lang, cache / "index" / name)
        if status:
            return status
        stamps[name] = key
        stamps_file.write_text(json.dumps(stamps, sort_keys=True), encoding="utf-8")
    for old in sorted(set(stamps) - set(groups)):
        shutil.rmtree(cache / "index" / old, ignore_errors=True)
        shutil.rmtree(cache / "copy" / old, ignore_errors=True)
        (cache / "copy" / f"{old}.pages.json").unlink(missing_ok=True)
        del stamps[old]
    stamps_file.write_text(json.dumps(stamps, sort_keys=True), encoding="utf-8")
    assemble(site / "pagefind", cache / "index", sorted(groups, key=shard_order))
    return 0


def shard_order(name: str) -> tuple[int, int]:
    return (-1, 0) if name == PRIMARY else (0, int(name[1:]))


def assemble(target: Path, indexes: Path, names: list[str]) -> None:
    """The published index: the primary shard's files, each guide shard in a folder of its own, and
    shards.json naming those folders for the search box to merge. Files are hard-linked from the
    cache (never edited in place, only replaced whole), so unchanged shards keep their timestamps."""
    shutil.rmtree(target, ignore_errors=True)
    link_tree(indexes / PRIMARY, target)
    guides = [name for name in names if name != PRIMARY]
    for name in guides:
        link_tree(indexes / name, target / name)
    (target / "shards.json").write_text(json.dumps({"shards": guides}) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    site, lang, cache, per_shard = argv
    return build_index(Path(site), lang, Path(cache), int(per_shard))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
