"""The published tables: each declared once, with its fields, keys and how its rows come from the model.

The Table Schemas in datapackage.json, the JSON Schemas of the JSON outputs, the CSV, JSON and
XLSX files and the site's data dictionary are all generated from these declarations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model.catalog import Catalog, CodeList, Guide
from ..sources.clean import clean
from ..sources.codelists import RATIO_COMPARATORS
from .fields import Field
from .fields import pair as _bi
from .guide_facts import FIELDS as GUIDE_FACT_FIELDS
from .guide_facts import fact_cells

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
GLOBAL_ID = r"^[a-z0-9]+(-[a-z0-9]+)*--[a-z0-9]+(-[a-z0-9]+)*$"
REGION = r"^([0-9]{6}|[A-Z]{2}|x-[a-z0-9]+(-[a-z0-9]+)*)$"


@dataclass(frozen=True)
class Table:
    name: str
    title_en: str
    title_zh: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    rows: Callable[[Catalog], Iterable[dict]]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    per_guide: bool = True  # rows carry guide_id and go into each guide's JSON document
    description_en: str = ""
    description_zh: str = ""


def enum_of(f: Field, codelists: dict[str, CodeList]) -> tuple[str, ...] | None:
    """The values a field may take, from its code list; None for a field without one."""
    if f.codelist is None:
        return None
    return f.subset if f.subset is not None else codelists[f.codelist].codes


def gid(guide: Guide, local: str | None) -> str | None:
    """Global id of a record: the guide id and the record's own id, joined by a double hyphen."""
    return None if local is None else f"{guide.id}--{local}"


def span(guide: Guide, quote: str) -> tuple[int | None, int | None]:
    """Character offsets [start, end) of the first occurrence of quote in the raw document."""
    at = guide.raw_text.find(quote) if guide.raw_text else -1
    return (None, None) if at < 0 else (at, at + len(quote))


def _text(rec: dict | None, key: str) -> dict:
    value = (rec or {}).get(key) or {"zh": None, "en": None}
    return {f"{key}_zh": value["zh"], f"{key}_en": value["en"]}


# Shared field groups -----------------------------------------------------------------------------
F_ID = Field(
    "id",
    "string",
    "Global id: guide id, '--', record id",
    "全局标识：指南标识--记录标识",
    True,
    True,
    pattern=GLOBAL_ID,
)
F_GUIDE = Field("guide_id", "string", "Guide the record belongs to", "所属指南标识", True, pattern=SLUG)
F_LOCAL = Field("local_id", "string", "Record id within its guide", "指南内记录标识", True, pattern=SLUG)
F_SECTION = Field("section_id", "string", "Section the record is stated in", "所在章节", False, pattern=GLOBAL_ID)
F_PROJECT = Field("project_id", "string", "Project the record belongs to", "所属项目", False, pattern=GLOBAL_ID)
F_SCOPE = Field("scope_id", "string", "Scope the record belongs to", "所属范围/方向", False, pattern=GLOBAL_ID)
F_NUMBER = Field("number", "string", "Numbering as printed in the document", "原文编号")
F_CITE = (
    Field("cite", "string", "Verbatim quotation of the raw document", "原文引文（逐字）", True),
    Field(
        "cite_start",
        "integer",
        "Start offset of the quotation in the raw file (characters, from 0)",
        "引文在原始文件中的起始位置（字符，从0起）",
        True,
        minimum=0,
    ),
    Field(
        "cite_end",
        "integer",
        "End offset (exclusive) of the quotation in the raw file",
        "引文在原始文件中的结束位置（不含）",
        True,
        minimum=0,
    ),
)
F_QUANTITY = (
    Field(
        "comparator",
        "string",
        "eq, ge (at least), gt (more than), le (at most), lt, range or approx",
        "比较方式：eq等于、ge不少于、gt超过、le不超过、lt少于、range区间、approx约",
        True,
        codelist="comparators",
    ),
    Field("value_min", "number", "Lower bound in the source unit", "下限（原文单位）"),
    Field("value_max", "number", "Upper bound in the source unit", "上限（原文单位）"),
    Field("unit", "string", "Unit id (see units)", "单位标识（见单位表）", pattern=SLUG),
    Field("normalised_min", "number", "Lower bound converted to normalised_unit", "换算后的下限"),
    Field("normalised_max", "number", "Upper bound converted to normalised_unit", "换算后的上限"),
    Field(
        "normalised_unit",
        "string",
        "Normalised unit: m2, CNY, USD, kg, m or ratio",
        "换算单位：m2、CNY、USD、kg、m 或 ratio",
    ),
    Field("override_reason", "string", "Why a person overrode the parser's reading, if so", "人工覆盖解析结果的理由"),
)


