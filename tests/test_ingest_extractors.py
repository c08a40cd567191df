"""Each extractor on its own: a pure function from the segmented document to its records."""

from __future__ import annotations

import pytest

from stcatalog.core.problems import ProblemList
from stcatalog.ingest import contacts, funding, indicators, requirements, structure
from stcatalog.ingest.document import Doc, simplified
from stcatalog.ingest.lookup import Lookup
from stcatalog.ingest.metadata import metadata
from stcatalog.ingest.numbers import IngestParser, cn_number
from stcatalog.model.quantities import symbols_from_units
from stcatalog.sources.load import load_vocabulary

from .conftest import REPO

VOCAB = load_vocabulary(REPO, ProblemList())
LOOK = Lookup(VOCAB)


def doc(text: str) -> Doc:
    return Doc(text, VOCAB)


def found(text: str, year: int | None = 2024) -> list[tuple]:
    d = doc(text)
    return [
        (r["kind"], r["comparator"], r["value_min"], r["value_max"], r["unit"], r["why"])
        for r in indicators.indicators(d, LOOK, structure.project_of(d), year)
    ]


# Numbers --------------------------------------------------------------------------------------------
PARSER = IngestParser(symbols_from_units(VOCAB.units.values()))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("二十", 20),
        ("一百", 100),
        ("五千", 5000),
        ("三万五千", 35000),
        ("十万", 100000),
        ("两亿", 200000000),
        ("万", None),
    ],
)
def test_chinese_numerals(text, value):
    assert cn_number(text) == value


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("五千亩", ("eq", 5000, 5000, "mu")),
        ("一万人次以上", ("ge", 10000, None, "person-time")),
        ("约300公顷", ("approx", 300, 300, "公顷")),
        ("突破100家", ("gt", 100, None, "organisation")),
        ("近50种", ("approx", 50, 50, "种")),
        ("5-10个", ("range", 5, 10, "piece")),
        ("80万元至150万元", ("range", 80, 150, "wan-yuan")),
        ("3万亩", ("eq", 30000, 30000, "mu")),
        ("传输速率不低于40kbps", ("ge", 40, None, "kbps")),  # technical units beside a comparator
        ("噪声达到5fT以下", ("le", None, 5, "fT")),
        ("接入通道≥64路", ("ge", 64, None, "路")),
        ("合格率＞95%", ("gt", 95, None, "percent")),  # a full-width sign
        ("单位产品耗水≤4.2立方米/吨", ("le", None, 4.2, "立方米/吨")),  # a unit per unit
        ("完成飞防作业200万亩次", ("eq", 2000000, 2000000, "亩次")),
        ("资助五十万澳门元", ("eq", 500000, 500000, "澳门元")),
        ("用水量低于每亩300立方米", ("lt", None, 300, "立方米")),  # a comparator before a per-unit
    ],
)
def test_quantities_ingest_reads(text, quantity):
    assert [q.as_tuple() for q in PARSER.parse(text)] == [quantity]


def test_dates_and_names_are_no_quantities():
    assert PARSER.parse("二〇二五年") == [] and PARSER.parse("一带一路") == [] and PARSER.parse("十九大") == []
    assert PARSER.parse("部署5G专网和100G光模块") == []  # labels and class descriptors, no comparator


def test_traditional_is_simplified_one_character_for_one():
    text = "臺灣省科學技術廳關於發佈項目申報指南，建設示範基地三個。"
    out = simplified(text)
    assert len(out) == len(text) and "科学技术厅" in out and "示范基地三个" in out


# Indicators -------------------------------------------------------------------------------------------
def test_assessment_list_after_a_plain_label():
    got = found("课题1：示例课题\n\n考核指标：建立示范基地500亩以上，培训农民800人次以上，申请发明专利2项。\n")
    assert got == [
        ("unspecified", "ge", 500, None, "mu", "assessment-list-label"),
        ("unspecified", "ge", 800, None, "person-time", "assessment-list-label"),
        ("unspecified", "eq", 2, 2, "item", "assessment-list-label"),
    ]


