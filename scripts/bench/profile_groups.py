"""Group a cProfile of an MkDocs build by where the time goes, for the benchmark README.

    python -m cProfile -o zh.prof -m mkdocs build -q -f mkdocs.yml -d /tmp/out/zh
    python scripts/bench/profile_groups.py zh.prof

Prints the own time (tottime) summed per library, and the cumulative time of the build's stages
(MkDocs' own functions: reading files, Markdown, templates, writing)."""

from __future__ import annotations

import pstats
import sys
from collections import defaultdict

# (label, a substring of the function's file path), first match wins
GROUPS = [
    ("Python-Markdown and pymdownx (Markdown to HTML)", ("/markdown/", "/pymdownx/")),
    ("Jinja2 (the theme's templates)", ("/jinja2/", "<template>", "/material/templates/")),
    ("Material for MkDocs (plugins, theme code)", ("/material/",)),
    ("MkDocs itself (files, nav, pages, URLs)", ("/mkdocs/",)),
    ("the project's hooks", ("docs/hooks/",)),
    ("MarkupSafe", ("/markupsafe/",)),
    ("YAML (config, page meta)", ("/yaml/",)),
    ("regular expressions", ("/re/", "_sre", "{method 'sub'", "{method 'match'", "{method 'search'")),
    (
        "files and the OS (read, write, copy, stat)",
        (
            "/shutil",
            "/pathlib",
            "/posixpath",
            "/os.py",
            "{built-in method posix",
            "{built-in method io",
            "{method 'write'",
            "{method 'read'",
        ),
    ),
    ("XML/HTML trees (ElementTree, html.parser)", ("/xml/", "/html/")),
]
STAGES = [
    ("_populate_page", "Markdown: read and convert every page"),
    ("_build_page", "templates: render and write every page"),
    ("get_files", "find the docs files"),
    ("copy_static_files", "copy static files"),
    ("get_navigation", "build the navigation"),
    ("_build_theme_template", "theme templates (404, sitemap)"),
]


def main(path: str) -> None:
    stats = pstats.Stats(path)
    total = stats.total_tt  # type: ignore[attr-defined]
    own: dict[str, float] = defaultdict(float)
    cumulative: dict[str, float] = {}
    for (file, _line, name), (_cc, _nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        where = f"{file}:{name}" if file != "~" else name
        label = next((g for g, keys in GROUPS if any(k in where for k in keys)), "other")
        own[label] += tt
        for func, _ in STAGES:
            if name == func and "/mkdocs/" in file:
                cumulative[func] = max(cumulative.get(func, 0.0), ct)
    print(f"total {total:.1f} s (profiled; cProfile slows pure-Python code)")
    for label, seconds in sorted(own.items(), key=lambda kv: -kv[1]):
        print(f"{seconds / total:6.1%} {seconds:7.1f} s  {label}")
    print("stages (cumulative):")
    for func, text in STAGES:
        if func in cumulative:
            print(f"{cumulative[func] / total:6.1%} {cumulative[func]:7.1f} s  {text} ({func})")


if __name__ == "__main__":
    main(sys.argv[1])
