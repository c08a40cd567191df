"""Pairings say what their documents say, group regions say what they stand for, and the tile map
draws them: arrows for aid only, every party on a square or in the group list, labels apart."""

from __future__ import annotations

import json
import math
import re

import pytest

from stcatalog.checks.pairings import AID_WORDS, aid_wording
from stcatalog.site import tilemap
from stcatalog.sources.load import load

from .conftest import REPO

# The review of every pairing against its cite (issue 13): the relation each must have.
COOPERATION_2022 = [
    "east-lhasa",
    *(f"{p}-qinghai-salt-lakes" for p in ("tianjin", "shandong", "anhui", "chongqing")),
    *(f"{p}-qinghai-farm-products" for p in ("jiangsu", "sichuan", "gansu", "xizang")),
    "east-yunnan",
    *(f"{a}-{b}" for a in ("zhongguancun", "zhangjiang", "shenzhen") for b in ("kunming", "yuxi", "chuxiong")),
    "east-ningxia",
    "fujian-ningxia",
    "yellow-river-inner-mongolia",
    "east-inner-mongolia",
    "beijing-guiyang",
    "guangdong-guizhou",
    "shanghai-lanzhou",
    "shanghai-baiyin",
    "shanghai-gansu",
]
REVIEWED = {
    "most-2022-east-west-plan": {
        **dict.fromkeys(COOPERATION_2022, "cooperation"),
        "sanjiangyuan-alliance": "alliance",
        "dongying-inner-mongolia": "alliance",
    },
    "shandong-2020-paired-aid-scope": dict.fromkeys(
        (
            "shandong-kashgar",
            "shandong-xpcc-12",
            "shandong-shigatse",
            "shandong-haibei",
            "shandong-ningxia",
            "shandong-chongqing",
        ),
        "aid",
    ),
    "xinjiang-2022-aid-xinjiang-call": {"aid-provinces-xinjiang": "aid"},
}
PARTNER = re.compile(r"联合|合作|结对|与\S+?(建立|共建)")  # 与上海建立……机制


@pytest.fixture(scope="module")
def catalog():
    cat, problems = load(REPO, use_cache=False, jobs=1)
    assert not list(problems), [p.text() for p in problems]
    return cat


@pytest.fixture(scope="module")
def pairings(catalog):
    return {(g.id, rec["id"]): rec for g in catalog.guides for rec in g.records("pairings")}


@pytest.fixture(scope="module")
def rows():
    """The published rows the site reads: pairings, and regions by code."""
    folder = REPO / "datasets" / "package" / "json"
    pairs = json.loads((folder / "pairings.json").read_text(encoding="utf-8"))
    regions = {r["code"]: r for r in json.loads((folder / "regions.json").read_text(encoding="utf-8"))}
    return pairs, regions


def test_every_pairing_was_reviewed(pairings):
    reviewed = {(g, p) for g, ids in REVIEWED.items() for p in ids}
    assert set(pairings) == reviewed
    assert {key: rec["relation"] for key, rec in pairings.items()} == {
        (g, p): rel for g, ids in REVIEWED.items() for p, rel in ids.items()
    }


def test_each_relation_is_what_its_cite_says(pairings):
    for key, rec in pairings.items():
        cite = rec["cite"]
        if rec["relation"] == "aid":
            assert aid_wording(cite), (key, cite)
        elif rec["relation"] == "cooperation":
            assert not aid_wording(cite), f"{key}: the cite has aid wording; is it aid? {cite}"
            assert PARTNER.search(cite), (key, cite)
            assert len(rec["members"]) == 2
        else:
            assert rec["name"]["zh"] in cite and rec["name"]["zh"].endswith("联盟"), (key, cite)
            assert len(rec["members"]) >= 2


def test_qinghai_works_with_its_partners_it_is_not_aided_by_them(pairings):
    """The issue's case: 青海联合…江苏、四川、甘肃、西藏 and 深化青海与天津、山东、安徽、重庆等省市合作."""
    plan = {p: rec for (g, p), rec in pairings.items() if g == "most-2022-east-west-plan"}
    for pid, rec in plan.items():
        if pid.endswith(("-qinghai-salt-lakes", "-qinghai-farm-products")):
            assert rec["relation"] == "cooperation" and rec["members"][0] == "630000"
            assert "donor" not in rec and "recipient" not in rec
    assert not [rec for rec in plan.values() if rec["relation"] == "aid"]