def _cite_cells(guide: Guide, quote: str) -> dict:
    start, end = span(guide, quote)
    return {"cite": quote, "cite_start": start, "cite_end": end}


def _quantity_cells(catalog: Catalog, rec: dict) -> dict:
    unit = catalog.vocab.units.get(rec.get("unit")) if rec.get("unit") else None
    to = unit.get("to") if unit else None

    def norm(v):
        return None if v is None or to is None else round(v * to["factor"], 4)

    return {
        "comparator": rec["comparator"],
        "value_min": rec["value_min"],
        "value_max": rec["value_max"],
        "unit": rec["unit"],
        "normalised_min": norm(rec["value_min"]),
        "normalised_max": norm(rec["value_max"]),
        "normalised_unit": to["unit"] if to else None,
        "override_reason": (rec.get("override") or {}).get("reason"),
    }


def _each(catalog: Catalog, kind: str):
    for guide in catalog.guides:
        for position, rec in enumerate(guide.records(kind), start=1):
            yield guide, position, rec


def _base(guide: Guide, rec: dict) -> dict:
    return {"id": gid(guide, rec["id"]), "guide_id": guide.id, "local_id": rec["id"]}


# Row builders ------------------------------------------------------------------------------------
def guide_rows(catalog: Catalog):
    for guide in catalog.guides:
        d = guide.data
        manifest = catalog.manifest.get(d["raw"], {})
        yield {
            "id": d["id"],
            **_text(d, "title"),
            **_text(d, "short_title"),
            "doc_number": d.get("doc_number"),
            **_text(d, "issuer"),
            "issuer_level": d["issuer_level"],
            "issuer_region": d["issuer_region"],
            "year": d["year"],
            "date": d.get("date"),
            "type": d["type"],
            "programme": d.get("programme"),
            **_text(d, "summary"),
            "source_url": d.get("source_url"),
            "raw_file": d["raw"],
            "raw_sha256": manifest.get("sha256"),
            "translation_status": d["translation"]["status"],
            **fact_cells(catalog, guide),
        }


def section_rows(catalog: Catalog):
    for guide, position, rec in _each(catalog, "sections"):
        yield {
            **_base(guide, rec),
            "position": position,
            "parent_id": gid(guide, rec.get("parent")),
            "number": rec.get("number"),
            **_text(rec, "heading"),
            **_text(rec, "text"),
            **_cite_cells(guide, rec["cite"]),
        }


def scope_rows(catalog: Catalog):
    for guide, position, rec in _each(catalog, "scopes"):
        yield {
            **_base(guide, rec),
            "position": position,
            "kind": rec["kind"],
            "parent_id": gid(guide, rec.get("parent")),
            "section_id": gid(guide, rec["section"]),
            "number": rec.get("number"),
            **_text(rec, "title"),
            **_text(rec, "text"),
            "programme": rec.get("programme"),
            **_cite_cells(guide, rec["cite"]),
        }


def _links(catalog: Catalog, kind: str, key: str, column: str, extra: dict | None = None):
    for guide, _, rec in _each(catalog, kind):
        for code in rec.get(key) or []:
            yield {f"{kind[:-1]}_id": gid(guide, rec["id"]), "guide_id": guide.id, column: code, **(extra or {})}


def scope_region_rows(catalog: Catalog):
    yield from _links(catalog, "scopes", "regions", "region_code", {"role": "target"})
    yield from _links(catalog, "scopes", "partners", "region_code", {"role": "partner"})


