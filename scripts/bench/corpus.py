"""A synthetic catalog of N guides made from the five real ones, for benchmarks.

Each synthetic guide copies a real guide and its raw document, with a new id, a year from
2015–2026, other target regions and a distinct title line written into its raw text (so every
cite stays verbatim and validation does real work). Text lengths and indicators are the real ones.
"""

from __future__ import annotations

import copy
import hashlib
import random
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def make_corpus(n: int, target: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    for folder in ("schemas", "docs"):
        shutil.copytree(REPO / folder, target / folder)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(REPO / name, target / name)
    shutil.copytree(REPO / "datasets/vocabularies", target / "datasets/vocabularies")
    shutil.copytree(REPO / "datasets/codelists", target / "datasets/codelists")
    shutil.copy(REPO / "datasets/package.yaml", target / "datasets/package.yaml")
    (target / "datasets/raw").mkdir(parents=True)
    (target / "datasets/sources").mkdir(parents=True)
    regions = yaml.safe_load((REPO / "datasets/vocabularies/regions.yaml").read_text(encoding="utf-8"))["regions"]
    chinese = [r["code"] for r in regions if r["scheme"] == "gb2260"]
    templates = []
    for path in sorted((REPO / "datasets/sources").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        raw = (REPO / "datasets/raw" / data["raw"]).read_text(encoding="utf-8")
        templates.append((data, raw))
    manifest = []
    for i in range(n):
        data, raw = templates[i % len(templates)]
        data = copy.deepcopy(data)
        if i < len(templates):  # the first five are the real guides, unchanged
            body, gid, raw_name = raw, data["id"], data["raw"]
        else:
            year = rng.randint(2015, 2026)
            gid = f"{data['id']}-s{i:05d}"
            tag = f"（合成样本{i:05d}）"
            body = f"{year}年{tag}{data['title']['zh']}\n\n" + raw
            raw_name = f"{i % 1000:03d}_{hashlib.sha256(gid.encode()).hexdigest()[:16]}.txt"
            data.update(id=gid, raw=raw_name, year=year)
            data["title"] = {
                "zh": f"{year}年{tag}{data['title']['zh']}",
                "en": f"[synthetic {i:05d}, {year}] {data['title']['en']}",
            }
            for scope in data.get("scopes") or []:
                scope["regions"] = sorted(set(rng.sample(chinese, 2)))
        (target / "datasets/raw" / raw_name).write_text(body, encoding="utf-8")
        (target / "datasets/sources" / f"{gid}.yaml").write_text(
            yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=100000), encoding="utf-8"
        )
        manifest.append(
            {
                "file": raw_name,
                "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
                "title": {"value": data["title"]["zh"], "basis": "stated"},
                "issuer": {"value": data["issuer"]["zh"], "basis": "inferred", "evidence": "synthetic"},
                "year": {"value": data["year"], "basis": "stated"},
                "source_url": None,
                "obtained": "synthetic copy for benchmarks",
            }
        )
    (target / "datasets/raw/manifest.yaml").write_text(
        yaml.safe_dump({"documents": manifest}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return target


def edit_one_guide(base: Path) -> Path:
    """Change one synthetic guide the way a curator would (a revised English summary)."""
    path = sorted((base / "datasets/sources").glob("*.yaml"))[-1]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["summary"]["en"] = "(Revised.) " + data["summary"]["en"]
    path.write_text(yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=100000), encoding="utf-8")
    return path
