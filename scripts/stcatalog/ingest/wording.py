"""Words that place a clause in time: plan wording (力争, 计划, 到2025年 → a target) and past markers
(已, 去年, 截至 → a fact already achieved). Shared by the indicator and funding extractors."""

from __future__ import annotations

import re

# Years may be written in full-width digits (到２０２５年底): \d reads them, the century is spelled both ways.
PLAN_WORDS = re.compile(
    r"力争|争取|确保|预计|拟|到\s*(?:19|20|１９|２０)\d{2}\s*年|(?:19|20|１９|２０)\d{2}\s*年(?:底|末)前?|年底前|"
    r"(?<!科技|研发|重点|专项|人才|行动|工作|年度|培育|引进|合作|伙伴|发展|创新|星火|火炬|支撑|示范|攻关)计划"
    r"(?!项目|单列|管理|体系|任务书|指南|的|》|”|）|\)|类|资金|经费|提出|指出|明确|要求|规定)"
)
RUNNING_PLAN = re.compile(r"每年")  # plan wording in running text, not inside an assessment list
PAST = re.compile(
    r"已经|已(?!有)|曾经|(?<![比较])去年|(?<![比较])上年|上一年|前年|截至|截止|此前|以来|过去|先后|近年|近几年|近[\d一二三四五两]+年|已有|现有|目前|(?:[一两二三四五六七八九十多]|\d+)年来"
)


def past_before(prefix: str) -> bool:
    """The text before a quantity (from the sentence start) speaks of the past: its last past marker
    (已, 去年, 截至…) comes after its last plan word (力争, 计划…)."""
    past = [m.end() for m in PAST.finditer(prefix)]
    plan = [m.end() for m in PLAN_WORDS.finditer(prefix)] + [m.end() for m in RUNNING_PLAN.finditer(prefix)]
    return bool(past) and (not plan or past[-1] > plan[-1])


_NOW = re.compile(r"今年|明年|下一步|下步|将")
_FIRST_SENTENCE = re.compile(r"[^。！？]*[。！？]")


def past_paragraph(before: str, sentence: str) -> bool:
    """The sentence goes on a paragraph that opened in the past (过去一年，我们…。全年选派专家760人次) and
    nothing since, the sentence included, turns to plans or to now (力争, 今年, 将)."""
    first = _FIRST_SENTENCE.match(before)
    if first is None or not PAST.search(first.group()):
        return False
    span = before + sentence
    return not (PLAN_WORDS.search(span) or RUNNING_PLAN.search(span) or _NOW.search(span))
