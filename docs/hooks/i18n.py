"""MkDocs hook: point the language switcher and the hreflang links at the same page in the
other language. Each language is its own MkDocs build under /zh/ and /en/, so the counterpart
of <lang>/<page.url> is <other>/<page.url>."""

NAMES = {"zh": "中文", "en": "English"}


def on_page_context(context, page, config, nav):
    here = config.theme["language"]
    # Links are relative to this language's root; Material's `url` filter makes them relative to the page.
    config.extra["alternate"] = [
        {"name": NAMES[lang], "lang": lang, "link": f"../{lang}/{page.url}"}
        for lang in (here, "en" if here == "zh" else "zh")
    ]
    return context
