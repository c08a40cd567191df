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
    r"纸质|一式.份|签字|盖章|装订|报送|提交|申请书|(?:申报|纸质|证明|书面|电子|相关|申请|佐证)材料|材料(?:须|应|一式)|"
    r"执行期(?!内)|实施期(?!内)|研究期限|项目周期|完成时限|(?:资助|支持|服务)期(?!内)|须提供|应提供|推荐(?:项目|数量|名额)|"
    r"诚信|失信|信用|知识产权|保密|伦理|"
    r"[须应]由|须有|[须应]位于|须作为|联合(?:申报|申请|揭榜)|共同申报|限揭"  # who applies with whom, and where
)
# 新材料 and 永磁材料 are no papers, 执行期内 opens the results to deliver, and a title in 《》 limits nobody.
_KINDS = [
    ("documentation", r"提交|[须并]附|一式"),  # papers to hand in, whatever they are about (须提交合作协议)
    ("co-funding", r"自筹|配套|比例"),
    ("duration", r"年限|期限|执行期|实施期|周期|时限|资助期|支持期|服务期|不超过\d+年|\d+年内"),
    ("partnership", r"联合|合作|协议|共同申报|参与单位"),
    ("coverage", r"覆盖|整体申报|涵盖"),
    ("documentation", r"纸质|一式|份|提供|提交|报送|证明|材料|申请书|盖章|签字|装订"),
    ("integrity", r"知识产权|信用|诚信|失信|安全|保密|伦理"),
]


_NUMBERING = re.compile(r"^\s*[（(]?[\d一二三四五六七八九十]+[.．、)）]\s*")
# A clause that starts a rule of its own inside one item: 每个单位…, 同一项目负责人…, 课题负责人…
# (also after 并/且, and a new rule's own words: 年龄…, 鼓励…, 具有…, 联合体成员…, 参与单位…)
_NEW_SUBJECT = re.compile(
    r"(?<=[。])(?=\s*\S)|(?<=[，,；;])\s*(?=(?:并|且|並)?(?:每个|每家|每位|每人|每名|同一|同期|各单位|申报单位|牵头单位|"
    r"牵头企业|参与单位|合作单位|联合体|(?:项目|课题)?负责人|申报人|年龄|年齡|鼓励|具有|具备|与[^，；]{2,12}签订|提交|须提交|须附|"
    r"(?:企业)?(?:上年度|上一年度|近三年)))"
)
_RATIO = re.compile(r"\d\s*[:：]\s*\d|\d\s*倍")
_OWN_RULE = re.compile(r"须|应|需|不得|只能|限|鼓励|提供|覆盖|注册|法人")
# Who qualifies for an award: 对年销售额超过50亿元的整车企业…给予奖励 → 年销售额超过50亿元的整车企业
_THRESHOLD = re.compile(
    r"(?<=对)(?:年|上年度)?(?:销售额|销售收入|营业收入|主营业务收入|营收|产值)[^，。；]{0,10}?元的[^，。；]{0,8}?(?:企业|单位|机构)"
)
_AWARD = re.compile(r"奖励|给予|补助|资助|支持")
_HEADING_MARK = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.．、])")
_CONTACT = re.compile(r"电话|联系人|邮箱|传真|咨询")  # a contact line after the last item is no rule
_RESULTS = re.compile(r"绩效|考核指标|预期成效|预期目标|成果要求|目标任务")  # 须在东盟国家推广技术2项以上: a result


def _parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """A requirement item cut where a clause with its own subject begins; the item whole otherwise."""
    cuts = [m.end() for m in _NEW_SUBJECT.finditer(doc.text, start, end)]
    bounds = [start, *cuts, end]
    parts = [(a, z) for a, z in zip(bounds, bounds[1:], strict=False) if doc.text[a:z].strip()]
    parts = [(a + 1 if doc.text[a] in "并且並" else a, z) for a, z in parts]
    # a ratio clause is listed once, as a ratio (企业须按1:2配套自筹资金), unless it carries a rule of its own
    return [(a, z) for a, z in parts if not _RATIO.search(doc.text, a, z) or _carries_a_rule(doc.text[a:z])]


def _carries_a_rule(part: str) -> bool:
    """A clause beside the ratio's sets a rule (须以项目整体申报，…比例不低于1:1), not just its subject (企业牵头的项目，)."""
    return any(_OWN_RULE.search(c) for c in re.split(r"[，,；;]", part) if not _RATIO.search(c))


def _rules_heading(heading: str | None) -> bool:
    """A requirement heading, unless it also heads the indicators (揭榜要求及指标: results to deliver)."""
    return bool(heading and REQUIREMENT_HEADINGS.search(heading) and "指标" not in heading)


def _unquoted(text: str) -> str:
    return re.sub(r"《[^》]*》|“[^”]*”", "", text)


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
        under = any(_rules_heading(a.heading) for a in doc.ancestors(i))
        if under:
            if b.kind in ("l2", "l3", "l4"):
                parts = _parts(doc, b.start, b.end)
                if len(parts) == 1 and not _NEW_SUBJECT.search(doc.text, b.start, b.end) and not _RATIO.search(b.text):
                    head = b.heading_zh or ""
                    text = joined(head + ("。" if head and b.text_zh else "") + b.text_zh).strip()
                    add(i, text, doc.cite(b.start, b.end), "requirement-under-heading")
                    continue
                for start, end in parts:
                    cite = doc.cite(start, end).strip().rstrip("；;。，,")
                    if cite and not _CONTACT.search(cite):
                        add(i, _NUMBERING.sub("", cite), cite, "requirement-under-heading")
            continue
        own = _rules_heading(b.heading)
        if own and b.children:
            continue  # a heading over numbered items: the items are the requirements
        for s_start, s_end in doc.sentences(b):
            sentence = doc.text[s_start:s_end]
            bare = _NUMBERING.sub("", re.sub(r"^\s*[一二三四五六七八九十]+、", "", sentence)).strip(" ：:\n")
            if own and sentence.strip() and not REQUIREMENT_HEADINGS.fullmatch(bare):
                for start, end in _parts(doc, s_start, s_end):
                    cite = doc.cite(start, end).strip().rstrip("；;。，,")
                    if cite and cite != (b.heading_zh or ""):
                        add(i, re.sub(r"^[^：:]{2,8}[：:]\s*", "", cite), cite, "requirement-label-sentence")
            elif (
                limits_applicants(_unquoted(sentence))
                and re.search(r"申报|申请|项目|单位|负责人", sentence)
                and not any(_RESULTS.search(h) for h in doc.headings(i))
            ):
                for start, end in _parts(doc, s_start, s_end):
                    cite = doc.cite(start, end).strip().rstrip("；;。，,")
                    heading = _HEADING_MARK.sub("", doc.text[start:end]).strip(" ：:\n")
                    if cite and heading != b.heading and limits_applicants(_unquoted(doc.text[start:end])):
                        add(i, _NUMBERING.sub("", cite), cite, "applicant-limit-sentence")  # not 二、申报材料 itself
            for m in _THRESHOLD.finditer(sentence) if _AWARD.search(sentence) else []:
                cite = doc.cite(s_start + m.start(), s_start + m.end()).strip()
                add(i, cite, cite, "award-threshold")
    return out
