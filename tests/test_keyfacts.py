"""The key facts of each real guide (model/keyfacts.py), in both languages."""

from __future__ import annotations

import pytest

from stcatalog.model.keyfacts import NOT_STATED, key_facts, ratio_words, shorten
from stcatalog.sources.load import load

from .conftest import REPO


@pytest.fixture(scope="module")
def facts():
    catalog, problems = load(REPO, use_cache=False)
    assert list(problems) == []
    return {g.id: key_facts(catalog, g) for g in catalog.guides}


def test_sco_call_categories(facts):
    sco = facts["xinjiang-2018-sco-partnership-call"]
    assert sco.programme == {
        "zh": "上海合作组织科技伙伴计划",
        "en": "Shanghai Cooperation Organisation S&T Partnership Programme",
    }
    assert sco.level == {"zh": "省级", "en": "Provincial"}
    assert sco.year == 2018
    assert sco.named_projects == 7
    key, general = sco.categories
    assert key.applies_to["en"] == "Key projects"
    assert key.quota == {"zh": "≤ 7项", "en": "≤ 7 projects"}
    assert key.amount == {"zh": "100–200万元", "en": "CNY 1–2 million"}
    assert (key.amount_min_cny, key.amount_max_cny, key.max_projects) == (1_000_000, 2_000_000, 7)
    assert general.amount == {"zh": "30–50万元", "en": "CNY 300,000–500,000"}
    assert general.quota["en"] == "≤ 20 projects"


def test_sco_ratios_name_their_project_and_read_the_right_way(facts):
    ratios = facts["xinjiang-2018-sco-partnership-call"].ratios
    assert [r.project_id for r in ratios] == [
        "cn-kz-fruit-veg-processing",
        "cn-kz-livestock-centre",
        "cn-kz-agri-ecommerce-platform",
    ]
    assert [r.ratio for r in ratios] == ["1:2", "1:2", "1:1"]
    assert ratios[0].words == {
        "zh": "自筹经费不少于财政经费的2倍",
        "en": "self-raised funds at least twice the public funds",
    }
    assert ratios[2].words["en"] == "self-raised funds at least equal to the public funds"
    assert ratios[0].project["en"].endswith("(Annex 3)")
    assert ratios[0].project["zh"].endswith("（附件3）")
    assert all("附件" not in r.project["en"] for r in ratios)


def test_aid_xinjiang_call_ratios_applicants_contacts(facts):
    call = facts["xinjiang-2022-aid-xinjiang-call"]
    assert [r.project for r in call.ratios] == [None, None, None]
    assert call.ratios[0].applicant["en"] == "Applicants that are enterprises"
    assert call.ratios[2].ratio == "1:1"
    (contact,) = call.contacts
    assert contact.office["zh"] == "自创区建设与科技援疆处"
    assert [p["en"] for p in contact.people] == ["Mei Lina", "Yu Xuefei"]
    assert contact.phones == ["0991-3838681", "0991-3835189"]
    assert [p.code for p in call.partners] == ["x-xinjiang-aid-provinces"]
    assert call.partners[0].name["en"] == "Xinjiang aid provinces"


def test_places_split_into_regions_countries_and_groups(facts):
    sco = facts["xinjiang-2018-sco-partnership-call"]
    kinds = {p.code: p.kind for p in sco.targets}
    assert kinds["KZ"] == "country" and kinds["x-central-asia"] == "group" and kinds["650000"] == "region"
    assert [p.code for p in sco.partners] == ["KZ", "TJ"]
    assert len({p.code for p in sco.targets}) == len(sco.targets)
    shandong = facts["shandong-2020-paired-aid-scope"]
    assert {"653100", "x-xpcc-12"} <= {p.code for p in shandong.targets}
    assert [p.code for p in shandong.partners] == ["370000"]


def test_eligibility_is_shortened_in_both_languages(facts):
    elig = facts["xinjiang-2018-sco-partnership-call"].eligibility
    assert len(elig) == 7
    assert elig[0].project_id is None
    for e in elig:
        for lang, limit in (("zh", 61), ("en", 141)):
            assert len(e.text[lang]) <= limit
            assert e.full[lang].startswith(e.text[lang].rstrip("…"))
    hacc = next(e for e in elig if "HACCP" in e.full["zh"])
    assert hacc.text["zh"].endswith("…")


def test_deadline_not_stated_and_no_ratio_where_none(facts):
    for f in facts.values():
        assert f.deadline == NOT_STATED
    assert facts["linyi-2020-st-work-plan"].ratios == []
    assert facts["linyi-2020-st-work-plan"].categories == []


@pytest.mark.parametrize(
    "public, own, comparator, zh, en",
    [
        (1, 2, "ge", "自筹经费不少于财政经费的2倍", "self-raised funds at least twice the public funds"),
        (1, 1, "ge", "自筹经费不少于财政经费", "self-raised funds at least equal to the public funds"),
        (1, 3, "eq", "自筹经费为财政经费的3倍", "self-raised funds three times the public funds"),
        (1, 1, "eq", "自筹经费与财政经费相等", "self-raised funds equal to the public funds"),
        (2, 1, "ge", "自筹经费不少于财政经费的一半", "self-raised funds at least half the public funds"),
        (1, 1.5, "ge", "自筹经费不少于财政经费的1.5倍", "self-raised funds at least 1.5 times the public funds"),
    ],
)
def test_ratio_words(public, own, comparator, zh, en):
    assert ratio_words(public, own, comparator) == {"zh": zh, "en": en}


def test_shorten():
    assert shorten("短句。第二句。", "zh") == "短句…"
    assert shorten("Only one sentence.", "en") == "Only one sentence"
    long = "word, " * 40
    cut = shorten(long, "en")
    assert cut.endswith("…") and len(cut) <= 141 and ", …" not in cut
