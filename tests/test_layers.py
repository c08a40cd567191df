"""The package's import direction: each subpackage imports only those it is allowed to (its
docstring says which), and no module imports another in a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "stcatalog"
ALLOWED = {
    "core": set(),
    "model": {"core"},
    "checks": {"core", "model"},
    "sources": {"core", "model", "checks"},
    "package": {"core", "model", "checks", "sources"},
    "ingest": {"core", "model", "sources"},
    "site": {"core", "model", "checks", "sources", "package"},
    "cli": {"core", "model", "checks", "sources", "package", "ingest", "site"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, source: str | None = None) -> set[str]:
    """Every stcatalog module the file imports (or `source`, as if it were that file), resolved to absolute names."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source if source is not None else path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("stcatalog"):
                found.add(target)
                found.update(
                    f"{target}.{a.name}"
                    for a in node.names
                    if (PACKAGE.parent / f"{target}.{a.name}".replace(".", "/")).with_suffix(".py").exists()
                    or (PACKAGE.parent / f"{target}.{a.name}".replace(".", "/")).is_dir()
                )
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("stcatalog"))
    return found


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_follow_the_layers(path):
    own = layer(module_name(path))
    if own is None:
        return  # stcatalog/__init__.py
    wrong = sorted(m for m in imports(path) if layer(m) not in (own, None) and layer(m) not in ALLOWED[own])
    assert not wrong, f"{own} may import only {sorted(ALLOWED[own])}, not {wrong}"


def test_every_subpackage_is_declared():
    found = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} | {"cli"}
    assert found == set(ALLOWED)


def test_no_import_cycle_between_modules():
    graph = {module_name(p): {m for m in imports(p) if m != module_name(p)} for p in MODULES}
    graph = {k: {m for m in v if m in graph} for k, v in graph.items()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if nxt.startswith(node + "."):
                continue  # a package importing its own modules
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " → ".join(trail[trail.index(nxt) :] + [nxt]) if nxt in trail else nxt)
            if nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


def test_the_layer_check_catches_a_wrong_import():
    model = PACKAGE / "model" / "catalog.py"
    found = imports(model, model.read_text(encoding="utf-8") + "\nfrom ..site import pages\n")
    assert "stcatalog.site.pages" in found
    assert sorted(m for m in found if layer(m) == "site") == ["stcatalog.site", "stcatalog.site.pages"]
