"""Statements compiled once by SQLAlchemy and sent by the driver on a unit of work's connection.

SQLAlchemy's execution of an already compiled statement (execution context, result object, row
wrappers) costs about as much CPU again as the driver's own work: ~70 of ~240 µs a statement on
PostgreSQL, 45 of 55 µs on SQLite. The reads every request begins with (its browser session,
its API token) and the unit of work's plain writes (engine.plain_flush) skip it here. What
SQLAlchemy gives is kept: the SQL written once for both databases and compiled by its dialect,
the types' conversions both ways, the unit's connection and transaction, its cursor events (a
listener sees these statements as any other; ``engine.db`` learns from them that a transaction
wrote) and its exceptions (a driver error arrives wrapped as SQLAlchemy wraps it, a lost
connection is invalidated).

Parameters are plain bound values: an IN list must be fixed in the statement (it is rendered
once), one given per call is refused. A read flushes the unit's pending objects first, as
``Session.execute`` does. A row a command goes on to change is made the session's object as
the ORM's loading makes one (``attached``); one only shown is built detached
(``loaded_object``).
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar, cast

from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, configure_mappers, make_transient_to_detached
from sqlalchemy.orm.attributes import instance_dict
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.sql.selectable import SelectBase

_Reader = tuple[int, Callable[[Any], Any]]
_T = TypeVar("_T")


class _Compiled:
    """One statement compiled for one dialect: its SQL, how its parameters are sent, and how
    its columns are read back (settled at the first read, from the driver's column types)."""

    def __init__(self, statement: ClauseElement, dialect: Dialect,
                 column_keys: Sequence[str] | None = None) -> None:
        compiled = cast(SQLCompiler, statement.compile(dialect=dialect, column_keys=column_keys))
        late = compiled.literal_execute_params | compiled.post_compile_params
        if compiled.escaped_bind_names or any(bind.required or bind.callable for bind in late):
            raise ValueError("statements sent directly take plain bound parameters "
                             "(an IN list only of values fixed in the statement)")
        self._compiled = compiled
        self._binds = {name: processor for name, bind in compiled.binds.items()
                       if bind not in late and (processor := bind.type.dialect_impl(dialect)
                                                .bind_processor(dialect)) is not None}
        self._late = tuple(name for name, bind in compiled.binds.items() if bind in late)
        self.sql, order, self._fixed = _expanded(compiled) if late else (
            compiled.string, compiled.positiontup, {})
        self._order = tuple(order or ()) if compiled.positional else None
        self._columns = (statement.selected_columns if isinstance(statement, SelectBase)
                         else statement.exported_columns if isinstance(statement, UpdateBase)
                         else ())
        self._dialect = dialect
        self._readers: list[_Reader] | None = None

    def parameters(self, given: Mapping[str, Any]) -> Any:
        """The driver's parameters for ``given`` (values fixed in the statement included)."""
        values: dict[str, Any] = dict(self._compiled.construct_params(dict(given)))
        for name, processor in self._binds.items():
            values[name] = processor(values[name])
        if self._late:
            for name in self._late:
                values.pop(name, None)
            values.update(self._fixed)
        return values if self._order is None else tuple(values[name] for name in self._order)

    def readers(self, description: Any) -> list[_Reader]:
        """Per column that needs one, its conversion from the driver's value."""
        if self._readers is None:
            found: list[_Reader] = []
            for index, (column, described) in enumerate(
                    zip(self._columns, description, strict=True)):
                reader = column.type.dialect_impl(self._dialect).result_processor(
                    self._dialect, described[1])
                if reader is not None:
                    found.append((index, reader))
            self._readers = found
        return self._readers

    def converted(self, cursor: Any, rows: Sequence[Any]) -> list[Any]:
        """``rows`` fetched from ``cursor``, each column converted as its type reads it."""
        readers = self.readers(cursor.description) if rows else []
        return [_read(row, readers) for row in rows]


def _expanded(compiled: SQLCompiler) -> tuple[str, Sequence[str] | None, dict[str, Any]]:
    """The SQL of a statement whose IN lists are fixed in it, rendered once with one bound
    parameter per value, its parameters' order, and those values (converted for the driver)."""
    unknown = {name: None for name, bind in compiled.binds.items() if bind.required}
    state = compiled.construct_expanded_state(unknown)
    fixed = {}
    for names in state.parameter_expansion.values():
        for name in names:
            processor = state.processors.get(name)
            value = state.parameters[name]
            fixed[name] = value if processor is None else processor(value)
    return state.statement, state.positiontup, fixed


class DirectRead:
    """A Core SELECT (or a textual statement whose answering columns are declared) sent by the
    driver on a session's connection; rows are named tuples (attributes named as SQLAlchemy
    names the statement's columns)."""

    def __init__(self, statement: SelectBase) -> None:
        self.statement = statement
        self._row: Any = namedtuple("Row", statement.selected_columns.keys(),  # type: ignore[misc]
                               rename=True)
        self._by_dialect: dict[str, _Compiled] = {}

    def all(self, session: Session, parameters: Mapping[str, Any]) -> list[Any]:
        """Every row for ``parameters``."""
        return self._run(_flushed(session), parameters, one=False)

    def first(self, session: Session, parameters: Mapping[str, Any]) -> Any | None:
        """The first row for ``parameters``, or None."""
        rows = self._run(_flushed(session), parameters, one=True)
        return rows[0] if rows else None

    def _compiled(self, dialect: Dialect) -> _Compiled:
        try:
            return self._by_dialect[dialect.name]
        except KeyError:
            compiled = self._by_dialect[dialect.name] = _Compiled(self.statement, dialect)
            return compiled

    def _run(self, connection: Connection, given: Mapping[str, Any], one: bool) -> list[Any]:
        compiled = self._compiled(connection.dialect)
        with _sending(connection, compiled.sql, compiled.parameters(given), False) as cursor:
            found = [cursor.fetchone()] if one else cursor.fetchall()
            rows = compiled.converted(cursor, [row for row in found if row is not None])
        return [self._row._make(row) for row in rows]


def loaded_object(cls: type[_T], values: Mapping[str, Any]) -> _T:
    """An object of the mapped ``cls`` as a query loads it from a row read here: its attributes
    are ``values`` (a value for every column, by attribute key), nothing is changed, and it has
    its identity; detached (``attached`` adds it to a session as persistent)."""
    found = _shape(cls).mapper.class_manager.new_instance()
    # As the ORM's loading fills an object: the values go straight into its dictionary (the
    # constructor would record each as a change, only for make_transient_to_detached to drop
    # them all; ~40 µs of a complaint row against ~7).
    instance_dict(found).update(values)
    make_transient_to_detached(found)
    return cast(_T, found)


def attached(session: Session, cls: type[_T], values: Mapping[str, Any]) -> _T:
    """The object of ``cls`` for a row read here, as ``session``'s query would answer it:
    the session's own object of that row when it holds one, else ``loaded_object`` added to
    the session as persistent (later changes to it are written at commit as a loaded
    object's)."""
    found = held(session, cls, values)
    if found is None:
        found = loaded_object(cls, values)
        session.add(found)
    return found


def held(session: Session, cls: type[_T], values: Mapping[str, Any]) -> _T | None:
    """The session's own object of the row of ``cls`` with ``values``, if it holds one."""
    return cast("_T | None", session.identity_map.get(identity_of(cls, values)))


def identity_of(cls: type[Any], values: Mapping[str, Any]) -> Any:
    """The identity-map key of the row of ``cls`` with ``values``."""
    shape = _shape(cls)
    return shape.mapper.identity_key_from_primary_key([values[key] for key in shape.identity])


def split_row(row: Sequence[Any], *classes: type[Any]) -> tuple[list[dict[str, Any]],
                                                                 Sequence[Any]]:
    """For a read of every column of each of ``classes``' tables in turn (each table's in its
    order) and then anything else: each class's values by attribute key, and the rest."""
    values, start = [], 0
    for cls in classes:
        keys = _shape(cls).keys
        values.append(dict(zip(keys, row[start:start + len(keys)], strict=True)))
        start += len(keys)
    return values, row[start:]


class _Shape(NamedTuple):
    """What a row of a mapped class is made of: its mapper, the attribute key of each column of
    its table (in the table's order) and of its primary key."""

    mapper: Any
    keys: tuple[str, ...]
    identity: tuple[str, ...]


_SHAPES: dict[type[Any], _Shape] = {}  # per mapped class, worked out at its first row


def _shape(cls: type[Any]) -> _Shape:
    try:
        return _SHAPES[cls]
    except KeyError:
        # An object made without its constructor does not configure the mappers as the
        # constructor does: in a process whose first object is built here, its attributes would
        # have no instrumentation yet (a web worker's first tracking page answered 500).
        configure_mappers()
        mapper = inspect(cls)
        keys = tuple(mapper.get_property_by_column(column).key
                     for column in mapper.local_table.c)
        identity = tuple(mapper.get_property_by_column(column).key
                         for column in mapper.primary_key)
        shape = _SHAPES[cls] = _Shape(mapper, keys, identity)
        return shape


def _flushed(session: Session) -> Connection:
    """The session's connection, its pending objects written first as ``Session.execute``
    writes them (autoflush): a read sees what its unit of work added."""
    if session.autoflush:
        session.flush()  # returns at once when nothing is pending
    return session.connection()


def write(connection: Connection, statement: ClauseElement,
          rows: Sequence[Mapping[str, Any]]) -> int:
    """Send an INSERT, UPDATE or DELETE for each of ``rows`` (all with the same keys; their
    columns are what an INSERT or an UPDATE sets) and answer the rows it matched. Nothing is
    read back: an INSERT whose ids the database draws is ``insert_returning``'s."""
    compiled, parameters = _prepared(connection, statement, rows)
    many = len(parameters) > 1
    with _sending(connection, compiled.sql, parameters if many else parameters[0],
                  many) as cursor:
        return int(cursor.rowcount)


def insert_returning(connection: Connection, statement: UpdateBase,
                     rows: Sequence[Mapping[str, Any]]) -> list[Any]:
    """Send an INSERT ... RETURNING of one column (the id the database draws) for each of
    ``rows`` (all with the same keys) and answer each row's value, in the rows' order.

    Each row is its own statement, so each answer is its own row's whatever order the
    database writes them in. On psycopg they go in one round trip (its executemany sends them
    pipelined and keeps each statement's result); elsewhere one after the other."""
    compiled, parameters = _prepared(connection, statement, rows)
    if len(parameters) > 1 and connection.dialect.driver == "psycopg":
        with _sending(connection, compiled.sql, parameters, True, returning=True) as cursor:
            return _returned(cursor, compiled, statements=len(parameters))
    found: list[Any] = []
    for one in parameters:
        with _sending(connection, compiled.sql, one, False) as cursor:
            found.extend(_returned(cursor, compiled, statements=1))
    return found


class Batch:
    """Writes of one unit of work sent together (``sent_together``); what each answers (the
    rows it matched, the ids it drew) is handed to its ``then`` once the batch is sent.

    On psycopg they go in one pipeline: one round trip to the server, not one per statement
    (the BEGIN a late transaction needs goes with them, engine.pg_cursor), and the answers are
    read when the batch ends. Elsewhere each is sent at once and answers at once."""

    def __init__(self, connection: Connection, pipelined: bool) -> None:
        self._connection = connection
        self._pipelined = pipelined
        self._cursors: list[Any] = []  # each statement's, in the order sent
        self._answers: list[Callable[[], None]] = []

    def write(self, statement: ClauseElement, rows: Sequence[Mapping[str, Any]],
              then: Callable[[int], None] | None = None) -> None:
        """``write``'s statement; ``then`` is given the rows it matched."""
        if not self._pipelined:
            matched = write(self._connection, statement, rows)
            if then is not None:
                then(matched)
        elif then is None:
            self._queue(statement, rows, returning=False)
        else:
            cursor, _, _ = self._queue(statement, rows, returning=False)
            self._answers.append(lambda: then(int(cursor.rowcount)))

    def insert_returning(self, statement: UpdateBase, rows: Sequence[Mapping[str, Any]],
                         then: Callable[[list[Any]], None]) -> None:
        """``insert_returning``'s statement; ``then`` is given each row's drawn value."""
        if not self._pipelined:
            then(insert_returning(self._connection, statement, rows))
            return
        cursor, compiled, statements = self._queue(statement, rows, returning=True)
        self._answers.append(lambda: then(_returned(cursor, compiled, statements)))

    def commit(self) -> None:
        """End the unit's transaction with COMMIT after the batch's writes, in their round
        trip (on psycopg; elsewhere the session's commit does it). For a batch whose answers
        refuse nothing: they are handed on after the COMMIT. A statement refused before it
        leaves it unrun (the pipeline stops there) and the transaction to be rolled back."""
        if self._pipelined:
            self._cursor(("COMMIT", None)).execute(b"COMMIT", prepare=False)

    def _queue(self, statement: ClauseElement, rows: Sequence[Mapping[str, Any]],
               returning: bool) -> tuple[Any, _Compiled, int]:
        """Send a statement into the pipeline: its cursor, its compiled form and how many
        statements it became (one per row when there are several)."""
        connection = self._connection
        compiled, parameters = _prepared(connection, statement, rows)
        many = len(parameters) > 1
        cursor = self._cursor((compiled.sql, parameters))
        cursor.alur_sent = _execute(connection, cursor, compiled.sql,
                                    parameters if many else parameters[0], many,
                                    returning and many)
        return cursor, compiled, len(parameters)

    def _cursor(self, sent: tuple[str, Any]) -> Any:
        """A cursor for one statement of the batch, closed when the batch ends whatever
        happens; ``sent`` (its SQL and parameters) is what an error names if the driver or
        the server refuses it (a listener may change what is sent: the caller updates it)."""
        cursor: Any = self._connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        self._cursors.append(cursor)
        cursor.alur_sent = sent
        return cursor

    @contextmanager
    def in_pipeline(self) -> Iterator[None]:
        """Send what the block queues in one psycopg pipeline, then hand each answer on; a
        driver's error raised as SQLAlchemy's, naming the statement refused."""
        connection = self._connection
        try:
            with connection.connection.dbapi_connection.pipeline():  # type: ignore[union-attr]
                yield
            for answer in self._answers:
                answer()
        except connection.dialect.loaded_dbapi.Error as error:
            failed = _failed(self._cursors)
            sql, parameters = getattr(failed, "alur_sent", ("", None))
            raise _wrapped(connection, failed, sql, parameters, error) from error
        finally:
            for cursor in self._cursors:
                cursor.close()


@contextmanager
def sent_together(connection: Connection) -> Iterator[Batch]:
    """A ``Batch`` of writes on ``connection``, sent and answered when the block ends."""
    pipelined = connection.dialect.driver == "psycopg"
    batch = Batch(connection, pipelined)
    if not pipelined:
        yield batch
        return
    with batch.in_pipeline():
        yield batch


def _failed(cursors: list[Any]) -> Any:
    """The cursor of the first statement of a batch that did not succeed."""
    from psycopg import pq

    done = (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK)
    for cursor in cursors:
        if cursor.pgresult is None or cursor.pgresult.status not in done:
            return cursor
    return cursors[-1] if cursors else None


def _returned(cursor: Any, compiled: _Compiled, statements: int) -> list[Any]:
    """The first column of each of the cursor's ``statements`` results, each read to its end
    (SQLite finishes an INSERT ... RETURNING only when its rows are all read)."""
    found: list[Any] = []
    for number in range(statements):
        if number:
            cursor.nextset()
        found.extend(row[0] for row in compiled.converted(cursor, cursor.fetchall()))
    return found


def _prepared(connection: Connection, statement: ClauseElement,
              rows: Sequence[Mapping[str, Any]]) -> tuple[_Compiled, list[Any]]:
    """A write compiled for the columns ``rows`` set, and each row's driver parameters."""
    compiled = _compiled_write(statement, connection.dialect, tuple(sorted(rows[0])))
    return compiled, [compiled.parameters(row) for row in rows]


@lru_cache(maxsize=512)
def _compiled_write(statement: ClauseElement, dialect: Dialect,
                    keys: tuple[str, ...]) -> _Compiled:
    return _Compiled(statement, dialect, column_keys=keys)


@contextmanager
def _sending(connection: Connection, sql: str, parameters: Any, many: bool,
             returning: bool = False) -> Iterator[Any]:
    """A cursor of the connection's driver connection that has sent one statement:
    SQLAlchemy's cursor events fired around it, the driver's errors (sending or fetching)
    raised as SQLAlchemy's, the cursor closed after."""
    cursor: Any = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    driver_error = connection.dialect.loaded_dbapi.Error
    try:
        sql, parameters = _execute(connection, cursor, sql, parameters, many, returning)
        yield cursor
    except driver_error as error:
        raise _wrapped(connection, cursor, sql, parameters, error) from error
    finally:
        try:
            cursor.close()
        except driver_error:
            pass  # a cursor of a connection already lost: nothing left to free


def _execute(connection: Connection, cursor: Any, sql: str, parameters: Any, many: bool,
             returning: bool) -> tuple[str, Any]:
    """Send one statement on ``cursor``, SQLAlchemy's cursor events fired around it; the SQL
    and parameters sent (a listener may change them)."""
    for listener in connection.dispatch.before_cursor_execute:
        sql, parameters = listener(connection, cursor, sql, parameters, None, many)
    if not many:
        cursor.execute(sql, parameters)
    elif returning:  # psycopg keeps each statement's result only when asked to
        cursor.executemany(sql, parameters, returning=True)
    else:
        cursor.executemany(sql, parameters)
    for listener in connection.dispatch.after_cursor_execute:
        listener(connection, cursor, sql, parameters, None, many)
    return sql, parameters


def _wrapped(connection: Connection, cursor: Any, sql: str, parameters: Any,
             error: Exception) -> DBAPIError:
    """``error`` as SQLAlchemy raises it; a lost connection is invalidated, as SQLAlchemy
    does, so the pool does not hand it out again."""
    dialect = connection.dialect
    lost = dialect.is_disconnect(cast(Any, error), connection.connection.dbapi_connection,
                                 cursor)
    if lost:
        connection.invalidate(error)
    return cast(DBAPIError, DBAPIError.instance(
        sql, parameters, error, dialect.loaded_dbapi.Error, connection_invalidated=lost,
        dialect=dialect))


def _read(row: Any, readers: list[_Reader]) -> Any:
    if not readers:
        return row
    values = list(row)
    for index, reader in readers:
        values[index] = reader(values[index])
    return values
