"""Tables of the accounts: officers, their API tokens, browser sessions, failed sign-ins and
second-factor recovery codes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from engine.db import Base


class User(Base):
    """An officer's account; role and (for OPD roles) the OPD it is bound to."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(150))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(40), index=True)
    opd_code: Mapped[str | None] = mapped_column(ForeignKey("opd.code"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    # Set when a sysadmin chose the password (new account, reset): changed at next sign-in.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False,
                                                       server_default=false())
    # The TOTP secret, encrypted (engine.accounts.second_factor); enrolled once confirmed.
    totp_secret: Mapped[str | None] = mapped_column(Text)
    totp_enrolled_at: Mapped[datetime | None]
    totp_last_step: Mapped[int | None] = mapped_column(Integer)  # refuses a replayed code


class ApiToken(Base):
    """A bearer token for API clients, stored as a hash."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]


class UserSession(Base):
    """A signed-in browser: the cookie carries only a random token, whose hash is kept here.

    Deleting the row ends the session wherever the cookie was copied to. A reporter who proved
    a complaint's secret has a row without a user, holding the complaints they may follow.
    """

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), index=True)
    reporter_of: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    # Steps still owed before the browser is signed in ("kode", "daftar", "sandi"; comma list).
    pending: Mapped[str] = mapped_column(String(40), default="", server_default="")


class SignInFailure(Base):
    """Failed sign-ins of one username from one address (``source`` "*": from anywhere).

    Kept for names that exist and names that do not alike, so the answers never tell them apart.
    """

    __tablename__ = "sign_in_failure"
    __table_args__ = (UniqueConstraint("username", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    source: Mapped[str] = mapped_column(String(64))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    first_failed_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]


class RecoveryCode(Base):
    """A one-time code that stands in for the authenticator app, stored as a hash."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
