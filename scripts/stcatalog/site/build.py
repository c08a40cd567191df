"""Build the bilingual static site: generated Markdown, one MkDocs build and one Pagefind index per
language (side by side, on both cores), then the files MkDocs does not make (data downloads, root
sitemap with hreflang, Atom feeds, DCAT), published atomically into site/."""

from __future__ import annotations

import hashlib
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..core import parallel
from ..core.children import die_with_parent
from ..core.files import atomic_dir, custom_output, link_tree, publish, sync_tree, write_files
from ..core.lock import exclusive
from ..core.public_url import public_url, unset_notice
from ..model.catalog import Catalog
from ..package.export import current_package, package_files, package_meta
from ..package.tables import table_rows
from . import labels, search_index
from .feeds import extra_files, page_meta, sitemap  # noqa: F401  (sitemap: imported from here by tests)
from .pages import LANGS, Index, render_language, table_files
from .tree import docs_tree, static_pages

CONFIGS = {"zh": "mkdocs.yml", "en": "mkdocs.en.yml"}
THEME = (
    "docs/hooks/i18n.py",
    "docs/hooks/meta.py",
    "docs/overrides/main.html",
    "docs/overrides/404.html",
)  # what MkDocs renders with


def start_mkdocs(base: Path, lang: str, out: Path, dirty: bool = False) -> subprocess.Popen:
    """One language's MkDocs build in its own process. With dirty, MkDocs re-renders only the pages
    whose Markdown is newer than their HTML. Strictness is ours (_wait fails on any warning): MkDocs'
    --strict would refuse its own warning about dirty builds, and with --quiet it sees no warnings at all."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("STCATALOG_SITE_URL", None)
    home = public_url(package_meta(base))
    if home:  # canonical and hreflang links, and the feed link, under the public URL
        env["STCATALOG_SITE_URL"] = f"{home}{lang}/"
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", CONFIGS[lang], "-d", str(out)]
    if dirty:
        cmd.append("--dirty")
    return subprocess.Popen(
        cmd, cwd=base, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, preexec_fn=die_with_parent
    )


def start_pagefind(site: Path, lang: str, cache: Path) -> subprocess.Popen:
    """One language's Pagefind index, in shards (search_index.py): only the shards one of whose pages
    changed since the index kept in cache are indexed again, each from a copy of its pages prepared
    for search (Chinese spaced into characters, codes left out, listing tables ignored). Only the
    article is indexed: not navigation, not the translation notice every English page carries, and
    not what pages mark data-pagefind-ignore (the other language's text, and quotations the page's
    full text already holds)."""
    shard = str(search_index.SHARD_GUIDES)
    cmd = [sys.executable, "-m", "stcatalog.site.search_index", str(site), lang, str(cache), shard]
    return subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=die_with_parent
    )


DIRTY_NOTICE = "A 'dirty' build is being performed"


def _wait(procs: dict, what: str) -> None:
    """Wait for the processes; any failure, or any warning (a broken link, say), fails the build."""
    failed = [f for f in (_failure(what, lang, proc, proc.communicate()[0]) for lang, proc in procs.items()) if f]
    if failed:
        raise SiteError("\n".join(failed))


def _failure(what: str, lang: str, proc: subprocess.Popen, output: str) -> str | None:
    warnings = [line for line in output.splitlines() if line.startswith("WARNING") and DIRTY_NOTICE not in line]
    if proc.returncode != 0:
        return f"{what} ({lang}) failed:\n{output}"
    if warnings:
        return f"{what} ({lang}) failed:\n" + "\n".join(warnings)
    return None


def _as_they_finish(procs: dict) -> Iterator[tuple[str, subprocess.Popen, str]]:
    """(lang, process, output) for each process, in the order they end (each is read as it runs)."""
    done: queue.Queue = queue.Queue()
    for lang, proc in procs.items():
        threading.Thread(
            target=lambda lang=lang, proc=proc: done.put((lang, proc, proc.communicate()[0])), daemon=True
        ).start()
    for _ in procs:
        yield done.get()


class SiteError(RuntimeError):
    pass


def write_data(catalog: Catalog, meta: dict, folder: Path) -> None:
    """The package at /data/: linked from datasets/package while `build` made it from the current
    sources, written afresh (file by file) otherwise."""
    built = current_package(catalog.base)
    if built is not None:
        link_tree(built, folder)
    else:
        write_files(package_files(catalog, meta, fork=False), folder)
    short_download_paths(folder)


def short_download_paths(folder: Path) -> None:
    """The package's CSV files also at /data/<table>.csv and /data/guides/<id>/<table>.csv (the pages
    link there); the package's own paths, /data/data/…, which datapackage.json names, still work."""
    inner = folder / "data"
    for f in sorted(inner.rglob("*.csv")):
        target = folder / f.relative_to(inner)
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(f, target)
        except OSError:
            shutil.copy2(f, target)


def _room_for_another_index(work: dict[str, Path]) -> bool:
    """Whether memory allows the two Pagefind runs side by side: each needs roughly twelve times the
    HTML it reads (measured), and a 10,000-guide site would need more than the machine has."""
    try:
        meminfo = Path("/proc/meminfo").read_text()
    except OSError:
        return True
    available = int(next(line.split()[1] for line in meminfo.splitlines() if line.startswith("MemAvailable"))) * 1024
    html = sum(f.stat().st_size for folder in work.values() for f in folder.rglob("*.html"))
    return available > 12 * html + 2 * 1024**3


