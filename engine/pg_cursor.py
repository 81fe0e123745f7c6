"""psycopg's cursor with each statement's result description built once per connection.

psycopg builds ``cursor.description`` anew on every access: a ``Column`` object per column,
each decoding its name and looking up its type (55 µs for a row of 54 columns). SQLAlchemy
reads it after every statement, only to see that the statement returned rows once the
statement's result metadata is cached. A page's wide reads (a complaint with what hangs on
it, a task with its instance) paid that on every request for the same answer.

Imported only for PostgreSQL (psycopg is not needed on SQLite).
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import pq

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
        super().execute(query, params, **kwargs)
        return self

    def executemany(self, query: Any, params_seq: Any, **kwargs: Any) -> None:
        self._statement = None  # its results are one per parameter set: psycopg describes them
        super().executemany(query, params_seq, **kwargs)

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


def _kept(connection: psycopg.Connection[Any]) -> dict[Any, Any]:
    kept: dict[Any, Any] | None = getattr(connection, "_alur_descriptions", None)
    if kept is None:
        kept = {}
        connection._alur_descriptions = kept  # type: ignore[attr-defined]
    return kept
