"""Which SQL statements a block of code sends, and which commits it makes (for tests about what
a page reads and writes)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from webui.wiring import Services


@contextmanager
def _listening(target: Any, name: str, note: Callable[..., Any]) -> Iterator[None]:
    event.listen(target, name, note)
    try:
        yield
    finally:
        event.remove(target, name, note)


@contextmanager
def statements(services: Services) -> Iterator[list[str]]:
    """Every SQL statement run inside the block."""
    seen: list[str] = []

    def remember(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    with _listening(services.db, "before_cursor_execute", remember):
        yield seen


@contextmanager
def sent(services: Services) -> Iterator[list[tuple[str, Any]]]:
    """Every SQL statement run inside the block, with the parameters the driver got."""
    seen: list[tuple[str, Any]] = []

    def remember(_conn, _cursor, statement, parameters, *_args) -> None:  # type: ignore[no-untyped-def]
        seen.append((statement, parameters))

    with _listening(services.db, "before_cursor_execute", remember):
        yield seen


@contextmanager
def commits(services: Services) -> Iterator[list[object]]:
    """One entry per commit made inside the block."""
    done: list[object] = []
    with _listening(services.db, "commit", done.append):
        yield done


def selects(seen: list[str]) -> list[str]:
    """The SELECT statements among ``seen``."""
    return [s for s in seen if s.lstrip().upper().startswith("SELECT")]


@contextmanager
def transactions(services: Services) -> Iterator[list[object]]:
    """One entry per connection checked out of the pool ("checkout") and per transaction
    begun ("begin") inside the block."""
    seen: list[object] = []

    def checkout(*_args: object) -> None:
        seen.append("checkout")

    def begin(*_args: object) -> None:
        seen.append("begin")

    with _listening(services.db, "begin", begin), \
            _listening(services.db.pool, "checkout", checkout):
        yield seen


@contextmanager
def time_zone(session: Session, zone: str) -> Iterator[None]:
    """The session's time zone set to ``zone`` inside the block, on PostgreSQL (it writes
    instants into JSON in its session's time zone: not always UTC); SQLite has none."""
    if session.get_bind().dialect.name != "postgresql":
        yield
        return
    session.execute(text(f"SET TIME ZONE '{zone}'"))
    try:
        yield
    finally:
        session.execute(text("RESET TIME ZONE"))


@contextmanager
def traced(raw: Any) -> Iterator[list[str]]:
    """The protocol messages ``raw`` (a psycopg connection) exchanges inside the block."""
    lines: list[str] = []
    with tempfile.TemporaryFile("w+") as trace:
        raw.pgconn.trace(trace.fileno())
        raw.pgconn.set_trace_flags(psycopg.pq.Trace.SUPPRESS_TIMESTAMPS)
        try:
            yield lines
        finally:
            raw.pgconn.untrace()
            trace.seek(0)
            lines.extend(trace.read().splitlines())


def round_trips(lines: list[str]) -> int:
    return sum(1 for line in lines if line.startswith("B") and "ReadyForQuery" in line)


def began(lines: list[str]) -> bool:
    return _sent_command(lines, "BEGIN")


def committed(lines: list[str]) -> bool:
    return _sent_command(lines, "COMMIT")


def _sent_command(lines: list[str], command: str) -> bool:
    """Whether the client sent ``command`` among ``lines`` of a trace (``traced``)."""
    return any(f'"{command}"' in line for line in lines if line.startswith("F"))
