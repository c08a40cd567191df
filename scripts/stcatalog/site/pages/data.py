"""The data page: downloads, the tables, code to load them, the data dictionary, the changelog,
the citation and the schema.org Dataset description (JSON-LD)."""

from __future__ import annotations

from ...package.encode import csv_bytes
from ...package.tables import TABLES
from ..labels import field_codes
from .common import site_root

PATH = "data.md"
DOWNLOADS = [
    ("data/datapackage.json", "datapackage.json"),
    ("data/catalog.xlsx", "catalog.xlsx (Excel)"),
    ("data/json/index.json", "JSON index"),
    ("data/dcat.jsonld", "DCAT (JSON-LD)"),
]


def data_page(meta: dict, lang: str, rows: dict[str, list[dict]] | None = None) -> dict:
    """Without a public URL, what needs an absolute one (code samples, the citation's address, the
    JSON-LD) is left out; downloads are relative links either way."""
    root = site_root(PATH)
    home = meta.get("homepage")
    return {
        "version": meta["version"],
        "licence": meta["licenses"][0]["name"],
        "homepage": home,
        "downloads": [{"href": root + p, "label": name} for p, name in DOWNLOADS],
        "root": root,
        "tables": [
            {
                "name": t.name,
                "rows": len((rows or {}).get(t.name, [])),
                "size": _size(len(csv_bytes(t, (rows or {}).get(t.name, [])))),
                "title": getattr(t, f"title_{lang}"),
                "description": getattr(t, f"description_{lang}"),
                "fields": [
                    {
                        "name": f.name,
                        "type": f.type,
                        "required": f.required,
                        "text": getattr(f, lang) + _codes(f),
                    }
                    for f in t.fields
                ],
            }
            for t in TABLES
        ],
        "changelog": [
            {"version": c["version"], "date": c["date"], "changes": c["changes"][lang]} for c in meta["changelog"]
        ],
        "citation_title": meta["title"][lang],
        "jsonld": dataset_jsonld(meta) if home else None,
    }


def _size(n: int) -> str:
    """A file size for people: 812 B, 4.2 KB, 1.3 MB."""
    for unit, size in (("MB", 1024**2), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} B"


def _codes(f) -> str:
    codes = field_codes(f)
    return f" ({', '.join(codes)})" if codes else ""


def dataset_jsonld(meta: dict) -> dict:
    """schema.org Dataset description of the package."""
    home = meta["homepage"].rstrip("/") + "/"
    csvs = [
        {
            "@type": "DataDownload",
            "encodingFormat": "text/csv",
            "contentUrl": home + f"data/{t.name}.csv",
            "name": t.name,
        }
        for t in TABLES
    ]
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": meta["title"]["en"],
        "alternateName": meta["title"]["zh"],
        "description": meta["description"]["en"],
        "url": home + "en/data/",
        "version": meta["version"],
        "license": meta["licenses"][0]["path"],
        "inLanguage": ["zh-Hans", "en"],
        "keywords": meta["keywords"],
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": meta["contributors"][0]["title"]},
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "application/json",
                "contentUrl": home + "data/datapackage.json",
            },
            {
                "@type": "DataDownload",
                "encodingFormat": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "contentUrl": home + "data/catalog.xlsx",
            },
        ]
        + csvs,
    }
