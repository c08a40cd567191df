"""A schematic tile map of pairings: China's 34 province-level divisions as one square each, in its
rough place on a grid, with arrows for aid and plain links for cooperation and alliances.

Pure data for a template: no boundary data (a published map of China needs approval; a grid of
squares is a diagram), no request, and every number rounded so the output is byte-stable. Group
regions (东部地区, 沿黄河省区 …) are not points on the map: they are listed apart with what they
stand for. A city or body is drawn on its province's tile and named in the link's title. Each tile
holds its own label, so labels cannot overlap.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

# (column, row) of each province-level division, GB/T 2260 code: a grid of 7 x 8 drawn for this
# project, west to east and north to south.
GRID: dict[str, tuple[int, int]] = {
    "230000": (6, 0),
    "150000": (3, 1), "110000": (4, 1), "210000": (5, 1), "220000": (6, 1),
    "650000": (0, 2), "620000": (1, 2), "640000": (2, 2), "140000": (3, 2), "130000": (4, 2), "120000": (5, 2),
    "540000": (0, 3), "630000": (1, 3), "610000": (2, 3), "410000": (3, 3), "370000": (4, 3),
    "510000": (1, 4), "500000": (2, 4), "420000": (3, 4), "340000": (4, 4), "320000": (5, 4), "310000": (6, 4),
    "530000": (1, 5), "520000": (2, 5), "430000": (3, 5), "360000": (4, 5), "330000": (5, 5),
    "450000": (2, 6), "440000": (3, 6), "350000": (4, 6), "710000": (5, 6),
    "460000": (2, 7), "820000": (3, 7), "810000": (4, 7),
}  # fmt: skip
COLUMNS, ROWS = 7, 8
TILE, GAP, PAD = 70, 14, 4  # px: square side, space between squares (room for a link between neighbours), label margin
MAX_FONT = 13.0
MIN_FONT = 11.0  # below this a long word is hyphenated onto two lines
CURVE = 0.12  # how far a link bows out, as a share of its length; a second link between the same
# two squares bows the other way, further
RELATIONS = ("aid", "cooperation", "alliance")


@dataclass(frozen=True)
class Tile:
    code: str
    x: float
    y: float
    size: float
    lines: tuple[str, ...]  # the label, one or two lines
    font: float  # px, so the widest line fits inside the square
    active: bool  # part of at least one pairing
    programmes: tuple[str, ...]
    relations: tuple[str, ...]
    groups: tuple[str, ...]  # group regions it is paired with (listed in the panel)

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.size / 2, self.y + self.size / 2)

    def label_at(self) -> list[tuple[str, float, float]]:
        """(line, x, baseline y) of each label line, the block centred on the square."""
        cx, cy = self.centre
        step = self.font * 1.2
        top = cy - step * (len(self.lines) - 1) / 2 + self.font * 0.35
        return [(line, round(cx, 1), round(top + i * step, 1)) for i, line in enumerate(self.lines)]

    def label_box(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) the label takes, by the same estimate that chose its font size."""
        cx, cy = self.centre
        width = max(text_width(line, self.font) for line in self.lines)
        height = self.font * 1.2 * len(self.lines)
        return (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


@dataclass(frozen=True)
class Link:
    a: str  # tile code; for aid, the donor's
    b: str  # for aid, the recipient's
    relation: str
    directed: bool  # an arrow from a to b (aid only)
    programme: str  # one link per programme, so a filter can hide it
    pairings: tuple[str, ...]  # global ids of the pairings drawn by this link
    title: str  # who with whom, by the names the documents use
    path: str  # SVG path data: a quadratic curve from border to border


@dataclass(frozen=True)
class GroupUse:
    group: str
    partners: tuple[str, ...]  # the other parties (region or group codes)
    partner_names: tuple[str, ...]
    relation: str
    role: str  # donor, recipient or member
    programme: str
    pairing: str


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    stands_for: str
    membership: str | None
    members: tuple[str, ...]
    member_names: tuple[str, ...]
    uses: tuple[GroupUse, ...]


@dataclass
class TileMap:
    width: float
    height: float
    tiles: list[Tile]
    links: list[Link]
    groups: list[Group]
    # (code, pairing id) of parties not drawn: off the grid, or on the same square as their partner
    elsewhere: list[tuple[str, str]] = field(default_factory=list)
    programmes: tuple[str, ...] = ()


def text_width(text: str, font: float) -> float:
    """A safe estimate of rendered width: a CJK character is 1 em, any other 0.62 em."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.62 for ch in text) * font


def label_lines(name: str) -> tuple[str, ...]:
    """One line; two at the space nearest the middle; a long single word (Heilongjiang) hyphenated
    between syllables (after a vowel, n or g, before a consonant) nearest the middle."""
    if " " not in name:
        if fit_font((name,)) >= MIN_FONT:
            return (name,)
        cuts = [i for i in range(2, len(name) - 2) if name[i - 1] in "aeiouvng" and name[i] not in "aeiouvng"]
        if not cuts:
            return (name,)
        cut = min(cuts, key=lambda i: abs(len(name) / 2 - i))
        return (name[:cut] + "-", name[cut:])
    spaces = [i for i, ch in enumerate(name) if ch == " "]
    cut = min(spaces, key=lambda i: abs(len(name) / 2 - i))
    return (name[:cut], name[cut + 1 :])


def fit_font(lines: tuple[str, ...], size: float = TILE) -> float:
    room = size - 2 * PAD
    widest = max(text_width(line, 1.0) for line in lines)
    return math.floor(min(MAX_FONT, room / widest, room / (1.2 * len(lines))) * 10) / 10  # down: it must fit


def name_of(regions: dict, code: str, lang: str) -> str:
    r = regions.get(code)
    if not r:
        return code
    return r.get(f"short_{lang}") or r.get(f"name_{lang}") or code


def tile_of(regions: dict, code: str | None) -> str | None:
    """The grid square a region is drawn on: its own, or the nearest enclosing one."""
    seen = set()
    while code and code not in GRID and code not in seen:
        seen.add(code)
        code = (regions.get(code) or {}).get("parent")
    return code if code in GRID else None


def parties(row: dict) -> list[tuple[str, str]]:
    """(code, role) of every party of a pairings-table row, in the document's order."""
    if row["relation"] == "aid":
        return [(row["donor"], "donor"), (row["recipient"], "recipient")]
    return [(code, "member") for code in row["members"].split()]


def neighbours(a: Tile, b: Tile) -> bool:
    """Squares side by side or corner to corner: a link between them starts inside them."""
    return max(abs(a.x - b.x), abs(a.y - b.y)) <= TILE + GAP


def _edge(tile: Tile, toward: tuple[float, float], near: bool) -> tuple[float, float]:
    """Where the ray from a square's centre toward a point leaves the square (plus 2 px); between
    neighbours (near), where it leaves the label (plus 3 px), so that the short link shows."""
    (px, py), (tx, ty) = tile.centre, toward
    vx, vy = tx - px, ty - py
    if near:
        x0, y0, x1, y1 = tile.label_box()
        t = min((x1 - x0) / 2 / max(abs(vx), 1e-9), (y1 - y0) / 2 / max(abs(vy), 1e-9)) + 3 / math.hypot(vx, vy)
    else:
        t = (TILE / 2 + 2) / max(abs(vx), abs(vy), 1e-9)
    return (px + vx * t, py + vy * t)


def _curve(a: Tile, b: Tile, bend: float) -> str:
    """From a's edge to b's, bowing by bend (a share of the length, its side fixed by the code order);
    between neighbours from label to label."""
    (ax, ay), (bx, by) = a.centre, b.centre
    dx, dy = bx - ax, by - ay
    if a.code > b.code:
        bend = -bend
    mx, my = (ax + bx) / 2 - dy * bend, (ay + by) / 2 + dx * bend
    near = neighbours(a, b)
    (sx, sy), (ex, ey) = _edge(a, (mx, my), near), _edge(b, (mx, my), near)
    return f"M{sx:.1f},{sy:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}"


@dataclass
class _Use:
    programmes: set[str] = field(default_factory=set)
    relations: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)


