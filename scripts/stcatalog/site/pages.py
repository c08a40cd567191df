"""The site's pages as a plain function: published rows in, a Markdown tree per language out.

Nothing here knows about MkDocs, so another renderer (Zensical) can take the same tree. All data
text goes through `esc` (Markdown and HTML escaping) or `h` (HTML escaping) before it is placed in
a page: a `<script>` in a source shows as text.
"""

from __future__ import annotations

import html
import json
import math
import posixpath
import re
from collections import defaultdict
from urllib.parse import quote

from ..package.tables import TABLES, rows_by_guide
from .labels import field_codes, label

LANGS = ("zh", "en")

T = {
    "catalog": {"zh": "科技协作开放目录", "en": "Open S&T Cooperation Catalog"},
    "guides": {"zh": "指南", "en": "Guides"},
    "indicators": {"zh": "指标", "en": "Indicators"},
    "regions": {"zh": "地区", "en": "Regions"},
    "domains": {"zh": "领域", "en": "Domains"},
    "data": {"zh": "数据下载", "en": "Data"},
    "glossary": {"zh": "术语表", "en": "Glossary"},
    "about": {"zh": "关于", "en": "About"},
    "contribute": {"zh": "添加指南", "en": "Adding a guide"},
    "year": {"zh": "年份", "en": "Year"},
    "level": {"zh": "层级", "en": "Level"},
    "type": {"zh": "类型", "en": "Type"},
    "region": {"zh": "地区", "en": "Region"},
    "domain": {"zh": "领域", "en": "Domain"},
    "kind": {"zh": "类别", "en": "Kind"},
    "unit": {"zh": "单位", "en": "Unit"},
    "value": {"zh": "数值", "en": "Value"},
    "measure": {"zh": "考核内容", "en": "What is measured"},
    "comparator": {"zh": "比较", "en": "Comparator"},
    "guide": {"zh": "指南", "en": "Guide"},
    "title": {"zh": "标题", "en": "Title"},
    "issuer": {"zh": "发文机关", "en": "Issuer"},
    "all": {"zh": "全部", "en": "All"},
    "source_text": {"zh": "原文", "en": "Source text"},
    "download_csv": {"zh": "下载筛选结果（CSV）", "en": "Download the filtered rows (CSV)"},
    "shown": {"zh": "显示", "en": "Showing"},
    "authoritative": {
        "zh": "",
        "en": "This is an English translation by the catalog's curators. The Chinese text is authoritative.",
    },
    "missing": {"zh": "此处尚无英文译文。", "en": "Translation missing: the Chinese original is shown."},
    "of": {"zh": "共", "en": "of"},
    "prev": {"zh": "上一页", "en": "Previous"},
    "next": {"zh": "下一页", "en": "Next"},
    "all_rows": {"zh": "全部数据（JSON）", "en": "Every row (JSON)"},
    "loading": {"zh": "正在载入", "en": "Loading"},
    "scopes": {"zh": "领域范围", "en": "Scopes"},
    "projects": {"zh": "重点项目", "en": "Projects"},
    "explore": {"zh": "在指标浏览中查看", "en": "See them in the indicator explorer"},
}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|~^=])")


def h(text) -> str:
    """HTML-escape any value (None becomes empty)."""
    return "" if text is None else html.escape(str(text), quote=True)


def esc(text) -> str:
    """Escape data text for Markdown: HTML entities first, then every Markdown control character."""
    if text is None:
        return ""
    out = html.escape(str(text), quote=False)
    out = _MD_SPECIAL.sub(r"\\\1", out)
    out = re.sub(r"(?m)^(\s*\d+)([.)])", r"\1\\\2", out)  # "1." opening a paragraph is not a list
    return out.replace("\n\n", "\0").replace("\n", " ").replace("\0", "\n\n")


def cell(text) -> str:
    """Escape for a Markdown table cell: one line, no bare pipes."""
    return esc(text).replace("\n\n", " ")


def pick(row: dict, key: str, lang: str) -> tuple[str | None, bool]:
    """The text in the page's language; (Chinese, True) when the English is missing."""
    zh, en = row.get(f"{key}_zh"), row.get(f"{key}_en")
    if lang == "zh":
        return zh, False
    if en:
        return en, False
    return zh, bool(zh)


def text(row: dict, key: str, lang: str) -> str:
    value, missing = pick(row, key, lang)
    if missing:
        return f'{esc(value)} <span class="st-missing" title="{h(T["missing"][lang])}">[{h(T["missing"][lang])}]</span>'
    return esc(value)


def plain(row: dict, key: str, lang: str) -> str:
    """Unescaped text in the page's language (for attributes, after h())."""
    return pick(row, key, lang)[0] or ""


def up(path: str) -> str:
    """Relative prefix from the page written at `path` back to the language root."""
    depth = path.count("/") + (0 if path.endswith("index.md") else 1)
    return "../" * depth


def site_root(path: str) -> str:
    """Relative prefix from a page to the site root, above the language folders."""
    return up(path) + "../"


