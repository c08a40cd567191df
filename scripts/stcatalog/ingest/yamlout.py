"""The draft as YAML text, written by libyaml from an event stream.

`yaml.dump` spends most of a large ingest in PyYAML's Python representer (two thirds of a 20 MB
draft), even with the C emitter. A draft holds only dicts, lists, strings, numbers, booleans and None,
so its events are built here in one walk, record by record, and libyaml's emitter writes them into
the stream: the same text as `yaml.dump(doc, Dumper=CSafeDumper, allow_unicode=True, sort_keys=False,
width=100000)` (a test compares them on generated documents), four times faster, and never the whole
text in memory. Anything else is refused.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_RESOLVER = yaml.resolver.Resolver()
_FIRST = _RESOLVER.yaml_implicit_resolvers  # first character -> the implicit types a plain scalar may be
_STR = "tag:yaml.org,2002:str"
_PLAIN = (True, False)  # implicit when written plain: a number, a boolean, null
_TEXT = (False, True)  # a string that would read as something else unquoted


def _text(value: str) -> ScalarEvent:
    """A string, plain only where a reader would take it back as a string (as PyYAML's serializer decides)."""
    plain = bool(value) and (value[0] not in _FIRST or _RESOLVER.resolve(ScalarNode, value, _PLAIN) == _STR)
    return ScalarEvent(None, None, (plain, True), value)


def _number(value: float) -> str:
    """A float as PyYAML's SafeRepresenter writes it (so that it reads back as a float)."""
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value).lower()
    return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text


_NULL = ScalarEvent(None, None, _PLAIN, "null")
_BOOLEAN = {True: ScalarEvent(None, None, _PLAIN, "true"), False: ScalarEvent(None, None, _PLAIN, "false")}
_EMPTY = ScalarEvent(None, None, (False, True), "")
# libyaml's emitter only reads an event, so one of each kind serves every mapping and list
_MAP, _MAP_END = MappingStartEvent(None, None, True, flow_style=False), MappingEndEvent()
_LIST, _LIST_END = SequenceStartEvent(None, None, True, flow_style=False), SequenceEndEvent()


def _key(key: object, keys: dict[str, ScalarEvent]) -> ScalarEvent:
    """A key's event, made once: a draft has a few dozen keys."""
    if not isinstance(key, str):
        raise TypeError(f"a draft's keys are strings, not {type(key).__name__}")
    event = keys.get(key)
    if event is None:
        event = keys[key] = _text(key)
    return event


def _events(value: object, out: list[Event], keys: dict[str, ScalarEvent]) -> None:
    """The events of one value, depth first, appended to `out`."""
    if isinstance(value, str):
        out.append(_text(value) if value else _EMPTY)
    elif isinstance(value, dict):
        out.append(_MAP)
        for key, item in value.items():
            out.append(_key(key, keys))
            _events(item, out, keys)
        out.append(_MAP_END)
    elif isinstance(value, list):
        out.append(_LIST)
        for item in value:
            _events(item, out, keys)
        out.append(_LIST_END)
    elif value is None:
        out.append(_NULL)
    elif isinstance(value, bool):
        out.append(_BOOLEAN[value])
    elif isinstance(value, int):
        out.append(ScalarEvent(None, None, _PLAIN, str(value)))
    elif isinstance(value, float):
        out.append(ScalarEvent(None, None, _PLAIN, _number(value)))
    else:
        raise TypeError(f"a draft holds no {type(value).__name__}")


def _stream(doc: dict) -> Iterator[Event]:
    """The document's events, one top-level entry (or one record of a list) at a time, so that the
    events of a large draft are never all held at once."""
    keys: dict[str, ScalarEvent] = {}
    yield StreamStartEvent()
    yield DocumentStartEvent(explicit=False)
    yield _MAP
    for key, value in doc.items():
        yield _key(key, keys)
        items = value if isinstance(value, list) and value else None
        if items is None:
            part: list[Event] = []
            _events(value, part, keys)
            yield from part
            continue
        yield _LIST
        for item in items:  # a list of records: each record's events as they are made
            part = []
            _events(item, part, keys)
            yield from part
        yield _LIST_END
    yield _MAP_END
    yield DocumentEndEvent(explicit=False)
    yield StreamEndEvent()


def dump(doc: dict, out: SupportsWrite[str]) -> None:
    """`doc` into `out` as block-style YAML, keys in their order, Chinese as written, lines never folded."""
    yaml.emit(_stream(doc), out, Dumper=_DUMPER, allow_unicode=True, width=100000)
