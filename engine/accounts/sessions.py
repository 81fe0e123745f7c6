"""Server-side sessions: the browser's cookie carries a random token, the row says who it is.

Ending a session deletes its row, so a copied cookie stops working at once. A password reset, a
role change or deactivation ends every session of the account. Idle and absolute timeouts are
settings; ``last_seen_at`` is stamped at most once a minute (a write per request would make
every page a write transaction).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple, Protocol, cast

from sqlalchemy import Select, Table, bindparam, delete, select, update
from sqlalchemy.orm import Session

from ..direct import DirectRead
from .tables import UserSession

SEEN_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class SessionPolicy:
    """How long a session may stay unused, and how long it may last at all."""

    idle: timedelta = timedelta(minutes=30)
    lifetime: timedelta = timedelta(hours=12)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, user_id: int | None, now: datetime,
                  reporter_of: list[str] | None = None, pending: list[str] | None = None) -> str:
    """A new session (of an officer, or of a reporter when ``user_id`` is None); its token.

    ``pending`` names the sign-in steps still owed (second factor, new password): until they
    are done the session signs nobody in."""
    token = secrets.token_urlsafe(32)
    session.add(UserSession(token_hash=_hash(token), user_id=user_id,
                            reporter_of=json.dumps(reporter_of or []), created_at=now,
                            last_seen_at=now, pending=",".join(pending or [])))
    return token


def pending_steps(row: UserSession) -> list[str]:
    """The sign-in steps this session still owes, first first."""
    return [step for step in (row.pending or "").split(",") if step]


def set_pending_steps(row: UserSession, steps: list[str]) -> None:
    """Record the steps still owed (none: the session is signed in)."""
    row.pending = ",".join(steps)


def find_session(session: Session, token: str | None, now: datetime,
                 policy: SessionPolicy) -> UserSession | None:
    """The live session of ``token``; an expired one is deleted and None returned."""
    if not token:
        return None
    row = session.scalars(select(UserSession).where(UserSession.token_hash == _hash(token))).first()
    if row is None:
        return None
    if expired(row, now, policy):
        session.delete(row)
        return None
    if stamp_due(row, now):
        row.last_seen_at = now
    return row


class _Times(Protocol):
    """The two instants a session's timeouts are counted from (an ORM row or a plain one)."""

    @property
    def created_at(self) -> datetime: ...
    @property
    def last_seen_at(self) -> datetime: ...


def expired(row: _Times, now: datetime, policy: SessionPolicy) -> bool:
    """True when the session has been idle or has lasted too long (it is then deleted)."""
    return now - row.last_seen_at > policy.idle or now - row.created_at > policy.lifetime


def stamp_due(row: _Times, now: datetime) -> bool:
    """True when ``last_seen_at`` is to be stamped now (at most once per SEEN_RESOLUTION)."""
    return now - row.last_seen_at >= SEEN_RESOLUTION


@dataclass(frozen=True)
class LiveSession:
    """What a request reads of its browser's session: whose it is, which complaints its
    reporter follows, which sign-in steps it still owes."""

    user_id: int | None
    reporter_of: str
    pending: str


class SessionRow(NamedTuple):
    """A session's row as a page reads it (``_LIVE``, or along another read: ``read_along``)."""

    id: int
    user_id: int | None
    reporter_of: str
    pending: str
    created_at: datetime
    last_seen_at: datetime


_TABLE = cast(Table, UserSession.__table__)
_COLUMNS = (_TABLE.c.id, _TABLE.c.user_id, _TABLE.c.reporter_of, _TABLE.c.pending,
            _TABLE.c.created_at, _TABLE.c.last_seen_at)
_OF_TOKEN = "session_token_hash"  # the parameter naming the session's token
# Built once: a page reads its session on every request, and a plain row is all it needs.
_LIVE = DirectRead(select(*_COLUMNS).where(_TABLE.c.token_hash == bindparam(_OF_TOKEN)))
_SEEN = update(_TABLE).where(_TABLE.c.id == bindparam("row_id")).values(
    last_seen_at=bindparam("now"))
_END = delete(_TABLE).where(_TABLE.c.id == bindparam("row_id"))


def read_session(session: Session, token: str | None, now: datetime,
                 policy: SessionPolicy) -> tuple[LiveSession | None, bool]:
    """``find_session`` for a request that only reads: the live session of ``token`` (None:
    none or expired, deleted), and whether that wrote anything the caller must commit."""
    if not token:
        return None, False
    return settle_session(session, _LIVE.first(session, session_parameters(token)), now, policy)


def read_along(statement: Select[Any]) -> Select[Any]:
    """``statement`` with the session's columns added after its own, from an outer join on
    the session of the token ``session_parameters`` names (NULLs when there is none): a page
    whose first read is that statement reads its session in the same round trip."""
    return statement.add_columns(*_COLUMNS).outerjoin(
        _TABLE, _TABLE.c.token_hash == bindparam(_OF_TOKEN))


def session_parameters(token: str) -> dict[str, str]:
    """The parameter ``read_along``'s statement (and ``_LIVE``) takes for ``token``."""
    return {_OF_TOKEN: _hash(token)}


def session_row(values: Sequence[Any]) -> SessionRow | None:
    """The session's row from the last columns ``read_along`` added (None: no session)."""
    found = SessionRow(*values[-len(_COLUMNS):])
    return found if found.id is not None else None


def settle_session(session: Session, row: SessionRow | None, now: datetime,
                   policy: SessionPolicy) -> tuple[LiveSession | None, bool]:
    """What ``read_session`` answers for the session ``row`` read: an expired one deleted,
    the once-a-minute stamp written, and whether either needs the caller's commit."""
    if row is None:
        return None, False
    if expired(row, now, policy):
        session.execute(_END, {"row_id": row.id})
        return None, True
    stamp = stamp_due(row, now)
    if stamp:
        session.execute(_SEEN, {"row_id": row.id, "now": now})
    return LiveSession(row.user_id, row.reporter_of, row.pending), stamp


def purge_expired(session: Session, now: datetime, policy: SessionPolicy) -> None:
    """Delete sessions past either timeout (browsers that never came back or signed out)."""
    session.execute(delete(UserSession).where(
        (UserSession.last_seen_at < now - policy.idle)
        | (UserSession.created_at < now - policy.lifetime)))


def end_session(session: Session, token: str | None) -> None:
    """Delete the session of ``token`` (sign-out)."""
    if token:
        session.execute(delete(UserSession).where(UserSession.token_hash == _hash(token)))


def end_user_sessions(session: Session, user_id: int) -> int:
    """Delete every session of account ``user_id``; how many there were."""
    result = session.execute(delete(UserSession).where(UserSession.user_id == user_id))
    return int(getattr(result, "rowcount", 0) or 0)


def reporter_codes(row: UserSession | LiveSession) -> list[str]:
    """The tracking codes whose secret this browser proved."""
    try:
        codes = json.loads(row.reporter_of or "[]")
    except ValueError:
        return []
    return [str(code) for code in codes] if isinstance(codes, list) else []


def set_reporter_codes(row: UserSession, codes: list[str]) -> None:
    """Remember ``codes`` as the complaints this browser may follow."""
    row.reporter_of = json.dumps(codes)
