"""Read the curated sources, vocabularies and manifest into the catalog, collecting every problem.

Loading never stops at the first problem. Each guide is read, schema-checked and checked by
`checks`, on every core, with results cached (see `cache`)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..checks import GuideIds, check_guide
from ..checks.references import route_message
from ..checks.schema import SchemaCheck, schema_problems
from ..checks.texts import text_problems
from ..core import parallel, paths
from ..core.problems import ProblemList, dotted
from ..core.routes import reserved_route
from ..model.catalog import VOCABULARIES, Catalog, Guide, Vocabulary, line_of
from . import cache
from .codelists import check_schema_enums, load_codelists
from .package_meta import load_package_meta
from .spool import GuideSpool
from .strict import bytes_for_key, decode_utf8, load_yaml, read_regular, read_text

# Vocabularies whose ids become paths of the site (domains/<id>/).
ROUTED = ("domains", "programmes")


def _schema(base: Path, name: str) -> dict:
    return json.loads((paths.schemas_dir(base) / name).read_text(encoding="utf-8"))


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
        text = read_text(path, rel, problems, base)
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
        for where, message, code in text_problems(data):
            problems.add(rel, line_of(lines, where), dotted(where), message, code)
        key = "terms" if name == "glossary" else name
        items = data[key]
        id_key = "code" if name == "regions" else "id"
        seen: dict = {}
        for i, item in enumerate(items):
            ident = item[id_key]
            if name in ROUTED and reserved_route(ident):
                problems.add(
                    rel,
                    line_of(lines, (key, i, id_key)),
                    f"{key}[{i}].{id_key}",
                    route_message(ident, name),
                    "reserved-id",
                )
            if ident in seen:
                problems.add(
                    rel,
                    line_of(lines, (key, i, id_key)),
                    f"{key}[{i}].{id_key}",
                    f"duplicate {id_key} '{ident}' (first at item {seen[ident]})",
                    "duplicate-id",
                )
            seen.setdefault(ident, i)
        if name == "glossary":
            vocab.glossary = items
        else:
            setattr(vocab, name, {item[id_key]: item for item in items})
    for i, region in enumerate(vocab.regions.values()):
        rel, lines = vocab.lines["regions"]
        for ref in [region.get("parent")] + list(region.get("members") or []):
            if ref is not None and ref not in vocab.regions:
                problems.add(
                    rel,
                    line_of(lines, ("regions", i)),
                    f"regions[{i}]",
                    f"region '{region['code']}' refers to unknown region '{ref}'",
                    "unknown-code",
                )
    return vocab


def load_manifest(base: Path, problems: ProblemList) -> dict:
    path = paths.raw_dir(base) / "manifest.yaml"
    rel = _relative(path, base)
    text = read_text(path, rel, problems, base)
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
        if os.path.lexists(raw):
            data = read_regular(raw, _relative(raw, base), problems, base)
            if data is None:
                continue
            digest = hashlib.sha256(data).hexdigest()
        else:
            problems.add(
                rel,
                line_of(lines, ("documents", i, "file")),
                f"documents[{i}].file",
                f"raw file datasets/raw/{doc['file']} does not exist",
                "missing-raw",
            )
            continue
        if digest != doc["sha256"]:
            problems.add(
                rel,
                line_of(lines, ("documents", i, "sha256")),
                f"documents[{i}].sha256",
                f"sha256 of {doc['file']} is {digest}, not the recorded hash: raw files must not be edited",
                "hash-mismatch",
            )
        manifest[doc["file"]] = doc
    return manifest


def load_guide(base: Path, path: Path, schema_validator, problems: ProblemList) -> Guide | None:
    """Read, parse and schema-check one source file; None if it cannot be used further."""
    rel = _relative(path, base)
    text = read_text(path, rel, problems, base)
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
        problems.add(
            rel,
            line_of(lines, ("id",)),
            "id",
            f"file name must be the guide id: rename to {data['id']}.yaml or change id",
            "file-name",
        )
    return Guide(data, rel, lines, read_raw(base, data["raw"], problems))


def read_raw(base: Path, name: str, problems: ProblemList) -> str | None:
    """A raw document's text; None when it is missing (the checks say so) or unusable (said here:
    a link, a folder, too large, not UTF-8)."""
    path = paths.raw_dir(base) / name
    if not os.path.lexists(path):
        return None
    rel = _relative(path, base)
    data = read_regular(path, rel, problems, base)
    return None if data is None else decode_utf8(data, rel, problems)


def list_sources(base: Path, problems: ProblemList) -> list[Path]:
    """The source files, <id>.yaml; anything else in datasets/sources/ but its README is refused,
    since a file silently skipped (a .yml, a .YAML) is a guide silently missing from the catalog."""
    folder = paths.sources_dir(base)
    files = []
    for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
        if entry.name.endswith(".yaml"):
            files.append(entry)
        elif entry.name != "README.md":
            stem = entry.name.split(".")[0] or entry.name
            problems.add(
                _relative(entry, base),
                None,
                "",
                f"not a source file: sources are named <id>.yaml; rename it to {stem}.yaml "
                "or move it out of datasets/sources/",
                "wrong-extension",
            )
    return files


def load_guides(base: Path, problems: ProblemList, source_files: list[Path] | None = None) -> list[Guide]:
    """Every source file, without the checks that need the vocabularies (ingest's evaluation uses this)."""
    validator = SchemaCheck(_schema(base, "source.schema.json"))
    files = source_files if source_files is not None else list_sources(base, problems)
    return [g for g in (load_guide(base, path, validator, problems) for path in files) if g is not None]


def _check_one(catalog: Catalog, path: Path, validator: SchemaCheck) -> tuple:
    found = ProblemList()
    guide = load_guide(catalog.base, path, validator, found)
    raw_digest = None
    if guide is not None:
        check_guide(catalog, guide, found)
        if guide.raw_text is not None:
            raw_digest = hashlib.sha256(guide.raw_text.encode("utf-8")).hexdigest()
    return guide, found, raw_digest


def load(
    base: Path | None = None, problems: ProblemList | None = None, use_cache: bool = True, jobs: int | None = None
) -> tuple[Catalog, ProblemList]:
    """Load everything; the problems list is empty when the catalog is sound to publish.

    Each guide's result is cached under build/cache/ keyed by its file, its raw document, the
    schemas, vocabularies, manifest and checking code, so an edit re-checks only what it touches."""
    base = base or paths.root()
    problems = problems if problems is not None else ProblemList()
    vocab = load_vocabulary(base, problems)
    manifest = load_manifest(base, problems)
    codelists = load_codelists(base, problems)
    check_schema_enums(base, codelists, problems)
    if os.path.lexists(paths.datasets(base) / "package.yaml"):  # a missing one is the package step's to report
        load_package_meta(base, problems)
    catalog = Catalog(base, vocab, manifest, [], codelists)
    files = list_sources(base, problems)
    validator = SchemaCheck(_schema(base, "source.schema.json"))
    if not vocab.units:  # without units nothing can be checked: report what the files themselves have
        catalog.guides = [g for g in (load_guide(base, f, validator, problems) for f in files) if g is not None]
        return catalog, problems
    context = cache.context_key(base)
    store = cache.Cache(base / "build" / "cache" / "guides" if use_cache else None)
    keys = {f: hashlib.sha256(context.encode() + bytes_for_key(f)).hexdigest() for f in files}
    # Streamed: each guide, from the cache or checked on the other cores, goes to the spool as it comes
    # and only its problems stay; the spool is put back into file order at the end.
    spool = GuideSpool()
    slot: dict[Path, int] = {}
    found_in: dict[Path, list] = {}
    named: dict[Path, Guide] = {}  # what the check across guides reads: id, file, line map

    def keep(f: Path, guide: Guide | None, found: list) -> None:
        found_in[f] = found
        if guide is not None:
            slot[f] = len(spool)
            spool.append(guide)
            named[f] = Guide({"id": guide.id}, guide.rel, guide.lines, None)

    todo = []
    for f in files:
        result = store.get(keys[f], f, base)
        if result is None:
            todo.append(f)
        else:
            keep(f, *result)
    checked = parallel.fork_imap(lambda f: _check_one(catalog, f, validator), todo, jobs)
    for f, (guide, found, raw_digest) in zip(todo, checked, strict=True):  # strict: the pool is closed at the end
        store.put(keys[f], guide, found, raw_digest)
        keep(f, guide, found)
    duplicates, ids = ProblemList(), GuideIds()
    for f in files:
        problems.extend(found_in[f])
        if f in named:
            ids.add(named[f], duplicates)
    spool.reorder([slot[f] for f in files if f in slot])
    catalog.guides = spool
    problems.extend(duplicates)  # the checks across guides, after every guide's own
    problems[:] = list(dict.fromkeys(problems))  # a raw document shared by guides is reported once
    return catalog, problems
