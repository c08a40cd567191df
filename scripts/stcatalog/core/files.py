"""Writing trees of files: atomically for outputs, minimally for work folders."""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager, suppress
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


# Written beside a folder given with --out (.<name>.stcatalog), so a later run knows the folder is
# its own to replace. Beside, not inside, so the folder holds exactly the published files.
MARKER_SUFFIX = ".stcatalog"
DIR_MODE, FILE_MODE = 0o755, 0o644  # published trees are world-readable, whatever the umask


class OutputError(RuntimeError):
    """An output folder that must not be replaced; the message says why and what to do."""


def check_output_folder(target: Path) -> None:
    """Refuse to replace a folder that stcatalog did not write (an --out pointing at real files)."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise OutputError(f"{target} exists and is not a folder; give a new or empty folder")
    if target.is_dir() and any(target.iterdir()) and not marker_of(target).is_file():
        raise OutputError(
            f"{target} is not empty and was not written by stcatalog; give a new or empty folder (nothing was changed)"
        )


def custom_output(target: Path | None, default: Path) -> bool:
    """Whether target is a folder other than the default output; if so it is checked first (a custom
    output is marked as stcatalog's when written, so that the next run may replace it)."""
    if target is None or target.resolve() == default.resolve():
        return False
    check_output_folder(target)
    return True


def marker_of(target: Path) -> Path:
    return target.parent / f".{target.name}{MARKER_SUFFIX}"


def _remove(folder: Path) -> None:
    """Remove a tree, making read-only folders in it writable first."""

    def retry(func, path, _exc):
        os.chmod(os.path.dirname(path), DIR_MODE)
        if os.path.isdir(path) and not os.path.islink(path):
            os.chmod(path, DIR_MODE)
        func(path)

    if folder.is_dir() and not folder.is_symlink():
        os.chmod(folder, DIR_MODE)
        handler = {"onexc" if sys.version_info >= (3, 12) else "onerror": retry}
        shutil.rmtree(folder, **handler)  # type: ignore[arg-type]
    elif folder.is_symlink() or folder.exists():
        folder.unlink()


def clean_leftovers(target: Path) -> list[Path]:
    """Remove what a killed run left beside target (.<name>.tmp-*, .<name>.old), first putting the
    previous output back if the run died in the middle of the swap. Call it only while
    holding the build lock, or it could remove the folder another run is writing."""
    old = target.parent / f".{target.name}.old"
    if old.is_dir() and not os.path.lexists(target):  # killed between the two renames of the swap
        os.replace(old, target)
    found = sorted(target.parent.glob(f".{target.name}.tmp-*")) + [old]
    removed = []
    for leftover in found:
        if os.path.lexists(leftover):
            _remove(leftover)
            removed.append(leftover)
    return removed


def set_modes(folder: Path) -> None:
    """Folders 0755, files 0644: a web server running as another user must read what is published."""
    for dirpath, _dirs, files in os.walk(folder):
        os.chmod(dirpath, DIR_MODE)
        for name in files:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path) and os.stat(path).st_mode & 0o777 != FILE_MODE:
                os.chmod(path, FILE_MODE)


@contextmanager
def atomic_dir(target: Path, marker: bool = False):
    """Yield a fresh folder beside target; swap it in only if the block completes, so target is never
    half-written. A read-only target is refused, not replaced; with marker, the new folder is marked
    as stcatalog's (see check_output_folder). The caller holds the build lock."""
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(target)
    if target.is_dir() and not target.stat().st_mode & stat.S_IWUSR:
        raise OutputError(
            f"{target} is read-only, so it was not replaced; make it writable (chmod -R u+w {target}) "
            "or remove it, then run again"
        )
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    old = target.parent / f".{target.name}.old"
    try:
        yield tmp
        if marker:
            marker_of(target).write_bytes(
                f"{target.name} was written by stcatalog; the next run replaces it\n".encode()
            )
        set_modes(tmp)
        if target.exists():
            os.replace(target, old)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    with suppress(OSError):  # the new folder is in place; the next run removes the old one
        _remove(old)


def write_files(files: dict[str, bytes] | Iterable[tuple[str, bytes | Path]], folder: Path) -> int:
    """Write each file; a file given as a Path (a finished file of the producer's, e.g. a large table
    written in pieces) is moved in, or copied where it cannot be moved."""
    count = 0
    for rel, data in sorted(files.items()) if isinstance(files, dict) else files:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Path):
            shutil.move(data, path)
        else:
            path.write_bytes(data)
        count += 1
    return count


def write_tree(files: dict[str, bytes] | Iterable[tuple[str, bytes | Path]], target: Path, marker: bool = False) -> int:
    """Replace target with exactly these files, atomically; returns how many."""
    with atomic_dir(target, marker) as tmp:
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


def publish(work: Path, dest: Path, previous: Path) -> None:
    """Copy a rendered language into the new site. A file unchanged since the last build (the same size
    and modification time as the published copy) is hard-linked from the previous site instead; files
    already in dest (written before) are kept."""
    for src in sorted(work.rglob("*")):
        target = dest / src.relative_to(work)
        if not src.is_file() or target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        old, st = previous / src.relative_to(work), src.stat()
        try:
            ost = old.stat()
            if (ost.st_size, ost.st_mtime_ns) == (st.st_size, st.st_mtime_ns):
                os.link(old, target)
                continue
        except OSError:
            pass
        shutil.copy2(src, target)
