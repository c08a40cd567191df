"""Region and domain pages as small dashboards: where a region sits (parent, subdivisions), what the
guides aim at it and at its subdivisions, its pairings; for a domain, the scopes and projects that
match it. Scopes and projects are quoted (title and first sentence) and link to their place on the
guide page."""

from __future__ import annotations

from collections import defaultdict

from ...model.keyfacts import shorten
from ..labels import label
from .common import href, plain
from .facts import numbered
from .index import Index
from .lists import counts, explore_link


def _reverse(ix: Index) -> dict:
    """Computed once: {region: [(role, kind, row)]}, {domain: [(kind, row)]}, {region: [child codes]}."""
    if "dashboards" not in ix.cache:
        scopes = {s["id"]: s for s in ix.rows["scopes"]}
        projects = {p["id"]: p for p in ix.rows["projects"]}
        by_region: defaultdict = defaultdict(list)
        by_domain: defaultdict = defaultdict(list)
        for kind, table, records in (("scope", "scope", scopes), ("project", "project", projects)):
            for link in ix.rows[f"{table}_regions"]:
                rec = records.get(link[f"{table}_id"])
                if rec:
                    by_region[link["region_code"]].append((link["role"], kind, rec))
            for link in ix.rows[f"{table}_domains"]:
                rec = records.get(link[f"{table}_id"])
                if rec:
                    by_domain[link["domain_id"]].append((kind, rec))
        children: defaultdict = defaultdict(list)
        for code, r in ix.regions.items():
            if r.get("parent"):
                children[r["parent"]].append(code)
        ix.cache["dashboards"] = (by_region, by_domain, children)
    return ix.cache["dashboards"]


def _descendants(children: dict, code: str) -> list[str]:
    out, todo = [], list(children.get(code, []))
    while todo:
        c = todo.pop(0)
        out.append(c)
        todo += children.get(c, [])
    return out


def _quote(ix: Index, kind: str, rec: dict, path: str, lang: str) -> dict:
    """A scope or project as a line: its numbered title, its first sentence, a link to its place."""
    title_key = "title"
    body = plain(rec, "text" if kind == "scope" else "objectives", lang)
    anchor = f"{kind}-{rec['local_id']}"
    return {
        "title": numbered(rec.get("number"), plain(rec, title_key, lang), lang),
        "text": shorten(body, lang) if body else "",
        "href": href(path, f"guides/{rec['guide_id']}.md") + "#" + anchor,
        "guide": ix.guide_title(rec["guide_id"], lang),
    }


def _region_link(ix: Index, code: str, path: str, lang: str, used: set) -> dict:
    return {"name": ix.region_name(code, lang), "href": href(path, f"regions/{code}.md") if code in used else None}


def region_page(ix: Index, code: str, lang: str) -> dict:
    path, r = f"regions/{code}.md", ix.regions[code]
    by_region, _, children = _reverse(ix)
    used = set(ix.used_regions())
    pairs = []
    for (programme, _, members), ps in ix.pairings_grouped():
        if code in members.split():
            pairs.append(
                {
                    **ix.pairing(ps[0], lang, lambda other: f"{other}.md"),
                    "programme_name": ix.programme_name(programme, lang),
                    "guides": len({p["guide_id"] for p in ps}),
                }
            )
    own = [(role, _quote(ix, kind, rec, path, lang)) for role, kind, rec in by_region.get(code, [])]
    below = []
    for child in _descendants(children, code):
        aimed = [_quote(ix, kind, rec, path, lang) for role, kind, rec in by_region.get(child, []) if role == "target"]
        if aimed:
            below.append({"region": _region_link(ix, child, path, lang, used), "quotes": aimed})
    has_indicators = any(c["indicators"] for c in ix.region_counts[code].values())
    parent = r.get("parent")
    return {
        "name": plain(r, "name", lang),
        "level": label("region-levels", r["level"], lang),
        "parent": _region_link(ix, parent, path, lang, used) if parent and parent in ix.regions else None,
        "children": [_region_link(ix, c, path, lang, used) for c in sorted(children.get(code, []))],
        "targets": [q for role, q in own if role == "target"],
        "partners": [q for role, q in own if role == "partner"],
        "below": below,
        "guides": counts(ix, ix.guides_of_region(code), ix.region_counts[code], path, lang),
        "pairs": pairs,
        "stands_for": plain(r, "stands_for", lang) or None,
        "membership": label("group-memberships", r["membership"], lang) if r.get("membership") else None,
        "members": [{"name": ix.region_name(m, lang)} for m in (r.get("members") or "").split()],
        "explore": explore_link(path, "region", ix.region_name(code, lang)) if has_indicators else None,
    }


def domain_page(ix: Index, did: str, lang: str) -> dict:
    path, name = f"domains/{did}.md", ix.domain_name(did, lang)
    _, by_domain, _ = _reverse(ix)
    has_indicators = any(c["indicators"] for c in ix.domain_counts[did].values())
    return {
        "name": name,
        "matches": [_quote(ix, kind, rec, path, lang) for kind, rec in by_domain.get(did, [])],
        "guides": counts(ix, ix.guides_of_domain(did), ix.domain_counts[did], path, lang),
        "explore": explore_link(path, "domain", name) if has_indicators else None,
    }
