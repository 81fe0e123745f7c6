"""What a unit of work changed, written at commit as plain statements, not by the ORM's flush.

Alur's tables have no relationships, no inheritance and no mapper events but the audit log's
refusals. For them the ORM's unit of work is bookkeeping around the same INSERT, UPDATE and
DELETE statements (ordering along relationships, history, per-mapper dispatch), and it costs
about twice the CPU of the statements it sends. ``write_pending`` sends those statements
itself, in the order the ORM would, and then marks the objects as the ORM's flush marks them:
new ones persistent with their drawn ids and defaults, changed ones clean, deleted ones gone.
The ORM's flush still runs before every query that needs it (autoflush) and at commit for
anything this module does not handle; then it writes everything, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from itertools import groupby
from operator import attrgetter
from typing import Any, NamedTuple, cast

from sqlalchemy import Column, MetaData, Table, and_, bindparam, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper, Session
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.orm.state import InstanceState
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.dml import Delete, Insert, Update, UpdateBase

from .direct import Batch, sent_together

_EVENTS = {"insert": ("before_insert", "after_insert"),
           "update": ("before_update", "after_update"),
           "delete": ("before_delete", "after_delete")}
_SESSION_EVENTS = ("before_flush", "after_flush", "after_flush_postexec")
_OLD_VERSION = "alur_old_version"
_OWN_INSERTS = "alur_own_inserts"
_PLAIN_TYPES = frozenset({str, int, float, bool, bytes, datetime, date, Decimal})


class _NotPlain(Exception):
    """The session holds something only the ORM's flush writes as it must."""


class OwnInsert(NamedTuple):
    """The INSERT one new object is written with in place of the plain one (``insert_with``)."""

    statement: Callable[[tuple[str, ...]], UpdateBase]  # for the keys of the row's values
    then: Callable[[Any], None]  # given the one value the statement answers


def insert_with(session: Session, obj: Any, own: OwnInsert) -> None:
    """Write ``obj``, new in this unit, with ``own.statement`` when the unit's rows are
    written (``write_pending``): an INSERT of its row that also does what must happen in the
    same statement, answering one value for ``own.then``. The statement must write the row
    whatever the database holds (its answer may be read after the COMMIT sent with it), and
    ``obj`` must carry its key. Nothing may write the session's objects by the ORM's flush
    before then (a query's autoflush): that raises OwnInsertError."""
    session.info.setdefault(_OWN_INSERTS, {})[inspect(obj)] = own


class OwnInsertError(RuntimeError):
    """An object given its own INSERT would be, or was, written without it."""


def write_pending(session: Session, commit: bool = False) -> bool:
    """Write the session's new, changed and deleted objects as plain statements, in one go,
    and mark them as a flush would. False, having written nothing, when the ORM's own flush
    must do it (a mapper with relationships or events, a changed primary key, a value that is
    an SQL expression, a row deleted and added again): the commit's flush then writes all.
    A changed row of a versioned table that another writer changed first raises the ORM's
    StaleDataError, as its flush would.

    With ``commit`` (the unit's last write), COMMIT goes in the same round trip as the writes
    on PostgreSQL when no answer is checked before it (the unit only adds rows and deletes
    rows without a version): the session's own commit then finds nothing left to send."""
    new, dirty, deleted = session.new, session.dirty, session.deleted
    own: dict[InstanceState[Any], OwnInsert] = session.info.pop(_OWN_INSERTS, {})
    _refuse_written(own, new)
    if not (new or dirty or deleted):
        return True
    if any(getattr(session.dispatch, name) for name in _SESSION_EVENTS):
        return _left_to_the_orm(own)
    try:
        plan = _Plan.of(new, dirty, deleted, own)
    except _NotPlain:
        return _left_to_the_orm(own)
    plan.write(session.connection(), commit)
    plan.fill_in()
    if plan.saved:
        session._register_persistent(plan.saved)  # noqa: SLF001 - what flush() calls after
    if plan.deleted:
        session._remove_newly_deleted(plan.deleted)  # noqa: SLF001 - what flush() calls after
    return True


def flush(session: Session) -> None:
    """Write what the session holds now, plainly where it can be (``write_pending``), else by
    the ORM's flush: for a command whose last statement must come after its rows."""
    if not write_pending(session):
        session.flush()


def _refuse_written(own: dict[InstanceState[Any], OwnInsert], new: Iterable[Any]) -> None:
    """OwnInsertError unless each object given its own INSERT is still to be written."""
    if own and not set(own) <= {inspect(obj) for obj in new}:
        raise OwnInsertError("an object given its own INSERT (insert_with) was written by "
                             "the ORM's flush instead")


def _left_to_the_orm(own: dict[InstanceState[Any], OwnInsert]) -> bool:
    """False (the ORM's flush writes the unit), or OwnInsertError when that flush would
    write an object given its own INSERT."""
    if own:
        raise OwnInsertError("an object given its own INSERT (insert_with) is in a unit only "
                             "the ORM's flush can write")
    return False


class _NewRow(NamedTuple):
    """An object to INSERT, its values, and the keys of those it lacked (defaults, version)."""

    state: InstanceState[Any]
    values: dict[str, Any]
    filled: list[str]


class _Plan:
    """The statements of one session's changes, table by table, and the states they settle."""

    def __init__(self) -> None:
        self.inserts: dict[Table, list[_NewRow]] = {}
        self.updates: dict[Table, list[tuple[InstanceState[Any], dict[str, Any]]]] = {}
        self.deletes: dict[Table, list[InstanceState[Any]]] = {}
        self.saved: set[InstanceState[Any]] = set()
        self.deleted: set[InstanceState[Any]] = set()
        self.own: dict[InstanceState[Any], OwnInsert] = {}

    @classmethod
    def of(cls, new: Iterable[Any], dirty: Iterable[Any], deleted: Iterable[Any],
           own: dict[InstanceState[Any], OwnInsert]) -> _Plan:
        """The plan of a session's new, dirty and deleted objects, those in ``own`` written
        with their own INSERT (_NotPlain: the ORM's)."""
        plan = cls()
        plan.own = own
        for obj in deleted:
            state = _state(obj, "delete")
            plan.deletes.setdefault(_table(state), []).append(state)
            plan.deleted.add(state)
        gone = {state.key for state in plan.deleted}
        for state in sorted((_state(obj, "insert") for obj in new),
                            key=attrgetter("insert_order")):
            row = _NewRow(state, *_insert_values(state))
            if gone and _identity(state, row.values) in gone:
                raise _NotPlain  # the ORM turns a delete and an add of one row into an UPDATE
            if state in own:
                _refuse_drawn_key(state, row)
            plan.inserts.setdefault(_table(state), []).append(row)
            plan.saved.add(state)
        for obj in dirty:
            state = _state(obj, "update")
            if state in plan.deleted:
                continue
            changes = _update_values(state)
            if changes:
                plan.updates.setdefault(_table(state), []).append((state, changes))
            plan.saved.add(state)
        return plan

    def fill_in(self) -> None:
        """Put on each inserted object what the INSERT gave it (defaults, version 1)."""
        for rows in self.inserts.values():
            for row in rows:
                for key in row.filled:
                    row.state.dict[key] = row.values[key]

    def write(self, connection: Connection, commit: bool) -> None:
        """Each table's UPDATEs then INSERTs, parents first, then the DELETEs, children
        first: the order of the ORM's flush; sent together (one round trip on PostgreSQL),
        the rows each matched checked and the drawn ids filled in once all are sent. With
        ``commit`` and nothing to check, COMMIT goes with them (``Batch.commit``)."""
        with sent_together(connection) as batch:
            for table in sorted({*self.inserts, *self.updates}, key=_table_order):
                for state, changes in sorted(self.updates.get(table, ()),
                                             key=lambda item: item[0].key or ()):
                    _update(batch, table, state, changes)
                rows = self.inserts.get(table, [])
                _insert(batch, table, [row for row in rows if row.state not in self.own])
                for row in rows:
                    if row.state in self.own:
                        _insert_own(batch, self.own[row.state], row)
            for table in sorted(self.deletes, key=_table_order, reverse=True):
                for state in sorted(self.deletes[table], key=lambda s: s.key or ()):
                    _delete(batch, table, state)
            if commit and not self.checks:
                batch.commit()

    @property
    def checks(self) -> bool:
        """Whether an answer is checked once the writes are sent: an UPDATE's, or a DELETE's
        of a row with a version (the rows they matched)."""
        return bool(self.updates) or any(
            _version(state.mapper) is not None for states in self.deletes.values()
            for state in states)


