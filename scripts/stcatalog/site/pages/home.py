"""The home page: counts, the pairings (tile map, group regions, table), the latest guides."""

from __future__ import annotations

from .. import tilemap
from ..labels import label
from .common import md, plain
from .index import Index

PATH = "index.md"
COUNTED = ("guides", "sections", "scopes", "projects", "indicators", "pairings")
# Programme colours, each at least 4.5:1 on white, so a line reads as well as text would.
PALETTE = ["#b03a2e", "#1f618d", "#196f3d", "#8a5200", "#6c3483", "#117864", "#873600", "#2e4053", "#a04000"]
SYMBOLS = {"aid": "→", "cooperation": "—", "alliance": "┄"}  # beside each relation's filter box


def home(ix: Index, lang: str) -> dict:
    return {
        "counts": [len(ix.rows[k]) for k in COUNTED],
        "pm": pairings_block(ix, lang),
        "latest": [
            {
                "year": g["year"],
                "title": ix.guide_title(g["id"], lang),
                "link": md(PATH, f"guides/{g['id']}.md"),
                "issuer": plain(g, "issuer", lang),
            }
            for g in ix.guides[:10]
        ],
        "guides_link": md(PATH, "guides/index.md"),
    }


def pairing_rows(ix: Index, lang: str, path: str) -> list[dict]:
    """One row per pairing (programme, relation, parties): the latest guide naming it, and how many more do."""
    out = []
    for _, pairs in ix.pairings_grouped():
        guides = sorted({p["guide_id"] for p in pairs}, key=lambda g: (-ix.guide_by_id[g]["year"], g))
        row = ix.pairing(pairs[0], lang, lambda code: md(path, f"regions/{code}.md"))
        row["programme_name"] = ix.programme_name(row["programme"], lang)
        row["guide"] = {"name": ix.guide_title(guides[0], lang), "link": md(path, f"guides/{guides[0]}.md")}
        row["more"] = len(guides) - 1
        out.append(row)
    return out


def pairings_block(ix: Index, lang: str) -> dict:
    """The tile map (site/tilemap.py), its filters and colours, the group regions and the table."""
    tm = tilemap.build(ix.rows["pairings"], ix.regions, lang)
    names = {p: ix.programme_name(p, lang) for p in tm.programmes}
    color = {p: PALETTE[i % len(PALETTE)] for i, p in enumerate(tm.programmes)}
    arrow = {p: f"st-arrow-{i + 1}" for i, p in enumerate(tm.programmes)}
    relation = {r: label("pairing-relations", r, lang) for r in tilemap.RELATIONS}
    comma = "、" if lang == "zh" else ", "
    groups = [
        {
            "name": g.name,
            "stands_for": g.stands_for,
            "membership": label("group-memberships", g.membership, lang) if g.membership else "",
            "uses": [
                {
                    "programme": u.programme,
                    "relation": u.relation,
                    "relation_label": relation[u.relation],
                    "partners": comma.join(u.partner_names),
                    "programme_name": names[u.programme],
                }
                for u in g.uses
            ],
        }
        for g in tm.groups
    ]
    return {
        "map": tm,
        "programmes": [{"id": p, "name": names[p], "color": color[p], "arrow": arrow[p]} for p in tm.programmes],
        "relations": [{"id": r, "label": relation[r], "symbol": SYMBOLS[r]} for r in tilemap.RELATIONS],
        "color": color,
        "arrow": arrow,
        "relation_label": relation,
        "programme_name": names,
        "group_name": {g.code: g.name for g in tm.groups},
        "groups": groups,
        "rows": pairing_rows(ix, lang, PATH),
    }
