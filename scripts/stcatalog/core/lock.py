"""One build or site at a time per repository: both write build/ and read or replace the package,
so two at once would pull folders from under each other. The lock is an flock on build/.lock, which
the kernel releases when its process ends, however it ends (a killed build never leaves it held)."""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

WAIT_ENV = "STCATALOG_LOCK_WAIT"  # seconds a second run waits for the first (default below)
DEFAULT_WAIT = 300.0


class LockBusy(RuntimeError):
    """Another build or site held the lock for longer than the wait allows."""


def lock_path(base: Path) -> Path:
    return base / "build" / ".lock"


@contextmanager
def exclusive(base: Path, what: str, wait: float | None = None) -> Iterator[None]:
    """Hold the repository's build lock for the block; wait up to `wait` seconds for another holder."""
    if wait is None:
        wait = float(os.environ.get(WAIT_ENV) or DEFAULT_WAIT)
    path = lock_path(base)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                if time.monotonic() >= deadline:
                    raise LockBusy(
                        f"another stcatalog build or site (pid {holder}) is running in {base}; "
                        f"waited {wait:.0f} s: try again when it has finished"
                    ) from None
                if not told:
                    print(
                        f"stcatalog {what}: waiting for another build or site (pid {holder}) to finish",
                        file=sys.stderr,
                    )
                    told = True
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock
