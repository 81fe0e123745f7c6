"""New rows written as plain INSERTs, not by the ORM's flush.

A command that adds rows and changes none of them again before it commits (a submission)
needs none of what the ORM's unit of work does for them: ordering along relationships,
identity bookkeeping, history. Its flush costs about twice the CPU of the INSERTs it sends.
"""

from __future__ import annotations

from functools import cache
from typing import Any, cast

from sqlalchemy import Table, inspect
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert

from engine.db import Base


def insert_rows(session: Session, *rows: Any) -> None:
    """Insert new ORM objects, each as one plain INSERT in the order given, without adding
    them to the session. The values are what the ORM's INSERT would send: an attribute not
    set, or None where the column has a default, leaves the column to its default. An id the
    database draws is put on the object, as the ORM does."""
    connection = session.connection()
    for row in rows:
        table = cast(Table, row.__table__)
        columns, defaulted = _columns_of(table)
        values = {
            key: value for key, value in inspect(row).dict.items()
            if key in columns and not (value is None and key in defaulted)
        }
        # The values go as parameters of one INSERT built per table: one built with them
        # (.values()) is a new statement each time, its cache key worked out again.
        result = connection.execute(_insert_into(table), values)
        drawn = table.autoincrement_column
        if drawn is not None and drawn.key not in values:
            key = result.inserted_primary_key
            assert key is not None  # a single-row INSERT of a table with a primary key
            setattr(row, drawn.key, key[0])


def insert_new_rows(session: Session) -> None:
    """Write every object added to ``session`` and not yet flushed as a plain INSERT, parents
    first, and take it out of the session: only for a command that changes none of them
    again before it commits (the session no longer tracks them)."""
    order = _table_order()
    rows = sorted(session.new, key=lambda row: order[row.__table__])
    for row in rows:
        session.expunge(row)
    insert_rows(session, *rows)


@cache
def _table_order() -> dict[Table, int]:
    return {table: order for order, table in enumerate(Base.metadata.sorted_tables)}


@cache
def _columns_of(table: Table) -> tuple[frozenset[str], frozenset[str]]:
    """The table's column keys, and those with a default (None there leaves it to it)."""
    return (frozenset(table.c.keys()),
            frozenset(c.key for c in table.c
                      if c.default is not None or c.server_default is not None))


@cache
def _insert_into(table: Table) -> Insert:
    return table.insert()
