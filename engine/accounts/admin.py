"""System administration of accounts: create, change role, deactivate, reset a password."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from engine import audit
from engine.domain import OPD_ROLES, ROLES, Actor
from engine.errors import ConflictError, FormInvalidError, NotFoundError
from engine.messages import N_, Message
from engine.reference.tables import Opd

from .sessions import end_user_sessions
from .signin import clear_failures, create_user, hash_password, verify_password
from .tables import User
from .tokens import revoke_user_tokens

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,79}")
MIN_PASSWORD = 8


@dataclass(frozen=True)
class Account:
    """What an administrator types about an account."""

    username: str
    full_name: str
    role: str
    opd_code: str | None = None
    password: str = ""


USERS_PER_PAGE = 50


@dataclass(frozen=True)
class UserFilter:
    """Which accounts the sysadmin's list shows, and which page of them.

    ``query``: words that must each appear in the username, the name, the OPD code, the role
    code or the role's name as ``role_names`` (code -> name on screen) gives it. ``role``: one
    role code (None, or a code not in ROLES: every role)."""

    query: str = ""
    role: str | None = None
    page: int = 1
    per_page: int = USERS_PER_PAGE
    role_names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class UserPage:
    """One page of accounts and where it sits among all that match."""

    users: list[User]
    page: int
    pages: int
    total: int
    first: int  # the ordinal of the page's first account among the matches (0 when none)
    last: int


def list_users(session: Session, flt: UserFilter | None = None) -> UserPage:
    """The accounts ``flt`` asks for, by role then username, a page at a time (the page is
    clamped to the last one): one count and one query for the page."""
    flt = flt or UserFilter()
    conditions = _user_conditions(flt)
    total = session.scalar(select(func.count()).select_from(User).where(*conditions)) or 0
    per_page = min(max(1, flt.per_page), 200)
    pages = max(1, -(-total // per_page))
    page = min(max(1, flt.page), pages)
    users = list(session.scalars(
        select(User).where(*conditions).order_by(User.role, User.username, User.id)
        .offset((page - 1) * per_page).limit(per_page)))
    first = (page - 1) * per_page + 1 if users else 0
    return UserPage(users, page, pages, total, first, first + len(users) - 1 if users else 0)


def _user_conditions(flt: UserFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if flt.role in ROLES:
        conditions.append(User.role == flt.role)
    for word in flt.query.lower().split()[:10]:
        named = sorted(code for code, name in flt.role_names.items() if word in name.lower())
        conditions.append(or_(
            *(func.lower(column).contains(word, autoescape=True)
              for column in (User.username, User.full_name, User.role, User.opd_code)),
            User.role.in_(named)))
    return conditions


def get_user(session: Session, user_id: int) -> User:
    """An account by id, or NotFoundError."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError("Pengguna tidak ditemukan")
    return user


def add_user(session: Session, account: Account, actor: Actor, now: datetime) -> User:
    """A new account; every problem is reported against its field."""
    errors = _role_errors(session, account)
    if not USERNAME.fullmatch(account.username):
        errors["username"] = ("Gunakan 2–80 huruf kecil, angka, titik, garis bawah atau tanda "
                              "hubung.")
    elif session.scalars(select(User.id).where(User.username == account.username)).first():
        errors["username"] = "Nama pengguna sudah dipakai."
    if len(account.password) < MIN_PASSWORD:
        errors["password"] = Message(N_("Kata sandi minimal %(n)s karakter."), n=MIN_PASSWORD)
    if errors:
        raise FormInvalidError(errors)
    user = create_user(session, account.username, account.full_name.strip(), account.role,
                       account.password, now, opd_code=account.opd_code or None)
    user.must_change_password = True  # the sysadmin knows it: the owner picks their own
    audit.record(session, actor, "user_created", now, user=user.username, role=user.role,
                 opd=user.opd_code)
    return user


def update_user(session: Session, user_id: int, account: Account, actor: Actor,
                now: datetime) -> User:
    """Change an account's name, role and OPD (the username stays)."""
    user = get_user(session, user_id)
    errors = _role_errors(session, account)
    if errors:
        raise FormInvalidError(errors)
    user.full_name = account.full_name.strip()
    opd_code = account.opd_code if account.role in OPD_ROLES else None
    if (user.role, user.opd_code) != (account.role, opd_code):
        end_user_sessions(session, user.id)  # what the officer may see changed: sign in again
        revoke_user_tokens(session, user.id, now)
    user.role, user.opd_code = account.role, opd_code
    audit.record(session, actor, "user_changed", now, user=user.username, role=user.role,
                 opd=user.opd_code)
    return user


