"""Find Chinese characters on an English page outside the parts marked as Chinese on purpose.

A part is marked by lang="zh…" on its element (the "Chinese original" blocks, the language switcher);
everything inside it is skipped. Names that stay Chinese on purpose are passed as `allowed` and
removed before the scan. Visible attributes (title, alt, aria-label, placeholder, meta description)
are scanned like text; scripts, styles, JSON-LD and <pre> listings (source files shown verbatim) are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
VISIBLE_ATTRS = ("title", "alt", "aria-label", "placeholder")
SKIPPED = {"script", "style", "template", "pre"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped) of the open elements
        self.texts: list[str] = []

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        marked = (a.get("lang") or "").lower().startswith("zh")
        skip = self.skipping or marked or tag in SKIPPED
        if not skip:
            self.texts += [a[k] for k in VISIBLE_ATTRS if a.get(k)]
            if tag == "meta" and (a.get("name") or a.get("property") or "").endswith("description"):
                self.texts.append(a.get("content") or "")
        if tag not in VOID:
            self.stack.append((tag, skip))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):  # close up to the matching element (tolerates bad nesting)
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not self.skipping:
            self.texts.append(data)


def cjk_leaks(html: str, allowed: Iterable[str] = ()) -> list[str]:
    """Each run of Chinese characters outside the marked parts, with a little context."""
    scan = _Scan()
    scan.feed(html)
    scan.close()
    names = sorted({a for a in allowed if a}, key=len, reverse=True)
    out = []
    for text in scan.texts:
        for name in names:
            text = text.replace(name, " ")
        for m in CJK.finditer(text):
            out.append(text[max(0, m.start() - 20) : m.end() + 20].strip())
    return out
