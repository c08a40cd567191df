"""The text layer of a PDF, read with PDFium (pypdfium2): the lines of each page, and which of them make
one paragraph.

PDFium gives a page's text in content order with a line break wherever the text moves to a new line. The
reader before it (pdfminer.six's layout analysis) put lines in one text box when they were close and
aligned; the drafts were tuned on that, so the same rule is kept here, from the line's baseline, font size
and left and right edges, at a few PDFium calls a line instead of pdfminer's Python work per character.
"""

from __future__ import annotations

import ctypes
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# Lines closer than this part of their height are one paragraph (pdfminer's default line_margin).
LINE_MARGIN = 0.5
# Points: a gap at the limit stays a break, whatever rounding the page's matrices left in the baselines.
_EPSILON = 0.01
_BREAK = re.compile(r"\r\n|\r|\n")
_MAX_RUN = 200  # spaces one gap can stand for
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class PdfReadError(Exception):
    """The file is not a PDF PDFium can open; `encrypted` when it wants a password."""

    def __init__(self, message: str, encrypted: bool = False) -> None:
        super().__init__(message)
        self.encrypted = encrypted


@dataclass(frozen=True)
class Line:
    text: str
    x0: float  # left edge (origin of the first character)
    x1: float  # right edge (of the last character's box)
    baseline: float
    size: float  # font size on the page: the line's height, as pdfminer measured it

    def same_paragraph(self, below: Line) -> bool:
        """pdfminer's rule for two lines in one text box: the gap between them under LINE_MARGIN of the
        height, the heights alike, and the left edges, right edges or centres lined up (all within it)."""
        margin = LINE_MARGIN * max(self.size, below.size)
        gap = self.baseline - below.baseline - below.size
        if not (-below.size - self.size < gap < margin - _EPSILON) or abs(self.size - below.size) > margin:
            return False
        return (
            abs(self.x0 - below.x0) <= margin
            or abs(self.x1 - below.x1) <= margin
            or abs((self.x0 + self.x1) - (below.x0 + below.x1)) / 2 <= margin
        )


def paragraphs(lines: list[Line]) -> list[list[str]]:
    """Consecutive lines grouped where `Line.same_paragraph` holds, as lists of their texts."""
    groups: list[list[str]] = []
    for prev, line in zip([None, *lines], lines):
        if prev is not None and prev.same_paragraph(line):
            groups[-1].append(line.text)
        else:
            groups.append([line.text])
    return groups


def _page_lines(raw: Any, textpage: Any) -> list[Line]:
    """The non-blank lines of one page with their geometry (a handful of PDFium calls per line)."""
    text = textpage.get_text_range()
    wide = _ASTRAL.search(text) is not None  # PDFium counts UTF-16 units; Python counts characters
    x, y = ctypes.c_double(), ctypes.c_double()
    box, matrix = raw.FS_RECTF(), raw.FS_MATRIX()

    def char(i: int) -> int:
        """PDFium's index of the character at text offset `i` (-1 for none)."""
        return raw.FPDFText_GetCharIndexFromTextIndex(textpage, len(text[:i].encode("utf-16-le")) // 2 if wide else i)

    def spaces(i: int) -> str:
        """The space at text offset `i` (followed by a non-space): PDFium keeps one of a run of spaces,
        pdfminer kept them all, and a run of two or more reads as a gap between table cells. As many
        spaces as the run's width holds."""
        at, after = char(i), char(i + 1)
        if at < 0 or after < 0 or raw.FPDFText_IsGenerated(textpage, at) != 0:
            return " "
        if not raw.FPDFText_GetLooseCharBox(textpage, at, box) or box.right - box.left <= 0.1:
            return " "
        width = box.right - box.left
        if not raw.FPDFText_GetCharOrigin(textpage, at, x, y):
            return " "
        start = x.value
        if not raw.FPDFText_GetCharOrigin(textpage, after, x, y):
            return " "
        return " " * min(max(round((x.value - start) / width), 1), _MAX_RUN)

    def height(i: int) -> float:
        """The font size of character `i` on the page: the size set in the text times the matrix's vertical
        scale (a printer that sets 1 pt and scales it by 12 gives 12 pt, as pdfminer measured)."""
        scale = math.hypot(matrix.c, matrix.d) if raw.FPDFText_GetMatrix(textpage, i, matrix) else 1.0
        return float(raw.FPDFText_GetFontSize(textpage, i) * scale)

    lines, start = [], 0
    for end in [m.start() for m in _BREAK.finditer(text)] + [len(text)]:
        chunk, at = text[start:end].rstrip(), start
        start = end + (2 if text.startswith("\r\n", end) else 1)
        if not chunk.strip():
            continue
        lead = len(chunk) - len(chunk.lstrip())
        left, first, last = char(at), char(at + lead), char(at + len(chunk) - 1)
        if " " in chunk:
            chunk = "".join(spaces(at + k) if ch == " " and chunk[k + 1] != " " else ch for k, ch in enumerate(chunk))
        if min(left, first, last) < 0 or not raw.FPDFText_GetCharOrigin(textpage, left, x, y):
            lines.append(Line(chunk, 0.0, 0.0, 0.0, 0.0))  # no geometry: a paragraph of its own
            continue
        x0, baseline = x.value, y.value
        x1 = box.right if raw.FPDFText_GetLooseCharBox(textpage, last, box) else x0
        lines.append(Line(chunk, x0, x1, baseline, height(first)))
    return lines


def read_pages(data: bytes) -> Iterator[list[list[str]]]:
    """Each page of the PDF in `data` as its paragraphs (each a list of line texts), in page order."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = re.sub(r"^Failed to load document \((.*)\)\.$", r"\1", str(exc))  # "PDFium: Data format error"
        raise PdfReadError(reason, encrypted=exc.err_code == raw.FPDF_ERR_PASSWORD) from None
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    yield paragraphs(_page_lines(raw, textpage))
                finally:
                    textpage.close()
            finally:
                page.close()
    except pdfium.PdfiumError as exc:
        raise PdfReadError(str(exc)) from None
    finally:
        document.close()
