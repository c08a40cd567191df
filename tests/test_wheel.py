"""`pip install .` (a wheel, not editable) gives a `stcatalog` that works on the clone it is run in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(cmd: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.slow
def test_wheel_installs_and_validates_a_clone(tmp_path):
    wheels = tmp_path / "wheels"
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(wheels), str(REPO)],
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(wheels.glob("stcatalog-*.whl"))

    # A new venv holding only the wheel; the dependencies come from this test's environment through a
    # plain path entry, so the editable install of the working tree is not on its path.
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    py = env_dir / "bin" / "python"
    site = Path(
        _run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path).stdout.strip()
    )
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    installed = _run([sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(site), str(wheel)], tmp_path)
    assert installed.returncode == 0, installed.stderr

    clone = tmp_path / "clone"
    clone.mkdir()
    for name in ("datasets", "schemas", "docs"):
        shutil.copytree(REPO / name, clone / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(REPO / name, clone / name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "STCATALOG_ROOT")}

    where = _run([str(py), "-c", "import stcatalog; print(stcatalog.__file__)"], clone / "datasets", env)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(site), where.stdout  # the wheel, not the working tree
    package = site / "stcatalog"
    for data in ("core/problem_codes.yaml", "site/strings/zh.yaml", "site/strings/en.yaml"):
        assert (package / data).is_file(), data  # package data the commands read at run time
    assert list((package / "site" / "templates").glob("*.j2"))

    # run from a subfolder: the tool finds the repository by walking up
    done = _run([str(py), "-m", "stcatalog.cli", "validate"], clone / "datasets" / "sources", env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "OK" in done.stdout + done.stderr

    outside = _run([str(py), "-m", "stcatalog.cli", "validate"], tmp_path, env)
    assert outside.returncode == 2
    assert "stcatalog:" in outside.stderr and "Traceback" not in outside.stderr
