"""Draft a source file from a raw document, so that a person curates and translates instead of
transcribing. `draft()` composes the extractors, each a pure function of the segmented document.

Everything here is generic: structure markers, heading words and the shared quantity parser. No rule
names a particular document. Drafting reads only the raw text and the vocabularies, never curated sources.
"""

from __future__ import annotations

import contextlib
import gc
import io
import re
from collections.abc import Iterator
from typing import TextIO

from ..model.catalog import Vocabulary
from ..model.quantities import QuantityParser, symbols_from_units
from . import contacts, funding, indicators, requirements, structure, yamlout
from .document import Doc, simplified
from .errors import DocumentError
from .formats import Document
from .lookup import Lookup
from .metadata import metadata
from .numbers import READ_OTHERWISE

INTERNAL = ("why", "shares", "written_unit")  # kept for the curator as comments, never as source fields
_WORDS = re.compile(r"[^\W\d_]")  # a letter or an ideograph: something a draft could cite
_ID_LINE = re.compile(r"\s*- id: ([a-z0-9-]+)")
HEADER = "# Draft written by `stcatalog ingest`: curate it, fill in every en text, then move it to datasets/sources/.\n"


def _doubts(doc: dict, vocab: Vocabulary, meta_doubts: list[str]) -> list[str]:
    """What a person must check, the ones that change published numbers first."""
    weighted = []
    for rec in doc.get("indicators", []) + doc.get("funding", []):
        if rec.get("written_unit"):
            weighted.append(
                (3, f"{rec['id']}: unit {rec['written_unit']} is not in the units vocabulary; add it, then set unit")
            )
    for rec in doc.get("ratios", []):
        if len(rec["shares"]) > 2:
            shares = ":".join(str(s) for s in rec["shares"])
            weighted.append((3, f"{rec['id']}: a ratio of {len(rec['shares'])} terms ({shares}); say which are public"))
    for rec in doc.get("indicators", []):
        if rec.get("override"):
            weighted.append((2, f"indicator without a quantity: {rec['text']['zh'][:40]}"))
    weighted += [(1, d) for d in meta_doubts]
    return [text for _, text in sorted(weighted, key=lambda w: -w[0])]


