"""On PostgreSQL a unit of work that only read ends with COMMIT, so psycopg keeps the
connection's prepared statements (a ROLLBACK makes it forget them all); one that wrote and was
not committed is still rolled back, on either database."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from engine.db import UnitOfWork, make_session_factory
from engine.reference.tables import Region
from webui.wiring import Services


@pytest.fixture
def one_connection(lone_engine: Engine) -> UnitOfWork:
    """Units of work on an engine of one pooled connection (each check-out is the same one)."""
    return UnitOfWork(make_session_factory(lone_engine))


def _regions(uow: UnitOfWork) -> int:
    with uow:
        return uow.session.scalar(select(func.count()).select_from(Region)) or 0


def _prepared(uow: UnitOfWork) -> int:
    with uow:
        return uow.session.scalar(text("SELECT count(*) FROM pg_prepared_statements")) or 0


def test_reads_keep_the_prepared_statements(one_connection: UnitOfWork,
                                            services: Services) -> None:
    if services.db.dialect.name != "postgresql":
        pytest.skip("SQLite has no prepared statements to keep")
    for _ in range(6):  # psycopg prepares a statement at its fifth use
        _regions(one_connection)
    assert _prepared(one_connection) >= 1


def test_a_write_left_uncommitted_is_rolled_back(one_connection: UnitOfWork) -> None:
    before = _regions(one_connection)
    with one_connection as uow:
        uow.session.add(Region(code="99.99", name="Uji", level="kecamatan"))
        uow.session.flush()
        assert uow.session.scalar(select(func.count()).select_from(Region)) == before + 1
    assert _regions(one_connection) == before


def test_a_modifying_with_left_uncommitted_is_rolled_back(one_connection: UnitOfWork,
                                                          services: Services) -> None:
    if services.db.dialect.name != "postgresql":
        pytest.skip("a WITH that writes is PostgreSQL's")
    before = _regions(one_connection)
    with one_connection as uow:
        uow.session.execute(text(
            "WITH added AS (INSERT INTO region (code, name, level) "
            "VALUES ('99.98', 'Uji', 'kecamatan') RETURNING code) SELECT code FROM added"))
    assert _regions(one_connection) == before


def test_a_write_after_a_commit_is_still_rolled_back(one_connection: UnitOfWork) -> None:
    before = _regions(one_connection)
    with one_connection as uow:
        uow.session.add(Region(code="99.97", name="Uji", level="kecamatan"))
        uow.commit()
        uow.session.add(Region(code="99.96", name="Uji", level="kecamatan"))
        uow.session.flush()
    assert _regions(one_connection) == before + 1
    with one_connection as uow:  # the test's own row goes again
        uow.session.execute(Region.__table__.delete().where(Region.code == "99.97"))
        uow.commit()


def test_a_failed_read_ends_cleanly(one_connection: UnitOfWork) -> None:
    with one_connection as uow, pytest.raises(DBAPIError):
        uow.session.execute(text("SELECT * FROM no_such_table"))
    assert _regions(one_connection) >= 0  # the connection is usable again
