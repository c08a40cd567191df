"""Ids are unique within a guide, and every reference (section, scope, project, code) resolves."""

from __future__ import annotations

from ..core.problems import ProblemList, dotted
from ..core.routes import reserved_route
from ..model.catalog import RECORD_LISTS, Catalog, Guide


def check_ids(guide: Guide, problems: ProblemList) -> dict[str, dict[str, int]]:
    if reserved_route(guide.id):
        problems.add(guide.rel, guide.line("id"), "id", route_message(guide.id, "guides"), "reserved-id")
    ids: dict[str, dict[str, int]] = {}
    for kind in RECORD_LISTS:
        seen: dict[str, int] = {}
        for i, rec in enumerate(guide.records(kind)):
            if rec["id"] in seen:
                problems.add(
                    guide.rel,
                    guide.line(kind, i, "id"),
                    f"{kind}[{i}].id",
                    f"duplicate id '{rec['id']}' in {kind} (first at {kind}[{seen[rec['id']]}])",
                    "duplicate-id",
                )
            seen.setdefault(rec["id"], i)
        ids[kind] = seen
    return ids


def check_references(catalog: Catalog, guide: Guide, ids: dict, problems: ProblemList) -> None:
    vocab = catalog.vocab

    def ref(path: tuple, value, known, what: str, code: str) -> None:
        if value is not None and value not in known:
            problems.add(guide.rel, guide.line(*path), dotted(path), f"unknown {what} '{value}'", code)

    ref(("issuer_region",), guide.data["issuer_region"], vocab.regions, "region code", "unknown-code")
    ref(("programme",), guide.data.get("programme"), vocab.programmes, "programme", "unknown-code")
    for kind in RECORD_LISTS:
        for i, rec in enumerate(guide.records(kind)):
            at = (kind, i)
            if kind != "sections":
                ref(at + ("section",), rec.get("section"), ids["sections"], "section", "dangling-reference")
            ref(at + ("scope",), rec.get("scope"), ids["scopes"], "scope", "dangling-reference")
            ref(at + ("project",), rec.get("project"), ids["projects"], "project", "dangling-reference")
            ref(at + ("programme",), rec.get("programme"), vocab.programmes, "programme", "unknown-code")
            ref(at + ("unit",), rec.get("unit"), vocab.units, "unit", "unknown-code")
            for key in ("donor", "recipient"):
                ref(at + (key,), rec.get(key), vocab.regions, "region code", "unknown-code")
            for key in ("regions", "partners"):
                for j, code in enumerate(rec.get(key) or []):
                    ref(at + (key, j), code, vocab.regions, "region code", "unknown-code")
            for j, dom in enumerate(rec.get("domains") or []):
                ref(at + ("domains", j), dom, vocab.domains, "domain", "unknown-code")
            parent = rec.get("parent")
            if parent is not None and kind in ("sections", "scopes"):
                target = ids[kind].get(parent)
                if target is None:
                    ref(at + ("parent",), parent, (), f"parent {kind[:-1]}", "dangling-reference")
                elif kind == "sections" and target >= i:
                    problems.add(
                        guide.rel,
                        guide.line(*at, "parent"),
                        dotted(at + ("parent",)),
                        f"parent section '{parent}' must come before this section",
                        "dangling-reference",
                    )


def route_message(ident: str, folder: str) -> str:
    return (
        f"id '{ident}' is a name the site uses for its own pages, so it cannot name a page in {folder}/; "
        "choose another id"
    )
