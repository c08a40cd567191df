"""The `stcatalog` command: parse, validate, build, pages, ingest."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import paths


def _parser_for(base: Path | None = None):
    import yaml
    from .quantities import QuantityParser, symbols_from_units

    units = yaml.safe_load((paths.vocab_dir(base) / "units.yaml").read_text(encoding="utf-8"))["units"]
    return QuantityParser(symbols_from_units(units))


def cmd_parse(args) -> int:
    qp = _parser_for()
    for i, q in enumerate(qp.parse(args.text)):
        print(json.dumps({"quantity": i, "comparator": q.comparator, "value_min": q.value_min,
                          "value_max": q.value_max, "unit": q.unit, "text": args.text[q.start:q.end]},
                         ensure_ascii=False))
    for r in qp.parse_ratios(args.text):
        print(json.dumps({"ratio": f"{r.public_share}:{r.self_share}", "comparator": r.comparator,
                          "text": args.text[r.start:r.end]}, ensure_ascii=False))
    return 0


def report(problems, fmt: str) -> None:
    for p in sorted(problems, key=lambda p: (p.file, p.line or 0, p.field, p.message)):
        print(p.github() if fmt == "github" else p.text())


def cmd_validate(args) -> int:
    from .validate import validate_all

    problems = validate_all(sources_only=args.sources_only)
    report(problems, args.format)
    if problems:
        print(f"validate: {len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print("validate: OK", file=sys.stderr)
    return 0


def cmd_build(args) -> int:
    from . import catalog as catalog_mod
    from .export import package_meta, render_package, write_tree

    cat, problems = catalog_mod.load()
    if problems:
        report(problems, args.format)
        print(f"build: {len(problems)} problem(s); nothing was written", file=sys.stderr)
        return 1
    target = Path(args.out) if args.out else paths.package_dir()
    files = render_package(cat, package_meta())
    write_tree(files, target)
    print(f"build: wrote {len(files)} files to {target}", file=sys.stderr)
    return 0


def build_argparser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="stcatalog", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="show the quantities and ratios the parser reads in a text",
                       description="Show the quantities and co-funding ratios the parser reads in TEXT.")
    p.add_argument("text")
    p.set_defaults(func=cmd_parse)
    p = sub.add_parser("validate", help="run every check and report every problem",
                       description="Check sources, vocabularies, provenance and numbers; then the built package "
                                   "(frictionless, JSON Schemas, drift). Reports every problem, not just the first.")
    p.add_argument("--format", choices=["text", "github"], default="text",
                   help="github prints ::error annotations for pull requests")
    p.add_argument("--sources-only", action="store_true", help="skip the package checks")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("build", help="write the data package (CSV, JSON, XLSX, datapackage.json)",
                       description="Validate the sources, then write the published package to datasets/package "
                                   "atomically. Writes nothing if any check fails.")
    p.add_argument("--out", help="write to this folder instead of datasets/package")
    p.add_argument("--format", choices=["text", "github"], default="text")
    p.set_defaults(func=cmd_build)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_argparser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
