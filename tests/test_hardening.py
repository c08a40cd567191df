"""Safe outputs and processes (issue 11): --out never replaces foreign files, builds take a lock,
a killed build or site leaves the previous output whole and no child behind, published trees are
world-readable, read-only outputs are refused, and bad input never ends in a traceback."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stcatalog.core import files as files_mod
from stcatalog.core.lock import exclusive
from stcatalog.core.routes import RESERVED_ROUTES

from .conftest import REPO, tree_bytes
from .fixtures.cases import GUIDE, RAW, edit
from .test_scale import site_repo  # noqa: F401 (a fixture: the mini repository with MkDocs' files)

PACKAGE = Path("datasets/package")


def run(root: Path, *args: str, env: dict | None = None, **kwargs) -> subprocess.Popen:
    """stcatalog in its own process, on the given repository."""
    full_env = dict(os.environ, PYTHONPATH=str(REPO / "scripts"), STCATALOG_ROOT=str(root), **(env or {}))
    return subprocess.Popen(
        [sys.executable, "-m", "stcatalog.cli", *args],
        cwd=root,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name or p.name.endswith(".old"))


# --- raw documents ----------------------------------------------------------------------------------
def test_a_linked_raw_document_reveals_nothing(mini, cli):
    (mini / RAW).unlink()
    (mini / RAW).symlink_to("/etc/passwd")
    secret = Path("/etc/passwd").read_bytes()
    code, out, err = cli("validate")
    assert code == 1
    assert f"{RAW}: file is a symbolic link; curated files must be regular files, not links (symlink)" in out
    assert hashlib.sha256(secret).hexdigest() not in out + err
    assert "root:" not in out + err
    code, out, err = cli("build")
    assert code == 1 and "nothing was written" in err
    assert not (mini / PACKAGE).exists()


# --- --out ------------------------------------------------------------------------------------------
def test_build_out_refuses_a_folder_it_did_not_write(mini, cli, tmp_path):
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("years of work", encoding="utf-8")
    code, out, err = cli("build", "--out", str(foreign))
    assert code == 1
    assert err == (
        f"stcatalog build: {foreign} is not empty and was not written by stcatalog; "
        "give a new or empty folder (nothing was changed)\n"
    )
    assert tree_bytes(foreign) == {"thesis.txt": b"years of work"}
    assert not (tmp_path / ".documents.stcatalog").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".documents")]

    mine = tmp_path / "package"
    mine.mkdir()  # empty: accepted
    assert cli("build", "--out", str(mine))[0] == 0
    first = tree_bytes(mine)
    assert "datapackage.json" in first
    assert cli("build", "--out", str(mine))[0] == 0  # its own output: replaced
    assert tree_bytes(mine) == first
    assert (tmp_path / ".package.stcatalog").is_file()

    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    code, _, err = cli("build", "--out", str(a_file))
    assert code == 1 and "exists and is not a folder" in err
    assert a_file.read_text(encoding="utf-8") == "x"


def test_published_trees_are_world_readable(mini, cli):
    old = os.umask(0o077)
    try:
        assert cli("build")[0] == 0
    finally:
        os.umask(old)
    package = mini / PACKAGE
    modes = {oct(p.stat().st_mode & 0o777) for p in [package, *package.rglob("*")] if p.is_dir()}
    assert modes == {"0o755"}
    modes = {oct(p.stat().st_mode & 0o777) for p in package.rglob("*") if p.is_file()}
    assert modes == {"0o644"}


def test_a_read_only_package_is_not_replaced(mini, cli):
    assert cli("build")[0] == 0
    package = mini / PACKAGE
    before = tree_bytes(package)
    edit(GUIDE, "en: An example guide used in tests.", "en: An example guide for the tests.")(mini)
    package.chmod(0o555)
    try:
        code, out, err = cli("build")
        assert code == 1
        assert err == (
            f"stcatalog build: {package} is read-only, so it was not replaced; make it writable "
            f"(chmod -R u+w {package}) or remove it, then run again\n"
        )
        assert tree_bytes(package) == before
        assert leftovers(mini / "datasets") == []
    finally:
        package.chmod(0o755)
    assert cli("build")[0] == 0  # and once writable, the next build works
    assert tree_bytes(package) != before
    assert leftovers(mini / "datasets") == []


def test_the_next_run_cleans_what_a_killed_run_left(mini, cli):
    assert cli("build")[0] == 0
    datasets = mini / "datasets"
    for name in (".package.tmp-k1ll3d", ".package.old"):
        (datasets / name / "data").mkdir(parents=True)
        (datasets / name / "data" / "guides.csv").write_text("half", encoding="utf-8")
    (datasets / ".package.old" / "data").chmod(0o555)  # even a read-only leftover
    assert leftovers(datasets) == [".package.old", ".package.tmp-k1ll3d"]
    assert cli("build")[0] == 0
    assert leftovers(datasets) == []


def test_a_run_killed_between_the_two_renames_gets_its_previous_output_back(tmp_path):
    target = tmp_path / "package"
    files_mod.write_tree({"a.txt": b"previous"}, target)
    os.replace(target, tmp_path / ".package.old")  # the state a kill mid-swap leaves
    files_mod.clean_leftovers(target)
    assert tree_bytes(target) == {"a.txt": b"previous"}
    assert leftovers(tmp_path) == []


# --- the lock ---------------------------------------------------------------------------------------
def test_a_second_build_says_one_is_running(mini, cli, monkeypatch):
    monkeypatch.setenv("STCATALOG_LOCK_WAIT", "0.3")
    with exclusive(mini, "test"):
        code, _, err = cli("build")
    assert code == 1
    assert f"another stcatalog build or site (pid {os.getpid()}) is running in {mini}" in err
    assert "waited 0 s: try again when it has finished" in err
    assert not (mini / PACKAGE).exists()
    assert cli("build")[0] == 0  # released


def run_twice_at_once(root: Path, command: str) -> list[str]:
    """Start the command twice side by side; both must succeed. Returns their stderr."""
    results = [finish(p) for p in [run(root, command) for _ in range(2)]]
    for code, _, err in results:
        assert code == 0, err
        assert "Traceback" not in err
    return [err for _, _, err in results]


def test_two_concurrent_builds_both_succeed(mini):
    run_twice_at_once(mini, "build")
    assert leftovers(mini / "datasets") == []
    code, out, err = finish(run(mini, "validate"))
    assert code == 0, out + err


# --- killed sites -----------------------------------------------------------------------------------
def processes(words: tuple[str, ...], parent: int | None = None) -> list[int]:
    """Live processes whose command line holds every word (and whose parent is `parent`, if given)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and all(w in cmdline for w in words) and (parent is None or int(fields[1]) == parent):
            found.append(int(proc.name))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_site_leaves_the_old_site_and_no_child(site_repo, sig):  # noqa: F811 (the fixture)
    assert finish(run(site_repo, "site"))[0] == 0
    before = tree_bytes(site_repo / "site")
    edit(GUIDE, "en: An example guide used in tests.", "en: An example guide for the tests.")(site_repo)
    proc = run(site_repo, "site")
    work = str(site_repo / "build" / "site-work")
    deadline = time.monotonic() + 30
    while not (started := processes(("mkdocs", work), parent=proc.pid)):
        assert time.monotonic() < deadline and proc.poll() is None, "site ended before MkDocs started"
        time.sleep(0.01)
    proc.send_signal(sig)  # MkDocs has just started: it has most of a second of work left
    proc.communicate(timeout=30)
    gone = time.monotonic() + 0.25  # the kernel kills the children as their parent ends
    while (alive := [c for c in processes(("mkdocs", work)) if c in started]) and time.monotonic() < gone:
        time.sleep(0.01)
    assert alive == [], "MkDocs outlived the site that started it"
    assert processes((str(site_repo),)) == []  # nor any other child (Pagefind, forked workers)
    assert tree_bytes(site_repo / "site") == before
    code, _, err = finish(run(site_repo, "site"))
    assert code == 0, err
    assert leftovers(site_repo) == []
    assert "An example guide for the tests." in (site_repo / "site/en/guides/demo-2021-call/index.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.slow
def test_two_concurrent_sites_both_succeed(site_repo):  # noqa: F811
    errors = run_twice_at_once(site_repo, "site")
    assert any("waiting for another build or site" in err for err in errors)
    assert leftovers(site_repo) == []
    assert (site_repo / "site/en/guides/demo-2021-call/index.html").is_file()


@pytest.mark.slow
def test_reserved_routes_hold_every_name_the_site_writes(site_repo):  # noqa: F811
    assert finish(run(site_repo, "site"))[0] == 0
    site = site_repo / "site"
    names = {p.name for p in site.iterdir()} | {p.name for lang in ("zh", "en") for p in (site / lang).iterdir()}
    stems = {name.split(".")[0] for name in names}
    assert stems - RESERVED_ROUTES == set(), "add these to stcatalog/core/routes.py"
    assert {"guides", "regions", "domains", "index", "404", "assets", "sitemap", "pagefind"} <= stems


# --- no traceback -----------------------------------------------------------------------------------
BAD = {
    "package-yaml-syntax": ("datasets/package.yaml", "version: 0.1.0\n", "version: [0.1.0\n"),
    "package-yaml-missing-key": ("datasets/package.yaml", "public_url: null\n", ""),
    "duplicate-key": (GUIDE, "year: 2021\n", "year: 2021\nyear: 2022\n"),
}


@pytest.mark.parametrize("command", ["validate", "build"])
@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_one_line_never_a_traceback(mini, name, command):
    edit(*BAD[name])(mini)
    code, out, err = finish(run(mini, command))
    assert code == 1
    assert "Traceback" not in out + err
    assert len(out.splitlines()) == 1 and out.startswith(BAD[name][0]), out


def test_gb18030_raw_document_is_a_problem_not_a_traceback(mini):
    raw = mini / RAW
    raw.write_bytes(raw.read_text(encoding="utf-8").encode("gb18030"))
    code, out, err = finish(run(mini, "validate"))
    assert code == 1 and "Traceback" not in err
    assert f"{RAW}:1: file is not valid UTF-8 at byte 0 (it looks like GB18030/GBK" in out


def test_permission_errors_are_plain_messages(mini, cli, monkeypatch):
    denied = mini / "datasets" / ".package.tmp-x"

    def refuse(*args, **kwargs):  # what a folder the user may not write gives (root may write anywhere)
        raise PermissionError(13, "Permission denied", str(denied))

    monkeypatch.setattr(files_mod.tempfile, "mkdtemp", refuse)
    code, _, err = cli("build")
    assert code == 1
    assert err == (f"stcatalog build: permission denied: {denied}; make it writable for you or choose another folder\n")
    assert not (mini / PACKAGE).exists()


def test_tracebacks_only_with_debug(mini, cli, monkeypatch):
    import stcatalog.package.export as export

    def broken(*args, **kwargs):
        raise RuntimeError("an unexpected failure")

    monkeypatch.setattr(export, "write_package", broken)
    code, _, err = cli("build")
    assert code == 1
    assert err.splitlines()[-1] == "stcatalog build: an unexpected failure (run with --debug for the traceback)"
    with pytest.raises(RuntimeError, match="an unexpected failure"):
        cli("--debug", "build")
