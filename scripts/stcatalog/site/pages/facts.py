"""What a guide page shows at a glance: the key-facts card (from the guides table's key-fact columns,
the same values as guides.csv) and each key project's own block, with its objectives, tasks,
indicators (binding, then expected), ratios, requirements and drafting panel."""

from __future__ import annotations

from ...model.english import quantity_text, structural_number
from ...model.keyfacts import ratio_words
from ...package.guide_facts import SEP
from ..labels import label
from ..ui import strings
from .common import href, plain, text
from .index import Index

KIND_ORDER = ("binding", "expected", "target", "unspecified")  # binding first, then expected


def comparator_signs() -> dict[str, str]:
    return {c: label("comparators", c, "symbol") for c in ("eq", "ge", "gt", "le", "lt", "range", "approx")}


def unit_spec(ix: Index, uid: str | None) -> dict | None:
    """A units-table row as model/english.py reads a unit."""
    u = ix.units.get(uid or "")
    if u is None:
        return None
    to = {"unit": u["normalised_unit"], "factor": u["factor"]} if u.get("normalised_unit") else None
    return {
        "name": {"zh": u["name_zh"], "en": u["name_en"] or u["name_zh"]},
        "symbols": (u.get("symbols") or "").split(" ") if u.get("symbols") else [],
        "dimension": u["dimension"],
        "to": to,
    }


def quantity(ix: Index, row: dict, lang: str) -> str:
    """A quantity with its unit as a reader writes it: '≤ 7 items', 'CNY 1–2 million', '300亩'."""
    shown = quantity_text(
        row["comparator"], row["value_min"], row["value_max"], unit_spec(ix, row["unit"]), lang, comparator_signs()
    )
    return shown or "—"


def numbered(number: str | None, title: str, lang: str) -> str:
    """A heading with its list marker in the page's language (一、 on zh pages, 1. on en pages)."""
    return " ".join(x for x in (structural_number(number, lang), title) if x)


def _split(value: str | None, lang: str, sep: str | None = None) -> list[str]:
    return [x for x in (value or "").split(sep or SEP[lang]) if x]


def _places(ix: Index, codes: str | None, path: str, lang: str) -> list[dict]:
    return [
        {"name": ix.region_name(c, lang), "href": href(path, f"regions/{c}.md") if c in ix.regions else None}
        for c in (codes or "").split(";")
        if c
    ]


def key_facts(ix: Index, g: dict, lang: str, path: str) -> list[dict]:
    """The card's rows: {key, label, texts: [text], links: [{name, href}]}; an empty fact reads 'not stated'."""
    s = strings(lang)
    prog = ix.programme_name(g["programme"], lang)
    items = {
        "programme": [prog] if prog else [],
        "issuer": [plain(g, "issuer", lang)],
        "level": [label("issuer-levels", g["issuer_level"], lang)],
        "year": [str(g["year"])],
        "doc_number": [g["doc_number"]] if g["doc_number"] else [],
        "date": [g["date"]] if g["date"] else [],
        "type": [label("document-types", g["type"], lang)],
        "projects": _projects_line(g, s) + _split(g.get(f"funding_{lang}"), lang),
        "co_funding": _split(g.get(f"co_funding_{lang}"), lang),
        "eligibility": _split(g.get(f"eligibility_{lang}"), lang),
        "targets": [],
        "partners": [],
        "deadline": [g["deadline"]] if g.get("deadline") else [],
        "contacts": _split(g.get(f"contacts_{lang}"), lang, " | "),
    }
    links = {
        "targets": _places(ix, g.get("target_regions"), path, lang),
        "partners": _places(ix, g.get("partner_regions"), path, lang),
    }
    return [{"key": k, "label": s[f"fact_{k}"], "texts": v, "links": links.get(k, [])} for k, v in items.items()]


def _projects_line(g: dict, s: dict) -> list[str]:
    n = g.get("project_count") or 0
    return [s["facts_named_projects"].format(n=n)] if n else []


def _indicator(ix: Index, r: dict, lang: str) -> dict:
    return {
        "id": r["local_id"],
        "kind": label("indicator-kinds", r["kind"], lang),
        "measure": plain(r, "measure", lang),
        "value": quantity(ix, r, lang),
        "text": text(r, "text", lang),
    }


def ordered_indicators(rows: list[dict]) -> list[dict]:
    """Binding indicators first, then expected, then the rest, each in document order."""
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    return sorted(rows, key=lambda r: (rank.get(r["kind"], len(rank)), r["position"]))


def ratio_line(r: dict, projects: dict, lang: str) -> dict:
    """A co-funding ratio naming whom it binds (the applicant type, and the project when it binds one),
    in plain words the right way round: 1:2 reads "self-raised funds at least twice the public funds"."""
    project = projects.get(r["project_id"])
    applicant = plain(r, "applicant", lang)
    if project:
        title = numbered(project["number"], plain(project, "title", lang), lang)
        applicant += f"（{title}）" if lang == "zh" else f" ({title})"
    return {
        "applicant": applicant,
        "shares": f"{'≥ ' if r['comparator'] == 'ge' else ''}{r['public_share']:g}:{r['self_share']:g}",
        "words": ratio_words(r["public_share"], r["self_share"], r["comparator"])[lang],
        "text": text(r, "text", lang),
    }


def project_blocks(ix: Index, gid: str, lang: str, path: str) -> tuple[list[dict], list[dict]]:
    """(each project's block, the indicators that belong to no project)."""
    recs = ix.by_guide[gid]
    projects = {p["id"]: p for p in recs["projects"]}
    blocks = []
    for p in recs["projects"]:
        pid = p["id"]
        blocks.append(
            {
                "anchor": f"project-{p['local_id']}",
                "heading": numbered(p["number"], plain(p, "title", lang), lang),
                "objectives": text(p, "objectives", lang),
                "tasks": [
                    {"number": structural_number(t["number"], lang) or "", "text": text(t, "text", lang)}
                    for t in ix.project_tasks[pid]
                ],
                "indicators": [
                    _indicator(ix, r, lang)
                    for r in ordered_indicators([r for r in recs["indicators"] if r["project_id"] == pid])
                ],
                "ratios": [ratio_line(r, projects, lang) for r in recs["ratios"] if r["project_id"] == pid],
                "requirements": [
                    {"kind": label("requirement-kinds", r["kind"], lang), "text": text(r, "text", lang)}
                    for r in recs["requirements"]
                    if r["project_id"] == pid
                ],
                "experts": [
                    [plain(e, "name", lang), plain(e, "affiliation", lang), plain(e, "position", lang)]
                    for e in recs["experts"]
                    if e["project_id"] == pid
                ],
            }
        )
    loose = [
        _indicator(ix, r, lang)
        for r in ordered_indicators(
            [r for r in recs["indicators"] if not r["project_id"] or r["project_id"] not in projects]
        )
    ]
    return blocks, loose
