"""The per-guide validation cache under build/cache/guides/: inert JSON, never code.

An entry is keyed by the guide file and everything its checks depend on, and signed with a key
kept outside the repository (in the user's cache folder), so an entry added by a pull request is
never trusted: it fails the signature and the guide is simply checked again."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from pathlib import Path

from ..core import paths
from ..core.problems import Problem, ProblemList
from ..model.catalog import Guide
from .strict import LineMap, read_regular

# The code a guide's checks depend on: any change to it invalidates every entry.
CODE_PACKAGES = ("core", "model", "checks", "sources")


_KEY_BYTES = 32


def _secret() -> bytes:
    """This machine's signing key, made once: written to a temporary file and linked into place, so that
    a process starting beside the one making it never reads a key that is not yet written."""
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "stcatalog"
    key_file = home / "cache-key"
    with contextlib.suppress(OSError):
        key = key_file.read_bytes()
        if len(key) == _KEY_BYTES:
            return key
    try:
        home.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".cache-key.", dir=home)  # mode 0600
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(secrets.token_bytes(_KEY_BYTES))
            with contextlib.suppress(FileExistsError):  # another process made it first: theirs stands
                os.link(tmp, key_file)
        finally:
            os.unlink(tmp)
        key = key_file.read_bytes()
        if len(key) == _KEY_BYTES:
            return key
    except OSError:
        pass
    return secrets.token_bytes(_KEY_BYTES)  # no usable key file: a key for this run only (the cache never hits)


def signature(body: bytes) -> str:
    """An HMAC of body with this machine's key (kept outside the repository): a record that a pull request
    brings along, in build/ or anywhere else, cannot carry a valid one."""
    return hmac.new(_secret(), body, hashlib.sha256).hexdigest()


def context_key(base: Path) -> str:
    """Everything a guide's checks depend on besides the guide and its raw file."""
    h = hashlib.sha256()
    code = Path(__file__).resolve().parents[1]
    inputs = [paths.schemas_dir(base) / "source.schema.json", paths.raw_dir(base) / "manifest.yaml"]
    inputs += sorted(paths.vocab_dir(base).glob("*.yaml"))
    inputs += [f for pkg in CODE_PACKAGES for f in sorted((code / pkg).glob("*.py"))]
    for f in inputs:
        h.update(f.name.encode() + b"\0" + (f.read_bytes() if f.is_file() else b"") + b"\0")
    return h.hexdigest()


class Cache:
    def __init__(self, folder: Path | None):
        self.folder = folder
        self._key = _secret() if folder else b""

    def _sign(self, body: bytes) -> str:
        return hmac.new(self._key, body, hashlib.sha256).hexdigest()

    def get(self, key: str | None, path: Path, base: Path) -> tuple[Guide | None, list[Problem]] | None:
        """(guide, problems) when the entry exists, is ours, and its raw document is unchanged."""
        if not self.folder or not key:
            return None
        entry = self.folder / f"{key}.json"
        try:
            signature, body = entry.read_bytes().split(b"\n", 1)
            if not hmac.compare_digest(signature.decode("ascii"), self._sign(body)):
                return None
            stored = json.loads(body)
            found = [Problem(*p) for p in stored["problems"]]
            if stored["guide"] is None:
                return None, found
            data = stored["guide"]["data"]
            raw = paths.raw_dir(base) / data["raw"]
            raw_bytes = read_regular(raw, "", ProblemList(), base)  # no link, nothing oversized
            if raw_bytes is None or hashlib.sha256(raw_bytes).hexdigest() != stored["raw_sha256"]:
                return None
            return Guide(data, stored["guide"]["rel"], LineMap(path), raw_bytes.decode("utf-8")), found
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
            return None  # missing, stale, foreign or unreadable: checked again

    def put(self, key: str | None, guide: Guide | None, found: list[Problem], raw_sha256: str | None) -> None:
        if not self.folder or not key:
            return
        stored = {
            "guide": None if guide is None else {"data": guide.data, "rel": guide.rel},
            "problems": [[p.file, p.line, p.field, p.message, p.code, p.row] for p in found],
            "raw_sha256": raw_sha256,
        }
        body = json.dumps(stored, ensure_ascii=False, sort_keys=True).encode("utf-8")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self.folder / f"{key}.json"
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(self._sign(body).encode("ascii") + b"\n" + body)
            os.replace(tmp, target)
        except OSError:
            pass  # a cache that cannot be written only costs time
