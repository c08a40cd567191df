"""Names the site itself uses for pages and folders. An id that becomes a path (a guide's
guides/<id>/, a domain's domains/<id>/) must not be one of them, or its page would replace the index
of its folder or a page the site writes at that name (tests/test_hardening.py derives the list from
what the site really writes, so it cannot fall behind)."""

from __future__ import annotations

RESERVED_ROUTES = frozenset(
    {
        "404",
        "about",
        "assets",
        "contribute",
        "data",
        "domains",
        "en",
        "feed",
        "feeds",
        "glossary",
        "guides",
        "index",
        "indicators",
        "pagefind",
        "problem-codes",
        "regions",
        "robots",
        "search",
        "sitemap",
        "zh",
    }
)


def reserved_route(ident: str) -> bool:
    return ident.lower() in RESERVED_ROUTES
