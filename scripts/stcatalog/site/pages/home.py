"""The home page: counts, the pairing map and table, the latest guides."""

from __future__ import annotations

import math

from .common import md, plain
from .index import Index

PATH = "index.md"
COUNTED = ("guides", "sections", "scopes", "projects", "indicators", "pairings")
WIDTH, HEIGHT = 760, 420
LON0, LON1, LAT0, LAT1 = 60.0, 135.0, 15.0, 55.0
PALETTE = ["#c0392b", "#2471a3", "#1e8449", "#b9770e", "#7d3c98", "#17a589", "#a04000", "#2e4053", "#d35400"]


def home(ix: Index, lang: str) -> dict:
    return {
        "counts": [len(ix.rows[k]) for k in COUNTED],
        "map": pairing_map(ix, lang),
        "pairings": pairing_rows(ix, lang, PATH),
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
    """One row per (programme, donor, recipient): the latest guide naming it, and how many more do."""
    out = []
    for (programme, donor, recipient), pairs in ix.pairings_grouped():
        guides = sorted({p["guide_id"] for p in pairs}, key=lambda g: (-ix.guide_by_id[g]["year"], g))
        out.append(
            {
                "programme": ix.programme_name(programme, lang),
                "donor": {"name": ix.region_name(donor, lang), "link": md(path, f"regions/{donor}.md")},
                "recipient": {"name": ix.region_name(recipient, lang), "link": md(path, f"regions/{recipient}.md")},
                "guide": {"name": ix.guide_title(guides[0], lang), "link": md(path, f"guides/{guides[0]}.md")},
                "more": len(guides) - 1,
            }
        )
    return out


def pairing_map(ix: Index, lang: str) -> dict:
    """Geometry of the inline SVG map of pairings: no tiles, no requests."""

    def xy(code):
        r = ix.regions.get(code)
        if not r or r["lat"] is None:
            members = (r or {}).get("members") or ""
            pts = [xy(m) for m in members.split() if m in ix.regions and ix.regions[m]["lat"] is not None]
            if not pts:
                return None
            return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
        x = (r["lon"] - LON0) / (LON1 - LON0) * WIDTH
        y = (LAT1 - r["lat"]) / (LAT1 - LAT0) * HEIGHT
        return (round(max(0, min(WIDTH, x)), 1), round(max(0, min(HEIGHT, y)), 1))

    progs = sorted({p["programme"] for p in ix.rows["pairings"]})
    color = {p: PALETTE[i % len(PALETTE)] for i, p in enumerate(progs)}
    arcs, seen = [], {}
    for (programme, donor, recipient), _ in ix.pairings_grouped():
        a, b = xy(donor), xy(recipient)
        if not a or not b:
            continue
        seen[donor], seen[recipient] = a, b
        mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2 - max(12, math.dist(a, b) / 5)
        arcs.append(
            {
                "d": f"M{a[0]},{a[1]} Q{mx:.1f},{my:.1f} {b[0]},{b[1]}",
                "color": color[programme],
                "title": f"{ix.region_name(donor, lang)} → {ix.region_name(recipient, lang)}",
            }
        )
    points = [
        {"x": x, "y": y, "tx": x + 5, "ty": y - 4, "name": ix.region_name(c, lang)}
        for c, (x, y) in sorted(seen.items())
    ]
    legend = [
        {"y": 10 + i * 16, "ty": 19 + i * 16, "color": color[p], "name": ix.programme_name(p, lang)}
        for i, p in enumerate(progs)
    ]
    return {"width": WIDTH, "height": HEIGHT, "arcs": arcs, "points": points, "legend": legend}
