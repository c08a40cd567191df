"""Extractors for people: the 联系方式 section (office, people, telephone numbers) and drafting panels
(tables flattened into one cell a line, rows between blank lines)."""

from __future__ import annotations

import re

from ..model.quantities import fold
from .document import Doc
from .lookup import Lookup


def contacts(doc: Doc, look: Lookup) -> list[dict]:
    """A bare telephone number takes the area code of the number before it."""
    out: list = []
    for b in doc.blocks:
        if not re.search(r"联系方式|联系人", b.heading or ""):
            continue
        end = max([b.end] + [doc.blocks[c].end for c in b.children])
        text = fold(doc.cleaned[b.start : end])
        office = re.search(r"(?:管理部门|联系部门|受理部门)[：:]\s*(\S+)", text)
        people = re.search(r"联\s*系\s*人[：:]\s*([^\n]+)", text)
        phones, area = [], None
        for m in re.finditer(r"(0\d{2,3})-\s*(\d{7,8})|(?<=[、,，/])\s*(\d{7,8})", text):
            area = m.group(1) or area
            number = m.group(2) or m.group(3)
            phones.append(f"{area}-{number}" if area else number)
        out.append(
            {
                "id": f"contact-{len(out) + 1}",
                "section": b.id,
                "office": look.bitext(office.group(1) if office else (b.heading_zh or "")),
                "people": [{"zh": p, "en": ""} for p in re.split(r"\s+|、", people.group(1).strip()) if p]
                if people
                else [],
                "phones": phones,
                "cite": doc.cite(b.start, end) or b.heading_zh,
                "why": "contact-section",
            }
        )
    return out


def experts(doc: Doc, look: Lookup, project_of: dict[int, str]) -> list[dict]:
    out: list = []
    for i, b in enumerate(doc.blocks):
        if not re.search(r"编写组|专家名单|编写专家", b.heading or "") or i not in project_of:
            continue
        rows = [[c.strip() for c in row.splitlines() if c.strip()] for row in re.split(r"\n\s*\n", b.text_zh)]
        for row in rows:
            if len(row) >= 3 and re.fullmatch(r"\d{1,3}", row[0]):
                name = row[1]
                out.append(
                    {
                        "id": f"expert-{len(out) + 1}",
                        "project": project_of[i],
                        "name": {"zh": re.sub(r"\s+", "", name), "en": ""},
                        "affiliation": look.bitext(row[2]),
                        **({"position": look.bitext(row[3])} if len(row) > 3 else {}),
                        "cite": doc.cite_of(name, b.start) or name,
                        "why": "expert-panel-table",
                    }
                )
    return out
