"""Extractors for money: funding amounts per project (支持额度, 每项不超过…万元, 最高…), project quotas
(支持项目5项左右) and co-funding ratios in any order of terms (1:2, 按1:1配套, 1:0.5:2, 2倍以上于引导资金).

A ratio keeps its terms in the order written (`shares`); public_share/self_share are the programme's
and the applicant's parts when the wording says which is which."""

from __future__ import annotations

import re

from ..model.quantities import Quantity, fold
from .document import Doc
from .lookup import Lookup
from .numbers import MONEY_UNITS, cn_number
from .wording import past_before

AMOUNT_WORDS = re.compile(
    r"支持额度|资助额度|支持金额|资助金额|资助强度|支持强度|补助|资助|支持经费|经费支持|财政(?:资金|经费)?支持|"
    r"每项|每个项目|单个项目|单项|最高|给予.{0,8}支持|奖补|奖励|后补助|补贴|拨付|安排.{0,6}(?:经费|资金)|"
    r"财政(?:专项)?(?:资金|经费)|专项(?:资金|经费)"
)
COFUNDING = re.compile(r"配套|自筹|匹配|比例|引导资金|财政资金|专项资金|经费|资金|投入")
_CHAIN = re.compile(r"(?<![\d.:])(\d+(?:\.\d+)?)((?:\s*:\s*\d+(?:\.\d+)?)+)(?![\d.]|\s*:\s*\d)")
_TIMES = re.compile(r"(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)\s*倍(以上|及以上)?")
# 项目…N项左右 and 拟支持…创新项目20项 (the funded projects named at length)
_QUOTA_PHRASE = re.compile(
    r"项目.{0,6}\d+\s*项(以内|左右)|不超过\s*\d+\s*项|(?:支持|资助|立项)[^，。；]{0,14}项目\s*\d+\s*项"
)
_QUOTA_VERB_BEFORE = re.compile(r"(?:支持|资助|立项|安排|遴选|择优|发布|设置|拟设|设立)[^，。；]{0,8}$")
_OTHER_VERB = re.compile(r"建设|建成|新建|组建|培育|实施|开展|培训|引进|推广|打造|创建")
_TOTAL = re.compile(r"总经费|总投资|总预算|总投入")  # a project's whole budget, self-raised money included
_PER_APPLICANT = re.compile(r"限报|限申|只能|每个单位|每家单位|每位|每人|申报|负责人|主持|在研|同期|牵头|推荐")
_GE = re.compile(r"至少|(?:不|不得|不应|不能)(?:低于|少于|小于)|以上")
ACHIEVED_MONEY = re.compile(
    r"收入|销售|产值|利润|利税|税收|成交额|交易额|贷款|放款|融资|营业|增收|节本|降本|效益|研发投入|研发经费投入|研发资金投入|出口"
)
FUNDER_MONEY = re.compile(r"资金|经费|财政|补助|资助|奖励|奖补|补贴|支持|拨付|安排|引导|基金")  # 设立总规模50亿元的基金


def _num(text: str) -> float | int:
    value = float(text) if re.fullmatch(r"\d+(?:\.\d+)?", text) else float(cn_number(text) or 0)
    return int(value) if value.is_integer() else value


def is_quota(clause: str, q: Quantity) -> bool:
    """How many projects a programme funds (拟支持8项左右, 拟立项20项以内, 全省安排20项左右), never a
    limit per applicant (每个单位申报不超过2项) nor work to carry out (联合实施科技协作项目40项)."""
    if q.unit not in ("item", "piece") or _PER_APPLICANT.search(clause):
        return False
    if _QUOTA_PHRASE.search(clause):
        return True
    m = _QUOTA_VERB_BEFORE.search(clause[: q.start])
    return m is not None and not _OTHER_VERB.search(m.group())  # 支持每个市州建设1个: the 1 is built, not funded


def funders_money(clause: str, q: Quantity) -> bool:
    """Money the programme's funders put in (per project or in total), not money the work brings in."""
    head = clause[: q.start]
    digits = [m.end() for m in re.finditer(r"[\d０-９]", head)]
    head = head[digits[-1] :] if digits else head  # 对研发投入超过5000万元的企业给予最高200万元: 200 is funded
    if q.unit not in MONEY_UNITS or ACHIEVED_MONEY.search(head) or _TOTAL.search(clause):
        return False
    return bool(AMOUNT_WORDS.search(clause) or FUNDER_MONEY.search(clause))


def _first_number(text: str) -> int:
    m = re.search(r"[\d０-９一二两三四五六七八九十]", text)
    return m.start() if m else len(text)