def test_aid_wording_is_found_and_missed():
    assert aid_wording("以对口支援新疆喀什地区4县") == ("援", "对口")
    assert aid_wording("努力打造“科技支宁”东西部合作样板") == ("支宁",)
    assert aid_wording("深化青海与天津、山东、安徽、重庆等省市合作") == ()
    assert "援" in AID_WORDS


def test_groups_say_what_they_stand_for(catalog):
    groups = {c: r for c, r in catalog.vocab.regions.items() if r["level"] == "group"}
    assert len(groups) >= 10
    for code, r in groups.items():
        assert r["membership"] in ("complete", "partial", "open"), code
        assert r["stands_for"]["zh"] and r["stands_for"]["en"], code
    sizes = {c: len(r["members"]) for c, r in groups.items() if r["membership"] == "complete"}
    assert sizes["x-eastern-china"] == 10
    assert sizes["x-western-china"] == 12
    assert sizes["x-yellow-river-provinces"] == 9
    assert sizes["x-xinjiang-aid-provinces"] == 19
    assert groups["x-yangtze-basin"]["membership"] == "open"
    assert "未确定" in groups["x-yangtze-basin"]["stands_for"]["zh"]


def test_published_rows_carry_the_relation(rows):
    pairs, _ = rows
    assert {p["relation"] for p in pairs} == {"aid", "cooperation", "alliance"}
    for p in pairs:
        assert (p["donor"] is not None) == (p["relation"] == "aid"), p["id"]
        if p["relation"] == "aid":
            assert p["members"] == f"{p['donor']} {p['recipient']}"


# The tile map ------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["zh", "en"])
def tile_map(request, rows):
    pairs, regions = rows
    return tilemap.build(pairs, regions, request.param)


def boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_grid_has_every_province_level_division_once():
    assert len(tilemap.GRID) == 34
    assert len(set(tilemap.GRID.values())) == 34
    assert all(0 <= c < tilemap.COLUMNS and 0 <= r < tilemap.ROWS for c, r in tilemap.GRID.values())
    assert all(re.fullmatch(r"[1-8][0-9]0000", code) for code in tilemap.GRID)


def test_no_two_labels_overlap_and_each_stays_on_its_square(tile_map):
    tiles = tile_map.tiles
    for t in tiles:
        x0, y0, x1, y1 = t.label_box()
        assert t.x + tilemap.PAD - 0.01 <= x0 and x1 <= t.x + t.size - tilemap.PAD + 0.01, t.lines
        assert t.y <= y0 and y1 <= t.y + t.size, t.lines
        assert t.font >= tilemap.MIN_FONT, t.lines
    for i, a in enumerate(tiles):
        for b in tiles[i + 1 :]:
            assert not boxes_overlap(a.label_box(), b.label_box()), (a.lines, b.lines)
            assert not boxes_overlap((a.x, a.y, a.x + a.size, a.y + a.size), (b.x, b.y, b.x + b.size, b.y + b.size))


def test_arrows_only_for_aid(tile_map):
    assert tile_map.links
    for link in tile_map.links:
        assert link.directed == (link.relation == "aid")
        assert link.programme in tile_map.programmes
        assert ("→" in link.title) == link.directed
    aid = {(link.a, link.b) for link in tile_map.links if link.directed}
    assert ("370000", "650000") in aid  # Shandong → Kashgar and the XPCC 12th Division
    assert not [pair for pair in aid if pair[1] == "630000" and pair[0] != "370000"]  # only Shandong aids Qinghai


def test_every_party_is_on_a_square_or_listed_as_a_group(tile_map, rows):
    pairs, regions = rows
    drawn = {pid for link in tile_map.links for pid in link.pairings}
    listed = {(use.group, use.pairing) for g in tile_map.groups for use in g.uses}
    assert tile_map.elsewhere == []
    for p in pairs:
        for code, _ in tilemap.parties(p):
            if regions[code]["level"] == "group":
                assert (code, p["id"]) in listed
            else:
                assert tilemap.tile_of(regions, code) in tilemap.GRID, code
        placed = [c for c, _ in tilemap.parties(p) if regions[c]["level"] != "group"]
        assert (len(placed) >= 2) == (p["id"] in drawn), p["id"]


