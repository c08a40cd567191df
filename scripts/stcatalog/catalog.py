"""Load the curated sources, vocabularies and raw documents into one model.

The data package and the site are both generated from this one object, so they cannot disagree.
Loading never stops at the first problem: it collects every problem it can find.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import re

import jsonschema
import jsonschema_rs

from . import parallel, paths
from .problems import ProblemList
from .quantities import QuantityParser, symbols_from_units
from .yamlio import LineMap, dotted, line_of, load_yaml, read_text

# The lists a guide can hold, in the order they are exported.
RECORD_LISTS = ("sections", "scopes", "projects", "indicators", "funding", "ratios",
                "requirements", "pairings", "experts", "contacts")
FULLWIDTH_DIGIT = re.compile(r"[０-９]")
VOCABULARIES = ("regions", "domains", "units", "programmes", "glossary")


@dataclass
class Guide:
    data: dict
    rel: str                 # path relative to the repository root, for messages
    lines: LineMap           # {path tuple: line}, built when a problem needs placing
    raw_text: str | None     # the raw document the cites are checked against

    @property
    def id(self) -> str:
        return self.data["id"]

    def records(self, kind: str) -> list[dict]:
        return self.data.get(kind) or []

    def line(self, *path) -> int | None:
        return line_of(self.lines, path)


@dataclass
class Vocabulary:
    regions: dict = field(default_factory=dict)
    domains: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    programmes: dict = field(default_factory=dict)
    glossary: list = field(default_factory=list)
    lines: dict = field(default_factory=dict)  # {vocabulary name: (rel, line map)}


@dataclass
class Catalog:
    base: Path
    vocab: Vocabulary
    manifest: dict           # {raw file name: manifest entry}
    guides: list[Guide]
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # derived data, computed once

    @cached_property
    def parser(self) -> QuantityParser:
        return QuantityParser(symbols_from_units(self.vocab.units.values()))

    def guide(self, guide_id: str) -> Guide:
        return next(g for g in self.guides if g.id == guide_id)


def _schema(base: Path, name: str) -> dict:
    return json.loads((paths.schemas_dir(base) / name).read_text(encoding="utf-8"))


class SchemaCheck:
    """A compiled schema: jsonschema-rs answers "valid?" fast; jsonschema explains what is wrong.

    Almost every file is valid, so the slow, detailed validator runs only on the few that are not."""

    def __init__(self, schema: dict):
        self.schema = schema
        self.fast = jsonschema_rs.validator_for(schema, validate_formats=True)
        self._detailed = None

    def is_valid(self, data) -> bool:
        return self.fast.is_valid(data)

    def iter_errors(self, data):
        if self._detailed is None:
            self._detailed = jsonschema.Draft202012Validator(self.schema, format_checker=jsonschema.FormatChecker())
        return self._detailed.iter_errors(data)



def schema_problems(data, schema, rel: str, lines: dict, problems: ProblemList, prefix=()) -> None:
    """Every JSON Schema violation, each at the line of the offending value (schema: a dict or a SchemaCheck)."""
    validator = schema if isinstance(schema, SchemaCheck) else SchemaCheck(schema)
    if validator.is_valid(data):
        return
    errors = list(validator.iter_errors(data))
    if not errors:  # the two libraries disagree: report the fast one's finding rather than nothing
        for err in validator.fast.iter_errors(data):
            problems.add(rel, line_of(lines, prefix + tuple(err.instance_path)), dotted(prefix + tuple(err.instance_path)),
                         err.message[:300], "schema")
        return
    for err in sorted(errors, key=lambda e: (list(map(str, e.absolute_path)), e.message)):
        for leaf in _leaves(err):
            path = prefix + tuple(leaf.absolute_path)
            message = leaf.message
            if leaf.validator == "maxLength":
                message = f"text is {len(leaf.instance)} characters long; the limit is {leaf.validator_value}"
            if isinstance(leaf.instance, str) and FULLWIDTH_DIGIT.search(leaf.instance):
                message += " (it contains full-width digits ０-９; use ASCII digits)"
            if len(message) > 300:
                message = message[:300] + "…"
            problems.add(rel, line_of(lines, path), dotted(path), message, "schema")


def _leaves(err):
    """The most specific errors under an anyOf/allOf, so messages name the real field."""
    if err.context:
        best = jsonschema.exceptions.best_match(err.context)
        return [best] if best is not None else [err]
    return [err]


def _relative(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def load_vocabulary(base: Path, problems: ProblemList) -> Vocabulary:
    vocab = Vocabulary()
    schema = _schema(base, "vocabularies.schema.json")
    for name in VOCABULARIES:
        path = paths.vocab_dir(base) / f"{name}.yaml"
        rel = _relative(path, base)
        text = read_text(path, rel, problems)
        if text is None:
            continue
        data, lines = load_yaml(text, rel, problems)
        if data is None:
            continue
        vocab.lines[name] = (rel, lines)
        sub = dict(schema, **{"$ref": f"#/$defs/{name}"})
        before = len(problems)
        schema_problems(data, sub, rel, lines, problems)
        if len(problems) > before or not isinstance(data, dict):
            continue
        key = "terms" if name == "glossary" else name
        items = data[key]
        id_key = "code" if name == "regions" else "id"
        seen: dict = {}
        for i, item in enumerate(items):
            ident = item[id_key]
            if ident in seen:
                problems.add(rel, line_of(lines, (key, i, id_key)), f"{key}[{i}].{id_key}",
                             f"duplicate {id_key} '{ident}' (first at item {seen[ident]})", "duplicate-id")
            seen.setdefault(ident, i)
        if name == "glossary":
            vocab.glossary = items
        else:
            setattr(vocab, name, {item[id_key]: item for item in items})
    for i, region in enumerate(vocab.regions.values()):
        rel, lines = vocab.lines["regions"]
        for ref in [region.get("parent")] + list(region.get("members") or []):
            if ref is not None and ref not in vocab.regions:
                problems.add(rel, line_of(lines, ("regions", i)), f"regions[{i}]",
                             f"region '{region['code']}' refers to unknown region '{ref}'", "unknown-code")
    return vocab


def load_manifest(base: Path, problems: ProblemList) -> dict:
    path = paths.raw_dir(base) / "manifest.yaml"
    rel = _relative(path, base)
    text = read_text(path, rel, problems)
    if text is None:
        return {}
    data, lines = load_yaml(text, rel, problems)
    if data is None:
        return {}
    before = len(problems)
    schema_problems(data, _schema(base, "manifest.schema.json"), rel, lines, problems)
    if len(problems) > before:
        return {}
    manifest = {}
    for i, doc in enumerate(data["documents"]):
        raw = paths.raw_dir(base) / doc["file"]
        try:
            digest = hashlib.sha256(raw.read_bytes()).hexdigest()
        except OSError:
            problems.add(rel, line_of(lines, ("documents", i, "file")), f"documents[{i}].file",
                         f"raw file datasets/raw/{doc['file']} does not exist", "missing-raw")
            continue
        if digest != doc["sha256"]:
            problems.add(rel, line_of(lines, ("documents", i, "sha256")), f"documents[{i}].sha256",
                         f"sha256 of {doc['file']} is {digest}, not the recorded hash: raw files must not be edited",
                         "hash-mismatch")
        manifest[doc["file"]] = doc
    return manifest


def load_guide(base: Path, path: Path, schema_validator, problems: ProblemList) -> Guide | None:
    """Read, parse and schema-check one source file; None if it cannot be used further."""
    rel = _relative(path, base)
    text = read_text(path, rel, problems)
    if text is None:
        return None
    data, lines = load_yaml(text, rel, problems, path)
    if data is None:
        return None
    before = len(problems)
    schema_problems(data, schema_validator, rel, lines, problems)
    if len(problems) > before:
        return None  # later checks assume the shape the schema guarantees
    if path.stem != data["id"]:
        problems.add(rel, line_of(lines, ("id",)), "id",
                     f"file name must be the guide id: rename to {data['id']}.yaml or change id", "file-name")
    raw_path = paths.raw_dir(base) / data["raw"]
    raw_text = raw_path.read_text(encoding="utf-8") if raw_path.is_file() else None
    return Guide(data, rel, lines, raw_text)


def load_guides(base: Path, problems: ProblemList, source_files: list[Path] | None = None) -> list[Guide]:
    """Every source file, without the checks that need the vocabularies (ingest's evaluation uses this)."""
    validator = SchemaCheck(_schema(base, "source.schema.json"))
    files = source_files if source_files is not None else sorted(paths.sources_dir(base).glob("*.yaml"))
    return [g for g in (load_guide(base, path, validator, problems) for path in files) if g is not None]


CODE_FILES = ("catalog.py", "checks.py", "quantities.py", "yamlio.py", "problems.py")


def _context_key(base: Path) -> str:
    """Everything a guide's checks depend on besides the guide and its raw file."""
    h = hashlib.sha256()
    inputs = [paths.schemas_dir(base) / "source.schema.json", paths.raw_dir(base) / "manifest.yaml"]
    inputs += sorted(paths.vocab_dir(base).glob("*.yaml")) + [Path(__file__).parent / f for f in CODE_FILES]
    for f in inputs:
        h.update(f.name.encode() + b"\0" + (f.read_bytes() if f.is_file() else b"") + b"\0")
    return h.hexdigest()


def _cached(catalog: Catalog, path: Path, key: str | None, cache_dir: Path | None):
    """(guide, problems) from the cache when neither the file nor anything it depends on changed."""
    cached = cache_dir / f"{key}.pickle" if cache_dir and key else None
    if not (cached and cached.is_file()):
        return None
    try:
        guide, found, raw_digest = pickle.loads(cached.read_bytes())
        if guide is None:
            return guide, found
        raw = paths.raw_dir(catalog.base) / guide.data["raw"]
        if raw.is_file() and hashlib.sha256(raw.read_bytes()).hexdigest() == raw_digest:
            return guide, found
    except Exception:  # a stale or unreadable cache entry is simply recomputed
        pass
    return None


def _check_one(catalog: Catalog, path: Path, validator: SchemaCheck) -> tuple:
    from .checks import check_guide

    found = ProblemList()
    guide = load_guide(catalog.base, path, validator, found)
    raw_digest = None
    if guide is not None:
        check_guide(catalog, guide, found)
        raw = paths.raw_dir(catalog.base) / guide.data["raw"]
        raw_digest = hashlib.sha256(raw.read_bytes()).hexdigest() if raw.is_file() else None
    return guide, found, raw_digest


def _store(cache_dir: Path, key: str, result: tuple) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / f"{key}.pickle"
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, target)