def _applies_to(sentence: str, cite: str) -> str:
    m = re.match(r"[\u4e00-\u9fa5]{2,8}项目", sentence.strip())
    return m.group() if m else cite


def funding(doc: Doc, look: Lookup, project_of: dict[int, str]) -> list[dict]:
    out: list[dict] = []
    for i, b in enumerate(doc.blocks):
        for s_start, s_end, c_start, c_end, found in doc.quantified(b):
            clause = doc.text[c_start:c_end]
            for q in found:
                if doc.quoted(clause, q.start) or past_before(doc.text[s_start : c_start + q.start]):
                    continue  # a name, or money already spent (已累计投入资金12.6亿元)
                if funders_money(clause, q):
                    kind, why = "amount", "funding-amount-words"
                elif is_quota(clause, q):
                    kind, why = "quota", "funding-project-quota"
                else:
                    continue
                cite = doc.cite(c_start, c_end).strip()
                out.append(
                    {
                        "id": f"funding-{len(out) + 1}",
                        "section": b.id,
                        "project": project_of.get(i),
                        "kind": kind,
                        "applies_to": {"zh": _applies_to(doc.cleaned[s_start:s_end], cite), "en": ""},
                        "text": {"zh": cite, "en": ""},
                        "comparator": q.comparator,
                        "value_min": q.value_min,
                        "value_max": q.value_max,
                        "unit": q.unit,
                        "why": why,
                    }
                )
    return out


def _ratio_terms(sentence: str) -> list[tuple[int, int, list, str, str]]:
    """(start, end, shares in written order, comparator, rule) of every co-funding ratio in a sentence."""
    folded = fold(sentence)
    found = []
    for m in _CHAIN.finditer(folded):
        shares = [_num(m.group(1))] + [_num(t) for t in re.findall(r"\d+(?:\.\d+)?", m.group(2))]
        if any(s <= 0 for s in shares):
            continue
        # 不低于/以上 count only inside the ratio's clause: 经费不低于1亿元，两州按1:0.2配套 is eq
        head = re.split(r"[，；。,;]", folded[max(0, m.start() - 12) : m.start()])[-1]
        window = head + re.split(r"[，；。,;]", folded[m.start() : m.end() + 4])[0]
        found.append((m.start(), m.end(), shares, "ge" if _GE.search(window) else "eq", "ratio-colon"))
    for m in _TIMES.finditer(folded):
        around = folded[max(0, m.start() - 20) : m.end() + 12]
        if not re.search(r"配套|自筹|匹配|引导资金|财政", around):
            continue
        ge = bool(m.group(2)) or bool(_GE.search(folded[max(0, m.start() - 12) : m.start()]))
        found.append((m.start(), m.end(), [1, _num(m.group(1))], "ge" if ge else "eq", "ratio-times"))
    return found


def ratios(doc: Doc, look: Lookup, project_of: dict[int, str]) -> list[dict]:
    out: list[dict] = []
    for i, b in enumerate(doc.blocks):
        for s_start, s_end in doc.sentences(b):
            sentence = doc.text[s_start:s_end]
            if (":" not in sentence and "：" not in sentence and "倍" not in sentence) or not COFUNDING.search(
                sentence
            ):
                continue
            for start, _end, shares, comparator, why in _ratio_terms(sentence):
                clause = next(
                    ((a, z) for a, z in doc.clauses(s_start, s_end) if a <= s_start + start < z), (s_start, s_end)
                )
                public, own = shares[0], shares[-1]
                context = fold(sentence)[max(0, start - 30) : start]
                pos_own = context.rfind("自筹")
                pos_public = max(context.rfind("财政"), context.rfind("专项经费"), context.rfind("拨款"))
                if len(shares) == 2 and pos_own >= 0 and pos_public > pos_own:
                    public, own = own, public  # 自筹经费与财政经费比例 names the self-raised part first
                applicant = re.search(
                    r"企业|高校|科研院所|医疗卫生机构|事业单位", doc.text[max(b.start, clause[0] - 80) : clause[1]]
                )
                out.append(
                    {
                        "id": f"ratio-{len(out) + 1}",
                        "section": b.id,
                        "project": project_of.get(i),
                        "applicant": {"zh": applicant.group() if applicant else "申报单位", "en": ""},
                        "public_share": public,
                        "self_share": own,
                        "comparator": comparator,
                        "text": {"zh": doc.cite(*clause).strip(), "en": ""},
                        "why": why,
                        "shares": shares,
                    }
                )
    return out
