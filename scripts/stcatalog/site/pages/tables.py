"""The rows of the two browsable tables: every guide, every indicator (built once per language and
shared by the page and the table's JSON files)."""

from __future__ import annotations

from ..labels import label
from ..ui import strings
from .common import href, plain, value_text
from .index import Index


def guides_table(ix: Index, lang: str) -> dict:
    key = ("guides", lang)
    if key not in ix.cache:
        ix.cache[key] = _guides(ix, lang)
    return ix.cache[key]


def indicators_table(ix: Index, lang: str) -> dict:
    key = ("indicators", lang)
    if key not in ix.cache:
        ix.cache[key] = _indicators(ix, lang)
    return ix.cache[key]


def _guides(ix: Index, lang: str) -> dict:
    s, path = strings(lang), "guides/index.md"
    rows = []
    for g in ix.guides:
        level, kind = label("issuer-levels", g["issuer_level"], lang), label("document-types", g["type"], lang)
        rows.append(
            {
                "id": g["id"],
                "cells": [
                    {"t": str(g["year"]), "v": g["year"]},
                    {"t": plain(g, "title", lang), "h": href(path, f"guides/{g['id']}.md")},
                    plain(g, "issuer", lang),
                    level,
                    kind,
                ],
                "filters": {
                    "year": [str(g["year"])],
                    "level": [level],
                    "type": [kind],
                    "region": ix.region_names(ix.guide_regions[g["id"]], lang),
                    "domain": ix.domain_names(ix.guide_domains[g["id"]], lang),
                },
            }
        )
    return {
        "id": "st-guides",
        "path": path,
        "columns": [
            (s["year"], "number"),
            (s["title"], "text"),
            (s["issuer"], "text"),
            (s["level"], "text"),
            (s["type"], "text"),
        ],
        "filters": [(k, s[k]) for k in ("year", "level", "type", "region", "domain")],
        "rows": rows,
        "full": "data/json/guides.json",
    }


def _indicators(ix: Index, lang: str) -> dict:
    s, path = strings(lang), "indicators.md"
    rows = []
    for r in ix.rows["indicators"]:
        unit_name = ix.unit_name(r["unit"], lang)
        kind = label("indicator-kinds", r["kind"], lang)
        rows.append(
            {
                "id": r["id"],
                "cells": [
                    kind,
                    plain(r, "measure", lang),
                    {"t": value_text(r), "v": r["value_min"] if r["value_min"] is not None else r["value_max"]},
                    unit_name,
                    plain(r, "text", lang),
                    {"t": ix.guide_title(r["guide_id"], lang), "h": href(path, f"guides/{r['guide_id']}.md")},
                ],
                "filters": {
                    "kind": [kind],
                    "unit": [unit_name] if unit_name else [],
                    "region": ix.region_names(ix.indicator_regions(r), lang),
                    "domain": ix.domain_names(ix.indicator_domains(r), lang),
                },
            }
        )
    columns = [
        ("kind", "text"),
        ("measure", "text"),
        ("value", "number"),
        ("unit", "text"),
        ("source_text", "text"),
        ("guide", "text"),
    ]
    return {
        "id": "st-indicators",
        "path": path,
        "columns": [(s[k], sort) for k, sort in columns],
        "filters": [(k, s[k]) for k in ("kind", "unit", "region", "domain")],
        "rows": rows,
        "full": "data/json/indicators.json",
        "download": True,
    }
