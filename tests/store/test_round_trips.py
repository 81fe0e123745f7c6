"""On PostgreSQL a unit of work begins its transaction only at its first statement that writes
or locks (engine/pg_cursor.py), and its writes at commit go to the server together, in one
round trip (engine.direct.sent_together), with the COMMIT when no answer must be checked first:
a page that only reads sends no BEGIN and no COMMIT, a lock is still held to commit, a refused
write still names itself and keeps nothing.
Round trips are counted from libpq's trace of the connection: one ReadyForQuery each."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from engine.db import UnitOfWork, make_engine, make_session_factory
from engine.pg_cursor import only_reads
from engine.plain_flush import write_pending
from engine.reference.tables import Region
from tests.sql_log import began, committed, round_trips, traced


@pytest.fixture
def engine(lone_engine: Engine) -> Engine:
    """Alur's engine on the test database, one pooled connection (PostgreSQL only)."""
    if lone_engine.dialect.name != "postgresql":
        pytest.skip("transactions begun late and pipelined writes are PostgreSQL's")
    return lone_engine


@pytest.fixture
def uow(engine: Any) -> UnitOfWork:
    return UnitOfWork(make_session_factory(engine))


def _raw(uow: UnitOfWork) -> Any:
    return uow.session.connection().connection.driver_connection


def test_a_unit_that_only_reads_sends_no_begin_and_no_commit(uow: UnitOfWork) -> None:
    with uow:
        raw = _raw(uow)
        with traced(raw) as lines:
            uow.session.scalar(select(func.count()).select_from(Region))
            uow.session.scalar(select(Region.name).where(Region.code == "16.11.01"))
            status = raw.info.transaction_status
        with traced(raw) as ending:
            uow.session.close()
    assert round_trips(lines) == 2 and not began(lines)
    assert status == psycopg.pq.TransactionStatus.IDLE
    assert round_trips(ending) == 0  # nothing to end


def test_a_write_after_reads_begins_first_and_is_rolled_back(uow: UnitOfWork) -> None:
    with uow:
        before = uow.session.scalar(select(func.count()).select_from(Region))
        uow.session.add(Region(code="99.95", name="Uji", level="kecamatan"))
        with traced(_raw(uow)) as lines:
            uow.session.flush()
        assert began(lines)
    with uow:
        assert uow.session.scalar(select(func.count()).select_from(Region)) == before


def test_a_row_lock_is_held_to_commit(uow: UnitOfWork, engine: Any) -> None:
    locked = select(Region).where(Region.code == "16.11.01").with_for_update()
    other = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        with uow:
            assert uow.session.scalars(locked).one().code == "16.11.01"
            with other.connect() as connection, pytest.raises(OperationalError):
                connection.execute(text(
                    "SELECT code FROM region WHERE code = '16.11.01' FOR UPDATE NOWAIT"))
            uow.commit()
        with other.connect() as connection:  # released at commit
            assert connection.execute(text(
                "SELECT code FROM region WHERE code = '16.11.01' FOR UPDATE NOWAIT")).scalar()
    finally:
        other.dispose()


def test_a_commits_writes_go_in_one_round_trip(uow: UnitOfWork) -> None:
    with uow:
        region = uow.session.scalars(select(Region).where(Region.code == "16.11.01")).one()
        region.name = region.name + " (uji)"
        uow.session.add_all([Region(code="99.94", name="Uji", level="kecamatan"),
                             Region(code="99.93", name="Uji", level="desa")])
        with traced(_raw(uow)) as lines:
            assert write_pending(uow.session)
        sent = [line for line in lines if line.startswith("F") and "Parse" in line]
    assert began(lines) and round_trips(lines) == 1
    assert len(sent) == 3  # the UPDATE and the two INSERTs (one per set of columns)


def test_a_unit_that_only_adds_rows_commits_in_their_round_trip(uow: UnitOfWork) -> None:
    with uow:
        uow.session.add_all([Region(code="99.89", name="Uji", level="kecamatan"),
                             Region(code="99.88", name="Uji", level="desa")])
        raw = _raw(uow)
        with traced(raw) as lines:
            uow.commit()
    assert round_trips(lines) == 1 and began(lines) and committed(lines)
    assert raw.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    with uow:
        assert uow.session.scalar(select(func.count()).select_from(Region).where(
            Region.code.in_(["99.89", "99.88"]))) == 2


def test_a_unit_that_changes_a_row_checks_it_before_its_commit(uow: UnitOfWork) -> None:
    """The rows an UPDATE matched are known only once its round trip is back: COMMIT waits."""
    with uow:
        region = uow.session.scalars(select(Region).where(Region.code == "16.11.01")).one()
        region.name = region.name + " (uji)"
        uow.session.add(Region(code="99.87", name="Uji", level="kecamatan"))
        with traced(_raw(uow)) as lines:
            uow.commit()
    first = _answered_first(lines)
    assert round_trips(lines) == 2
    assert not committed(lines[:first]) and committed(lines[first:])


def test_a_refused_write_names_its_statement_and_keeps_nothing(uow: UnitOfWork) -> None:
    with uow:
        before = uow.session.scalar(select(func.count()).select_from(Region))
    with uow, pytest.raises(IntegrityError) as refused:
        uow.session.add_all([Region(code="99.92", name="Uji", level="kecamatan"),
                             Region(code="16.11.01", name="Sudah ada", level="kabupaten",
                                    latitude=1.0)])
        uow.commit()
    assert "INSERT INTO region" in str(refused.value.statement)
    with uow:
        assert uow.session.scalar(select(func.count()).select_from(Region)) == before


def test_autocommit_asked_for_runs_outside_a_transaction_and_is_undone(engine: Any,
                                                                       uow: UnitOfWork) -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM region"))  # refused inside a transaction
    with uow:  # the same pooled connection, given back with its transactions begun late
        uow.session.add(Region(code="99.91", name="Uji", level="kecamatan"))
        uow.session.flush()
    with uow:
        assert uow.session.get(Region, "99.91") is None


def test_a_stricter_level_begins_at_the_first_read(engine: Any) -> None:
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection:
        connection.execute(select(func.count()).select_from(Region))
        raw = connection.connection.driver_connection
        assert raw.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS


@pytest.mark.parametrize(("statement", "reads"), [
    ("SELECT a FROM t WHERE b = %(b)s", True),
    ("  select a from t", True),
    ("SELECT a FROM t FOR UPDATE OF t", False),
    ("SELECT a FROM t FOR UPDATE SKIP LOCKED", False),
    ("select a from t for no key update", False),
    ("SELECT a FROM t FOR KEY SHARE", False),
    ("SELECT a FROM t FOR\n SHARE", False),
    ("SELECT a INTO new_t FROM t", False),
    ("WITH x AS (UPDATE t SET a = 1 RETURNING a) SELECT a FROM x", False),
    ("INSERT INTO t (a) VALUES (1)", False),
    ("SAVEPOINT sa_savepoint_1", False),
    (b"SELECT 1", True),
])
def test_only_a_plain_select_runs_outside_a_transaction(statement: str | bytes,
                                                        reads: bool) -> None:
    assert only_reads(statement) is reads


def _answered_first(lines: list[str]) -> int:
    """The index of the line ending the first round trip."""
    return next(n for n, line in enumerate(lines)
                if line.startswith("B") and "ReadyForQuery" in line)
