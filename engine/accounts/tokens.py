"""Bearer tokens of API clients: issued for an account, stored as a hash, revoked."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import NamedTuple, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from ..direct import DirectRead
from .tables import ApiToken, User

# Verifying against this keeps the time of "no such user" equal to "wrong password".
TOKEN_USE_RESOLUTION = timedelta(minutes=1)  # how exactly a token's last use is kept


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, user: User, now: datetime, hours: int) -> str:
    """A new bearer token for ``user``; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, token_hash=_token_hash(token), created_at=now,
                         expires_at=now + timedelta(hours=hours)))
    return token


class TokenAccount(NamedTuple):
    """The account a valid token stands for: what a request needs of it."""

    id: int
    username: str
    full_name: str
    role: str
    opd_code: str | None


_TOKEN = cast(Table, ApiToken.__table__)
_USER = cast(Table, User.__table__)
# Built once, as plain columns: every API call an officer makes begins with this read, and it
# needs no objects of the two rows (loading them as objects cost a task completion ~2% of its
# CPU).
_TOKEN_WITH_ACCOUNT = DirectRead(
    select(_TOKEN.c.id, _TOKEN.c.expires_at, _TOKEN.c.revoked_at, _TOKEN.c.last_used_at,
           _USER.c.active, _USER.c.id, _USER.c.username, _USER.c.full_name, _USER.c.role,
           _USER.c.opd_code)
    .outerjoin(_USER, _USER.c.id == _TOKEN.c.user_id)
    .where(_TOKEN.c.token_hash == bindparam("token_hash")))
_USED = update(_TOKEN).where(_TOKEN.c.id == bindparam("token_id")).values(
    last_used_at=bindparam("now"))


def user_for_token(session: Session, token: str, now: datetime) -> TokenAccount | None:
    """The active account of a valid, unexpired, unrevoked token; its last use is stamped in
    ``session`` (the caller commits)."""
    # One statement for the token and its account.
    found = _TOKEN_WITH_ACCOUNT.first(session, {"token_hash": _token_hash(token)})
    if found is None:
        return None
    token_id, expires_at, revoked_at, last_used_at, active = found[:5]
    if revoked_at is not None or expires_at <= now or not active:
        return None
    # Stamped at most once a minute: a write on every API call would make each read a write
    # transaction (on SQLite, one at a time for the whole file).
    if last_used_at is None or now - last_used_at >= TOKEN_USE_RESOLUTION:
        session.execute(_USED, {"token_id": token_id, "now": now})
    user_id, username, full_name, role, opd_code = found[5:]
    return TokenAccount(user_id, username, full_name, role, opd_code)


def revoke_token(session: Session, token: str, now: datetime) -> bool:
    """Revoke a token; False when it was unknown."""
    row = session.scalars(select(ApiToken).where(ApiToken.token_hash == _token_hash(token))).first()
    if row is None:
        return False
    row.revoked_at = now
    return True


def revoke_user_tokens(session: Session, user_id: int, now: datetime) -> None:
    """Revoke every live token of account ``user_id``."""
    session.execute(update(ApiToken).where(ApiToken.user_id == user_id,
                                           ApiToken.revoked_at.is_(None)).values(revoked_at=now))
