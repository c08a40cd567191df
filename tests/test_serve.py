"""`stcatalog serve`: which files trigger a rebuild, the debouncing, and one real rebuild."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from watchdog.events import FileModifiedEvent, FileMovedEvent, FileOpenedEvent

from stcatalog.site.serve import Debouncer, relevant


@pytest.mark.parametrize(
    ("rel", "wanted"),
    [
        ("datasets/sources/a.yaml", True),
        ("datasets/vocabularies/regions.yaml", True),
        ("schemas/source.schema.json", True),
        ("docs/zh/about.md", True),
        ("mkdocs.yml", True),
        ("mkdocs.en.yml", True),
        ("datasets/package/guides.csv", False),  # the build's own output
        ("site/index.html", False),
        ("build/docs/zh/index.md", False),
        ("datasets/sources/.a.yaml.swp", False),
        ("datasets/sources/a.yaml~", False),
        ("README.md", False),
    ],
)
def test_relevant_files(tmp_path, rel, wanted):
    assert relevant(tmp_path.resolve(), str(tmp_path / rel)) is wanted


def test_outside_the_repository_is_ignored(tmp_path):
    assert not relevant((tmp_path / "repo").resolve(), str(tmp_path / "elsewhere" / "datasets" / "x.yaml"))


def test_a_burst_of_events_is_one_rebuild(tmp_path):
    base = tmp_path.resolve()
    d = Debouncer(base, quiet=0.2)
    assert d.wait(timeout=0.05) is False  # nothing happened

    def burst():
        for _ in range(5):
            d.on_any_event(FileModifiedEvent(str(base / "datasets" / "sources" / "a.yaml")))
            time.sleep(0.05)

    t0 = time.monotonic()
    threading.Thread(target=burst).start()
    assert d.wait(timeout=2) is True
    assert time.monotonic() - t0 >= 0.2 + 4 * 0.05 - 0.01  # waited for the burst to end, then the quiet time
    assert d.wait(timeout=0.1) is False  # the burst counted once


def test_irrelevant_and_read_events_do_not_trigger(tmp_path):
    base = tmp_path.resolve()
    d = Debouncer(base, quiet=0.05)
    d.on_any_event(FileModifiedEvent(str(base / "site" / "index.html")))
    d.on_any_event(FileOpenedEvent(str(base / "datasets" / "sources" / "a.yaml")))
    assert d.wait(timeout=0.1) is False
    # an editor's save: write a scratch file, then move it over the source
    d.on_any_event(FileMovedEvent(str(base / "datasets" / "sources" / ".a.tmp"), str(base / "datasets/sources/a.yaml")))
    assert d.wait(timeout=0.5) is True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(stream_lines: list[str], needle: str, timeout: float, times: int = 1) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if sum(needle in line for line in stream_lines) >= times:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
def test_serve_rebuilds_after_an_edit(mini):
    repo = Path(__file__).resolve().parents[1]
    shutil.copytree(repo / "docs", mini / "docs")
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(repo / name, mini / name)
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "scripts"))
    cmd = [sys.executable, "-m", "stcatalog.cli", "--root", str(mini), "serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(proc.stderr.readline, "")), daemon=True).start()
    try:
        assert _wait_for(lines, f"http://127.0.0.1:{port}/", 240), "".join(lines)
        source = next((mini / "datasets" / "sources").glob("*.yaml"))
        url = f"http://127.0.0.1:{port}/zh/guides/{source.stem}/"
        assert "stserveprobe" not in urllib.request.urlopen(url, timeout=10).read().decode()
        text = source.read_text(encoding="utf-8")
        assert "summary: {zh: " in text
        source.write_text(text.replace("summary: {zh: ", "summary: {zh: stserveprobe", 1), encoding="utf-8")
        assert _wait_for(lines, "serve: rebuilt", 240, times=2), "".join(lines)
        time.sleep(1.0)  # a second rebuild would have started by now if the edit had counted twice
        assert sum("rebuilt" in ln for ln in lines) == 2, "".join(lines)  # the first build and one rebuild
        assert "stserveprobe" in urllib.request.urlopen(url, timeout=10).read().decode()
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=30)
