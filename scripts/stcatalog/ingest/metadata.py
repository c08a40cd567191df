"""The guide's own fields (title, document number, issuer, year, date, type, region), read from the
first lines and the whole text. Values are quoted as written; doubts say what a person must check."""

from __future__ import annotations

import re

from ..model.quantities import fold
from .document import Doc
from .lookup import Lookup

_DOCNO = re.compile(r"[\u4e00-\u9fa5]{2,4}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号")  # 国科发区〔2022〕25号
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
_ISSUER = re.compile(r"[\u4e00-\u9fa5]{2,12}(?:科学技术厅|科学技术局|科技厅|科技局|科学技术部|科技部)")


def _doc_type(title: str) -> str:
    if re.search(r"要点|工作计划|工作安排", title):
        return "work-plan"
    if re.search(r"方案|规划", title):
        return "implementation-plan"
    if re.search(r"范围|领域", title):
        return "priority-scope"
    return "call-for-proposals"


def metadata(doc: Doc, look: Lookup) -> tuple[dict, list[str]]:
    """The guide fields and the doubts about them."""
    doubts = []
    text = fold(doc.text)  # full-width digits read as digits; the length is unchanged
    pos, first, first_match = 0, "", ""
    for line in doc.text.split("\n"):  # the first line that is not an annex marker
        if line.strip() and not re.fullmatch(r"附件\s*\d+", fold(line.strip())):
            first, first_match = doc.cleaned[pos : pos + len(line)].strip(), line.strip()
            break
        pos += len(line) + 1
    m = re.search(r"关于印发《(.+?)》", first_match)
    title = first[m.start(1) : m.end(1)] if m else (first[:120] or "（无标题）")
    title_s = first_match[m.start(1) : m.end(1)] if m else first_match[:120]
    if not m and len(first) > 60:
        doubts.append("title: the first line is long; check the title")
    docno = _DOCNO.search(text)
    year = _YEAR.search(fold(title_s)) or _YEAR.search(text)
    date = _DATE.search(text)
    issuers = list(_ISSUER.finditer(text))
    national = bool(docno and docno.group().startswith("国")) or "科技部等" in text
    if issuers:
        issuer = doc.cleaned[issuers[0].start() : issuers[0].end()]
    else:
        issuer = "科学技术部" if national else "（待核实）"
        doubts.append("issuer: not stated; infer it and mark it as inferred in the manifest")
    regions = look.regions_in(first_match) or look.regions_in(text[:2000])
    if not date:
        doubts.append("date: not stated")
    url = re.search(r"https?://[^\s<>\"]+", doc.cleaned)
    return {
        "title": look.bitext(title),
        "doc_number": doc.cleaned[docno.start() : docno.end()] if docno else None,
        "issuer": look.bitext(issuer),
        "issuer_level": "national" if national else "provincial",
        "issuer_region": "CN" if national else (regions[0] if regions else "CN"),
        "year": int(year.group(1)) if year else 2000,
        "date": f"{int(date.group(1)):04d}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else None,
        "type": _doc_type(title_s),
        "programme": None,
        "summary": look.bitext(title),
        "source_url": url.group() if url else None,
    }, doubts
