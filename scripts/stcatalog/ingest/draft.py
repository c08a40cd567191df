"""Draft a source file from a raw document, so that a person curates and translates instead of
transcribing.

Everything here is generic: structure markers (附件N 一、 （一） 任务N 1. （1）), heading words
(重点任务, 支持方向, 考核指标, 约束性指标, 申报要求 …) and the shared quantity parser. No rule names a
particular document. Drafting reads only the raw text and the vocabularies, never curated sources.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model.catalog import Vocabulary
from ..model.quantities import QuantityParser, fold, symbols_from_units
from ..sources.clean import clean


class DocumentError(Exception):
    """A raw file that cannot be read as text."""


def decode_document(data: bytes, name: str = "document") -> str:
    """UTF-8 (with or without BOM), else GB18030; binary data and other encodings are refused."""
    if b"\x00" in data[:4096]:
        raise DocumentError(f"{name}: looks like a binary file (it contains NUL bytes); give the plain text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{name}: unknown encoding: neither UTF-8 nor GB18030 (bad byte at {exc.start}); convert it to UTF-8 first"
        ) from None


def read_document(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode_document(data, str(path))


# Structure --------------------------------------------------------------------------------------
CN_NUM = "一二三四五六七八九十"
RANK = {"annex": 0, "l1": 1, "bare": 1, "l2": 2, "label": 2, "kind": 2.5, "task": 3, "l3": 3, "l4": 4}
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
    out = []
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


def segment(text: str) -> list[Block]:
    marks = _marks(text)
    blocks: list[Block] = []
    first = marks[0][0] if marks else len(text)
    if text[:first].strip():
        blocks.append(Block("bare", 0, first, None, None, text[:first].strip()))
    for i, (start, mend, kind, marker) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        heading, body = _heading_and_text(kind, text[mend:end])
        if kind == "kind":
            heading = marker.rstrip("：: ")
        blocks.append(Block(kind, start, end, marker.strip() or None, heading, body))
    stack: list[int] = []
    for i, b in enumerate(blocks):
        while stack and blocks[stack[-1]].rank >= b.rank:
            stack.pop()
        if stack:
            b.parent = stack[-1]
            blocks[stack[-1]].children.append(i)
        stack.append(i)
    return blocks


def ancestors(blocks: list[Block], i: int):
    p = blocks[i].parent
    while p is not None:
        yield blocks[p]
        p = blocks[p].parent


def descendants(blocks: list[Block], i: int) -> list[int]:
    out, stack = [], list(reversed(blocks[i].children))
    while stack:
        j = stack.pop()
        out.append(j)
        stack.extend(reversed(blocks[j].children))
    return out


# Records ----------------------------------------------------------------------------------------
PROGRAMME_HEADING = re.compile(r"科技(援|支|入|兴)[\u4e00-\u9fa5]|扶贫协作|东西部.{0,4}合作|对口支援")
TARGET_WORDS = re.compile(r"力争|争取|达到|确保")
FUNDING_WORDS = re.compile(r"支持额度|资助额度|支持金额|资助金额|资助强度|支持强度")
REQUIREMENT_HEADINGS = re.compile(r"申报要求|申报条件|申报原则|申请条件|申报资格")


@dataclass
class Drafter:
    vocab: Vocabulary
    raw: str
    cleaned: str = ""
    offsets: list[int] = field(default_factory=list)  # cleaned index -> raw index
    doubts: list[str] = field(default_factory=list)

    def __post_init__(self):
        result = clean(self.raw)
        self.cleaned = result.text
        self.offsets = []  # cleaned index -> raw index: every raw position not inside a removal
        pos = 0
        for r_start, r_end in sorted((r.start, r.end) for r in result.removals) + [(len(self.raw), len(self.raw))]:
            self.offsets.extend(range(pos, max(pos, r_start)))
            pos = max(pos, r_end)
        self.parser = QuantityParser(symbols_from_units(self.vocab.units.values()))
        self._regions = self._region_names()

    # -- provenance ------------------------------------------------------------------------------
    def cite(self, start: int, end: int, must: tuple[int, int] | None = None) -> str:
        """The longest raw substring behind cleaned[start:end] that contains no removed text
        (or, with `must`, the one that contains cleaned[must[0]:must[1]])."""
        start, end = max(0, start), min(len(self.offsets), end)
        best, run_start = (start, start), start
        for i in range(start, end + 1):
            broken = i == end or (i > start and self.offsets[i] != self.offsets[i - 1] + 1)
            if broken:
                if must and run_start <= must[0] and must[1] <= i:
                    best = (run_start, i)
                    break
                if not must and i - run_start > best[1] - best[0]:
                    best = (run_start, i)
                run_start = i
        a, b = best
        if b <= a:
            return ""
        text = self.raw[self.offsets[a] : self.offsets[b - 1] + 1]
        line = text.split("\n")
        return max(line, key=len).strip()

    def cite_of(self, fragment: str, near: int = 0) -> str:
        at = self.cleaned.find(fragment, near)
        if at < 0:
            at = self.cleaned.find(fragment)
        return self.cite(at, at + len(fragment)) if at >= 0 else ""

    # -- vocabularies -------------------------------------------------------------------------
    def _region_names(self) -> list[tuple[str, str]]:
        names = []
        for code, r in self.vocab.regions.items():
            forms = {r["name"]["zh"], *(r.get("aliases") or [])}
            if r.get("short"):
                forms.add(r["short"]["zh"])
            names += [(f, code) for f in forms if len(f) >= 2]
        return sorted(names, key=lambda x: -len(x[0]))

    def regions_in(self, text: str) -> list[str]:
        found, masked = [], text
        for name, code in self._regions:
            if name in masked:
                masked = masked.replace(name, "\0")
                if code not in found:
                    found.append(code)
        return found

    def domains_in(self, text: str) -> list[str]:
        found = []
        for did, d in self.vocab.domains.items():
            words = [w for w in re.split(r"[与和、及]", d["name"]["zh"]) if len(w) >= 2]
            if any(w in text for w in words):
                found.append(did)
        return found

    # -- the draft ----------------------------------------------------------------------------
    def draft(self, guide_id: str, raw_name: str) -> dict:
        blocks = segment(self.cleaned)
        for i, b in enumerate(blocks, start=1):
            b.id = f"s{i}"
        meta = self.metadata(blocks)
        doc = {
            "id": guide_id,
            "raw": raw_name,
            **meta,
            "translation": {
                "status": "pending",
                "note": "Draft written by stcatalog ingest: every en text is empty and needs translation.",
            },
            "sections": self.sections(blocks),
        }
        doc["scopes"] = self.scopes(blocks, meta["type"])
        doc["projects"] = self.projects(blocks)
        doc["indicators"] = self.indicators(blocks)
        doc["funding"], doc["ratios"] = self.funding(blocks)
        doc["requirements"] = self.requirements(blocks)
        doc["contacts"] = self.contacts(blocks)
        doc["experts"] = self.experts(blocks)
        return {k: v for k, v in doc.items() if v != []}

    def metadata(self, blocks: list[Block]) -> dict:
        text = fold(self.cleaned)  # full-width digits read as digits; the length is unchanged
        lines = [ln.strip() for ln in self.cleaned.splitlines() if ln.strip()]
        lines = [ln for ln in lines if not re.fullmatch(r"附件\s*\d+", fold(ln))]
        first = lines[0] if lines else "（无标题）"
        m = re.search(r"关于印发《(.+?)》", first)
        title = m.group(1) if m else first[:120]
        if not m and len(first) > 60:
            self.doubts.append("title: the first line is long; check the title")
        docno = re.search(r"[\u4e00-\u9fa5]{2,4}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号", text)  # 国科发区〔2022〕25号
        year = re.search(r"((?:19|20)\d{2})\s*年", fold(title)) or re.search(r"((?:19|20)\d{2})\s*年", text)
        date = re.search(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日", text)
        kind = (
            "work-plan"
            if re.search(r"要点|工作计划|工作安排", title)
            else "implementation-plan"
            if re.search(r"方案|规划", title)
            else "priority-scope"
            if re.search(r"范围|领域", title)
            else "call-for-proposals"
        )
        issuers = re.findall(r"[\u4e00-\u9fa5]{2,12}(?:科学技术厅|科学技术局|科技厅|科技局|科学技术部|科技部)", text)
        national = bool(docno and docno.group().startswith("国")) or "科技部等" in text
        issuer = issuers[0] if issuers else ("科学技术部" if national else "（待核实）")
        if not issuers:
            self.doubts.append("issuer: not stated; infer it and mark it as inferred in the manifest")
        regions = self.regions_in(title) or self.regions_in(text[:2000])
        region = "CN" if national else (regions[0] if regions else "CN")
        if not date:
            self.doubts.append("date: not stated")
        return {
            "title": {"zh": title, "en": ""},
            "doc_number": docno.group() if docno else None,
            "issuer": {"zh": issuer, "en": ""},
            "issuer_level": "national" if national else "provincial",
            "issuer_region": region,
            "year": int(year.group(1)) if year else 2000,
            "date": f"{int(date.group(1)):04d}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else None,
            "type": kind,
            "programme": None,
            "summary": {"zh": title, "en": ""},
            "source_url": (re.search(r"https?://[^\s<>\"]+", text) or [None])[0],
        }

    def sections(self, blocks: list[Block]) -> list[dict]:
        out = []
        for b in blocks:
            sec = {"id": b.id, "parent": blocks[b.parent].id if b.parent is not None else None, "number": b.number}
            if b.heading:
                sec["heading"] = {"zh": b.heading, "en": ""}
            body = re.sub(r"[ \t]*\n[ \t]*(?!\n)", "", b.text).strip() if b.text else ""
            if body:
                sec["text"] = {"zh": body, "en": ""}
            sec["cite"] = self.cite(b.start, b.end) or (b.heading or body or "?")[:40]
            out.append(sec)
        return out

    def _scope_kind(self, blocks: list[Block], i: int, doc_type: str) -> str | None:
        b = blocks[i]
        heads = [a.heading or "" for a in ancestors(blocks, i)]
        own = b.heading or ""
        if b.kind in ("annex", "kind", "label", "bare") or any(
            "考核指标" in h or REQUIREMENT_HEADINGS.search(h) for h in heads
        ):
            return None
        if any(re.search(r"重点任务|主要任务", h) for h in heads):
            return "task" if b.kind in ("l3", "task") else "task-group"
        if any(re.search(r"支持方向|支持领域|领域范围|重点领域|支持重点", h) for h in heads):
            return "support-direction"
        if b.kind == "l1" and re.search(r"重点项目", own):
            return "key-direction"
        if any(re.search(r"一般项目", h) for h in heads) and b.kind in ("l2", "l3"):
            return "general-direction"
        if doc_type == "work-plan" and b.kind == "l3":
            return "work-item"
        if b.kind == "l1" and PROGRAMME_HEADING.search(own):
            return "regional-scope"
        return None

    def scopes(self, blocks: list[Block], doc_type: str) -> list[dict]:
        out, ids = [], {}
        for i, b in enumerate(blocks):
            kind = self._scope_kind(blocks, i, doc_type)
            if kind is None:
                continue
            sid = f"scope-{len(out) + 1}"
            ids[i] = sid
            parent = next((ids[j] for j in [b.parent] if j in ids), None)
            whole = (b.heading or "") + b.text
            title = b.heading or b.text[:30]
            out.append(
                {
                    "id": sid,
                    "kind": kind,
                    "parent": parent,
                    "section": b.id,
                    "number": b.number,
                    "title": {"zh": title, "en": ""},
                    **({"text": {"zh": re.sub(r"\s*\n\s*", "", b.text), "en": ""}} if b.text else {}),
                    "programme": None,
                    "regions": self.regions_in(whole),
                    "partners": [],
                    "domains": self.domains_in(whole),
                    "cite": self.cite(b.start, b.end) or title,
                }
            )
        return out

    def _project_groups(self, blocks: list[Block]):
        """(title block, title, blocks of the project): named by 项目名称 labels, else one per annex
        that has project objectives or tasks."""
        named = [i for i, b in enumerate(blocks) if b.kind == "label" and b.heading == "项目名称"]
        if named:
            for i in named:
                group = [blocks[i]]
                for b in blocks[i + 1 :]:
                    if b.rank < blocks[i].rank or (b.kind == "label" and b.heading == "项目名称"):
                        break
                    group.append(b)
                yield blocks[i], blocks[i].text.split("\n")[0].strip(), group
            return
        for i, b in enumerate(blocks):
            if b.kind != "annex" or not b.heading:
                continue
            desc = [blocks[j] for j in descendants(blocks, i)]
            if any(re.search(r"项目目标|项目任务|研究任务", d.heading or "") for d in desc):
                yield b, b.heading, [b, *desc]

    def projects(self, blocks: list[Block]) -> list[dict]:
        out = []
        for b, title, group in self._project_groups(blocks):
            desc = group[1:]
            goal = next((d for d in desc if re.search(r"目标", d.heading or "")), None)
            tasks = [d for d in desc if d.kind == "task"]
            pid = f"project-{len(out) + 1}"
            for d in group:
                d.project = pid
            scope_text = title + " ".join(d.text for d in desc[:3])
            out.append(
                {
                    "id": pid,
                    "section": b.id,
                    "number": b.number,
                    "scope": None,
                    "title": {"zh": title, "en": ""},
                    "objectives": {
                        "zh": re.sub(r"\s*\n\s*", "", goal.text) if goal and goal.text else b.heading,
                        "en": "",
                    },
                    "tasks": [
                        {
                            "number": t.number or "",
                            "text": {
                                "zh": re.sub(
                                    r"\s*\n\s*", "", (t.heading or "") + ("。" if t.heading and t.text else "") + t.text
                                ),
                                "en": "",
                            },
                            "cite": self.cite(t.start, t.end),
                        }
                        for t in tasks
                    ],
                    "regions": self.regions_in(scope_text),
                    "partners": [],
                    "domains": self.domains_in(scope_text),
                    "cite": self.cite_of(title, b.start) or title,
                }
            )
        return out

    def _clauses(self, start: int, end: int):
        """Clauses of cleaned[start:end]: pieces between Chinese punctuation, with their offsets."""
        pos = start
        for piece in re.split(r"([，；。,;\n])", self.cleaned[start:end]):
            if piece and piece not in "，；。,;\n":
                yield pos, pos + len(piece)
            pos += len(piece)

    def _quantity_records(self, start: int, end: int, make) -> list[dict]:
        out = []
        for c_start, c_end in self._clauses(start, end):
            clause = self.cleaned[c_start:c_end]
            found = [q for q in self.parser.parse(clause) if not self._quoted(clause, q.start)]
            for q in found:
                cite = self.cite(c_start, c_end, must=(c_start + q.start, c_start + q.end)).strip()
                cite = re.sub(r"^\s*[（(]?[\d一二三四五六七八九十]+[.．、)）]\s*", "", cite)
                rec = make(q, cite)
                parsed = self.parser.parse(cite)
                index = next((k for k, p in enumerate(parsed) if p.as_tuple() == q.as_tuple()), None)
                if index is None:
                    continue
                if index:
                    rec["quantity"] = index
                out.append(rec)
        return out

    @staticmethod
    def _quoted(text: str, at: int) -> bool:
        """Inside “…”: a slogan or a name (“四个意识”), not a quantity."""
        return text[:at].count("“") > text[:at].count("”")

    def indicators(self, blocks: list[Block]) -> list[dict]:
        out = []

        def add(kind, block, q, cite):
            values = q.as_tuple() if q is not None else ("eq", None, None, None)
            return {
                "id": f"ind-{len(out) + 1}",
                "section": block.id,
                "project": block.project,
                "scope": None,
                "kind": kind,
                "text": {"zh": cite, "en": ""},
                "measure": {"zh": cite, "en": ""},
                **dict(zip(("comparator", "value_min", "value_max", "unit"), values)),
            }

        for i, b in enumerate(blocks):
            kind_block = next((a for a in [b, *ancestors(blocks, i)] if a.kind == "kind"), None)
            if kind_block is not None and b.kind in ("l3", "l4"):
                kind = "binding" if kind_block.heading.startswith("约束性") else "expected"
                b.project = next((a.project for a in ancestors(blocks, i) if a.project), None)
                recs = self._quantity_records(b.start, b.end, lambda q, c: add(kind, b, q, c))
                if not recs:  # a qualitative item: one record per sub-item
                    for p_start, p_end in self._sub_items(b):
                        cite = re.sub(r"^\s*\d+[.．、]\s*", "", self.cite(p_start, p_end)).strip().rstrip("；;。，,")
                        if cite:
                            rec = add(kind, b, None, cite)
                            rec["override"] = {"reason": "qualitative indicator: no quantity in the text"}
                            out.append(rec)
                            self.doubts.append(f"indicator without a quantity: {cite[:40]}")
                for r in recs:
                    r["id"] = f"ind-{len(out) + 1}"
                    out.append(r)
                continue
            if kind_block is None and b.kind != "kind":
                for s_start, s_end in self._sentences(b):
                    if TARGET_WORDS.search(self.cleaned[s_start:s_end]):
                        for r in self._quantity_records(s_start, s_end, lambda q, c: add("target", b, q, c)):
                            r["id"] = f"ind-{len(out) + 1}"
                            out.append(r)
        return out

    SUB_ITEM = re.compile(
        r"[；;]|[，,](?=(?:建立|建成|建设|搭建|制定|形成|培养|开展|获得|申请|发表|引进|提交|提出|完成)[^，,]{4})"
    )

    def _sub_items(self, b: Block):
        """Parts of a list item: split at ；, and at ， where a new action verb starts a new task."""
        pos = b.start
        for piece in self.SUB_ITEM.split(self.cleaned[b.start : b.end]):
            if piece.strip():
                yield pos, pos + len(piece)
            pos += len(piece) + 1

    def _sentences(self, b: Block):
        """Sentences of a block's own text, with their offsets in the cleaned text."""
        pos = b.start
        for piece in re.split(r"(?<=[。；;！？\n])", self.cleaned[b.start : b.end]):
            yield pos, pos + len(piece)
            pos += len(piece)

    def funding(self, blocks: list[Block]) -> tuple[list[dict], list[dict]]:
        funding, ratios = [], []
        for b in blocks:
            for s_start, s_end in self._sentences(b):
                sentence = self.cleaned[s_start:s_end]
                for c_start, c_end in self._clauses(s_start, s_end):
                    clause = self.cleaned[c_start:c_end]
                    is_amount = FUNDING_WORDS.search(clause)
                    is_quota = re.search(r"项目.{0,6}\d+\s*项(以内|左右)|不超过\s*\d+\s*项", clause)
                    if not (is_amount or is_quota):
                        continue
                    for q in self.parser.parse(clause):
                        if is_amount and q.unit in ("wan-yuan", "yuan", "yi-yuan", "wan-usd", "usd"):
                            kind = "amount"
                        elif is_quota and q.unit == "item":
                            kind = "quota"
                        else:
                            continue
                        cite = self.cite(c_start, c_end).strip()
                        applies = re.match(r"[\u4e00-\u9fa5]{2,8}项目", sentence.strip())
                        funding.append(
                            {
                                "id": f"funding-{len(funding) + 1}",
                                "section": b.id,
                                "project": None,
                                "kind": kind,
                                "applies_to": {"zh": applies.group() if applies else cite, "en": ""},
                                "text": {"zh": cite, "en": ""},
                                "comparator": q.comparator,
                                "value_min": q.value_min,
                                "value_max": q.value_max,
                                "unit": q.unit,
                            }
                        )
                for r in self.parser.parse_ratios(sentence):
                    c = next(
                        ((a, z) for a, z in self._clauses(s_start, s_end) if a <= s_start + r.start < z),
                        (s_start, s_end),
                    )
                    cite = self.cite(*c).strip()
                    applicant = re.search(
                        r"企业|高校|科研院所|医疗卫生机构|事业单位", self.cleaned[max(b.start, c[0] - 80) : c[1]]
                    )
                    ratios.append(
                        {
                            "id": f"ratio-{len(ratios) + 1}",
                            "section": b.id,
                            "project": b.project,
                            "applicant": {"zh": applicant.group() if applicant else "申报单位", "en": ""},
                            "public_share": r.public_share,
                            "self_share": r.self_share,
                            "comparator": r.comparator,
                            "text": {"zh": cite, "en": ""},
                        }
                    )
        return funding, ratios

    def requirements(self, blocks: list[Block]) -> list[dict]:
        out = []
        for i, b in enumerate(blocks):
            if not any(REQUIREMENT_HEADINGS.search(a.heading or "") for a in ancestors(blocks, i)):
                continue
            if b.kind not in ("l2", "l3", "l4"):
                continue
            text = re.sub(
                r"\s*\n\s*", "", ((b.heading or "") + ("。" if b.heading and b.text else "") + b.text)
            ).strip()
            kind = (
                "co-funding"
                if re.search(r"自筹|配套|比例", text)
                else "duration"
                if re.search(r"年限|期限|不超过\d+年", text)
                else "partnership"
                if re.search(r"联合|合作|协议", text)
                else "coverage"
                if re.search(r"覆盖|整体申报", text)
                else "documentation"
                if re.search(r"提供|证明|材料", text)
                else "integrity"
                if re.search(r"知识产权|信用|安全", text)
                else "eligibility"
            )
            out.append(
                {
                    "id": f"req-{len(out) + 1}",
                    "section": b.id,
                    "project": b.project,
                    "kind": kind,
                    "text": {"zh": text, "en": ""},
                    "cite": self.cite(b.start, b.end) or text[:40],
                }
            )
        return out

    def experts(self, blocks: list[Block]) -> list[dict]:
        """Drafting panels: tables flattened into tab-led lines, one cell a line, rows between blank lines."""
        out = []
        for b in blocks:
            if not re.search(r"编写组|专家名单|编写专家", b.heading or "") or not b.project:
                continue
            rows = [[c.strip() for c in row.splitlines() if c.strip()] for row in re.split(r"\n\s*\n", b.text)]
            for row in rows:
                if len(row) >= 3 and re.fullmatch(r"\d{1,3}", row[0]):
                    name = row[1]
                    out.append(
                        {
                            "id": f"expert-{len(out) + 1}",
                            "project": b.project,
                            "name": {"zh": re.sub(r"\s+", "", name), "en": ""},
                            "affiliation": {"zh": row[2], "en": ""},
                            **({"position": {"zh": row[3], "en": ""}} if len(row) > 3 else {}),
                            "cite": self.cite_of(name, b.start) or name,
                        }
                    )
        return out

    def contacts(self, blocks: list[Block]) -> list[dict]:
        """A 联系方式 section: office, people and telephone numbers (a bare number takes the area code before it)."""
        out = []
        for b in blocks:
            if not re.search(r"联系方式|联系人", b.heading or ""):
                continue
            end = max([b.end] + [blocks[c].end for c in b.children])
            text = fold(self.cleaned[b.start : end])
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
                    "office": {"zh": office.group(1) if office else b.heading, "en": ""},
                    "people": [{"zh": p, "en": ""} for p in re.split(r"\s+|、", people.group(1).strip()) if p]
                    if people
                    else [],
                    "phones": phones,
                    "cite": self.cite(b.start, end) or b.heading,
                }
            )
        return out


def draft_source(raw_text: str, vocab: Vocabulary, guide_id: str, raw_name: str) -> tuple[dict, list[str]]:
    """The draft source and the list of doubts, from the raw text alone."""
    if not clean(raw_text).text.replace("\ufeff", "").strip():
        raise DocumentError(f"{raw_name}: the document is empty (nothing is left after cleaning)")
    drafter = Drafter(vocab, raw_text)
    doc = drafter.draft(guide_id, raw_name)
    return doc, drafter.doubts