def page_url(path: str) -> str:
    """The URL (relative to the language root) MkDocs gives the page written at `path`."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def md(frm: str, to: str) -> str:
    """Relative path from the Markdown file `frm` to the file `to`, for Markdown links (MkDocs resolves
    and checks those against the source files)."""
    return posixpath.relpath(to, posixpath.dirname(frm) or ".")


def href(frm: str, to: str) -> str:
    """Relative URL from the page at `frm` to the page at `to`, for links written as HTML."""
    return up(frm) + page_url(to)


def paras(text: str | None) -> str:
    """Plain text as HTML paragraphs (blank lines separate paragraphs), escaped."""
    return "".join(f"<p>{h(p.strip()).replace(chr(10), ' ')}</p>" for p in (text or "").split("\n\n") if p.strip())


TABLE_PAGE = 100  # rows per page in the browsable tables
TABLE_CHUNK = 5000  # rows per JSON file behind them: a 10,000-guide explorer is never one download


def value_text(row: dict) -> str:
    lo, hi, comp = row["value_min"], row["value_max"], row["comparator"]

    def n(v):
        return "" if v is None else (f"{v:,.0f}" if float(v).is_integer() else f"{v:,}")

    if lo is None and hi is None:
        return "—"
    if comp == "range":
        return f"{n(lo)}–{n(hi)}"
    if comp in ("ge", "gt"):
        return f"{label('comparators', comp, 'symbol')} {n(lo)}"
    if comp in ("le", "lt"):
        return f"{label('comparators', comp, 'symbol')} {n(hi)}"
    return f"{'≈ ' if comp == 'approx' else ''}{n(lo)}"


def front(title: str, lang: str, description: str = "") -> str:
    meta = {"title": title}
    if description:
        meta["description"] = description[:300]
    lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()] + ["---", ""]
    if lang == "en":
        lines += ['!!! note "Translation"', f"    {T['authoritative']['en']}", ""]
    return "\n".join(lines)


def group(rows: list[dict], key: str, value: str | None = None) -> defaultdict:
    """{row[key]: [rows]} (or [row[value]]), in row order."""
    out = defaultdict(list)
    for row in rows:
        out[row[key]].append(row[value] if value else row)
    return out


class Site:
    """Index the published rows once; each page method returns Markdown."""

    def __init__(self, rows: dict[str, list[dict]], meta: dict):
        self.rows = rows
        self.meta = meta
        self.guides = sorted(rows["guides"], key=lambda g: (-g["year"], g["id"]))
        self.regions = {r["code"]: r for r in rows["regions"]}
        self.domains = {d["id"]: d for d in rows["domains"]}
        self.units = {u["id"]: u for u in rows["units"]}
        self.programmes = {p["id"]: p for p in rows["programmes"]}
        self.by_guide = rows_by_guide(rows)
        self.guide_by_id = {g["id"]: g for g in self.guides}
        self.scope_regions = group(rows["scope_regions"], "scope_id")
        self.scope_domains = group(rows["scope_domains"], "scope_id", "domain_id")
        self.project_regions = group(rows["project_regions"], "project_id")
        self.project_domains = group(rows["project_domains"], "project_id", "domain_id")
        self.project_tasks = group(rows["project_tasks"], "project_id")
        self.guide_regions = defaultdict(set)
        self.guide_domains = defaultdict(set)
        for g in self.guides:
            self.guide_regions[g["id"]].add(g["issuer_region"])
        for r in rows["scope_regions"] + rows["project_regions"]:
            self.guide_regions[r["guide_id"]].add(r["region_code"])
        for p in rows["pairings"]:
            self.guide_regions[p["guide_id"]].update((p["donor"], p["recipient"]))
        for r in rows["scope_domains"] + rows["project_domains"]:
            self.guide_domains[r["guide_id"]].add(r["domain_id"])
        # {region or domain: {guide id: {"scopes"|"projects"|"indicators": count}}}, for their pages
        self.region_counts = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
        self.domain_counts = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
        for r in rows["scope_regions"]:
            self.region_counts[r["region_code"]][r["guide_id"]]["scopes"] += 1
        for r in rows["project_regions"]:
            self.region_counts[r["region_code"]][r["guide_id"]]["projects"] += 1
        for r in rows["scope_domains"]:
            self.domain_counts[r["domain_id"]][r["guide_id"]]["scopes"] += 1
        for r in rows["project_domains"]:
            self.domain_counts[r["domain_id"]][r["guide_id"]]["projects"] += 1
        for r in rows["indicators"]:
            for code in self.indicator_regions(r):
                self.region_counts[code][r["guide_id"]]["indicators"] += 1
            for did in self.indicator_domains(r):
                self.domain_counts[did][r["guide_id"]]["indicators"] += 1
        self.files: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}  # non-page files: table JSON

    # -- helpers ------------------------------------------------------------------------------
    def region_name(self, code: str, lang: str) -> str:
        r = self.regions.get(code)
        return (plain(r, "short", lang) or plain(r, "name", lang)) if r else code

    def guide_title(self, gid: str, lang: str) -> str:
        g = self.guide_by_id[gid]
        return plain(g, "short_title", lang) or plain(g, "title", lang)

    def indicator_regions(self, row: dict) -> set[str]:
        links = self.project_regions.get(row["project_id"]) or self.scope_regions.get(row["scope_id"]) or []
        return {r["region_code"] for r in links}

    def indicator_domains(self, row: dict) -> set[str]:
        return set(self.project_domains.get(row["project_id"]) or self.scope_domains.get(row["scope_id"]) or [])

    def link_guide(self, gid: str, lang: str, path: str) -> str:
        return f"[{esc(self.guide_title(gid, lang))}]({md(path, 'guides/' + gid + '.md')})"

    # -- pages -------------------------------------------------------------------------------
    def render(self, lang: str) -> dict[str, str]:
        """{path: text}: the Markdown pages and the tables' JSON files, for one language."""
        pages = {
            "index.md": self.home(lang),
            "guides/index.md": self.guides_index(lang),
            "indicators.md": self.indicators(lang),
            "regions/index.md": self.regions_index(lang),
            "domains/index.md": self.domains_index(lang),
            "data.md": self.data_page(lang),
            "glossary.md": self.glossary(lang),
        }
        for g in self.guides:
            pages[f"guides/{g['id']}.md"] = self.guide_page(g, lang)
        for code in sorted(self.used_regions()):
            pages[f"regions/{code}.md"] = self.region_page(code, lang)
        for did in sorted(self.used_domains()):
            pages[f"domains/{did}.md"] = self.domain_page(did, lang)
        pages.update(self.files[lang])
        return pages

    def used_regions(self) -> set[str]:
        used = set()
        for codes in self.guide_regions.values():
            used |= codes
        return {c for c in used if c in self.regions}

    def used_domains(self) -> set[str]:
        used = set()
        for ds in self.guide_domains.values():
            used |= ds
        return {d for d in used if d in self.domains}

    def home(self, lang: str) -> str:
        path = "index.md"
        n = {k: len(self.rows[k]) for k in ("guides", "sections", "scopes", "projects", "indicators", "pairings")}
        title = T["catalog"][lang]
        out = [front(title, lang, self.meta["description"][lang]), f"# {esc(title)}", ""]
        if lang == "zh":
            out += [
                "本目录收录中国各地发布的区域科技协作政策文件：申报指南、领域范围、实施方案与工作要点。"
                "每份文件均提供中英文全文、结构化的领域范围、重点项目、量化考核指标、资助额度与结对关系，"
                "并以开放数据包形式提供下载。中文为准，英文为编者译文。",
                "",
            ]
            labels = ["份指南", "个章节", "项领域范围与任务", "个重点项目", "项量化指标", "组结对关系"]
        else:
            out += [
                "This catalog publishes China's regional science-and-technology cooperation policy documents — "
                "calls for proposals, priority scopes, implementation plans and work plans — in Chinese and English, "
                "with their scopes, key projects, quantitative indicators, funding and east-west pairings as open data.",
                "",
            ]
            labels = ["guides", "sections", "scopes and tasks", "key projects", "quantitative indicators", "pairings"]
        out.append('<div class="st-counts">')
        for count, name in zip(n.values(), labels):
            out.append(f"<div><strong>{count}</strong> {h(name)}</div>")
        out += ["</div>", ""]
        out += [
            f"## {'结对关系' if lang == 'zh' else 'Who supports whom'}",
            "",
            (
                "下图示意各计划中的支援方（东部）与受援方（西部）。"
                if lang == "zh"
                else "The map links each donor region to the region it supports, by programme."
            ),
            "",
            self.pairing_map(lang),
            "",
            self.pairing_table(lang, path),
            "",
        ]
        out += [f"## {'最新指南' if lang == 'zh' else 'Latest guides'}", ""]
        for g in self.guides[:10]:
            out.append(f"- {g['year']} · {self.link_guide(g['id'], lang, path)} — {esc(plain(g, 'issuer', lang))}")
        out += ["", f"[{T['guides'][lang]} →]({md(path, 'guides/index.md')})", ""]
        return "\n".join(out)

    def pairings_grouped(self) -> list[tuple[tuple[str, str, str], list[dict]]]:
        """Pairings by (programme, donor, recipient): the same pair recurs in many guides."""
        by_pair = defaultdict(list)
        for p in self.rows["pairings"]:
            by_pair[(p["programme"] or "", p["donor"], p["recipient"])].append(p)
        return sorted(by_pair.items())

    def pairing_table(self, lang: str, path: str) -> str:
        head = ["计划", "支援方", "受援方", "指南"] if lang == "zh" else ["Programme", "Donor", "Recipient", "Guides"]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for (programme, donor, recipient), pairs in self.pairings_grouped():
            prog = self.programmes.get(programme)
            guides = sorted({p["guide_id"] for p in pairs}, key=lambda g: (-self.guide_by_id[g]["year"], g))
            more = len(guides) - 1
            extra = (
                f" <small>{'等' if lang == 'zh' else 'and'} {more} {'份' if lang == 'zh' else 'more'}</small>"
                if more
                else ""
            )
            lines.append(
                f"| {cell(plain(prog, 'name', lang) if prog else programme)} | "
                f"[{cell(self.region_name(donor, lang))}]({md(path, 'regions/' + donor + '.md')}) | "
                f"[{cell(self.region_name(recipient, lang))}]({md(path, 'regions/' + recipient + '.md')}) | "
                f"{self.link_guide(guides[0], lang, path)}{extra} |"
            )
        return "\n".join(lines)

    def pairing_map(self, lang: str) -> str:
        """An inline SVG map of pairings: no tiles, no requests, labels escaped."""
        width, height = 760, 420
        lon0, lon1, lat0, lat1 = 60.0, 135.0, 15.0, 55.0

        def xy(code):
            r = self.regions.get(code)
            if not r or r["lat"] is None:
                members = (r or {}).get("members") or ""
                pts = [xy(m) for m in members.split() if m in self.regions and self.regions[m]["lat"] is not None]
                if not pts:
                    return None
                return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
            x = (r["lon"] - lon0) / (lon1 - lon0) * width
            y = (lat1 - r["lat"]) / (lat1 - lat0) * height
            return (round(max(0, min(width, x)), 1), round(max(0, min(height, y)), 1))

        palette = ["#c0392b", "#2471a3", "#1e8449", "#b9770e", "#7d3c98", "#17a589", "#a04000", "#2e4053", "#d35400"]
        progs = sorted({p["programme"] for p in self.rows["pairings"]})
        color = {p: palette[i % len(palette)] for i, p in enumerate(progs)}
        parts = [
            f'<svg class="st-map" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{h("结对关系示意图" if lang == "zh" else "Map of pairings")}" xmlns="http://www.w3.org/2000/svg">',
            f'<rect width="{width}" height="{height}" fill="var(--md-code-bg-color, #f5f5f5)"/>',
        ]
        seen = {}
        for (programme, donor, recipient), _ in self.pairings_grouped():
            p = {"programme": programme, "donor": donor, "recipient": recipient}
            a, b = xy(p["donor"]), xy(p["recipient"])
            if not a or not b:
                continue
            seen[p["donor"]], seen[p["recipient"]] = a, b
            mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2 - max(12, math.dist(a, b) / 5)
            parts.append(
                f'<path d="M{a[0]},{a[1]} Q{mx:.1f},{my:.1f} {b[0]},{b[1]}" fill="none" '
                f'stroke="{color[p["programme"]]}" stroke-width="1.6" opacity="0.75">'
                f"<title>{h(self.region_name(p['donor'], lang))} → {h(self.region_name(p['recipient'], lang))}</title></path>"
            )
        for code, (x, y) in sorted(seen.items()):
            parts.append(
                f'<circle cx="{x}" cy="{y}" r="3.5" fill="#333"/>'
                f'<text x="{x + 5}" y="{y - 4}" font-size="11">{h(self.region_name(code, lang))}</text>'
            )
        for i, prog in enumerate(progs):
            name = plain(self.programmes[prog], "name", lang) if prog in self.programmes else prog
            parts.append(
                f'<rect x="10" y="{10 + i * 16}" width="10" height="10" fill="{color[prog]}"/>'
                f'<text x="26" y="{19 + i * 16}" font-size="11">{h(name)}</text>'
            )
        parts.append("</svg>")
        return "".join(parts)

    def guides_index(self, lang: str) -> str:
        path = "guides/index.md"
        out = [front(T["guides"][lang], lang), f"# {T['guides'][lang]}", ""]
        columns = [
            (T["year"][lang], "number"),
            (T["title"][lang], "text"),
            (T["issuer"][lang], "text"),
            (T["level"][lang], "text"),
            (T["type"][lang], "text"),
        ]
        filters = [
            ("year", T["year"][lang]),
            ("level", T["level"][lang]),
            ("type", T["type"][lang]),
            ("region", T["region"][lang]),
            ("domain", T["domain"][lang]),
        ]
        rows = []
        for g in self.guides:
            level, kind = label("issuer-levels", g["issuer_level"], lang), label("document-types", g["type"], lang)
            rows.append(
                {
                    "id": g["id"],
                    "cells": [
                        {"t": str(g["year"]), "v": g["year"]},
                        {"t": plain(g, "title", lang), "h": href(path, f"guides/{g['id']}.md")},
                        plain(g, "issuer", lang),
                        level,
                        kind,
                    ],
                    "filters": {
                        "year": [str(g["year"])],
                        "level": [level],
                        "type": [kind],
                        "region": self.region_names(self.guide_regions[g["id"]], lang),
                        "domain": self.domain_names(self.guide_domains[g["id"]], lang),
                    },
                }
            )
        out.append(self.datatable("st-guides", path, columns, filters, rows, lang, full="data/json/guides.json"))
        return "\n".join(out)

    def region_names(self, codes, lang: str) -> list[str]:
        return [self.region_name(c, lang) for c in sorted(codes) if c in self.regions]

    def domain_names(self, ids, lang: str) -> list[str]:
        return [plain(self.domains[d], "name", lang) for d in sorted(ids) if d in self.domains]

    def datatable(
        self,
        table_id: str,
        path: str,
        columns: list,
        filters: list,
        rows: list[dict],
        lang: str,
        full: str,
        download: bool = False,
    ) -> str:
        """A filterable, sortable, paged table. The first page of rows is in the HTML (readable without
        JavaScript); all rows go to JSON files beside the pages, TABLE_CHUNK rows each, which filters.js
        loads as they are needed: paging loads the next file, filtering or sorting loads them all.

        columns: [(label, sort: "text" | "number" | None)]; each row: {"id", "cells", "filters": {key: [values]}},
        a cell being text, {"t": text, "h": url} (a link) or {"t": text, "v": number} (sorts by v);
        full: the published dataset with every row, linked for readers without JavaScript."""
        options = {key: sorted({v for r in rows for v in r["filters"].get(key, [])}) for key, _ in filters}
        index = {key: {v: i for i, v in enumerate(vals)} for key, vals in options.items()}
        chunks = max(1, math.ceil(len(rows) / TABLE_CHUNK))
        for k in range(chunks):
            part = rows[k * TABLE_CHUNK : (k + 1) * TABLE_CHUNK]
            data = [
                {
                    "id": r["id"],
                    "c": r["cells"],
                    "f": [[index[key][v] for v in r["filters"].get(key, [])] for key, _ in filters],
                }
                for r in part
            ]
            self.files[lang][f"assets/tables/{table_id}-{k}.json"] = (
                json.dumps({"rows": data}, ensure_ascii=False, separators=(",", ":")) + "\n"
            )
        parts = [
            f'<div class="st-filters" data-table="{table_id}" data-all="{h(T["all"][lang])}" '
            f'data-shown="{h(T["shown"][lang])}" data-of="{h(T["of"][lang])}" data-loading="{h(T["loading"][lang])}" '
            f'data-prev="{h(T["prev"][lang])}" data-next="{h(T["next"][lang])}">'
        ]
        for key, name in filters:
            opts = "".join(f'<option value="{h(v)}">{h(v)}</option>' for v in options[key])
            parts.append(
                f'<label>{h(name)} <select data-filter="{key}"><option value="">{h(T["all"][lang])}</option>{opts}</select></label>'
            )
        if download:
            parts.append(
                f'<button type="button" class="md-button st-download" data-table="{table_id}">{h(T["download_csv"][lang])}</button>'
            )
        parts.append(
            f'<span class="st-count" aria-live="polite">{h(T["shown"][lang])} {min(len(rows), TABLE_PAGE)} / {len(rows)}</span></div>'
        )
        parts.append("")
        src = h(f"{up(path)}assets/tables/{table_id}-{{n}}.json")
        parts.append(
            f'<table class="st-table" id="{table_id}" data-src="{src}" data-chunks="{chunks}" data-rows="{len(rows)}" '
            f'data-page="{TABLE_PAGE}"><thead><tr>'
            + "".join(
                f'<th data-sort="{kind}" tabindex="0">{h(label)}</th>' if kind else f"<th>{h(label)}</th>"
                for label, kind in columns
            )
            + "</tr></thead><tbody>"
        )
        for r in rows[:TABLE_PAGE]:
            parts.append(f'<tr data-id="{h(r["id"])}">' + "".join(_cell_html(c) for c in r["cells"]) + "</tr>")
        parts += ["</tbody></table>", ""]
        if len(rows) > TABLE_PAGE:
            parts += [f'<p class="st-more"><a href="{h(site_root(path) + full)}">{h(T["all_rows"][lang])}</a></p>', ""]
        return "\n".join(parts)

    def guide_page(self, g: dict, lang: str) -> str:
        gid = g["id"]
        path = f"guides/{gid}.md"
        recs = self.by_guide[gid]
        title = plain(g, "title", lang)
        out = [front(title, lang, plain(g, "summary", lang)), f"# {esc(title)}", ""]
        prog = self.programmes.get(g["programme"])
        meta = [
            (T["issuer"][lang], text(g, "issuer", lang)),
            ("文号" if lang == "zh" else "Document number", esc(g["doc_number"]) or "—"),
            (T["year"][lang], str(g["year"])),
            ("日期" if lang == "zh" else "Date", g["date"] or "—"),
            (T["type"][lang], label("document-types", g["type"], lang)),
            (T["level"][lang], label("issuer-levels", g["issuer_level"], lang)),
            ("计划" if lang == "zh" else "Programme", esc(plain(prog, "name", lang)) if prog else "—"),
        ]
        head = "| 项目 | 内容 |" if lang == "zh" else "| Field | Value |"
        out += [head, "|---|---|"] + [f"| {k} | {v} |" for k, v in meta] + [""]
        out += [f"## {'摘要' if lang == 'zh' else 'Summary'}", "", text(g, "summary", lang), ""]
        out += self.downloads(gid, path, lang)
        if recs["scopes"]:
            out += [f"## {'领域范围与任务' if lang == 'zh' else 'Scopes and tasks'}", ""]
            out += self.scope_list(recs["scopes"], lang, path)
        if recs["projects"]:
            out += [f"## {'重点项目' if lang == 'zh' else 'Key projects'}", ""]
            for p in recs["projects"]:
                out += [
                    f"### {esc(plain(p, 'title', lang))}",
                    "",
                    f"**{'项目目标' if lang == 'zh' else 'Objectives'}：** " if lang == "zh" else "**Objectives:** ",
                    text(p, "objectives", lang),
                    "",
                ]
                tasks = self.project_tasks[p["id"]]
                out += [f"- **{esc(t['number'])}** {text(t, 'text', lang)}" for t in tasks] + [""]
                experts = [e for e in recs["experts"] if e["project_id"] == p["id"]]
                if experts:
                    out += [
                        f"**{'申报指南编写组' if lang == 'zh' else 'Drafting panel'}**",
                        "",
                        "| "
                        + " | ".join(
                            ["姓名", "单位", "职称/职务"] if lang == "zh" else ["Name", "Affiliation", "Position"]
                        )
                        + " |",
                        "|---|---|---|",
                    ]
                    out += [
                        f"| {cell(plain(e, 'name', lang))} | {cell(plain(e, 'affiliation', lang))} | {cell(plain(e, 'position', lang))} |"
                        for e in experts
                    ] + [""]
        if recs["indicators"]:
            out += [f"## {'考核指标与目标' if lang == 'zh' else 'Indicators and targets'}", ""]
            out += self.indicator_table(recs["indicators"], lang)
        money = recs["funding"] or recs["ratios"] or recs["requirements"]
        if money:
            out += [f"## {'资助与申报要求' if lang == 'zh' else 'Funding and requirements'}", ""]
            for f in recs["funding"]:
                out.append(
                    f"- **{esc(plain(f, 'applies_to', lang))}**: {value_text(f)} "
                    f"{esc(plain(self.units.get(f['unit'], {}), 'name', lang))} — {text(f, 'text', lang)}"
                )
            for r in recs["ratios"]:
                out.append(
                    f"- **{esc(plain(r, 'applicant', lang))}**: "
                    f"{'财政经费∶自筹经费' if lang == 'zh' else 'public funds : self-raised funds'} "
                    f"{'≥ ' if r['comparator'] == 'ge' else ''}{r['public_share']}:{r['self_share']} — {text(r, 'text', lang)}"
                )
            out.append("")
            for r in recs["requirements"]:
                out.append(f"- {text(r, 'text', lang)}")
            out.append("")
        if recs["pairings"]:
            out += [f"## {'结对关系' if lang == 'zh' else 'Pairings'}", ""]
            for p in recs["pairings"]:
                out.append(
                    f"- [{esc(self.region_name(p['donor'], lang))}]({md(path, 'regions/' + p['donor'] + '.md')}) → "
                    f"[{esc(self.region_name(p['recipient'], lang))}]({md(path, 'regions/' + p['recipient'] + '.md')})"
                    + (f": {text(p, 'note', lang)}" if p.get("note_zh") else "")
                )
            out.append("")
        if recs["contacts"]:
            out += [f"## {'联系方式' if lang == 'zh' else 'Contacts'}", ""]
            for c in recs["contacts"]:
                out.append(f"- {text(c, 'office', lang)}; {text(c, 'people', lang)}; {esc(c['phones'])}")
            out.append("")
        out += [f"## {'全文' if lang == 'zh' else 'Full text'}", ""]
        out += self.full_text(recs["sections"], lang)
        out += self.provenance(g, lang)
        return "\n".join(out)

    def downloads(self, gid: str, path: str, lang: str) -> list[str]:
        root = site_root(path)
        links = [(f"data/json/guides/{gid}.json", "JSON")]
        for table in TABLES:
            if table.per_guide and self.by_guide[gid][table.name]:
                links.append((f"data/data/guides/{gid}/{table.name}.csv", f"{table.name}.csv"))
        items = " · ".join(f'<a href="{root}{h(p)}" download>{h(label)}</a>' for p, label in links)
        return [
            f"**{'下载本指南数据' if lang == 'zh' else 'Download this guide'}：**"
            if lang == "zh"
            else "**Download this guide:**",
            "",
            items,
            "",
        ]

    def scope_list(self, scopes: list[dict], lang: str, path: str) -> list[str]:
        """The scopes as a nested HTML list. Their texts are quotations of the full text below, so the
        search index skips them (data-pagefind-ignore) and each text is indexed once."""
        children = defaultdict(list)
        for s in scopes:
            children[s["parent_id"]].append(s)

        def links(codes, folder, name):
            return ", ".join(f'<a href="{h(href(path, folder + "/" + c + ".md"))}">{h(name(c))}</a>' for c in codes)

        def walk(parent) -> str:
            items = []
            for s in children.get(parent, []):
                region_rows = self.scope_regions[s["id"]]
                tags = []
                for role, prefix in (
                    ("target", {"zh": "地区：", "en": "Regions: "}),
                    ("partner", {"zh": "合作方：", "en": "Partners: "}),
                ):
                    codes = [r["region_code"] for r in region_rows if r["role"] == role]
                    if codes:
                        tags.append(h(prefix[lang]) + links(codes, "regions", lambda c: self.region_name(c, lang)))
                doms = [d for d in self.scope_domains[s["id"]] if d in self.domains]
                if doms:
                    tags.append(
                        h("领域：" if lang == "zh" else "Domains: ")
                        + links(doms, "domains", lambda d: plain(self.domains[d], "name", lang))
                    )
                heading = " ".join(x for x in (s["number"], plain(s, "title", lang)) if x)
                item = f"<li><strong>{h(heading)}</strong> <small>{h(label('scope-kinds', s['kind'], lang))}</small>"
                if s.get("text_zh"):
                    item += self.text_html(s, "text", lang)
                if tags:
                    item += f"<small>{' · '.join(tags)}</small>"
                items.append(item + walk(s["id"]) + "</li>")
            return f"<ul>{''.join(items)}</ul>" if items else ""

        return ['<div class="st-scopes" data-pagefind-ignore>', walk(None), "</div>", ""]

    def text_html(self, row: dict, key: str, lang: str) -> str:
        """A text field as HTML paragraphs in the page's language; the Chinese, marked, when the English is missing."""
        value, missing = pick(row, key, lang)
        marker = f'<p><span class="st-missing">[{h(T["missing"][lang])}]</span></p>' if missing else ""
        return marker + paras(value)

    def indicator_table(self, rows: list[dict], lang: str) -> list[str]:
        """The guide's indicators. Their source texts are quotations of the full text, so not indexed again."""
        head = [T["kind"][lang], T["measure"][lang], T["value"][lang], T["unit"][lang], T["source_text"][lang]]
        out = [
            '<table class="st-table" data-pagefind-ignore><thead><tr>'
            + "".join(f"<th>{h(x)}</th>" for x in head)
            + "</tr></thead><tbody>"
        ]
        for r in rows:
            unit = self.units.get(r["unit"])
            out.append(
                f"<tr><td>{h(label('indicator-kinds', r['kind'], lang))}</td><td>{h(plain(r, 'measure', lang))}</td>"
                f"<td>{h(value_text(r))}</td><td>{h(plain(unit, 'name', lang)) if unit else ''}</td>"
                f"<td>{h(plain(r, 'text', lang))}</td></tr>"
            )
        return out + ["</tbody></table>", ""]

    def full_text(self, sections: list[dict], lang: str) -> list[str]:
        """The whole document, section by section. English pages fold the authoritative Chinese under
        each section; Chinese pages, already authoritative, leave the English to the language switch."""
        out = []
        depth = {}
        for s in sections:
            depth[s["id"]] = depth.get(s["parent_id"], 0) + 1 if s["parent_id"] else 1
            level = min(6, depth[s["id"]] + 2)
            heading = " ".join(x for x in (s["number"] or "", plain(s, "heading", lang)) if x)
            if heading:
                out += [f"{'#' * level} {esc(heading)}", ""]
            if not s.get("text_zh"):
                continue
            missing = lang == "en" and not s.get("text_en")
            out.append(
                f'<div class="st-text" lang="{"zh" if missing else lang}">{self.text_html(s, "text", lang)}</div>'
            )
            if lang == "en" and not missing:
                out.append(
                    f'<details class="st-other" lang="zh" data-pagefind-ignore><summary>Chinese original · 中文原文</summary>'
                    f"{paras(s['text_zh'])}</details>"
                )
            out.append("")
        return out

    def provenance(self, g: dict, lang: str) -> list[str]:
        cite_en = (
            f"{g['title_en']} ({g['title_zh']}). {g['issuer_en']}, {g['year']}. "
            f"In: {self.meta['title']['en']}, version {self.meta['version']}. {self.meta['homepage']}guides/{g['id']}/"
        )
        cite_zh = (
            f"{g['issuer_zh']}．{g['title_zh']}（{g['year']}）．载：{self.meta['title']['zh']}，"
            f"第{self.meta['version']}版．{self.meta['homepage']}zh/guides/{g['id']}/"
        )
        out = [f"## {'来源与引用' if lang == 'zh' else 'Source and citation'}", ""]
        if lang == "zh":
            out += [
                f"- 原始文件：`{h(g['raw_file'])}`（SHA-256 `{h(g['raw_sha256'])}`）",
                f"- 发布地址：{esc(g['source_url']) if g['source_url'] else '原文未注明'}",
                "- 每条记录都注明其在原始文件中的引文及字符位置，可在数据包中核对。",
                f"- 英文译文状态：{h(g['translation_status'])}",
                "",
                "引用本页：",
                "",
                f"> {esc(cite_zh)}",
                "",
            ]
        else:
            out += [
                f"- Raw file: `{h(g['raw_file'])}` (SHA-256 `{h(g['raw_sha256'])}`)",
                f"- Published at: {esc(g['source_url']) if g['source_url'] else 'not stated in the document'}",
                "- Every record carries its verbatim quotation and character offsets in the raw file; check them in the data package.",
                f"- Translation status: {h(g['translation_status'])}",
                "",
                "Cite this page:",
                "",
                f"> {esc(cite_en)}",
                "",
            ]
        return out

    def indicators(self, lang: str) -> str:
        path = "indicators.md"
        title = "指标浏览" if lang == "zh" else "Indicator explorer"
        out = [
            front(title, lang),
            f"# {title}",
            "",
            (
                "所有量化指标与目标，可按类别、单位、地区与领域筛选，点击表头按数值排序。"
                if lang == "zh"
                else "Every quantitative indicator and target. Filter by kind, unit, region and domain; click a header to sort."
            ),
            "",
        ]
        columns = [
            (T["kind"][lang], "text"),
            (T["measure"][lang], "text"),
            (T["value"][lang], "number"),
            (T["unit"][lang], "text"),
            (T["source_text"][lang], "text"),
            (T["guide"][lang], "text"),
        ]
        filters = [
            ("kind", T["kind"][lang]),
            ("unit", T["unit"][lang]),
            ("region", T["region"][lang]),
            ("domain", T["domain"][lang]),
        ]
        rows = []
        for r in self.rows["indicators"]:
            unit = self.units.get(r["unit"])
            unit_name = plain(unit, "name", lang) if unit else ""
            sort_value = r["value_min"] if r["value_min"] is not None else r["value_max"]
            rows.append(
                {
                    "id": r["id"],
                    "cells": [
                        label("indicator-kinds", r["kind"], lang),
                        plain(r, "measure", lang),
                        {"t": value_text(r), "v": sort_value},
                        unit_name,
                        plain(r, "text", lang),
                        {"t": self.guide_title(r["guide_id"], lang), "h": href(path, f"guides/{r['guide_id']}.md")},
                    ],
                    "filters": {
                        "kind": [label("indicator-kinds", r["kind"], lang)],
                        "unit": [unit_name] if unit_name else [],
                        "region": self.region_names(self.indicator_regions(r), lang),
                        "domain": self.domain_names(self.indicator_domains(r), lang),
                    },
                }
            )
        out.append(
            self.datatable(
                "st-indicators", path, columns, filters, rows, lang, full="data/json/indicators.json", download=True
            )
        )
        return "\n".join(out)

    def regions_index(self, lang: str) -> str:
        out = [front(T["regions"][lang], lang), f"# {T['regions'][lang]}", ""]
        head = ["代码", "名称", "层级", "指南数"] if lang == "zh" else ["Code", "Name", "Level", "Guides"]
        out += ["| " + " | ".join(head) + " |", "|---|---|---|---|"]
        for code in sorted(self.used_regions()):
            r = self.regions[code]
            count = sum(1 for g in self.guides if code in self.guide_regions[g["id"]])
            out.append(f"| `{h(code)}` | [{cell(plain(r, 'name', lang))}]({code}.md) | {h(r['level'])} | {count} |")
        return "\n".join(out + [""])

    def region_page(self, code: str, lang: str) -> str:
        path = f"regions/{code}.md"
        r = self.regions[code]
        name = plain(r, "name", lang)
        out = [
            front(name, lang),
            f"# {esc(name)}",
            "",
            f"`{h(code)}` · {h(r['scheme'])} · {h(r['level'])}"
            + (f" · {r['lat']}, {r['lon']}" if r["lat"] is not None else ""),
            "",
        ]
        guides = [g for g in self.guides if code in self.guide_regions[g["id"]]]
        out += self.counts_table(guides, self.region_counts[code], path, lang)
        pairs = [(key, ps) for key, ps in self.pairings_grouped() if code in key[1:]]
        if pairs:
            out += [f"## {'结对关系' if lang == 'zh' else 'Pairings'}", ""]
            for (programme, donor, recipient), ps in pairs:
                prog = self.programmes.get(programme)
                n = len({p["guide_id"] for p in ps})
                out.append(
                    f"- [{esc(self.region_name(donor, lang))}]({donor}.md) → "
                    f"[{esc(self.region_name(recipient, lang))}]({recipient}.md)"
                    f" · {esc(plain(prog, 'name', lang) if prog else programme)}"
                    f" ({n} {'份指南' if lang == 'zh' else 'guides' if n != 1 else 'guide'})"
                )
            out.append("")
        if any(c["indicators"] for c in self.region_counts[code].values()):
            out += [
                f'<a href="{h(href(path, "indicators.md"))}?region={h(quote(self.region_name(code, lang)))}">{h(T["explore"][lang])} →</a>',
                "",
            ]
        return "\n".join(out)

    def counts_table(self, guides: list[dict], counts: dict, path: str, lang: str) -> list[str]:
        """One row per guide: how many of its scopes, projects and indicators concern this region or domain."""
        head = [T["year"][lang], T["guide"][lang], T["scopes"][lang], T["projects"][lang], T["indicators"][lang]]
        out = [
            f"## {T['guides'][lang]}",
            "",
            '<table class="st-table"><thead><tr>' + "".join(f"<th>{h(x)}</th>" for x in head) + "</tr></thead><tbody>",
        ]
        for g in guides:
            c = counts.get(g["id"], {})
            out.append(
                f'<tr><td>{g["year"]}</td><td><a href="{h(href(path, "guides/" + g["id"] + ".md"))}">'
                f"{h(self.guide_title(g['id'], lang))}</a></td><td>{c.get('scopes', 0)}</td>"
                f"<td>{c.get('projects', 0)}</td><td>{c.get('indicators', 0)}</td></tr>"
            )
        return out + ["</tbody></table>", ""]

    def domains_index(self, lang: str) -> str:
        out = [front(T["domains"][lang], lang), f"# {T['domains'][lang]}", ""]
        for did in sorted(self.used_domains(), key=lambda d: plain(self.domains[d], "name", lang)):
            count = sum(1 for g in self.guides if did in self.guide_domains[g["id"]])
            out.append(f"- [{esc(plain(self.domains[did], 'name', lang))}]({did}.md) ({count})")
        return "\n".join(out + [""])

    def domain_page(self, did: str, lang: str) -> str:
        path = f"domains/{did}.md"
        name = plain(self.domains[did], "name", lang)
        out = [front(name, lang), f"# {esc(name)}", ""]
        guides = [g for g in self.guides if did in self.guide_domains[g["id"]]]
        out += self.counts_table(guides, self.domain_counts[did], path, lang)
        if any(c["indicators"] for c in self.domain_counts[did].values()):
            out += [
                f'<a href="{h(href(path, "indicators.md"))}?domain={h(quote(name))}">{h(T["explore"][lang])} →</a>',
                "",
            ]
        return "\n".join(out)

    def glossary(self, lang: str) -> str:
        title = T["glossary"][lang]
        out = [
            front(title, lang),
            f"# {title}",
            "",
            (
                "以下术语在英文译文中统一使用固定译法，`stcatalog validate` 会检查。"
                if lang == "zh"
                else "Every English text renders these terms the same way; `stcatalog validate` checks it."
            ),
            "",
            "| 中文 | English |" if lang == "zh" else "| English | 中文 |",
            "|---|---|",
        ]
        for t in sorted(self.rows["glossary"], key=lambda t: t["zh"] if lang == "zh" else t["en"].lower()):
            out.append(
                f"| {cell(t['zh'])} | {cell(t['en'])} |" if lang == "zh" else f"| {cell(t['en'])} | {cell(t['zh'])} |"
            )
        return "\n".join(out + [""])

    def data_page(self, lang: str) -> str:
        path = "data.md"
        root = site_root(path)
        meta = self.meta
        title = T["data"][lang]
        out = [front(title, lang), f"# {title}", ""]
        out.append(
            (
                "全部数据以 [Frictionless Data Package](https://specs.frictionlessdata.io/) 形式发布，"
                f"版本 **{h(meta['version'])}**，许可 **{h(meta['licenses'][0]['name'])}**。下载地址固定不变。"
            )
            if lang == "zh"
            else (
                "All data is published as a [Frictionless Data Package](https://specs.frictionlessdata.io/), "
                f"version **{h(meta['version'])}**, licence **{h(meta['licenses'][0]['name'])}**. Download addresses are stable."
            )
        )
        out += ["", f"## {'下载' if lang == 'zh' else 'Downloads'}", ""]
        downloads = [
            ("data/datapackage.json", "datapackage.json"),
            ("data/catalog.xlsx", "catalog.xlsx (Excel)"),
            ("data/json/index.json", "JSON index"),
            ("data/dcat.jsonld", "DCAT (JSON-LD)"),
        ]
        out += [f'- <a href="{root}{p}" download>{h(label)}</a>' for p, label in downloads]
        out += [
            "",
            "| "
            + (
                "表 | CSV | JSON | Table Schema | JSON Schema"
                if lang == "zh"
                else "Table | CSV | JSON | Table Schema | JSON Schema"
            )
            + " |",
            "|---|---|---|---|---|",
        ]
        for t in TABLES:
            out.append(
                f"| {h(t.title_zh if lang == 'zh' else t.title_en)} (`{t.name}`) | "
                f'<a href="{root}data/data/{t.name}.csv">{t.name}.csv</a> | '
                f'<a href="{root}data/json/{t.name}.json">{t.name}.json</a> | '
                f'<a href="{root}data/datapackage.json">datapackage.json</a> | '
                f'<a href="{root}data/schemas/{t.name}.schema.json">{t.name}.schema.json</a> |'
            )
        out += [
            "",
            f"## {'一行代码读取' if lang == 'zh' else 'Load it in one line'}",
            "",
            "```python",
            "import pandas as pd",
            f'pd.read_csv("{meta["homepage"]}data/data/indicators.csv")',
            "```",
            "",
            "```python",
            "from frictionless import Package",
            f'Package("{meta["homepage"]}data/datapackage.json").get_resource("indicators").read_rows()',
            "```",
            "",
            "```sql",
            f"SELECT * FROM read_csv_auto('{meta['homepage']}data/data/indicators.csv');  -- DuckDB",
            "```",
            "",
        ]
        out += [f"## {'数据字典' if lang == 'zh' else 'Data dictionary'}", ""]
        for t in TABLES:
            out += [
                f"### {h(t.title_zh if lang == 'zh' else t.title_en)} (`{t.name}`)",
                "",
                esc(t.description_zh if lang == "zh" else t.description_en),
                "",
                "| "
                + ("字段 | 类型 | 必填 | 说明" if lang == "zh" else "Field | Type | Required | Description")
                + " |",
                "|---|---|---|---|",
            ]
            for f in t.fields:
                codes = field_codes(f)
                extra = f" ({', '.join(codes)})" if codes else ""
                out.append(
                    f"| `{f.name}` | {f.type} | {'✓' if f.required else ''} | {cell((f.zh if lang == 'zh' else f.en) + extra)} |"
                )
            out.append("")
        out += [f"## {'版本与更新记录' if lang == 'zh' else 'Version and changelog'}", ""]
        for c in meta["changelog"]:
            out.append(f"- **{h(c['version'])}** ({h(c['date'])}): {esc(c['changes'][lang])}")
        out += [
            "",
            f"## {'引用' if lang == 'zh' else 'Citation'}",
            "",
            f"> {esc(meta['title'][lang])}, version {h(meta['version'])}. {h(meta['homepage'])}",
            "",
        ]
        out.append(jsonld_block(self.meta, lang))
        return "\n".join(out)