def project_rows(catalog: Catalog):
    for guide, position, rec in _each(catalog, "projects"):
        yield {
            **_base(guide, rec),
            "position": position,
            "section_id": gid(guide, rec["section"]),
            "scope_id": gid(guide, rec.get("scope")),
            "number": rec.get("number"),
            **_text(rec, "title"),
            **_text(rec, "objectives"),
            **_cite_cells(guide, rec["cite"]),
        }


def project_task_rows(catalog: Catalog):
    for guide, _, rec in _each(catalog, "projects"):
        for position, task in enumerate(rec["tasks"], start=1):
            yield {
                "project_id": gid(guide, rec["id"]),
                "guide_id": guide.id,
                "position": position,
                "number": task["number"],
                **_text(task, "text"),
                **_cite_cells(guide, task["cite"]),
            }


def project_region_rows(catalog: Catalog):
    yield from _links(catalog, "projects", "regions", "region_code", {"role": "target"})
    yield from _links(catalog, "projects", "partners", "region_code", {"role": "partner"})


def indicator_rows(catalog: Catalog):
    for guide, position, rec in _each(catalog, "indicators"):
        start, end = span(guide, rec["text"]["zh"])
        yield {
            **_base(guide, rec),
            "position": position,
            "section_id": gid(guide, rec["section"]),
            "project_id": gid(guide, rec.get("project")),
            "scope_id": gid(guide, rec.get("scope")),
            "kind": rec["kind"],
            **_text(rec, "text"),
            **_text(rec, "measure"),
            **_quantity_cells(catalog, rec),
            "cite_start": start,
            "cite_end": end,
        }


def funding_rows(catalog: Catalog):
    for guide, position, rec in _each(catalog, "funding"):
        start, end = span(guide, rec["text"]["zh"])
        yield {
            **_base(guide, rec),
            "position": position,
            "section_id": gid(guide, rec["section"]),
            "project_id": gid(guide, rec.get("project")),
            "kind": rec["kind"],
            **_text(rec, "applies_to"),
            **_text(rec, "text"),
            **_quantity_cells(catalog, rec),
            "cite_start": start,
            "cite_end": end,
        }


def ratio_rows(catalog: Catalog):
    for guide, position, rec in _each(catalog, "ratios"):
        start, end = span(guide, rec["text"]["zh"])
        yield {
            **_base(guide, rec),
            "position": position,
            "section_id": gid(guide, rec["section"]),
            "project_id": gid(guide, rec.get("project")),
            **_text(rec, "applicant"),
            "public_share": rec["public_share"],
            "self_share": rec["self_share"],
            "comparator": rec["comparator"],
            **_text(rec, "text"),
            "cite_start": start,
            "cite_end": end,
        }


def requirement_rows(catalog: Catalog):
    for guide, position, rec in _each(catalog, "requirements"):
        yield {
            **_base(guide, rec),
            "position": position,
            "section_id": gid(guide, rec["section"]),
            "project_id": gid(guide, rec.get("project")),
            "kind": rec["kind"],
            **_text(rec, "text"),
            **_cite_cells(guide, rec["cite"]),
        }


def pairing_rows(catalog: Catalog):
    for guide, position, rec in _each(catalog, "pairings"):
        yield {
            **_base(guide, rec),
            "position": position,
            "section_id": gid(guide, rec["section"]),
            "programme": rec["programme"],
            "relation": rec["relation"],
            "donor": rec.get("donor"),
            "recipient": rec.get("recipient"),
            "members": " ".join(rec.get("members") or (rec["donor"], rec["recipient"])),
            **_text(rec, "name"),
            **_text(rec, "note"),
            **_cite_cells(guide, rec["cite"]),
        }


def expert_rows(catalog: Catalog):
    for guide, position, rec in _each(catalog, "experts"):
        yield {
            **_base(guide, rec),
            "position": position,
            "project_id": gid(guide, rec["project"]),
            **_text(rec, "name"),
            **_text(rec, "affiliation"),
            **_text(rec, "position"),
            **_cite_cells(guide, rec["cite"]),
        }


