"""Cut a cleaned document into blocks by its numbering (附件N 一、 （一） 任务N 1. （1）), headings and
labels (考核指标：), and nest them, so that every extractor knows the headings above a clause."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# Structure --------------------------------------------------------------------------------------
CN_NUM = "一二三四五六七八九十"
RANK = {
    "annex": 0,
    "l1": 1,
    "bare": 1,
    "label-head": 1.5,
    "l2": 2,
    "label": 2,
    "kind": 2.5,
    "task": 3,
    "l3": 3,
    "l4": 4,
}
_LINE_START = r"(?:(?<=\n)|^)[ \t\u3000]*"
_AFTER_STOP = r"(?<=[。；;！？])[ \t\u3000]*"
MARKERS = [
    ("annex", re.compile(_LINE_START + r"(附件\s*\d+)[ \t]*(?=\n|$)")),
    ("l1", re.compile(r"(?:" + _LINE_START + r"|" + _AFTER_STOP + r")([" + CN_NUM + r"]{1,3}、)")),
    ("l2", re.compile(r"([（(][" + CN_NUM + r"]{1,3}[)）])")),
    ("task", re.compile(_LINE_START + r"(任务\s*\d+[.．、:：]?)")),
    ("l3", re.compile(r"(?:" + _LINE_START + r"|" + _AFTER_STOP + r")(\d{1,2}(?:[.．](?!\d)|、))")),
    ("l4", re.compile(_LINE_START + r"([（(]\d{1,2}[)）])")),
    ("kind", re.compile(_LINE_START + r"((?:约束性|预期性)指标\s*[：:]?)")),
]
BARE_HEADING = re.compile(r"(?:(?<=\n)|^)[ \u3000]*([^\s。；;，,：:、“”]{2,15})[ \t]*(?=\n)")  # not tab-led table cells
LABEL = re.compile(_LINE_START + r"([\u4e00-\u9fa5]{2,8})[：:]")


@dataclass
class Block:
    kind: str
    start: int  # offset in the cleaned text
    end: int
    number: str | None
    heading: str | None
    text: str
    parent: int | None = None
    children: list[int] = field(default_factory=list)
    id: str = ""
    project: str | None = None  # the project an annex and everything inside it belong to
    heading_zh: str | None = None  # heading and text as written (traditional stays traditional)
    text_zh: str = ""

    @property
    def rank(self) -> float:
        return RANK[self.kind]


def _marks(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end of marker, kind, marker text), ordered, without overlaps."""
    found = []
    for kind, rx in MARKERS:
        for m in rx.finditer(text):
            found.append((m.start(1), m.end(1), kind, m.group(1)))
    found.sort()
    taken = [(s, max(e, s + 1)) for s, e, _, _ in found]
    for s, e, kind, _ in found:  # an annex's title is the paragraph after its marker, not headings of its own
        if kind == "annex":
            para = re.match(r"\s*(.+?)(?:\n\s*\n|$)", text[e : e + 400], re.S)
            taken.append((e, e + (para.end(1) if para else 0)))
    taken.sort()
    starts = [a for a, _ in taken]

    def covered(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return any(taken[j][0] <= pos < taken[j][1] for j in range(max(0, i - 2), i + 1))

    for m in BARE_HEADING.finditer(text):
        line_end = text.find("\n", m.end(1))
        nxt = text[line_end + 1 : line_end + 80].strip() if line_end >= 0 else ""
        if nxt and not covered(m.start(1)):
            found.append((m.start(1), m.start(1), "bare", ""))
    for m in LABEL.finditer(text):
        if not covered(m.start(1)):
            found.append((m.start(1), m.start(1), "label", ""))
    found.sort(key=lambda f: (f[0], RANK[f[2]]))
    out: list = []
    for f in found:
        if out and f[0] < max(out[-1][1], out[-1][0] + 1):
            continue
        out.append(f)
    return out


def _heading_and_text(kind: str, body: str) -> tuple[str | None, str]:
    body = body.strip()
    if kind == "annex":  # an annex's title is the paragraph after its marker
        title, _, rest = body.partition("\n\n")
        return (re.sub(r"\s*\n\s*", "", title).strip() or None), rest.strip()
    if kind == "bare":
        first, _, rest = body.partition("\n")
        return first.strip(), rest.strip()
    if kind == "kind":
        return None, body
    m = re.match(r"([^。；;：:\n]{1,40}?)[：:](?!\d)", body)
    if m and (kind == "label" or len(m.group(1)) <= 16):
        return m.group(1).strip(), body[m.end() :].strip()
    m = re.match(r"([^。；;\n]{1,40})(?:。|\n|$)", body)
    if m and (kind in ("l1", "l2", "task") or len(body) > len(m.group(0)) + 10):
        return m.group(1).strip(), body[m.end() :].strip()
    return None, body


def segment(text: str, display: str | None = None) -> list[Block]:
    """Blocks of `text` (the form rules match on); `display` (same length) gives heading_zh and text_zh."""
    display = text if display is None else display
    marks = _marks(text)
    blocks: list[Block] = []
    first = marks[0][0] if marks else len(text)
    if text[:first].strip():
        blocks.append(Block("bare", 0, first, None, None, text[:first].strip(), text_zh=display[:first].strip()))
    for i, (start, mend, kind, marker) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        heading, body = _heading_and_text(kind, text[mend:end])
        # the same text for rules and display (no traditional characters): share the strings
        heading_zh, body_zh = (heading, body) if display is text else _heading_and_text(kind, display[mend:end])
        if kind == "kind":
            heading, heading_zh = marker.rstrip("：: "), display[start:mend].strip().rstrip("：: ")
        if kind == "label" and not body:
            kind = "label-head"  # a label alone on its line (重点工作：) heads the items below it
        blocks.append(
            Block(kind, start, end, marker.strip() or None, heading, body, heading_zh=heading_zh, text_zh=body_zh)
        )
    stack: list[int] = []
    for i, b in enumerate(blocks):
        while stack and blocks[stack[-1]].rank >= b.rank:
            stack.pop()
        if stack:
            b.parent = stack[-1]
            blocks[stack[-1]].children.append(i)
        stack.append(i)
    return blocks
