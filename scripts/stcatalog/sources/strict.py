"""Strict reading of curated files: UTF-8 without BOM, LF endings, YAML with line numbers.

Contributors edit these files by hand on many systems; every way a file can be subtly wrong gets
its own plain message instead of a stack trace.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..core.problems import ProblemList

MAX_FILE_BYTES = 5 * 1024 * 1024


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader (libyaml's when installed) that keeps dates as strings: the schema checks them."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_text(path: Path, rel: str, problems: ProblemList) -> str | None:
    """The file's text, or None after recording why it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.add(rel, None, "", f"cannot read file: {exc.strerror or exc}", "unreadable")
        return None
    if not data.strip():
        problems.add(rel, 1, "", "file is empty", "empty-file")
        return None
    if len(data) > MAX_FILE_BYTES:
        problems.add(rel, None, "", f"file is {len(data)} bytes; the limit is {MAX_FILE_BYTES}", "too-large")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        problems.add(rel, 1, "", "file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM", "bom")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            data.decode("gb18030")
            hint = " (it looks like GB18030/GBK; convert it: iconv -f GB18030 -t UTF-8)"
        except UnicodeDecodeError:
            pass
        problems.add(rel, line, "", f"file is not valid UTF-8 at byte {exc.start}{hint}", "encoding")
        return None
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        problems.add(rel, line, "", "file has CR or CRLF line endings; use LF (Unix) line endings", "line-endings")
        return None
    return text


def load_yaml(text: str, rel: str, problems: ProblemList, path: Path | None = None) -> tuple[Any, LineMap]:
    """Parse YAML and return (data, line map); (None, empty map) after recording a syntax error.
    With the file's path, the line map reads the file again if it is ever needed instead of keeping
    the text in memory (a large catalog's sources would double its memory)."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problems.add(rel, line, "", f"YAML syntax error: {exc.problem or exc}", "yaml")
        return None, LineMap("")
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises Marked errors for text input
        problems.add(rel, None, "", f"YAML error: {exc}", "yaml")
        return None, LineMap("")
    return data, LineMap(path if path is not None else text)


class LineMap:
    """{path: line} of a parsed file, built on first use: a valid file never needs it, so the
    second parse (of the node graph, for line numbers) happens only when there is a problem to place."""

    def __init__(self, source: str | Path):
        self.source = source  # the text, or the file to read it from
        self._lines: dict | None = None

    def _built(self) -> dict:
        if self._lines is None:
            self._lines = {}
            text = self.source.read_text(encoding="utf-8") if isinstance(self.source, Path) else self.source
            node = yaml.compose(text, Loader=_Loader) if text else None
            if node is not None:
                _index(node, (), self._lines)
        return self._lines

    def __contains__(self, path) -> bool:
        return path in self._built()

    def get(self, path, default=None):
        return self._built().get(path, default)

    def __getstate__(self):  # cached with the guide: the source, never the built map
        return {"source": self.source, "_lines": None}


def _index(node, path: tuple, lines: dict) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = path + (key.value,)
            _index(value, child, lines)
            lines[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, path + (i,), lines)