def test_kind_headings_give_binding_and_expected():
    got = found("附件1\n\n项目\n\n约束性指标：\n1.建设示范基地3个。\n预期性指标：\n1.带动增收约10%。\n")
    assert [(k, w) for k, *_, w in got] == [("binding", "kind-heading-item"), ("expected", "kind-heading-item")]


def test_flattened_table_row_gives_the_kind():
    got = found("指标类型\t指标名称\t目标值\n约束性\t新建示范基地\t3个\n预期性\t新增就业岗位\t超过300个\n")
    assert got == [
        ("binding", "eq", 3, 3, "piece", "table-row-kind"),
        ("expected", "gt", 300, None, "piece", "table-row-kind"),
    ]


def test_plan_wording_gives_target_in_running_text():
    got = found("今年将力争新建科技示范村50个，推广新技术100项以上。到2025年，建成平台15个。")
    assert [g[0] for g in got] == ["target", "target", "target"] and [g[2] for g in got] == [50, 100, 15]


def test_action_clause_without_plan_wording_is_unspecified():
    assert found("全年组织科技下乡活动不少于200场次。") == [("unspecified", "ge", 200, None, "场次", "action-clause")]


@pytest.mark.parametrize(
    "text",
    [
        "去年全省共实施科技援助项目86项，带动群众增收2.3亿元。",  # past facts
        "已累计建成科技合作平台42个。",
        "2019年共同组建的4个联合创新中心继续运行。",  # a year before the document's
        "实施“五个一”工程，推进“1020”工程。",  # quantities inside names
        "每个单位限报1项，申报书纸质版一式3份。",  # applicant limits
        "来自14个市州的120余名代表参加会议。",  # no action to deliver
        "联系电话：0471-6925312，新科发〔2021〕3号，附件2，第3条。",  # phone, document number, annex, ordinal
        "项目执行期3年。",  # a duration
        "为贯彻落实计划确定的4项合作创新行动，制定本方案。",  # a purpose clause
        "搭建一个开放共享的平台。",  # 一个 as an article
    ],
)
def test_what_is_not_an_indicator(text):
    assert found(text) == []


def test_applicant_thresholds_are_not_indicators():
    text = "3.申报企业为区内注册的企业，近三年年均主营业务收入不低于5000万元；南疆企业年主营业务收入不低于3000万元。"
    assert found(text) == []


def test_a_paragraph_that_opens_in_the_past_stays_past_until_a_plan():
    text = "一年来，我们扎实推进科技下乡。全年培训农民900人次，建设示范点12个。今年，力争建设示范点20个。\n"
    assert [(g[0], g[2]) for g in found(text)] == [("target", 20)]


def test_target_of_a_later_sentence_is_not_past():
    got = found("去年培训农民500人次，今年力争培训农民1000人次。")
    assert [(g[0], g[2]) for g in got] == [("target", 1000)]


def test_a_trailing_kind_mark_gives_binding_and_expected():
    got = found("二、主要指标\n\n3.农业科技园区达到12个（约束性）\n4.带动就业超过800人（预期性）\n")
    assert [(g[0], g[2]) for g in got] == [("binding", 12), ("expected", 800)]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("培育年产值超过5亿元的龙头企业8家。", [8]),  # a threshold that describes what is counted
        ("对年营业收入首次超过1亿元的企业给予奖励。", []),  # a threshold that qualifies a firm
        ("建成年产300吨中试线2条，建设万吨级码头1个。", [2, 1]),  # capacity and class descriptors
        ("考核指标：传输速率不低于40kbps（20公里光纤条件下）。", [40]),  # a test condition in brackets
        ("预计参会代表约300名，每季度召开2次调度会。", []),  # attendance and a meeting frequency
        ("计划建设示范基地6个，其中东区、西区各不少于2个。", [6]),  # a share of the count before it
        ("力争产业规模达到80亿元，零部件本地配套率提高到40%。", [80, 40]),  # money and a rate in a plan
        ("计划新建平台3个，审定新品种不少于5个。", [3, 5]),  # the plan word stands for the verb
    ],
)
def test_descriptors_conditions_and_plan_sentences(text, values):
    assert [g[2] if g[2] is not None else g[3] for g in found(text)] == values


