"""The segmented document every extractor reads: the raw text (cites quote it), the cleaned text, a
simplified-character copy of the same length (rules match on it, so traditional documents read like
simplified ones), the blocks, and the quantity parser. Nothing in it changes once it is built, so the
extractors are pure functions of it.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..model.catalog import Vocabulary
from ..model.quantities import Quantity, symbols_from_units
from ..sources.clean import Cleaned, clean
from .numbers import IngestParser
from .segment import Block, segment

_CLAUSE = re.compile(r"[^，；。,;\n！？]+")  # a clause runs between these marks
_SENTENCE_END = re.compile(r"[。；;！？]|(?<=[^，、,（(\n])\n")  # a line ending in ， goes on
_LINE_BREAK = re.compile(r"\n")
_FULL_STOP = re.compile(r"[。！？\n]")  # where a whole sentence (up to 。, not ；) ends


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional characters as simplified ones, one character for one, so that offsets stay valid."""
    if not re.search(r"[^\x00-\u2fff]", text):
        return text
    if len(text) > 200_000:  # a long text: convert only if samples through it hold traditional characters
        step = len(text) // 16
        samples = [text[i : i + 4000] for i in range(0, len(text), step)]
        if all(_converter().convert(s) == s for s in samples):
            return text
    out = _converter().convert(text)
    if len(out) == len(text):
        return out
    lines = []
    for line in text.split("\n"):  # a phrase rule changed a length: convert that line char by char
        conv = _converter().convert(line)
        if len(conv) != len(line):
            conv = "".join(c if len(c := _converter().convert(ch)) == 1 else ch for ch in line)
        lines.append(conv)
    return "\n".join(lines)


def _guarded(result: Cleaned, raw: str) -> Cleaned:
    """The cleaning, without its OCR-fragment rule when that rule would take most of the text (a PDF
    or a table extracted as short lines is not scrambled OCR)."""
    ocr = sum(r.end - r.start for r in result.removals if r.rule == "ocr-fragment")
    if ocr * 2 <= len(raw):
        return result
    kept = tuple(r for r in result.removals if r.rule != "ocr-fragment")
    bounds = [0, *(x for r in kept for x in (r.start, r.end)), len(raw)]
    text = "".join(raw[bounds[k] : bounds[k + 1]] for k in range(0, len(bounds), 2))
    return Cleaned(text, kept)


