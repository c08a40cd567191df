"""`stcatalog ingest --evaluate`: how close ingest's drafts come to the curated sources.

Drafts are made from the raw text first; the curated answers are read only afterwards, to score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..core import paths
from ..core.problems import ProblemList
from ..sources.load import load_guides, load_vocabulary
from .draft import draft_source, read_document

_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def norm(text: str | None) -> str:
    return _PUNCT.sub("", text or "")


def overlap(a: str | None, b: str | None, least: int = 4) -> bool:
    """The texts share a run of at least `least` characters (or one contains the other)."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return any(short[i : i + least] in long_ for i in range(len(short) - least + 1))


def quantity_key(rec: dict) -> tuple:
    return (rec["comparator"], rec["value_min"], rec["value_max"], rec["unit"])


MATCHERS = {
    "indicators": lambda d, c: (
        quantity_key(d) == quantity_key(c) and d["kind"] == c["kind"] and overlap(d["text"]["zh"], c["text"]["zh"])
    ),
    "scopes": lambda d, c: overlap(d["title"]["zh"], c["title"]["zh"]),
    "projects": lambda d, c: overlap(d["title"]["zh"], c["title"]["zh"], least=6),
    "funding": lambda d, c: (
        (("public_share" in d) == ("public_share" in c))
        and (
            (d["public_share"], d["self_share"], d["comparator"])
            == (c["public_share"], c["self_share"], c["comparator"])
            if "public_share" in d
            else (d["kind"], *quantity_key(d)) == (c["kind"], *quantity_key(c))
        )
        and overlap(d["text"]["zh"], c["text"]["zh"])
    ),
}


@dataclass
class Score:
    drafted: int
    curated: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.drafted if self.drafted else (1.0 if not self.curated else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.curated if self.curated else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(drafted: list[dict], curated: list[dict], same) -> Score:
    """Greedy one-to-one matching in document order."""
    free = list(curated)
    matched = 0
    for d in drafted:
        hit = next((c for c in free if same(d, c)), None)
        if hit is not None:
            free.remove(hit)
            matched += 1
    return Score(len(drafted), len(curated), matched)


def records(doc: dict, what: str) -> list[dict]:
    if what == "funding":
        return (doc.get("funding") or []) + (doc.get("ratios") or [])
    return doc.get(what) or []


def evaluate(base: Path | None = None) -> dict[str, dict[str, Score]]:
    base = base or paths.root()
    problems = ProblemList()
    vocab = load_vocabulary(base, problems)
    raw_files = sorted(paths.raw_dir(base).glob("*.txt"))
    drafts = {}
    for raw in raw_files:  # 1. draft every raw document, before any curated source is read
        drafts[raw.name] = draft_source(read_document(raw), vocab, f"draft-{raw.stem.replace('_', '-')}", raw.name)[0]
    results = {}
    for guide in load_guides(base, problems):  # 2. only now read the answers
        draft = drafts.get(guide.data["raw"])
        if draft is None:
            continue
        results[guide.id] = {
            what: score(records(draft, what), records(guide.data, what), same) for what, same in MATCHERS.items()
        }
    return results


def format_table(results: dict[str, dict[str, Score]]) -> str:
    lines = [f"{'guide':38} {'records':10} {'drafted':>7} {'curated':>7} {'matched':>7} {'P':>6} {'R':>6} {'F1':>6}"]
    for gid, scores in results.items():
        for what, s in scores.items():
            lines.append(
                f"{gid:38} {what:10} {s.drafted:7} {s.curated:7} {s.matched:7} "
                f"{s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
            )
    return "\n".join(lines)
