"""Numbers, money, units and list markers as each language writes them.

The documents print Chinese list markers (一、 （一） 附件8 任务1) and amounts in 万元; an English
reader needs "1.", "(1)", "Annex 8", "Task 1" and "CNY 1–2 million". Everything here works from the
curated data (a record's `number`, a quantity's values and unit), never from translated prose.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from .quantities import chinese_to_number

_NUMERAL = r"(\d+|[零〇一二两三四五六七八九十百千]+)"
# (pattern, English template, Chinese template); {n} is the number in Arabic digits.
_MARKERS = (
    (re.compile(rf"^[（(]\s*{_NUMERAL}\s*[）)]$"), "({n})"),
    (re.compile(rf"^{_NUMERAL}\s*[、.．]$"), "{n}."),
    (re.compile(rf"^附件\s*{_NUMERAL}$"), "Annex {n}"),
    (re.compile(rf"^任务\s*{_NUMERAL}$"), "Task {n}"),
    (re.compile(rf"^课题\s*{_NUMERAL}$"), "Topic {n}"),
    (re.compile(rf"^第\s*{_NUMERAL}\s*章$"), "Chapter {n}"),
    (re.compile(rf"^第\s*{_NUMERAL}\s*条$"), "Article {n}"),
    (re.compile(rf"^第\s*{_NUMERAL}\s*部分$"), "Part {n}"),
    (re.compile(rf"^{_NUMERAL}$"), "{n}"),
)


def _arabic(token: str) -> int | None:
    return int(token) if token.isdigit() else chinese_to_number(token)


def structural_number(number: str | None, lang: str) -> str | None:
    """A list marker as printed (zh) or its English form: 一、 → 1., （一） → (1), 附件8 → Annex 8.

    A marker of a form not known here gives None in English, so no Chinese marker leaks into
    English text; the caller leaves the number out."""
    if number is None or not number.strip():
        return None
    text = number.strip()
    if lang == "zh":
        return text
    for pattern, template in _MARKERS:
        m = pattern.match(text)
        if m:
            n = _arabic(m.group(1))
            return None if n is None else template.format(n=n)
    return None


# Units ---------------------------------------------------------------------------------------------
_INVARIABLE = {"mu", "yuan", "head", "percent", "sheep", "fish", "series", "equipment", "dollars"}
_IRREGULAR = {"person": "people", "child": "children", "man": "men", "woman": "women", "datum": "data"}


def _plural_word(word: str) -> str:
    lower = word.lower()
    if lower in _INVARIABLE:
        return word
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if "-" in word:  # person-time → person-times
        head, _, last = word.rpartition("-")
        return f"{head}-{_plural_word(last)}"
    if re.search(r"[^aeiou]y$", lower):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", lower):
        return word + "es"
    return word + "s"


def _plural_phrase(phrase: str) -> str:
    """The head noun of one phrase: 'square metre' → 'square metres', 'set of equipment' → 'sets of equipment'."""
    core, paren, rest = phrase.partition(" (")
    before, of, after = core.partition(" of ")
    words = before.split(" ")
    words[-1] = _plural_word(words[-1])
    return " ".join(words) + of + after + paren + rest


def plural(name: str, count: float | None) -> str:
    """A unit name for a count: 1 item, 7 items, 2 pieces or sets of equipment, 300 mu."""
    if count is not None and abs(count) == 1:
        return name
    return " or ".join(_plural_phrase(part) for part in name.split(" or "))


# Numbers and money ---------------------------------------------------------------------------------
def plain_number(value: float) -> str:
    """300 not 300.0; thousands separated: 1,500; 2.5 stays 2.5."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


_MAGNITUDES = ((1_000_000_000, "billion"), (1_000_000, "million"))


def _scaled(amount: float) -> tuple[str, str]:
    """(figure, magnitude word) of an amount: 2,000,000 → ("2", "million"); 300,000 → ("300,000", "")."""
    for size, word in _MAGNITUDES:
        if abs(amount) >= size and math.isclose(round(amount / size, 2) * size, amount, abs_tol=0.5):
            return plain_number(round(amount / size, 2)), word
    return plain_number(amount), ""


def _join(figure: str, word: str) -> str:
    return f"{figure} {word}" if word else figure


def money_en(low: float, high: float, currency: str) -> str:
    """An amount or range in English magnitudes: CNY 1–2 million, CNY 300,000–500,000, USD 4 million."""
    if low == high:
        return f"{currency} {_join(*_scaled(low))}"
    (lo, lo_word), (hi, hi_word) = _scaled(low), _scaled(high)
    if lo_word == hi_word:
        return f"{currency} {lo}–{_join(hi, hi_word)}"
    return f"{currency} {_join(lo, lo_word)} – {_join(hi, hi_word)}"


def _bounds(comparator: str, low: float | None, high: float | None) -> tuple[float | None, float | None]:
    if comparator in ("le", "lt"):
        return high, high
    if comparator in ("ge", "gt", "eq", "approx"):
        return low, low
    return low, high


def quantity_text(
    comparator: str,
    low: float | None,
    high: float | None,
    unit: Mapping | None,
    lang: str,
    symbols: Mapping[str, str],
) -> str:
    """One quantity as a reader writes it. en: '≤ 7 items', 'CNY 1–2 million', '≥ 300 mu';
    zh: '≤ 7项', '100–200万元' (the unit as the documents spell it). Money with a conversion goes to its currency in English.
    `symbols` maps comparators to their signs (the comparators code list)."""
    a, b = _bounds(comparator, low, high)
    a = b if a is None else a
    b = a if b is None else b
    if a is None or b is None:
        return ""
    sign = "" if comparator in ("eq", "range") else symbols[comparator] + " "
    to = (unit or {}).get("to") or {}
    if lang == "en" and unit and unit.get("dimension") == "money" and to.get("unit") in ("CNY", "USD"):
        factor = to["factor"]
        return sign + money_en(a * factor, b * factor, to["unit"])
    figures = plain_number(a) if a == b else f"{plain_number(a)}–{plain_number(b)}"
    if unit is None:
        return sign + figures
    if lang == "zh":
        spelling = (unit.get("symbols") or [unit["name"]["zh"]])[0]
        return f"{sign}{figures}{spelling}"
    return f"{sign}{figures} {plural(unit['name']['en'], b)}"
