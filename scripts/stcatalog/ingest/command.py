"""`stcatalog ingest`: draft one document, or --evaluate drafts against answers. Every bad input ends in
one plain line with its problem code; the draft is written atomically, only inside the folder named
(build/drafts/ by default, or the file --out names), and nothing is written when anything fails."""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

from ..core import paths
from ..core.problems import ProblemList
from ..sources.load import load_vocabulary
from .draft import draft, write_yaml
from .errors import DocumentError
from .evaluate import evaluate, evaluate_folder, format_table
from .formats import read_path

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _guide_id(given: str | None, raw: Path) -> str:
    if given is None:
        return "draft-" + (re.sub(r"[^a-z0-9]+", "-", raw.stem.lower()).strip("-") or "document")
    if not SLUG.fullmatch(given) or len(given) > 100:
        raise DocumentError(
            f"--id {given!r} is not a slug (lower-case letters, digits and single hyphens): it names a file",
            "ingest-unsafe-path",
            str(raw),
            "--id",
        )
    return given


def _out_path(given: str | None, guide_id: str) -> Path:
    if given is None:
        folder = paths.root() / "build" / "drafts"
        return folder / f"{guide_id}.yaml"
    out = Path(given)
    if given.endswith(("/", os.sep)) or out.is_dir():
        raise DocumentError(
            "--out names a folder; give the file to write, e.g. build/drafts/x.yaml",
            "ingest-unsafe-path",
            given,
            "--out",
        )
    if out.is_symlink():
        raise DocumentError("--out is a symbolic link; give a plain file path", "ingest-unsafe-path", given, "--out")
    if out.suffix not in (".yaml", ".yml"):
        raise DocumentError("--out must end in .yaml", "ingest-unsafe-path", given, "--out")
    return out


def _write(out: Path, doc: dict) -> None:
    """Write beside the target, then rename: a reader never sees half a draft."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.tmp-", dir=out.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            write_yaml(doc, handle)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except OSError as exc:
        raise DocumentError(f"cannot write: {exc.strerror or exc}", "ingest-unreadable", str(out)) from None


def _evaluate(folder: str | None) -> int:
    t0 = time.perf_counter()
    results = evaluate_folder(Path(folder)) if folder else evaluate()
    print(format_table(results))
    print(f"ingest: scored {len(results)} document(s) in {time.perf_counter() - t0:.2f} s", file=sys.stderr)
    return 0


def run(raw: str | None, out: str | None, guide_id: str | None, evaluate_dir: str | None, evaluate_on: bool) -> int:
    try:
        if evaluate_on:
            return _evaluate(evaluate_dir)
        if not raw:
            print("ingest: give a raw file, or --evaluate [DIR]", file=sys.stderr)
            return 2
        path = Path(raw)
        problems = ProblemList()
        vocab = load_vocabulary(paths.root(), problems)
        if problems:
            for p in problems:
                print(p.text())
            return 1
        gid = _guide_id(guide_id, path)
        target = _out_path(out, gid)
        t0 = time.perf_counter()
        source = read_path(path)
        doc, doubts = draft(source.text, vocab, gid, path.name, source)
        elapsed = time.perf_counter() - t0
        _write(target, doc)
    except DocumentError as exc:
        print(exc.problem().text(), file=sys.stderr)
        return 1
    counts = ", ".join(
        f"{len(doc.get(k) or [])} {k}"
        for k in ("sections", "scopes", "projects", "indicators", "funding", "ratios", "requirements", "contacts")
    )
    print(
        f"ingest: wrote {target} in {elapsed:.2f} s ({source.format}, sha256 {source.raw_sha256[:12]}): {counts}",
        file=sys.stderr,
    )
    for doubt in doubts:
        print(f"  doubtful: {doubt}", file=sys.stderr)
    return 0
