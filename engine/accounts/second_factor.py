"""The second factor: TOTP codes from an authenticator app (RFC 6238, pyotp), and one-time
recovery codes for the day the phone is lost.

The TOTP secret is kept encrypted with a key derived from the app's secret key; a code is
accepted once (the time step it belongs to is remembered), and wrong codes count towards the
same lockout as wrong passwords.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import datetime

import pyotp
from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from engine import audit
from engine.domain import Actor
from engine.errors import FormInvalidError
from engine.messages import N_, Message

from .sessions import end_user_sessions
from .signin import (
    REFUSED,
    LockoutPolicy,
    LoginError,
    count_failure,
    failure_counters,
    forgive,
    is_locked,
    verify_password,
)
from .tables import RecoveryCode, User

ISSUER = "Alur LAPOR! Empat Lawang"
STEP_SECONDS = 30
DRIFT_STEPS = 1  # a phone's clock a step early or late is still accepted
RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


class SecretBox:
    """Encrypts TOTP secrets at rest (Fernet) with a key derived from ``key``."""

    def __init__(self, key: str) -> None:
        digest = hashlib.sha256(b"alur-totp-secret:" + key.encode()).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(digest))

    def seal(self, secret: str) -> str:
        """``secret`` encrypted, as text for the database."""
        return self._fernet.encrypt(secret.encode()).decode()

    def open(self, sealed: str) -> str:
        """The secret in ``sealed``; ValueError when another key sealed it."""
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken:
            raise ValueError("TOTP secret sealed with another key") from None


def required_roles(setting: str) -> frozenset[str]:
    """The roles named in ``ALUR_TOTP_REQUIRED_ROLES`` (comma separated)."""
    return frozenset(part.strip() for part in setting.split(",") if part.strip())


CODE, ENROL, NEW_PASSWORD = "kode", "daftar", "sandi"  # the steps after a right password


def sign_in_steps(user: User, required: frozenset[str]) -> list[str]:
    """What ``user`` still owes after a right password, in order: the authenticator code (or
    enrolling one, when the role is in ``required``), then a password of their own."""
    steps = []
    if is_enrolled(user):
        steps.append(CODE)
    elif user.role in required:
        steps.append(ENROL)
    if user.must_change_password:
        steps.append(NEW_PASSWORD)
    return steps


def is_enrolled(user: User) -> bool:
    """Whether ``user`` has confirmed an authenticator app."""
    return user.totp_enrolled_at is not None and bool(user.totp_secret)


def pending_secret(session: Session, user: User, box: SecretBox) -> str:
    """The secret ``user`` is enrolling with: the one already offered, else a new one."""
    if user.totp_secret and user.totp_enrolled_at is None:
        try:
            return box.open(user.totp_secret)
        except ValueError:
            pass  # sealed under an older key: offer a new one
    secret = pyotp.random_base32()
    user.totp_secret, user.totp_enrolled_at, user.totp_last_step = box.seal(secret), None, None
    session.flush()
    return secret


def provisioning_uri(secret: str, username: str) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def code_at(secret: str, when: datetime) -> str:
    """The code an authenticator app shows at ``when`` (demos and tests)."""
    return pyotp.TOTP(secret).at(when)


def confirm_enrolment(session: Session, user: User, code: str, box: SecretBox, now: datetime,
                      policy: LockoutPolicy, source: str) -> list[str]:
    """Enrol ``user`` when ``code`` matches the offered secret; the new recovery codes (to
    show once). LoginError when the code is wrong or the name is locked."""
    if user.totp_secret is None or user.totp_enrolled_at is not None:
        raise LoginError(REFUSED)
    _check(session, user, code, box.open(user.totp_secret), now, policy, source,
           recovery=False)
    user.totp_enrolled_at = now
    audit.record(session, _actor(user), "totp_enrolled", now)
    return new_recovery_codes(session, user, now)


def verify(session: Session, user: User, code: str, box: SecretBox, now: datetime,
           policy: LockoutPolicy, source: str) -> None:
    """Pass when ``code`` is the app's current code (not used before) or an unused recovery
    code; LoginError otherwise, counted like a wrong password."""
    if not is_enrolled(user) or user.totp_secret is None:
        raise LoginError(REFUSED)
    try:
        secret = box.open(user.totp_secret)
    except ValueError:
        secret = ""  # sealed under a former secret key: only a recovery code still works
    _check(session, user, code, secret, now, policy, source, recovery=True)


def _check(session: Session, user: User, code: str, secret: str, now: datetime,
           policy: LockoutPolicy, source: str, recovery: bool) -> None:
    rows = failure_counters(session, user.username, source, now)
    typed = "".join(code.split()).lower()
    good = not is_locked(rows, now) and (
        _take_step(user, secret, typed, now) or (recovery and _take_recovery(session, user,
                                                                             typed, now)))
    if not good:
        count_failure(rows, now, policy)
        raise LoginError(REFUSED)
    forgive(session, rows)


def _take_step(user: User, secret: str, typed: str, now: datetime) -> bool:
    """Accept a code of a step near ``now`` that is later than the last one accepted."""
    if not (secret and typed.isdigit() and len(typed) == 6):
        return False
    totp = pyotp.TOTP(secret)
    current = int(now.timestamp()) // STEP_SECONDS
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if user.totp_last_step is not None and step <= user.totp_last_step:
            continue  # that code (or an older one) was used already: a replay
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), typed):
            user.totp_last_step = step
            return True
    return False


def _hash_code(typed: str) -> str:
    return hashlib.sha256(typed.replace("-", "").encode()).hexdigest()


def _take_recovery(session: Session, user: User, typed: str, now: datetime) -> bool:
    row = session.scalars(select(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _hash_code(typed),
        RecoveryCode.used_at.is_(None))).first()
    if row is None:
        return False
    row.used_at = now
    audit.record(session, _actor(user), "recovery_code_used", now)
    return True


def new_recovery_codes(session: Session, user: User, now: datetime) -> list[str]:
    """A fresh set of recovery codes for ``user`` (the old ones stop working); shown once."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = ["-".join("".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(5))
                      for _ in range(2)) for _ in range(RECOVERY_CODES)]
    session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash_code(code), created_at=now)
                    for code in codes)
    session.flush()
    return codes