@dataclass
class Doc:
    raw: str
    vocab: Vocabulary
    cleaned: str = ""
    text: str = ""  # the cleaned text in simplified characters: what every rule reads
    runs: list[tuple[int, int]] = field(default_factory=list)  # (cleaned start, raw start) of each unbroken run
    blocks: list[Block] = field(default_factory=list)

    def __post_init__(self) -> None:
        result = _guarded(clean(self.raw), self.raw)
        self.cleaned = result.text
        self.text = simplified(self.cleaned)
        pos = c_pos = 0
        for r_start, r_end in sorted((r.start, r.end) for r in result.removals):
            if r_start > pos:
                self.runs.append((c_pos, pos))
                c_pos += r_start - pos
            pos = max(pos, r_end)
        self.runs.append((c_pos, pos))
        self._run_starts = [c for c, _ in self.runs]
        self._quantities: dict[tuple[int, int], list[Quantity]] = {}
        self._quantified: dict[int, list] = {}
        self.parser = IngestParser(symbols_from_units(self.vocab.units.values()))
        self.blocks = segment(self.text, self.cleaned)
        for i, b in enumerate(self.blocks, start=1):
            b.id = f"s{i}"

    # -- provenance ------------------------------------------------------------------------------
    def _pieces(self, start: int, end: int):
        """(cleaned start, cleaned end, raw start) of the unbroken raw runs behind cleaned[start:end]."""
        i = max(0, bisect.bisect_right(self._run_starts, start) - 1)
        while i < len(self.runs) and self.runs[i][0] < end:
            c0, r0 = self.runs[i]
            c1 = self.runs[i + 1][0] if i + 1 < len(self.runs) else len(self.cleaned)
            a, b = max(start, c0), min(end, c1)
            if a < b:
                yield a, b, r0 + (a - c0)
            i += 1

    def cite(self, start: int, end: int, must: tuple[int, int] | None = None) -> str:
        """The longest raw substring behind cleaned[start:end] that contains no removed text (or, with
        `must`, the one that holds cleaned[must[0]:must[1]]); its longest line, stripped."""
        start, end = max(0, start), min(len(self.cleaned), end)
        best = None
        for a, b, r in self._pieces(start, end):
            if must:
                if a <= must[0] and must[1] <= b:
                    best = (a, b, r)
                    break
            elif best is None or b - a > best[1] - best[0]:
                best = (a, b, r)
        if best is None:
            return ""
        a, b, r = best
        return max(self.raw[r : r + b - a].split("\n"), key=len).strip()

    def cite_of(self, fragment: str, near: int = 0) -> str:
        at = self.cleaned.find(fragment, near)
        if at < 0:
            at = self.cleaned.find(fragment)
        return self.cite(at, at + len(fragment)) if at >= 0 else ""

    def raw_span(self, start: int, end: int) -> str:
        """The raw text behind cleaned[start:end] when it is one unbroken run, else ''."""
        pieces = list(self._pieces(start, end))
        if len(pieces) != 1 or pieces[0][:2] != (start, end):
            return ""
        return self.raw[pieces[0][2] : pieces[0][2] + end - start]

    # -- pieces of text ----------------------------------------------------------------------------
    def clauses(self, start: int, end: int):
        """Clauses of text[start:end] between punctuation, with their offsets."""
        for m in _CLAUSE.finditer(self.text, start, end):
            yield m.start(), m.end()

    def quantities(self, start: int, end: int) -> list[Quantity]:
        """The quantities of text[start:end] (a clause), parsed once for every extractor."""
        clause = self.text[start:end]
        if not self.parser.may_hold_quantity(clause):
            return []
        key = (start, end)
        found = self._quantities.get(key)
        if found is None:
            found = self._quantities[key] = self.parser.parse(clause)
        return found

    def quantified(self, b: Block) -> list[tuple[int, int, int, int, list[Quantity]]]:
        """(sentence start, sentence end, clause start, clause end, quantities) of each clause of the block
        that holds a quantity: the only clauses the number extractors need to look at."""
        cached = self._quantified.get(b.start)
        if cached is not None:
            return cached
        out = self._quantified[b.start] = []
        for s_start, s_end in self.sentences(b):
            if not self.parser.may_hold_quantity(self.text[s_start:s_end]):
                continue
            for c_start, c_end in self.clauses(s_start, s_end):
                found = self.quantities(c_start, c_end)
                if found:
                    out.append((s_start, s_end, c_start, c_end, found))
        return out

    def forget_quantities(self) -> None:
        self._quantities.clear()
        self._quantified.clear()

    def sentences(self, b: Block):
        """Sentences of a block's text, with offsets. (The block's text alone is searched: a line
        break at its start does not look back into the block before.)"""
        pos = 0
        for m in _SENTENCE_END.finditer(self.text[b.start : b.end]):
            yield b.start + pos, b.start + m.end()
            pos = m.end()
        if pos < b.end - b.start:
            yield b.start + pos, b.end

    # -- lines and whole sentences, found by bisection (a long line costs no more than a short one) --
    @cached_property
    def _line_breaks(self) -> array:
        return array("q", (m.start() for m in _LINE_BREAK.finditer(self.text)))

    @cached_property
    def _full_stops(self) -> array:
        return array("q", (m.start() for m in _FULL_STOP.finditer(self.text)))

    def line_start(self, pos: int) -> int:
        """text.rfind("\\n", 0, pos) + 1."""
        i = bisect.bisect_left(self._line_breaks, pos)
        return self._line_breaks[i - 1] + 1 if i else 0

    def line_end(self, pos: int) -> int:
        """text.find("\\n", pos)."""
        i = bisect.bisect_left(self._line_breaks, pos)
        return self._line_breaks[i] if i < len(self._line_breaks) else -1

    def last_stop(self, lo: int, hi: int) -> int:
        """The last of 。！？ or a line break in text[lo:hi], as an offset, or -1."""
        i = bisect.bisect_left(self._full_stops, hi) - 1
        return self._full_stops[i] if i >= 0 and self._full_stops[i] >= lo else -1

    def first_stop(self, lo: int, hi: int) -> int:
        """The first of 。！？ or a line break in text[lo:hi], as an offset, or -1."""
        i = bisect.bisect_left(self._full_stops, lo)
        return self._full_stops[i] if i < len(self._full_stops) and self._full_stops[i] < hi else -1

    def ancestors(self, i: int):
        p = self.blocks[i].parent
        while p is not None:
            yield self.blocks[p]
            p = self.blocks[p].parent

    def descendants(self, i: int) -> list[int]:
        out, stack = [], list(reversed(self.blocks[i].children))
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(reversed(self.blocks[j].children))
        return out

    def headings(self, i: int) -> list[str]:
        """The block's own heading and those of its ancestors, nearest first."""
        return [h for h in [self.blocks[i].heading, *(a.heading for a in self.ancestors(i))] if h]

    @staticmethod
    def quoted(text: str, at: int) -> bool:
        """Inside “…” or 《…》: a slogan or a name (“四个意识”, “1020”工程), not a quantity."""
        head = text[:at]
        return head.count("“") > head.count("”") or head.count("《") > head.count("》") or head.count('"') % 2 == 1
