"""MkDocs hook: page meta (title, description) is data, and the theme prints it into the page head
and header without escaping (MkDocs' Jinja environment does not autoescape). Escape it once here,
as Markup, so that every place prints text and `|e` does not escape it twice."""

from markupsafe import Markup, escape

ESCAPED = ("title", "description")


def on_page_markdown(markdown, page, config, files):
    for key in ESCAPED:
        value = page.meta.get(key)
        if value is not None and not isinstance(value, Markup):
            page.meta[key] = escape(str(value))
    return markdown
