"""Where the repository's data lives. STCATALOG_ROOT overrides it (tests use temporary trees)."""

from __future__ import annotations

import os
from pathlib import Path


def root() -> Path:
    env = os.environ.get("STCATALOG_ROOT")
    return Path(env).resolve() if env else Path(__file__).resolve().parents[2]


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
