"""datasets/package.yaml, the release metadata: read strictly and checked like every curated file,
so a broken or hostile field is one plain problem (file, line, field), never an exception."""

from __future__ import annotations

from pathlib import Path

from ..checks.schema import schema_problems
from ..checks.texts import text_problems
from ..core import paths
from ..core.problems import ProblemList, dotted
from ..model.catalog import line_of
from .strict import load_yaml, read_text

REL = "datasets/package.yaml"
_TEXT = {"type": "string", "minLength": 1, "maxLength": 2000}
_BITEXT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["zh", "en"],
    "properties": {"zh": _TEXT, "en": _TEXT},
}
_VERSION = {"type": "string", "pattern": r"^[0-9]+\.[0-9]+\.[0-9]+$"}
_DATE = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"}
_URL = {"type": "string", "pattern": r"^https?://[^\s<>\"']+$", "maxLength": 500}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "name",
        "version",
        "created",
        "title",
        "description",
        "public_url",
        "keywords",
        "licenses",
        "contributors",
        "changelog",
    ],
    "properties": {
        "name": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 64},
        "version": _VERSION,
        "created": _DATE,
        "title": _BITEXT,
        "description": _BITEXT,
        "public_url": {"anyOf": [_URL, {"type": "null"}]},  # null: no public URL yet (see core/public_url.py)
        "keywords": {"type": "array", "items": _TEXT, "maxItems": 50},
        "licenses": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "title", "path"],
                "properties": {"name": _TEXT, "title": _TEXT, "path": _URL},
            },
        },
        "contributors": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["title", "role"],
                "properties": {"title": _TEXT, "role": _TEXT},
            },
        },
        "changelog": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["version", "date", "changes"],
                "properties": {"version": _VERSION, "date": _DATE, "changes": _BITEXT},
            },
        },
    },
}
# The changelog names files by pattern (parquet/<table>.parquet): tag-like, not markup, and the site
# shows it escaped. Every other text must be plain.
_PATTERNS_ALLOWED = ("changelog",)


def load_package_meta(base: Path | None, problems: ProblemList) -> dict | None:
    """The release metadata, or None after recording every problem it has."""
    path = paths.datasets(base) / "package.yaml"
    text = read_text(path, REL, problems, base or paths.root())
    if text is None:
        return None
    data, lines = load_yaml(text, REL, problems)
    if data is None:
        return None
    before = len(problems)
    schema_problems(data, SCHEMA, REL, lines, problems)
    if len(problems) > before:
        return None
    for where, message, code in text_problems(data):
        if code == "markup" and where[0] in _PATTERNS_ALLOWED:
            continue
        problems.add(REL, line_of(lines, where), dotted(where), message, code)
    return data if len(problems) == before else None


class PackageMetaError(ValueError):
    """package.yaml has problems; the message lists them, one a line."""


def package_meta(base: Path | None = None) -> dict:
    """The release metadata of a catalog that has passed validation (load() reports the problems)."""
    found = ProblemList()
    meta = load_package_meta(base, found)
    if meta is None:
        raise PackageMetaError("\n".join(p.text() for p in found))
    return meta
