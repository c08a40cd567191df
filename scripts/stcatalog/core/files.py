"""Writing trees of files: atomically for outputs, minimally for work folders."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path


def link_tree(source: Path, target: Path) -> None:
    """Hard-link (or, across devices, copy) every file of source into target. Safe for trees that are
    only ever replaced whole, never edited in place, such as the package."""
    for src in sorted(source.rglob("*")):
        if src.is_file():
            dest = target / src.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(src, dest)
            except OSError:
                shutil.copy2(src, dest)


@contextmanager
def atomic_dir(target: Path):
    """Yield a fresh folder beside target; swap it in only if the block completes, so target is never half-written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        yield tmp
        old = target.parent / f".{target.name}.old"
        if old.exists():
            shutil.rmtree(old)
        if target.exists():
            os.replace(target, old)
        os.replace(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_files(files: dict[str, bytes] | Iterable[tuple[str, bytes]], folder: Path) -> int:
    count = 0
    for rel, data in sorted(files.items()) if isinstance(files, dict) else files:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        count += 1
    return count


def write_tree(files: dict[str, bytes] | Iterable[tuple[str, bytes]], target: Path) -> int:
    """Replace target with exactly these files, atomically; returns how many."""
    with atomic_dir(target) as tmp:
        return write_files(files, tmp)


def sync_tree(files: dict[str, bytes], target: Path) -> list[str]:
    """Make target hold exactly these files, rewriting only those whose bytes differ, so unchanged files
    keep their timestamps (for MkDocs' dirty builds). For work folders, not outputs: it is not atomic.
    Returns the paths rewritten."""
    existing = (
        {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()} if target.is_dir() else set()
    )
    changed = []
    for rel, data in sorted(files.items()):
        path = target / rel
        if rel in existing and path.stat().st_size == len(data) and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        changed.append(rel)
    for rel in sorted(existing - set(files)):
        (target / rel).unlink()
    return changed
