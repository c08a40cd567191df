"""Checks that need more than the schema: references, provenance, numbers, language, safety."""

from __future__ import annotations

import re
from typing import Iterator

from .catalog import FULLWIDTH_DIGIT, RECORD_LISTS, Catalog, Guide
from .problems import ProblemList
from .yamlio import dotted

MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|<\s*(script|style|iframe)", re.IGNORECASE)
FORMULA_START = ("=", "+", "-", "@")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bitexts that are names, not prose: checked for English but not against the glossary.
NAME_FIELDS = {"name", "affiliation", "position", "people", "office"}


def check_catalog(catalog: Catalog, problems: ProblemList) -> None:
    """Checks across guides (each guide's own checks run as it loads)."""
    seen_guides: dict[str, str] = {}
    for guide in catalog.guides:
        if guide.id in seen_guides:
            problems.add(guide.rel, guide.line("id"), "id",
                         f"duplicate guide id '{guide.id}' (also in {seen_guides[guide.id]})", "duplicate-id")
        seen_guides.setdefault(guide.id, guide.rel)


def check_guide(catalog: Catalog, guide: Guide, problems: ProblemList) -> None:
    _check_raw(catalog, guide, problems)
    ids = _check_ids(guide, problems)
    _check_references(catalog, guide, ids, problems)
    _check_texts(catalog, guide, problems)
    if guide.raw_text is not None:
        _check_provenance(guide, problems)
    _check_numbers(catalog, guide, problems)


def _check_raw(catalog: Catalog, guide: Guide, problems: ProblemList) -> None:
    raw = guide.data["raw"]
    if guide.raw_text is None:
        problems.add(guide.rel, guide.line("raw"), "raw", f"raw file datasets/raw/{raw} does not exist", "missing-raw")
        return
    entry = catalog.manifest.get(raw)
    if entry is None:
        problems.add(guide.rel, guide.line("raw"), "raw",
                     f"raw file {raw} is not listed in datasets/raw/manifest.yaml", "missing-raw")
        return
    if entry["title"]["value"] != guide.data["title"]["zh"]:
        problems.add(guide.rel, guide.line("title", "zh"), "title.zh",
                     f"title differs from the manifest's '{entry['title']['value']}'", "manifest-mismatch")
    if entry["year"]["value"] != guide.data["year"]:
        problems.add(guide.rel, guide.line("year"), "year",
                     f"year differs from the manifest's {entry['year']['value']}", "manifest-mismatch")


def _check_ids(guide: Guide, problems: ProblemList) -> dict[str, dict[str, int]]:
    ids: dict[str, dict[str, int]] = {}
    for kind in RECORD_LISTS:
        seen: dict[str, int] = {}
        for i, rec in enumerate(guide.records(kind)):
            if rec["id"] in seen:
                problems.add(guide.rel, guide.line(kind, i, "id"), f"{kind}[{i}].id",
                             f"duplicate id '{rec['id']}' in {kind} (first at {kind}[{seen[rec['id']]}])",
                             "duplicate-id")
            seen.setdefault(rec["id"], i)
        ids[kind] = seen
    return ids


def _check_references(catalog: Catalog, guide: Guide, ids: dict, problems: ProblemList) -> None:
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
                    problems.add(guide.rel, guide.line(*at, "parent"), dotted(at + ("parent",)),
                                 f"parent section '{parent}' must come before this section", "dangling-reference")


