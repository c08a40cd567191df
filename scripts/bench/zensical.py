"""Build the generated docs trees of a benchmark corpus with Zensical beside MkDocs, and compare the
time and the visible text of every page (see the benchmark README for the findings).

    python scripts/bench/zensical.py CORPUS ZENSICAL_VENV

CORPUS is a folder `run.py` made (build/docs/zh and build/docs/en present: after `stcatalog site`).
ZENSICAL_VENV is a virtual environment with zensical installed, kept apart from the project's: the
project does not depend on Zensical. Zensical 0.1.x takes its theme from the zensical-ui package;
where that cannot be installed, --stand-in-theme gives it Material for MkDocs' own templates (with
placeholder files for the three Lucide icons Zensical's defaults name), which measures Zensical's
engine on this site's Material templates, not Zensical's new look."""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from visible_text import compare  # noqa: E402

CONFIGS = {"zh": "mkdocs.yml", "en": "mkdocs.en.yml"}
LUCIDE = ("menu", "languages", "circle-arrow-up")


def stand_in_theme(work: Path) -> Path:
    """A `zensical_ui` module whose theme is Material's templates; returns the folder for PYTHONPATH."""
    import material

    theme = work / "theme"
    shutil.rmtree(theme, ignore_errors=True)
    shutil.copytree(Path(material.__file__).parent / "templates", theme, ignore=shutil.ignore_patterns("*.py*"))
    (theme / ".icons/lucide").mkdir(parents=True, exist_ok=True)
    for name in LUCIDE:
        shutil.copy(theme / ".icons/material/menu.svg", theme / f".icons/lucide/{name}.svg")
    module = work / "stub" / "zensical_ui"
    module.mkdir(parents=True, exist_ok=True)
    (module / "__init__.py").write_text(f"def get_theme_dir():\n    return {str(theme)!r}\n", encoding="utf-8")
    return module.parent


def zensical_configs(base: Path, stand_in: bool) -> dict[str, str]:
    """Copies of the two configs that write to zsite/ (and, with the stand-in theme, name a logo icon it has)."""
    out = {}
    for lang, name in CONFIGS.items():
        text = (base / name).read_text(encoding="utf-8")
        text = text.replace(f"site_dir: site/{lang}", f"site_dir: zsite/{lang}")
        text = text.replace("INHERIT: mkdocs.yml", "INHERIT: z.mkdocs.yml")
        if stand_in and lang == "zh":
            text = text.replace("  language: zh\n", "  language: zh\n  icon:\n    logo: material/library\n", 1)
        (base / f"z.{name}").write_text(text, encoding="utf-8")
        out[lang] = f"z.{name}"
    return out


def timed_run(cmd: list[str], cwd: Path, env: dict) -> str:
    """Wall and CPU seconds (user + system, all threads): on a shared machine the CPU time is the steadier."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return f"{wall:.1f} s ({cpu:.1f} s CPU)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("venv", type=Path)
    ap.add_argument("--stand-in-theme", action="store_true", help="zensical-ui missing: use Material's templates")
    args = ap.parse_args()
    base = args.corpus.resolve()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    zenv = dict(env)
    if args.stand_in_theme:
        zenv["PYTHONPATH"] = str(stand_in_theme(base / "build" / "zensical"))
    configs = zensical_configs(base, args.stand_in_theme)
    for lang in CONFIGS:
        mk = timed_run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", CONFIGS[lang], "-d", f"msite/{lang}"], base, env
        )
        zs = timed_run([str(args.venv / "bin" / "zensical"), "build", "-c", "-f", configs[lang]], base, zenv)
        report = compare(base / "msite" / lang, base / "zsite" / lang)
        pages = len(list((base / "msite" / lang).rglob("*.html")))
        print(f"{lang}: {pages} pages; MkDocs {mk}, Zensical {zs}; {len(report)} pages differ in visible text")
        kinds = Counter(line.split(":", 1)[0] for line in report)
        lines = Counter(d for line in report for d in line.split(": ", 2)[-1].split(" | "))
        print(f"  {dict(kinds)}; the most frequent differing lines: {lines.most_common(8)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