def test_full_width_years_plan_and_comparison_years_are_not_past():
    assert [g[0] for g in found("到２０２６年，建成示范园区５个。")] == ["target"]
    assert found("单位产值能耗较2023年下降8%。", year=2025) == [("unspecified", "eq", 8, 8, "percent", "action-clause")]


# Funding and ratios -------------------------------------------------------------------------------------
def funds(text: str) -> list[tuple]:
    d = doc(text)
    return [
        (r["kind"], r["comparator"], r["value_min"], r["value_max"], r["unit"]) for r in funding.funding(d, LOOK, {})
    ]


def ratios(text: str) -> list[tuple]:
    d = doc(text)
    return [(r["shares"], r["comparator"], r["public_share"], r["self_share"]) for r in funding.ratios(d, LOOK, {})]


def test_amounts_and_quotas_in_any_order():
    assert funds("重点项目拟支持8项左右，每项支持经费不超过300万元。") == [
        ("quota", "approx", 8, 8, "item"),
        ("amount", "le", None, 300, "wan-yuan"),
    ]
    assert funds("一般项目支持额度为50～100万元，拟立项20项以内。") == [
        ("amount", "range", 50, 100, "wan-yuan"),
        ("quota", "le", None, 20, "item"),
    ]
    assert funds("单个项目最高补助500万元。") == [("amount", "le", None, 500, "wan-yuan")]
    assert funds("每项资助不超过澳门元400万元。") == [("amount", "le", None, 400, "wan-yuan")]


def test_limits_per_applicant_are_not_quotas():
    assert funds("每个单位限报1项，同一负责人只能牵头申报1个项目。") == []
    assert funds("每个县（区）推荐项目不超过2项。") == []  # a recommendation cap is a requirement


def test_quotas_named_at_length_and_fund_sizes():
    assert funds("今年拟支持新型储能关键技术项目15项。") == [("quota", "eq", 15, 15, "item")]
    assert funds("设立总规模20亿元的种业创投基金。") == [("amount", "eq", 20, 20, "yi-yuan")]
    assert found("设立总规模20亿元的种业创投基金。") == []


def test_ratios_in_any_order_of_terms():
    assert ratios("企业牵头的，自筹资金与财政资金比例不低于2:1。") == [([2, 1], "ge", 1, 2)]
    assert ratios("按1:1比例配套。") == [([1, 1], "eq", 1, 1)]
    assert ratios("按财政、合作省市、承担单位1:0.5:2的比例共同投入资金。") == [([1, 0.5, 2], "eq", 1, 2)]
    assert ratios("企业配套资金应在2倍以上于引导资金。") == [([1, 2], "ge", 1, 2)]
    assert ratios("会议于10:30开始。") == []  # no money: a time, not a ratio
    # 不低于 in the clause before is not the ratio's: eq
    assert ratios("每年安排经费不低于5000万元，各市按1:0.5的比例配套。") == [([1, 0.5], "eq", 1, 0.5)]


# Requirements, structure, contacts, metadata ---------------------------------------------------------------
def test_requirements_under_a_heading_and_limits_elsewhere():
    d = doc("申报要求\n\n1.申报单位须为独立法人。\n2.项目执行期不超过3年。\n\n其他\n\n每个单位限报1项。\n")
    got = [(r["kind"], r["text"]["zh"], r["why"]) for r in requirements.requirements(d, LOOK, {})]
    assert got == [
        ("eligibility", "申报单位须为独立法人。", "requirement-under-heading"),
        ("duration", "项目执行期不超过3年。", "requirement-under-heading"),
        ("eligibility", "每个单位限报1项", "applicant-limit-sentence"),
    ]


def reqs(text: str) -> list[tuple]:
    return [(r["kind"], r["text"]["zh"]) for r in requirements.requirements(doc(text), LOOK, {})]


