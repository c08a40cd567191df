"""Benchmark the pipeline on synthetic catalogs of N guides and print a table.

    .venv/bin/python scripts/bench/run.py                 # N = 5, 100, 1000
    .venv/bin/python scripts/bench/run.py --sizes 5 100   # chosen sizes
    .venv/bin/python scripts/bench/run.py --sizes 10000   # the large one (minutes)

Stages: load and validate the sources (cold), export the package, the site (pages, render and search
index, pipelined per language on both cores), the same Markdown rendered by a plain MkDocs build, and
the package's checks (drift, the columnar Table Schema check, JSON Schemas; frictionless timed
beside them) against a plain CSV parse; then one guide is edited and everything rebuilt (warm caches,
dirty render). Then `build`, `validate` and `site` each run as a command of its own, for its time
and peak memory. Also site size and search index bytes; with --browser, the bytes and time of a
search in Chromium. Last, every goal of issue 15 with its figure and met/missed (goals.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import REPO, edit_one_guide, make_corpus  # noqa: E402
from goals import goal_lines  # noqa: E402
from search import QUERIES, measure_search  # noqa: E402

from stcatalog.core.problems import ProblemList  # noqa: E402
from stcatalog.package import verified  # noqa: E402
from stcatalog.package.checks import check_drift, check_frictionless, check_json_outputs  # noqa: E402
from stcatalog.package.columnar import check_tables  # noqa: E402
from stcatalog.package.export import inputs_key, package_files, package_meta, write_package  # noqa: E402
from stcatalog.site.build import build_site  # noqa: E402
from stcatalog.sources import load as catalog_mod  # noqa: E402


def timed(fn, *args):
    t0 = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - t0


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def plain_mkdocs(base: Path, out: Path) -> float:
    """The same generated Markdown through MkDocs Material with no hook and no extras, one language after the other."""
    t0 = time.perf_counter()
    for lang, config in (("zh", "mkdocs.yml"), ("en", "mkdocs.en.yml")):
        text = (base / config).read_text(encoding="utf-8")
        plain = base / f"plain.{config}"
        text = text.replace("INHERIT: mkdocs.yml", "INHERIT: plain.mkdocs.yml")
        text = "\n".join(line for line in text.splitlines() if "docs/hooks/" not in line and line.strip() != "hooks:")
        plain.write_text(text, encoding="utf-8")
    for lang, config in (("zh", "plain.mkdocs.yml"), ("en", "plain.mkdocs.en.yml")):
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", config, "-d", str(out / lang)],
            cwd=base,
            check=True,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        )
    return time.perf_counter() - t0


def csv_parse(package: Path) -> float:
    t0 = time.perf_counter()
    for path in sorted((package / "data").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for _ in csv.reader(f):
                pass
    return time.perf_counter() - t0


def run(
    n: int,
    work: Path,
    site: bool,
    browser: bool = False,
    plain: bool = True,
    incremental: bool = True,
    package_check: bool = True,
    frictionless: bool = True,
    commands: bool = True,
    reuse: bool = False,
    commands_only: bool = False,
) -> dict:
    base = work / f"n{n}"
    kept = (base / "site").is_dir() or (commands_only and (base / "datasets/sources").is_dir())
    if reuse and kept:  # the catalog and its last site as they are; the code's docs/
        shutil.copytree(REPO / "docs", base / "docs", dirs_exist_ok=True)
    else:
        base = make_corpus(n, base)
    row = {"N": n}
    if commands_only:  # the caches warmed by a command of its own (nothing loaded here), then the commands
        row["cmd-load-cold-s"], row["cmd-load-cold-MB"] = command(base, "validate", "--sources-only")
        row = finish(row, base, True, False)  # `build` first: the package `validate` checks
        row["csv-parse"] = csv_parse(base / "datasets/package")
        return row
    (cat, problems), row["load+validate"] = timed(catalog_mod.load, base)  # cold: a new corpus has no cache
    assert not problems, "\n".join(p.text() for p in problems[:20])
    meta = package_meta(base)
    if site:
        # As `stcatalog site` (and `make serve`): from the sources, the package made inside while MkDocs renders.
        t = build_site(cat, base / "site")
        row.update(site_row(t, ""))
        row["pipeline"] = row["load+validate"] + row["site"]
        row["pages-per-lang"] = t["pages_per_language"]["zh"]
        row["site-MB"] = folder_bytes(base / "site") / 1e6
        for lang in ("zh", "en"):
            row[f"search-{lang}-KB"] = folder_bytes(base / "site" / lang / "pagefind") / 1e3
        if plain:
            row["plain-render"] = plain_mkdocs(base, base / "plain-site")
        if browser:
            row.update(measure_search(base / "site"))
        partial(row)
    _, row["export"] = timed(write_package, package_files(cat, meta), base, inputs_key(base))  # `stcatalog build`
    partial(row)
    if package_check:
        row.update(package_checks(cat, base / "datasets/package", frictionless))
        row["validate"] = row["load+validate"] + row["validate-package"]
    row["csv-parse"] = csv_parse(base / "datasets/package")
    row["package-MB"] = folder_bytes(base / "datasets/package") / 1e6
    if site and plain:
        # As in CI and deployment: the package built (or validated) already, the site renders from scratch.
        shutil.rmtree(base / "build/site-work")
        shutil.rmtree(base / "build/docs")
        row["site-linked"] = build_site(cat, base / "site")["total"]
        row["pipeline-linked"] = row["load+validate"] + row["site-linked"]
    if not (site and incremental):
        return finish(row, base, commands, site)
    # One guide changes: validation, the package (`stcatalog build`) and the site (which links the
    # package just built rather than making it a second time), as a curator's `build` then `site`.
    edit_one_guide(base)
    (cat, problems), row["inc-load"] = timed(catalog_mod.load, base)
    assert not problems, "\n".join(p.text() for p in problems[:20])
    _, row["inc-export"] = timed(write_package, package_files(cat, meta), base, inputs_key(base))
    t = build_site(cat, base / "site")
    assert all(t["dirty"].values()), t["dirty"]
    row.update(site_row(t, "inc-"))
    row["inc-site-total"] = row["inc-load"] + row["inc-site"]
    return finish(row, base, commands, site)


def package_checks(cat, target: Path, frictionless: bool) -> dict:
    """The stages of the package check, timed one by one (check_package runs the first three)."""
    rel, found, row, key = "datasets/package", ProblemList(), {}, inputs_key(cat.base)
    _, row["drift"] = timed(check_drift, cat, target, rel, found, key)  # in full, then recorded
    _, row["drift-recorded"] = timed(check_drift, cat, target, rel, found, key)  # the record trusted
    _, row["columnar"] = timed(check_tables, target, rel, found)
    _, row["json-schemas"] = timed(check_json_outputs, target, rel, found)
    row["validate-package"] = row["drift"] + row["columnar"] + row["json-schemas"]
    row["validate-package-recorded"] = row["drift-recorded"] + row["columnar"] + row["json-schemas"]
    if frictionless:
        _, row["frictionless"] = timed(check_frictionless, target, rel, found)
    assert not found, [p.text() for p in found[:5]]
    return row


# Runs a command as its child and prints the child's peak RSS (the largest of its processes, in KB).
RSS_WRAPPER = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], stdout=sys.stderr); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)"
)


def command(base: Path, *args: str) -> tuple[float, float]:
    """`stcatalog ARGS` in a process of its own: wall seconds and peak RSS in MB."""
    env = dict(os.environ, PYTHONPATH=str(HERE.parent), STCATALOG_ROOT=str(base), NO_MKDOCS_2_WARNING="1")
    argv = [sys.executable, "-c", RSS_WRAPPER, sys.executable, "-m", "stcatalog.cli", "--root", str(base), *args]
    t0 = time.perf_counter()
    out = subprocess.run(argv, env=env, capture_output=True, text=True)
    if out.returncode:  # say why: the command's own messages (its stdout goes to stderr in the wrapper)
        raise SystemExit(f"bench: `stcatalog {' '.join(args)}` failed (exit {out.returncode}):\n{out.stderr.strip()}")
    return time.perf_counter() - t0, int(out.stdout.split()[-1]) / 1e3


def partial(row: dict) -> None:
    """The figures so far, on stderr, so that a long run that fails late still leaves them."""
    print("partial: " + json.dumps(row), file=sys.stderr, flush=True)


def site_row(t: dict, prefix: str) -> dict:
    render = max(t["rendered_zh"], t["rendered_en"])
    return {
        f"{prefix}pages": t["pages"],
        f"{prefix}render": render,
        f"{prefix}search-index": t["indexed"] - render,
        f"{prefix}site": t["total"],
        f"{prefix}data": t.get("data", 0.0),
        f"{prefix}extras": t.get("extras", 0.0),
        f"{prefix}publish": t.get("publish", 0.0),
    }


def finish(row: dict, base: Path, commands: bool, site: bool) -> dict:
    if commands:  # warm caches, the package current: what a curator's `build`, `validate`, `site` cost
        # validate twice: in full after the build, then trusting the drift record as a curator's next run does
        row["cmd-build-s"], row["cmd-build-MB"] = command(base, "build")
        verified.forget(base)  # the stages above may have left a record of this very package
        for name in ("validate-full", "validate"):
            row[f"cmd-{name}-s"], row[f"cmd-{name}-MB"] = command(base, "validate")
        if site:
            row["cmd-site-s"], row["cmd-site-MB"] = command(base, "site")
        partial(row)
    row["peak-RSS-MB"] = (
        max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        / 1e3
    )
    return row


COLUMNS = [
    ("N", "{:>6}"),
    ("load+validate", "{:>8.2f}"),
    ("export", "{:>7.2f}"),
    ("validate", "{:>8.2f}"),
    ("csv-parse", "{:>8.3f}"),
    ("pages", "{:>6.2f}"),
    ("render", "{:>7.2f}"),
    ("search-index", "{:>6.2f}"),
    ("site", "{:>7.2f}"),
    ("pipeline", "{:>8.2f}"),
    ("plain-render", "{:>8.2f}"),
    ("site-linked", "{:>8.2f}"),
    ("site-MB", "{:>7.1f}"),
    ("search-zh-KB", "{:>9.0f}"),
    ("search-en-KB", "{:>9.0f}"),
    ("peak-RSS-MB", "{:>8.0f}"),
]
INCREMENTAL = [
    ("N", "{:>6}"),
    ("inc-load", "{:>8.2f}"),
    ("inc-pages", "{:>8.2f}"),
    ("inc-render", "{:>8.2f}"),
    ("inc-search-index", "{:>8.2f}"),
    ("inc-data", "{:>8.2f}"),
    ("inc-publish", "{:>8.2f}"),
    ("inc-site", "{:>8.2f}"),
    ("inc-site-total", "{:>8.2f}"),
    ("inc-export", "{:>8.2f}"),
]
CHECKS = [
    ("N", "{:>6}"),
    ("csv-parse", "{:>8.3f}"),
    ("drift", "{:>8.2f}"),
    ("columnar", "{:>8.2f}"),
    ("json-schemas", "{:>8.2f}"),
    ("drift-recorded", "{:>8.2f}"),
    ("validate-package", "{:>8.2f}"),
    ("frictionless", "{:>8.2f}"),
    ("cmd-load-cold-s", "{:>8.2f}"),
    ("cmd-load-cold-MB", "{:>8.0f}"),
    ("cmd-build-s", "{:>8.2f}"),
    ("cmd-build-MB", "{:>8.0f}"),
    ("cmd-validate-full-s", "{:>8.2f}"),
    ("cmd-validate-full-MB", "{:>8.0f}"),
    ("cmd-validate-s", "{:>8.2f}"),
    ("cmd-validate-MB", "{:>8.0f}"),
    ("cmd-site-s", "{:>8.2f}"),
    ("cmd-site-MB", "{:>8.0f}"),
]
SEARCH_COLUMNS = [
    f"{lang}-{label}-{unit}"
    for lang in ("zh", "en")
    for label in ("cold", "second")
    for unit in ("KB", "ms", "after-last-key-ms")
]


def print_columns(columns: list, rows: list[dict]) -> None:
    print(" | ".join(name for name, _ in columns))
    for row in rows:
        print(" | ".join(fmt.format(row[name]) if name in row else "-" for name, fmt in columns))
    print()


def print_table(rows: list[dict]) -> None:
    print("Times in seconds, on this machine. load+validate: cold, no cache. site: `stcatalog site` from the sources:")
    print("pages, render and search index pipelined per language on both cores, the downloads (the data package")
    print("among them) made meanwhile; render and search-index: when the last language finished each, from the")
    print("start of site. pipeline = load+validate + site. plain-render: the same Markdown through MkDocs with no")
    print("hook, one language after the other. export: `stcatalog build` (the package, made and written).")
    print("site-linked: the site from scratch once the package is built, as in CI and deployment (it is linked in).")
    print_columns(COLUMNS, rows)
    if any("drift" in row or "cmd-build-s" in row for row in rows):
        print("The package check in stages (validate-package = drift + columnar + json-schemas, what `validate` adds")
        print(
            "to loading; frictionless: the standard check, `validate --frictionless`, timed beside). cmd-*: the command"
        )
        print("in a process of its own, caches warm, the package current; MB = peak RSS of its largest process:")
        print_columns(CHECKS, rows)
    if any("inc-site" in row for row in rows):
        print(
            "One changed guide (warm caches, dirty render): inc-export = `stcatalog build` again, then the site, which"
        )
        print("links that package (inc-data); inc-site-total = inc-load + inc-site:")
        print_columns(INCREMENTAL, rows)
    if any("zh-cold-KB" in row for row in rows):
        print(
            "Search in Chromium on 127.0.0.1, a fresh browser context (KB = response bodies; ms = from the first key, and\n"
            "after the last key, to the first result shown; queries: "
            + ", ".join(q for qs in QUERIES.values() for q in qs)
            + "):"
        )
        print("N | " + " | ".join(SEARCH_COLUMNS))
        for row in rows:
            print(f"{row['N']:>6} | " + " | ".join(f"{row[c]:>13.0f}" if c in row else "-" for c in SEARCH_COLUMNS))
        print()
    for row in rows:
        ratios = [f"validate / csv-parse = {row['validate'] / row['csv-parse']:.0f}x"] if "validate" in row else []
        if "plain-render" in row:
            ratios.append(f"pipeline / plain MkDocs render = {row['pipeline'] / row['plain-render']:.2f}")
            ratios.append(f"with the package already built = {row['pipeline-linked'] / row['plain-render']:.2f}")
            ratios.append(f"{row['pages-per-lang']} pages per language")
        print(f"N={row['N']}: " + "; ".join(ratios))
    print()
    print("Goals of issue 15 (2 cores shared with other work: the times are noisy):")
    print("\n".join(goal_lines(rows)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[5, 100, 1000])
    ap.add_argument("--no-site", action="store_true", help="skip page generation and rendering (and `site`)")
    ap.add_argument("--work", default=str(REPO / "build" / "bench"), help="where the synthetic catalogs go")
    ap.add_argument("--json", help="also write the rows to this file")
    ap.add_argument("--browser", action="store_true", help="measure search in Chromium (bytes, time to first result)")
    ap.add_argument("--no-plain", action="store_true", help="skip the plain MkDocs render (and so the ratio)")
    ap.add_argument("--no-incremental", action="store_true", help="skip the one-changed-guide rebuild")
    ap.add_argument("--no-package-check", action="store_true", help="skip the package's validate (and so its ratio)")
    ap.add_argument("--no-frictionless", action="store_true", help="do not time the standard frictionless check")
    ap.add_argument("--no-commands", action="store_true", help="skip `build`, `validate`, `site` as commands (RSS)")
    ap.add_argument(
        "--only-incremental",
        action="store_true",
        help="only the site, then the one-changed-guide rebuild (no plain render, package checks nor commands)",
    )
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="keep the catalog and site an earlier run left in --work (its first site build then only catches up)",
    )
    ap.add_argument(
        "--only-commands",
        action="store_true",
        help="only `build` and `validate` as commands (their time and peak RSS), nothing loaded in this process",
    )
    args = ap.parse_args()
    if args.only_incremental:
        args.no_plain = args.no_package_check = args.no_frictionless = args.no_commands = True
        args.no_site = args.no_incremental = False
    rows = []
    for n in args.sizes:
        rows.append(
            run(
                n,
                Path(args.work),
                site=not args.no_site,
                browser=args.browser,
                plain=not args.no_plain,
                incremental=not args.no_incremental,
                package_check=not args.no_package_check,
                frictionless=not args.no_frictionless,
                commands=not args.no_commands,
                reuse=args.reuse,
                commands_only=args.only_commands,
            )
        )
        print(f"done N={n}", file=sys.stderr)
    print_table(rows)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
