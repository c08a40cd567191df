"""Build the bilingual static site: generated Markdown, two MkDocs builds in parallel, then the
files MkDocs does not make (data downloads, root sitemap with hreflang, Atom feeds, DCAT)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from . import paths
from .catalog import Catalog
from .export import atomic_dir, package_meta, read_tree, render_package, write_files, write_tree
from .pages import LANGS, dataset_jsonld, page_url, render_pages
from .tables import table_rows

CONFIGS = {"zh": "mkdocs.yml", "en": "mkdocs.en.yml"}


def static_pages(base: Path) -> dict[str, dict[str, str]]:
    """Hand-written pages (about, contribute) from docs/<lang>/."""
    out: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        folder = base / "docs" / lang
        out[lang] = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
                     for p in sorted(folder.rglob("*.md"))}
    return out


def write_docs(catalog: Catalog, base: Path | None = None) -> dict[str, dict[str, str]]:
    """Generate build/docs/<lang>/ (Markdown and assets)."""
    base = base or catalog.base
    rows = table_rows(catalog)
    meta = package_meta(base)
    pages = render_pages(rows, meta, static_pages(base))
    assets = {f"assets/{p.name}": p.read_bytes() for p in sorted((base / "docs" / "assets").iterdir()) if p.is_file()}
    for lang, tree in pages.items():
        files = {path: body.encode("utf-8") for path, body in tree.items()}
        files.update(assets)
        target = base / "build" / "docs" / lang
        if read_tree(target) != files:  # unchanged trees keep their timestamps (and `serve` stays quiet)
            write_tree(files, target)
    return pages


def start_mkdocs(base: Path, out: Path) -> dict:
    """Both languages at once, one process each, so the two cores are used."""
    procs = {}
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for lang in LANGS:
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", CONFIGS[lang], "-d", str(out / lang)]
        procs[lang] = subprocess.Popen(cmd, cwd=base, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    return procs


def run_mkdocs(base: Path, out: Path) -> None:
    _wait(start_mkdocs(base, out), "mkdocs")


def run_pagefind(out: Path) -> None:
    """One Pagefind index per language, both at once. Only the article is indexed: not navigation, not
    the translation notice every English page carries, and not what pages mark data-pagefind-ignore
    (the other language's text, and quotations the page's full text already holds)."""
    procs = {}
    for lang in LANGS:
        cmd = [sys.executable, "-m", "pagefind", "--site", str(out / lang), "--root-selector", "article.md-content__inner",
               "--exclude-selectors", ".headerlink, .admonition",
               "--force-language", lang, "--silent"]
        procs[lang] = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    _wait(procs, "pagefind")


def _wait(procs: dict, what: str) -> None:
    failed = []
    for lang, proc in procs.items():
        output, _ = proc.communicate()
        if proc.returncode != 0:
            failed.append(f"{what} ({lang}) failed:\n{output}")
    if failed:
        raise SiteError("\n".join(failed))


class SiteError(RuntimeError):
    pass


def extra_files(catalog: Catalog, pages: dict[str, dict[str, str]], meta: dict) -> dict[str, bytes]:
    rows = table_rows(catalog)
    home = meta["homepage"].rstrip("/") + "/"
    files = {f"data/{k}": v for k, v in render_package(catalog, meta).items()}
    files["data/dcat.jsonld"] = (json.dumps(dcat(meta, rows), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files["index.html"] = landing(meta).encode("utf-8")
    files["sitemap.xml"] = sitemap(home, pages).encode("utf-8")
    # Material prefetches sitemap.xml beside each page's hreflang link; give each page its own,
    # listing the page and its counterpart, so that prefetch finds a real file.
    for path in sorted(set(pages["zh"]) & set(pages["en"])):
        if not path.endswith(".md"):
            continue
        one = sitemap(home, {lang: {path: ""} for lang in LANGS}).encode("utf-8")
        for lang in LANGS:
            if page_url(path):
                files[f"{lang}/{page_url(path)}sitemap.xml"] = one
    for lang in LANGS:
        files[f"feed.{lang}.xml"] = atom(home, rows, meta, lang).encode("utf-8")
    files["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {home}sitemap.xml\n".encode("utf-8")
    return files


def sitemap(home: str, pages: dict[str, dict[str, str]]) -> str:
    urls = sorted(p for p in set(pages["zh"]) & set(pages["en"]) if p.endswith(".md"))
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for path in urls:
        for lang in LANGS:
            out.append(f"  <url><loc>{xml_escape(home + lang + '/' + page_url(path))}</loc>")
            for alt in LANGS:
                out.append(f'    <xhtml:link rel="alternate" hreflang="{alt}" href="{xml_escape(home + alt + "/" + page_url(path))}"/>')
            out.append("  </url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def atom(home: str, rows: dict, meta: dict, lang: str) -> str:
    guides = sorted(rows["guides"], key=lambda g: (g["date"] or f"{g['year']}-01-01", g["id"]), reverse=True)
    updated = max((g["date"] or f"{g['year']}-01-01") for g in guides) if guides else meta["created"]
    title = meta["title"][lang]
    out = ['<?xml version="1.0" encoding="utf-8"?>', f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
           f"  <title>{xml_escape(title)}</title>", f"  <id>{xml_escape(home)}{lang}/</id>",
           f'  <link href="{xml_escape(home)}{lang}/"/>', f'  <link rel="self" href="{xml_escape(home)}feed.{lang}.xml"/>',
           f"  <updated>{updated}T00:00:00Z</updated>", f"  <author><name>{xml_escape(meta['contributors'][0]['title'])}</name></author>"]
    for g in guides:
        url = f"{home}{lang}/guides/{g['id']}/"
        when = g["date"] or f"{g['year']}-01-01"
        out += ["  <entry>", f"    <title>{xml_escape(g[f'title_{lang}'] or g['title_zh'])}</title>",
                f"    <id>{xml_escape(url)}</id>", f'    <link href="{xml_escape(url)}"/>', f"    <updated>{when}T00:00:00Z</updated>",
                f"    <summary>{xml_escape(g[f'summary_{lang}'] or g['summary_zh'])}</summary>", "  </entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def dcat(meta: dict, rows: dict) -> dict:
    """DCAT (JSON-LD) description for catalogue harvesters."""
    home = meta["homepage"].rstrip("/") + "/"
    ds = dataset_jsonld(meta)
    return {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                     "foaf": "http://xmlns.com/foaf/0.1/"},
        "@id": home + "data/dcat.jsonld", "@type": "dcat:Catalog",
        "dct:title": [{"@value": meta["title"]["en"], "@language": "en"}, {"@value": meta["title"]["zh"], "@language": "zh-Hans"}],
        "dcat:dataset": [{
            "@id": home + "data/", "@type": "dcat:Dataset",
            "dct:title": [{"@value": meta["title"]["en"], "@language": "en"}, {"@value": meta["title"]["zh"], "@language": "zh-Hans"}],
            "dct:description": [{"@value": meta["description"]["en"], "@language": "en"},
                                {"@value": meta["description"]["zh"], "@language": "zh-Hans"}],
            "dct:license": {"@id": meta["licenses"][0]["path"]}, "dct:issued": meta["created"],
            "dcat:version": meta["version"], "dcat:keyword": meta["keywords"],
            "dct:language": ["zh-Hans", "en"], "dcat:landingPage": {"@id": home},
            "dcat:distribution": [{"@type": "dcat:Distribution", "dcat:downloadURL": {"@id": d["contentUrl"]},
                                   "dcat:mediaType": d["encodingFormat"]} for d in ds["distribution"]],
        }],
    }


def landing(meta: dict) -> str:
    """The root page: choose a language (Chinese unless the browser prefers another)."""
    return f"""<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{xml_escape(meta['title']['zh'])} · {xml_escape(meta['title']['en'])}</title>
