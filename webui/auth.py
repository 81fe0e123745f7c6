"""Sign-in: flask-login over server-side sessions for the web, bearer tokens for API clients.

The session cookie holds only a random token (``SESSION_TOKEN``); the row it names in
``user_session`` says whose browser it is, and which complaints its reporter may follow.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Blueprint, Flask, abort, current_app, g, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, UserMixin, current_user

from engine.accounts.second_factor import SecretBox
from engine.accounts.sessions import (
    LiveSession,
    SessionPolicy,
    SessionRow,
    end_session,
    find_session,
    pending_steps,
    purge_expired,
    read_session,
    reporter_codes,
    set_pending_steps,
    set_reporter_codes,
    settle_session,
    start_session,
)
from engine.accounts.signin import LockoutPolicy
from engine.accounts.tables import User
from engine.accounts.tokens import TokenAccount, user_for_token
from engine.db import UnitOfWork
from engine.domain import Actor

from .page_work import opened_page_uow
from .wiring import services

F = TypeVar("F", bound=Callable[..., Any])
SESSION_TOKEN = "sid"


@dataclass(frozen=True)
class SignedIn(UserMixin):  # type: ignore[misc] # flask-login ships no types: its base is Any
    """The signed-in officer, detached from any database session."""

    user_id: int
    username: str
    full_name: str
    role: str
    opd_code: str | None
    via_token: bool = False

    def get_id(self) -> str:
        return str(self.user_id)

    @property
    def actor(self) -> Actor:
        """The engine's view of this officer."""
        return Actor(self.username, self.role, self.opd_code, self.user_id)

    @classmethod
    def of(cls, user: User | TokenAccount, via_token: bool = False) -> SignedIn:
        """Copy what the web layer needs out of a User row (or a token's account)."""
        return cls(user.id, user.username, user.full_name, user.role, user.opd_code, via_token)


class SignedInCache:
    """Signed-in officers by user id, read from the database at most once per ``ttl`` seconds
    in this process (every page otherwise began with a unit of work reading the user row).

    The admin screens call ``forget`` after changing an account, so a role change or a
    deactivation applies at once in the worker that made it and within ``ttl`` in the others.
    ``clock`` is monotonic seconds (injected in tests).
    """

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.clock = clock
        self._found: dict[int, tuple[float, SignedIn | None]] = {}

    def get(self, user_id: int, load: Callable[[int], SignedIn | None]) -> SignedIn | None:
        """The officer of ``user_id`` (None when unknown or inactive), loading when stale."""
        now = self.clock()
        kept = self._found.get(user_id)
        if kept is not None and now - kept[0] < self.ttl:
            return kept[1]
        found = load(user_id)
        if self.ttl > 0:
            if len(self._found) > 10_000:  # a bound, far above a regency's officers
                self._found.clear()
            self._found[user_id] = (now, found)
        return found

    def forget(self, user_id: int | None = None) -> None:
        """Drop one officer's copy (all when ``user_id`` is None)."""
        if user_id is None:
            self._found.clear()
        else:
            self._found.pop(user_id, None)


def _read_user(user_id: int, uow: UnitOfWork | None = None) -> SignedIn | None:
    """The active officer of ``user_id``, read in ``uow`` when given (else in one of its own)."""
    if uow is None:
        with services().uow() as own:
            return _read_user(user_id, own)
    user = uow.session.get(User, user_id)
    return SignedIn.of(user) if user is not None and user.active else None


def signed_in_cache() -> SignedInCache:
    """This app's cache of signed-in officers."""
    found: SignedInCache = current_app.extensions["alur_signed_in"]
    return found


def forget_user(user_id: int | None = None) -> None:
    """After an account changed: read it again on its next request (in this process)."""
    signed_in_cache().forget(user_id)


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed cookie, marked Secure whenever the request came over HTTPS (directly or
    as the trusted proxy says), not only when a setting remembers it."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(super().get_cookie_secure(app)) or (bool(request) and request.is_secure)


def init_app(app: Flask) -> None:
    """Register flask-login with a session loader and a bearer-token loader."""
    cache = SignedInCache(app.extensions["alur"].settings.signin_cache_seconds)
    app.extensions["alur_signed_in"] = cache
    app.session_interface = SessionCookies()
    manager = LoginManager()
    manager.login_view = "officer.signin.login"
    manager.login_message = None
    manager.init_app(app)

    @manager.user_loader
    def load_user(user_id: str) -> SignedIn | None:
        page = opened_page_uow()  # the view's own unit of work, when it opened one already
        row = _live_session(page)
        # A browser still owing a sign-in step (second factor, new password) is nobody yet.
        signed_in_as = row.user_id if row and not row.pending else None
        # The session row is read every request (a signed-out cookie must stop at once); the
        # account itself comes from the per-process cache the admin screens clear.
        if signed_in_as is None or str(signed_in_as) != user_id:
            return None
        return cache.get(signed_in_as, lambda found: _read_user(found, page))

    @manager.request_loader
    def load_from_token(req: Any) -> SignedIn | None:
        header = req.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return None
        with services().uow() as uow:
            user = user_for_token(uow.session, header[7:].strip(), services().clock())
            uow.commit()
            return SignedIn.of(user, via_token=True) if user is not None else None


def current_actor() -> Actor | None:
    """The engine actor of the signed-in officer, or None."""
    if not current_user.is_authenticated:
        return None
    actor: Actor = current_user.actor
    return actor


