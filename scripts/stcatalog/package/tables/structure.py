"""The tables of a document's structure: guides, their sections, scopes and projects, and the links of
scopes and projects to regions and domains; also the cleaning record of each raw document."""

from __future__ import annotations

from ...model.catalog import Catalog
from ...sources.clean import clean
from ..fields import Field, pair
from ..guide_facts import FIELDS as GUIDE_FACT_FIELDS
from ..guide_facts import fact_cells
from .cells import cite_cells, each, gid, head_cells, link_rows, text_cells
from .common import (
    F_CITE,
    F_GUIDE,
    F_ID,
    F_LOCAL,
    F_NUMBER,
    F_SCOPE,
    F_SECTION,
    GLOBAL_ID,
    PRJ,
    REGION,
    SEC,
    SLUG,
    G,
    Table,
)


def region_links(catalog: Catalog, kind: str):
    """The regions a scope or project names: those it targets, then its partners."""
    yield from link_rows(catalog, kind, "regions", "region_code", {"role": "target"})
    yield from link_rows(catalog, kind, "partners", "region_code", {"role": "partner"})


def guide_rows(catalog: Catalog):
    for guide in catalog.guides:
        d = guide.data
        manifest = catalog.manifest.get(d["raw"], {})
        yield {
            "id": d["id"],
            **text_cells(d, "title"),
            **text_cells(d, "short_title"),
            "doc_number": d.get("doc_number"),
            **text_cells(d, "issuer"),
            "issuer_level": d["issuer_level"],
            "issuer_region": d["issuer_region"],
            "year": d["year"],
            "date": d.get("date"),
            "type": d["type"],
            "programme": d.get("programme"),
            **text_cells(d, "summary"),
            "source_url": d.get("source_url"),
            "raw_file": d["raw"],
            "raw_sha256": manifest.get("sha256"),
            "translation_status": d["translation"]["status"],
            **fact_cells(catalog, guide),
        }


def section_rows(catalog: Catalog):
    for guide, position, rec in each(catalog, "sections"):
        yield {
            **head_cells(guide, position, rec),
            "parent_id": gid(guide, rec.get("parent")),
            "number": rec.get("number"),
            **text_cells(rec, "heading"),
            **text_cells(rec, "text"),
            **cite_cells(guide, rec["cite"]),
        }


def scope_rows(catalog: Catalog):
    for guide, position, rec in each(catalog, "scopes"):
        yield {
            **head_cells(guide, position, rec),
            "kind": rec["kind"],
            "parent_id": gid(guide, rec.get("parent")),
            "section_id": gid(guide, rec["section"]),
            "number": rec.get("number"),
            **text_cells(rec, "title"),
            **text_cells(rec, "text"),
            "programme": rec.get("programme"),
            **cite_cells(guide, rec["cite"]),
        }


def project_rows(catalog: Catalog):
    for guide, position, rec in each(catalog, "projects"):
        yield {
            **head_cells(guide, position, rec),
            "section_id": gid(guide, rec["section"]),
            "scope_id": gid(guide, rec.get("scope")),
            "number": rec.get("number"),
            **text_cells(rec, "title"),
            **text_cells(rec, "objectives"),
            **cite_cells(guide, rec["cite"]),
        }


def project_task_rows(catalog: Catalog):
    for guide, _, rec in each(catalog, "projects"):
        for position, task in enumerate(rec["tasks"], start=1):
            yield {
                "project_id": gid(guide, rec["id"]),
                "guide_id": guide.id,
                "position": position,
                "number": task["number"],
                **text_cells(task, "text"),
                **cite_cells(guide, task["cite"]),
            }


TABLES: tuple[Table, ...] = (
    Table(
        "guides",
        "Guides",
        "指南",
        (
            Field("id", "string", "Guide id", "指南标识", True, True, pattern=SLUG),
            *pair("title", "Title", "标题"),
            *pair("short_title", "Short title", "简称", False),
            Field("doc_number", "string", "Document number (wenhao) given by the issuer", "文号"),
            *pair("issuer", "Issuing body", "发文机关"),
            Field("issuer_level", "string", "Level of the issuer", "发文机关层级", True, codelist="issuer-levels"),
            Field("issuer_region", "string", "Region code of the issuer", "发文机关所在地区代码", True, pattern=REGION),
            Field("year", "integer", "Year", "年份", True, minimum=1949),
            Field("date", "date", "Date of issue", "发布日期"),
            Field("type", "string", "Document type", "文件类型", True, codelist="document-types"),
            Field("programme", "string", "Main programme", "所属计划/工作", pattern=SLUG),
            *pair("summary", "Summary written by the curators", "编者摘要"),
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
            *pair("heading", "Heading", "标题", False),
            *pair("text", "Body text", "正文", False),
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
            *pair("title", "Title", "名称"),
            *pair("text", "What the scope covers", "内容", False),
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
        lambda c: region_links(c, "scopes"),
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
        lambda c: link_rows(c, "scopes", "domains", "domain_id"),
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
            *pair("title", "Title", "名称"),
            *pair("objectives", "Objectives", "项目目标"),
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
            *pair("text", "Task", "任务内容"),
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
        lambda c: region_links(c, "projects"),
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
        lambda c: link_rows(c, "projects", "domains", "domain_id"),
        PRJ + ((("domain_id",), "domains", ("id",)),),
        description_en="Domains of each project.",
        description_zh="项目涉及的领域。",
    ),
)


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


REMOVALS = Table(
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
)
