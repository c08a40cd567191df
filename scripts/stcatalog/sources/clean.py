"""Remove what is not the document from a raw text, and record every removal.

Raw files arrive with docx artefacts, Markdown markup, page markers, scrambled OCR fragments and
website boilerplate. Each rule is generic (no file names, no document-specific strings), so it
works on documents the project has not seen, and every removal is kept with its offsets so the
cleaning can be audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOILERPLATE_WORDS = (
    "VIP",
    "付费下载",
    "付费前",
    "客服",
    "违规举报",
    "回到顶部",
    "碎片内容",
    "确认删除",
    "内容提供者",
    "已认证",
    "本站",
    "点击这里给我发消息",
    "管理员微信",
    "下载文档",
    "版权",
)
SENTENCE_END = "。；;！？"


@dataclass(frozen=True)
class Removal:
    rule: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Cleaned:
    text: str
    removals: tuple[Removal, ...]


_INLINE_RULES = [
    ("carriage-return", re.compile(r"\r")),
    # form feeds (page breaks of a printed text) and other control characters: no text may carry them
    ("control-character", re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")),
    ("docx-bookmark", re.compile(r"\[bookmark: [^\]\n]*\]")),
    ("docx-image", re.compile(r"\[image: [^\]\n]*\]")),
    ("page-marker", re.compile(r"—\s?\d{1,3}\s?—")),
    ("markdown-emphasis", re.compile(r"\*\*")),
    ("markdown-heading", re.compile(r"(?m)^#{1,6}[ \t]+")),
]


def _lines(text: str):
    """(start, end_including_newline, line_without_newline) for each line."""
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, pos + len(line), line.rstrip("\n")
        pos += len(line)


def _line_rules(text: str) -> list[Removal]:
    removals = []
    lines = list(_lines(text))
    # A docx export names its embedded images on lines of their own.
    for start, end, line in lines:
        if re.fullmatch(r"\s*image\d+\.(png|jpe?g|gif|emf|wmf)\s*", line):
            removals.append(Removal("docx-image-file", start, end, text[start:end]))
    # Website boilerplate: a line with a site word, and everything after the first one that comes
    # after the body (a trailing block of site furniture).
    body_seen = False
    tail_from = None
    for i, (start, end, line) in enumerate(lines):
        if len(line.strip()) >= 80:
            body_seen = True
        if any(w in line for w in BOILERPLATE_WORDS):
            if body_seen and tail_from is None:
                tail_from = i
            if tail_from is None:
                removals.append(Removal("site-boilerplate", start, end, text[start:end]))
    if tail_from is not None:
        start = lines[tail_from][0]
        removals.append(Removal("site-boilerplate", start, len(text), text[start:]))
    # Scrambled OCR: a run of five or more short lines without sentence punctuation before the
    # first real paragraph, containing at least one bare page number.
    run = []
    for start, end, line in lines:
        stripped = line.strip()
        if len(stripped) >= 80 and any(p in stripped for p in SENTENCE_END + "，,"):
            break
        if stripped and len(stripped) <= 24 and not any(p in stripped for p in SENTENCE_END) or stripped:
            run.append((start, end, stripped))
    short = [r for r in run if len(r[2]) <= 24]
    if len(short) >= 5 and any(re.fullmatch(r"\d{1,3}", r[2]) for r in short):
        for start, end, _ in run:
            removals.append(Removal("ocr-fragment", start, end, text[start:end]))
    return removals


def clean(text: str) -> Cleaned:
    """The cleaned text and the removals, with offsets into the original text."""
    removals = _line_rules(text)
    for rule, rx in _INLINE_RULES:
        removals.extend(Removal(rule, m.start(), m.end(), m.group()) for m in rx.finditer(text))
    # Keep the outermost removal where spans overlap (a boilerplate tail swallows its inner matches).
    removals.sort(key=lambda r: (r.start, -r.end, r.rule))
    kept: list[Removal] = []
    for r in removals:
        if kept and r.start < kept[-1].end:
            continue
        kept.append(r)
    out, pos = [], 0
    for r in kept:
        out.append(text[pos : r.start])
        pos = r.end
    out.append(text[pos:])
    return Cleaned("".join(out), tuple(kept))