def test_links_run_from_edge_to_edge_or_label_to_label(tile_map):
    """A link starts just outside its square, or between neighbours just outside the label, so that
    it neither hides a label nor shrinks to nothing in the gap."""
    by_code = {t.code: t for t in tile_map.tiles}
    paths = set()
    for link in tile_map.links:
        numbers = [float(n) for n in re.findall(r"-?\d+\.\d", link.path)]
        a, b = by_code[link.a], by_code[link.b]
        near = tilemap.neighbours(a, b)
        for (x, y), tile in ((numbers[:2], a), (numbers[4:], b)):
            cx, cy = tile.centre
            reach = max(abs(x - cx), abs(y - cy))
            if near:
                x0, y0, x1, y1 = tile.label_box()
                assert not (x0 <= x <= x1 and y0 <= y <= y1), link
                assert reach <= tile.size / 2, link
            else:
                assert tile.size / 2 < reach <= tile.size / 2 + 3, link
        if near:
            assert math.dist(numbers[:2], numbers[4:]) >= 20, f"too short to see: {link}"
        paths.add(link.path)
    assert len(paths) == len(tile_map.links), "two links drawn on the same curve"


def test_groups_are_listed_with_what_they_stand_for(tile_map):
    codes = [g.code for g in tile_map.groups]
    assert codes == ["x-eastern-china", "x-xinjiang-aid-provinces", "x-yangtze-basin", "x-yellow-river-provinces"]
    for g in tile_map.groups:
        assert g.stands_for and g.members and len(g.member_names) == len(g.members)
    yangtze = next(g for g in tile_map.groups if g.code == "x-yangtze-basin")
    assert yangtze.membership == "open" and yangtze.uses[0].relation == "alliance"


def test_the_map_is_deterministic(rows):
    pairs, regions = rows
    assert tilemap.build(pairs, regions, "zh") == tilemap.build(list(pairs), dict(regions), "zh")


# The map in Chromium ------------------------------------------------------------------------------

from . import test_browser as _browser  # noqa: E402  (its fixtures build, serve and open the site)

browser, built, data, page, served, site = (
    _browser.browser,
    _browser.built,
    _browser.data,
    _browser.page,
    _browser.served,
    _browser.site,
)
shot = _browser.shot

LABEL_BOXES = """() => [...document.querySelectorAll('.st-tilemap text')].map(t => {
  const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.top, r.right, r.bottom];
})"""


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_map_in_chromium_at_1280(page, site, lang):
    page.goto(f"{site}{lang}/")
    page.locator(".st-tilemap").scroll_into_view_if_needed()
    shot(page, f"pairings-map-{lang}-1280")
    labels = page.evaluate(LABEL_BOXES)
    assert len(labels) == 34
    for i, a in enumerate(labels):
        assert a[4] - a[2] >= 10, f"{a[0]} is under 10 px high"
        for b in labels[i + 1 :]:
            assert not boxes_overlap(a[1:], b[1:]), (a[0], b[0])
    links = page.locator("path.st-link")
    arrows = page.locator("path.st-link[marker-end]")
    assert arrows.count() == page.locator("path.st-link.st-aid").count() > 0
    assert links.count() > arrows.count()
    assert page.locator("marker path").count() >= 1
    # filters: cooperation off hides its links and table rows; the count says so
    count = page.locator(".st-pairings-count")
    before = count.inner_text()
    page.locator('input[data-filter="relation"][value="cooperation"]').uncheck()
    assert page.locator("path.st-cooperation:visible").count() == 0
    assert page.locator("path.st-aid:visible").count() == arrows.count()
    rows = page.locator("tr:has(span[data-relation='cooperation'])")
    assert rows.count() > 0 and all(not rows.nth(i).is_visible() for i in range(rows.count()))
    assert count.inner_text() != before
    page.locator('input[data-filter="relation"][value="cooperation"]').check()
    assert count.inner_text() == before
    assert page.console_errors == [] and page.external == []


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_instead_of_map_at_375(browser, site, lang):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    pg = context.new_page()
    pg.goto(f"{site}{lang}/")
    assert not pg.locator(".st-tilemap").is_visible()
    table = pg.locator("table:has(span[data-relation])")
    table.scroll_into_view_if_needed()
    shot(pg, f"pairings-table-{lang}-375")
    size = pg.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('table:has(span[data-relation]) td')).fontSize)"
    )
    assert size >= 12
    assert table.locator("tbody tr").count() == len({(p["programme"], p["relation"], p["members"]) for p in _rows()})
    context.close()


def _rows() -> list[dict]:
    return json.loads((REPO / "datasets" / "package" / "json" / "pairings.json").read_text(encoding="utf-8"))
