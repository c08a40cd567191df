"""The `stcatalog` command: parse, validate, build, pages, ingest."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from .core import paths


def _parser_for(base: Path | None = None):
    import yaml

    from .model.quantities import QuantityParser, symbols_from_units

    units = yaml.safe_load((paths.vocab_dir(base) / "units.yaml").read_text(encoding="utf-8"))["units"]
    return QuantityParser(symbols_from_units(units))


def cmd_parse(args) -> int:
    qp = _parser_for()
    for i, q in enumerate(qp.parse(args.text)):
        print(
            json.dumps(
                {
                    "quantity": i,
                    "comparator": q.comparator,
                    "value_min": q.value_min,
                    "value_max": q.value_max,
                    "unit": q.unit,
                    "text": args.text[q.start : q.end],
                },
                ensure_ascii=False,
            )
        )
    for r in qp.parse_ratios(args.text):
        print(
            json.dumps(
                {
                    "ratio": f"{r.public_share}:{r.self_share}",
                    "comparator": r.comparator,
                    "text": args.text[r.start : r.end],
                },
                ensure_ascii=False,
            )
        )
    return 0


def report(problems, fmt: str) -> None:
    for p in sorted(problems, key=lambda p: (p.file, p.line or 0, p.field, p.message)):
        print(p.github() if fmt == "github" else p.text())


def cmd_validate(args) -> int:
    from .package.validate import validate_all

    problems = validate_all(sources_only=args.sources_only, frictionless=args.frictionless)
    report(problems, args.format)
    if problems:
        print(f"validate: {len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print("validate: OK", file=sys.stderr)
    return 0


def _load_or_report(fmt: str = "text"):
    from .sources import load as catalog_mod

    cat, problems = catalog_mod.load()
    if problems:
        report(problems, fmt)
        print(f"{len(problems)} problem(s); nothing was written", file=sys.stderr)
        return None
    return cat


def cmd_build(args) -> int:
    from .package.export import inputs_key, package_files, package_meta, write_package

    key = inputs_key()  # before loading: an edit made during the build makes the key stale, never wrong
    cat = _load_or_report(args.format)
    if cat is None:
        return 1
    count = write_package(package_files(cat, package_meta()), cat.base, key, Path(args.out) if args.out else None)
    target = Path(args.out) if args.out else paths.package_dir()
    print(f"build: wrote {count} files to {target}", file=sys.stderr)
    return 0


def cmd_site(args) -> int:
    from .site.build import SiteError, build_site

    cat = _load_or_report()
    if cat is None:
        return 1
    try:
        timings = build_site(cat, Path(args.out) if args.out else None)
    except SiteError as exc:
        print(exc, file=sys.stderr)
        return 1
    pages = ", ".join(f"{k}: {v}" for k, v in timings["pages_per_language"].items())
    print(f"site: built ({pages} pages) in {timings['total']:.1f} s", file=sys.stderr)
    return 0


def cmd_serve(args) -> int:
    from .site.serve import serve

    return serve(args.port)


def cmd_ingest(args) -> int:
    import time

    import yaml

    from .core.problems import ProblemList
    from .ingest.draft import DocumentError, draft_source, read_document
    from .ingest.evaluate import evaluate, format_table
    from .sources.load import load_vocabulary

    if args.evaluate:
        print(format_table(evaluate()))
        return 0
    if not args.raw:
        print("ingest: give a raw file, or --evaluate", file=sys.stderr)
        return 2
    raw = Path(args.raw)
    problems = ProblemList()
    vocab = load_vocabulary(paths.root(), problems)
    if problems:
        report(problems, "text")
        return 1
    try:
        t0 = time.perf_counter()
        text = read_document(raw)
        guide_id = args.id or "draft-" + re.sub(r"[^a-z0-9]+", "-", raw.stem.lower()).strip("-")
        doc, doubts = draft_source(text, vocab, guide_id, raw.name)
        elapsed = time.perf_counter() - t0
    except DocumentError as exc:
        print(f"ingest: {exc}", file=sys.stderr)
        return 1
    out = Path(args.out) if args.out else paths.root() / "build" / "drafts" / f"{guide_id}.yaml"
    out.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# Draft written by `stcatalog ingest`: curate it, fill in every en text, then move it to datasets/sources/.\n"
    )
    out.write_text(header + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100000), encoding="utf-8")
    counts = ", ".join(
        f"{len(doc.get(k) or [])} {k}"
        for k in ("sections", "scopes", "projects", "indicators", "funding", "ratios", "requirements", "contacts")
    )
    print(f"ingest: wrote {out} in {elapsed:.2f} s: {counts}", file=sys.stderr)
    for doubt in doubts:
        print(f"  doubtful: {doubt}", file=sys.stderr)
    return 0


def build_argparser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="stcatalog", description=__doc__)
    ap.add_argument(
        "--root",
        metavar="DIR",
        help="the catalog repository to work on (default: the nearest folder "
        "up from here with datasets/ and mkdocs.yml)",
    )
    ap.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser(
        "parse",
        help="show the quantities and ratios the parser reads in a text",
        description="Show the quantities and co-funding ratios the parser reads in TEXT.",
    )
    p.add_argument("text")
    p.set_defaults(func=cmd_parse)
    p = sub.add_parser(
        "validate",
        help="run every check and report every problem",
        description="Check sources, vocabularies, provenance and numbers; then the built package "
        "(Table Schemas with DuckDB, JSON Schemas, drift). Reports every problem, not just the first.",
    )
    p.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github prints ::error annotations for pull requests",
    )
    p.add_argument("--sources-only", action="store_true", help="skip the package checks")
    p.add_argument(
        "--frictionless",
        action="store_true",
        help="also run the standard (slow) Frictionless check of the package (make test runs it)",
    )
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser(
        "build",
        help="write the data package (CSV, JSON, XLSX, datapackage.json)",
        description="Validate the sources, then write the published package to datasets/package "
        "atomically. Writes nothing if any check fails.",
    )
    p.add_argument("--out", help="write to this folder instead of datasets/package")
    p.add_argument("--format", choices=["text", "github"], default="text")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser(
        "site",
        help="build the bilingual static site into site/",
        description="Generate the pages from the sources and build both languages with MkDocs "
        "(--strict), plus downloads, sitemap, feeds and DCAT, into site/.",
    )
    p.add_argument("--out", help="write to this folder instead of site/")
    p.set_defaults(func=cmd_site)
    p = sub.add_parser(
        "serve",
        help="build the site, serve it on 127.0.0.1 and rebuild when a source changes",
        description="Build the site, serve it at http://127.0.0.1:PORT/ and rebuild whenever a file "
        "under datasets/, schemas/ or docs/, or a mkdocs file, changes. Reload the page to see the change.",
    )
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser(
        "ingest",
        help="draft a source file from a raw document, or --evaluate the drafts",
        description="Read a raw document (UTF-8 with or without BOM, or GB18030) and write a draft "
        "source YAML with sections, scopes, projects, indicators, funding, ratios, "
        "requirements and contacts; English is left empty for translation. With "
        "--evaluate, draft every raw document and score the drafts against the curated "
        "sources (precision, recall, F1).",
    )
    p.add_argument("raw", nargs="?", help="the raw text file")
    p.add_argument("--out", help="where to write the draft (default build/drafts/<id>.yaml)")
    p.add_argument("--id", help="the guide id to use (default draft-<file name>)")
    p.add_argument("--evaluate", action="store_true", help="score drafts of datasets/raw/ against the curated sources")
    p.set_defaults(func=cmd_ingest)
    return ap


def main(argv: list[str] | None = None) -> int:
    """Run one command. Bad input never ends in a traceback: the command reports it in one plain line."""
    args = build_argparser().parse_args(argv)
    if args.root:
        os.environ["STCATALOG_ROOT"] = str(Path(args.root).resolve())
    try:
        paths.root()
        return args.func(args)
    except paths.RootNotFound as exc:
        print(f"stcatalog: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("stcatalog: interrupted; the previous outputs are left as they were", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        where = f" ({exc.filename})" if isinstance(exc, OSError) and exc.filename else ""
        what = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
        print(f"stcatalog {args.command}: {what}{where} (run with --debug for the traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
