"""A request's read of its browser's session: a plain row, written (and so committed) only
when the last-seen stamp is due or the session has expired."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from engine.accounts.sessions import (
    SessionPolicy,
    read_session,
    reporter_codes,
    start_session,
)
from engine.accounts.tables import UserSession
from engine.clock import FixedClock
from webui.wiring import Services

POLICY = SessionPolicy(idle=timedelta(minutes=30), lifetime=timedelta(hours=12))


def _started(services: Services, clock: FixedClock) -> str:
    with services.uow() as uow:
        token = start_session(uow.session, None, clock(), ["EL-AAAA1111"], ["kode"])
        uow.commit()
    return token


def _last_seen(services: Services) -> object:
    with services.uow() as uow:
        return uow.session.scalars(select(UserSession.last_seen_at)).one()


def test_a_fresh_session_is_read_without_a_write(services: Services, clock: FixedClock) -> None:
    token = _started(services, clock)
    clock.advance(seconds=59)
    with services.uow() as uow:
        row, wrote = read_session(uow.session, token, clock(), POLICY)
    assert row is not None and not wrote
    assert (row.user_id, row.pending, reporter_codes(row)) == (None, "kode", ["EL-AAAA1111"])
    assert _last_seen(services) == clock() - timedelta(seconds=59)


def test_the_last_seen_stamp_is_written_once_a_minute(services: Services,
                                                      clock: FixedClock) -> None:
    token = _started(services, clock)
    clock.advance(minutes=1)
    with services.uow() as uow:
        row, wrote = read_session(uow.session, token, clock(), POLICY)
        uow.commit()
    assert row is not None and wrote
    assert _last_seen(services) == clock()


def test_an_expired_session_is_deleted_and_reads_as_none(services: Services,
                                                         clock: FixedClock) -> None:
    token = _started(services, clock)
    clock.advance(minutes=31)
    with services.uow() as uow:
        assert read_session(uow.session, token, clock(), POLICY) == (None, True)
        uow.commit()
    with services.uow() as uow:
        assert uow.session.scalars(select(UserSession)).first() is None
        assert read_session(uow.session, token, clock(), POLICY) == (None, False)
        assert read_session(uow.session, None, clock(), POLICY) == (None, False)
