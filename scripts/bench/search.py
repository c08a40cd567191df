"""Search in Chromium on 127.0.0.1, for the benchmark: bytes and time to the first result, cold."""

from __future__ import annotations

import time
from pathlib import Path

from headless import launch, serve

QUERIES = {"zh": ["棉花", "马铃薯"], "en": ["cotton", "potato"]}


def measure_search(site: Path) -> dict:
    """In Chromium on 127.0.0.1: bytes transferred and time to the first result, cold, then a second query."""
    from playwright.sync_api import sync_playwright

    server, url = serve(site)
    out = {}
    try:
        with sync_playwright() as p:
            browser = launch(p)
            for lang, queries in QUERIES.items():
                page = browser.new_context().new_page()  # a fresh context: a cold cache
                page.goto(f"{url}{lang}/")
                page.wait_for_load_state("networkidle")
                fetched = []
                page.on("response", lambda r: fetched.append(r))
                for label, query in zip(("cold", "second"), queries):
                    fetched.clear()
                    box = page.locator("#st-search-input")
                    box.fill("")
                    t0 = time.perf_counter()
                    box.press_sequentially(query)
                    typed = time.perf_counter()
                    page.wait_for_selector(".st-search-result", timeout=60000)
                    out[f"{lang}-{label}-ms"] = (time.perf_counter() - t0) * 1000
                    out[f"{lang}-{label}-after-last-key-ms"] = (time.perf_counter() - typed) * 1000
                    page.wait_for_load_state("networkidle")
                    out[f"{lang}-{label}-KB"] = sum(len(r.body()) for r in fetched if r.status == 200) / 1e3
                    out[f"{lang}-{label}-requests"] = len(fetched)
                    box.fill("")
                    page.wait_for_timeout(300)
                page.context.close()
            browser.close()
    finally:
        server.shutdown()
    return out
