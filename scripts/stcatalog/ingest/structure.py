"""Extractors for the document's structure: sections (every block), scopes (support directions, task
groups, work items) and projects (课题 named by 项目名称 labels or annexes with objectives and tasks)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from .document import Doc
from .lookup import Lookup
from .segment import Block

PROGRAMME_HEADING = re.compile(r"科技(援|支|入|兴)[\u4e00-\u9fa5]|扶贫协作|东西部.{0,4}合作|对口支援")
REQUIREMENT_HEADINGS = re.compile(
    r"申报要求|申报条件|申报原则|申请条件|申报资格|有关要求|其他要求|申报须知|注意事项|配套要求|揭榜条件|揭榜要求|申请要求"
)


# Headings over support directions: 支持方向, 征集方向, 支持领域, 资助范围, 榜单任务 (a 揭榜挂帅 call's list).
DIRECTION_HEADING = re.compile(r"方向|领域|支持重点|(?:资助|支持|征集)范围|榜单(?:任务)?$|揭榜任务")


# A heading that starts with a task verb names a piece of work (共建创新平台, 健全工作机制).
TASK_VERB = re.compile(
    r"(?:共建|实施|深化|打造|健全|完善|推进|推动|加强|加快|强化|提升|构建|建设|培育|优化|拓展|开展|促进|做好|抓好|"
    r"落实|建立|扩大|引进|搭建|组织)"
)


def joined(text: str | None) -> str:
    """A block's text as one paragraph: line breaks inside it were only layout."""
    return re.sub(r"\s*\n\s*", "", text or "")


def sections(doc: Doc, look: Lookup) -> list[dict]:
    out: list = []
    for b in doc.blocks:
        sec: dict = {
            "id": b.id,
            "parent": doc.blocks[b.parent].id if b.parent is not None else None,
            "number": b.number,
        }
        if b.heading_zh:
            sec["heading"] = look.bitext(b.heading_zh)
        body = re.sub(r"[ \t]*\n[ \t]*(?!\n)", "", b.text_zh).strip() if b.text_zh else ""
        if body:
            sec["text"] = {"zh": body, "en": ""}
        sec["cite"] = doc.cite(b.start, b.end) or (b.heading_zh or body or "?")[:40]
        out.append(sec)
    return out


def _scope_kind(doc: Doc, i: int, doc_type: str) -> tuple[str, str] | None:
    """(scope kind, rule that fired) for block i, or None."""
    b = doc.blocks[i]
    heads = [a.heading or "" for a in doc.ancestors(i)]
    own = b.heading or ""
    if b.kind in ("annex", "kind", "label", "label-head", "bare") or any(
        "考核指标" in h or REQUIREMENT_HEADINGS.search(h) for h in heads
    ):
        return None
    if any(re.search(r"重点任务|主要任务|重点工作|主要工作|工作任务|重点举措|主要举措", h) for h in heads):
        return ("task", "scope-under-task-heading") if b.kind in ("l3", "task") else ("task-group", "scope-task-group")
    if any(DIRECTION_HEADING.search(h) for h in heads):
        return "support-direction", "scope-under-direction-heading"
    if b.kind == "l1" and re.search(r"重点项目", own):
        return "key-direction", "scope-key-project-heading"
    if any(re.search(r"一般项目", h) for h in heads) and b.kind in ("l2", "l3"):
        return "general-direction", "scope-under-general-project-heading"
    if doc_type == "work-plan" and b.kind == "l3":
        return "work-item", "scope-work-plan-item"
    if doc_type == "work-plan" and b.kind == "l1" and not b.children and TASK_VERB.match(own):
        return "work-item", "scope-work-plan-task-heading"  # 一、共建创新平台。依托…: a task, not 一、总体目标
    if b.kind == "l1" and PROGRAMME_HEADING.search(own):
        return "regional-scope", "scope-programme-heading"
    return None


def scopes(doc: Doc, look: Lookup, doc_type: str) -> list[dict]:
    out: list[dict] = []
    ids: dict[int, str] = {}
    for i, b in enumerate(doc.blocks):
        found = _scope_kind(doc, i, doc_type)
        if found is None:
            continue
        kind, why = found
        sid = f"scope-{len(out) + 1}"
        ids[i] = sid
        parent = ids.get(b.parent) if b.parent is not None else None
        whole = (b.heading or "") + b.text
        title = b.heading_zh or b.text_zh[:30]
        out.append(
            {
                "id": sid,
                "kind": kind,
                "parent": parent,
                "section": b.id,
                "number": b.number,
                "title": look.bitext(title),
                **({"text": {"zh": joined(b.text_zh), "en": ""}} if b.text_zh else {}),
                "programme": None,
                "regions": look.regions_in(whole),
                "partners": [],
                "domains": look.domains_in(whole),
                "cite": doc.cite(b.start, b.end) or title,
                "why": why,
            }
        )
    return out


