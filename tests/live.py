"""The app served on a real port and Debian's Chromium, for the browser tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from engine.complaints.demo import demo_id_card

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def closing_responses(app: Any) -> Any:
    """``app`` with each response body closed even when the browser drops the connection
    mid-response (it cancels a favicon or a script when it navigates on): werkzeug's
    development server then skips ``close()``, and the static file the body held open was left
    to the garbage collector, a ResourceWarning that failed whichever test was running."""

    def wsgi(environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
        return _closed_after(app(environ, start_response))

    return wsgi


def _closed_after(body: Any) -> Iterator[bytes]:
    # A generator: left unfinished, it is closed when dropped, and closes the body then.
    try:
        yield from body
    finally:
        close = getattr(body, "close", None)
        if close is not None:
            close()


@contextmanager
def served(app: Flask) -> Iterator[str]:
    """The app on a free local port, served from a thread, against the test database."""
    server = make_server("127.0.0.1", 0, closing_responses(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="alur-live", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (no browser is ever downloaded)."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def fill_complaint(page: Any, title: str, description: str, name: str, phone: str) -> None:
    """Type a complaint into the citizen's (or the counter's) form fields, with the photo of
    the ID card a named report carries."""
    page.fill("#f-title", title)
    page.fill("#f-description", description)
    page.fill("#f-name", name)
    page.fill("#f-phone", phone)
    page.set_input_files("#f-id_document", {"name": "ktp.png", "mimeType": "image/png",
                                             "buffer": demo_id_card()})
