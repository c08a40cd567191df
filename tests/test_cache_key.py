"""The machine key that signs cache entries and the drift record (sources/cache.py)."""

from __future__ import annotations

import hashlib
import hmac
import os
import subprocess
import sys

from .conftest import REPO

_SIGN = "from stcatalog.sources.cache import signature; print(signature(b'body'))"


def _sign(cache_home, count: int = 1) -> list[str]:
    """Signatures of the same body from `count` processes started together."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONPATH": str(REPO / "scripts")}
    procs = [
        subprocess.Popen([sys.executable, "-c", _SIGN], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(count)
    ]
    return [p.communicate()[0].strip() for p in procs]


def test_processes_started_together_share_one_key(tmp_path):
    signatures = _sign(tmp_path, 8)
    key = (tmp_path / "stcatalog/cache-key").read_bytes()
    assert len(key) == 32
    assert set(signatures) == {hmac.new(key, b"body", hashlib.sha256).hexdigest()}
    assert [p.name for p in (tmp_path / "stcatalog").iterdir()] == ["cache-key"]  # no temporary file left


def test_a_short_key_file_is_never_used(tmp_path):
    (tmp_path / "stcatalog").mkdir()
    (tmp_path / "stcatalog/cache-key").write_bytes(b"")
    first, second = _sign(tmp_path, 2)
    assert first != hmac.new(b"", b"body", hashlib.sha256).hexdigest()
    assert first != second  # a key for one run only: nothing signed with it is trusted later
