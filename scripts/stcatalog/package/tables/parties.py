"""The tables of who takes part: pairings between regions (aid, cooperation, alliances), the experts
of each project's drafting panel and the contact points for applicants."""

from __future__ import annotations

from ...model.catalog import Catalog
from ..fields import Field, pair
from .cells import cite_cells, each, gid, head_cells, text_cells
from .common import F_CITE, F_GUIDE, F_ID, F_LOCAL, F_SECTION, GLOBAL_ID, PRJ, REGION, SEC, SLUG, G, Table


def pairing_rows(catalog: Catalog):
    for guide, position, rec in each(catalog, "pairings"):
        yield {
            **head_cells(guide, position, rec),
            "section_id": gid(guide, rec["section"]),
            "programme": rec["programme"],
            "relation": rec["relation"],
            "donor": rec.get("donor"),
            "recipient": rec.get("recipient"),
            "members": " ".join(rec.get("members") or (rec["donor"], rec["recipient"])),
            **text_cells(rec, "name"),
            **text_cells(rec, "note"),
            **cite_cells(guide, rec["cite"]),
        }


def expert_rows(catalog: Catalog):
    for guide, position, rec in each(catalog, "experts"):
        yield {
            **head_cells(guide, position, rec),
            "project_id": gid(guide, rec["project"]),
            **text_cells(rec, "name"),
            **text_cells(rec, "affiliation"),
            **text_cells(rec, "position"),
            **cite_cells(guide, rec["cite"]),
        }


def contact_rows(catalog: Catalog):
    for guide, position, rec in each(catalog, "contacts"):
        people = rec.get("people") or []
        yield {
            **head_cells(guide, position, rec),
            "section_id": gid(guide, rec["section"]),
            **text_cells(rec, "office"),
            "people_zh": "；".join(p["zh"] for p in people) or None,
            "people_en": "; ".join(p["en"] for p in people) or None,
            "phones": "; ".join(rec.get("phones") or []) or None,
            **cite_cells(guide, rec["cite"]),
        }


TABLES: tuple[Table, ...] = (
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
            *pair("name", "alliance only: the body's name", "仅alliance：联盟名称", False),
            *pair("note", "What the pairing is about", "说明", False),
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
            *pair("name", "Name", "姓名"),
            *pair("affiliation", "Affiliation", "单位"),
            *pair("position", "Title or post", "职称/职务", False),
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
            *pair("office", "Office", "管理部门"),
            *pair("people", "Contact people", "联系人", False),
            Field("phones", "string", "Telephone numbers, separated by '; '", "联系电话（以“; ”分隔）"),
            *F_CITE,
        ),
        ("id",),
        contact_rows,
        G + SEC,
        description_en="Contact points for applicants.",
        description_zh="申报联系方式。",
    ),
)