def renew_recovery_codes(session: Session, user: User, password: str,
                         now: datetime) -> list[str]:
    """A fresh set of recovery codes for the signed-in ``user``, who types the password again
    first: a browser left open must not be enough to take the account's way back in."""
    if not verify_password(user.password_hash, password):
        raise FormInvalidError({"codes_current": Message(N_("Kata sandi sekarang salah."))})
    codes = new_recovery_codes(session, user, now)
    audit.record(session, _actor(user), "recovery_codes_renewed", now)
    return codes


def unused_recovery_codes(session: Session, user_id: int) -> int:
    """How many recovery codes of ``user_id`` are still unused."""
    return int(session.scalar(select(func.count(RecoveryCode.id)).where(
        RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None))) or 0)


def reset_second_factor(session: Session, user: User, actor: Actor, now: datetime) -> None:
    """Forget ``user``'s authenticator and recovery codes (a lost phone); the officer enrols
    again at next sign-in and every session of the account ends."""
    user.totp_secret, user.totp_enrolled_at, user.totp_last_step = None, None, None
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    end_user_sessions(session, user.id)
    audit.record(session, actor, "totp_reset", now, user=user.username)


def enrol_with_secret(session: Session, user: User, secret: str, box: SecretBox,
                      now: datetime) -> None:
    """Enrol ``user`` with a known ``secret`` (the documented demo accounts only)."""
    user.totp_secret, user.totp_enrolled_at, user.totp_last_step = box.seal(secret), now, None
    session.flush()


def _actor(user: User) -> Actor:
    return Actor(user.username, user.role, user.opd_code, user.id)