def _state(obj: Any, operation: str) -> InstanceState[Any]:
    state = cast(InstanceState[Any], inspect(obj))
    mapper = state.mapper
    if not _plain_mapper(mapper) or any(getattr(mapper.dispatch, name)
                                        for name in _EVENTS[operation]):
        raise _NotPlain
    return state


@cache
def _plain_mapper(mapper: Mapper[Any]) -> bool:
    """A mapper of one table, its attributes its columns, defaults plain values."""
    table = mapper.local_table
    return (
        isinstance(table, Table) and mapper.inherits is None and not mapper.relationships
        and len(mapper.tables) == 1 and not mapper._insert_orm_defaults.get(table)  # noqa: SLF001
        and all(prop.key == prop.columns[0].key and len(prop.columns) == 1
                for prop in mapper.column_attrs)
        and set(mapper.column_attrs.keys()) == set(table.c.keys())
        and all(c.default is None or c.default.is_scalar for c in table.c)
        and not any(c.onupdate is not None or c.server_onupdate is not None for c in table.c)
    )


def _table(state: InstanceState[Any]) -> Table:
    return cast(Table, state.mapper.local_table)


def _identity(state: InstanceState[Any], values: dict[str, Any]) -> Any:
    key = tuple(values.get(c.key) for c in _table(state).primary_key)
    return None if None in key else (state.mapper.class_, key, None)


def _insert_values(state: InstanceState[Any]) -> tuple[dict[str, Any], list[str]]:
    """The INSERT's values, and the keys the object lacked a value for: what the object holds,
    a column's default where it holds none, a server default and a drawn id left to the
    database (a column not set is NULL, as the ORM writes it), version 1 for a new versioned
    row."""
    table = _table(state)
    defaults, to_database = _insert_defaults(table)
    columns = table.c
    values: dict[str, Any] = {}
    for key, value in state.dict.items():
        if key not in columns:
            continue  # the ORM's own bookkeeping (its instance state), not a column
        if value is None:
            if key not in defaults and key not in to_database:
                values[key] = None
        elif type(value) in _PLAIN_TYPES or not _is_expression(value):
            values[key] = value
        else:
            raise _NotPlain
    filled = [key for key in defaults if key not in values]
    for key in filled:
        values[key] = defaults[key]
    version = _version(state.mapper)
    if version is not None and values.get(version.key) is None:
        values[version.key] = _next_version(state.mapper, None)
        filled.append(version.key)
    return values, filled


@cache
def _insert_defaults(table: Table) -> tuple[dict[str, Any], frozenset[str]]:
    """The table's columns' default values, and the columns the database gives a value of its
    own when none is sent (a server default, a drawn id)."""
    defaults = {c.key: c.default.arg for c in table.c  # type: ignore[attr-defined]
                if c.default is not None}
    return defaults, frozenset(c.key for c in table.c if c.server_default is not None
                               or c is table.autoincrement_column)


def _is_expression(value: Any) -> bool:
    return isinstance(value, ClauseElement) or hasattr(value, "__clause_element__")


def _update_values(state: InstanceState[Any]) -> dict[str, Any]:
    """The changed columns, each with its new value; empty when nothing really changed."""
    changes: dict[str, Any] = {}
    primary = {c.key for c in _table(state).primary_key}
    for key, before in state.committed_state.items():
        value = state.dict.get(key)
        if key not in state.dict or key in primary or _is_expression(value):
            raise _NotPlain
        if state.manager[key].impl.is_equal(value, before) is not True:
            changes[key] = value
    return changes


def _next_version(mapper: Mapper[Any], current: Any) -> Any:
    generate = mapper.version_id_generator
    if not callable(generate):
        raise _NotPlain
    return generate(current)


def _insert(batch: Batch, table: Table, rows: list[_NewRow]) -> None:
    """Rows of one table, each run with the same columns sent together; an id the database
    draws is read back onto its object."""
    drawn = table.autoincrement_column
    for columns, run in groupby(rows, key=lambda row: tuple(row.values)):
        same = list(run)
        values = [row.values for row in same]
        if drawn is None or drawn.key in columns:
            batch.write(_insert_into(table), values)
            continue
        batch.insert_returning(_insert_returning(table, drawn), values,
                               then=_fill_drawn([row.state for row in same], drawn.key))