def _as_validate_reads(rec: dict, shared: QuantityParser) -> None:
    """Point `quantity` at the quantity `validate` reads in the cite; where the shared parser reads other
    numbers (a unit or numeral it does not know), say so in an override, for the curator to settle."""
    if not (rec.get("written_unit") or READ_OTHERWISE.search(rec["text"]["zh"])):
        return  # nothing in the cite that the two parsers read differently: the index stands
    rec.pop("quantity", None)
    wanted = (rec["comparator"], rec["value_min"], rec["value_max"], rec["unit"])
    parsed = [q.as_tuple() for q in shared.parse(simplified(rec["text"]["zh"]))]
    if wanted in parsed:
        if parsed.index(wanted):
            rec["quantity"] = parsed.index(wanted)
        return
    rec["override"] = {"reason": "ingest reads these numbers; the shared parser reads the text otherwise: check"}


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Drafting allocates millions of small records and no reference cycles; Python's cycle collector
    would walk them all again and again (a quarter of a 20 MB draft's time), so it waits until the end."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def draft(raw_text: str, vocab: Vocabulary, guide_id: str, raw_name: str, source: Document | None = None):
    """(draft source with `why` per record, doubts sorted by weight), from the raw text alone."""
    with _no_cycle_collection():
        return _draft(raw_text, vocab, guide_id, raw_name, source)


def _draft(raw_text: str, vocab: Vocabulary, guide_id: str, raw_name: str, source: Document | None):
    doc = Doc(raw_text, vocab)
    if not doc.cleaned.replace("\ufeff", "").strip():
        raise DocumentError("the document is empty (nothing is left after cleaning)", "ingest-empty", raw_name)
    if not _WORDS.search(doc.cleaned):
        raise DocumentError(
            "the document has no words (only punctuation, symbols or spaces): give the text of a document",
            "ingest-empty",
            raw_name,
        )
    look = Lookup(vocab)
    meta, meta_doubts = metadata(doc, look)
    owner = structure.project_of(doc)
    out: dict = {"id": guide_id, "raw": raw_name, **meta}
    if source is not None:
        out["translation"] = {
            "status": "pending",
            "note": f"Draft written by stcatalog ingest from {source.format} (raw sha256 {source.raw_sha256}, "
            f"text sha256 {source.text_sha256}): every en text not fixed by the vocabularies needs translation.",
        }
    else:
        out["translation"] = {
            "status": "pending",
            "note": "Draft written by stcatalog ingest: every en text not fixed by the vocabularies needs translation.",
        }
    out["sections"] = structure.sections(doc, look)
    out["scopes"] = structure.scopes(doc, look, meta["type"])
    out["projects"] = structure.projects(doc, look)
    # the year the document plans from: the latest year of its title that does not end a range (2024—2026年)
    years = [
        int(y)
        for y in re.findall(
            r"(?<![—–\-~～至到])((?:19|20|１９|２０)\d{2})(?=\s*年|\s*[—–\-~～至到])", meta["title"]["zh"]
        )
    ]
    out["indicators"] = indicators.indicators(doc, look, owner, max(years, default=meta["year"]))
    out["funding"] = funding.funding(doc, look, owner)
    out["ratios"] = funding.ratios(doc, look, owner)
    doc.forget_quantities()  # the number extractors are done: free their cache before the rest
    out["requirements"] = requirements.requirements(doc, look, owner)
    out["contacts"] = contacts.contacts(doc, look)
    out["experts"] = contacts.experts(doc, look, owner)
    shared = QuantityParser(symbols_from_units(vocab.units.values()))
    for rec in out["indicators"] + out["funding"]:
        if rec.get("unit") is not None and rec["unit"] not in vocab.units:  # a measure word ingest knows
            rec["written_unit"], rec["unit"] = rec["unit"], None
        if rec.get("unit") is not None or rec.get("value_min") is not None or rec.get("value_max") is not None:
            _as_validate_reads(rec, shared)
    out = {k: v for k, v in out.items() if v != []}
    return out, _doubts(out, vocab, meta_doubts)


def draft_source(raw_text: str, vocab: Vocabulary, guide_id: str, raw_name: str) -> tuple[dict, list[str]]:
    """The draft as a source (schema fields only) and its doubts."""
    doc, doubts = draft(raw_text, vocab, guide_id, raw_name)
    return source_fields(doc), doubts


def source_fields(doc: dict) -> dict:
    """The draft without the curator's notes (`why`, `shares`): what datasets/sources/ accepts."""
    return {
        k: [{f: x for f, x in r.items() if f not in INTERNAL} for r in v] if isinstance(v, list) else v
        for k, v in doc.items()
    }


class _Notes:
    """A text stream that adds each record's note as a comment after its id line, line by line as
    libyaml writes, so that a large draft's YAML is never held whole."""

    def __init__(self, out: TextIO, notes: dict[str, str]):
        self.out, self.notes, self.tail = out, notes, ""

    def write(self, chunk: str) -> None:
        lines = (self.tail + chunk).split("\n")
        self.tail = lines.pop()
        for line in lines:
            m = _ID_LINE.fullmatch(line) if "- id: " in line else None
            note = self.notes.get(m.group(1)) if m else None
            self.out.write(f"{line}  # {note}\n" if note else line + "\n")

    def close(self) -> None:
        self.out.write(self.tail)


def write_yaml(doc: dict, out: TextIO) -> None:
    """The draft as YAML into `out`, each record's rule (and a ratio's written terms) as a comment on its id line."""
    notes = {}
    for value in doc.values():
        if isinstance(value, list):
            for rec in value:
                if isinstance(rec, dict) and "why" in rec:
                    note = f"why: {rec['why']}"
                    if "shares" in rec:
                        note += "; shares as written: " + ":".join(str(s) for s in rec["shares"])
                    if rec.get("written_unit"):
                        note += f"; unit as written: {rec['written_unit']} (not in the units vocabulary)"
                    notes[rec["id"]] = note
    out.write(HEADER)
    stream = _Notes(out, notes)
    with _no_cycle_collection():
        yamlout.dump(source_fields(doc), stream)
    stream.close()


def to_yaml(doc: dict) -> str:
    """write_yaml's text as a string."""
    out = io.StringIO()
    write_yaml(doc, out)
    return out.getvalue()
