"""Read quantities (numbers, ranges, comparators, units) and co-funding ratios out of Chinese text.

Curated records store the numbers, and `validate` re-reads them from the cited text with this
module, so a typo in either place is caught. Offsets always refer to the text as given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# One-to-one character folding keeps offsets valid: full-width digits, signs and spaces.
_FOLD = str.maketrans(
    "０１２３４５６７８９．％：～－　，",
    "0123456789.%:~-\u0020,",
)

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_MULTIPLIERS = {"十": 10, "百": 100, "千": 1_000, "万": 10_000, "亿": 100_000_000}

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = r"[零〇一二两三四五六七八九十百千]+"
_RANGE_SEP = r"\s*[-–—~～至到]\s*"

# Comparator words, longest first so that 不低于 wins over 低于.
_PREFIX_WORDS = [
    ("大于等于", "ge"),
    ("不少于", "ge"),
    ("不低于", "ge"),
    ("不小于", "ge"),
    ("至少", "ge"),
    ("不超过", "le"),
    ("不高于", "le"),
    ("不多于", "le"),
    ("不大于", "le"),
    ("最多", "le"),
    ("小于等于", "le"),
    ("超过", "gt"),
    ("突破", "gt"),
    ("高于", "gt"),
    ("大于", "gt"),
    ("多于", "gt"),
    ("低于", "lt"),
    ("少于", "lt"),
    ("小于", "lt"),
    ("不足", "lt"),
    ("大约", "approx"),
    ("约", "approx"),
    ("近", "approx"),
    ("≥", "ge"),
    ("≤", "le"),
    (">", "gt"),
    ("<", "lt"),
]
_SUFFIX_WORDS = [
    ("以上", "ge"),
    ("以下", "le"),
    ("以内", "le"),
    ("之内", "le"),
    ("左右", "approx"),
    ("上下", "approx"),
    ("多", "gt"),
]

COMPARATORS = ("eq", "ge", "gt", "le", "lt", "range", "approx")

# The word lists as patterns, tried in list order as the alternation does: a suffix word matched where
# the tail starts, a prefix word matched on the reversed head (the first in the list that ends it).
_SUFFIX = re.compile("|".join(re.escape(w) for w, _ in _SUFFIX_WORDS))
_PREFIX_REVERSED = re.compile("|".join(re.escape(w[::-1]) for w, _ in _PREFIX_WORDS))
_SUFFIX_OF = dict(_SUFFIX_WORDS)
_PREFIX_OF = dict(_PREFIX_WORDS)
_ARABIC_TOKEN = re.compile(_ARABIC)
_LEADING_ZERO = re.compile(r"0\d+")
_LABEL_BEFORE = re.compile(r"[A-Za-z+]")
_LABEL_AFTER = re.compile(r"[A-Za-z.、)）/+]")
_AT_LEAST = re.compile(r"至少|不低于|不少于|以上")


@dataclass(frozen=True)
class Quantity:
    comparator: str
    value_min: float | None
    value_max: float | None
    unit: str | None
    start: int
    end: int

    def as_tuple(self) -> tuple:
        return (self.comparator, self.value_min, self.value_max, self.unit)


@dataclass(frozen=True)
class Ratio:
    public_share: float
    self_share: float
    comparator: str
    start: int
    end: int


def fold(text: str) -> str:
    """Fold full-width characters to ASCII without changing the length of the text."""
    return text.translate(_FOLD)


def chinese_to_number(s: str) -> int | None:
    """Value of a Chinese numeral such as 十五, 二百零三 or 三千; None if it is not one."""
    if not s:
        return None
    if all(ch in _CN_DIGITS for ch in s):
        if len(s) == 1:
            return _CN_DIGITS[s]
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    total, digit = 0, None
    for ch in s:
        if ch in ("零", "〇"):
            continue  # a placeholder zero, as in 二百零三
        if ch in _CN_DIGITS:
            if digit is not None:
                return None  # two digits in a row inside a positional numeral
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            total += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _number(token: str) -> float | None:
    if _ARABIC_TOKEN.fullmatch(token):
        return float(token.replace(",", ""))
    value = chinese_to_number(token)
    return None if value is None else float(value)


def _clean(value: float | None) -> float | int | None:
    """Integers print as integers: 300 rather than 300.0."""
    if value is None:
        return None
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value


class QuantityParser:
    """Parser bound to a unit table: {symbol as written: unit id}."""

    def __init__(self, symbols: Mapping[str, str]):
        self.symbols = dict(symbols)
        by_length = sorted(self.symbols, key=len, reverse=True)
        unit_alt = "|".join(re.escape(s) for s in by_length) or r"(?!)"

        def number(tag: str) -> str:
            arabic = rf"(?P<a{tag}>{_ARABIC})(?:\s*(?P<a{tag}m>[十百千万亿])(?![零〇一二两三四五六七八九]))?"
            return rf"(?:{arabic}|(?P<c{tag}>{_CHINESE}))"

        self._pattern = re.compile(
            r"(?<![\d./])(?<!\d-)(?<!\d- )"
            + number("1")
            + r"(?:"
            + _RANGE_SEP
            + number("2")
            + r")?"
            + r"(?P<yu>\s*余)?\s*(?P<unit>"
            + unit_alt
            + r")?"
        )

    # -- quantities -----------------------------------------------------------------------
    def parse(self, text: str) -> list[Quantity]:
        """Every quantity in the text, in order of appearance."""
        if not isinstance(text, str) or not text:
            return []
        return self.parse_folded(fold(text))

    def parse_folded(self, folded: str) -> list[Quantity]:
        """`parse` of a text already folded (fold is one character for one, so offsets hold)."""
        ratio_spans = [(r.start, r.end) for r in self._ratios(folded)]
        found: list[Quantity] = []
        for m in self._pattern.finditer(folded):
            if any(s <= m.start() < e for s, e in ratio_spans):
                continue
            q = self._quantity(folded, m)
            if q is None:
                continue
            found.append(q)
        return found

    def _value(self, m: re.Match, arabic: str, chinese: str) -> tuple[float | None, str | None]:
        if m.group(arabic) is not None:
            value = _number(m.group(arabic))
            return value, m.group(arabic + "m")
        if m.group(chinese) is not None:
            return _number(m.group(chinese)), None
        return None, None

    def _quantity(self, text: str, m: re.Match) -> Quantity | None:
        v1, mult1 = self._value(m, "a1", "c1")
        v2, mult2 = self._value(m, "a2", "c2")
        unit_symbol = m.group("unit")
        chinese_first = m.group("c1") is not None
        if v1 is None:
            return None
        # A Chinese numeral counts only when a unit follows (一带一路 and 十九大 are not quantities).
        if chinese_first and unit_symbol is None:
            return None
        # Leading zeros mark codes and telephone numbers, not quantities.
        if m.group("a1") and _LEADING_ZERO.fullmatch(m.group("a1")):
            return None
        start = m.start()
        if start > 0 and text[start - 1] == "第":
            return None  # ordinal: 第二次
        # The multiplier belongs to the unit when together they spell one (万元, 亿元, 万美元).
        mult_last = mult2 if v2 is not None else mult1
        unit = None
        if unit_symbol is not None:
            unit = self.symbols[unit_symbol]
        if mult_last and unit_symbol is not None and (mult_last + unit_symbol) in self.symbols:
            unit = self.symbols[mult_last + unit_symbol]
            if v2 is not None:
                mult2 = None
                if mult1 == mult_last:
                    mult1 = None
            else:
                mult1 = None
        if mult1:
            v1 *= _MULTIPLIERS[mult1]
        if v2 is not None and mult2:
            v2 *= _MULTIPLIERS[mult2]
        if unit == "year" and v2 is None and 1900 <= v1 <= 2100:
            return None  # a calendar year such as 2020年
        if unit == "year" and text[m.end() : m.end() + 1] == "度":
            return None  # 年度 (上一年度) names a year, it does not count years
        if unit is None and v2 is None and mult1 is None and self._looks_like_label(text, m):
            return None
        end = m.end()
        if unit_symbol is None:
            end = (
                m.end("a2")
                if m.group("a2")
                else (m.end("a1m") if m.group("a1m") else m.end("a1") if m.group("a1") else m.end("c1"))
            )
        comparator, start, end = self._comparator(text, start, end, m.group("yu") is not None)
        if v2 is not None:
            if v2 < v1:
                return None
            return Quantity("range", _clean(v1), _clean(v2), unit, start, end)
        value = _clean(v1)
        if comparator in ("ge", "gt"):
            return Quantity(comparator, value, None, unit, start, end)
        if comparator in ("le", "lt"):
            return Quantity(comparator, None, value, unit, start, end)
        return Quantity(comparator, value, value, unit, start, end)

    @staticmethod
    def _looks_like_label(text: str, m: re.Match) -> bool:
        """Bare numbers glued to Latin letters (5G, SCI2) or list numbering (1. 2、) are labels."""
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end() : m.end() + 1]
        return bool(_LABEL_BEFORE.match(before) or _LABEL_AFTER.match(after))

    @staticmethod
    def _comparator(text: str, start: int, end: int, yu: bool) -> tuple[str, int, int]:
        comparator = "gt" if yu else "eq"
        tail = text[end : end + 4].lstrip()
        skipped = len(text[end : end + 4]) - len(text[end : end + 4].lstrip())
        suffix = _SUFFIX.match(tail)
        if suffix and not (suffix.group() == "多" and comparator != "eq"):
            comparator = _SUFFIX_OF[suffix.group()]
            end += skipped + len(suffix.group())
        head = text[max(0, start - 6) : start].rstrip()
        head_gap = (start - max(0, start - 6)) - len(head)
        prefix = _PREFIX_REVERSED.match(head[::-1])
        if prefix:
            comp = _PREFIX_OF[prefix.group()[::-1]]
            if comparator == "eq" or (comparator, comp) in (("ge", "ge"), ("le", "le")):
                comparator = comp
                start -= head_gap + len(prefix.group())
        return comparator, start, end

    # -- ratios ---------------------------------------------------------------------------
    _ratio = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)(?![\d.])")

    def parse_ratios(self, text: str) -> list[Ratio]:
        """Co-funding ratios such as 不低于1:2 or 至少按照1：2进行自筹."""
        if not isinstance(text, str) or not text:
            return []
        return self._ratios(fold(text))

    def _ratios(self, folded: str) -> list[Ratio]:
        found = []
        for m in self._ratio.finditer(folded):
            window = folded[max(0, m.start() - 12) : m.start()]
            comparator = "ge" if _AT_LEAST.search(window + folded[m.end() : m.end() + 3]) else "eq"
            first, second = _clean(float(m.group(1))), _clean(float(m.group(2)))
            # Ratios are public:self. "自筹经费与财政经费比例" names the self-raised part first.
            context = folded[max(0, m.start() - 30) : m.start()]
            own, public = (
                context.rfind("自筹"),
                max(context.rfind("财政"), context.rfind("专项经费"), context.rfind("拨款")),
            )
            if own >= 0 and public > own:
                first, second = second, first
            assert first is not None and second is not None  # both groups matched a number
            found.append(Ratio(first, second, comparator, m.start(), m.end()))
        return found


def symbols_from_units(units: Iterable[Mapping]) -> dict[str, str]:
    """Map every written symbol of a units vocabulary to its unit id."""
    table: dict[str, str] = {}
    for unit in units:
        for symbol in unit.get("symbols", []):
            table[str(symbol)] = unit["id"]
    return table
