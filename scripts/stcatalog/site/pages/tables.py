"""The rows of the two browsable tables: every guide, every indicator (built once per language and
shared by the page and the table's JSON files)."""

from __future__ import annotations

from ...model.english import money_en
from ..labels import label
from ..ui import strings
from .common import href, plain, site_root
from .facts import numbered, quantity
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
    """Every guide with what an applicant scans for: funding per project, programme, partners, status."""
    s, path = strings(lang), "guides/index.md"
    rows = []
    for g in ix.guides:
        level, kind = label("issuer-levels", g["issuer_level"], lang), label("document-types", g["type"], lang)
        programme = ix.programme_name(g["programme"], lang)
        partners = [ix.region_name(c, lang) for c in (g.get("partner_regions") or "").split(";") if c]
        status = label("translation-statuses", g["translation_status"], lang)
        rows.append(
            {
                "id": g["id"],
                "cells": [
                    {"t": str(g["year"]), "v": g["year"]},
                    {"t": plain(g, "title", lang), "h": href(path, f"guides/{g['id']}.md")},
                    plain(g, "issuer", lang),
                    programme,
                    _funding_cell(g, lang),
                    ", ".join(partners),
                    kind,
                    status,
                ],
                "filters": {
                    "year": [str(g["year"])],
                    "level": [level],
                    "type": [kind],
                    "programme": [programme] if programme else [],
                    "partner": sorted(set(partners)),
                    "status": [status],
                    "region": ix.region_names(ix.guide_regions[g["id"]], lang),
                    "domain": ix.domain_names(ix.guide_domains[g["id"]], lang),
                },
            }
        )
    return {
        "id": "st-guides",
        "path": path,
        "columns": [
            (s["year"], "number", "year"),
            (s["title"], "text", "title"),
            (s["issuer"], "text", "issuer"),
            (s["programme"], "text", "programme"),
            (s["funding_per_project"], "number", "funding"),
            (s["partners"], "text", "partners"),
            (s["type"], "text", "type"),
            (s["status"], "text", "status"),
        ],
        "filters": [(k, s[k]) for k in ("year", "level", "type", "programme", "partner", "status", "region", "domain")],
        "search": True,
        "rows": rows,
        "full": "data/json/guides.json",
    }


def _funding_cell(g: dict, lang: str) -> dict:
    """The amount per project as a range in CNY, sorting by its upper end; empty when not stated."""
    lo, hi = g.get("funding_min_cny"), g.get("funding_max_cny")
    lo = hi if lo is None else lo
    hi = lo if hi is None else hi
    if lo is None or hi is None:
        return {"t": "", "v": None}
    if lang == "en":
        shown = money_en(lo, hi, "CNY")
    else:
        shown = "–".join(dict.fromkeys(f"{v / 10000:g}万元" for v in (lo, hi)))
    return {"t": shown, "v": hi, "u": "CNY"}


def guide_label(ix: Index, gid: str, lang: str) -> str:
    """A short label for a guide in a table column: region, year and kind of document."""
    g = ix.guide_by_id[gid]
    where = ix.region_name(g["issuer_region"], lang)
    return f"{where} {g['year']} · {label('document-types', g['type'], lang)}"


def _indicators(ix: Index, lang: str) -> dict:
    s, path = strings(lang), "indicators.md"
    rows = []
    projects = {p["id"]: p for p in ix.rows["projects"]}
    for r in ix.rows["indicators"]:
        unit_name = ix.unit_name(r["unit"], lang)
        kind = label("indicator-kinds", r["kind"], lang)
        project = projects.get(r["project_id"])
        project_name = numbered(project["number"], plain(project, "title", lang), lang) if project else ""
        glabel = guide_label(ix, r["guide_id"], lang)
        rows.append(
            {
                "id": r["id"],
                "cells": [
                    kind,
                    plain(r, "measure", lang),
                    _value_cell(ix, r, lang),
                    unit_name,
                    plain(r, "text", lang),
                    {
                        "t": project_name,
                        "h": href(path, f"guides/{r['guide_id']}.md") + "#project-" + project["local_id"],
                    }
                    if project
                    else "",
                    {"t": glabel, "h": href(path, f"guides/{r['guide_id']}.md")},
                ],
                "filters": {
                    "guide": [glabel],
                    "project": [project_name] if project_name else [],
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
        ("project", "text"),
        ("guide", "text"),
    ]
    return {
        "id": "st-indicators",
        "path": path,
        "columns": [(s[k], sort, k) for k, sort in columns],
        "filters": [(k, s[k]) for k in ("guide", "project", "kind", "unit", "region", "domain")],
        "search": True,
        "rows": rows,
        "full": "data/json/indicators.json",
        "download": True,
        "csv": site_root(path) + "data/indicators.csv",  # "download filtered" cuts this file to the rows shown
    }


def _value_cell(ix: Index, r: dict, lang: str) -> dict:
    """The value as a reader writes it, sorting by its normalised value within its normalised unit
    (亩 and 平方米 both as m²); a value without a conversion sorts within its own unit."""
    v = next((x for x in (r["normalised_min"], r["normalised_max"]) if x is not None), None)
    unit = r["normalised_unit"]
    if v is None:
        v = r["value_min"] if r["value_min"] is not None else r["value_max"]
        unit = r["unit"] or ""
    return {"t": quantity(ix, r, lang), "v": v, "u": unit}
