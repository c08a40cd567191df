"""`stcatalog ingest --evaluate [DIR]`: the goals on the five curated sources, on the development set and on
the held-out corpus; the answer-key reader refuses malformed keys; the CLI writes only where it is told."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stcatalog.ingest.corpus import read_folder
from stcatalog.ingest.errors import DocumentError
from stcatalog.ingest.evaluate import evaluate, evaluate_folder, totals

from .conftest import REPO

DEV = REPO / "tests" / "ingest_dev"
CORPUS = REPO / "tests" / "ingest_corpus"
SCORED = ("indicators", "funding", "ratios")


@pytest.fixture(scope="module")
def curated():
    return totals(evaluate(REPO))


@pytest.mark.parametrize("what", ["indicators", "funding", "ratios", "scopes", "projects"])
def test_five_curated_sources_stay_at_f1_098(curated, what):
    assert curated[what].f1 >= 0.98, (what, curated[what])


def _goals(results) -> dict[str, tuple[float, float, float]]:
    scores = totals(results)
    return {w: (round(scores[w].precision, 3), round(scores[w].recall, 3), round(scores[w].f1, 3)) for w in SCORED}


def test_development_set_meets_the_goals():
    for what, (p, r, f1) in _goals(evaluate_folder(DEV, REPO)).items():
        assert f1 >= 0.95 and p >= 0.93 and r >= 0.93, (what, p, r, f1)


def test_corpus_meets_the_goals():
    """tests/ingest_corpus/ was written without sight of the rules and tuned on later (issue 14); the
    held-out set, tests/ingest_heldout/, is scored by the lead and gated nowhere, so that nobody tunes to it."""
    assert CORPUS.is_dir(), "the corpus tests/ingest_corpus/ is missing"
    for what, (p, r, f1) in _goals(evaluate_folder(CORPUS, REPO)).items():
        assert f1 >= 0.95 and p >= 0.93 and r >= 0.93, (what, p, r, f1)


def test_misses_false_hits_and_mismatches_are_listed(tmp_path):
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "01-x.txt").write_text("考核指标：建立示范基地500亩以上，发表论文2篇。\n", encoding="utf-8")
    (folder / "01-x.key.yaml").write_text(
        "document: 01-x.txt\nstyle: other\nnote: t\n"
        "indicators:\n"
        "  - {text: 建立示范基地500亩以上, kind: target, comparator: ge, value_min: 500, value_max: null, unit: 亩}\n"
        "  - {text: 培训农民30人次, kind: unspecified, comparator: eq, value_min: 30, value_max: 30, unit: 人次}\n"
        "funding: []\nratios: []\nrequirements: []\nscopes: []\nprojects: []\n".replace("培训农民30人次", "考核指标"),
        encoding="utf-8",
    )
    (score,) = [s["indicators"] for s in evaluate_folder(folder, REPO).values()]
    assert (score.drafted, score.curated, score.matched) == (2, 2, 0)
    assert len(score.mismatches) == 1 and "key: 建立示范基地500亩以上 [target" in score.mismatches[0]
    assert score.false_hits == ["发表论文2篇 [unspecified eq 2.0 2.0 paper]"]
    assert score.misses == ["考核指标 [unspecified eq 30.0 30.0 person-time]"]


# Malformed keys -----------------------------------------------------------------------------------------
GOOD = "document: 01-x.txt\nstyle: other\nnote: t\nindicators: []\nfunding: []\nratios: []\nrequirements: []\nscopes: []\nprojects: []\n"
BAD_KEYS = {
    "alias": (
        GOOD.replace("funding: []", "funding: &a []").replace("ratios: []", "ratios: *a"),
        "aliases are not allowed",
    ),
    "duplicate": (GOOD + "scopes: []\n", "duplicate key 'scopes'"),
    "missing-list": (GOOD.replace("projects: []\n", ""), "every key lists all six record lists"),
    "path": (GOOD.replace("01-x.txt", "../../etc/passwd"), "document must name a file beside the key"),
    "style": (GOOD.replace("style: other", "style: poem"), "style must be one of"),
    "kind": (
        GOOD.replace("indicators: []", "indicators:\n  - {text: 示范, kind: odd, comparator: eq}"),
        "kind must be",
    ),
    "number": (
        GOOD.replace("funding: []", "funding:\n  - {text: 示范, kind: amount, comparator: eq, value_min: .inf}"),
        "is not a number",
    ),
    "shares": (
        GOOD.replace("ratios: []", "ratios:\n  - {text: 示范, shares: [1], comparator: eq}"),
        "shares is a list",
    ),
    "yaml": (GOOD + "scopes: [\n", "not valid YAML"),
    "span": (GOOD.replace("scopes: []", "scopes:\n  - {text: 不在文中的方向}"), "is not in 01-x.txt"),
}


def write_set(folder: Path, key: str) -> Path:
    folder.mkdir()
    (folder / "01-x.txt").write_text("建设示范基地3个。\n", encoding="utf-8")
    (folder / "01-x.key.yaml").write_text(key, encoding="utf-8")
    return folder


@pytest.mark.parametrize("case", BAD_KEYS, ids=list(BAD_KEYS))
def test_malformed_keys_are_refused_with_file_and_field(tmp_path, case):
    key, message = BAD_KEYS[case]
    folder = write_set(tmp_path / case, key)
    with pytest.raises(DocumentError, match=message) as info:
        evaluate_folder(folder, REPO)
    assert info.value.code == "ingest-key" and info.value.file.endswith("01-x.key.yaml")


def test_reader_reads_the_dev_set():
    keys = read_folder(DEV)
    assert len(keys) >= 10 and {k.document.suffix for k in keys} == {".txt", ".html", ".docx", ".pdf"}


# The command line -------------------------------------------------------------------------------------------
def test_cli_evaluates_a_folder(cli):
    code, out, err = cli("ingest", "--evaluate", str(DEV))
    scored = f"scored {len(list(DEV.glob('*.key.yaml')))} document(s)"
    assert code == 0 and "all documents, per record kind:" in out and "(all)" in out and scored in err


def test_cli_refuses_a_missing_folder(cli, tmp_path):
    code, _, err = cli("ingest", "--evaluate", str(tmp_path / "nowhere"))
    assert code == 1 and "not a folder (ingest-unreadable)" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--id", "../../x"], "--id '../../x' is not a slug"),
        (["--id", "a/b"], "is not a slug"),
        (["--out", "{tmp}"], "--out names a folder"),
        (["--out", "{tmp}/draft.txt"], "--out must end in .yaml"),
        (["--out", "{tmp}/link.yaml"], "--out is a symbolic link"),
    ],
)
def test_cli_writes_only_where_it_is_told(cli, tmp_path, mini, args, message):
    (tmp_path / "link.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    raw = shutil.copy(DEV / "01-topic-assessment.txt", tmp_path / "doc.txt")
    before = sorted(p.name for p in tmp_path.iterdir())
    code, _, err = cli("ingest", str(raw), *[a.format(tmp=tmp_path) for a in args])
    assert code == 1 and message in err and "(ingest-unsafe-path)" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before and not (mini / "build").exists()
    assert not (tmp_path.parent / "x").exists()


def test_cli_default_output_is_inside_build_drafts(cli, tmp_path, mini):
    raw = shutil.copy(DEV / "10-pdf.pdf", tmp_path / "plan.pdf")
    code, _, err = cli("ingest", str(raw), "--id", "yunnan-2022-plan")
    out = mini / "build" / "drafts" / "yunnan-2022-plan.yaml"
    assert code == 0 and out.is_file() and "(pdf, sha256 " in err
    assert [p.name for p in out.parent.iterdir()] == ["yunnan-2022-plan.yaml"]  # no temporary file left
    assert "- id: ind-1  # why: assessment-list-label" in out.read_text(encoding="utf-8")
