"""Read a labelled folder (tests/ingest_corpus/ layout, fixed in the corpus-format brief): one document
per input file and beside it NN-slug.key.yaml with the seven record lists. A key is untrusted input:
anything malformed is refused with the file, line and field, before anything is scored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import DocumentError
from .formats import FORMATS

FIELDS = ("indicators", "funding", "ratios", "requirements", "scopes", "projects")
STYLES = [
    "topic-assessment",
    "flattened-table",
    "work-plan",
    "news-report",
    "call-funding",
    "relayed-notice",
    "traditional",
    "html",
    "docx",
    "pdf",
    "running-text",
    "numbered-list",
    "other",
]
KINDS = {
    "indicators": ("binding", "expected", "target", "unspecified"),
    "funding": ("amount", "quota"),
    "requirements": (
        "eligibility",
        "partnership",
        "co-funding",
        "coverage",
        "duration",
        "documentation",
        "integrity",
        "other",
    ),
}
COMPARATORS = ("eq", "ge", "gt", "le", "lt", "approx", "range")
MAX_KEY_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Labelled:
    document: Path
    key: Path
    style: str
    answers: dict[str, list[dict]]


class _Loader(yaml.SafeLoader):
    """Safe YAML without aliases (no billion laughs) and with duplicate keys refused."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "aliases are not allowed in an answer key", mark)
        return super().compose_node(parent, index)


def _mapping(loader, node, deep=False):
    keys = set()
    for k, _ in node.value:
        if k.value in keys:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {k.value!r}", k.start_mark)
        keys.add(k.value)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _load(path: Path) -> dict:
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read: {exc.strerror or exc}", "ingest-unreadable", name) from None
    if len(data) > MAX_KEY_BYTES:
        raise DocumentError(
            f"the key has {len(data):,} bytes; the limit is {MAX_KEY_BYTES:,}", "ingest-too-large", name
        )
    text = data.decode("utf-8", errors="replace")
    try:
        loaded = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark else ""
        raise DocumentError(f"{line}not valid YAML ({getattr(exc, 'problem', exc)})", "ingest-key", name) from None
    if not isinstance(loaded, dict):
        raise DocumentError("an answer key is a mapping with document, style and the record lists", "ingest-key", name)
    return loaded


def _number(value, where: str, name: str):
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < 1e15):
        return value
    raise DocumentError(f"{value!r} is not a number", "ingest-key", name, where)


def _check_record(what: str, n: int, rec, name: str) -> dict:
    where = f"{what}[{n}]"
    if isinstance(rec, dict) and isinstance(rec.get("unit"), str):
        rec = {**rec, "unit": rec["unit"].strip().strip("\"'")}  # a unit quoted twice ("\"%\"") means %
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
        raise DocumentError("each record needs a text (the exact span of the document)", "ingest-key", name, where)
    if what in KINDS and rec.get("kind") not in KINDS[what]:
        raise DocumentError(f"kind must be one of {', '.join(KINDS[what])}", "ingest-key", name, f"{where}.kind")
    if what in ("indicators", "funding"):
        if rec.get("comparator") not in COMPARATORS:
            raise DocumentError(
                f"comparator must be one of {', '.join(COMPARATORS)}", "ingest-key", name, f"{where}.comparator"
            )
        for f in ("value_min", "value_max"):
            _number(rec.get(f), f"{where}.{f}", name)
    if what == "ratios":
        shares = rec.get("shares")
        if (
            not isinstance(shares, list)
            or len(shares) < 2
            or any(_number(s, f"{where}.shares", name) is None for s in shares)
        ):
            raise DocumentError("shares is a list of two or more numbers", "ingest-key", name, f"{where}.shares")
        if rec.get("comparator") not in ("eq", "ge"):
            raise DocumentError("comparator must be eq or ge", "ingest-key", name, f"{where}.comparator")
    return rec


def read_key(path: Path) -> Labelled:
    name = str(path)
    data = _load(path)
    document = data.get("document")
    if not isinstance(document, str) or "/" in document or "\\" in document or document.startswith("."):
        raise DocumentError("document must name a file beside the key", "ingest-key", name, "document")
    doc_path = path.parent / document
    if doc_path.suffix.lower() not in FORMATS or not doc_path.is_file():
        raise DocumentError(f"{document}: no such input file beside the key", "ingest-key", name, "document")
    style = data.get("style")
    if style not in STYLES:
        raise DocumentError(f"style must be one of {', '.join(STYLES)}", "ingest-key", name, "style")
    answers = {}
    for what in FIELDS:
        records = data.get(what)
        if not isinstance(records, list):
            raise DocumentError("every key lists all six record lists (an empty one as [])", "ingest-key", name, what)
        answers[what] = [_check_record(what, n, r, name) for n, r in enumerate(records)]
    return Labelled(doc_path, path, style, answers)


def read_folder(folder: Path) -> list[Labelled]:
    """Every key of the folder, in name order."""
    if not folder.is_dir():
        raise DocumentError("not a folder", "ingest-unreadable", str(folder))
    keys = sorted(folder.glob("*.key.yaml"))
    if not keys:
        raise DocumentError("no answer keys (*.key.yaml) in the folder", "ingest-key", str(folder))
    return [read_key(k) for k in keys]