def roles_required(*roles: str) -> Callable[[F], F]:
    """Allow the view only to signed-in officers of ``roles`` (401 when signed out, else 403)."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                if request.path.startswith("/api/"):
                    abort(401)
                return _sign_in_first()
            if roles and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return cast(F, wrapped)

    return decorate


def restrict(blueprint: Blueprint, *roles: str) -> None:
    """Every view of ``blueprint`` (and of those nested in it) only for officers of ``roles``."""
    blueprint.before_request(roles_required(*roles)(_allowed))


def _allowed() -> None:
    return None


def _sign_in_first() -> Any:
    # flask-login sets app.login_manager at init_app; Flask's type does not know the attribute.
    return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]


def session_policy() -> SessionPolicy:
    """Idle and absolute timeouts from the settings."""
    settings = services().settings
    return SessionPolicy(idle=timedelta(minutes=settings.session_idle_minutes),
                         lifetime=timedelta(hours=settings.session_max_hours))


def begin_session(user_id: int | None, reporter_of: list[str] | None = None,
                  pending: list[str] | None = None) -> None:
    """A fresh server-side session for this browser (nothing from before survives but the
    language); the old one, if any, is ended. ``pending``: sign-in steps still owed."""
    lang = session.get("lang")
    with services().uow() as uow:
        end_session(uow.session, browser_token())
        purge_expired(uow.session, services().clock(), session_policy())
        token = start_session(uow.session, user_id, services().clock(), reporter_of, pending)
        uow.commit()
    session.clear()
    if lang:
        session["lang"] = lang
    session[SESSION_TOKEN] = token


def finish_session() -> None:
    """End this browser's session on the server and forget its cookie (sign-out)."""
    lang = session.get("lang")
    with services().uow() as uow:
        end_session(uow.session, browser_token())
        uow.commit()
    session.clear()
    if lang:
        session["lang"] = lang


def followed_codes(uow: UnitOfWork | None = None) -> list[str]:
    """Tracking codes whose secret this browser proved (kept server-side).

    ``uow``: a unit of work of the caller's that has written nothing yet, so that the session
    row is read on the page's own connection and transaction instead of one of its own."""
    if "alur_followed" in g:
        return list(g.alur_followed)
    return _followed(_live_session(uow))


def followed_codes_of(uow: UnitOfWork, row: SessionRow | None) -> list[str]:
    """``followed_codes`` for a page that read this browser's session row itself, along with
    its first read (``sessions.read_along``): the row settled as ``read_session`` settles it,
    its stamp or expiry committed in ``uow``."""
    return _followed(_committed(uow, settle_session(uow.session, row, services().clock(),
                                                    session_policy())))


def _followed(row: LiveSession | None) -> list[str]:
    codes = reporter_codes(row) if row else []
    g.alur_followed = codes
    return list(codes)


def browser_token() -> str | None:
    """The token of this browser's server-side session (None: it has none)."""
    token = session.get(SESSION_TOKEN)
    return str(token) if token else None


def _live_session(uow: UnitOfWork | None = None) -> LiveSession | None:
    """This browser's session row, read as a plain row (in ``uow`` when given); the read
    commits only when it stamped the row or deleted it as expired (a page that writes nothing
    commits nothing)."""
    token = browser_token()
    if not token:
        return None
    if uow is not None:
        return _read_live(uow, token)
    with services().uow() as own:
        return _read_live(own, token)


def _read_live(uow: UnitOfWork, token: str) -> LiveSession | None:
    return _committed(uow, read_session(uow.session, token, services().clock(),
                                        session_policy()))


def _committed(uow: UnitOfWork, settled: tuple[LiveSession | None, bool]) -> LiveSession | None:
    """The live session of a read that settled it; its stamp or expiry committed in ``uow``."""
    row, wrote = settled
    if wrote:
        uow.commit()  # the stamp or the expiry stands whatever the rest of the request does
    return row


def follow_codes(codes: list[str]) -> None:
    """Remember ``codes`` for this browser's reporter (a session is started when there is
    none yet)."""
    g.alur_followed = list(codes)
    with services().uow() as uow:
        row = find_session(uow.session, browser_token(), services().clock(),
                           session_policy())
        if row is not None:
            set_reporter_codes(row, codes)
            uow.commit()
            return
    begin_session(None, codes)


def lockout_policy() -> LockoutPolicy:
    """The sign-in lockout of the settings (web and API)."""
    settings = services().settings
    return LockoutPolicy(settings.login_attempts, settings.lockout_minutes,
                         settings.login_account_attempts, settings.login_account_seconds)


def pending_sign_in() -> tuple[int, list[str]] | None:
    """The account and the steps this browser still owes after a right password, or None."""
    with services().uow() as uow:
        row = find_session(uow.session, browser_token(), services().clock(),
                           session_policy())
        uow.commit()
        if row is None or row.user_id is None or not pending_steps(row):
            return None
        return row.user_id, pending_steps(row)


def finish_step(step: str) -> list[str] | None:
    """Mark ``step`` done for this browser; the steps still owed (None: no session left)."""
    with services().uow() as uow:
        row = find_session(uow.session, browser_token(), services().clock(),
                           session_policy())
        if row is None:
            return None
        remaining = [owed for owed in pending_steps(row) if owed != step]
        set_pending_steps(row, remaining)
        uow.commit()
        return remaining


def secret_box() -> SecretBox:
    """Seals and opens the officers' TOTP secrets with this app's key."""
    return SecretBox(services().settings.secret_key)
