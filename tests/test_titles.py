"""Recurring titles read the same in English wherever they recur: a project's title, its annex
heading and its line in the list of key projects; titles of one Chinese form share one English form."""

from __future__ import annotations

import pytest

from stcatalog.sources.load import load

from .conftest import REPO


@pytest.fixture(scope="module")
def guides():
    catalog, problems = load(REPO, use_cache=False)
    assert list(problems) == []
    return catalog.guides


def test_a_chinese_title_has_one_english_rendering(guides):
    for guide in guides:
        seen: dict[str, str] = {}
        records = [(s.get("heading"), s["id"]) for s in guide.records("sections")]
        records += [(r.get("title"), r["id"]) for kind in ("projects", "scopes") for r in guide.records(kind)]
        for title, rid in records:
            if not title:
                continue
            first = seen.setdefault(title["zh"], title["en"])
            assert title["en"] == first, (guide.id, rid, title["zh"])


def test_projects_listed_in_text_use_their_title(guides):
    checked = 0
    for guide in guides:
        texts = {s["id"]: s.get("text") for s in guide.records("sections")}
        for project in guide.records("projects"):
            for text in texts.values():
                if text and project["title"]["zh"] in text["zh"]:
                    assert project["title"]["en"] in text["en"], (guide.id, project["id"])
                    checked += 1
    assert checked >= 7


def test_building_titles_share_one_form(guides):
    titles = [p["title"] for g in guides for p in g.records("projects") if p["title"]["zh"].endswith("建设")]
    assert len(titles) >= 7
    assert [t["en"] for t in titles if not t["en"].startswith("Building the ")] == []
