"""The data page: downloads, the tables, code to load them, the data dictionary, the changelog,
the citation and the schema.org Dataset description (JSON-LD)."""

from __future__ import annotations

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


def data_page(meta: dict, lang: str) -> dict:
    root = site_root(PATH)
    return {
        "version": meta["version"],
        "licence": meta["licenses"][0]["name"],
        "homepage": meta["homepage"],
        "downloads": [{"href": root + p, "label": name} for p, name in DOWNLOADS],
        "root": root,
        "tables": [
            {
                "name": t.name,
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
        "jsonld": dataset_jsonld(meta),
    }


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
            "contentUrl": home + f"data/data/{t.name}.csv",
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
