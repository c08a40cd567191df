"""Rules added for documents the rules had not seen (the development set 14-33), each on a sentence
written for the test: funding beside a firm's threshold, conditions and counts in brackets, events."""

from __future__ import annotations

from stcatalog.core.problems import ProblemList
from stcatalog.ingest import funding, indicators, requirements, structure
from stcatalog.ingest.document import Doc
from stcatalog.ingest.lookup import Lookup
from stcatalog.sources.load import load_vocabulary

from .conftest import REPO

VOCAB = load_vocabulary(REPO, ProblemList())
LOOK = Lookup(VOCAB)


def _indicators(text: str) -> list[tuple]:
    d = Doc(text, VOCAB)
    return [(r["comparator"], r["value_min"], r["value_max"]) for r in indicators.indicators(d, LOOK, {}, 2025)]


def test_an_award_after_a_firms_threshold_is_funding():
    d = Doc("对研发投入超过5000万元的企业给予最高200万元奖励。", VOCAB)
    got = [(r["kind"], r["comparator"], r["value_max"], r["unit"]) for r in funding.funding(d, LOOK, {})]
    assert got == [("amount", "le", 200, "wan-yuan")]
    assert _indicators("对研发投入超过5000万元的企业给予最高200万元奖励。") == []


def test_a_bracketed_part_of_a_count_stays_and_a_condition_goes():
    assert _indicators("建设示范基地3个（其中国家级1个）。") == [("eq", 3, 3), ("eq", 1, 1)]
    assert _indicators("考核指标：续航里程不低于600公里（载重2吨工况下）。") == [("ge", 600, None)]


def test_events_people_join_stay_indicators_but_meetings_do_not():
    assert _indicators("组织群众参加科普活动10万人次。") == [("eq", 100000, 100000)]
    assert _indicators("每季度召开1次调度会，预计与会代表约200名。") == []
    assert structure.project_of(Doc("组织群众参加科普活动10万人次。", VOCAB)) == {}


def _requirements(text: str) -> list[tuple]:
    return [(r["kind"], r["text"]["zh"]) for r in requirements.requirements(Doc(text, VOCAB), LOOK, {})]


def test_papers_to_hand_in_are_documentation_and_a_heading_is_no_requirement():
    got = _requirements("有关要求\n\n项目实施期限为2年，须提交合作协议及配套资金承诺书。\n")
    assert got == [("duration", "项目实施期限为2年"), ("documentation", "须提交合作协议及配套资金承诺书")]
    assert _requirements("二、申报材料\n\n申报书纸质版一式两份。\n") == [("documentation", "申报书纸质版一式两份")]


def test_target_column_tables_with_a_unit_column_or_years_as_headers():
    with_unit = "序号 | 指标 | 单位 | 基期值 | 目标值 | 属性\n1 | 省级创新平台 | 个 | 40 | 60 | 约束性\n"
    years = "指标\t2023年\t2027年\t属性\n科技型企业数量（家）\t800\t1200\t预期性\n"
    assert _indicators(with_unit) == [("eq", 60, 60)]
    assert _indicators(years) == [("eq", 1200, 1200)]


def test_who_applies_with_whom_and_headings_that_also_head_indicators():
    got = _requirements("其他\n\n项目须由本省单位与援建省份单位联合申报。\n")
    assert got == [("partnership", "项目须由本省单位与援建省份单位联合申报")]
    assert _requirements("揭榜条件\n\n1.每人限揭1个榜单。\n") == [("eligibility", "每人限揭1个榜单。")]
    assert _requirements("二、揭榜要求及指标\n\n项目完成时，须实现良种覆盖率达到95%以上。\n") == []