def iter_bitexts(data, path=()) -> Iterator[tuple[tuple, dict]]:
    """Every {zh, en} pair in a guide, with its path."""
    if isinstance(data, dict):
        if set(data) == {"zh", "en"} and all(isinstance(v, str) for v in data.values()):
            yield path, data
            return
        for key, value in data.items():
            yield from iter_bitexts(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from iter_bitexts(value, path + (i,))


def iter_strings(data, path=()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from iter_strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from iter_strings(value, path + (i,))
    elif isinstance(data, str):
        yield path, data


def _check_texts(catalog: Catalog, guide: Guide, problems: ProblemList) -> None:
    for path, value in iter_strings(guide.data):
        found = []
        if MARKUP.search(value):
            found.append(("contains HTML markup; sources are plain text (write the words, not tags)", "markup"))
        if value.lstrip().startswith(FORMULA_START) and path[-1] in ("zh", "en"):
            found.append((f"text starts with '{value.lstrip()[0]}', which spreadsheets run as a formula; reword it",
                          "formula"))
        if CONTROL.search(value):
            found.append(("contains a control character", "control-character"))
        if path[-1] in ("id", "raw") and FULLWIDTH_DIGIT.search(value):
            found.append(("contains full-width digits (０-９); use ASCII digits", "full-width"))
        for message, code in found:  # line numbers are looked up only for a problem
            problems.add(guide.rel, guide.line(*path), dotted(path), message, code)
    terms = sorted(catalog.vocab.glossary, key=lambda t: len(t["zh"]), reverse=True)
    for path, pair in iter_bitexts(guide.data):
        def where_en():
            return guide.rel, guide.line(*path, "en"), dotted(path + ("en",))
        if not pair["en"].strip():
            problems.add(*where_en(), "missing English translation", "missing-english")
            continue
        if any(part in NAME_FIELDS for part in path if isinstance(part, str)):
            continue
        for term in glossary_violations(pair["zh"], pair["en"], terms):
            problems.add(*where_en(), f"glossary: '{term['zh']}' must be rendered as '{term['en']}'"
                         + (f" (or {', '.join(repr(v) for v in term['variants'])})" if term.get("variants") else ""),
                         "glossary")


def _norm(text: str) -> str:
    text = text.lower().replace("–", "-").replace("—", "-").replace("‑", "-").replace("’", "'")
    return re.sub(r"\s+", " ", text)


def glossary_violations(zh: str, en: str, terms: list[dict]) -> list[dict]:
    """Glossary terms present in zh (longest first, without overlaps) whose rendering en lacks."""
    masked = zh
    found = []
    for term in terms:
        if term["zh"] in masked:
            found.append(term)
            masked = masked.replace(term["zh"], "\0" * len(term["zh"]))
    en_norm = _norm(en)
    return [t for t in found
            if not any(_norm(r) in en_norm for r in [t["en"], *t.get("variants", [])])]


def _check_provenance(guide: Guide, problems: ProblemList) -> None:
    raw = guide.raw_text
    for kind in RECORD_LISTS:
        for i, rec in enumerate(guide.records(kind)):
            quoted = [((kind, i, "cite"), rec["cite"])] if "cite" in rec else [((kind, i, "text", "zh"), rec["text"]["zh"])]
            quoted += [((kind, i, "tasks", j, "cite"), t["cite"]) for j, t in enumerate(rec.get("tasks") or [])]
            for path, quote in quoted:
                if quote not in raw:
                    problems.add(guide.rel, guide.line(*path), dotted(path),
                                 f"cited text not found verbatim in datasets/raw/{guide.data['raw']}: "
                                 f"'{quote[:60]}{'…' if len(quote) > 60 else ''}'", "cite-not-found")


def _check_numbers(catalog: Catalog, guide: Guide, problems: ProblemList) -> None:
    parser = catalog.parser
    for kind in ("indicators", "funding"):
        for i, rec in enumerate(guide.records(kind)):
            if "override" in rec:
                continue
            stored = (rec["comparator"], rec["value_min"], rec["value_max"], rec["unit"])
            found = parser.parse(rec["text"]["zh"])
            n = rec.get("quantity", 0)
            path = (kind, i, "value_min")
            if n >= len(found):
                problems.add(guide.rel, guide.line(kind, i), f"{kind}[{i}]",
                             f"the parser finds {len(found)} quantit{'y' if len(found) == 1 else 'ies'} in the text, "
                             f"so quantity {n} does not exist; fix the text or add override with a reason",
                             "number-mismatch")
                continue
            parsed = found[n].as_tuple()
            if not _same(parsed, stored):
                problems.add(guide.rel, guide.line(*path), dotted(path),
                             f"stored {_fmt(stored)} but the parser reads {_fmt(parsed)} from "
                             f"'{rec['text']['zh']}'; fix the numbers or add override with a reason",
                             "number-mismatch")
    for i, rec in enumerate(guide.records("ratios")):
        found = [(r.public_share, r.self_share, r.comparator) for r in parser.parse_ratios(rec["text"]["zh"])]
        stored = (rec["public_share"], rec["self_share"], rec["comparator"])
        if not any(_same(f, stored) for f in found):
            problems.add(guide.rel, guide.line("ratios", i, "public_share"), f"ratios[{i}].public_share",
                         f"stored ratio {stored[0]}:{stored[1]} ({stored[2]}) but the parser reads "
                         f"{', '.join(f'{a}:{b} ({c})' for a, b, c in found) or 'no ratio'} from the text",
                         "number-mismatch")


def _same(a: tuple, b: tuple) -> bool:
    return all((x == y) if not isinstance(x, (int, float)) or not isinstance(y, (int, float))
               else abs(x - y) < 1e-9 for x, y in zip(a, b))


def _fmt(q: tuple) -> str:
    comp, lo, hi, unit = q
    return f"{comp} {lo}..{hi} {unit or '(no unit)'}"
