"""Strict reading of curated files: UTF-8 without BOM, LF endings, YAML with line numbers.

Contributors edit these files by hand on many systems; every way a file can be subtly wrong gets
its own plain message instead of a stack trace.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml

from ..core.problems import ProblemList

MAX_FILE_BYTES = 5 * 1024 * 1024
_LIMIT_TEXT = f"{MAX_FILE_BYTES // 1024 // 1024} MB ({MAX_FILE_BYTES} bytes)"


# Numbers beyond this are typing slips or attacks; no count or amount in a guide comes near it.
MAX_NUMBER = 1e15


class RefusedYAML(yaml.MarkedYAMLError):
    """Valid YAML that curated files must not use; `.code` is its problem code."""

    def __init__(self, code: str, problem: str, mark):
        super().__init__(problem=problem, problem_mark=mark)
        self.code = code


_BASE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):
    """The safe loader (libyaml's when installed) that keeps dates as strings (the schema checks
    them) and refuses what hand-edited data never needs but an attacker or a slip does: aliases
    (a few lines can expand to gigabytes), duplicate and merge keys (the later value wins
    silently), and numbers no guide can hold."""

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:
            raise RefusedYAML(
                "yaml-alias",
                "YAML anchors and aliases (&name, *name) are not allowed; write each value out in full",
                node.start_mark,
            )
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in getattr(node, "value", ()):
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise RefusedYAML(
                    "duplicate-key", "merge keys (<<) are not allowed; write the keys out", key_node.start_mark
                )
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key in seen:
                raise RefusedYAML(
                    "duplicate-key", f"key '{key}' appears twice in this mapping; keep one of them", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node):
        return self._bounded(super().construct_yaml_int(node), node)

    def construct_yaml_float(self, node):
        return self._bounded(super().construct_yaml_float(node), node)

    @staticmethod
    def _bounded(value, node):
        if value != value or abs(value) > MAX_NUMBER:  # NaN, infinities and huge values
            raise RefusedYAML(
                "out-of-range",
                f"number {node.value} is out of range: numbers must be finite and between -1e15 and 1e15",
                node.start_mark,
            )
        return value


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_regular(path: Path, rel: str, problems: ProblemList, base: Path | None = None) -> bytes | None:
    """The bytes of a regular file inside the repository, or None after recording why not. Links are
    refused before anything is read, so no message can reveal what a link points to; so are folders,
    devices and pipes (a pipe would hang the read), and files over the size limit."""
    try:
        st = path.lstat()
    except OSError as exc:
        problems.add(rel, None, "", f"cannot read file: {exc.strerror or exc}", "unreadable")
        return None
    if stat.S_ISLNK(st.st_mode):
        problems.add(
            rel, None, "", "file is a symbolic link; curated files must be regular files, not links", "symlink"
        )
        return None
    if not stat.S_ISREG(st.st_mode):
        problems.add(rel, None, "", "cannot read file: it is not a regular file", "unreadable")
        return None
    if base is not None and not path.resolve().is_relative_to(base.resolve()):
        problems.add(rel, None, "", "file lies outside the repository (through a linked folder)", "symlink")
        return None
    if st.st_size > MAX_FILE_BYTES:
        problems.add(rel, None, "", f"file is {st.st_size} bytes; the limit is {_LIMIT_TEXT}", "too-large")
        return None
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        problems.add(rel, None, "", f"cannot read file: {exc.strerror or exc}", "unreadable")
        return None
    if len(data) > MAX_FILE_BYTES:  # it grew since lstat
        problems.add(rel, None, "", f"file is over the limit of {_LIMIT_TEXT}", "too-large")
        return None
    return data


def bytes_for_key(path: Path) -> bytes:
    """What of a curated file goes into a cache key: its bytes; for a link, a folder or an oversized
    file (which validation refuses) only its kind and size, so a link is never followed nor a huge
    file read just to compute a key."""
    try:
        st = path.lstat()
    except OSError:
        return b"(missing)"
    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES:
        return f"(not read: mode {st.st_mode:o}, {st.st_size} bytes)".encode()
    return path.read_bytes()


def decode_utf8(data: bytes, rel: str, problems: ProblemList) -> str | None:
    """The bytes as UTF-8, or None after recording where they are not (with a hint for GB18030)."""
    try:
        return data.decode("utf-8")
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


def read_text(path: Path, rel: str, problems: ProblemList, base: Path | None = None) -> str | None:
    """The file's text, or None after recording why it cannot be used."""
    data = read_regular(path, rel, problems, base)
    if data is None:
        return None
    if not data.strip():
        problems.add(rel, 1, "", "file is empty", "empty-file")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        problems.add(rel, 1, "", "file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM", "bom")
        return None
    text = decode_utf8(data, rel, problems)
    if text is None:
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
    except RefusedYAML as exc:
        mark = exc.problem_mark
        line = _first_alias_line(text) if exc.code == "yaml-alias" else (mark.line + 1 if mark else None)
        problems.add(rel, line, "", str(exc.problem), exc.code)
        return None, LineMap("")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problems.add(rel, line, "", f"YAML syntax error: {exc.problem or exc}", "yaml")
        return None, LineMap("")
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises Marked errors for text input
        problems.add(rel, None, "", f"YAML error: {exc}", "yaml")
        return None, LineMap("")
    return data, LineMap(path if path is not None else text)


def _first_alias_line(text: str) -> int | None:
    """Where the first alias or anchor is used: the constructor only sees the anchored node."""
    for event in yaml.parse(text, Loader=_Loader):
        if getattr(event, "anchor", None) is not None and event.start_mark is not None:
            return event.start_mark.line + 1
    return None  # pragma: no cover - an alias error always has an anchor


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
