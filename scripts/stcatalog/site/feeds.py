"""The small files of the site that MkDocs does not make: the landing page, sitemaps (with hreflang),
Atom feeds, DCAT and robots.txt. Each is made from the tables and the release metadata alone, so
they are written beside the renders, and with no public URL the ones that need absolute addresses
are left out rather than given a made-up host."""

from __future__ import annotations

import json
from collections.abc import Iterable
from xml.sax.saxutils import escape as xml_escape

from ..core.public_url import public_url
from ..model.catalog import Catalog
from ..package.tables import table_rows
from .pages import LANGS, dataset_jsonld, page_url


def page_meta(meta: dict) -> dict:
    """The release metadata as the page builders read it: `homepage` is the public URL, None while
    none is set (the pages then leave out what needs an absolute address)."""
    return {**meta, "homepage": public_url(meta)}


def extra_files(catalog: Catalog, pages: dict[str, Iterable[str]], meta: dict) -> dict[str, bytes]:
    """The small files MkDocs does not make: DCAT, the landing page, sitemaps, feeds, robots.txt.

    Sitemaps, feeds and DCAT need absolute URLs: without a public URL they are left out (no made-up
    host), and robots.txt names no sitemap."""
    rows = table_rows(catalog)
    home = public_url(meta)
    files = {"index.html": landing(meta).encode("utf-8")}
    if home is None:
        files["robots.txt"] = b"User-agent: *\nAllow: /\n"
        return files
    files["data/dcat.jsonld"] = (json.dumps(dcat(meta, rows, home), ensure_ascii=False, indent=2) + "\n").encode()
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
    files["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {home}sitemap.xml\n".encode()
    return files


def sitemap(home: str, pages: dict[str, Iterable[str]]) -> str:
    urls = sorted(p for p in set(pages["zh"]) & set(pages["en"]) if p.endswith(".md"))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for path in urls:
        for lang in LANGS:
            out.append(f"  <url><loc>{xml_escape(home + lang + '/' + page_url(path))}</loc>")
            for alt in LANGS:
                out.append(
                    f'    <xhtml:link rel="alternate" hreflang="{alt}" href="{xml_escape(home + alt + "/" + page_url(path))}"/>'
                )
            out.append("  </url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def atom(home: str, rows: dict, meta: dict, lang: str) -> str:
    guides = sorted(rows["guides"], key=lambda g: (g["date"] or f"{g['year']}-01-01", g["id"]), reverse=True)
    updated = max((g["date"] or f"{g['year']}-01-01") for g in guides) if guides else meta["created"]
    title = meta["title"][lang]
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
        f"  <title>{xml_escape(title)}</title>",
        f"  <id>{xml_escape(home)}{lang}/</id>",
        f'  <link href="{xml_escape(home)}{lang}/"/>',
        f'  <link rel="self" href="{xml_escape(home)}feed.{lang}.xml"/>',
        f"  <updated>{updated}T00:00:00Z</updated>",
        f"  <author><name>{xml_escape(meta['contributors'][0]['title'])}</name></author>",
    ]
    for g in guides:
        url = f"{home}{lang}/guides/{g['id']}/"
        when = g["date"] or f"{g['year']}-01-01"
        out += [
            "  <entry>",
            f"    <title>{xml_escape(g[f'title_{lang}'] or g['title_zh'])}</title>",
            f"    <id>{xml_escape(url)}</id>",
            f'    <link href="{xml_escape(url)}"/>',
            f"    <updated>{when}T00:00:00Z</updated>",
            f"    <summary>{xml_escape(g[f'summary_{lang}'] or g['summary_zh'])}</summary>",
            "  </entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def dcat(meta: dict, rows: dict, home: str) -> dict:
    """DCAT (JSON-LD) description for catalogue harvesters; home is the public URL."""
    ds = dataset_jsonld(page_meta(meta))
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@id": home + "data/dcat.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": [
            {"@value": meta["title"]["en"], "@language": "en"},
            {"@value": meta["title"]["zh"], "@language": "zh-Hans"},
        ],
        "dcat:dataset": [
            {
                "@id": home + "data/",
                "@type": "dcat:Dataset",
                "dct:title": [
                    {"@value": meta["title"]["en"], "@language": "en"},
                    {"@value": meta["title"]["zh"], "@language": "zh-Hans"},
                ],
                "dct:description": [
                    {"@value": meta["description"]["en"], "@language": "en"},
                    {"@value": meta["description"]["zh"], "@language": "zh-Hans"},
                ],
                "dct:license": {"@id": meta["licenses"][0]["path"]},
                "dct:issued": meta["created"],
                "dcat:version": meta["version"],
                "dcat:keyword": meta["keywords"],
                "dct:language": ["zh-Hans", "en"],
                "dcat:landingPage": {"@id": home},
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dcat:downloadURL": {"@id": d["contentUrl"]},
                        "dcat:mediaType": d["encodingFormat"],
                    }
                    for d in ds["distribution"]
                ],
            }
        ],
    }


def landing(meta: dict) -> str:
    """The root page: choose a language (Chinese unless the browser prefers another)."""
    return f"""<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{xml_escape(meta["title"]["zh"])} · {xml_escape(meta["title"]["en"])}</title>
<link rel="alternate" hreflang="zh" href="zh/"><link rel="alternate" hreflang="en" href="en/">
<script>
  (function () {{
    var lang = (navigator.languages && navigator.languages[0]) || navigator.language || "zh";
    location.replace(/^zh/i.test(lang) ? "zh/" : "en/");
  }})();
</script>
</head><body style="font-family: system-ui, sans-serif; margin: 3rem;">
<h1>{xml_escape(meta["title"]["zh"])} · {xml_escape(meta["title"]["en"])}</h1>
<p><a href="zh/">中文</a> · <a href="en/">English</a> · <a href="data/datapackage.json">datapackage.json</a></p>
</body></html>
"""
