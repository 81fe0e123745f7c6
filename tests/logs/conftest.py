"""Log lines captured as production writes them: the app's INFO lines and everyone's
warnings, through the handler `alur` and gunicorn use."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from engine import logs


class Captured:
    """The lines written so far."""

    def __init__(self, stream: io.StringIO) -> None:
        self.stream = stream

    @property
    def text(self) -> str:
        """Everything, as written."""
        return self.stream.getvalue()

    def records(self) -> list[dict[str, Any]]:
        """Each line read back as JSON (a line that is not JSON fails the test)."""
        return [json.loads(line) for line in self.text.splitlines()]


@pytest.fixture
def json_lines() -> Iterator[Captured]:
    """JSON lines from every logger at production levels (root WARNING, alur INFO)."""
    stream = io.StringIO()
    handler = logs.handler(logs.JSON, stream)
    root, alur = logging.getLogger(), logging.getLogger("alur")
    levels = root.level, alur.level
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    alur.setLevel(logging.INFO)
    try:
        yield Captured(stream)
    finally:
        root.removeHandler(handler)
        root.setLevel(levels[0])
        alur.setLevel(levels[1])
