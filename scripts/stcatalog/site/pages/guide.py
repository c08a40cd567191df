"""A guide's page: its facts, summary, downloads, scopes, projects, indicators, funding, pairings,
contacts, full text and provenance, as plain data for templates/guide.md.j2."""

from __future__ import annotations

from collections import defaultdict

from ...package.tables import TABLES
from ..labels import label
from ..ui import strings
from .common import AUTHORITATIVE, href, md, pick, plain, site_root, text
from .facts import key_facts, numbered, project_blocks, quantity, ratio_line
from .index import Index


def guide_page(ix: Index, g: dict, lang: str) -> dict:
    gid = g["id"]
    path = f"guides/{gid}.md"
    recs = ix.by_guide[gid]
    projects = {p["id"]: p for p in recs["projects"]}
    blocks, loose = project_blocks(ix, gid, lang, path)
    return {
        "title": plain(g, "title", lang),
        "description": plain(g, "summary", lang),
        "facts": key_facts(ix, g, lang, path),
        "summary": text(g, "summary", lang),
        "downloads": downloads(ix, gid, path),
        "scopes": scope_tree(ix, recs["scopes"], lang, path),
        "projects": blocks,
        "indicators": loose,
        "funding": [
            {"applies_to": plain(f, "applies_to", lang), "value": quantity(ix, f, lang), "text": text(f, "text", lang)}
            for f in recs["funding"]
        ],
        "ratios": [ratio_line(r, projects, lang) for r in recs["ratios"]],
        "requirements": [text(r, "text", lang) for r in recs["requirements"] if r["project_id"] not in projects],
        "pairings": [
            {
                **ix.pairing(p, lang, lambda code: md(path, f"regions/{code}.md")),
                "note": text(p, "note", lang) if p.get("note_zh") else None,
            }
            for p in recs["pairings"]
        ],
        "contacts": [
            {"office": text(c, "office", lang), "people": text(c, "people", lang), "phones": c["phones"] or ""}
            for c in recs["contacts"]
        ],
        "sections": full_text(recs["sections"], lang),
        "provenance": provenance(ix, g, lang),
    }


def downloads(ix: Index, gid: str, path: str) -> list[dict]:
    root = site_root(path)
    links = [(f"data/json/guides/{gid}.json", "JSON")]
    for table in TABLES:
        if table.per_guide and ix.by_guide[gid][table.name]:
            links.append((f"data/guides/{gid}/{table.name}.csv", f"{table.name}.csv"))
    return [{"href": root + p, "label": name} for p, name in links]


def scope_tree(ix: Index, scopes: list[dict], lang: str, path: str) -> list[dict]:
    """The scopes nested under their parents, each with its regions, partners and domains as links."""
    s = strings(lang)
    children = defaultdict(list)
    for sc in scopes:
        children[sc["parent_id"]].append(sc)

    def tag(prefix: str, folder: str, codes: list[str], name) -> dict:
        return {"prefix": prefix, "links": [{"href": href(path, f"{folder}/{c}.md"), "name": name(c)} for c in codes]}

    def walk(parent) -> list[dict]:
        items = []
        for sc in children.get(parent, []):
            regions = ix.scope_regions[sc["id"]]
            tags = []
            for role, prefix in (("target", s["scope_regions"]), ("partner", s["scope_partners"])):
                codes = [r["region_code"] for r in regions if r["role"] == role]
                if codes:
                    tags.append(tag(prefix, "regions", codes, lambda c: ix.region_name(c, lang)))
            doms = [d for d in ix.scope_domains[sc["id"]] if d in ix.domains]
            if doms:
                tags.append(tag(s["scope_domains"], "domains", doms, lambda d: ix.domain_name(d, lang)))
            items.append(
                {
                    "anchor": f"scope-{sc['local_id']}",
                    "heading": numbered(sc["number"], plain(sc, "title", lang), lang),
                    "kind": label("scope-kinds", sc["kind"], lang),
                    "text": text(sc, "text", lang) if sc.get("text_zh") else None,
                    "tags": tags,
                    "children": walk(sc["id"]),
                }
            )
        return items

    return walk(None)


def full_text(sections: list[dict], lang: str) -> list[dict]:
    """The whole document, section by section. Translated pages fold the authoritative text under each
    section; the authoritative page leaves the translation to the language switch."""
    out = []
    depth: dict = {}
    for sc in sections:
        depth[sc["id"]] = depth.get(sc["parent_id"], 0) + 1 if sc["parent_id"] else 1
        value, missing = pick(sc, "text", lang)
        has_text = bool(sc.get(f"text_{AUTHORITATIVE}"))
        out.append(
            {
                "level": min(6, depth[sc["id"]] + 2),
                "heading": numbered(sc["number"], plain(sc, "heading", lang), lang),
                "text": {"value": value or "", "missing": missing} if has_text else None,
                "lang": AUTHORITATIVE if missing else lang,
                "original_lang": AUTHORITATIVE,
                "original": sc[f"text_{AUTHORITATIVE}"] if has_text and lang != AUTHORITATIVE and not missing else None,
            }
        )
    return out


def provenance(ix: Index, g: dict, lang: str) -> dict:
    meta = ix.meta
    cite = strings(lang)["cite"].format(
        **{f"{k}_{x}": g[f"{k}_{x}"] for k in ("title", "issuer") for x in ("zh", "en")},
        **{f"catalog_{x}": meta["title"][x] for x in ("zh", "en")},
        year=g["year"],
        version=meta["version"],
    )
    if meta.get("homepage"):  # the page's own address, only where the public URL is known
        cite += f" {meta['homepage']}{lang}/guides/{g['id']}/"
    return {
        "raw_file": g["raw_file"],
        "sha": g["raw_sha256"],
        "url": g["source_url"],
        "status": label("translation-statuses", g["translation_status"], lang),
        "cite": cite,
    }
