"""MkDocs hook: point the language switcher and the hreflang links at the same page in the
other language; advertise the language's Atom feed; write the footer (licence, version, last
updated) in the page's language. Each language is its own MkDocs build under /zh/ and /en/, so the
counterpart of <lang>/<page.url> is <other>/<page.url>.

With a public URL (site_url, set by `stcatalog site` from public_url or STCATALOG_PUBLIC_URL) the
hreflang links are absolute and the feed is linked; without one, links stay relative and there is
no feed to link. The footer's values come from datasets/package.yaml and are escaped here (the
theme prints the footer as HTML)."""

from pathlib import Path

import yaml
from markupsafe import escape

NAMES = {"zh": "中文", "en": "English"}
FOOTER = {
    "zh": '数据以 <a href="{url}">{licence}</a> 许可发布 · 第{version}版 · 最后更新 {updated}',
    "en": 'Data licensed under <a href="{url}">{licence}</a> · version {version} · last updated {updated}',
}
FEED_TITLE = {"zh": "最新指南（Atom）", "en": "Latest guides (Atom)"}


def _root(config) -> str | None:
    """The public URL of the whole site (above the language folders), or None."""
    url = config.site_url or ""
    here = config.theme["language"]
    return url[: -len(f"{here}/")] if url.endswith(f"/{here}/") else None


def on_config(config):
    here = config.theme["language"]
    meta = yaml.safe_load((Path(config.config_file_path).parent / "datasets" / "package.yaml").read_text("utf-8"))
    licence = meta["licenses"][0]
    updated = max((c["date"] for c in meta.get("changelog") or []), default=meta["created"])
    config.copyright = FOOTER[here].format(
        url=escape(licence["path"]),
        licence=escape(licence["name"]),
        version=escape(meta["version"]),
        updated=escape(updated),
    )
    root = _root(config)
    config.extra["feed"] = {"href": f"{root}feed.{here}.xml", "title": FEED_TITLE[here]} if root else None
    return config


def on_page_context(context, page, config, nav):
    here = config.theme["language"]
    root = _root(config)
    # Relative links are relative to this language's root; Material's `url` filter makes them relative to
    # the page, and leaves absolute ones as they are.
    config.extra["alternate"] = [
        {"name": NAMES[lang], "lang": lang, "link": f"{root}{lang}/{page.url}" if root else f"../{lang}/{page.url}"}
        for lang in (here, "en" if here == "zh" else "zh")
    ]
    return context