def test_requirement_items_split_where_a_new_rule_starts():
    got = reqs("申报条件\n\n1.负责人须具有博士学位，年龄不超过50周岁，且同期主持项目不超过2项；\n2.其他。\n")
    assert [t for _, t in got[:3]] == ["负责人须具有博士学位", "年龄不超过50周岁", "同期主持项目不超过2项"]


def test_ratio_clauses_are_ratios_not_requirements_and_titles_limit_nobody():
    got = reqs("配套要求\n\n1.企业牵头的项目，企业须按1:1配套自筹资金。\n2.合作方须有实质性投入。\n")
    assert got == [("partnership", "合作方须有实质性投入。")]
    assert reqs("关于组织申报2026年度先进材料专项的通知\n\n项目执行期内须建成中试线2条。\n") == []


def test_results_and_contact_lines_are_no_requirements():
    assert reqs("三、绩效目标\n\n项目须在示范区推广新技术3项以上。\n") == []
    got = reqs("申报要求：\n1.申报单位须为独立法人。\n市科技局  电话：0431-88886666\n")
    assert [t for _, t in got] == ["申报单位须为独立法人"]


def test_award_thresholds_are_eligibility():
    got = reqs("对年营业收入首次超过20亿元的制造企业给予一次性奖励。")
    assert got == [("eligibility", "年营业收入首次超过20亿元的制造企业")]


def test_scopes_and_projects():
    d = doc(
        "一、支持方向\n\n（一）稀土新材料\n\n（二）现代奶业\n\n课题1：旱作农田节水技术集成与示范\n\n研究内容：略。\n"
    )
    scopes = [(s["kind"], s["title"]["zh"], s["why"]) for s in structure.scopes(d, LOOK, "call-for-proposals")]
    assert scopes == [
        ("support-direction", "稀土新材料", "scope-under-direction-heading"),
        ("support-direction", "现代奶业", "scope-under-direction-heading"),
    ]
    assert [(p["title"]["zh"], p["why"]) for p in structure.projects(d, LOOK)] == [
        ("旱作农田节水技术集成与示范", "project-topic-line")
    ]


@pytest.mark.parametrize("heading", ["征集方向", "资助范围", "榜单任务"])
def test_direction_headings_in_other_words(heading):
    d = doc(f"一、{heading}\n\n（一）智慧养殖装备\n（二）盐碱地改良\n\n二、其他\n\n略。\n")
    assert [s["title"]["zh"] for s in structure.scopes(d, LOOK, "call-for-proposals")] == ["智慧养殖装备", "盐碱地改良"]


def test_work_plan_task_headings_without_items_are_work_items():
    d = doc("一、总体目标。略。\n\n二、加强平台建设。新建平台3个。\n\n三、完善服务体系。略。\n")
    assert [s["title"]["zh"] for s in structure.scopes(d, LOOK, "work-plan")] == ["加强平台建设", "完善服务体系"]


@pytest.mark.parametrize("line", ["课题2  盐碱地水稻品种选育", "【课题B】盐碱地水稻品种选育"])
def test_topic_lines_spaced_or_bracketed(line):
    d = doc(f"一、课题设置\n\n{line}\n\n研究内容：略。\n")
    assert [p["title"]["zh"] for p in structure.projects(d, LOOK)] == ["盐碱地水稻品种选育"]


def test_contacts_take_the_area_code():
    d = doc("联系方式\n\n管理部门：成果处\n联 系 人：张三  李四\n联系电话：0991-3838681、3835189\n")
    (c,) = contacts.contacts(d, LOOK)
    assert c["phones"] == ["0991-3838681", "0991-3835189"] and [p["zh"] for p in c["people"]] == ["张三", "李四"]


def test_metadata_of_a_traditional_title_keeps_it_as_written():
    d = doc("二零二四年度粵港澳科技合作專項申報指南\n\n正文。廣東省科學技術廳\n")
    meta, doubts = metadata(d, LOOK)
    assert meta["title"]["zh"] == "二零二四年度粵港澳科技合作專項申報指南"
    assert meta["issuer"]["zh"] == "廣東省科學技術廳" and meta["type"] == "call-for-proposals"
    assert any(x.startswith("date") for x in doubts)


