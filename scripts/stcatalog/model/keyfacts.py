"""The key facts of a guide, read from its records: what an applicant scans for before reading.

Programme, issuer, level and year; how many projects of each category and for how much; the
co-funding ratios in plain words and whom each binds; who may apply; where; by when; whom to ask.
Every fact is given in both languages ({"zh": …, "en": …}); the guide page's card, the guides index
and the guides table all show these same values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .catalog import Catalog, Guide
from .english import plain_number, quantity_text, structural_number

Bi = dict[str, str]  # {"zh": …, "en": …}

NOT_STATED: Bi = {"zh": "文件未载明", "en": "not stated in the document"}
SHORT_LIMIT = {"zh": 60, "en": 140}  # characters kept of an eligibility requirement


@dataclass(frozen=True)
class Category:
    """One category of projects (重点项目, 一般项目, or one named project): how many and how much."""

    applies_to: Bi
    quota: Bi | None  # "≤ 7项" / "up to 7 projects"
    amount: Bi | None  # "100–200万元" / "CNY 1–2 million"
    amount_min_cny: float | None  # per project, in yuan
    amount_max_cny: float | None
    max_projects: float | None


@dataclass(frozen=True)
class RatioFact:
    applicant: Bi
    project_id: str | None
    project: Bi | None  # the project's title with its number, when the ratio binds one project
    ratio: str  # public:self as printed, e.g. "1:2"
    words: Bi  # "self-raised funds at least twice the public funds"


@dataclass(frozen=True)
class Place:
    code: str
    name: Bi
    kind: str  # region (a division of China), country or group


@dataclass(frozen=True)
class Eligibility:
    project_id: str | None
    text: Bi  # shortened
    full: Bi


@dataclass(frozen=True)
class ContactFact:
    office: Bi
    people: list[Bi]
    phones: list[str]


@dataclass(frozen=True)
class KeyFacts:
    guide_id: str
    programme: Bi | None
    issuer: Bi
    level: Bi
    year: int
    categories: list[Category] = field(default_factory=list)
    named_projects: int = 0  # projects the guide itself names (e.g. its 7 annexed key projects)
    ratios: list[RatioFact] = field(default_factory=list)
    eligibility: list[Eligibility] = field(default_factory=list)
    targets: list[Place] = field(default_factory=list)
    partners: list[Place] = field(default_factory=list)
    deadline: Bi = field(default_factory=lambda: dict(NOT_STATED))
    contacts: list[ContactFact] = field(default_factory=list)


# Ratios in plain words -----------------------------------------------------------------------------
_TIMES_EN = {0.5: "half", 1: "equal to", 2: "twice", 3: "three times", 4: "four times", 5: "five times"}


def ratio_words(public_share: float, self_share: float, comparator: str) -> Bi:
    """public:self as words, the right way round: 1:2 ge → self-raised funds at least twice the public funds."""
    factor = self_share / public_share
    at_least = comparator == "ge"
    times = "equal to" if factor == 1 else _TIMES_EN.get(factor, f"{plain_number(round(factor, 2))} times")
    en = f"self-raised funds {'at least ' if at_least else ''}{times} the public funds"
    zh_times = "" if factor == 1 else "的一半" if factor == 0.5 else f"的{plain_number(round(factor, 2))}倍"
    if at_least:
        zh = f"自筹经费不少于财政经费{zh_times}"
    else:
        zh = f"自筹经费为财政经费{zh_times}" if zh_times else "自筹经费与财政经费相等"
    return {"zh": zh, "en": en}


def _share(value: float) -> str:
    return plain_number(value)


# Shortening ----------------------------------------------------------------------------------------
_SENTENCE_END = {"zh": re.compile(r"[。；;]"), "en": re.compile(r"(?<=[.;])\s")}
_CLAUSE_END = {"zh": re.compile(r"[，、,]"), "en": re.compile(r"[,;]\s")}


def shorten(text: str, lang: str) -> str:
    """The first sentence of a requirement; past the limit, cut at the last clause break and marked '…'."""
    text = text.strip()
    m = _SENTENCE_END[lang].search(text)
    first = text[: m.start()].rstrip(" .;。；") if m else text.rstrip(" .。")
    limit = SHORT_LIMIT[lang]
    if len(first) <= limit:
        return first if first == text.rstrip(" .。") else first + "…"
    breaks = [b.start() for b in _CLAUSE_END[lang].finditer(first, 0, limit)]
    cut = breaks[-1] if breaks else first.rfind(" ", 0, limit) if lang == "en" else limit
    return first[: max(cut, 1)].rstrip(" ,，、") + "…"


# Building the facts --------------------------------------------------------------------------------
def _bi(rec: dict | None, key: str) -> Bi | None:
    value = (rec or {}).get(key)
    return {"zh": value["zh"], "en": value["en"]} if value else None


def _code_label(catalog: Catalog, codelist: str, code: str) -> Bi:
    rows = catalog.codelists.get(codelist)
    row = rows.rows.get(code) if rows else None
    return {"zh": row["label_zh"], "en": row["label_en"]} if row else {"zh": code, "en": code}


def _symbols(catalog: Catalog) -> dict[str, str]:
    rows = catalog.codelists.get("comparators")
    return {code: row.get("symbol", "") for code, row in rows.rows.items()} if rows else {}


def project_label(project: dict) -> Bi:
    """A project's title with its number per language: 中-哈农业合作研究中心建设（附件1） / … (Annex 1)."""
    out = {}
    for lang in ("zh", "en"):
        number = structural_number(project.get("number"), lang)
        title = project["title"][lang]
        out[lang] = title if not number else (f"{title}（{number}）" if lang == "zh" else f"{title} ({number})")
    return out


