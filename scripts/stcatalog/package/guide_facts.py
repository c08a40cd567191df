"""The key facts of a guide as columns of the guides table (added in package version 0.3.0).

One cell per fact, in both languages, so that a spreadsheet reader sees at a glance what the guide
page's key-facts card shows: funding per category, co-funding in plain words, who may apply, where,
by when and whom to ask. Lists are joined with "; " (code lists with ";").
"""

from __future__ import annotations

from ..model.catalog import Catalog, Guide
from ..model.keyfacts import KeyFacts, Place, key_facts
from .fields import Field, pair

CODES = r"^([0-9]{6}|[A-Z]{2}|x-[a-z0-9]+(-[a-z0-9]+)*)(;([0-9]{6}|[A-Z]{2}|x-[a-z0-9]+(-[a-z0-9]+)*))*$"
SEP = {"zh": "；", "en": "; "}

FIELDS: tuple[Field, ...] = (
    Field("project_count", "integer", "Number of projects the guide names", "指南列出的项目数", True, minimum=0),
    *pair("funding", "Projects by category: how many and how much per project", "各类项目的数量与每项资助额度", False),
    # number, without a minimum: frictionless reads the Parquet copy through pandas, where an empty cell is NaN
    Field("funding_min_cny", "number", "Smallest amount per project, in yuan", "每项最低资助额度（元）"),
    Field("funding_max_cny", "number", "Largest amount per project, in yuan", "每项最高资助额度（元）"),
    *pair(
        "co_funding",
        "Co-funding ratios in plain words, with whom each binds",
        "配套比例（通俗表述）及其适用对象",
        False,
    ),
    *pair("eligibility", "Who may apply (eligibility requirements, shortened)", "申报资格（摘要）", False),
    Field(
        "target_regions",
        "string",
        "Target regions and countries (codes, ';'-separated)",
        "目标地区与国家代码（以;分隔）",
        pattern=CODES,
    ),
    *pair("targets", "Target regions and countries", "目标地区与国家", False),
    Field(
        "partner_regions",
        "string",
        "Partner regions and countries (codes, ';'-separated)",
        "合作地区与国家代码（以;分隔）",
        pattern=CODES,
    ),
    *pair("partners", "Partner regions and countries", "合作地区与国家", False),
    Field(
        "deadline", "date", "Application deadline; empty: not stated in the document", "申报截止日期；空：文件未载明"
    ),
    *pair("contacts", "Contacts: office, people, phones", "联系方式：部门、联系人、电话", False),
)


def _joined(items: list[str], lang: str) -> str | None:
    return SEP[lang].join(items) if items else None


def _funding(facts: KeyFacts, lang: str) -> str | None:
    each = {"zh": "每项", "en": " each"}[lang]
    parts = []
    for c in facts.categories:
        bits = [x[lang] for x in (c.quota,) if x]
        if c.amount:
            bits.append(f"{each}{c.amount['zh']}" if lang == "zh" else f"{c.amount['en']}{each}")
        sep = "，" if lang == "zh" else ", "
        parts.append(f"{c.applies_to[lang]}{'：' if lang == 'zh' else ': '}{sep.join(bits)}")
    return _joined(parts, lang)


def _co_funding(facts: KeyFacts, lang: str) -> str | None:
    parts = []
    for r in facts.ratios:
        who = (
            r.applicant[lang] + (f"（{r.project['zh']}）" if lang == "zh" else f" ({r.project['en']})")
            if r.project
            else r.applicant[lang]
        )
        parts.append(f"{who}：{r.words['zh']}（{r.ratio}）" if lang == "zh" else f"{who}: {r.words['en']} ({r.ratio})")
    return _joined(parts, lang)


def _contacts(facts: KeyFacts, lang: str) -> str | None:
    labels = {
        "zh": ("部门", "联系人", "电话", "：", "、", "，"),
        "en": ("Office", "Contact", "Phone", ": ", ", ", "; "),
    }[lang]
    office, person, phone, colon, comma, sep = labels
    parts = []
    for c in facts.contacts:
        bits = [f"{office}{colon}{c.office[lang]}"]
        if c.people:
            bits.append(f"{person}{colon}{comma.join(p[lang] for p in c.people)}")
        if c.phones:
            bits.append(f"{phone}{colon}{comma.join(c.phones)}")
        parts.append(sep.join(bits))
    return " | ".join(parts) or None


def _codes(places: list[Place]) -> str | None:
    return ";".join(p.code for p in places) or None


def fact_cells(catalog: Catalog, guide: Guide) -> dict:
    """The key-fact cells of one guide's row."""
    facts = key_facts(catalog, guide)
    amounts = [x for c in facts.categories for x in (c.amount_min_cny, c.amount_max_cny) if x is not None]
    cells: dict = {
        "project_count": facts.named_projects,
        "funding_min_cny": round(min(amounts)) if amounts else None,
        "funding_max_cny": round(max(amounts)) if amounts else None,
        "target_regions": _codes(facts.targets),
        "partner_regions": _codes(facts.partners),
        "deadline": None,
    }
    for lang in ("zh", "en"):
        cells[f"funding_{lang}"] = _funding(facts, lang)
        cells[f"co_funding_{lang}"] = _co_funding(facts, lang)
        cells[f"eligibility_{lang}"] = _joined([e.text[lang] for e in facts.eligibility], lang)
        cells[f"targets_{lang}"] = _joined([p.name[lang] for p in facts.targets], lang)
        cells[f"partners_{lang}"] = _joined([p.name[lang] for p in facts.partners], lang)
        cells[f"contacts_{lang}"] = _contacts(facts, lang)
    return cells
