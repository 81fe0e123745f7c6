"""Which SQL statements a block of code sends (for tests about what a page reads)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from webui.wiring import Services


@contextmanager
def statements(services: Services) -> Iterator[list[str]]:
    """Every SQL statement run inside the block."""
    seen: list[str] = []

    def remember(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(services.db, "before_cursor_execute", remember)
    try:
        yield seen
    finally:
        event.remove(services.db, "before_cursor_execute", remember)
