"""Officers' sign-in: argon2 passwords, failures counted per name and address, the acting actor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from engine import audit
from engine.domain import OPD_ROLES, ROLES, Actor
from engine.errors import FormInvalidError
from engine.messages import N_, Message

from .tables import SignInFailure, User

_hasher = PasswordHasher()


class LoginError(Exception):
    """Sign-in refused; the message never says whether the username or the password was wrong,
    nor whether the name exists or is locked."""


REFUSED = "Nama pengguna atau kata sandi salah, atau terlalu banyak percobaan; coba lagi nanti"
ANYWHERE = "*"


@dataclass(frozen=True)
class LockoutPolicy:
    """Wrong passwords for one name from one address that lock that address out for
    ``minutes``; from all addresses together, ``account_attempts`` slow the name down for
    ``account_seconds`` only, so that a stranger cannot keep an officer out."""

    attempts: int = 5
    minutes: int = 15
    account_attempts: int = 20
    account_seconds: int = 60


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
    session: Session, username: str, password: str, now: datetime, policy: LockoutPolicy,
    source: str = "",
) -> User:
    """The user when the password is right, the account open and neither the name from
    ``source`` (the client address) nor the name as a whole is locked; LoginError otherwise.

    Unknown names are counted and locked the same way, and the password is always checked
    against a hash: the answer and its time never tell an unknown name from a locked one.
    """
    name = username.strip()[:80]
    rows = failure_counters(session, name, source, now)
    locked = is_locked(rows, now)
    user = session.scalars(select(User).where(User.username == name)).first()
    known = user is not None and user.active
    right = verify_password(user.password_hash if known and user else _dummy_hash(), password)
    if locked or not known or not right or user is None:
        count_failure(rows, now, policy)
        raise LoginError(REFUSED)
    forgive(session, rows)
    stale = now - 2 * timedelta(minutes=policy.minutes)  # counters nobody added to for long
    session.execute(delete(SignInFailure).where(
        SignInFailure.first_failed_at < stale,
        or_(SignInFailure.locked_until.is_(None), SignInFailure.locked_until < now)))
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    audit.record(session, Actor(user.username, user.role, user.opd_code, user.id), "signed_in",
                 now)
    return user


def forgive(session: Session, rows: list[SignInFailure]) -> None:
    """After a success: this address is trusted again; the name's total decays on its own."""
    for row in rows:
        if row in session.new:
            session.expunge(row)
        elif row.source != ANYWHERE:
            session.delete(row)


def is_locked(rows: list[SignInFailure], now: datetime) -> bool:
    """Whether any of the counters ``rows`` holds a lock that has not expired."""
    return any(row.locked_until is not None and row.locked_until > now for row in rows)


def current_lock(session: Session, username: str, now: datetime) -> datetime | None:
    """Until when ``username`` is locked from some address (None: not locked now)."""
    ends = [row.locked_until for row in session.scalars(select(SignInFailure).where(
        SignInFailure.username == username)) if row.locked_until and row.locked_until > now]
    return max(ends, default=None)


def failure_counters(session: Session, name: str, source: str,
                     now: datetime) -> list[SignInFailure]:
    """The counters of (name, source) and (name, anywhere), created when missing."""
    source = source[:64] or "?"
    found = {row.source: row for row in session.scalars(select(SignInFailure).where(
        SignInFailure.username == name, SignInFailure.source.in_((source, ANYWHERE))))}
    rows = []
    for key in (source, ANYWHERE):
        row = found.get(key)
        if row is None:
            row = SignInFailure(username=name, source=key, failures=0, first_failed_at=now)
            session.add(row)
        rows.append(row)
    return rows


def count_failure(rows: list[SignInFailure], now: datetime, policy: LockoutPolicy) -> None:
    """One more failure on each counter; a counter at its limit locks."""
    limits = ((policy.attempts, timedelta(minutes=policy.minutes)),
              (policy.account_attempts, timedelta(seconds=policy.account_seconds)))
    for row, (attempts, lock) in zip(rows, limits, strict=True):
        window = timedelta(minutes=policy.minutes)
        if now - row.first_failed_at > window:
            row.failures, row.first_failed_at = 0, now  # old failures are forgotten
        if row.locked_until is not None and row.locked_until > now:
            continue  # a locked door does not lock longer with every knock
        row.failures += 1
        if row.failures >= attempts:
            row.locked_until, row.failures, row.first_failed_at = now + lock, 0, now


def clear_failures(session: Session, username: str) -> None:
    """Lift every lock on ``username`` (a sysadmin's password reset)."""
    session.execute(delete(SignInFailure).where(SignInFailure.username == username))


@cache
def _dummy_hash() -> str:
    # Made on first use, not at import: hashing costs argon2's full memory and time.
    return _hasher.hash("not-a-real-password")


def verify_password(stored: str, password: str) -> bool:
    """Whether ``password`` matches the argon2 hash ``stored``."""
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def actor_for(user: User) -> Actor:
    """The engine's view of a signed-in user."""
    return Actor(user.username, user.role, user.opd_code, user.id)