def _categories(catalog: Catalog, guide: Guide) -> list[Category]:
    symbols = _symbols(catalog)
    order: dict[tuple, dict] = {}
    for rec in guide.records("funding"):
        key = (rec.get("project"), rec["applies_to"]["zh"])
        order.setdefault(key, {"applies_to": _bi(rec, "applies_to")})[rec["kind"]] = rec
    out = []
    for slot in order.values():
        quota, amount = slot.get("quota"), slot.get("amount")
        unit = catalog.vocab.units.get(amount["unit"]) if amount else None
        factor = ((unit or {}).get("to") or {}).get("factor") if unit and unit.get("dimension") == "money" else None
        quota_unit = catalog.vocab.units.get(quota["unit"]) if quota and quota.get("unit") else None

        def text(rec, unit_rec):
            return {
                lang: quantity_text(rec["comparator"], rec["value_min"], rec["value_max"], unit_rec, lang, symbols)
                for lang in ("zh", "en")
            }

        def cny(value):
            return None if value is None or factor is None else round(value * factor, 2)

        out.append(
            Category(
                applies_to=slot["applies_to"],
                quota=_projects_quota(text(quota, quota_unit)) if quota else None,
                amount=text(amount, unit) if amount else None,
                amount_min_cny=cny(amount["value_min"]) if amount else None,
                amount_max_cny=cny(amount["value_max"]) if amount else None,
                max_projects=quota["value_max"] if quota else None,
            )
        )
    return out


def _projects_quota(text: Bi) -> Bi:
    """A quota counts projects: '≤ 7 items' reads '≤ 7 projects' in English."""
    return {"zh": text["zh"], "en": re.sub(r"\bitems?\b", lambda m: "project" + m.group(0)[4:], text["en"])}


def _ratios(guide: Guide) -> list[RatioFact]:
    projects = {p["id"]: p for p in guide.records("projects")}
    out = []
    for rec in guide.records("ratios"):
        project = projects.get(rec.get("project") or "")
        out.append(
            RatioFact(
                applicant=_bi(rec, "applicant") or dict(NOT_STATED),
                project_id=rec.get("project"),
                project=project_label(project) if project else None,
                ratio=f"{_share(rec['public_share'])}:{_share(rec['self_share'])}",
                words=ratio_words(rec["public_share"], rec["self_share"], rec["comparator"]),
            )
        )
    return out


def _eligibility(guide: Guide) -> list[Eligibility]:
    return [
        Eligibility(
            project_id=rec.get("project"),
            text={lang: shorten(rec["text"][lang], lang) for lang in ("zh", "en")},
            full={"zh": rec["text"]["zh"], "en": rec["text"]["en"]},
        )
        for rec in guide.records("requirements")
        if rec["kind"] == "eligibility"
    ]


def _places(catalog: Catalog, codes: list[str]) -> list[Place]:
    out, seen = [], set()
    for code in codes:
        region = catalog.vocab.regions.get(code)
        if code in seen or region is None:
            continue
        seen.add(code)
        level = region.get("level")
        kind = "country" if level == "country" else "group" if level in ("group", "body") else "region"
        name = region.get("short") or region["name"]  # a card names Kazakhstan, not the Republic of Kazakhstan
        out.append(Place(code, {"zh": name["zh"], "en": name["en"]}, kind))
    return out


def _where(catalog: Catalog, guide: Guide) -> tuple[list[Place], list[Place]]:
    targets: list[str] = []
    partners: list[str] = []
    for kind in ("scopes", "projects"):
        for rec in guide.records(kind):
            targets += rec.get("regions") or []
            partners += rec.get("partners") or []
    for rec in guide.records("pairings"):
        if rec.get("relation") == "aid":  # directed: the recipient is aimed at, the donor gives
            targets.append(rec["recipient"])
            partners.append(rec["donor"])
        else:  # cooperation and alliances name partners, with no direction
            partners += rec.get("members") or []
    return _places(catalog, targets), _places(catalog, partners)


def key_facts(catalog: Catalog, guide: Guide) -> KeyFacts:
    """Everything the key-facts card shows, for one guide."""
    d = guide.data
    programme = catalog.vocab.programmes.get(d.get("programme") or "")
    targets, partners = _where(catalog, guide)
    return KeyFacts(
        guide_id=guide.id,
        programme={"zh": programme["name"]["zh"], "en": programme["name"]["en"]} if programme else None,
        issuer={"zh": d["issuer"]["zh"], "en": d["issuer"]["en"]},
        level=_code_label(catalog, "issuer-levels", d["issuer_level"]),
        year=d["year"],
        categories=_categories(catalog, guide),
        named_projects=len(guide.records("projects")),
        ratios=_ratios(guide),
        eligibility=_eligibility(guide),
        targets=targets,
        partners=partners,
        contacts=[
            ContactFact(
                office={"zh": c["office"]["zh"], "en": c["office"]["en"]},
                people=[{"zh": p["zh"], "en": p["en"]} for p in c.get("people") or []],
                phones=list(c.get("phones") or []),
            )
            for c in guide.records("contacts")
        ],
    )
