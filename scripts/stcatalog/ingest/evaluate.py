"""`stcatalog ingest --evaluate [DIR]`: how close ingest's drafts come to answers written by people —
the curated sources (default) or a labelled folder (NN-slug.<ext> + NN-slug.key.yaml).

Drafts are made from the documents first; the answers are read only afterwards, to score. A record is a
hit when its text overlaps the answer's and its kind and numbers are the same; a draft record that
overlaps an answer with another kind or other numbers is listed as a mismatch (a miss and a false hit).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core import paths
from ..core.problems import ProblemList
from ..model.catalog import Vocabulary
from ..model.quantities import symbols_from_units
from ..sources.load import load_guides, load_vocabulary
from .corpus import FIELDS, read_folder
from .draft import draft
from .errors import DocumentError
from .formats import FORMATS, read_path

_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_SPACE = re.compile(r"\s+")
_MULT = {"万": 10_000, "亿": 100_000_000, "千": 1_000}
_SCALED = {"wan-yuan": ("yuan", 10_000), "yi-yuan": ("yuan", 100_000_000), "wan-usd": ("usd", 10_000)}
LEAST = {"requirements": 6, "projects": 6}


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


class Units:
    """Units as written (个, 万亩, 万元) or as vocabulary ids (piece, wan-yuan), to one base and a factor,
    so that 5万亩 = 50000亩 and 50万元 = 500000元 compare equal."""

    def __init__(self, vocab: Vocabulary):
        self.symbols = symbols_from_units(vocab.units.values())
        self.ids = set(vocab.units)

    def base(self, unit: str | None) -> tuple[str | None, float]:
        if unit is None:
            return None, 1
        uid = unit if unit in self.ids else self.symbols.get(unit)
        if uid is None and unit[0] in _MULT and len(unit) > 1:
            inner, factor = self.base(unit[1:])
            return inner, factor * _MULT[unit[0]]
        uid = uid or unit
        return _SCALED.get(uid, (uid, 1))

    def quantity(self, rec: dict) -> tuple:
        unit, factor = self.base(rec.get("written_unit") or rec.get("unit"))
        scale = [
            None if v is None else round(float(v) * factor, 6) for v in (rec.get("value_min"), rec.get("value_max"))
        ]
        return (rec.get("comparator"), *scale, unit)


@dataclass
class Score:
    drafted: int
    curated: int
    matched: int
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)

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

    def __add__(self, other: Score) -> Score:
        return Score(
            self.drafted + other.drafted,
            self.curated + other.curated,
            self.matched + other.matched,
            self.misses + other.misses,
            self.false_hits + other.false_hits,
            self.mismatches + other.mismatches,
        )


@dataclass(frozen=True)
class Item:
    """One record reduced to what is scored: its text, kind and numbers."""

    text: str
    kind: str | None = None
    numbers: tuple = ()

    def show(self) -> str:
        extra = " ".join(str(x) for x in (self.kind, *self.numbers) if x is not None)
        return f"{self.text[:60]}" + (f" [{extra}]" if extra else "")


def score(drafted: list, curated: list, same, near=None) -> Score:
    """Greedy one-to-one matching in document order; `near` pairs the rest as mismatches."""
    free = list(curated)
    matched, left = 0, []
    for d in drafted:
        hit = next((c for c in free if same(d, c)), None)
        if hit is None:
            left.append(d)
            continue
        free.remove(hit)
        matched += 1
    result = Score(len(drafted), len(curated), matched)
    if near is None or not all(isinstance(x, Item) for x in [*left, *free]):
        return result
    for d in left:
        pair = next((c for c in free if near(d, c)), None)
        if pair is not None:
            free.remove(pair)
            result.mismatches.append(f"{d.show()}  — key: {pair.show()}")
        else:
            result.false_hits.append(d.show())
    result.misses = [c.show() for c in free]
    return result


def items(doc: dict, what: str, units: Units, written_shares: bool) -> list[Item]:
    """Records of a draft, a curated source or an answer key as Items."""
    out = []
    for rec in doc.get(what) or []:
        text = rec.get("text") if what not in ("scopes", "projects") else rec.get("title")
        if isinstance(text, dict):
            text = text.get("zh")
        if what in ("scopes", "projects") and text is None:
            text = rec.get("text")
        text = text if isinstance(text, str) else ""
        if what in ("indicators", "funding"):
            out.append(Item(text, rec.get("kind"), units.quantity(rec)))
        elif what == "ratios":
            shares = rec["shares"] if "shares" in rec and written_shares else [rec["public_share"], rec["self_share"]]
            out.append(Item(text, None, (*(float(s) for s in shares), rec.get("comparator"))))
        elif what == "requirements":
            out.append(Item(text, rec.get("kind")))
        else:
            out.append(Item(text))
    return out


def _same(what: str):
    least = LEAST.get(what, 4)
    if what == "requirements":
        return lambda d, c: overlap(d.text, c.text, least)
    if what in ("scopes", "projects"):
        return lambda d, c: overlap(d.text, c.text, least)
    return lambda d, c: d.kind == c.kind and _numbers_equal(d.numbers, c.numbers) and overlap(d.text, c.text, least)


def _numbers_equal(a: tuple, b: tuple) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if isinstance(x, float) and isinstance(y, float):
            if not math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9):
                return False
        elif x != y:
            return False
    return True


def score_doc(drafted: dict, answers: dict, units: Units, written_shares: bool) -> dict[str, Score]:
    out = {}
    for what in FIELDS:
        d_items = items(drafted, what, units, written_shares)
        a_items = items(answers, what, units, written_shares)
        least = LEAST.get(what, 4)
        out[what] = score(d_items, a_items, _same(what), lambda d, c, least=least: overlap(d.text, c.text, least))
        if what == "requirements":  # a hit on the text; a wrong kind is listed, not counted
            pairs = [(d, c) for d, c in zip(d_items, a_items, strict=False) if overlap(d.text, c.text, least)]
            out[what].mismatches += [f"{d.show()}  — key kind: {c.kind}" for d, c in pairs if d.kind != c.kind]
    return out


def evaluate(base: Path | None = None) -> dict[str, dict[str, Score]]:
    """Score drafts of datasets/raw/ against the curated sources."""
    base = base or paths.root()
    problems = ProblemList()
    vocab = load_vocabulary(base, problems)
    units = Units(vocab)
    drafts = {}
    for raw in sorted(paths.raw_dir(base).glob("*.txt")):  # 1. draft every raw document, before any answer is read
        drafts[raw.name] = draft(read_path(raw).text, vocab, f"draft-{raw.stem.replace('_', '-')}", raw.name)[0]
    results = {}
    for guide in load_guides(base, problems):  # 2. only now read the answers
        drafted = drafts.get(guide.data["raw"])
        if drafted is not None:
            results[guide.id] = score_doc(drafted, guide.data, units, written_shares=False)
    return results


def evaluate_folder(folder: Path, base: Path | None = None) -> dict[str, dict[str, Score]]:
    """Score drafts of every document in a labelled folder against its answer keys."""
    if not folder.is_dir():
        raise DocumentError("not a folder", "ingest-unreadable", str(folder))
    vocab = load_vocabulary(base or paths.root(), ProblemList())
    units = Units(vocab)
    drafts, texts = {}, {}
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in FORMATS and p.is_file()):
        source = read_path(path)  # 1. draft every document, before any key is read
        drafts[path.name] = draft(source.text, vocab, "draft", path.name, source)[0]
        texts[path.name] = _SPACE.sub("", source.text)
    results = {}
    for labelled in read_folder(folder):  # 2. only now read the keys
        name = labelled.document.name
        _check_spans(labelled, texts[name])
        results[name] = score_doc(drafts[name], labelled.answers, units, written_shares=True)
    return results


def _check_spans(labelled, text: str) -> None:
    """Every answer quotes the document (spaces and line breaks aside: PDF and HTML extraction moves them)."""
    for what, records in labelled.answers.items():
        for n, rec in enumerate(records):
            if _SPACE.sub("", rec["text"]) not in text:
                raise DocumentError(
                    f"the text {rec['text'][:40]!r} is not in {labelled.document.name}",
                    "ingest-key",
                    str(labelled.key),
                    f"{what}[{n}].text",
                )


def totals(results: dict[str, dict[str, Score]]) -> dict[str, Score]:
    out: dict[str, Score] = {}
    for scores in results.values():
        for what, s in scores.items():
            out[what] = out[what] + s if what in out else s
    return out


def _row(name: str, what: str, s: Score) -> str:
    return (
        f"{name:38} {what:12} {s.drafted:7} {s.curated:7} {s.matched:7} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
    )


def format_table(results: dict[str, dict[str, Score]], details: bool = True) -> str:
    head = f"{'document':38} {'records':12} {'drafted':>7} {'answers':>7} {'matched':>7} {'P':>6} {'R':>6} {'F1':>6}"
    lines = [head]
    for name, scores in results.items():
        lines += [_row(name, what, s) for what, s in scores.items()]
    lines += ["", "all documents, per record kind:", head]
    lines += [_row("(all)", what, s) for what, s in totals(results).items()]
    if details:
        for name, scores in results.items():
            for what, s in scores.items():
                for label, entries in (("miss", s.misses), ("false hit", s.false_hits), ("mismatch", s.mismatches)):
                    lines += [f"{name}: {what}: {label}: {e}" for e in entries]
    return "\n".join(lines)
