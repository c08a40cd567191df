"""Generated pages from Jinja2 templates with autoescape on: data is escaped unless a template says
`|safe`. Markdown-significant characters in data become numeric character references (the `md`
filter), so neither Python-Markdown nor its extensions (attr_list, admonition, tables…) can read
data as syntax; a reference shows as its character, where a backslash escape would show itself."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"

# What Markdown or an extension could read as syntax anywhere in a line, and what HTML needs escaped
# (attributes are always double-quoted), each written as a character reference. "&" and "#" go
# first, so that the references written after them are left alone.
_REFERENCES = [("&", "&amp;"), ("#", "&#35;")] + [(c, f"&#{ord(c)};") for c in '\\`*_{}[]!|~^=<>"']
# What starts a list when it opens a paragraph: "- ", "+ ", "1. ", "1) ".
_LEADING = re.compile(r"[-+]|\d+[.)]")


def inert(value) -> Markup:
    """Data as one line of inert text, safe in Markdown and in HTML text or attributes. List markers
    are syntax only where a line opens, so only there are they written as references (text keeps its
    punctuation for the search index)."""
    line = " ".join(str("" if value is None else value).split())
    for char, reference in _REFERENCES:
        if char in line:
            line = line.replace(char, reference)
    lead = _LEADING.match(line) if line[:1] in "-+0123456789" else None
    if lead:
        line = "".join(f"&#{ord(c)};" for c in lead.group()) + line[lead.end() :]
    return Markup(line)


def inert_paras(value) -> Markup:
    """Data text as inert Markdown paragraphs (a blank line separates paragraphs)."""
    parts = re.split(r"\n\s*\n", str("" if value is None else value))
    return Markup("\n\n".join(inert(p) for p in parts if p.strip()))


def _marked(text: Markup, t: dict, missing: str) -> Markup:
    if not t["missing"]:
        return text
    note = escape(missing)
    return text + Markup(f' <span class="st-missing" title="{note}">[{note}]</span>')


def shown(t: dict, missing: str) -> Markup:
    """A text in the page's language ({"value", "missing"}) on one line; marked when the
    authoritative text stands in for a missing translation."""
    return _marked(inert(t["value"]), t, missing)


def shown_paras(t: dict, missing: str) -> Markup:
    """The same, as Markdown paragraphs."""
    return _marked(inert_paras(t["value"]), t, missing)


def html_paras(value) -> Markup:
    """Data text as HTML paragraphs, escaped (for raw HTML blocks)."""
    parts = str("" if value is None else value).split("\n\n")
    return Markup("".join(f"<p>{inert(p)}</p>" for p in parts if p.strip()))


def code(value) -> Markup:
    """Data as inline code."""
    return Markup("<code>%s</code>") % inert(value)


def code_line(value) -> Markup:
    """Data inside a fenced code block, where references would show: kept as it is, on one line (a
    line break could close the fence). The highlighter escapes it."""
    return Markup(" ".join(str(value).split()))


def fill(template: str, **values) -> Markup:
    """A UI string with {placeholders} filled by data, each made inert (Markup values pass as they are)."""
    return Markup(escape(template)).format(**{k: v if isinstance(v, Markup) else inert(v) for k, v in values.items()})


def json_script(data) -> Markup:
    """JSON for a <script type="application/ld+json"> block: `<`, `>` and `&` written as escapes, so
    no value can close the script."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def front_matter(title: str, description: str = "") -> Markup:
    """YAML front matter, written by the YAML library (MkDocs escapes what it prints: see the hook)."""
    meta = {"title": " ".join(title.split())}
    plain = " ".join(description.split())
    if plain:
        meta["description"] = plain[:300]
    body = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000)
    return Markup(f"---\n{body}---\n")


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=inert,
        md_paras=inert_paras,
        shown=shown,
        shown_paras=shown_paras,
        html_paras=html_paras,
        code=code,
        code_line=code_line,
        fill=fill,
    )
    env.globals.update(front_matter=front_matter, json_script=json_script)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