def set_user_active(session: Session, user_id: int, active: bool, actor: Actor,
                    now: datetime) -> User:
    """Deactivate (sign-in refused from now on) or reactivate an account."""
    user = get_user(session, user_id)
    if not active and user.id == actor.user_id:
        raise ConflictError("Anda tidak dapat menonaktifkan akun Anda sendiri")
    user.active = active
    if not active:
        end_user_sessions(session, user.id)
        revoke_user_tokens(session, user.id, now)
    audit.record(session, actor, "user_activated" if active else "user_deactivated", now,
                 user=user.username)
    return user


def reset_password(session: Session, user_id: int, actor: Actor, now: datetime) -> str:
    """Give the account a new random password (returned once), lift any lockout and end
    every session and API token of the account."""
    user = get_user(session, user_id)
    password = secrets.token_urlsafe(9)
    user.password_hash = hash_password(password)
    user.must_change_password = True
    user.failed_logins = 0
    user.locked_until = None
    clear_failures(session, user.username)
    end_user_sessions(session, user.id)
    revoke_user_tokens(session, user.id, now)
    audit.record(session, actor, "password_reset", now, user=user.username)
    return password


def unlock(session: Session, user_id: int, actor: Actor, now: datetime) -> User:
    """Lift every current sign-in lock on the account."""
    user = get_user(session, user_id)
    clear_failures(session, user.username)
    audit.record(session, actor, "user_unlocked", now, user=user.username)
    return user


def change_own_password(session: Session, user_id: int, new: str, repeat: str, now: datetime,
                        current: str | None = None) -> User:
    """The officer sets their own password: ``current`` is checked when given (a signed-in
    change); the new one must be long enough, typed twice alike and differ from the old one.
    Every session of the account ends (the caller starts a fresh one)."""
    user = get_user(session, user_id)
    errors: dict[str, str] = {}
    if current is not None and not verify_password(user.password_hash, current):
        errors["current"] = Message(N_("Kata sandi sekarang salah."))
    if len(new) < MIN_PASSWORD:
        errors["password"] = Message(N_("Kata sandi minimal %(n)s karakter."), n=MIN_PASSWORD)
    elif verify_password(user.password_hash, new):
        errors["password"] = Message(N_("Kata sandi baru harus berbeda dari yang lama."))
    if not errors and new != repeat:
        errors["repeat"] = Message(N_("Kedua kata sandi baru tidak sama."))
    if errors:
        raise FormInvalidError(errors)
    user.password_hash = hash_password(new)
    user.must_change_password = False
    end_user_sessions(session, user.id)
    audit.record(session, Actor(user.username, user.role, user.opd_code, user.id),
                 "password_changed", now)
    return user


def _role_errors(session: Session, account: Account) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not account.full_name.strip():
        errors["full_name"] = "Wajib diisi."
    elif len(account.full_name.strip()) > 150:
        errors["full_name"] = Message(N_("Terlalu panjang (maksimal 150 karakter)."))
    if account.role not in ROLES:
        errors["role"] = "Pilih salah satu peran."
    elif account.role in OPD_ROLES:
        opd = session.get(Opd, account.opd_code) if account.opd_code else None
        if opd is None or not opd.active:
            errors["opd_code"] = "Peran ini harus terikat pada satu OPD yang aktif."
    return errors


@dataclass
class OpdStaff:
    """An OPD with the officers whose accounts are bound to it."""

    opd: Opd
    liaisons: list[User] = field(default_factory=list)
    technical: list[User] = field(default_factory=list)
    heads: list[User] = field(default_factory=list)


def opd_staff(session: Session) -> list[OpdStaff]:
    """Every OPD (active first) with its liaison officers, technical-unit officers and head."""
    entries = {o.code: OpdStaff(o) for o in session.scalars(
        select(Opd).order_by(Opd.active.desc(), Opd.name))}
    users = session.scalars(select(User).where(User.role.in_(OPD_ROLES), User.active)
                            .order_by(User.full_name))
    for user in users:
        entry = entries.get(user.opd_code or "")
        if entry is not None:
            {"pejabat_penghubung": entry.liaisons, "unit_teknis": entry.technical,
             "kepala_opd": entry.heads}[user.role].append(user)
    return list(entries.values())
