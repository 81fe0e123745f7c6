"""Bearer tokens of API clients: issued for an account, stored as a hash, revoked."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

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


# Built once (a statement built per call has its cache key worked out again each time).
_TOKEN_WITH_ACCOUNT = (select(ApiToken, User).outerjoin(User, User.id == ApiToken.user_id)
                       .where(ApiToken.token_hash == bindparam("token_hash")))


def user_for_token(session: Session, token: str, now: datetime) -> User | None:
    """The active user of a valid, unexpired, unrevoked token."""
    # One statement for the token and its account: every API call begins with this.
    found = session.execute(_TOKEN_WITH_ACCOUNT, {"token_hash": _token_hash(token)}).first()
    if found is None:
        return None
    row, user = found
    if row.revoked_at is not None or row.expires_at <= now:
        return None
    if user is None or not user.active:
        return None
    # Stamped at most once a minute: a write on every API call would make each read a write
    # transaction (on SQLite, one at a time for the whole file).
    if row.last_used_at is None or now - row.last_used_at >= TOKEN_USE_RESOLUTION:
        row.last_used_at = now
    return user


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
