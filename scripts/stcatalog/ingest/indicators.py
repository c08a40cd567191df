"""The generic indicator extractor: every clause with a quantity and a measure unit that states something
to be achieved, delivered, built, trained, invested or grown, in any layout (items under 约束性/预期性
headings, lists after a 考核指标： label, numbered items, flattened table rows, running text).

Each record carries `why`, the rule that fired; the kind is read from context (heading → binding or
expected, plan wording → target, else unspecified). What is left out, and why, is in
datasets/sources/README.md (ingest policy).
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from ..model.quantities import Quantity
from .document import Doc, simplified
from .funding import ACHIEVED_MONEY, COFUNDING, funders_money, is_quota
from .lookup import Lookup
from .numbers import MONEY_UNITS, TIME_UNITS
from .tables import table_rows
from .wording import PLAN_WORDS, RUNNING_PLAN, past_before, past_paragraph

# Headings and labels under which every quantity is an indicator.
INDICATOR_HEADING = re.compile(
    r"考核指标|绩效指标|指标|预期成果|预期目标|目标任务|主要目标|工作目标|发展目标|总体目标|成果形式|考核内容"
)
ACTION = re.compile(
    r"建设|建成|新建|组建|共建|创建|建立|搭建|打造|布局|培育|培养|培训|引进|引育|集聚|吸引|孵化|认定|备案|获批|"
    r"发表|申请|授权|获得|制定|制修订|形成|编制|研发|开发|研制|选育|育成|筛选|收集|保存|鉴定|集成|示范|推广|"
    r"应用|转化|转移|攻克|突破|攻关|承担|实施|完成|举办|开展|组织|召开|服务|覆盖|辐射|带动|帮扶|支撑|"
    r"实现|达到|达|增加|增长|增收|提高|提升|新增|净增|减少|降低|节约|节省|投入|投资|融资|产值|收入|销售|利润|"
    r"种植|养殖|改良|改造|治理|修复|造林|出栏|存栏|生产|产量|亩产|单产|面积|规模|总数|数量|人数|年均|累计|"
    r"登记|签订|签约|对接|派遣|选派|接收|资助|奖励|普及|科普|惠及|受益|入选|设立|落地|引导|遴选|评选|入库|纳入|"
    r"启动|接入|汇聚|部署|上线|授课|讲学|邀请|放款|促成|吸纳|就业|提高到|降至|控制在|推动|促进|帮助|新增|净增|"
    r"开放|升级|创制|审定|布设|互派|保藏|储备|繁育|制备|构建|组织|适配|研究|扩大|下降|节水|节能|减排"
)
FUNDING_CONTEXT = re.compile(
    r"支持|资助|补助|补贴|经费|额度|强度|最高|每项|每个项目|单个项目|单项|拨付|拨款|财政|奖补|后补助"
)
INVEST = re.compile(r"投入|投资|融资|产值|收入|销售|利润|税收|效益|增收|带动|拉动|交易额|成交额|营业")
NOTE_HEADING = re.compile(r"注|说明|备注|注释|填表说明")
NOTE_LINE = re.compile(r"[ \t\u3000]*(?:注|说明|备注|注释)\s*\d?\s*[：:]")
PURPOSE = re.compile(r"^\s*(?:为(?:了|贯彻|落实|深入|加快|进一步|推动|促进)|根据|按照|依据|围绕)")
APPLICANT_SUBJECT = re.compile(
    r"^\s*(?:[（(]?[\d一二三四五六七八九十]+[.．、)）])?\s*(?:申报|申请|牵头|合作|承担)?(?:单位|企业|主体|人|者|团队|负责人)"
    r"(?:为|须|应|需|必须|是|要|具有|具备)"
)
_YEAR = re.compile(r"((?:19|20|１９|２０)\d{2})\s*年")
PAST_VERB = re.compile(r"(?:建成|完成|培训|实现|获得|引进|举办|开展|新增|达到|突破)了")
APPLICANT_ONLY = re.compile(
    r"限报|限申|只能|仅限|不得|不能|(?:牵头|同时|重复)申报|须(?:具有|具备|为)|法人资格|纸质|一式|年龄|周岁|推荐"
)
STRONG_LIMIT = re.compile(
    r"限报|限申|只能|仅限|牵头申报|申报.{0,4}项目|纸质|一式|电子版|装订|签字|盖章|每个单位|每家单位|负责人"
)
_NAME_AFTER = re.compile(r"[零〇一二两三四五六七八九十]|工程|行动|计划|战略|体系|模式|机制")
_CONTINUED = re.compile(r"\s*(?:其中|含|包括)")  # 其中水稻新品种不少于4个: goes on with the clause before
_ROW_CELLS = re.compile(r"\t|\s{2,}|\||｜")
_ONE_AFTER = set("上下同每某任这那其另")
_ARTICLE = re.compile(r"一\s*[个种项批套支条类所座家部]")  # 一个平台: an article, not a count
# a share of money paid, not a rate to reach (本地配套率, 替代比例达到30%)
_PAYMENT = re.compile(r"拨付|(?:资金|经费|投入|财政|资助)[^，；。]{0,12}比例|配套(?!率)|自筹")
# A kind written after the item: 锂资源回收率≥80%（约束性） → binding
_TRAILING_KIND = re.compile(r"[（(](约束性|预期性)(?:指标)?[）)]\s*[；;。]?\s*$")
# A quantity that describes what is counted, not a count: 年营业收入超过10亿元的企业15家, 10万吨级工船 (`descriptor`);
# and 年产500吨 before the count of the lines it describes (建成年产500吨示范生产线1条).
# A descriptor needs the count after it, or a firm it qualifies (年销售额超过2亿元的农机企业): a thing built to a
# size stays an indicator (设立400平米的独立研究实验室).
_DESCRIBES = re.compile(r"\s*(?:级|的(?=[^，。；、]{0,10}?(?:企业|单位|机构|团队|主体|园区|医院)))")
_OF = re.compile(r"\s*的")
_CAPACITY = re.compile(r"(?:年产|年加工|年处理|日产|年产能)\s*$")
# Who attends an event, and how often a meeting is held, are no results (`attendance`, `frequency`).
_ATTENDANCE = re.compile(r"参展|参会|与会|出席|观众")
_FREQUENCY = re.compile(r"每(?:半)?(?:年|月|季度?|周|旬)[^，。；]{0,4}(?:召开|举行)")
# inside brackets that state a test condition, after the quantity it qualifies: 20kbps（50公里光纤条件下）;
# a bracketed part of a count (基地3个（其中国家级1个）) stays an indicator
_CONDITION = re.compile(r"[（(][^）)]*$")
_CONDITION_WORDS = re.compile(r"条件|工况|环境|情况下|温度下|状态下")
_NUMBERING = re.compile(r"^\s*[（(]?[\d一二三四五六七八九十]+[.．、)）]\s*")
_BLANK = re.compile(r"\s*")


def _kind_heading(doc: Doc, i: int) -> str | None:
    """binding/expected from the nearest 约束性/预期性 heading above the block, or None."""
    for a in [doc.blocks[i], *doc.ancestors(i)]:
        if a.heading and (a.kind == "kind" or _KIND_TITLE.fullmatch(a.heading)):
            return "binding" if a.heading.startswith("约束性") else "expected"
    return None


_KIND_TITLE = re.compile(r"(?:约束性|预期性)(?:指标|目标)?")


def _indicator_context(doc: Doc, i: int) -> str | None:
    """The heading or label that makes every quantity in block i an indicator, or None."""
    return next((h for h in doc.headings(i) if INDICATOR_HEADING.search(h)), None)


def _excluded(
    doc: Doc,
    clause: str,
    q: Quantity,
    listed: str,
    plan: bool,
    year: int | None,
    prefix: str,
    continued: bool = False,
    around: tuple[Quantity, ...] = (),
) -> str | None:
    """Why quantity q of clause is not an indicator (a rule name), or None when it is one. `prefix` is the
    sentence up to the quantity; `plan` says the clause itself has plan wording; `around` are the clause's
    quantities."""
    if q.unit in TIME_UNITS or (
        q.unit is None and (listed != "item" or (clause[q.end : q.end + 1] or "x") in "月日时号年")
    ):
        return "no-measure-unit"
    if _ARTICLE.fullmatch(clause[q.start : q.end]):
        return "article-one"
    if PURPOSE.search(clause):
        return "purpose-clause"
    if doc.quoted(clause, q.start):
        return "inside-a-name"
    if clause[q.end : q.end + 1] == "性" or (
        clause[q.start : q.start + 1] == "一" and clause[q.start - 1 : q.start] in _ONE_AFTER
    ):
        return "inside-a-name"  # 一次性, 上一篇: words, not counts
    if (q.start == 0 or clause[q.start - 1] in "\t\n") and clause[q.start : q.end][-2:-1].isspace():
        return "row-number"  # 4\t项目…: the number of a table row
    after = clause[q.end : q.end + 2]
    if _NAME_AFTER.match(after) and after[:1] not in "以左多余":
        return "inside-a-name"
    later = any(p.start >= q.end for p in around)
    if _DESCRIBES.match(clause, q.end) or (later and (_CAPACITY.search(clause[: q.start]) or _OF.match(clause, q.end))):
        return "descriptor"
    if (
        _CONDITION.search(clause[: q.start])
        and _CONDITION_WORDS.search(clause[q.start : clause.find("）", q.start) % (len(clause) + 1)])
        and any(p.end <= q.start for p in around)
    ):
        return "condition"
    if _ATTENDANCE.search(clause) or (q.unit == "occurrence" and _FREQUENCY.search(clause[: q.start])):
        return "attendance" if _ATTENDANCE.search(clause) else "frequency"
    if continued and "各" in clause[: q.start]:
        return "part-of-total"  # 其中甲、乙各不少于1个: a share of the count before it
    before = clause[: q.start]
    if STRONG_LIMIT.search(clause) or (not listed and APPLICANT_ONLY.search(before)):
        return "applicant-limit"
    if q.unit == "倍" and COFUNDING.search(clause):
        return "ratio"  # 2倍以上于引导资金: a co-funding ratio
    if q.unit in MONEY_UNITS:
        if funders_money(clause, q):
            return "funding"
        if not (listed or plan or INVEST.search(clause) or ACHIEVED_MONEY.search(before)):
            return "money-without-investment"  # a plan sentence's money is a target: 产业规模力争达到200亿元
    if q.unit == "percent" and _PAYMENT.search(clause):
        return "funding"
    if is_quota(clause, q):
        return "funding-quota"
    if PAST_VERB.search(clause) and not plan:
        return "past-fact"
    if past_before(prefix):
        return "past-fact"
    # a year after 较/比 is the base of a comparison (能耗较2024年下降13.5%), not the time of the fact
    earlier = [int(m.group(1)) for m in _YEAR.finditer(prefix) if not re.search(r"[较比]\s*$", prefix[: m.start()])]
    if not plan and year and earlier and max(earlier) < year:
        return "past-fact"
    upto = clause[: q.end]  # the comparator word (突破, 达到…) belongs to the quantity's span
    # in running text the action comes before what it delivers; plan wording earlier in the sentence
    # stands for it (计划新建平台2个，审定新品种不少于12个)
    if (
        not listed
        and not continued
        and not ACTION.search(_unquoted(upto))
        and not PLAN_WORDS.search(prefix)
        and not PLAN_WORDS.search(upto)
    ):
        return "no-action"
    return None


def _sentence_start(doc: Doc, b, at: int) -> int:
    """Where the sentence (up to 。, not ；) holding `at` begins: plan wording holds for all of it."""
    return max(b.start, doc.last_stop(b.start, at) + 1)


def _sentence_end(doc: Doc, b, at: int) -> int:
    end = doc.first_stop(max(b.start, at - 1), b.end)
    return end + 1 if end >= 0 else b.end


def _unquoted(text: str) -> str:
    """The text without names in quotes or title marks (“上海合作组织”, 《方案》)."""
    return re.sub(r"“[^”]*”|《[^》]*》|\"[^\"]*\"", "", text)


def _lines_kind(doc: Doc, start: int, known: dict[int, str | None]) -> str | None:
    """binding/expected as a cell of the same table row (约束性\t示范基地\t3个, or the kind last);
    `known` keeps the answer per line, so that a long line is read once."""
    line_start = doc.line_start(start)
    if line_start in known:
        return known[line_start]
    line_end = doc.line_end(start)
    line = doc.text[line_start : line_end if line_end >= 0 else None]
    trailing = _TRAILING_KIND.search(line)
    kind = None
    if trailing:
        kind = "binding" if trailing.group(1) == "约束性" else "expected"
    elif "\t" in line or "|" in line or "  " in line:
        cells = {c.strip() for c in _ROW_CELLS.split(line)}
        if cells & {"约束性", "约束性指标"}:
            kind = "binding"
        elif cells & {"预期性", "预期性指标"}:
            kind = "expected"
    known[line_start] = kind
    return kind


class _Spans:
    """Spans of text (table rows) and the question whether a clause touches one, by bisection."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach = list(accumulate((z for _, z in spans), max))  # the furthest end so far

    def touch(self, start: int, end: int) -> bool:
        """Some span holds `start`, or begins inside [start, end)."""
        k = bisect.bisect_right(self.starts, start)
        if k and self.reach[k - 1] > start:
            return True
        return bisect.bisect_left(self.starts, start) < bisect.bisect_left(self.starts, end)


