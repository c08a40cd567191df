"""How the benchmark and the browser tests start Chromium and serve a built site on 127.0.0.1.

One set of launch flags for both, so that a search the benchmark measures and one the tests check run
in the same browser. It lives here, beside the benchmark, and the tests import it from scripts/bench
(as they import the goal table): the wheel ships neither, and the package never starts a browser."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # Debian's, which `make test` installs
FLAGS = [
    "--headless",
    "--no-sandbox",  # Chromium's sandbox refuses to start as root, as CI containers run
    "--disable-gpu",
    # no background traffic, updates, sync or first-run pages while a test or a measurement runs
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright):
    """Chromium, headless, with the flags above (playwright: a started sync_playwright())."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder's files without a log line per request."""

    def log_message(self, *args):
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve folder on a free port of 127.0.0.1 from a daemon thread; the server (to shut down) and its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
