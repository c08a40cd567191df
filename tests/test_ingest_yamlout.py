"""The draft's YAML writer (ingest/yamlout.py) against PyYAML's own dump, on generated documents."""

from __future__ import annotations

import io

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from stcatalog.ingest import yamlout
from stcatalog.ingest.draft import _Notes, to_yaml


def _dumped(doc: dict) -> str:
    out = io.StringIO()
    yamlout.dump(doc, out)
    return out.getvalue()


def _reference(doc: dict) -> str:
    return yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100000)


# Strings a reader could take for something else unquoted, and ones that need quoting or escapes.
TRICKY = [
    "",
    "null",
    "~",
    "yes",
    "No",
    "on",
    "true",
    "1",
    "0x1F",
    "1e5",
    ".inf",
    "2024-01-02",
    "12:30",
    "- a",
    "a: b",
    "# x",
    "'",
    '"',
    "line\nbreak",
    "tab\there",
    " lead",
    "trail ",
    "不低于1:1",
    "1～2万元",
    "\u2028",
    "\x85",
    "\ufeff",
    "&anchor",
    "*alias",
    "!tag",
    "%",
    "@",
    "`",
    "{a}",
    "[1]",
    "?",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(TRICKY),
    st.text(max_size=30),
    st.text(alphabet="一二三四五六七八九十万元项个：:，。-—“”《》 \n0123456789.%", max_size=30),
)
keys = st.one_of(st.sampled_from(["id", "zh", "en", "on", "null", "1", ""]), st.text(max_size=8))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(keys, values, max_size=6))
def test_the_same_text_as_pyyaml(doc):
    assert _dumped(doc) == _reference(doc)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(keys, values, max_size=6))
def test_it_reads_back_as_written(doc):
    back = yaml.safe_load(_dumped(doc))
    assert yaml.safe_dump(back, sort_keys=False) == yaml.safe_dump(doc, sort_keys=False)


def test_values_a_draft_never_holds_are_refused():
    with pytest.raises(TypeError, match="holds no tuple"):
        _dumped({"a": (1, 2)})
    with pytest.raises(TypeError, match="keys are strings"):
        _dumped({1: "a"})


def test_notes_follow_their_id_line_whatever_the_chunks():
    text = "a:\n- id: i1\n  zh: x\n- id: i2\n  zh: y\n"
    for size in (1, 2, 3, 7, len(text)):
        out = io.StringIO()
        notes = _Notes(out, {"i1": "why: one", "i2": "why: two"})
        for at in range(0, len(text), size):
            notes.write(text[at : at + size])
        notes.close()
        assert out.getvalue() == "a:\n- id: i1  # why: one\n  zh: x\n- id: i2  # why: two\n  zh: y\n"


def test_a_draft_carries_its_rules_as_comments():
    doc = {"id": "d", "indicators": [{"id": "i1", "why": "plan-target", "text": {"zh": "建成3个", "en": ""}}]}
    text = to_yaml(doc)
    assert "- id: i1  # why: plan-target\n" in text
    assert yaml.safe_load(text)["indicators"] == [{"id": "i1", "text": {"zh": "建成3个", "en": ""}}]