def contact_rows(catalog: Catalog):
    for guide, position, rec in _each(catalog, "contacts"):
        people = rec.get("people") or []
        yield {
            **_base(guide, rec),
            "position": position,
            "section_id": gid(guide, rec["section"]),
            **_text(rec, "office"),
            "people_zh": "；".join(p["zh"] for p in people) or None,
            "people_en": "; ".join(p["en"] for p in people) or None,
            "phones": "; ".join(rec.get("phones") or []) or None,
            **_cite_cells(guide, rec["cite"]),
        }


def region_rows(catalog: Catalog):
    for r in catalog.vocab.regions.values():
        yield {
            "code": r["code"],
            "scheme": r["scheme"],
            "level": r["level"],
            **_text(r, "name"),
            **_text(r, "short"),
            "parent": r.get("parent"),
            "lat": r.get("lat"),
            "lon": r.get("lon"),
            "east_west": r.get("east_west"),
            "members": " ".join(r.get("members") or []) or None,
            "membership": r.get("membership"),
            **_text(r, "stands_for"),
        }


def domain_rows(catalog: Catalog):
    for d in catalog.vocab.domains.values():
        yield {"id": d["id"], **_text(d, "name")}


def unit_rows(catalog: Catalog):
    for u in catalog.vocab.units.values():
        to = u.get("to") or {}
        yield {
            "id": u["id"],
            **_text(u, "name"),
            "symbols": " ".join(u["symbols"]),
            "dimension": u["dimension"],
            "normalised_unit": to.get("unit"),
            "factor": to.get("factor"),
            **_text(u, "note"),
        }


def programme_rows(catalog: Catalog):
    for p in catalog.vocab.programmes.values():
        yield {"id": p["id"], "kind": p["kind"], **_text(p, "name")}


def glossary_rows(catalog: Catalog):
    for t in catalog.vocab.glossary:
        yield {
            "id": t["id"],
            "zh": t["zh"],
            "en": t["en"],
            "variants": "; ".join(t.get("variants") or []) or None,
            "note": t.get("note"),
        }


def removal_rows(catalog: Catalog):
    for guide in catalog.guides:
        if guide.raw_text is None:
            continue
        for position, r in enumerate(clean(guide.raw_text).removals, start=1):
            yield {
                "raw_file": guide.data["raw"],
                "guide_id": guide.id,
                "position": position,
                "rule": r.rule,
                "start": r.start,
                "end": r.end,
                "text": r.text,
            }


G = ((("guide_id",), "guides", ("id",)),)
SEC = ((("section_id",), "sections", ("id",)),)
PRJ = ((("project_id",), "projects", ("id",)),)