def _refuse_drawn_key(state: InstanceState[Any], row: _NewRow) -> None:
    """OwnInsertError when the row lacks the key its table would draw: an own INSERT answers
    its own value, not the key."""
    drawn = _table(state).autoincrement_column
    if drawn is not None and row.values.get(drawn.key) is None:
        raise OwnInsertError(f"an object given its own INSERT needs its {drawn.key} set")


def _insert_own(batch: Batch, own: OwnInsert, row: _NewRow) -> None:
    """The row written with its own INSERT (``insert_with``), given the columns it sets."""
    def then(found: list[Any]) -> None:
        if len(found) != 1:
            raise OwnInsertError(f"an own INSERT answered {len(found)} rows, not one")
        own.then(found[0])
    batch.insert_returning(own.statement(tuple(row.values)), [row.values], then=then)


def _update(batch: Batch, table: Table, state: InstanceState[Any],
            changes: dict[str, Any]) -> None:
    version = _version(state.mapper)
    params = {**changes, **_where_primary(table, state)}
    if version is not None:
        old = state.committed_state.get(version.key, state.dict[version.key])
        params[_OLD_VERSION] = old
        if version.key not in changes:
            params[version.key] = state.dict[version.key] = _next_version(state.mapper, old)
    batch.write(_update_of(table, version), [params], then=_expect_one(table, "UPDATE"))


def _delete(batch: Batch, table: Table, state: InstanceState[Any]) -> None:
    version = _version(state.mapper)
    params = _where_primary(table, state)
    if version is not None:
        params[_OLD_VERSION] = state.committed_state.get(version.key, state.dict[version.key])
    batch.write(_delete_from(table, version), [params],
                then=None if version is None else _expect_one(table, "DELETE"))


def _expect_one(table: Table, verb: str) -> Callable[[int], None]:
    """A check that a row's statement matched that one row: else another writer changed or
    deleted it first (the ORM's StaleDataError, as its flush raises it)."""
    def check(matched: int) -> None:
        if matched != 1:
            raise StaleDataError(f"{verb} statement on table '{table.name}' expected to "
                                 f"{verb.lower()} 1 row(s); {matched} were matched.")
    return check


def _fill_drawn(states: list[InstanceState[Any]], key: str) -> Callable[[list[Any]], None]:
    def fill(ids: list[Any]) -> None:
        for state, found in zip(states, ids, strict=True):
            state.dict[key] = found
    return fill


def _version(mapper: Mapper[Any]) -> Column[Any] | None:
    """The mapper's version counter column (Alur's is a plain column of its table)."""
    return cast("Column[Any] | None", mapper.version_id_col)


def _where_primary(table: Table, state: InstanceState[Any]) -> dict[str, Any]:
    key = state.key[1] if state.key is not None else ()
    return {f"alur_pk_{c.key}": value for c, value in zip(table.primary_key, key, strict=True)}


def _matching(table: Table, version: Column[Any] | None) -> Iterator[Any]:
    for column in table.primary_key:
        yield column == bindparam(f"alur_pk_{column.key}")
    if version is not None:
        yield version == bindparam(_OLD_VERSION)


# Built once per table: a statement built per call has its cache key worked out again; the
# columns an INSERT or UPDATE sets come from each call's parameters.
@cache
def _insert_into(table: Table) -> Insert:
    return table.insert()


@cache
def _insert_returning(table: Table, drawn: Column[Any]) -> Insert:
    return table.insert().returning(drawn)


@cache
def _update_of(table: Table, version: Column[Any] | None) -> Update:
    return table.update().where(and_(*_matching(table, version)))


@cache
def _delete_from(table: Table, version: Column[Any] | None) -> Delete:
    return table.delete().where(and_(*_matching(table, version)))


def _table_order(table: Table) -> int:
    """Parents before the tables whose foreign keys point at them."""
    return _sorted_tables(table.metadata)[table]


@cache
def _sorted_tables(metadata: MetaData) -> dict[Table, int]:
    return {table: n for n, table in enumerate(metadata.sorted_tables)}
