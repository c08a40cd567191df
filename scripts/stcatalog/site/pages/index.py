"""The published rows indexed once for every page: records by guide, the regions and domains each
guide, scope, project and indicator concerns, and the names the pages show for them."""

from __future__ import annotations

from collections import defaultdict

from ...package.tables import rows_by_guide
from .common import group, plain


def _counter() -> defaultdict:
    """{region or domain: {guide id: {"scopes"|"projects"|"indicators": count}}}."""
    return defaultdict(lambda: defaultdict(lambda: defaultdict(int)))


class Index:
    """Lookups over the rows; every page builder reads from one of these."""

    def __init__(self, rows: dict[str, list[dict]], meta: dict):
        self.rows = rows
        self.meta = meta
        self.guides = sorted(rows["guides"], key=lambda g: (-g["year"], g["id"]))
        self.regions = {r["code"]: r for r in rows["regions"]}
        self.domains = {d["id"]: d for d in rows["domains"]}
        self.units = {u["id"]: u for u in rows["units"]}
        self.programmes = {p["id"]: p for p in rows["programmes"]}
        self.by_guide = rows_by_guide(rows)
        self.guide_by_id = {g["id"]: g for g in self.guides}
        self.scope_regions = group(rows["scope_regions"], "scope_id")
        self.scope_domains = group(rows["scope_domains"], "scope_id", "domain_id")
        self.project_regions = group(rows["project_regions"], "project_id")
        self.project_domains = group(rows["project_domains"], "project_id", "domain_id")
        self.project_tasks = group(rows["project_tasks"], "project_id")
        self.guide_regions: defaultdict = defaultdict(set)
        self.guide_domains: defaultdict = defaultdict(set)
        for g in self.guides:
            self.guide_regions[g["id"]].add(g["issuer_region"])
        for r in rows["scope_regions"] + rows["project_regions"]:
            self.guide_regions[r["guide_id"]].add(r["region_code"])
        for p in rows["pairings"]:
            self.guide_regions[p["guide_id"]].update((p["donor"], p["recipient"]))
        for r in rows["scope_domains"] + rows["project_domains"]:
            self.guide_domains[r["guide_id"]].add(r["domain_id"])
        self.region_counts, self.domain_counts = _counter(), _counter()
        for kind in ("scope", "project"):
            for r in rows[f"{kind}_regions"]:
                self.region_counts[r["region_code"]][r["guide_id"]][f"{kind}s"] += 1
            for r in rows[f"{kind}_domains"]:
                self.domain_counts[r["domain_id"]][r["guide_id"]][f"{kind}s"] += 1
        for r in rows["indicators"]:
            for code in self.indicator_regions(r):
                self.region_counts[code][r["guide_id"]]["indicators"] += 1
            for did in self.indicator_domains(r):
                self.domain_counts[did][r["guide_id"]]["indicators"] += 1
        self.cache: dict = {}  # what several outputs share (a table's rows feed its page and its files)

    def region_name(self, code: str, lang: str) -> str:
        r = self.regions.get(code)
        return (plain(r, "short", lang) or plain(r, "name", lang)) if r else code

    def domain_name(self, did: str, lang: str) -> str:
        return plain(self.domains[did], "name", lang)

    def programme_name(self, pid: str | None, lang: str) -> str:
        prog = self.programmes.get(pid or "")
        return plain(prog, "name", lang) if prog else (pid or "")

    def unit_name(self, uid: str | None, lang: str) -> str:
        return plain(self.units.get(uid or ""), "name", lang)

    def guide_title(self, gid: str, lang: str) -> str:
        g = self.guide_by_id[gid]
        return plain(g, "short_title", lang) or plain(g, "title", lang)

    def indicator_regions(self, row: dict) -> set[str]:
        links = self.project_regions.get(row["project_id"]) or self.scope_regions.get(row["scope_id"]) or []
        return {r["region_code"] for r in links}

    def indicator_domains(self, row: dict) -> set[str]:
        return set(self.project_domains.get(row["project_id"]) or self.scope_domains.get(row["scope_id"]) or [])

    def region_names(self, codes, lang: str) -> list[str]:
        return [self.region_name(c, lang) for c in sorted(codes) if c in self.regions]

    def domain_names(self, ids, lang: str) -> list[str]:
        return [self.domain_name(d, lang) for d in sorted(ids) if d in self.domains]

    def used_regions(self) -> list[str]:
        used = set().union(*self.guide_regions.values()) if self.guide_regions else set()
        return sorted(c for c in used if c in self.regions)

    def used_domains(self) -> list[str]:
        used = set().union(*self.guide_domains.values()) if self.guide_domains else set()
        return sorted(d for d in used if d in self.domains)

    def guides_of_region(self, code: str) -> list[dict]:
        return [g for g in self.guides if code in self.guide_regions[g["id"]]]

    def guides_of_domain(self, did: str) -> list[dict]:
        return [g for g in self.guides if did in self.guide_domains[g["id"]]]

    def pairings_grouped(self) -> list[tuple[tuple[str, str, str], list[dict]]]:
        """Pairings by (programme, donor, recipient): the same pair recurs in many guides."""
        if "pairings" not in self.cache:
            by_pair: defaultdict = defaultdict(list)
            for p in self.rows["pairings"]:
                by_pair[(p["programme"] or "", p["donor"], p["recipient"])].append(p)
            self.cache["pairings"] = sorted(by_pair.items())
        return self.cache["pairings"]
