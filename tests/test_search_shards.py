"""The sharded search index: guides spread over shards by a hash of their id, every other page in the
primary index; one changed guide re-indexes only the shards whose pages changed, and the incremental
site is byte for byte the site a clean build makes from the same sources. In Chromium, the search
box merges the shards: a guide is found whichever shard holds it, and nothing is asked of another host."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from stcatalog.site import search_index
from stcatalog.site.build import build_site
from stcatalog.sources import load as catalog_mod

from .conftest import REPO, tree_bytes

sys.path.insert(0, str(REPO / "scripts" / "bench"))
from corpus import edit_one_guide, make_corpus
from headless import launch, serve

GUIDES = 12
PER_SHARD = 3  # 12 guides in 4 shards (the real default is SHARD_GUIDES)


def test_one_shard_per_so_many_guides_up_to_the_cap():
    counts = [search_index.shard_count(n, 10) for n in range(0, 500)]
    assert counts[0] == counts[10] == 1 and counts[11] == 2
    assert counts == sorted(counts) and max(counts) == search_index.MAX_SHARDS
    for n, count in enumerate(counts):
        assert count == search_index.MAX_SHARDS or (count - 1) * 10 < max(n, 1) <= count * 10


def test_guides_spread_over_shards_and_other_pages_stay_in_the_primary():
    rels = [f"guides/guide-{i:04d}/index.html" for i in range(1000)]
    names = [search_index.shard_of(rel, 8) for rel in rels]
    sizes = sorted(names.count(f"g{k}") for k in range(8))
    assert set(names) == {f"g{k}" for k in range(8)} and sizes[0] > 90 and sizes[-1] < 160, sizes
    assert names == [search_index.shard_of(rel, 8) for rel in rels]  # stable
    for rel in ("index.html", "guides/index.html", "regions/xj/index.html", "indicators/index.html"):
        assert search_index.shard_of(rel, 8) == search_index.PRIMARY


def load(base: Path):
    cat, problems = catalog_mod.load(base)
    assert not problems, [p.text() for p in problems]
    return cat


def shard_files(base: Path, lang: str) -> dict[str, tuple[int, int]]:
    """Each file of build/search/<lang> with its inode and modification time (what is made again changes them)."""
    cache = base / "build" / "search" / lang
    return {
        p.relative_to(cache).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in cache.rglob("*")
        if p.is_file()
    }


def shard_of_edit(base: Path, path: Path) -> str:
    gid = path.stem
    return search_index.shard_of(f"guides/{gid}/index.html", search_index.shard_count(GUIDES, PER_SHARD))


@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    """A corpus of 12 guides built in 4 guide shards, then one guide changed and built again."""
    base = make_corpus(GUIDES, tmp_path_factory.mktemp("shards") / "repo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_index, "SHARD_GUIDES", PER_SHARD)
        build_site(load(base))
        before = {lang: shard_files(base, lang) for lang in ("zh", "en")}
        edited = edit_one_guide(base)
        timings = build_site(load(base))
        after = {lang: shard_files(base, lang) for lang in ("zh", "en")}
        clean = tmp_path_factory.mktemp("clean") / "site"
        shutil.rmtree(base / "build")
        build_site(load(base), clean)
    return base, before, after, edited, timings, clean


@pytest.mark.slow
def test_the_published_index_lists_its_shards(sharded):
    base = sharded[0]
    for lang in ("zh", "en"):
        bundle = base / "site" / lang / "pagefind"
        names = json.loads((bundle / "shards.json").read_text(encoding="utf-8"))["shards"]
        assert len(names) > 1 and all(name.startswith("g") for name in names), names
        assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
        for name in names:
            shard = bundle / name
            assert (shard / "pagefind-entry.json").is_file() and list(shard.glob("*.pf_meta"))
            assert not list(shard.glob("*.js")) and not list(shard.glob("wasm.*"))  # the primary's code loads it
        entries = [json.loads((bundle / n / "pagefind-entry.json").read_text()) for n in names]
        guides = sum(e["languages"][lang]["page_count"] for e in entries)
        assert guides == GUIDES


def shard_named(path: str) -> str | None:
    """The shard a file of build/search/<lang> belongs to (index/<shard>/…, copy/<shard>/…, copy/<shard>.pages.json)."""
    parts = path.split("/")
    return parts[1].removesuffix(".pages.json") if parts[0] in ("index", "copy") else None


@pytest.mark.slow
def test_one_changed_guide_reindexes_only_the_shards_whose_pages_changed(sharded):
    base, before, after, edited, timings, _ = sharded
    assert timings["dirty"] == {"zh": True, "en": True}
    changed = shard_of_edit(base, edited)
    for lang in ("zh", "en"):
        # Every shard but the changed guide's and the primary (lists may show the summary) is kept as it was.
        kept = {k: v for k, v in before[lang].items() if shard_named(k) not in (None, changed, search_index.PRIMARY)}
        assert kept and {k: after[lang].get(k) for k in kept} == kept, lang
    # In English the summary changed: that guide's shard was indexed again, from the one page prepared again.
    index = [k for k in before["en"] if k.startswith(f"index/{changed}/")]
    assert index and all(after["en"].get(k) != before["en"][k] for k in index)
    page = f"copy/{changed}/guides/{edited.stem}/index.html"
    others = [k for k in before["en"] if k.startswith(f"copy/{changed}/guides/") and k != page]
    assert after["en"][page] != before["en"][page] and others
    assert all(after["en"][k] == before["en"][k] for k in others)


@pytest.mark.slow
def test_the_incremental_site_equals_a_clean_build(sharded):
    base, *_, clean = sharded
    incremental, fresh = tree_bytes(base / "site"), tree_bytes(clean)
    assert incremental.keys() == fresh.keys()
    assert [k for k in incremental if incremental[k] != fresh[k]] == []


@pytest.mark.slow
@pytest.mark.browser
def test_the_search_box_finds_a_guide_in_every_shard(sharded):
    from playwright.sync_api import sync_playwright

    base, *_, clean = sharded
    server, url = serve(clean)
    count = search_index.shard_count(GUIDES, PER_SHARD)
    wanted = {}  # one synthetic guide per shard, found by the tag only its title and text carry
    for i in range(5, GUIDES):
        gid = next(p.stem for p in (base / "datasets/sources").glob(f"*-s{i:05d}.yaml"))
        wanted.setdefault(search_index.shard_of(f"guides/{gid}/index.html", count), (f"合成样本{i:05d}", gid))
    assert len(wanted) > 1
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_context().new_page()
            external: list[str] = []
            page.on("request", lambda r: external.append(r.url) if urlparse(r.url).hostname != "127.0.0.1" else None)
            page.goto(f"{url}zh/")
            for tag, gid in wanted.values():
                box = page.locator("#st-search-input")
                box.fill("")
                box.press_sequentially(tag)
                page.wait_for_function(
                    "q => { const p = document.querySelector('.st-search-results');"
                    " return p.getAttribute('data-query') === q && !p.hasAttribute('data-busy'); }",
                    arg=tag,
                    timeout=15000,
                )
                hrefs = page.eval_on_selector_all("[role=option]", "els => els.map(e => e.getAttribute('href'))")
                assert hrefs and urlparse(hrefs[0]).path == f"/zh/guides/{gid}/", (tag, hrefs[:3])
            assert external == []
            browser.close()
    finally:
        server.shutdown()
