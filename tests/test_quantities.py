"""The quantity parser: every pattern found in the five documents, plus properties."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from stcatalog.model.quantities import QuantityParser, chinese_to_number, fold, symbols_from_units

from .conftest import REPO

UNITS = yaml.safe_load((REPO / "datasets/vocabularies/units.yaml").read_text(encoding="utf-8"))["units"]
PARSER = QuantityParser(symbols_from_units(UNITS))


def first(text):
    found = PARSER.parse(text)
    assert found, f"no quantity in {text!r}"
    return found[0].as_tuple()


@pytest.mark.parametrize(
    "text, expected",
    [
        # plain counts with units
        ("开展学术交流活动5次", ("eq", 5, 5, "occurrence")),
        ("建立示范基地300亩", ("eq", 300, 300, "mu")),
        ("获得发酵果蔬乳酸菌1株", ("eq", 1, 1, "strain")),
        ("收集品种资源100份", ("eq", 100, 100, "accession")),
        ("哈萨克羊养殖基地（3000只规模）", ("eq", 3000, 3000, "head")),
        ("中哈各1处", ("eq", 1, 1, "site")),
        ("旅游信息服务系统1套", ("eq", 1, 1, "set")),
        ("发表论文2篇", ("eq", 2, 2, "paper")),
        ("提供相关就业岗位120个", ("eq", 120, 120, "piece")),
        ("新备案院士工作站 6 家", ("eq", 6, 6, "organisation")),
        ("引进院士高层次团队 36 人", ("eq", 36, 36, "person")),
        ("培养技术骨干10人", ("eq", 10, 10, "person")),
        # Chinese numerals
        ("联络管理办公室一间", ("eq", 1, 1, "room")),
        ("建设标准化高效生产示范基地两个", ("eq", 2, 2, "piece")),
        # ranges: hyphen, wave dash, with spaces, with units after both or one
        ("示范展示我国不同农作物品种（系）30-50个", ("range", 30, 50, "piece")),
        ("力争新获批省重点实验室 3-5 个", ("range", 3, 5, "piece")),
        ("培养中亚国家的遥感应用专业技术人才20～30人", ("range", 20, 30, "person")),
        ("示范展示我国先进农机具1-2台（套）", ("range", 1, 2, "equipment-set")),
        ("促进中哈双方旅行社游客接待量增长10-15%", ("range", 10, 15, "percent")),
        ("争取年内有 1-2 家企业在科创板上市", ("range", 1, 2, "organisation")),
        # money: the multiplier belongs to the unit
        ("支持额度为100～200万元", ("range", 100, 200, "wan-yuan")),
        ("配备50万元左右的国产科研仪器", ("approx", 50, 50, "wan-yuan")),
        ("建成交易规模突破5亿元", ("gt", 5, None, "yi-yuan")),
        ("出口创汇1500万美元", ("eq", 1500, 1500, "wan-usd")),
        ("年均主营业务收入不低于5000万元", ("ge", 5000, None, "wan-yuan")),
        ("近三年", ("approx", 3, 3, "year")),
        ("终端产品出口创汇不低于400万美元", ("ge", 400, None, "wan-usd")),
        # other multipliers fold into the number
        ("示范推广面积达到1万亩以上", ("ge", 10000, None, "mu")),
        ("孵化面积达到 210 万平方米以上", ("ge", 2100000, None, "square-metre")),
        ("实现在中亚地区销售终端产品3000万罐", ("eq", 30000000, 30000000, "can")),
        # comparators
        ("哈方人员培训30人次以上", ("ge", 30, None, "person-time")),
        ("重点项目7项以内", ("le", None, 7, "item")),
        ("项目实施年限不超过3年", ("le", None, 3, "year")),
        ("面积不少于200平米", ("ge", 200, None, "square-metre")),
        ("不少于1平方公里", ("ge", 1, None, "square-kilometre")),
        ("建设不低于3000平米的保税仓", ("ge", 3000, None, "square-metre")),
        ("羊毛平均直径22微米以下", ("le", None, 22, "micrometre")),
        ("承担省级以上重大科技创新工程 20 项左右", ("approx", 20, 20, "item")),
        ("发展100余家农副产品战略合作伙伴", ("gt", 100, None, "organisation")),
        ("累计生产100吨以上优质羊毛", ("ge", 100, None, "tonne")),
        # percentages and percentage points
        ("苜蓿蛋白含量18%以上", ("ge", 18, None, "percent")),
        ("农作物增产10%以上", ("ge", 10, None, "percent")),
        ("高新技术产业产值占比提高1个百分点以上", ("ge", 1, None, "percentage-point")),
        # full-width digits and percent sign
        ("培训农民达到１０００人次以上", ("ge", 1000, None, "person-time")),
        ("增长１０％", ("eq", 10, 10, "percent")),
        # thousands separators and decimals
        ("面积1,500亩", ("eq", 1500, 1500, "mu")),
        ("增长2.5%", ("eq", 2.5, 2.5, "percent")),
    ],
)
def test_patterns_from_the_documents(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2020年全市科技工作要点",  # a calendar year
        "一带一路",  # Chinese numerals inside words
        "第二次青藏高原综合科学考察",  # an ordinal
        "联系电话：0991-3838681",  # a telephone number with a leading zero
        "党的十九届四中全会精神",
        "",
    ],
)
def test_non_quantities(text):
    assert PARSER.parse(text) == []


def test_several_quantities_in_order():
    found = PARSER.parse("申请发明专利1项，软件著作权5项，发表论文2篇")
    assert [q.as_tuple() for q in found] == [("eq", 1, 1, "item"), ("eq", 5, 5, "item"), ("eq", 2, 2, "paper")]


def test_offsets_point_at_the_quantity():
    text = "培训当地技术骨干150名以上。"
    (q,) = PARSER.parse(text)
    assert text[q.start : q.end] == "150名以上"


@pytest.mark.parametrize(
    "text, ratio",
    [
        ("经费至少按照1:2进行自筹", (1, 2, "ge")),
        ("财政经费与企业自筹经费比例不低于1：2", (1, 2, "ge")),
        ("财政经费与企业自筹经费比例不低于 1:1", (1, 1, "ge")),
        ("比例为1:3", (1, 3, "eq")),
        ("自筹经费与财政经费比例不低于2:1", (1, 2, "ge")),  # self-raised named first: still public:self
        ("财政资金与自筹资金按1:1配套", (1, 1, "eq")),
    ],
)
def test_ratios(text, ratio):
    (r,) = PARSER.parse_ratios(text)
    assert (r.public_share, r.self_share, r.comparator) == ratio
    assert PARSER.parse(text) == []  # the ratio's numbers are not quantities


@pytest.mark.parametrize(
    "numeral, value",
    [
        ("一", 1),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("三百", 300),
        ("二百零三", 203),
        ("三千", 3000),
        ("一千二百三十四", 1234),
        ("两", 2),
        ("九十九", 99),
    ],
)
def test_chinese_numerals(numeral, value):
    assert chinese_to_number(numeral) == value


def test_fold_keeps_length():
    text = "１２３％：～"
    assert len(fold(text)) == len(text) and fold(text) == "123%:~"


# Properties ---------------------------------------------------------------------------------------
SIMPLE_UNITS = ["亩", "人次", "项", "篇", "名", "台（套）", "平方米", "家", "吨"]
SYMBOLS = symbols_from_units(UNITS)
COMPARATOR_FORMS = [
    ("", "", "eq"),
    ("", "以上", "ge"),
    ("不少于", "", "ge"),
    ("", "以内", "le"),
    ("不超过", "", "le"),
    ("", "左右", "approx"),
    ("突破", "", "gt"),
]


def chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    out, started, pending_zero = "", False, False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if pending_zero:
                out += "零"
            out += ("" if (value == 10 and d == 1 and not started) else digits[d]) + name
            started, pending_zero = True, False
        elif started:
            pending_zero = True
    return out


@given(st.integers(min_value=1, max_value=999_999), st.sampled_from(SIMPLE_UNITS), st.sampled_from(COMPARATOR_FORMS))
def test_number_unit_comparator_roundtrip(n, unit, form):
    prefix, suffix, comp = form
    text = f"建设{prefix}{n}{unit}{suffix}。"
    (q,) = PARSER.parse(text)
    value = n
    lo = None if comp in ("le", "lt") else value
    hi = None if comp in ("ge", "gt") else value
    assert q.as_tuple() == (comp, lo, hi, SYMBOLS[unit])
    assert text[q.start : q.end] == f"{prefix}{n}{unit}{suffix}"


@given(
    st.integers(min_value=0, max_value=9_999),
    st.integers(min_value=1, max_value=9_999),
    st.sampled_from(["-", "～", "~", "至", " - "]),
    st.sampled_from(SIMPLE_UNITS),
)
def test_ranges_roundtrip(a, gap, sep, unit):
    b = a + gap
    (q,) = PARSER.parse(f"示范{a}{sep}{b}{unit}")
    assert q.as_tuple() == ("range", a, b, SYMBOLS[unit])


@given(st.integers(min_value=1, max_value=9_999))
def test_chinese_numerals_roundtrip(n):
    assert chinese_to_number(chinese(n)) == n


@given(st.integers(min_value=1, max_value=9_999), st.sampled_from(["万", "千"]))
def test_multipliers_fold_into_the_value(n, mult):
    (q,) = PARSER.parse(f"面积{n}{mult}亩")
    assert q.value_min == n * {"万": 10_000, "千": 1_000}[mult] and q.unit == "mu"


@settings(max_examples=300)
@given(st.text())
def test_never_crashes_and_spans_are_in_bounds(text):
    for q in PARSER.parse(text):
        assert 0 <= q.start < q.end <= len(text)
        assert q.comparator in ("eq", "ge", "gt", "le", "lt", "range", "approx")
        if q.comparator == "range":
            assert q.value_min <= q.value_max
    for r in PARSER.parse_ratios(text):
        assert 0 <= r.start < r.end <= len(text)


@settings(max_examples=100)
@given(st.text(alphabet="0123456789一二三十百千万亿个项亩%以上以内左右余-～:：， 年第", max_size=60))
def test_never_crashes_on_number_soup(text):
    PARSER.parse(text)
    PARSER.parse_ratios(text)