@dataclass
class _Drawn:
    pairings: list[str] = field(default_factory=list)
    names: list[tuple[str, str]] = field(default_factory=list)


class _Collect:
    """One pass over the pairings: what each square takes part in, the links, the groups' uses."""

    def __init__(self, regions: dict[str, dict], lang: str):
        self.regions, self.lang = regions, lang
        self.uses: dict[str, _Use] = defaultdict(_Use)
        self.links: dict[tuple[str, str, str, str], _Drawn] = defaultdict(_Drawn)
        self.group_uses: dict[str, list[GroupUse]] = defaultdict(list)
        self.elsewhere: set[tuple[str, str]] = set()

    def name(self, code: str) -> str:
        return name_of(self.regions, code, self.lang)

    def add(self, row: dict) -> None:
        everyone = parties(row)
        groups = {c for c, _ in everyone if (self.regions.get(c) or {}).get("level") == "group"}
        placed = []
        for code, role in everyone:
            if code in groups:
                others = tuple(c for c, _ in everyone if c != code)
                names = tuple(self.name(c) for c in others)
                use = GroupUse(code, others, names, row["relation"], role, row["programme"], row["id"])
                self.group_uses[code].append(use)
            elif (tile := tile_of(self.regions, code)) is not None:
                placed.append((tile, code))
            else:
                self.elsewhere.add((code, row["id"]))
        for tile, _ in placed:
            self.uses[tile].programmes.add(row["programme"])
            self.uses[tile].relations.add(row["relation"])
            self.uses[tile].groups.update(groups)
        for i, (ta, ca) in enumerate(placed):
            for tb, cb in placed[i + 1 :]:
                if ta == tb:
                    self.elsewhere.add((cb, row["id"]))  # on its partner's square: listed, not drawn
                else:
                    self.link(row, (ta, ca), (tb, cb))

    def link(self, row: dict, a: tuple[str, str], b: tuple[str, str]) -> None:
        if row["relation"] != "aid" and b[0] < a[0]:
            a, b = b, a  # undirected: one link per pair of squares, in code order
        drawn = self.links[(a[0], b[0], row["relation"], row["programme"])]
        drawn.pairings.append(row["id"])
        names = (self.name(a[1]), self.name(b[1]))
        if names not in drawn.names:
            drawn.names.append(names)


