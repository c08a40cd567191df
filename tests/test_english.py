"""List markers, money and unit plurals per language (model/english.py)."""

from __future__ import annotations

import pytest
import yaml

from stcatalog.model.english import money_en, plain_number, plural, quantity_text, structural_number

from .conftest import REPO

UNITS = {u["id"]: u for u in yaml.safe_load((REPO / "datasets/vocabularies/units.yaml").read_text("utf-8"))["units"]}
SYMBOLS = {"eq": "=", "ge": "≥", "gt": ">", "le": "≤", "lt": "<", "range": "–", "approx": "≈"}


@pytest.mark.parametrize(
    "number, en",
    [
        ("一、", "1."),
        ("十二、", "12."),
        ("（一）", "(1)"),
        ("(三)", "(3)"),
        ("（七）", "(7)"),
        ("（12）", "(12)"),
        ("1.", "1."),
        ("21.", "21."),
        ("3、", "3."),
        ("附件8", "Annex 8"),
        ("附件 1", "Annex 1"),
        ("任务1", "Task 1"),
        ("任务4", "Task 4"),
        ("第三章", "Chapter 3"),
        ("第十条", "Article 10"),
        ("第二部分", "Part 2"),
    ],
)
def test_structural_numbers_in_english(number, en):
    assert structural_number(number, "en") == en
    assert structural_number(number, "zh") == number


def test_unknown_markers_never_reach_english():
    assert structural_number("其他", "en") is None
    assert structural_number("甲、", "en") is None
    assert structural_number(None, "en") is None
    assert structural_number("  ", "zh") is None


def test_every_number_in_the_sources_has_an_english_form():
    numbers = set()
    for path in sorted((REPO / "datasets/sources").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for kind in ("sections", "scopes", "projects"):
            for rec in data.get(kind) or []:
                numbers.add(rec.get("number"))
                numbers.update(t["number"] for t in rec.get("tasks") or [])
    numbers.discard(None)
    assert len(numbers) > 30
    missing = sorted(n for n in numbers if structural_number(n, "en") is None)
    assert missing == []


@pytest.mark.parametrize(
    "low, high, currency, text",
    [
        (1_000_000, 2_000_000, "CNY", "CNY 1–2 million"),
        (300_000, 500_000, "CNY", "CNY 300,000–500,000"),
        (500_000, 1_500_000, "CNY", "CNY 500,000 – 1.5 million"),
        (50_000_000, 50_000_000, "CNY", "CNY 50 million"),
        (4_000_000, 4_000_000, "USD", "USD 4 million"),
        (2_500_000_000, 3_000_000_000, "CNY", "CNY 2.5–3 billion"),
        (1_234_567, 1_234_567, "CNY", "CNY 1,234,567"),
    ],
)
def test_money_in_english_magnitudes(low, high, currency, text):
    assert money_en(low, high, currency) == text


@pytest.mark.parametrize(
    "comparator, low, high, unit, zh, en",
    [
        ("range", 100, 200, "wan-yuan", "100–200万元", "CNY 1–2 million"),
        ("range", 30, 50, "wan-yuan", "30–50万元", "CNY 300,000–500,000"),
        ("ge", 5000, None, "wan-yuan", "≥ 5,000万元", "≥ CNY 50 million"),
        ("ge", 400, None, "wan-usd", "≥ 400万美元", "≥ USD 4 million"),
        ("le", None, 7, "item", "≤ 7项", "≤ 7 items"),
        ("eq", 1, 1, "item", "1项", "1 item"),
        ("eq", 300, 300, "mu", "300亩", "300 mu"),
        ("ge", 2, None, "equipment-set", "≥ 2台（套）", "≥ 2 pieces or sets of equipment"),
        ("eq", 20, 20, "person", "20名", "20 people"),
        ("ge", 100, None, "person-time", "≥ 100人次", "≥ 100 person-times"),
        ("eq", 3, 3, "accession", "3份", "3 accessions or copies"),
        ("eq", 5, 5, "occurrence", "5次", "5 times (occurrence)"),
        ("eq", 2, 2, "piece", "2个", "2 units (count)"),
        ("approx", 1.5, 1.5, "square-kilometre", "≈ 1.5平方公里", "≈ 1.5 square kilometres"),
        ("eq", 300, 300, None, "300", "300"),
        ("eq", None, None, "item", "", ""),
    ],
)
def test_quantities_per_language(comparator, low, high, unit, zh, en):
    u = UNITS[unit] if unit else None
    assert quantity_text(comparator, low, high, u, "zh", SYMBOLS) == zh
    assert quantity_text(comparator, low, high, u, "en", SYMBOLS) == en


@pytest.mark.parametrize(
    "name, count, text",
    [
        ("item", 7, "items"),
        ("item", 1, "item"),
        ("square metre", 300, "square metres"),
        ("strain", 0, "strains"),
        ("head (animals)", 50, "head (animals)"),
        ("machine", 2, "machines"),
        ("paper", 2.5, "papers"),
        ("organisation", 3, "organisations"),
        ("body", 2, "bodies"),
        ("box", 2, "boxes"),
    ],
)
def test_unit_plurals(name, count, text):
    assert plural(name, count) == text


PLURALS = {
    "mu": "mu",
    "square-metre": "square metres",
    "square-kilometre": "square kilometres",
    "yuan": "yuan (CNY)",
    "wan-yuan": "ten thousand yuan",
    "yi-yuan": "hundred million yuan",
    "wan-usd": "ten thousand US dollars",
    "usd": "US dollars",
    "percent": "percent",
    "percentage-point": "percentage points",
    "person-time": "person-times",
    "person": "people",
    "piece": "units (count)",
    "item": "items",
    "paper": "papers",
    "equipment-set": "pieces or sets of equipment",
    "set": "sets",
    "machine": "machines",
    "can": "cans",
    "organisation": "organisations",
    "occurrence": "times (occurrence)",
    "accession": "accessions or copies",
    "strain": "strains",
    "room": "rooms",
    "site": "sites",
    "tonne": "tonnes",
    "micrometre": "micrometres",
    "head": "head (animals)",
    "year": "years",
}


def test_every_unit_of_the_vocabulary_has_its_plural():
    assert set(PLURALS) == set(UNITS)
    assert {uid: plural(u["name"]["en"], 2) for uid, u in UNITS.items()} == PLURALS


def test_plain_numbers():
    assert plain_number(300.0) == "300"
    assert plain_number(1500) == "1,500"
    assert plain_number(2.5) == "2.5"
    assert plain_number(0.125) == "0.125"