TABLES: tuple[Table, ...] = (
    Table(
        "guides",
        "Guides",
        "指南",
        (
            Field("id", "string", "Guide id", "指南标识", True, True, pattern=SLUG),
            *_bi("title", "Title", "标题"),
            *_bi("short_title", "Short title", "简称", False),
            Field("doc_number", "string", "Document number (wenhao) given by the issuer", "文号"),
            *_bi("issuer", "Issuing body", "发文机关"),
            Field("issuer_level", "string", "Level of the issuer", "发文机关层级", True, codelist="issuer-levels"),
            Field("issuer_region", "string", "Region code of the issuer", "发文机关所在地区代码", True, pattern=REGION),
            Field("year", "integer", "Year", "年份", True, minimum=1949),
            Field("date", "date", "Date of issue", "发布日期"),
            Field("type", "string", "Document type", "文件类型", True, codelist="document-types"),
            Field("programme", "string", "Main programme", "所属计划/工作", pattern=SLUG),
            *_bi("summary", "Summary written by the curators", "编者摘要"),
            Field("source_url", "string", "Where the document was published", "发布地址"),
            Field("raw_file", "string", "Raw file in the package's sources", "原始文件", True),
            Field(
                "raw_sha256", "string", "SHA-256 of the raw file", "原始文件SHA-256", True, pattern=r"^[0-9a-f]{64}$"
            ),
            Field(
                "translation_status",
                "string",
                "Whether the English is complete",
                "英文翻译状态",
                True,
                codelist="translation-statuses",
            ),
            *GUIDE_FACT_FIELDS,
        ),
        ("id",),
        guide_rows,
        ((("issuer_region",), "regions", ("code",)), (("programme",), "programmes", ("id",))),
        per_guide=False,
        description_en="One row per policy document.",
        description_zh="每份政策文件一行。",
    ),
    Table(
        "sections",
        "Sections",
        "章节",
        (
            F_ID,
            F_GUIDE,
            F_LOCAL,
            Field("position", "integer", "Order in the document", "在文件中的顺序", True, minimum=1),
            Field("parent_id", "string", "Enclosing section", "上级章节", pattern=GLOBAL_ID),
            F_NUMBER,
            *_bi("heading", "Heading", "标题", False),
            *_bi("text", "Body text", "正文", False),
            *F_CITE,
        ),
        ("id",),
        section_rows,
        G + ((("parent_id",), "sections", ("id",)),),
        description_en="The document's structure and full text, in reading order.",
        description_zh="文件结构与全文，按阅读顺序。",
    ),
    Table(
        "scopes",
        "Scopes",
        "领域范围与方向",
        (
            F_ID,
            F_GUIDE,
            F_LOCAL,
            Field("position", "integer", "Order in the guide", "顺序", True, minimum=1),
            Field("kind", "string", "Kind of scope", "类型", True, codelist="scope-kinds"),
            Field("parent_id", "string", "Enclosing scope", "上级范围", pattern=GLOBAL_ID),
            F_SECTION,
            F_NUMBER,
            *_bi("title", "Title", "名称"),
            *_bi("text", "What the scope covers", "内容", False),
            Field("programme", "string", "Programme", "所属计划", pattern=SLUG),
            *F_CITE,
        ),
        ("id",),
        scope_rows,
        G + SEC + ((("parent_id",), "scopes", ("id",)), (("programme",), "programmes", ("id",))),
        description_en="Domain scopes, priority areas, support directions, task groups, tasks and work items.",
        description_zh="领域范围、重点方向、支持方向、任务与工作要点。",
    ),
    Table(
        "scope_regions",
        "Scope regions",
        "范围—地区",
        (
            Field("scope_id", "string", "Scope", "范围", True, pattern=GLOBAL_ID),
            F_GUIDE,
            Field("region_code", "string", "Region", "地区代码", True, pattern=REGION),
            Field(
                "role",
                "string",
                "target (recipient) or partner (donor)",
                "target受援/目标地区，partner支援/合作地区",
                True,
                codelist="region-roles",
            ),
        ),
        ("scope_id", "region_code", "role"),
        scope_region_rows,
        ((("scope_id",), "scopes", ("id",)), (("region_code",), "regions", ("code",))),
        description_en="Which regions each scope targets or partners with.",
        description_zh="各范围的目标地区与合作地区。",
    ),
    Table(
        "scope_domains",
        "Scope domains",
        "范围—领域",
        (
            Field("scope_id", "string", "Scope", "范围", True, pattern=GLOBAL_ID),
            F_GUIDE,
            Field("domain_id", "string", "Domain", "领域", True, pattern=SLUG),
        ),
        ("scope_id", "domain_id"),
        lambda c: _links(c, "scopes", "domains", "domain_id"),
        ((("scope_id",), "scopes", ("id",)), (("domain_id",), "domains", ("id",))),
        description_en="Which domains each scope covers.",
        description_zh="各范围涉及的领域。",
    ),
    Table(
        "projects",
        "Projects",
        "项目",
        (
            F_ID,
            F_GUIDE,
            F_LOCAL,
            Field("position", "integer", "Order in the guide", "顺序", True, minimum=1),
            F_SECTION,
            F_SCOPE,
            F_NUMBER,
            *_bi("title", "Title", "名称"),
            *_bi("objectives", "Objectives", "项目目标"),
            *F_CITE,
        ),
        ("id",),
        project_rows,
        G + SEC + ((("scope_id",), "scopes", ("id",)),),
        description_en="Named key projects in a call.",
        description_zh="申报指南中的重点项目。",
    ),
    Table(
        "project_tasks",
        "Project tasks",
        "项目任务",
        (
            Field("project_id", "string", "Project", "项目", True, pattern=GLOBAL_ID),
            F_GUIDE,
            Field("position", "integer", "Order", "顺序", True, minimum=1),
            F_NUMBER,
            *_bi("text", "Task", "任务内容"),
            *F_CITE,
        ),
        ("project_id", "position"),
        project_task_rows,
        PRJ,
        description_en="The tasks of each project.",
        description_zh="各项目的任务。",
    ),
    Table(
        "project_regions",
        "Project regions",
        "项目—地区",
        (
            Field("project_id", "string", "Project", "项目", True, pattern=GLOBAL_ID),
            F_GUIDE,
            Field("region_code", "string", "Region or country", "地区或国家代码", True, pattern=REGION),
            Field(
                "role", "string", "target or partner", "target实施地区，partner合作方", True, codelist="region-roles"
            ),
        ),
        ("project_id", "region_code", "role"),
        project_region_rows,
        PRJ + ((("region_code",), "regions", ("code",)),),
        description_en="Where each project takes place and with whom.",
        description_zh="项目实施地区与合作方。",
    ),
    Table(
        "project_domains",
        "Project domains",
        "项目—领域",
        (
            Field("project_id", "string", "Project", "项目", True, pattern=GLOBAL_ID),
            F_GUIDE,
            Field("domain_id", "string", "Domain", "领域", True, pattern=SLUG),
        ),
        ("project_id", "domain_id"),
        lambda c: _links(c, "projects", "domains", "domain_id"),
        PRJ + ((("domain_id",), "domains", ("id",)),),
        description_en="Domains of each project.",
        description_zh="项目涉及的领域。",
    ),
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
            *_bi("text", "The exact source clause", "原文条款"),
            *_bi("measure", "What is measured", "考核内容"),
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
            *_bi("applies_to", "What it applies to", "适用对象"),
            *_bi("text", "The exact source clause", "原文条款"),
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
            *_bi("applicant", "Applicant type", "申报单位类型"),
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
            *_bi("text", "The exact source clause", "原文条款"),
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
            *_bi("text", "The requirement", "要求内容"),
            *F_CITE,
        ),
        ("id",),
        requirement_rows,
        G + SEC + PRJ,
        description_en="Eligibility and application rules.",
        description_zh="申报资格与申报要求。",
    ),
    Table(
        "pairings",
        "Pairings",
        "结对关系",
        (
            F_ID,
            F_GUIDE,
            F_LOCAL,
            Field("position", "integer", "Order", "顺序", True, minimum=1),
            F_SECTION,
            Field("programme", "string", "Programme", "所属计划", True, pattern=SLUG),
            Field(
                "relation",
                "string",
                "aid (donor to recipient), cooperation (two partners) or alliance (a named body)",
                "aid支援（支援方→受援方），cooperation合作（双方），alliance联盟（有名称的多方机构）",
                True,
                codelist="pairing-relations",
            ),
            Field("donor", "string", "aid only: the supporting region", "仅aid：支援方地区代码", pattern=REGION),
            Field("recipient", "string", "aid only: the region supported", "仅aid：受援方地区代码", pattern=REGION),
            Field(
                "members",
                "string",
                "Every party, space-separated, in the document's order (aid: donor then recipient); "
                "an x-… code is a group, see the regions table",
                "各方地区代码（空格分隔，按原文顺序；aid为支援方、受援方）；x-开头为地区组，见地区表",
                True,
            ),
            *_bi("name", "alliance only: the body's name", "仅alliance：联盟名称", False),
            *_bi("note", "What the pairing is about", "说明", False),
            *F_CITE,
        ),
        ("id",),
        pairing_rows,
        G
        + SEC
        + (
            (("programme",), "programmes", ("id",)),
            (("donor",), "regions", ("code",)),
            (("recipient",), "regions", ("code",)),
        ),
        description_en="Relations between regions as the documents state them: aid, cooperation or alliance.",
        description_zh="文件所述的地区间关系：支援、合作或联盟。",
    ),
    Table(
        "experts",
        "Drafting panel members",
        "指南编写组专家",
        (
            F_ID,
            F_GUIDE,
            F_LOCAL,
            Field("position", "integer", "Order", "顺序", True, minimum=1),
            Field("project_id", "string", "Project", "项目", True, pattern=GLOBAL_ID),
            *_bi("name", "Name", "姓名"),
            *_bi("affiliation", "Affiliation", "单位"),
            *_bi("position", "Title or post", "职称/职务", False),
            *F_CITE,
        ),
        ("id",),
        expert_rows,
        G + PRJ,
        description_en="Members of each project's drafting panel.",
        description_zh="各项目申报指南编写组成员。",
    ),
    Table(
        "contacts",
        "Contacts",
        "联系方式",
        (
            F_ID,
            F_GUIDE,
            F_LOCAL,
            Field("position", "integer", "Order", "顺序", True, minimum=1),
            F_SECTION,
            *_bi("office", "Office", "管理部门"),
            *_bi("people", "Contact people", "联系人", False),
            Field("phones", "string", "Telephone numbers, separated by '; '", "联系电话（以“; ”分隔）"),
            *F_CITE,
        ),
        ("id",),
        contact_rows,
        G + SEC,
        description_en="Contact points for applicants.",
        description_zh="申报联系方式。",
    ),
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
            *_bi("name", "Name", "名称"),
            *_bi("short", "Short name", "简称", False),
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
            *_bi(
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
            *_bi("name", "Name", "名称"),
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
            *_bi("name", "Name", "名称"),
            Field("symbols", "string", "Spellings in the documents, space-separated", "原文写法（空格分隔）", True),
            Field("dimension", "string", "What the unit measures", "量纲", True),
            Field("normalised_unit", "string", "Unit values convert to", "换算单位"),
            Field("factor", "number", "Multiply by this to convert", "换算系数"),
            *_bi("note", "Note", "备注", False),
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
            *_bi("name", "Name", "名称"),
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
    Table(
        "removals",
        "Cleaning record",
        "清洗记录",
        (
            Field("raw_file", "string", "Raw file", "原始文件", True),
            F_GUIDE,
            Field("position", "integer", "Order", "顺序", True, minimum=1),
            Field("rule", "string", "Cleaning rule that removed the text", "清洗规则", True),
            Field("start", "integer", "Start offset in the raw file", "起始位置", True, minimum=0),
            Field("end", "integer", "End offset (exclusive)", "结束位置", True, minimum=0),
            Field("text", "string", "The removed text", "被移除的文本", True),
        ),
        ("raw_file", "position"),
        removal_rows,
        G,
        description_en="What the cleaning step removed from each raw document (OCR fragments, boilerplate, docx artefacts).",
        description_zh="清洗步骤从原始文件中移除的内容（OCR碎片、网站模板、docx残留）。",
    ),
)


def table_rows(catalog: Catalog) -> dict[str, list[dict]]:
    """Every table's rows, each row with exactly the table's fields, in field order.

    Computed once per loaded catalog (the package, the pages and the checks all read them); callers
    must not modify the rows."""
    if "rows" not in catalog.memo:
        out = {}
        for table in TABLES:
            names = [f.name for f in table.fields]
            out[table.name] = [{n: row.get(n) for n in names} for row in table.rows(catalog)]
        catalog.memo["rows"] = out
    return catalog.memo["rows"]


def rows_by_guide(rows: dict[str, list[dict]]) -> dict[str, dict[str, list[dict]]]:
    """{guide id: {table name: its rows}} for the per-guide tables, in row order, in one pass."""
    out: dict[str, dict[str, list[dict]]] = {
        g["id"]: {t.name: [] for t in TABLES if t.per_guide} for g in rows["guides"]
    }
    for table in TABLES:
        if table.per_guide:
            for row in rows[table.name]:
                out.setdefault(row["guide_id"], {t.name: [] for t in TABLES if t.per_guide})[table.name].append(row)
    return out