def _tile(code: str, use: _Use | None, regions: dict, lang: str) -> Tile:
    col, row = GRID[code]
    lines = label_lines(name_of(regions, code, lang))
    step = TILE + GAP
    return Tile(
        code,
        col * step,
        row * step,
        TILE,
        lines,
        fit_font(lines),
        use is not None,
        tuple(sorted(use.programmes)) if use else (),
        tuple(r for r in RELATIONS if use and r in use.relations),
        tuple(sorted(use.groups)) if use else (),
    )


def _links(found: dict[tuple[str, str, str, str], _Drawn], by_code: dict[str, Tile]) -> list[Link]:
    out = []
    between: dict[tuple[str, ...], int] = defaultdict(int)  # links already drawn between two squares
    for (a, b, relation, programme), drawn in sorted(found.items()):
        pair = tuple(sorted((a, b)))
        nth = between[pair]
        between[pair] += 1
        first = 0 if neighbours(by_code[a], by_code[b]) else 1  # neighbours: the first link is straight
        bend = CURVE * (first + nth) * (-1 if nth % 2 else 1)
        sep = " → " if relation == "aid" else " — "
        title = "; ".join(f"{x}{sep}{y}" for x, y in drawn.names)
        path = _curve(by_code[a], by_code[b], bend)
        out.append(Link(a, b, relation, relation == "aid", programme, tuple(drawn.pairings), title, path))
    return out


def _group(code: str, uses: list[GroupUse], regions: dict, lang: str) -> Group:
    r = regions[code]
    members = tuple((r.get("members") or "").split())
    return Group(
        code,
        r.get(f"name_{lang}") or code,
        r.get(f"stands_for_{lang}") or "",
        r.get("membership"),
        members,
        tuple(name_of(regions, m, lang) for m in members),
        tuple(uses),
    )


def build(pairings: list[dict], regions: dict[str, dict], lang: str) -> TileMap:
    """The map of the pairings-table rows, with region rows by code, labelled in lang."""
    found = _Collect(regions, lang)
    for row in pairings:
        found.add(row)
    order = sorted(GRID, key=lambda code: (GRID[code][1], GRID[code][0]))
    tiles = [_tile(code, found.uses.get(code), regions, lang) for code in order]
    links = _links(found.links, {t.code: t for t in tiles})
    groups = [_group(code, found.group_uses[code], regions, lang) for code in sorted(found.group_uses)]
    step = TILE + GAP
    programmes = tuple(sorted({row["programme"] for row in pairings}))
    return TileMap(COLUMNS * step - GAP, ROWS * step - GAP, tiles, links, groups, sorted(found.elsewhere), programmes)