def _render_stamp(base: Path, tree) -> str:
    """What a dirty MkDocs build relies on being unchanged: the configs, hooks and overrides, the MkDocs
    and theme versions, and the set of pages (adding or removing a page needs a full build)."""
    from importlib.metadata import version

    h = hashlib.sha256()
    for name in (*CONFIGS.values(), *THEME):
        h.update((base / name).read_bytes() + b"\0")
    h.update(f"{version('mkdocs')} {version('mkdocs-material')}\0".encode())
    h.update(f"{public_url(package_meta(base)) or ''}\0".encode())  # site_url: every page's head
    h.update((base / "datasets" / "package.yaml").read_bytes())  # the footer: licence, version, date
    h.update("\n".join(sorted(p for p in tree if p.endswith(".md"))).encode())
    return h.hexdigest()


def build_site(catalog: Catalog, out: Path | None = None) -> dict:
    """Write the whole site to `out` (default site/) atomically; returns timings in seconds.

    Each language renders into build/site-work/<lang> and is indexed there, the two side by side.
    When only page content changed since the last build, MkDocs re-renders just the changed pages.
    The site is assembled in a fresh folder (files unchanged since the previous site hard-linked from
    it, never shared with the work folders) and swapped in, so a failed build leaves the old site whole.
    It holds the build lock; an `out` must be new, empty or stcatalog's (check_output_folder)."""
    default = catalog.base / "site"
    marker = custom_output(out, default)
    with exclusive(catalog.base, "site"):
        return _build_site(catalog, out or default, marker)


def _build_site(catalog: Catalog, out: Path, marker: bool) -> dict:
    meta = package_meta(catalog.base)
    unset_notice(meta)
    started = time.perf_counter()
    timings: dict = {"dirty": {}}
    pages, renders = _start_renders(catalog, meta, timings)
    work = {lang: render.work for lang, render in renders.items()}
    with atomic_dir(out, marker) as tmp:
        # The downloads go into the new site from a thread while MkDocs renders.
        extras: dict = {}

        def make_extras():
            try:
                t0 = time.perf_counter()
                write_data(catalog, meta, tmp / "data")
                timings["data"] = time.perf_counter() - t0
                write_files(extra_files(catalog, pages, meta), tmp)
                timings["extras"] = time.perf_counter() - t0 - timings["data"]
            except BaseException as exc:  # re-raised below, in the building thread
                extras["error"] = exc

        worker = threading.Thread(target=make_extras, daemon=True)
        worker.start()
        try:
            _index_as_rendered(renders, started, timings)
        finally:
            worker.join()  # the temporary folder is removed on failure only once nothing writes to it
        if "error" in extras:
            raise extras["error"]
        t0 = time.perf_counter()
        for lang in LANGS:
            publish(work[lang], tmp / lang, out / lang)
        timings["publish"] = time.perf_counter() - t0
        if public_url(meta) and (tmp / "zh" / "404.html").is_file():
            # A host's not-found page for any address: the Chinese one (its links are absolute then).
            shutil.copyfile(tmp / "zh" / "404.html", tmp / "404.html")
    timings["total"] = time.perf_counter() - started
    timings["swap"] = timings["total"] - timings["indexed"] - timings["publish"]
    timings["pages_per_language"] = {lang: sum(1 for path in p if path.endswith(".md")) for lang, p in pages.items()}
    return timings


@dataclass
class Render:
    proc: subprocess.Popen
    work: Path
    stamp_file: Path
    stamp: str


def _start_renders(catalog: Catalog, meta: dict, timings: dict) -> tuple[dict[str, list[str]], dict[str, Render]]:
    """Generate each language's Markdown and start its MkDocs build. The Chinese pages are generated in
    a forked child while the English ones are generated here; the English render, the longer one (it
    has more text), starts first."""
    base = catalog.base
    labels.use(catalog.codelists)
    index = Index(table_rows(catalog), page_meta(meta))
    static = static_pages(base)

    def prepare(lang: str) -> list[str]:
        """Generate and write one language's Markdown; its paths are all that is kept."""
        tree = docs_tree(base, {**render_language(index, lang), **static[lang]}, table_files(index, lang))
        sync_tree(tree, base / "build" / "docs" / lang)
        return sorted(tree)

    pages, renders = {}, {}
    t0 = time.perf_counter()
    chinese = parallel.fork_call(lambda: prepare("zh"))
    for lang in ("en", "zh"):
        pages[lang] = prepare(lang) if lang == "en" else chinese()
        timings[f"pages_{lang}"] = time.perf_counter() - t0
        work = base / "build" / "site-work" / lang
        stamp_file, stamp = work.with_suffix(".stamp"), _render_stamp(base, pages[lang])
        dirty = work.is_dir() and stamp_file.is_file() and stamp_file.read_text() == stamp
        stamp_file.unlink(missing_ok=True)  # written again only once this render succeeds
        timings["dirty"][lang] = dirty
        renders[lang] = Render(start_mkdocs(base, lang, work, dirty), work, stamp_file, stamp)
    timings["pages"] = time.perf_counter() - t0
    return pages, renders


def _index_as_rendered(renders: dict[str, Render], started: float, timings: dict) -> None:
    """Index each language the moment its render ends (one at a time when memory is short)."""
    indexes: dict = {}
    for lang, proc, output in _as_they_finish({lang: r.proc for lang, r in renders.items()}):
        failure = _failure("mkdocs", lang, proc, output)
        if failure:
            for other in renders.values():
                other.proc.kill()
            raise SiteError(failure)
        render = renders[lang]
        render.stamp_file.write_text(render.stamp)
        timings[f"rendered_{lang}"] = time.perf_counter() - started
        if indexes and not _room_for_another_index({lang: r.work for lang, r in renders.items()}):
            _wait(indexes, "pagefind")
            indexes.clear()
        indexes[lang] = start_pagefind(render.work, lang, render.work.parent.parent / "search" / lang)
    _wait(indexes, "pagefind")
    timings["indexed"] = time.perf_counter() - started
