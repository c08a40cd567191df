"""Quantities as ingest reads them: the shared parser, plus Chinese numerals with 万/亿 (五万亩, 一万人次)
and the measure words a new document uses that the units vocabulary does not list yet (公顷, 种, 条 …).

`validate` keeps using the shared parser on curated sources; ingest only needs to find more, and a unit
outside the vocabulary becomes a doubt for the curator, never a silent new unit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..model.quantities import _CHINESE, _RANGE_SEP, Quantity, QuantityParser, chinese_to_number, fold

# Measure words that count what a plan delivers, beyond the units vocabulary. Each maps to itself.
EXTRA_UNITS = [
    "TB",
    "PB",
    "GB",
    "厘米",
    "毫米",
    "家次",
    "户次",
    "项次",
    "台次",
    "人天",
    "公顷",
    "平方千米",
    "公里",
    "千米",
    "米",
    "立方米",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "千克",
    "公斤",
    "斤",
    "万吨",
    "亩次",  # 6000万亩次: area treated, counted per pass
    "株次",
    "车次",
    "架次",
    "艘",
    "皮秒",
    "纳秒",
    "微秒",
    "毫秒",
    "纳米",
    "澳门元",  # 三百万澳门元: money in a currency the vocabulary lacks
    "港元",
    "学时",
    "场次",
    "批次",
    "人年",
    "种",
    "条",
    "所",
    "座",
    "户",
    "辆",
    "件",
    "册",
    "门",
    "场",
    "期",
    "届",
    "支",
    "队",
    "棵",
    "粒",
    "羽",
    "尾",
    "箱",
    "块",
    "栋",
    "幢",
    "宗",
    "笔",
    "例",
    "本",
    "款",
    "类",
    "倍",
    "千元",
    "亿美元",
    "万欧元",
    "欧元",
]
TIME_UNITS = {"year", "年", "月", "个月", "天", "日", "小时", "周", "工作日"}
MONEY_UNITS = {"wan-yuan", "yuan", "yi-yuan", "wan-usd", "usd", "千元", "亿美元", "万欧元", "欧元", "澳门元", "港元"}
# What only this parser reads: measure words outside the vocabulary, Chinese 万/亿 numerals, a unit at
# both ends of a range, traditional characters (which the shared parser sees unconverted).
READ_OTHERWISE = re.compile(
    "|".join(re.escape(u) for u in sorted(EXTRA_UNITS, key=len, reverse=True))
    + r"|[零〇一二两三四五六七八九十百千][万亿]|[万亿元个项]\s*[-–—~～至到]\s*\d|[個項萬億畝噸篇臺]"
    + r"|\d\s?[A-Za-z]{2}|\d\s?[A-Za-z]+/|[＞＜≧≦]|[\u4e00-\u9fa5]/[\u4e00-\u9fa5]"
)
_CHINESE_BIG = r"[零〇一二两三四五六七八九十百千万亿]+"


def cn_number(text: str) -> int | None:
    """A Chinese numeral with 万 and 亿 sections (三万五千 → 35000, 十万 → 100000); None if it is not one."""
    if not text or text[0] in "万亿":
        return None
    total = 0
    for big, factor in (("亿", 100_000_000), ("万", 10_000)):
        if big in text:
            head, _, text = text.partition(big)
            value = chinese_to_number(head) if head else None
            if value is None or big in text:
                return None
            total += value * factor
    if text:
        rest = chinese_to_number(text)
        if rest is None:
            return None
        total += rest
    return total


# A comparator word a few characters before the number, with a currency or a verb between: 最高补助500万元,
# 不超过澳门元400万元, 最高可支持120万元 (the shared parser reads only a word right before the number).
# Also a per-unit between (化肥施用强度低于每亩15公斤 → lt).
_HEAD_WORD = re.compile(
    r"(?P<w>不超过|不高于|不多于|最高|最多|至多|不低于|不少于|至少|(?<!不)低于|(?<!不)少于|(?<!不)高于)"
    r"(?:人民币|澳门元|港元|港币|美元|欧元|可达|可|为|达|支持|补助|资助|奖励|给予|安排|每[\u4e00-\u9fa5])*\s*$"
)
_HEAD_COMPARATOR = {"不低于": "ge", "不少于": "ge", "至少": "ge", "低于": "lt", "少于": "lt", "高于": "gt"}


def _ceiling(text: str, q: Quantity) -> Quantity:
    if q.comparator != "eq":
        return q
    m = _HEAD_WORD.search(fold(text[max(0, q.start - 12) : q.start]))
    if m is None:
        return q
    start = max(0, q.start - len(m.group()))
    comparator = _HEAD_COMPARATOR.get(m.group("w"), "le")
    if comparator in ("ge", "gt"):
        return Quantity(comparator, q.value_min, None, q.unit, start, q.end)
    return Quantity(comparator, None, q.value_max, q.unit, start, q.end)


# Full-width and doubled comparison signs, folded one character for one before parsing: 老卤综合利用率＞90%.
_SIGNS = str.maketrans("＞＜≧≦", "><≥≤")
# A technical unit the vocabulary lacks, after Arabic digits: 20kbps, 10fT, 50EFLOPS, 32cN/tex, 400Wh/kg,
# 45MGOe, 128路. Read only next to a comparator (不低于20kbps, 10fT以下, ≥128路) or 达到, so that labels
# and class descriptors (5G, 400G光模块, L4级, 12英寸) stay no quantities.
_TECH_UNIT = re.compile(
    r"(?<![\d.A-Za-z/])(?P<n>\d+(?:\.\d+)?)\s?(?P<u>[A-Za-z]{2,}(?:/[A-Za-z]+)?|[A-Za-z](?:/[A-Za-z]+)|fT|路)"
    r"(?![A-Za-z\d/级])"
)
_TECH_CONTEXT = re.compile(r"(?:达到|为|提高到|提升到|降至|降低到)\s*$")
# A unit per unit after the quantity: ≤3.5立方米/吨, 1.2千克/亩 (the written compound is the unit).
_RANGE = re.compile(_RANGE_SEP)
_PER_UNIT = re.compile(r"/(?:[\u4e00-\u9fa5]{1,2}|[A-Za-z]+)(?![\u4e00-\u9fa5]{2})")


class IngestParser(QuantityParser):
    """The shared quantity parser, reading Chinese numerals up to 亿 and the extra measure words."""

    def __init__(self, symbols: Mapping[str, str]):
        table = {u: u for u in EXTRA_UNITS}
        table.update(symbols)
        table.update({"个月": "个月", "小时": "小时", "工作日": "工作日", "天": "天"})
        super().__init__(table)
        firsts = "".join(sorted({re.escape(s[0]) for s in self.symbols}))
        self._candidate = re.compile(rf"[0-9０-９]|[零〇一二两三四五六七八九十百千万亿][余多]?\s*[{firsts}]")
        # the shared pattern, with Chinese numerals that may hold 万 and 亿
        self._pattern = re.compile(self._pattern.pattern.replace(_CHINESE, _CHINESE_BIG))

    def may_hold_quantity(self, text: str) -> bool:
        """A cheap test that skips the clauses with no digit and no Chinese numeral before a unit."""
        return bool(self._candidate.search(text))

    def parse(self, text: str) -> list[Quantity]:
        """As the shared parser, and "80万元至150万元" (a unit on both ends of a range) is one range."""
        if not text:
            return []
        text = text.translate(_SIGNS)
        folded = fold(text)
        found = self._per_unit(text, self.parse_folded(folded))
        technical = self._technical(folded, found)
        starts = {q.start for q in technical}
        found = sorted([q for q in found if q.unit or q.start not in starts] + technical, key=lambda q: q.start)
        out: list[Quantity] = []
        for q in found:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.unit == q.unit
                and prev.comparator == "eq"
                and q.comparator in ("eq", "le")
                and _RANGE.fullmatch(folded, prev.end, q.start)
                and prev.value_min is not None
                and q.value_max is not None
                and prev.value_min < q.value_max
            ):
                out[-1] = Quantity("range", prev.value_min, q.value_max, q.unit, prev.start, q.end)
                continue
            out.append(_ceiling(text, q))
        return out

    def _technical(self, folded: str, found: list[Quantity]) -> list[Quantity]:
        """Quantities with a technical unit outside the vocabulary, next to a comparator (see _TECH_UNIT)."""
        out = []
        for m in _TECH_UNIT.finditer(folded):
            if any(q.start <= m.start() < q.end and q.unit for q in found):
                continue
            comparator, start, end = self._comparator(folded, m.start(), m.end(), False)
            if comparator == "eq" and not _TECH_CONTEXT.search(folded[max(0, start - 4) : start]):
                continue
            value = float(m.group("n"))
            value = int(value) if value.is_integer() else value
            low = None if comparator in ("le", "lt") else value
            high = None if comparator in ("ge", "gt") else value
            out.append(Quantity(comparator, low, high, m.group("u"), start, end))
        return out

    def _per_unit(self, text: str, found: list[Quantity]) -> list[Quantity]:
        """A unit followed by /吨 or /亩 becomes the compound as written (立方米/吨)."""
        out = []
        for q in found:
            m = _PER_UNIT.match(text, q.end) if q.unit else None
            if m is None:
                out.append(q)
                continue
            ends = [s for s in self.symbols if text.endswith(s, q.start, q.end)]
            written = max(ends, key=len) if ends else None
            if written:
                q = Quantity(q.comparator, q.value_min, q.value_max, written + m.group(), q.start, m.end())
            out.append(q)
        return out

    def _value(self, m: re.Match, arabic: str, chinese: str) -> tuple[float | None, str | None]:
        if m.group(arabic) is None and m.group(chinese) is not None:
            value = cn_number(m.group(chinese))
            return (None if value is None else float(value)), None
        return super()._value(m, arabic, chinese)
