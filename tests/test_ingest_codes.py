"""One hostile input for every ingest problem code; tests/test_problem_codes.py counts them as produced."""

from __future__ import annotations

from pathlib import Path

from stcatalog.core.problems import registry
from stcatalog.ingest.command import run
from stcatalog.ingest.errors import DocumentError
from stcatalog.ingest.evaluate import evaluate_folder
from stcatalog.ingest.formats import MAX_BYTES, read_bytes, read_path

from .conftest import REPO
from .test_ingest_formats import DEV, SCANNED_PDF


def _code(call) -> str:
    try:
        call()
    except DocumentError as exc:
        return exc.problem().code
    raise AssertionError("no problem reported")


def ingest_codes(tmp: Path) -> set[str]:
    """Run every hostile ingest input and return the codes they produce."""
    tmp.mkdir(parents=True, exist_ok=True)
    sparse = tmp / "huge.txt"
    with sparse.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    keyless = tmp / "keys"
    keyless.mkdir(exist_ok=True)
    (keyless / "01-a.txt").write_text("建设基地3个。", encoding="utf-8")
    (keyless / "01-a.key.yaml").write_text("document: 01-a.txt\nstyle: [\n", encoding="utf-8")
    docx = (DEV / "09-docx.docx").read_bytes()
    calls = [
        lambda: read_bytes(b"\x00\x00binary", "a.txt", ".txt"),
        lambda: read_bytes(docx[:300], "a.docx", ".docx"),
        lambda: read_bytes(b"<html><body></body></html>", "a.html", ".html"),
        lambda: read_bytes(b"abc\xff\xff", "a.txt", ".txt"),
        lambda: read_bytes(docx, "a.txt", ".txt"),
        lambda: evaluate_folder(keyless, REPO),
        lambda: read_bytes(SCANNED_PDF, "a.pdf", ".pdf"),
        lambda: read_path(sparse),
        lambda: read_path(tmp),
    ]
    codes = {_code(c) for c in calls}
    if run(str(DEV / "01-topic-assessment.txt"), None, "../../x", None, False) == 1:
        codes.add("ingest-unsafe-path")  # the CLI prints it: run() returns 1 and writes nothing
    return codes


def test_every_ingest_code_has_a_hostile_input(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("STCATALOG_ROOT", str(REPO))
    codes = ingest_codes(tmp_path)
    assert "(ingest-unsafe-path)" in capsys.readouterr().err
    assert codes == {c for c in registry() if c.startswith("ingest-")}
