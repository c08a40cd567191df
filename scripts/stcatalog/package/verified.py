"""A record of the last drift check that found none: the key of the inputs (with the versions of the
libraries that write the package) and a digest of every package file. The package is made
deterministically, so while both are unchanged the drift check's answer is the same and the files
need not be made again (at 1,000 guides that is most of `validate`'s time). A fresh checkout (CI)
has no record and runs the full check. The record is signed with the machine's cache key, so a record
committed into a pull request is never trusted."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..sources.cache import signature

WRITERS = ("pyarrow", "XlsxWriter", "PyYAML")


def _record(base: Path) -> Path:
    return base / "build" / "cache" / "package-verified.json"


def _stamp(key: str) -> str:
    versions = []
    for name in WRITERS:
        try:
            versions.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name}=none")
    return " ".join([key, sys.version.split()[0], *versions])


def digests(target: Path) -> dict[str, str]:
    out = {}
    for path in sorted(p for p in target.rglob("*") if p.is_file()):
        with path.open("rb") as f:
            out[path.relative_to(target).as_posix()] = hashlib.file_digest(f, "sha256").hexdigest()
    return out


def unchanged(base: Path, target: Path, key: str) -> bool:
    """Whether the inputs and every package file are those the last clean drift check saw."""
    try:
        signed = json.loads(_record(base).read_text(encoding="utf-8"))
        body = signed["body"].encode("utf-8")
        if not (isinstance(signed["signature"], str) and hmac.compare_digest(signed["signature"], signature(body))):
            return False
        record = json.loads(body)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
    return isinstance(record, dict) and record.get("inputs") == _stamp(key) and record.get("files") == digests(target)


def remember(base: Path, target: Path, key: str) -> None:
    """Record a clean drift check (written to a temporary file, then renamed: never half a record)."""
    path = _record(base)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    body = json.dumps({"inputs": _stamp(key), "files": digests(target)}, sort_keys=True)
    signed = {"body": body, "signature": signature(body.encode("utf-8"))}
    tmp.write_text(json.dumps(signed), encoding="utf-8")
    os.replace(tmp, path)


def forget(base: Path) -> None:
    _record(base).unlink(missing_ok=True)
