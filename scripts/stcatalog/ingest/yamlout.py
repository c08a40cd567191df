"""The draft as YAML text, written by libyaml from an event stream.

`yaml.dump` spends most of a large ingest in PyYAML's Python representer (two thirds of a 20 MB
draft), even with the C emitter. A draft holds only dicts, lists, strings, numbers, booleans and None,
so its events are built here in one walk and libyaml's emitter writes them: the same text as
`yaml.dump(doc, Dumper=CSafeDumper, allow_unicode=True, sort_keys=False, width=100000)` (a test
compares them on generated documents), about four times faster. Anything else is refused.
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


def _events(value: object) -> Iterator[Event]:
    """The events of one value, depth first: generated, so that a large draft is never held twice."""
    if isinstance(value, str):
        yield _text(value)
    elif isinstance(value, dict):
        yield MappingStartEvent(None, None, True, flow_style=False)
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"a draft's keys are strings, not {type(key).__name__}")
            yield _text(key)
            yield from _events(item)
        yield MappingEndEvent()
    elif isinstance(value, list):
        yield SequenceStartEvent(None, None, True, flow_style=False)
        for item in value:
            yield from _events(item)
        yield SequenceEndEvent()
    elif value is None:
        yield ScalarEvent(None, None, _PLAIN, "null")
    elif isinstance(value, bool):
        yield ScalarEvent(None, None, _PLAIN, "true" if value else "false")
    elif isinstance(value, int):
        yield ScalarEvent(None, None, _PLAIN, str(value))
    elif isinstance(value, float):
        yield ScalarEvent(None, None, _PLAIN, _number(value))
    else:
        raise TypeError(f"a draft holds no {type(value).__name__}")


def _stream(doc: dict) -> Iterator[Event]:
    yield StreamStartEvent()
    yield DocumentStartEvent(explicit=False)
    yield from _events(doc)
    yield DocumentEndEvent(explicit=False)
    yield StreamEndEvent()


def dump(doc: dict, out: SupportsWrite[str]) -> None:
    """`doc` into `out` as block-style YAML, keys in their order, Chinese as written, lines never folded."""
    yaml.emit(_stream(doc), out, Dumper=_DUMPER, allow_unicode=True, width=100000)
