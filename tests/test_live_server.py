"""The browser tests' server closes a response body the browser walked away from."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

from tests.live import closing_responses


class _Body:
    def __init__(self) -> None:
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        yield b"first"
        yield b"second"

    def close(self) -> None:
        self.closed = True


def _app(body: _Body) -> Any:
    def app(_environ: dict[str, Any], start_response: Any) -> _Body:
        start_response("200 OK", [])
        return body

    return app


def test_a_body_abandoned_mid_response_is_closed() -> None:
    """Found in a fresh-clone run: a dropped connection left a static file open until the
    garbage collector met it (ResourceWarning, an error in this suite)."""
    body = _Body()
    chunks = closing_responses(_app(body))({}, lambda *_: None)
    assert next(iter(chunks)) == b"first"
    del chunks  # the server gave up on the connection after the first write
    gc.collect()
    assert body.closed


def test_a_body_sent_whole_is_closed_once_by_the_server() -> None:
    body = _Body()
    chunks = closing_responses(_app(body))({}, lambda *_: None)
    assert list(chunks) == [b"first", b"second"]
    assert body.closed
