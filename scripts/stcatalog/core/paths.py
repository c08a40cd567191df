"""Where the catalog being worked on lives: the repository the tool is run in.

The root is the nearest folder, from the working directory up, that holds `datasets/` and
`mkdocs.yml`. `--root` (or STCATALOG_ROOT, which tests use for temporary trees) names it instead,
so an installed `stcatalog` works on any clone, never on files inside site-packages.
"""

from __future__ import annotations

import os
from pathlib import Path

MARKERS = ("datasets", "mkdocs.yml")


class RootNotFound(Exception):
    """Raised when neither the working directory nor --root is a catalog repository."""


def is_root(folder: Path) -> bool:
    return (folder / MARKERS[0]).is_dir() and (folder / MARKERS[1]).is_file()


def root() -> Path:
    env = os.environ.get("STCATALOG_ROOT")
    if env:
        given = Path(env).resolve()
        if not (given / MARKERS[0]).is_dir():
            raise RootNotFound(f"{given} has no datasets/ folder: --root must name a clone of the catalog")
        return given
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if is_root(folder):
            return folder
    raise RootNotFound(
        f"{here} is not inside a catalog repository (a folder with datasets/ and mkdocs.yml); "
        "run stcatalog in a clone or pass --root DIR"
    )


def datasets(base: Path | None = None) -> Path:
    return (base or root()) / "datasets"


def raw_dir(base: Path | None = None) -> Path:
    return datasets(base) / "raw"


def sources_dir(base: Path | None = None) -> Path:
    return datasets(base) / "sources"


def vocab_dir(base: Path | None = None) -> Path:
    return datasets(base) / "vocabularies"


def package_dir(base: Path | None = None) -> Path:
    return datasets(base) / "package"


def schemas_dir(base: Path | None = None) -> Path:
    return (base or root()) / "schemas"
