"""`stcatalog serve`: build, serve site/ on 127.0.0.1, rebuild when a source file changes."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from pathlib import Path

from ..core import paths
from ..sources import load as catalog_mod
from .build import SiteError, build_site

WATCHED = (
    "datasets/sources",
    "datasets/vocabularies",
    "datasets/raw",
    "datasets/package.yaml",
    "docs",
    "mkdocs.yml",
    "mkdocs.en.yml",
)


def snapshot(base: Path) -> dict[str, float]:
    stamps = {}
    for name in WATCHED:
        path = base / name
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file()) if path.exists() else []
        for f in files:
            stamps[str(f)] = f.stat().st_mtime
    return stamps


def rebuild(base: Path) -> bool:
    cat, problems = catalog_mod.load(base)
    if problems:
        for p in problems:
            print(p.text(), file=sys.stderr)
        print("serve: problems found; still serving the previous build", file=sys.stderr)
        return False
    try:
        t0 = time.perf_counter()
        build_site(cat)
        print(f"serve: rebuilt in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        return True
    except SiteError as exc:
        print(exc, file=sys.stderr)
        return False


def serve(port: int, base: Path | None = None) -> int:
    base = base or paths.root()
    if not rebuild(base) and not (base / "site" / "index.html").exists():
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(base / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(
        f"serve: http://127.0.0.1:{port}/  (Ctrl+C to stop; edits under datasets/ and docs/ rebuild the site)",
        file=sys.stderr,
    )
    stamps = snapshot(base)
    try:
        while True:
            time.sleep(1)
            now = snapshot(base)
            if now != stamps:
                stamps = now
                rebuild(base)
    except KeyboardInterrupt:
        server.shutdown()
    return 0
