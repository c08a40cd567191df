"""Compare the visible text of every page of two built sites, page by page.

    python scripts/bench/visible_text.py BEFORE_SITE AFTER_SITE

Prints each page whose visible text differs (added, removed or changed), with the first differing
lines, so a restructuring of the renderer can prove it changed no word a reader sees. Exit code 1
when any page differs."""

from __future__ import annotations

import difflib
import sys
from html.parser import HTMLParser
from pathlib import Path

SKIP = {"script", "style", "template", "noscript"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth and data.strip():
            self.parts.append(" ".join(data.split()))


def visible_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.parts


def pages(site: Path) -> dict[str, list[str]]:
    return {
        p.relative_to(site).as_posix(): visible_text(p.read_text(encoding="utf-8"))
        for p in sorted(site.rglob("*.html"))
    }


def compare(before: Path, after: Path) -> list[str]:
    old, new = pages(before), pages(after)
    report = []
    for name in sorted(old.keys() | new.keys()):
        if name not in new:
            report.append(f"removed: {name}")
        elif name not in old:
            report.append(f"added: {name}")
        elif old[name] != new[name]:
            diff = [
                d
                for d in difflib.unified_diff(old[name], new[name], lineterm="", n=0)
                if d[:1] in "+-" and d[:3] not in ("+++", "---")
            ]
            report.append(f"changed: {name}: " + " | ".join(diff[:6]))
    return report


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    report = compare(Path(argv[0]), Path(argv[1]))
    print("\n".join(report) if report else "the visible text of every page is the same")
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
