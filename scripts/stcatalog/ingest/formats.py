"""Read a published document (.txt in any common encoding, .html, .docx, .pdf) as text.

Every format gives the same thing: the text, the page each offset falls on (PDF), and the hashes of the
raw file and of the extracted text, so a curator can prove which bytes a draft was made from. The raw
bytes decide the format (magic bytes), not the extension: a renamed file is refused with a plain message.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DocumentError

MAX_BYTES = 32 * 1024 * 1024  # a published call is well under 1 MB; 32 MB leaves room for scanned-in annexes
FORMATS = (".txt", ".html", ".htm", ".docx", ".pdf")


@dataclass(frozen=True)
class Document:
    text: str
    format: str
    raw_sha256: str
    text_sha256: str
    page_starts: tuple[int, ...] = field(default=())  # offset where each PDF page begins

    def page_of(self, offset: int) -> int | None:
        """1-based page number of an offset in the text (PDF only)."""
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)


def _sniff(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        return ".docx"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta")):
        return ".html"
    return ".txt"


# The 300 most frequent characters of Chinese text, in simplified form (a Big5 file read as GB18030 has few).
_FREQUENT = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后"
    "多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还"
    "因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结"
    "解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级"
    "少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领"
    "七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每"
    "目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影"
    "算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准"
    "精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听"
    "该铁价严龙飞项目申报经费指南"
)


def _commonness(text: str) -> int:
    from .document import simplified

    return sum(1 for ch in simplified(text[:20000]) if ch in _FREQUENT)


def decode_text(data: bytes, name: str = "document") -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (which covers GBK and GB2312), else Big5."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError(
                "UTF-16 text with broken bytes; save it again as UTF-8", "ingest-encoding", name
            ) from None
    if b"\x00" in data[:4096]:
        raise DocumentError(
            "looks like a binary file (it contains NUL bytes); give the text, .html, .docx or .pdf",
            "ingest-binary",
            name,
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    readings = []
    for encoding in ("gb18030", "big5"):
        with contextlib.suppress(UnicodeDecodeError):
            readings.append(data.decode(encoding))
    if readings:  # GB18030 decodes almost any bytes: keep the reading made of common characters
        return max(readings, key=_commonness)
    raise DocumentError(
        f"unknown encoding: neither UTF-8, GB18030 nor Big5 (bad byte at {bad}); convert it to UTF-8 first",
        "ingest-encoding",
        name,
    )


def _html(data: bytes, name: str) -> str:
    import trafilatura

    text = trafilatura.extract(
        decode_text(data, name), include_tables=True, include_comments=False, favor_recall=True, deduplicate=False
    )
    if not text or not text.strip():
        raise DocumentError("the page has no main text that can be extracted", "ingest-empty", name)
    return text


def _docx(data: bytes, name: str) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(f"not a readable .docx (corrupt archive: {exc})", "ingest-corrupt", name) from None
    except Exception as exc:  # lxml and python-docx raise many kinds for a broken archive member
        raise DocumentError(f"not a readable .docx ({type(exc).__name__})", "ingest-corrupt", name) from None
    lines = []
    for item in document.iter_inner_content():  # body order: paragraphs and tables interleaved
        if isinstance(item, Paragraph):
            lines.append(item.text)
        elif isinstance(item, Table):
            lines.append("")
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:  # a merged cell repeats in every column it spans
                    text = re.sub(r"\s*\n\s*", " ", cell.text).strip()
                    if not cells or text != cells[-1]:
                        cells.append(text)
                lines.append("\t".join(cells))
            lines.append("")
    return "\n".join(lines)


_NEW_LINE_STARTS = re.compile(
    r"\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|第.{1,3}[章条节]|附件)"
)


def _unwrap(box: str) -> str:
    """One text box of a PDF page with its layout line breaks removed: a line that does not end a
    sentence or a heading goes on in the next one, unless that one starts a numbered item."""
    lines = box.rstrip("\n").split("\n")
    out = lines[0]
    for prev, line in zip(lines, lines[1:], strict=False):
        ends = re.search(r"[。；;：:！？）)]\s*$", prev) or len(prev.strip()) < 16
        out += ("\n" if ends or _NEW_LINE_STARTS.match(line) else "") + line
    return out + "\n"


def _radicals() -> dict[int, str]:
    """Kangxi and supplementary radicals (U+2E80–U+2FDF) that PDF fonts map ideographs to, as the
    ideographs themselves (一 for ⼀): NFKC on those code points only, one character for one."""
    table = {}
    for code in range(0x2E80, 0x2FE0):
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1 and folded != chr(code):
            table[code] = folded
    return table


_RADICALS = _radicals()


def _pdf(data: bytes, name: str) -> tuple[str, tuple[int, ...]]:
    from .pdftext import PdfReadError, read_pages

    pages, starts, pos = [], [], 0
    try:
        for paragraphs in read_pages(data):
            text = "".join(_unwrap("\n".join(lines)) for lines in paragraphs)
            starts.append(pos)
            pages.append(text)
            pos += len(text) + 1
    except PdfReadError as exc:
        what = "it is encrypted: save it again without a password" if exc.encrypted else str(exc)
        raise DocumentError(f"not a readable PDF ({what})", "ingest-corrupt", name) from None
    text = "\n".join(pages).translate(_RADICALS)
    if not re.search(r"[\u4e00-\u9fff\w]", text):
        raise DocumentError(
            f"the PDF has no text layer ({len(pages)} page(s) of images): run OCR on it first, then ingest the text",
            "ingest-no-text-layer",
            name,
        )
    return text, tuple(starts)


def read_bytes(data: bytes, name: str, suffix: str | None = None) -> Document:
    """The document in `data`; `suffix` (the file's extension) must agree with what the bytes are."""
    if len(data) > MAX_BYTES:
        raise DocumentError(
            f"the file has {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes (32 MB): split it",
            "ingest-too-large",
            name,
        )
    kind = _sniff(data)
    if suffix is not None:
        given = ".html" if suffix.lower() == ".htm" else suffix.lower()
        if given not in FORMATS:
            raise DocumentError(f"unknown file type {suffix!r}: give .txt, .html, .docx or .pdf", "ingest-format", name)
        binary = {".pdf", ".docx"}
        if (given in binary or kind in binary) and given != kind:
            raise DocumentError(
                f"the extension says {given} but the content is {kind}: rename the file or give the right one",
                "ingest-format",
                name,
            )
        kind = given if kind == ".txt" else kind  # an .html file without a doctype is still read as HTML
    starts: tuple[int, ...] = ()
    if kind == ".pdf":
        text, starts = _pdf(data, name)
    elif kind == ".docx":
        text = _docx(data, name)
    elif kind == ".html":
        text = _html(data, name)
    else:
        text = decode_text(data, name)
    return Document(
        text,
        kind.lstrip("."),
        hashlib.sha256(data).hexdigest(),
        hashlib.sha256(text.encode("utf-8")).hexdigest(),
        starts,
    )


def read_path(path: Path) -> Document:
    """Read a regular file (no folders, devices or oversized files) and its format."""
    name = str(path)
    try:
        if not path.is_file():
            raise DocumentError("cannot read: not a regular file", "ingest-unreadable", name)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(
                f"the file has {size:,} bytes; the limit is {MAX_BYTES:,} bytes (32 MB): split it",
                "ingest-too-large",
                name,
            )
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read: {exc.strerror or exc}", "ingest-unreadable", name) from None
    return read_bytes(data, name, path.suffix)