def _table_records(doc: Doc, project_of: dict[int, str]) -> tuple[list[dict], list[tuple[int, int]]]:
    """Rows of indicator tables (see tables.py) as records, and the spans they take."""
    out, spans = [], []
    starts = [b.start for b in doc.blocks]
    for row in table_rows(doc):
        i = max(0, bisect.bisect_right(starts, row["start"]) - 1)
        cite = doc.cite(row["start"], row["end"])
        rec = {
            "id": "",
            "section": doc.blocks[i].id,
            "project": project_of.get(i),
            "scope": None,
            "kind": row["kind"],
            "text": {"zh": cite, "en": ""},
            "measure": {"zh": cite, "en": ""},
            **{k: row[k] for k in ("comparator", "value_min", "value_max", "unit")},
            "why": "indicator-table-row",
        }
        if row["written"]:
            rec["written_unit"] = row["written"]
        out.append(rec)
        spans.append((row["start"], row["end"]))
    return out, spans


def indicators(doc: Doc, look: Lookup, project_of: dict[int, str], year: int | None = None) -> list[dict]:
    out, spans = _table_records(doc, project_of)
    taken = _Spans(spans)
    rows: dict[int, str | None] = {}
    for n, rec in enumerate(out, start=1):
        rec["id"] = f"ind-{n}"
    for i, b in enumerate(doc.blocks):
        heading_kind = _kind_heading(doc, i)
        label = _indicator_context(doc, i)
        project = project_of.get(i) or next((project_of.get(p) for p in _parents(doc, i) if p in project_of), None)
        found = 0
        line_start = doc.line_start(b.start)
        if any(NOTE_HEADING.fullmatch(h) for h in doc.headings(i)) or NOTE_LINE.match(doc.text, line_start):
            continue  # notes under a table explain it; they state nothing to deliver
        if APPLICANT_SUBJECT.search(b.text if b.text.strip() else b.heading or ""):
            continue  # an item about who may apply: its thresholds are requirements
        flags: dict[int, tuple[bool, bool]] = {}
        kept: set[int] = set()  # sentences with an indicator: a 其中… clause goes on with them
        for s_start, s_end, c_start, c_end, found_here in doc.quantified(b):
            if s_start not in flags:
                sentence = doc.text[s_start:s_end]
                whole = doc.text[_sentence_start(doc, b, s_start) : _sentence_end(doc, b, s_end)]
                para = doc.text[doc.text.rfind("\n", 0, s_start) + 1 : s_start]  # the paragraph before it
                flags[s_start] = (
                    bool(PLAN_WORDS.search(whole)),
                    bool(APPLICANT_SUBJECT.search(sentence)) or past_paragraph(para, whole),
                )
            plan, applicant = flags[s_start]
            if applicant:
                continue  # a threshold for applicants: the requirements extractor takes the sentence
            if taken.starts and taken.touch(c_start, c_end):
                continue  # a table row: read above, cell by cell
            clause = doc.text[c_start:c_end]
            row_kind = _lines_kind(doc, c_start, rows)
            item = "item" if b.kind in ("l3", "l4") else "heading"
            listed = item if heading_kind else "list" if (label or row_kind) else ""
            running_plan = not listed and bool(RUNNING_PLAN.search(doc.text[s_start:s_end]))
            for q in found_here:
                prefix = doc.text[s_start : c_start + q.start]
                continued = s_start in kept and _CONTINUED.match(clause) is not None
                if _excluded(doc, clause, q, listed, plan or running_plan, year, prefix, continued, tuple(found_here)):
                    continue
                targeted = plan or running_plan
                kind = heading_kind or row_kind or ("target" if targeted else "unspecified")
                why = (
                    "kind-heading-item"
                    if heading_kind
                    else "table-row-kind"
                    if row_kind
                    else "assessment-list-label"
                    if label
                    else "plan-sentence"
                    if plan or running_plan
                    else "action-clause"
                )
                rec = _record(doc, b.id, project, kind, why, c_start, c_end, q)
                if rec is not None:
                    rec["id"] = f"ind-{len(out) + 1}"
                    out.append(rec)
                    found += 1
                    kept.add(s_start)
        if heading_kind and not found and b.kind in ("l3", "l4") and _BLANK.fullmatch(doc.text, line_start, b.start):
            out.extend(_qualitative(doc, b, heading_kind, project, len(out)))
    return out


