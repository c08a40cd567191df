"""Extractor for eligibility and procedure rules: every item under a 申报要求/申报条件 heading, and any
sentence elsewhere that limits who may apply or what must be handed in (只能牵头申报1个项目, 纸质版1份).
Such limits are rules for applicants, never indicators: `limits_applicants` is shared with that extractor."""

from __future__ import annotations

import re

from .document import Doc
from .lookup import Lookup
from .structure import REQUIREMENT_HEADINGS, joined

APPLICANT_LIMIT = re.compile(
    r"限报|限申|限\d+项|只能|仅限|不得|不能|不可|(?:牵头|同时|重复)申报|申报(?:单位|人|者)?(?:须|应|必须)|"
    r"须(?:具有|具备|为|是|在)|应(?:具有|具备|为|当)|必须|具(?:有|备)独立法人|法人资格|"
    r"纸质|一式.份|签字|盖章|装订|报送|提交|申请书|材料|执行期|实施期|研究期限|项目周期|完成时限|"
    r"诚信|失信|信用|知识产权|保密|伦理"
)
_KINDS = [
    ("co-funding", r"自筹|配套|比例"),
    ("duration", r"年限|期限|执行期|实施期|周期|时限|不超过\d+年|\d+年内"),
    ("partnership", r"联合|合作|协议|共同申报"),
    ("coverage", r"覆盖|整体申报|涵盖"),
    ("documentation", r"纸质|一式|份|提供|提交|报送|证明|材料|申请书|盖章|签字|装订"),
    ("integrity", r"知识产权|信用|诚信|失信|安全|保密|伦理"),
]


_NUMBERING = re.compile(r"^\s*[（(]?[\d一二三四五六七八九十]+[.．、)）]\s*")
# A clause that starts a rule of its own inside one item: 每个单位…, 同一项目负责人…, 课题负责人…
_NEW_SUBJECT = re.compile(
    r"(?<=[。])(?=\s*\S)|(?<=[，,；;])\s*(?=每个|每家|每位|每人|同一|各单位|申报单位|牵头单位|(?:项目|课题)?负责人|申报人)"
)


def _parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """A requirement item cut where a clause with its own subject begins; the item whole otherwise."""
    cuts = [m.start() for m in _NEW_SUBJECT.finditer(doc.text, start, end)]
    bounds = [start, *cuts, end]
    return [(a, z) for a, z in zip(bounds, bounds[1:], strict=False) if doc.text[a:z].strip()]


def requirement_kind(text: str) -> str:
    return next((kind for kind, rx in _KINDS if re.search(rx, text)), "eligibility")


def limits_applicants(clause: str) -> bool:
    """The clause limits applicants or applications rather than stating a result to deliver."""
    return bool(APPLICANT_LIMIT.search(clause))


def requirements(doc: Doc, look: Lookup, project_of: dict[int, str]) -> list[dict]:
    out: list = []

    def add(i: int, text: str, cite: str, why: str) -> None:
        out.append(
            {
                "id": f"req-{len(out) + 1}",
                "section": doc.blocks[i].id,
                "project": project_of.get(i),
                "kind": requirement_kind(text),
                "text": {"zh": text, "en": ""},
                "cite": cite or text[:40],
                "why": why,
            }
        )

    for i, b in enumerate(doc.blocks):
        under = any(REQUIREMENT_HEADINGS.search(a.heading or "") for a in doc.ancestors(i))
        if under:
            if b.kind in ("l2", "l3", "l4"):
                parts = _parts(doc, b.start, b.end)
                if len(parts) == 1:
                    head = b.heading_zh or ""
                    text = joined(head + ("。" if head and b.text_zh else "") + b.text_zh).strip()
                    add(i, text, doc.cite(b.start, b.end), "requirement-under-heading")
                for start, end in parts if len(parts) > 1 else []:
                    cite = doc.cite(start, end).strip().rstrip("；;。，,")
                    add(i, _NUMBERING.sub("", cite), cite, "requirement-under-heading")
            continue
        own = bool(REQUIREMENT_HEADINGS.search(b.heading or ""))
        if own and b.children:
            continue  # a heading over numbered items: the items are the requirements
        for s_start, s_end in doc.sentences(b):
            sentence = doc.text[s_start:s_end]
            if own and sentence.strip() and not REQUIREMENT_HEADINGS.fullmatch(sentence.strip(" ：:\n")):
                for start, end in _parts(doc, s_start, s_end):
                    cite = doc.cite(start, end).strip().rstrip("；;。，,")
                    if cite and cite != (b.heading_zh or ""):
                        add(i, re.sub(r"^[^：:]{2,8}[：:]\s*", "", cite), cite, "requirement-label-sentence")
            elif limits_applicants(sentence) and re.search(r"申报|申请|项目|单位|负责人", sentence):
                cite = doc.cite(s_start, s_end).strip().rstrip("；;。")
                if cite:
                    add(i, _NUMBERING.sub("", cite), cite, "applicant-limit-sentence")
    return out