<link rel="alternate" hreflang="zh" href="zh/"><link rel="alternate" hreflang="en" href="en/">
<script>
  (function () {{
    var lang = (navigator.languages && navigator.languages[0]) || navigator.language || "zh";
    location.replace(/^zh/i.test(lang) ? "zh/" : "en/");
  }})();
</script>
</head><body style="font-family: system-ui, sans-serif; margin: 3rem;">
<h1>{xml_escape(meta['title']['zh'])} · {xml_escape(meta['title']['en'])}</h1>
<p><a href="zh/">中文</a> · <a href="en/">English</a> · <a href="data/datapackage.json">datapackage.json</a></p>
</body></html>
"""


def build_site(catalog: Catalog, out: Path | None = None) -> dict:
    """Write the whole site to `out` (default site/) atomically; returns timings in seconds."""
    base = catalog.base
    out = out or base / "site"
    timings = {}
    t0 = time.perf_counter()
    pages = write_docs(catalog, base)
    timings["pages"] = time.perf_counter() - t0
    meta = package_meta(base)
    with atomic_dir(out) as tmp:
        t0 = time.perf_counter()
        procs = start_mkdocs(base, tmp)
        extras = extra_files(catalog, pages, meta)  # while MkDocs renders
        _wait(procs, "mkdocs")
        timings["mkdocs"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        run_pagefind(tmp)
        timings["search"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        write_files(extras, tmp)
        timings["extras"] = time.perf_counter() - t0
    timings["pages_per_language"] = {lang: sum(1 for path in p if path.endswith(".md")) for lang, p in pages.items()}
    return timings
