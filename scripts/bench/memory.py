"""Where the memory of `validate` and `build` goes, stage by stage, for the benchmark README.

    .venv/bin/python scripts/bench/memory.py build/bench/n1000          # a catalog run.py made

Runs the stages of both commands in this process (warm caches, one core: no forks, so that every
allocation is seen) under tracemalloc, and prints after each stage the Python memory still held,
grouped by the module that allocated it, with the stage's own peak. RSS is printed beside it (the
process's high-water mark so far), since memory outside Python's allocator (DuckDB, Arrow) is not
traced."""

from __future__ import annotations

import gc
import resource
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from stcatalog.core import parallel  # noqa: E402
from stcatalog.core.problems import ProblemList  # noqa: E402
from stcatalog.package.checks import check_drift, check_json_outputs  # noqa: E402
from stcatalog.package.columnar import check_tables  # noqa: E402
from stcatalog.package.export import package_files, package_meta  # noqa: E402
from stcatalog.sources import load as catalog_mod  # noqa: E402

# (label, a substring of the allocating frame's file), first match wins; the rest by module file.
GROUPS = [
    ("YAML parse / cached JSON (the guides' data)", ("/yaml/", "/json/decoder", "sources/cache.py", "sources/strict")),
    ("raw documents' text", ("sources/load.py",)),
    ("pickle (results from the workers)", ("/multiprocessing/", "pickle")),
    ("table rows (package/tables, guide_facts, keyfacts)", ("package/tables", "guide_facts", "model/keyfacts")),
    ("CSV / JSON / XLSX encoding", ("package/encode", "/csv.py", "/xlsxwriter/", "/json/encoder")),
    ("Parquet (pyarrow)", ("package/parquet", "/pyarrow/")),
    ("drift check (files compared)", ("package/checks",)),
    ("problems", ("core/problems",)),
]


def group_of(filename: str) -> str:
    for label, needles in GROUPS:
        if any(n in filename for n in needles):
            return label
    return filename.split("/site-packages/")[-1].split("/scripts/")[-1]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def report(stage: str, t0: float) -> None:
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    by_group: dict[str, int] = defaultdict(int)
    for stat in tracemalloc.take_snapshot().statistics("traceback"):
        # the innermost frame of the project or the library that asked for the memory
        frames = [f.filename for f in stat.traceback]
        by_group[group_of(frames[-1] if frames else "?")] += stat.size
    print(f"\n## {stage}: held {current / 1e6:.0f} MB, peak {peak / 1e6:.0f} MB, RSS high-water {rss_mb():.0f} MB, "
          f"{time.perf_counter() - t0:.1f} s")  # fmt: skip
    for label, size in sorted(by_group.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {size / 1e6:8.1f} MB  {label}")
    tracemalloc.reset_peak()


def main() -> None:
    base = Path(sys.argv[1]).resolve()
    parallel._can_fork = lambda: False  # type: ignore[assignment]  # every allocation in this process
    tracemalloc.start(1)
    t0 = time.perf_counter()
    cat, problems = catalog_mod.load(base)
    assert not problems, problems[:3]
    report("load (warm cache)", t0)
    meta = package_meta(base)
    files = 0
    t0 = time.perf_counter()
    for _name, _data in package_files(cat, meta, fork=False):
        files += 1
    report(f"package files made ({files})", t0)
    found = ProblemList()
    target, rel = base / "datasets/package", "datasets/package"
    t0 = time.perf_counter()
    check_drift(cat, target, rel, found)
    report("drift check", t0)
    t0 = time.perf_counter()
    check_tables(target, rel, found)
    report("columnar check (DuckDB; its own memory is not traced)", t0)
    t0 = time.perf_counter()
    check_json_outputs(target, rel, found)
    report("JSON Schemas of the JSON outputs", t0)
    assert not found, found[:3]


if __name__ == "__main__":
    main()