def dataset_jsonld(meta: dict) -> dict:
    """schema.org Dataset description of the package."""
    home = meta["homepage"].rstrip("/") + "/"
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": meta["title"]["en"],
        "alternateName": meta["title"]["zh"],
        "description": meta["description"]["en"],
        "url": home + "en/data/",
        "version": meta["version"],
        "license": meta["licenses"][0]["path"],
        "inLanguage": ["zh-Hans", "en"],
        "keywords": meta["keywords"],
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": meta["contributors"][0]["title"]},
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "application/json",
                "contentUrl": home + "data/datapackage.json",
            },
            {
                "@type": "DataDownload",
                "encodingFormat": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "contentUrl": home + "data/catalog.xlsx",
            },
        ]
        + [
            {
                "@type": "DataDownload",
                "encodingFormat": "text/csv",
                "contentUrl": home + f"data/data/{t.name}.csv",
                "name": t.name,
            }
            for t in TABLES
        ],
    }


def jsonld_block(meta: dict, lang: str) -> str:
    data = json.dumps(dataset_jsonld(meta), ensure_ascii=False, sort_keys=True)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{data}</script>\n'


def _cell_html(c) -> str:
    if isinstance(c, dict) and "h" in c:
        return f'<td><a href="{h(c["h"])}">{h(c["t"])}</a></td>'
    if isinstance(c, dict):
        return f'<td data-value="{h("" if c["v"] is None else c["v"])}">{h(c["t"])}</td>'
    return f"<td>{h(c)}</td>"


def render_pages(
    rows: dict[str, list[dict]], meta: dict, static: dict[str, dict[str, str]] | None = None
) -> dict[str, dict[str, str]]:
    """{lang: {path: markdown}} for both languages; static pages (about, contribute) are passed through."""
    site = Site(rows, meta)
    out = {}
    for lang in LANGS:
        pages = site.render(lang)
        for path, body in (static or {}).get(lang, {}).items():
            pages[path] = body
        out[lang] = pages
    return out
