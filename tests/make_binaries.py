"""Regenerate the .docx and .pdf documents of the ingest evaluation sets from the plain texts in _sources/.

One script serves every labelled folder (tests/ingest_corpus, tests/ingest_heldout …), so the sets are built
the same way. The binaries are committed so the sets read as published files; this script keeps them
reproducible byte for byte (fixed zip timestamps and core properties, reportlab's invariant mode).

Source markup, one line each: "# " title, "## " heading, "|a|b|c" a table row (consecutive rows form one
table, the first is its header), "<<page>>" a page break (PDF only), anything else a paragraph or line.
PDF lines are drawn as written and never wrapped, so each line of the source is one line of the text layer.

Usage: python tests/make_binaries.py [FOLDER ...]   (no folder: every tests/*/ that has a _sources/)
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

TESTS = Path(__file__).resolve().parent
FIXED = datetime(2024, 1, 1)
PDF_FONT = "STSong-Light"


def write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def blocks(text: str) -> list[tuple[str, str, list[list[str]]]]:
    """Source lines as (kind, text, table rows); kind is title, heading, table, page or line."""
    out: list[tuple[str, str, list[list[str]]]] = []
    for line in text.splitlines():
        if line.startswith("|"):
            row = line[1:].split("|")
            if out and out[-1][0] == "table":
                out[-1][2].append(row)
            else:
                out.append(("table", "", [row]))
        elif line.startswith("# "):
            out.append(("title", line[2:], []))
        elif line.startswith("## "):
            out.append(("heading", line[3:], []))
        elif line.strip() == "<<page>>":
            out.append(("page", "", []))
        elif line.strip():
            out.append(("line", line, []))
    return out


def stable_zip(data: bytes) -> bytes:
    """The same archive with every member dated FIXED, so reruns give identical bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return buffer.getvalue()


def make_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.author = props.last_modified_by = "stcatalog corpus"
    props.created = props.modified = FIXED
    props.revision = 1
    for kind, content, rows in blocks(text):
        if kind == "title":
            document.add_heading(content, level=1)
        elif kind == "heading":
            document.add_heading(content, level=2)
        elif kind == "table":
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for cells, row in zip(rows, table.rows):
                for value, cell in zip(cells, row.cells):
                    cell.text = value
        elif kind == "line":
            document.add_paragraph(content)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def make_pdf(text: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    width, height = A4
    margin, size, leading = 56, 10.5, 19
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle("corpus document")
    y = height - margin

    def new_page() -> float:
        pdf.showPage()
        return height - margin

    for kind, line, _rows in blocks(text):
        if kind == "page":
            y = new_page()
            continue
        font_size = 15 if kind == "title" else size
        if pdfmetrics.stringWidth(line, PDF_FONT, font_size) > width - 2 * margin:
            raise SystemExit(f"line too wide for the page, shorten it in the source: {line}")
        if y < margin:
            y = new_page()
        pdf.setFont(PDF_FONT, font_size)
        pdf.drawString(margin, y, line)
        y -= leading * (1.6 if kind == "title" else 1)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def render(source: Path) -> tuple[Path, bytes]:
    """The document FOLDER/_sources/NAME.docx.txt (or .pdf.txt) stands for: its path FOLDER/NAME and bytes."""
    makers = {".docx": make_docx, ".pdf": make_pdf}
    target = source.parent.parent / source.name[: -len(".txt")]
    if target.suffix not in makers:
        raise SystemExit(f"{source}: name it NAME.docx.txt or NAME.pdf.txt")
    return target, makers[target.suffix](source.read_text(encoding="utf-8"))


def build(folder: Path) -> None:
    """Write FOLDER/NAME.docx or .pdf for every FOLDER/_sources/NAME.docx.txt or NAME.pdf.txt."""
    for source in sorted((folder / "_sources").glob("*.txt")):
        target, data = render(source)
        write_atomic(target, data)
        print(f"wrote {target}")


def main(argv: list[str]) -> None:
    folders = [Path(arg) for arg in argv] or sorted(path.parent for path in TESTS.glob("*/_sources"))
    for folder in folders:
        if not (folder / "_sources").is_dir():
            raise SystemExit(f"{folder}: no _sources/ folder to build from")
        build(folder)


if __name__ == "__main__":
    main(sys.argv[1:])
