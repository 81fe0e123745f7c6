"""Statements sent by the driver (engine/direct.py) give what SQLAlchemy's execution gives: the
same rows with the same types, inside the unit's transaction, seen by cursor listeners, and a
driver's error wrapped as SQLAlchemy wraps it. On SQLite and on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import bindparam, column, event, inspect, literal, select, table, union_all
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from engine.accounts.tables import UserSession
from engine.direct import (
    DirectRead,
    attached,
    identity_of,
    insert_returning,
    loaded_object,
    write,
)
from engine.reference.tables import Region
from tests.sql_log import sent, statements
from webui.wiring import Services

SESSIONS = select(UserSession.id, UserSession.user_id, UserSession.reporter_of,
                  UserSession.created_at, UserSession.last_seen_at).where(
    UserSession.token_hash == bindparam("token_hash"))
MADE = datetime(2026, 12, 4, 1, 30, tzinfo=UTC)


@pytest.fixture
def kept(services: Services) -> Services:
    """Two browser sessions and two regions of a level of their own, committed."""
    with services.uow() as uow:
        uow.session.add_all([
            UserSession(token_hash="a" * 64, reporter_of='["X1"]', created_at=MADE,
                        last_seen_at=MADE + timedelta(minutes=5)),
            UserSession(token_hash="b" * 64, created_at=MADE, last_seen_at=MADE),
            Region(code="16.10.01", name="Tebing Tinggi", level="uji"),
            Region(code="16.10.02", name="Talang Padang", level="uji", latitude=-3.8)])
        uow.commit()
    return services


def test_a_row_is_what_sqlalchemy_reads(kept: Services) -> None:
    with kept.uow() as uow:
        through_sqlalchemy = uow.session.execute(SESSIONS, {"token_hash": "a" * 64}).one()
        row = DirectRead(SESSIONS).first(uow.session, {"token_hash": "a" * 64})
    assert tuple(row) == tuple(through_sqlalchemy)
    assert row.reporter_of == '["X1"]' and row.user_id is None
    assert row.last_seen_at == MADE + timedelta(minutes=5)
    assert row.created_at.tzinfo is not None and row.created_at.utcoffset() == timedelta(0)


def test_no_row_is_none_and_all_reads_every_row(kept: Services) -> None:
    regions = DirectRead(select(Region.code, Region.latitude).where(
        Region.level == bindparam("level")).order_by(Region.code))
    with kept.uow() as uow:
        assert DirectRead(SESSIONS).first(uow.session, {"token_hash": "c" * 64}) is None
        rows = regions.all(uow.session, {"level": "uji"})
        assert regions.all(uow.session, {"level": "tidak ada"}) == []
    assert [(r.code, r.latitude) for r in rows] == [("16.10.01", None), ("16.10.02", -3.8)]


def test_fixed_values_and_a_union_are_sent(kept: Services) -> None:
    parts = DirectRead(union_all(
        select(literal(1).label("part"), Region.name).where(Region.code == bindparam("code")),
        select(literal(2), UserSession.reporter_of).where(
            UserSession.token_hash == bindparam("token_hash"))))
    with kept.uow() as uow:
        rows = parts.all(uow.session, {"code": "16.10.02", "token_hash": "a" * 64})
    assert sorted(rows) == [(1, "Talang Padang"), (2, '["X1"]')]
    assert rows[0]._fields == ("part", "name")


def test_the_read_sees_its_units_own_pending_objects(services: Services) -> None:
    with services.uow() as uow:
        uow.session.add(UserSession(token_hash="d" * 64, created_at=MADE, last_seen_at=MADE))
        assert DirectRead(SESSIONS).first(uow.session, {"token_hash": "d" * 64}) is not None
        uow.rollback()
    with services.uow() as uow:
        assert DirectRead(SESSIONS).first(uow.session, {"token_hash": "d" * 64}) is None


def test_a_cursor_listener_sees_the_statement(kept: Services) -> None:
    read = DirectRead(SESSIONS)
    with sent(kept) as seen, kept.uow() as uow:
        read.first(uow.session, {"token_hash": "b" * 64})
    selects = [(s, p) for s, p in seen if s.lstrip().startswith("SELECT")]  # SQLite: BEGIN too
    assert len(selects) == 1
    statement, parameters = selects[0]
    assert statement.lstrip().startswith("SELECT user_session.id")
    assert "b" * 64 in (parameters.values() if isinstance(parameters, dict) else parameters)


def test_an_error_of_a_listener_arrives_as_sqlalchemys(kept: Services) -> None:
    def fail(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().startswith("SELECT"):  # SQLite's BEGIN goes through SQLAlchemy
            raise kept.db.dialect.loaded_dbapi.OperationalError("simulated: connection lost")

    event.listen(kept.db, "before_cursor_execute", fail)
    try:
        with kept.uow() as uow, pytest.raises(OperationalError, match="simulated"):
            DirectRead(SESSIONS).first(uow.session, {"token_hash": "a" * 64})
    finally:
        event.remove(kept.db, "before_cursor_execute", fail)


def test_a_drivers_error_is_wrapped_and_the_unit_goes_on(kept: Services) -> None:
    nowhere = DirectRead(select(column("x")).select_from(table("no_such_table")))
    with kept.uow() as uow:
        with pytest.raises(DBAPIError, match="no_such_table"):
            nowhere.all(uow.session, {})
        uow.rollback()
        assert DirectRead(SESSIONS).first(uow.session, {"token_hash": "a" * 64}) is not None


def test_a_list_fixed_in_the_statement_is_sent_and_one_given_per_call_refused(
        kept: Services) -> None:
    fixed = DirectRead(select(Region.code).where(
        Region.code.in_(["16.10.02", "16.10.09"]), Region.level == bindparam("level")))
    given = DirectRead(select(Region.code).where(
        Region.code.in_(bindparam("codes", expanding=True))))
    with kept.uow() as uow:
        assert fixed.all(uow.session, {"level": "uji"}) == [("16.10.02",)]
        assert fixed.all(uow.session, {"level": "tidak ada"}) == []
        with pytest.raises(ValueError, match="IN list"):
            given.all(uow.session, {"codes": ["16.10.01"]})


def test_a_write_that_breaks_a_rule_arrives_as_sqlalchemys_and_keeps_nothing(
        kept: Services) -> None:
    with sent(kept) as seen, kept.uow() as uow:
        uow.session.add_all([
            UserSession(token_hash="e" * 64, created_at=MADE, last_seen_at=MADE),
            UserSession(token_hash="a" * 64, created_at=MADE, last_seen_at=MADE)])
        with pytest.raises(IntegrityError):
            uow.commit()
    assert any(statement.lstrip().startswith("INSERT INTO user_session")
               for statement, _ in seen)
    with kept.uow() as uow:
        assert DirectRead(SESSIONS).first(uow.session, {"token_hash": "e" * 64}) is None


def test_rows_written_together_are_each_written(services: Services) -> None:
    with services.uow() as uow:
        written = write(uow.session.connection(), UserSession.__table__.insert(),
                        _new_sessions("fg"))
        uow.commit()
    assert written == 2
    with services.uow() as uow:
        found = DirectRead(SESSIONS).first(uow.session, {"token_hash": "g" * 64})
    assert found is not None and found.created_at == MADE


def _new_sessions(tokens: str) -> list[dict[str, Any]]:
    return [{"token_hash": token * 64, "reporter_of": "[]", "created_at": MADE,
             "last_seen_at": MADE, "pending": ""} for token in tokens]


@pytest.mark.parametrize("tokens", ["h", "ijk"])
def test_each_row_written_answers_its_own_drawn_id(services: Services, tokens: str) -> None:
    by_token = DirectRead(select(UserSession.id).where(
        UserSession.token_hash == bindparam("token_hash")))
    table = UserSession.__table__
    with services.uow() as uow:
        ids = insert_returning(uow.session.connection(), table.insert().returning(table.c.id),
                               _new_sessions(tokens))
        uow.commit()
    assert len(set(ids)) == len(tokens) and all(isinstance(drawn, int) for drawn in ids)
    with services.uow() as uow:
        kept = [by_token.first(uow.session, {"token_hash": token * 64}) for token in tokens]
    assert [row.id for row in kept if row is not None] == ids


def test_rows_written_together_that_break_a_rule_keep_nothing(kept: Services) -> None:
    table = UserSession.__table__
    with kept.uow() as uow:
        with pytest.raises(IntegrityError):
            insert_returning(uow.session.connection(), table.insert().returning(table.c.id),
                             _new_sessions("ma"))  # "a" * 64 is kept already
        uow.rollback()
        assert DirectRead(SESSIONS).first(uow.session, {"token_hash": "m" * 64}) is None


_REGION_COLUMNS = tuple(column.key for column in Region.__table__.c)
_REGIONS = DirectRead(select(*Region.__table__.c).where(Region.code == bindparam("code")))


def _region_row(uow: Any, code: str) -> dict[str, Any]:
    found = _REGIONS.first(uow.session, {"code": code})
    assert found is not None
    return dict(zip(_REGION_COLUMNS, found, strict=True))


def test_a_loaded_object_is_its_row_as_the_orm_loads_it(kept: Services) -> None:
    with kept.uow() as uow:
        built = loaded_object(Region, _region_row(uow, "16.10.02"))
        by_orm = uow.session.get(Region, "16.10.02")
    state = inspect(built)
    assert state.detached and state.key == inspect(by_orm).key
    assert not state.modified and not state.committed_state
    assert {key: getattr(built, key) for key in _REGION_COLUMNS} == {
        key: getattr(by_orm, key) for key in _REGION_COLUMNS}


def test_an_attached_object_is_persistent_and_its_change_written(kept: Services) -> None:
    with kept.uow() as uow:
        region = attached(uow.session, Region, _region_row(uow, "16.10.01"))
        assert inspect(region).persistent and not uow.session.dirty
        with statements(kept) as seen:
            region.name = "Tebing Tinggi Kota"
            uow.commit()
    assert [sql.split()[0] for sql in seen] == ["UPDATE"]
    assert "latitude" not in seen[0]  # only what changed
    with kept.uow() as uow:
        assert uow.session.get(Region, "16.10.01").name == "Tebing Tinggi Kota"


def test_attached_answers_the_sessions_own_object_of_a_row(kept: Services) -> None:
    with kept.uow() as uow:
        held = uow.session.get(Region, "16.10.02")
        held.name = "diubah"  # a change not yet written
        again = attached(uow.session, Region, _region_row(uow, "16.10.02"))
        assert again is held and again.name == "diubah"
        assert identity_of(Region, {"code": "16.10.02"}) == inspect(held).key


_FIRST_OBJECT_OF_A_PROCESS = """
from engine.complaints.tables import Complaint
from engine.direct import loaded_object
from sqlalchemy import inspect
values = {column.key: None for column in Complaint.__table__.c}
complaint = loaded_object(Complaint, {**values, "id": 3, "tracking_code": "EL-PERTAMA"})
print(inspect(complaint).key[1], complaint.tracking_code)
"""


def test_the_first_object_a_process_builds_from_a_row_is_whole() -> None:
    # A web worker's first tracking page built its complaint before any constructor had
    # configured the mappers, and answered 500: only a process of its own shows that.
    done = subprocess.run([sys.executable, "-c", _FIRST_OBJECT_OF_A_PROCESS],
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["(3,)", "EL-PERTAMA"]
