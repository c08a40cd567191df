"""Benchmark `stcatalog ingest` on the inputs its two speed goals name, and say met or missed.

    .venv/bin/python scripts/bench/ingest.py                 # all three cases
    .venv/bin/python scripts/bench/ingest.py --profile dense # cProfile of one case, top 15 by own time

Inputs, made deterministically in a temporary folder (nothing is committed): 20 MB of the densest
curated call (datasets/raw/003, about 4,000 indicators a megabyte) repeated, 20 MB of the curated work
plan (datasets/raw/002) repeated, and a 50-page PDF drawn with reportlab in the STSong-Light CID font
(numbered headings, indicator clauses, funding sentences, lines wrapped as a PDF lays them out).
Each case runs in a fresh process: read the file, draft, write the YAML (what the command does after
loading the vocabularies), timed from the read to the YAML; the peak RSS is the whole process's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MB = 1024 * 1024
# case: (what, limit in seconds, limit in MB of peak RSS or None)
GOALS = {
    "dense": ("20 MB dense call (raw/003 repeated)", 10.0, 500),
    "plan": ("20 MB work plan (raw/002 repeated)", 10.0, 500),
    "pdf": ("50-page PDF (reportlab, STSong-Light)", 1.0, None),
}

_CHILD = """
import cProfile, json, pstats, resource, sys, time
from pathlib import Path
from stcatalog.core.problems import ProblemList
from stcatalog.ingest.draft import draft, write_yaml
from stcatalog.ingest.formats import read_path
from stcatalog.sources.load import load_vocabulary
repo, path, profile = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1"
vocab = load_vocabulary(repo, ProblemList())
def run():
    source = read_path(path)
    doc, _ = draft(source.text, vocab, "bench", path.name, source)
    with path.with_suffix(".yaml").open("w", encoding="utf-8") as out:
        write_yaml(doc, out)
    return len(doc.get("indicators", []))
profiler = cProfile.Profile() if profile else None
wall, cpu = time.perf_counter(), time.process_time()
count = profiler.runcall(run) if profiler else run()
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
if profiler:
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(15)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"s": wall, "cpu": cpu, "MB": peak, "indicators": count}))
"""


def repeated(raw: str, megabytes: float) -> bytes:
    """The raw file repeated up to `megabytes` (UTF-8)."""
    text = (REPO / "datasets" / "raw" / raw).read_text(encoding="utf-8")
    return (text * (int(megabytes * MB) // len(text.encode("utf-8")) + 1)).encode("utf-8")


def _page_lines(n: int) -> list[str]:
    """The text of page n: a numbered section of a work plan, its items with targets and money."""
    cn = "一二三四五六七八九十"
    k = n % 10
    lines = [f"{cn[k]}、第{n + 1}部分重点任务与考核指标", f"（{cn[(n // 10) % 10]}）主要目标"]
    for i in range(1, 9):
        a, b = 3 + (n * 7 + i) % 40, 100 + (n * 13 + i * 17) % 900
        lines.append(f"{i}. 到2026年，建设第{i}类科技示范基地{a}个，培训农业技术人员{b}人次以上，")
        lines.append(f"推广新品种新技术{a + i}项，带动农户增收{5 + i}%以上；")
    lines.append("（三）资金安排")
    lines.append(f"每个项目支持经费不超过{50 + n}万元，申报单位按不低于1:1的比例落实配套资金。")
    lines.append("联系电话：0931-8123456")
    return lines


def make_pdf(path: Path, pages: int) -> None:
    """A PDF of `pages` pages whose text is drawn line by line, as a word processor's export is."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    sheet = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width = 34  # characters a line: long sentences wrap, so the reader must join them again
    for n in range(pages):
        sheet.setFont("STSong-Light", 12)
        y = A4[1] - 60
        for line in _page_lines(n):
            for at in range(0, len(line), width):
                sheet.drawString(60, y, line[at : at + width])
                y -= 18
        sheet.showPage()
    sheet.save()


def measure(path: Path, profile: bool = False) -> dict:
    """Time, CPU and peak RSS of one fresh process ingesting `path`."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(REPO), str(path), "1" if profile else "0"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "scripts")},
        check=True,
    )
    if profile:
        print(done.stderr)
    return json.loads(done.stdout)


def inputs(folder: Path) -> dict[str, Path]:
    files = {"dense": folder / "dense.txt", "plan": folder / "plan.txt", "pdf": folder / "plan50.pdf"}
    files["dense"].write_bytes(repeated("003_8ca512e20a36327a.txt", 20))
    files["plan"].write_bytes(repeated("002_845ce5f456c05c45.txt", 20))
    make_pdf(files["pdf"], 50)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", choices=sorted(GOALS), help="print a cProfile of this case only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        files = inputs(Path(tmp))
        if args.profile:
            print(measure(files[args.profile], profile=True))
            return 0
        print(f"{'case':42} {'s':>6} {'CPU s':>6} {'peak MB':>8} {'indicators':>10}  goal")
        missed = 0
        for case, (what, seconds, megabytes) in GOALS.items():
            row = measure(files[case])
            met = row["s"] < seconds and (megabytes is None or row["MB"] < megabytes)
            missed += not met
            goal = f"< {seconds:g} s" + (f", < {megabytes} MB" if megabytes else "")
            print(
                f"{what:42} {row['s']:6.2f} {row['cpu']:6.2f} {row['MB']:8.0f} {row['indicators']:10}"
                f"  {goal}: {'met' if met else 'missed'}"
            )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
