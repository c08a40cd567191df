"""Text fields: plain text only, no formula starts or control characters, English present and
following the glossary."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..core.formula import formula_trigger
from ..core.problems import ProblemList, dotted
from ..model.catalog import Catalog, Guide

# An opening tag, closed or not ("<img src=x onerror=…" runs without its ">"), and script URLs.
MARKUP = re.compile(
    r"<\s*/?\s*[a-zA-Z!?]|\b(?:java|vb)script\s*:|\bdata\s*:\s*[a-z]+/[a-z0-9.+-]+\s*[;,]", re.IGNORECASE
)
# Syntax MkDocs and its extensions act on even in plain text: attribute lists, Jinja, snippets.
TEMPLATE = re.compile(r"\{\s*:|\{%|\{\{|\{#|--8<--")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bidirectional overrides and embeddings, zero-width and other invisible characters: they make a text
# read differently from what it holds (U+200B–200F, U+202A–202E, U+2060–2064, U+2066–2069, U+FEFF…).
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
HAN = re.compile("[\u3400-\u9fff]")
# Bitexts that are names, not prose: checked for English but not against the glossary.
NAME_FIELDS = {"name", "affiliation", "position", "people", "office"}


def iter_bitexts(data, path=()) -> Iterator[tuple[tuple, dict]]:
    """Every {zh, en} pair in a guide, with its path."""
    if isinstance(data, dict):
        if set(data) == {"zh", "en"} and all(isinstance(v, str) for v in data.values()):
            yield path, data
            return
        for key, value in data.items():
            yield from iter_bitexts(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from iter_bitexts(value, path + (i,))


def iter_strings(data, path=()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from iter_strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from iter_strings(value, path + (i,))
    elif isinstance(data, str):
        yield path, data


def text_problems(data) -> Iterator[tuple[tuple, str, str]]:
    """(path, message, code) for every string of data that is not plain, visible text, and every
    English text that is the Chinese copied: for guides, vocabularies and package.yaml alike."""
    for path, value in iter_strings(data):
        markup = MARKUP.search(value)
        if markup:
            yield path, f"contains HTML markup or a script URL ({markup.group(0)!r}); write plain text", "markup"
        template = TEMPLATE.search(value)
        if template:
            yield path, f"contains page or template syntax ({template.group(0)!r}); write plain text", "template-syntax"
        trigger = formula_trigger(value) if path and path[-1] in ("zh", "en") else None
        if trigger is not None:
            yield path, f"text starts with {trigger!r}, which spreadsheets run as a formula; reword it", "formula"
        if CONTROL.search(value):
            yield path, "contains a control character", "control-character"
        invisible = INVISIBLE.search(value)
        if invisible:
            yield (
                path,
                f"contains the invisible character U+{ord(invisible.group(0)):04X} at position {invisible.start()}",
                "invisible-character",
            )
    for path, pair in iter_bitexts(data):
        if HAN.search(pair["zh"]) and pair["en"].strip() == pair["zh"].strip():
            yield path + ("en",), "the English is the Chinese copied; translate it", "en-copies-zh"


def check_texts(catalog: Catalog, guide: Guide, problems: ProblemList) -> None:
    for path, message, code in text_problems(guide.data):  # line numbers are looked up only for a problem
        problems.add(guide.rel, guide.line(*path), dotted(path), message, code)
    terms = sorted(catalog.vocab.glossary, key=lambda t: len(t["zh"]), reverse=True)
    for path, pair in iter_bitexts(guide.data):

        def where_en() -> tuple[str, int | None, str]:
            return guide.rel, guide.line(*path, "en"), dotted(path + ("en",))

        if not pair["en"].strip():
            problems.add(*where_en(), "missing English translation", "missing-english")
            continue
        if any(part in NAME_FIELDS for part in path if isinstance(part, str)):
            continue
        for term in glossary_violations(pair["zh"], pair["en"], terms):
            problems.add(
                *where_en(),
                f"glossary: '{term['zh']}' must be rendered as '{term['en']}'"
                + (f" (or {', '.join(repr(v) for v in term['variants'])})" if term.get("variants") else ""),
                "glossary",
            )


def _norm(text: str) -> str:
    text = text.lower().replace("–", "-").replace("—", "-").replace("‑", "-").replace("’", "'")
    return re.sub(r"\s+", " ", text)


def glossary_violations(zh: str, en: str, terms: list[dict]) -> list[dict]:
    """Glossary terms present in zh (longest first, without overlaps) whose rendering en lacks."""
    masked = zh
    found = []
    for term in terms:
        if term["zh"] in masked:
            found.append(term)
            masked = masked.replace(term["zh"], "\0" * len(term["zh"]))
    en_norm = _norm(en)
    return [t for t in found if not any(_norm(r) in en_norm for r in [t["en"], *t.get("variants", [])])]
