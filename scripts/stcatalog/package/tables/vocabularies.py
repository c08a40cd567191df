"""The tables of the controlled vocabularies every guide refers to: regions, domains, units,
programmes and the glossary (not per guide: each is published whole, once)."""

from __future__ import annotations

from ...model.catalog import Catalog
from ..fields import Field, pair
from .cells import text_cells
from .common import REGION, SLUG, Table


def region_rows(catalog: Catalog):
    for r in catalog.vocab.regions.values():
        yield {
            "code": r["code"],
            "scheme": r["scheme"],
            "level": r["level"],
            **text_cells(r, "name"),
            **text_cells(r, "short"),
            "parent": r.get("parent"),
            "lat": r.get("lat"),
            "lon": r.get("lon"),
            "east_west": r.get("east_west"),
            "members": " ".join(r.get("members") or []) or None,
            "membership": r.get("membership"),
            **text_cells(r, "stands_for"),
        }


def domain_rows(catalog: Catalog):
    for d in catalog.vocab.domains.values():
        yield {"id": d["id"], **text_cells(d, "name")}


def unit_rows(catalog: Catalog):
    for u in catalog.vocab.units.values():
        to = u.get("to") or {}
        yield {
            "id": u["id"],
            **text_cells(u, "name"),
            "symbols": " ".join(u["symbols"]),
            "dimension": u["dimension"],
            "normalised_unit": to.get("unit"),
            "factor": to.get("factor"),
            **text_cells(u, "note"),
        }


def programme_rows(catalog: Catalog):
    for p in catalog.vocab.programmes.values():
        yield {"id": p["id"], "kind": p["kind"], **text_cells(p, "name")}


def glossary_rows(catalog: Catalog):
    for t in catalog.vocab.glossary:
        yield {
            "id": t["id"],
            "zh": t["zh"],
            "en": t["en"],
            "variants": "; ".join(t.get("variants") or []) or None,
            "note": t.get("note"),
        }


TABLES: tuple[Table, ...] = (
    Table(
        "regions",
        "Regions",
        "地区",
        (
            Field(
                "code",
                "string",
                "GB/T 2260 code, ISO 3166-1 alpha-2 code, or x-… for groups",
                "GB/T 2260代码、ISO 3166-1代码或x-开头的组代码",
                True,
                True,
                pattern=REGION,
            ),
            Field("scheme", "string", "Code list", "代码体系", True, codelist="region-schemes"),
            Field("level", "string", "Level", "层级", True, codelist="region-levels"),
            *pair("name", "Name", "名称"),
            *pair("short", "Short name", "简称", False),
            Field("parent", "string", "Enclosing region", "上级地区", pattern=REGION),
            Field("lat", "number", "Latitude (WGS 84)", "纬度"),
            Field("lon", "number", "Longitude (WGS 84)", "经度"),
            Field("east_west", "string", "China's economic region", "经济区域", codelist="economic-regions"),
            Field("members", "string", "Member codes of a group, space-separated", "组成员代码（空格分隔）"),
            Field(
                "membership",
                "string",
                "A group only: whether its members are fixed and all listed",
                "仅地区组：成员是否确定、是否列全",
                codelist="group-memberships",
            ),
            *pair(
                "stands_for",
                "A group only: which regions it means, and what fixes that",
                "仅地区组：所指范围及其依据",
                False,
            ),
        ),
        ("code",),
        region_rows,
        per_guide=False,
        description_en="Regions and countries.",
        description_zh="地区与国家。",
    ),
    Table(
        "domains",
        "Domains",
        "领域",
        (
            Field("id", "string", "Domain id", "领域标识", True, True, pattern=SLUG),
            *pair("name", "Name", "名称"),
        ),
        ("id",),
        domain_rows,
        per_guide=False,
        description_en="Controlled list of domains.",
        description_zh="领域受控词表。",
    ),
    Table(
        "units",
        "Units",
        "单位",
        (
            Field("id", "string", "Unit id", "单位标识", True, True, pattern=SLUG),
            *pair("name", "Name", "名称"),
            Field("symbols", "string", "Spellings in the documents, space-separated", "原文写法（空格分隔）", True),
            Field("dimension", "string", "What the unit measures", "量纲", True),
            Field("normalised_unit", "string", "Unit values convert to", "换算单位"),
            Field("factor", "number", "Multiply by this to convert", "换算系数"),
            *pair("note", "Note", "备注", False),
        ),
        ("id",),
        unit_rows,
        per_guide=False,
        description_en="Units with conversions (1 mu ≈ 666.67 m²).",
        description_zh="单位及换算（1亩≈666.67平方米）。",
    ),
    Table(
        "programmes",
        "Programmes",
        "计划与合作机制",
        (
            Field("id", "string", "Programme id", "标识", True, True, pattern=SLUG),
            Field("kind", "string", "Kind of programme", "类型", True),
            *pair("name", "Name", "名称"),
        ),
        ("id",),
        programme_rows,
        per_guide=False,
        description_en="Cooperation programmes.",
        description_zh="合作计划与机制。",
    ),
    Table(
        "glossary",
        "Glossary",
        "术语表",
        (
            Field("id", "string", "Term id", "术语标识", True, True, pattern=SLUG),
            Field("zh", "string", "Chinese term", "中文术语", True),
            Field("en", "string", "Fixed English rendering", "固定英文译法", True),
            Field("variants", "string", "Accepted variant forms, separated by '; '", "可接受的变体", False),
            Field("note", "string", "Note", "备注"),
        ),
        ("id",),
        glossary_rows,
        per_guide=False,
        description_en="Fixed English renderings of recurring terms.",
        description_zh="常用术语的固定英文译法。",
    ),
)
