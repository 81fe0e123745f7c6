"""psycopg's cursor: each statement's result description built once per connection, and a
transaction begun at the first statement that needs one.

psycopg builds ``cursor.description`` anew on every access: a ``Column`` object per column,
each decoding its name and looking up its type (55 µs for a row of 54 columns). SQLAlchemy
reads it after every statement, only to see that the statement returned rows once the
statement's result metadata is cached. A page's wide reads (a complaint with what hangs on
it, a task with its instance) paid that on every request for the same answer.

A connection of Alur's engine runs in psycopg's autocommit mode with ``begins_late`` set
(engine.db): its plain SELECTs run on their own, and the cursor sends BEGIN just before the
first statement that writes or locks (anything but a plain SELECT: an INSERT, a WITH, a SELECT
... FOR UPDATE, a SAVEPOINT, DDL). Under READ COMMITTED, PostgreSQL's default and Alur's, a
plain SELECT inside a transaction takes its own snapshot and holds no row lock, so it sees
what it would see outside one; what a command reads and then writes is guarded as before (a
row lock, a version check). A page that only reads then costs no BEGIN and no COMMIT: two of
the tracking page's five round trips to the server.

Imported only for PostgreSQL (psycopg is not needed on SQLite).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import psycopg
from psycopg import pq

_IDLE = pq.TransactionStatus.IDLE
# What makes a SELECT more than a read: a row lock (held to the end of a transaction) or a
# table it creates. A false alarm (the words inside a literal) only begins a transaction.
_MORE_THAN_A_READ = re.compile(
    r"\bFOR\s+(?:NO\s+KEY\s+UPDATE|UPDATE|KEY\s+SHARE|SHARE)\b|\bINTO\b", re.IGNORECASE)

# A connection keeps at most this many descriptions; statements whose text varies with their
# parameters (an expanded IN list) must not grow it without end.
_KEPT_PER_CONNECTION = 512


class DescribedOnceCursor(psycopg.Cursor[Any]):
    """A cursor whose ``description`` of a statement's result is built once per connection.

    A kept description is given again only for the same statement text whose result has the
    same column types, in the same order: the same columns, since the text names them."""

    _statement: str | bytes | None = None

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> DescribedOnceCursor:
        self._statement = query if isinstance(query, str | bytes) else None
        if not (self._statement is not None and only_reads(self._statement)):
            self._begin_if_late()
        super().execute(query, params, **kwargs)
        return self

    def executemany(self, query: Any, params_seq: Any, **kwargs: Any) -> None:
        self._statement = None  # its results are one per parameter set: psycopg describes them
        self._begin_if_late()
        super().executemany(query, params_seq, **kwargs)

    def _begin_if_late(self) -> None:
        """BEGIN, when the connection begins its transactions late and has none open."""
        connection = self.connection
        if getattr(connection, "begins_late", False) and \
                connection.pgconn.transaction_status == _IDLE:
            # A cursor of its own: in a pipeline (engine.direct.sent_together) this one would
            # be answered by the BEGIN, not by its statement.
            with psycopg.Cursor(connection) as begin:
                begin.execute(b"BEGIN", prepare=False)

    def nextset(self) -> bool | None:
        self._statement = None  # another result of the same text: psycopg describes it
        return super().nextset()

    @property
    def description(self) -> list[psycopg.Column] | None:
        result, statement = self.pgresult, self._statement
        if result is None or statement is None or result.status != pq.ExecStatus.TUPLES_OK:
            return super().description
        key = (statement, tuple(map(result.ftype, range(result.nfields))))
        kept = _kept(self.connection)
        described = kept.get(key)
        if described is None:
            if len(kept) >= _KEPT_PER_CONNECTION:
                kept.clear()
            described = kept[key] = super().description
        return described


def begin_late(connection: psycopg.Connection[Any], late: bool, autocommit: bool) -> None:
    """Make ``connection`` begin each transaction at its first statement that is not a plain
    SELECT (``late``), else as psycopg does: never (``autocommit``) or at its first
    statement."""
    connection.autocommit = late or autocommit
    connection.begins_late = late  # type: ignore[attr-defined]


@lru_cache(maxsize=1024)
def only_reads(statement: str | bytes) -> bool:
    """Whether ``statement`` is a plain SELECT: no row lock, nothing written."""
    text = statement.decode() if isinstance(statement, bytes) else statement
    return text.lstrip()[:6].upper() == "SELECT" and _MORE_THAN_A_READ.search(text) is None


def _kept(connection: psycopg.Connection[Any]) -> dict[Any, Any]:
    kept: dict[Any, Any] | None = getattr(connection, "_alur_descriptions", None)
    if kept is None:
        kept = {}
        connection._alur_descriptions = kept  # type: ignore[attr-defined]
    return kept