def project_groups(doc: Doc) -> Iterator[tuple[int, str, list[int], str]]:
    """(title block, title as written, blocks of the project, rule that fired): named by 项目名称 labels, else one
    per annex that has project objectives or tasks."""
    blocks = doc.blocks
    named = [i for i, b in enumerate(blocks) if b.kind == "label" and b.heading == "项目名称"]
    if named:
        for i in named:
            group = [i]
            for j in range(i + 1, len(blocks)):
                b = blocks[j]
                if (b.rank < blocks[i].rank and b.kind != "label-head") or (
                    b.kind == "label" and b.heading == "项目名称"
                ):
                    break
                group.append(j)
            yield i, blocks[i].text_zh.split("\n")[0].strip(), group, "project-name-label"
        return
    found = False
    for i, b in enumerate(blocks):
        if b.kind != "annex" or not b.heading:
            continue
        desc = doc.descendants(i)
        if any(re.search(r"项目目标|项目任务|研究任务", blocks[d].heading or "") for d in desc):
            found = True
            yield i, b.heading_zh or b.heading, [i, *desc], "project-annex-with-tasks"
    if not found:
        topics = list(_numbered_topics(doc))
        yield from topics or _titled_items(doc)


# 课题1：title, 项目一、title, 课题1  title (two spaces), 【课题A】title
TOPIC_LINE = re.compile(
    r"(?m)^[ \t\u3000]*(?:【\s*)?(?:课题|子课题|专题|项目|榜单(?:任务)?)\s*[\d一二三四五六七八九十A-Z]{1,3}"
    r"(?:\s*[：:．.、】]|[ \t\u3000]{2,}|\s*】)\s*(\S[^\n]{3,60}?)\s*$"
)


_CONTENT_LABEL = re.compile(r"(?:主要)?研究内容|研究任务|主要任务")


def _titled_items(doc: Doc) -> Iterator[tuple[int, str, list[int], str]]:
    """Numbered titles followed by their own 研究内容： label: one 课题 each, up to the next title."""
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        if b.kind not in ("l1", "l2", "l3") or not b.heading_zh or i + 1 >= len(blocks):
            continue
        nxt = blocks[i + 1]
        if nxt.kind == "label" and _CONTENT_LABEL.fullmatch(nxt.heading or ""):
            group = [i]
            for j in range(i + 1, len(blocks)):
                if blocks[j].kind == b.kind or blocks[j].rank < b.rank:
                    break
                group.append(j)
            yield i, b.heading_zh, group, "project-titled-item"


def _numbered_topics(doc: Doc) -> Iterator[tuple[int, str, list[int], str]]:
    """Topics written 课题1：title (or 项目一、title) on a line of their own: each runs to the next one."""
    starts = [b.start for b in doc.blocks]
    hits = list(TOPIC_LINE.finditer(doc.text))
    for n, m in enumerate(hits):
        first = max(0, bisect.bisect_right(starts, m.start()) - 1)
        end = hits[n + 1].start() if n + 1 < len(hits) else len(doc.text)
        last = max(first, bisect.bisect_left(starts, end) - 1)
        yield first, doc.cleaned[m.start(1) : m.end(1)], list(range(first, last + 1)), "project-topic-line"


def project_of(doc: Doc) -> dict[int, str]:
    """{block index: project id} for every block inside a project."""
    owner = {}
    for n, (_, _, group, _) in enumerate(project_groups(doc), start=1):
        for j in group:
            owner[j] = f"project-{n}"
    return owner


def _task(doc: Doc, t: Block) -> dict:
    head = t.heading_zh or ""
    return {
        "number": t.number or "",
        "text": {"zh": joined(head + ("。" if head and t.text_zh else "") + t.text_zh), "en": ""},
        "cite": doc.cite(t.start, t.end),
    }


def projects(doc: Doc, look: Lookup) -> list[dict]:
    out: list = []
    for i, title, group, why in project_groups(doc):
        b = doc.blocks[i]
        desc = [doc.blocks[j] for j in group[1:]]
        goal = next((d for d in desc if re.search(r"目标", d.heading or "")), None)
        scope_text = doc.text[b.start : b.end][:200] + " ".join(d.text for d in desc[:3])
        out.append(
            {
                "id": f"project-{len(out) + 1}",
                "section": b.id,
                "number": b.number,
                "scope": None,
                "title": look.bitext(title),
                "objectives": {"zh": joined(goal.text_zh) if goal and goal.text_zh else b.heading_zh, "en": ""},
                "tasks": [_task(doc, t) for t in desc if t.kind == "task"],
                "regions": look.regions_in(scope_text),
                "partners": [],
                "domains": look.domains_in(scope_text),
                "cite": doc.cite_of(title, b.start) or title,
                "why": why,
            }
        )
    return out