def _parents(doc: Doc, i: int):
    p = doc.blocks[i].parent
    while p is not None:
        yield p
        p = doc.blocks[p].parent


def _record(doc: Doc, section: str, project, kind: str, why: str, c_start: int, c_end: int, q: Quantity):
    cite = _NUMBERING.sub("", doc.cite(c_start, c_end, must=(c_start + q.start, c_start + q.end)).strip())
    at = doc.cleaned[c_start:c_end].rfind(cite) if cite else -1
    if at >= 0:  # the cite is the clause (or its end): its quantities are already parsed
        parsed = [p for p in doc.quantities(c_start, c_end) if p.start >= at]
    else:
        parsed = doc.parser.parse(simplified(cite))
    index = next((k for k, p in enumerate(parsed) if p.as_tuple() == q.as_tuple()), None)
    if index is None:
        return None
    rec = {
        "id": "",
        "section": section,
        "project": project,
        "scope": None,
        "kind": kind,
        "text": {"zh": cite, "en": ""},
        "measure": {"zh": cite, "en": ""},
        **dict(zip(("comparator", "value_min", "value_max", "unit"), q.as_tuple())),
        "why": why,
    }
    if index:
        rec["quantity"] = index
    return rec


SUB_ITEM = re.compile(
    r"[；;]|[，,](?=(?:建立|建成|建设|搭建|制定|形成|培养|开展|获得|申请|发表|引进|提交|提出|完成)[^，,]{4})"
)


def _qualitative(doc: Doc, b, kind: str, project, numbered_from: int) -> list[dict]:
    """An item under a 约束性/预期性 heading with no quantity: one record per sub-item, for a person to check."""
    out: list = []
    pos = b.start
    for piece in SUB_ITEM.split(doc.text[b.start : b.end]):
        if piece.strip():
            cite = _NUMBERING.sub("", doc.cite(pos, pos + len(piece))).strip().rstrip("；;。，,")
            if cite:
                out.append(
                    {
                        "id": f"ind-{numbered_from + len(out) + 1}",
                        "section": b.id,
                        "project": project,
                        "scope": None,
                        "kind": kind,
                        "text": {"zh": cite, "en": ""},
                        "measure": {"zh": cite, "en": ""},
                        "comparator": "eq",
                        "value_min": None,
                        "value_max": None,
                        "unit": None,
                        "override": {"reason": "qualitative indicator: no quantity in the text"},
                        "why": "qualitative-kind-item",
                    }
                )
        pos += len(piece) + 1
    return out
