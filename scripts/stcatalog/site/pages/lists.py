"""The browsable index pages: guides, the indicator explorer, regions, domains and the glossary."""

from __future__ import annotations

from urllib.parse import quote

from .common import LANGS, href, plain
from .index import Index
from .table import table_view
from .tables import guides_table, indicators_table


def guides_index(ix: Index, lang: str) -> dict:
    return {"table": table_view(guides_table(ix, lang))}


def indicators(ix: Index, lang: str) -> dict:
    return {"table": table_view(indicators_table(ix, lang))}


def regions_index(ix: Index, lang: str) -> dict:
    return {
        "regions": [
            {
                "code": code,
                "name": plain(ix.regions[code], "name", lang),
                "link": f"{code}.md",
                "level": ix.regions[code]["level"],
                "count": len(ix.guides_of_region(code)),
            }
            for code in ix.used_regions()
        ]
    }


def domains_index(ix: Index, lang: str) -> dict:
    return {
        "domains": [
            {"name": ix.domain_name(did, lang), "link": f"{did}.md", "count": len(ix.guides_of_domain(did))}
            for did in sorted(ix.used_domains(), key=lambda d: ix.domain_name(d, lang))
        ]
    }


def glossary(ix: Index, lang: str) -> dict:
    """Terms with the page's language first, sorted in it without regard to case."""
    other = next(x for x in LANGS if x != lang)
    terms = sorted(ix.rows["glossary"], key=lambda t: t[lang].lower())
    return {"terms": [[t[lang], t[other]] for t in terms]}


def counts(ix: Index, guides: list[dict], counted: dict, path: str, lang: str) -> list[dict]:
    """One row per guide: how many of its scopes, projects and indicators concern a region or domain."""
    return [
        {
            "year": g["year"],
            "title": ix.guide_title(g["id"], lang),
            "link": href(path, f"guides/{g['id']}.md"),
            **{k: counted.get(g["id"], {}).get(k, 0) for k in ("scopes", "projects", "indicators")},
        }
        for g in guides
    ]


def explore_link(path: str, key: str, name: str) -> str:
    return f"{href(path, 'indicators.md')}?{key}={quote(name)}"