def test_english_is_prefilled_only_where_the_vocabularies_fix_it():
    assert LOOK.english("科技援疆") == "S&T aid to Xinjiang"
    assert LOOK.english("某个普通句子") == ""


def test_table_rows_with_a_unit_column_skip_the_base_year():
    text = (
        "类别 序号 指标名称 单位 2020年基数 2025年目标\n约束性指标\n 1 科技成果转化项目 项 310 500以上\n"
        " 2 新型职业农民培训 万人次 3.2 5\n预期性指标\n 3 新建星创天地 个 — 120左右\n\n"
    )
    assert found(text) == [
        ("binding", "ge", 500, None, "item", "indicator-table-row"),
        ("binding", "eq", 50000, 50000, "person-time", "indicator-table-row"),
        ("expected", "approx", 120, 120, "piece", "indicator-table-row"),
    ]
    bars = found(
        "指标类型｜指标｜单位｜目标值\n约束性｜建设省级工业互联网平台｜个｜15\n预期性｜新建5G行业虚拟专网｜个｜超过100\n"
    )
    assert [(k, c, v) for k, c, v, *_ in bars] == [("binding", "eq", 15), ("expected", "gt", 100)]


def test_target_column_tables_take_the_unit_from_the_name_and_skip_the_base():
    text = (
        "编号 | 指标 | 现状值 | 目标值 | 属性\n1 | 省级重点实验室（家） | 40 | 55以上 | 约束性\n"
        "2 | 技术合同成交额（亿元） | 310 | 突破400 | 预期性\n3 | 新增研发人员（万人） | — | 1.5左右 | 预期性\n"
    )
    assert found(text) == [
        ("binding", "ge", 55, None, "organisation", "indicator-table-row"),
        ("expected", "gt", 400, None, "yi-yuan", "indicator-table-row"),
        ("expected", "approx", 15000, 15000, "person", "indicator-table-row"),
    ]


def test_plan_wording_holds_for_the_sentence_up_to_the_full_stop():
    got = found("主要目标：到2026年，共建平台10个以上；新增高新技术企业约300家。重点任务：攻克技术难题20项。")
    assert [(g[0], g[2]) for g in got] == [("target", 10), ("target", 300), ("unspecified", 20)]
    assert [g[0] for g in found("据悉，计划提出，今年将新建创新平台15个。")] == ["unspecified"]  # 计划 as a noun
    assert [g[0] for g in found("津甘两地计划联合实施科技协作项目40项。")] == ["target"]


def test_running_text_needs_the_action_before_the_quantity():
    assert found("自治区科技厅与19个省市科技部门召开推进会。") == []
    assert [g[2] for g in found("培育新品种10个以上，其中水稻新品种不少于4个。")] == [10, 4]


def test_comparisons_with_last_year_are_not_past():
    assert [(g[0], g[1], g[2]) for g in found("力争技术合同成交额突破100亿元，比上年增长20%左右。")] == [
        ("target", "gt", 100),
        ("target", "approx", 20),
    ]


def test_money_achieved_is_an_indicator_and_funders_money_is_funding():
    assert [g[2] for g in found("全年科技贷款放款额不低于30亿元，新增销售收入5亿元以上。")] == [30, 5]
    assert found("两地财政共同投入资金约1.2亿元。") == []
    assert funds("两地财政共同投入资金约1.2亿元。") == [("amount", "approx", 1.2, 1.2, "yi-yuan")]
    assert funds("2016年以来，科技援藏已累计投入资金12.6亿元。") == []  # already spent


def test_quotas_only_where_the_number_is_what_is_funded():
    assert funds("本专项拟设3个课题。") == [("quota", "eq", 3, 3, "piece")]
    assert funds("将支持每个市州建设1个以上服务站。") == []
    assert funds("每个单位申报不超过2项。") == []
