"""Pairings say what their cite says: aid only where the quoted words give aid, two different
parties, and only the fields of the relation recorded.

The schema already requires each relation's own fields (donor and recipient for aid, members for
cooperation, members and name for an alliance); these rules are the ones it cannot say plainly.
"""

from __future__ import annotations

from ..core.problems import ProblemList, dotted
from ..model.catalog import Guide

# Words by which a document says that one side supports the other: 援 (援疆, 援藏, 援青, 支援,
# 援助), 对口 (对口支援), 帮扶, 扶贫 (扶贫协作) and 支宁, the abbreviation of 支援宁夏 in 科技支宁.
AID_WORDS = ("援", "对口", "帮扶", "扶贫", "支宁")
# The fields each relation takes beyond the common ones; any other is a mistake.
FIELDS = {
    "aid": ("donor", "recipient"),
    "cooperation": ("members",),
    "alliance": ("members", "name"),
}


def aid_wording(cite: str) -> tuple[str, ...]:
    """The aid words that occur in a cite, in AID_WORDS order."""
    return tuple(word for word in AID_WORDS if word in cite)


def parties(rec: dict) -> list[str]:
    """Every region of a pairing, in the document's order (aid: donor, then recipient)."""
    if rec.get("relation") == "aid":
        return [rec["donor"], rec["recipient"]]
    return list(rec.get("members") or [])


def check_pairings(guide: Guide, problems: ProblemList) -> None:
    for i, rec in enumerate(guide.records("pairings")):
        relation = rec.get("relation")
        if relation not in FIELDS:
            continue  # the schema has reported it
        at = ("pairings", i)

        def report(path: tuple, message: str, code: str) -> None:
            problems.add(guide.rel, guide.line(*at, *path), dotted(at + path), message, code)

        for key in sorted(set().union(*FIELDS.values()) - set(FIELDS[relation])):
            if key in rec:
                wants = " and ".join(FIELDS[relation])
                report((key,), f"a pairing with relation {relation} takes {wants}, not {key}", "pairing-wrong-field")
        if relation == "aid" and not aid_wording(rec.get("cite") or ""):
            report(
                ("relation",),
                f"relation is aid but the cite has no aid wording ({', '.join(AID_WORDS)}): quote the words "
                "that say who supports whom, or record the pairing as cooperation",
                "aid-without-aid-wording",
            )
        seen: dict[str, int] = {}
        for j, code in enumerate(parties(rec)):
            if code in seen:
                path = ("recipient",) if relation == "aid" else ("members", j)
                report(path, f"'{code}' is named twice: a pairing needs different regions", "pairing-same-region")
            seen.setdefault(code, j)
