"""`stcatalog serve`: build, serve site/ on 127.0.0.1, rebuild when an input changes.

File events come from watchdog (installed with MkDocs), so an idle server costs nothing however large the
catalog is. Events are debounced, and each rebuild is `stcatalog site` in a child process started with
exec, never a fork beside the HTTP thread: a failed or killed rebuild leaves the served site whole.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..core import paths

# What a rebuild reads, relative to the repository root.
WATCHED = (
    "datasets",
    "schemas",
    "docs",
    "mkdocs.yml",
    "mkdocs.en.yml",
)
# Written by the build itself, or by editors and tools, never read by it.
IGNORED_PARTS = {"package", ".git", "__pycache__", ".pytest_cache"}
IGNORED_SUFFIXES = (".swp", ".swx", "~", ".tmp", ".part")
QUIET_SECONDS = 0.3


def relevant(base: Path, path: str) -> bool:
    """The event's file is one a rebuild reads (not the build's own output, not an editor's scratch file)."""
    try:
        rel = Path(path).resolve().relative_to(base)
    except ValueError:
        return False
    if not rel.parts or any(p in IGNORED_PARTS or p.startswith(".") for p in rel.parts):
        return False
    if rel.name.endswith(IGNORED_SUFFIXES):
        return False
    top = rel.parts[0] if len(rel.parts) > 1 else rel.name
    return top in WATCHED


class Debouncer(FileSystemEventHandler):
    """Collects relevant events; `wait` returns once they have stopped for QUIET_SECONDS."""

    def __init__(self, base: Path, quiet: float = QUIET_SECONDS):
        self.base, self.quiet = base, quiet
        self.changed = threading.Event()
        self.last = 0.0

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        names = [event.src_path, getattr(event, "dest_path", "")]
        if any(n and relevant(self.base, str(n)) for n in names):
            self.last = time.monotonic()
            self.changed.set()

    def wait(self, timeout: float | None = None) -> bool:
        """True when a burst of changes has ended; False when nothing changed within timeout."""
        if not self.changed.wait(timeout):
            return False
        while time.monotonic() - self.last < self.quiet:
            time.sleep(self.quiet / 3)
        self.changed.clear()
        return True


def rebuild(base: Path) -> bool:
    """`stcatalog site` in a child process; its problems and errors reach the terminal as they are."""
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "stcatalog.cli", "--root", str(base), "site"]
    done = subprocess.run(cmd, check=False).returncode == 0
    if done:
        print(f"serve: rebuilt in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    else:
        print("serve: the rebuild failed; still serving the previous build", file=sys.stderr)
    return done


def serve(port: int, base: Path | None = None) -> int:
    base = (base or paths.root()).resolve()
    if not rebuild(base) and not (base / "site" / "index.html").exists():
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(base / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    changes = Debouncer(base)
    observer = Observer()
    for name in WATCHED:
        if (base / name).is_dir():
            observer.schedule(changes, str(base / name), recursive=True)
    observer.schedule(changes, str(base), recursive=False)  # the two mkdocs files
    observer.start()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serve: http://127.0.0.1:{port}/  (Ctrl+C to stop; edits to {', '.join(WATCHED)} rebuild)", file=sys.stderr)
    try:
        while True:
            if changes.wait(timeout=1.0):
                rebuild(base)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.shutdown()
        observer.join(timeout=5)
    return 0
