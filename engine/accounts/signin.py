"""Officers' sign-in: argon2 passwords, lockout after repeated failures, the acting actor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.domain import OPD_ROLES, ROLES, Actor
from engine.errors import FormInvalidError
from engine.messages import N_, Message

from .tables import User

_hasher = PasswordHasher()


class LoginError(Exception):
    """Sign-in refused; the message never says whether the username or the password was wrong."""


@dataclass(frozen=True)
class LockoutPolicy:
    """How many wrong passwords lock an account, and for how long."""

    attempts: int = 5
    minutes: int = 15


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return _hasher.hash(password)


def create_user(
    session: Session, username: str, full_name: str, role: str, password: str,
    now: datetime, opd_code: str | None = None,
) -> User:
    """A new account; OPD roles must name their OPD."""
    if role not in ROLES:
        raise FormInvalidError({"role": Message(N_("Peran tidak dikenal: %(role)s"), role=role)})
    if role in OPD_ROLES and not opd_code:
        raise FormInvalidError({"opd_code": Message(N_("Peran ini harus terikat pada satu OPD"))})
    user = User(username=username, full_name=full_name, role=role,
                password_hash=hash_password(password), opd_code=opd_code if role in OPD_ROLES
                else None, active=True, failed_logins=0, created_at=now)
    session.add(user)
    session.flush()
    return user


def authenticate(
    session: Session, username: str, password: str, now: datetime, policy: LockoutPolicy
) -> User:
    """The user when the password is right and the account open; LoginError otherwise."""
    user = session.scalars(select(User).where(User.username == username.strip())).first()
    if user is None or not user.active:
        _verify(_dummy_hash(), password)  # the same work as a real check: no timing oracle
        raise LoginError("Nama pengguna atau kata sandi salah")
    if user.locked_until is not None and user.locked_until > now:
        raise LoginError("Akun dikunci sementara karena terlalu banyak percobaan; coba lagi nanti")
    if not _verify(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= policy.attempts:
            user.locked_until = now + timedelta(minutes=policy.minutes)
            user.failed_logins = 0
        raise LoginError("Nama pengguna atau kata sandi salah")
    user.failed_logins = 0
    user.locked_until = None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


@cache
def _dummy_hash() -> str:
    # Made on first use, not at import: hashing costs argon2's full memory and time.
    return _hasher.hash("not-a-real-password")


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def actor_for(user: User) -> Actor:
    """The engine's view of a signed-in user."""
    return Actor(user.username, user.role, user.opd_code, user.id)
