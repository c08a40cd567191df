"""The `stcatalog` command: parse, validate, build, pages, ingest."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from pathlib import Path

from .core import paths
from .core.children import terminate_as_interrupt
from .core.files import OutputError
from .core.lock import LockBusy

# Commands that write outputs: SIGTERM interrupts them cleanly.
WRITERS = ("build", "site", "serve", "ingest")
EXPECTED = (OutputError, LockBusy)


def cmd_parse(args) -> int:
    from .core.problems import ProblemList
    from .model.quantities import QuantityParser, symbols_from_units
    from .sources.load import load_vocabulary

    problems = ProblemList()
    vocab = load_vocabulary(paths.root(), problems)  # read strictly, like every curated file
    if problems:
        report(problems, "text")
        return 1
    qp = QuantityParser(symbols_from_units(vocab.units.values()))
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
    from .core.files import check_output_folder
    from .core.lock import exclusive
    from .core.public_url import unset_notice
    from .package.export import inputs_key, package_files, package_meta, write_package

    out = Path(args.out) if args.out else None
    if out is not None:
        check_output_folder(out)  # refused before any work
    with exclusive(paths.root(), "build"):
        key = inputs_key()  # before loading: an edit made during the build makes the key stale, never wrong
        cat = _load_or_report(args.format)
        if cat is None:
            return 1
        meta = package_meta()
        count = write_package(package_files(cat, meta), cat.base, key, out)
    target = out or paths.package_dir()
    unset_notice(meta)  # once it is written: what the package leaves out for want of a public URL
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
    from .ingest.command import run

    return run(args.raw, args.out, args.id, args.evaluate, args.evaluate is not None)


def add_command(sub, name: str, func, help: str, description: str) -> argparse.ArgumentParser:
    """A subcommand that runs func: help is its line in `stcatalog -h`, description heads `stcatalog NAME -h`."""
    p = sub.add_parser(name, help=help, description=description)
    p.set_defaults(func=func)
    return p


def add_format(p: argparse.ArgumentParser, help: str | None = None) -> None:
    """--format: plain lines, or GitHub ::error annotations (for pull requests)."""
    p.add_argument("--format", choices=["text", "github"], default="text", help=help)


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
    p = add_command(
        sub,
        "parse",
        cmd_parse,
        "show the quantities and ratios the parser reads in a text",
        "Show the quantities and co-funding ratios the parser reads in TEXT.",
    )
    p.add_argument("text")
    p = add_command(
        sub,
        "validate",
        cmd_validate,
        "run every check and report every problem",
        "Check sources, vocabularies, provenance and numbers; then the built package "
        "(Table Schemas with DuckDB, JSON Schemas, drift). Reports every problem, not just the first.",
    )
    add_format(p, "github prints ::error annotations for pull requests")
    p.add_argument("--sources-only", action="store_true", help="skip the package checks")
    p.add_argument(
        "--frictionless",
        action="store_true",
        help="also run the standard (slow) Frictionless check of the package (make test runs it)",
    )
    p = add_command(
        sub,
        "build",
        cmd_build,
        "write the data package (CSV, JSON, XLSX, datapackage.json)",
        "Validate the sources, then write the published package to datasets/package "
        "atomically. Writes nothing if any check fails.",
    )
    p.add_argument("--out", help="write to this folder instead of datasets/package")
    add_format(p)
    p = add_command(
        sub,
        "site",
        cmd_site,
        "build the bilingual static site into site/",
        "Generate the pages from the sources and build both languages with MkDocs "
        "(--strict), plus downloads, sitemap, feeds and DCAT, into site/.",
    )
    p.add_argument("--out", help="write to this folder instead of site/")
    p = add_command(
        sub,
        "serve",
        cmd_serve,
        "build the site, serve it on 127.0.0.1 and rebuild when a source changes",
        "Build the site, serve it at http://127.0.0.1:PORT/ and rebuild whenever a file "
        "under datasets/, schemas/ or docs/, or a mkdocs file, changes. Reload the page to see the change.",
    )
    p.add_argument("--port", type=int, default=8000)
    p = add_command(
        sub,
        "ingest",
        cmd_ingest,
        "draft a source file from a raw document, or --evaluate the drafts",
        "Read a raw document (.txt in UTF-8, UTF-16, GB18030 or Big5, traditional characters "
        "included; .html; .docx; .pdf with a text layer) and write a draft source YAML with sections, "
        "scopes, projects, indicators, funding, ratios, requirements and contacts, each record with the "
        "rule that found it; English is filled only where the vocabularies fix it. With --evaluate, "
        "draft every document and score the drafts against the curated sources, or against the answer "
        "keys of a labelled folder (precision, recall, F1 per record kind, with each miss and false hit).",
    )
    p.add_argument("raw", nargs="?", help="the raw document (.txt, .html, .docx or .pdf)")
    p.add_argument("--out", help="the .yaml file to write (default build/drafts/<id>.yaml)")
    p.add_argument("--id", help="the guide id, a slug (default draft-<file name>)")
    p.add_argument(
        "--evaluate",
        nargs="?",
        const="",
        default=None,
        metavar="DIR",
        help="score drafts against the curated sources, or against the answer keys in DIR",
    )
    return ap


def main(argv: list[str] | None = None) -> int:
    """Run one command. Bad input never ends in a traceback: the command reports it in one plain line."""
    args = build_argparser().parse_args(argv)
    if args.root:
        os.environ["STCATALOG_ROOT"] = str(Path(args.root).resolve())
    previous = signal.getsignal(signal.SIGTERM)
    try:
        if args.command in WRITERS and threading.current_thread() is threading.main_thread():
            terminate_as_interrupt()  # a terminated build cleans up as an interrupted one does
        paths.root()
        return args.func(args)
    except paths.RootNotFound as exc:
        print(f"stcatalog: {exc}", file=sys.stderr)
        return 2
    except PermissionError as exc:
        if args.debug:
            raise
        where = exc.filename or "a file"
        print(
            f"stcatalog {args.command}: permission denied: {where}; make it writable for you or choose another folder",
            file=sys.stderr,
        )
        return 1
    except EXPECTED as exc:  # refusals whose message already says what to do
        if args.debug:
            raise
        print(f"stcatalog {args.command}: {exc}", file=sys.stderr)
        return 1
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
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
