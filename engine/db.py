"""Database engine, sessions and the unit of work (one transaction per command)."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from sqlalchemy import DateTime, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from .plain_flush import write_pending


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored as UTC; SQLite drops zones, so they are put back on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else as_utc(value)


def as_utc(value: datetime) -> datetime:
    """An instant read back as aware UTC (a naive one is UTC: SQLite keeps no zone)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base of every Alur table."""

    type_annotation_map = {datetime: UTCDateTime()}


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An SQLAlchemy engine; SQLite gets foreign keys, WAL and a busy timeout; PostgreSQL
    (psycopg) opens its sessions in UTC, ends a transaction that only read with COMMIT, begins
    a transaction only at the first statement that writes or locks, and its cursors describe
    a statement's result once per connection (engine.pg_cursor)."""
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"timeout": 30})
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
    elif engine.dialect.driver == "psycopg":
        event.listen(engine, "do_connect", _sessions_in_utc)
        _end_reads_with_commit(engine)
        _begin_transactions_late(engine)
    return engine


def _sessions_in_utc(_dialect: Any, _record: Any, _args: Any, parameters: dict[str, Any]) -> None:
    """Open every PostgreSQL session with its TimeZone set to UTC (the URL's own ``options``
    kept): psycopg then reads an instant with Python's ``UTC`` itself, which ``as_utc``
    returns as it is (with the server's zone, often Etc/UTC, each instant was converted
    twice: ~0.6 µs a value, 53 values on a page of 50 inbox cards). Alur's SQL names the zone
    wherever a day is cut (``timezone('Asia/Jakarta', ...)``), so no answer depends on it."""
    parameters["options"] = " ".join(filter(None, (parameters.get("options"), "-c TimeZone=UTC")))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Python's sqlite3 opens transactions lazily and on its own; take control of BEGIN so
    # a unit of work holds the write lock from its first statement (no lost updates).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin_transactions_late(engine: Engine) -> None:
    """Make ``engine``'s (psycopg) connections use Alur's cursor and begin a transaction at
    its first statement that is not a plain SELECT (engine.pg_cursor says why that is safe
    under READ COMMITTED). A connection asked for autocommit (SQLAlchemy's isolation level
    AUTOCOMMIT, for VACUUM) never begins one; one asked for a stricter level begins it at its
    first statement, as psycopg does: its snapshot must cover every read."""
    from psycopg import IsolationLevel

    from .pg_cursor import DescribedOnceCursor, begin_late

    def settle(connection: Any, autocommit: bool, isolation_level: Any) -> None:
        late = not autocommit and isolation_level in (None, IsolationLevel.READ_COMMITTED)
        begin_late(connection, late, autocommit)

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.cursor_factory = DescribedOnceCursor
        settle(dbapi_connection, dbapi_connection.autocommit, dbapi_connection.isolation_level)

    def set_level(connection: Any, autocommit: bool, isolation_level: Any) -> None:
        # SQLAlchemy sets the level here for an execution option and resets it at check-in
        # (by keyword: the dialect's own method's names).
        connection.isolation_level = isolation_level
        settle(connection, autocommit, isolation_level)

    event.listen(engine, "connect", on_connect)
    engine.dialect._do_isolation_level = set_level  # type: ignore[attr-defined]


def _sqlite_begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _end_reads_with_commit(engine: Engine) -> None:
    """Make ``engine`` (psycopg) end a transaction that ran only SELECTs with COMMIT, not
    ROLLBACK: the two do the same on the server, but psycopg forgets every prepared statement
    of the connection on ROLLBACK (a rollback may undo the creation of what one refers to).
    Pages end their unit of work by closing the session, which rolls back: with ROLLBACK no
    statement reached psycopg's threshold of five uses, and PostgreSQL parsed and planned
    every statement of every page again."""
    from psycopg.pq import TransactionStatus

    wrote: weakref.WeakSet[Any] = weakref.WeakSet()  # driver connections in a writing transaction

    def note_writes(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # Only a plain SELECT counts as a read (a data-modifying WITH, a SET, DDL do not); a
        # SELECT ... FOR UPDATE only locks, and COMMIT releases its locks as ROLLBACK does.
        if statement.lstrip()[:6].upper() != "SELECT":
            wrote.add(conn.connection.dbapi_connection)

    def forget_writes(conn: Any) -> None:
        wrote.discard(conn.connection.dbapi_connection)

    roll_back = engine.dialect.do_rollback

    def do_rollback(connection: Any) -> None:
        raw = getattr(connection, "dbapi_connection", connection)
        if raw in wrote or raw.info.transaction_status != TransactionStatus.INTRANS:
            wrote.discard(raw)
            roll_back(connection)
        else:
            raw.commit()

    event.listen(engine, "before_cursor_execute", note_writes)
    event.listen(engine, "commit", forget_writes)
    engine.dialect.do_rollback = do_rollback  # type: ignore[method-assign, assignment]


SessionFactory = Callable[[], Session]


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit."""
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)


class UnitOfWork:
    """One transaction: ``with uow: ...; uow.commit()``; leaving without commit rolls back."""

    def __init__(self, session_factory: SessionFactory) -> None:
        self._session_factory = session_factory
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self._session_factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # close() rolls back what was not committed and detaches objects without expiring
        # them, so what a read loaded stays readable after the unit of work.
        self.session.close()

    def commit(self) -> None:
        """Make the work of this unit durable: its changes written as plain statements where
        they can be (engine.plain_flush), else by the ORM's flush, then COMMIT (on PostgreSQL
        in the writes' own round trip when none of their answers is checked first)."""
        try:
            write_pending(self.session, commit=True)
        except BaseException:
            self.session.rollback()  # as a failed flush leaves it: nothing of this unit kept
            raise
        self.session.commit()

    def rollback(self) -> None:
        """Drop the work of this unit."""
        self.session.rollback()