def load(base: Path | None = None, problems: ProblemList | None = None, cache: bool = True,
         jobs: int | None = None) -> tuple[Catalog, ProblemList]:
    """Load everything; the problems list is empty when the catalog is sound to publish.

    Each guide's result is cached under build/cache/ keyed by its file, its raw document, the
    schemas, vocabularies, manifest and checking code, so an edit re-checks only what it touches."""
    from .checks import check_catalog

    base = base or paths.root()
    problems = problems if problems is not None else ProblemList()
    vocab = load_vocabulary(base, problems)
    manifest = load_manifest(base, problems)
    catalog = Catalog(base, vocab, manifest, [])
    files = sorted(paths.sources_dir(base).glob("*.yaml"))
    validator = SchemaCheck(_schema(base, "source.schema.json"))
    if not vocab.units:  # without units nothing can be checked: report what the files themselves have
        catalog.guides = [g for g in (load_guide(base, f, validator, problems) for f in files) if g is not None]
        return catalog, problems
    context = _context_key(base)
    cache_dir = base / "build" / "cache" / "guides" if cache else None
    keys = {f: hashlib.sha256(context.encode() + f.read_bytes()).hexdigest() if f.is_file() else None for f in files}
    results = {f: _cached(catalog, f, keys[f], cache_dir) for f in files}
    todo = [f for f in files if results[f] is None]
    checked = parallel.fork_map(lambda f: _check_one(catalog, f, validator), todo, jobs)
    for f, result in zip(todo, checked):
        results[f] = result[:2]
        if cache_dir and keys[f]:
            _store(cache_dir, keys[f], result)
    for f in files:
        guide, found = results[f]
        problems.extend(found)
        if guide is not None:
            catalog.guides.append(guide)
    check_catalog(catalog, problems)
    return catalog, problems
