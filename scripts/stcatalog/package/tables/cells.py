"""How a model record becomes cells of a row: global ids, citation offsets into the raw document,
the _zh/_en pair of a text and a quantity with its normalised bounds; shared by every row builder."""

from __future__ import annotations

from ...model.catalog import Catalog, Guide


def gid(guide: Guide, local: str | None) -> str | None:
    """Global id of a record: the guide id and the record's own id, joined by a double hyphen."""
    return None if local is None else f"{guide.id}--{local}"


def span(guide: Guide, quote: str) -> tuple[int | None, int | None]:
    """Character offsets [start, end) of the first occurrence of quote in the raw document."""
    at = guide.raw_text.find(quote) if guide.raw_text else -1
    return (None, None) if at < 0 else (at, at + len(quote))


def text_cells(rec: dict | None, key: str) -> dict:
    """The key_zh and key_en cells of a bilingual text (both empty where the record has none)."""
    value = (rec or {}).get(key) or {"zh": None, "en": None}
    return {f"{key}_zh": value["zh"], f"{key}_en": value["en"]}


def cite_cells(guide: Guide, quote: str) -> dict:
    """The quotation and where it stands in the raw document."""
    start, end = span(guide, quote)
    return {"cite": quote, "cite_start": start, "cite_end": end}


def clause_offsets(guide: Guide, rec: dict) -> dict:
    """Where the record's clause (its text_zh, published in place of a separate quotation) stands in the raw document."""
    start, end = span(guide, rec["text"]["zh"])
    return {"cite_start": start, "cite_end": end}


def quantity_cells(catalog: Catalog, rec: dict) -> dict:
    """A quantity's bounds as written and converted to its unit's normalised unit."""
    unit = catalog.vocab.units.get(rec.get("unit")) if rec.get("unit") else None
    to = unit.get("to") if unit else None

    def norm(v):
        return None if v is None or to is None else round(v * to["factor"], 4)

    return {
        "comparator": rec["comparator"],
        "value_min": rec["value_min"],
        "value_max": rec["value_max"],
        "unit": rec["unit"],
        "normalised_min": norm(rec["value_min"]),
        "normalised_max": norm(rec["value_max"]),
        "normalised_unit": to["unit"] if to else None,
        "override_reason": (rec.get("override") or {}).get("reason"),
    }


def each(catalog: Catalog, kind: str):
    """(guide, position in the guide from 1, record) of every record of a kind, guide by guide."""
    for guide in catalog.guides:
        for position, rec in enumerate(guide.records(kind), start=1):
            yield guide, position, rec


def head_cells(guide: Guide, position: int, rec: dict) -> dict:
    """The cells every record table starts with: global id, guide, own id and position."""
    return {"id": gid(guide, rec["id"]), "guide_id": guide.id, "local_id": rec["id"], "position": position}


def link_rows(catalog: Catalog, kind: str, key: str, column: str, extra: dict | None = None):
    """One row per code a record lists under key (a scope's regions, a project's domains...)."""
    for guide, _, rec in each(catalog, kind):
        for code in rec.get(key) or []:
            yield {f"{kind[:-1]}_id": gid(guide, rec["id"]), "guide_id": guide.id, column: code, **(extra or {})}
