"""The tables of what a call sets and offers: indicators (targets and assessment indicators), funding
amounts and quotas, co-funding ratios and the requirements applicants must meet."""

from __future__ import annotations

from ...model.catalog import Catalog
from ...sources.codelists import RATIO_COMPARATORS
from ..fields import Field, pair
from .cells import cite_cells, clause_offsets, each, gid, head_cells, quantity_cells, text_cells
from .common import F_CITE, F_GUIDE, F_ID, F_LOCAL, F_PROJECT, F_QUANTITY, F_SCOPE, F_SECTION, PRJ, SEC, G, Table


def indicator_rows(catalog: Catalog):
    for guide, position, rec in each(catalog, "indicators"):
        yield {
            **head_cells(guide, position, rec),
            "section_id": gid(guide, rec["section"]),
            "project_id": gid(guide, rec.get("project")),
            "scope_id": gid(guide, rec.get("scope")),
            "kind": rec["kind"],
            **text_cells(rec, "text"),
            **text_cells(rec, "measure"),
            **quantity_cells(catalog, rec),
            **clause_offsets(guide, rec),
        }


def funding_rows(catalog: Catalog):
    for guide, position, rec in each(catalog, "funding"):
        yield {
            **head_cells(guide, position, rec),
            "section_id": gid(guide, rec["section"]),
            "project_id": gid(guide, rec.get("project")),
            "kind": rec["kind"],
            **text_cells(rec, "applies_to"),
            **text_cells(rec, "text"),
            **quantity_cells(catalog, rec),
            **clause_offsets(guide, rec),
        }


def ratio_rows(catalog: Catalog):
    for guide, position, rec in each(catalog, "ratios"):
        yield {
            **head_cells(guide, position, rec),
            "section_id": gid(guide, rec["section"]),
            "project_id": gid(guide, rec.get("project")),
            **text_cells(rec, "applicant"),
            "public_share": rec["public_share"],
            "self_share": rec["self_share"],
            "comparator": rec["comparator"],
            **text_cells(rec, "text"),
            **clause_offsets(guide, rec),
        }


def requirement_rows(catalog: Catalog):
    for guide, position, rec in each(catalog, "requirements"):
        yield {
            **head_cells(guide, position, rec),
            "section_id": gid(guide, rec["section"]),
            "project_id": gid(guide, rec.get("project")),
            "kind": rec["kind"],
            **text_cells(rec, "text"),
            **cite_cells(guide, rec["cite"]),
        }


TABLES: tuple[Table, ...] = (
    Table(
        "indicators",
        "Indicators",
        "考核指标与目标",
        (
            F_ID,
            F_GUIDE,
            F_LOCAL,
            Field("position", "integer", "Order in the guide", "顺序", True, minimum=1),
            F_SECTION,
            F_PROJECT,
            F_SCOPE,
            Field(
                "kind",
                "string",
                'binding, expected, target (a plan\'s "strive for" or "reach") or unspecified',
                "binding约束性、expected预期性、target目标、unspecified未注明",
                True,
                codelist="indicator-kinds",
            ),
            *pair("text", "The exact source clause", "原文条款"),
            *pair("measure", "What is measured", "考核内容"),
            *F_QUANTITY,
            F_CITE[1],
            F_CITE[2],
        ),
        ("id",),
        indicator_rows,
        G + SEC + PRJ + ((("scope_id",), "scopes", ("id",)), (("unit",), "units", ("id",))),
        description_en="Quantitative targets and assessment indicators; the numbers are read from text_zh by a tested parser.",
        description_zh="量化目标与考核指标；数值由经过测试的解析器从原文读取。",
    ),
    Table(
        "funding",
        "Funding",
        "资助额度与数量",
        (
            F_ID,
            F_GUIDE,
            F_LOCAL,
            Field("position", "integer", "Order", "顺序", True, minimum=1),
            F_SECTION,
            F_PROJECT,
            Field(
                "kind",
                "string",
                "amount (money per project) or quota (number of projects)",
                "amount资助额度，quota项目数量",
                True,
                codelist="funding-kinds",
            ),
            *pair("applies_to", "What it applies to", "适用对象"),
            *pair("text", "The exact source clause", "原文条款"),
            *F_QUANTITY,
            F_CITE[1],
            F_CITE[2],
        ),
        ("id",),
        funding_rows,
        G + SEC + PRJ + ((("unit",), "units", ("id",)),),
        description_en="Funding amounts and project quotas.",
        description_zh="资助额度与项目数量。",
    ),
    Table(
        "ratios",
        "Co-funding ratios",
        "经费配套比例",
        (
            F_ID,
            F_GUIDE,
            F_LOCAL,
            Field("position", "integer", "Order", "顺序", True, minimum=1),
            F_SECTION,
            F_PROJECT,
            *pair("applicant", "Applicant type", "申报单位类型"),
            Field("public_share", "number", "Public funds part (1 in 1:2)", "财政经费份额", True, minimum=0),
            Field("self_share", "number", "Self-raised funds part (2 in 1:2)", "自筹经费份额", True, minimum=0),
            Field(
                "comparator",
                "string",
                "ge: self-funding at least this ratio",
                "ge表示自筹不低于该比例",
                True,
                codelist="comparators",
                subset=RATIO_COMPARATORS,
            ),
            *pair("text", "The exact source clause", "原文条款"),
            F_CITE[1],
            F_CITE[2],
        ),
        ("id",),
        ratio_rows,
        G + SEC + PRJ,
        description_en="Public to self-raised funding ratios by applicant type.",
        description_zh="按申报单位类型的财政与自筹经费比例。",
    ),
    Table(
        "requirements",
        "Requirements",
        "申报要求",
        (
            F_ID,
            F_GUIDE,
            F_LOCAL,
            Field("position", "integer", "Order", "顺序", True, minimum=1),
            F_SECTION,
            F_PROJECT,
            Field("kind", "string", "Kind of requirement", "要求类型", True, codelist="requirement-kinds"),
            *pair("text", "The requirement", "要求内容"),
            *F_CITE,
        ),
        ("id",),
        requirement_rows,
        G + SEC + PRJ,
        description_en="Eligibility and application rules.",
        description_zh="申报资格与申报要求。",
    ),
)
