"""Who calls the API: an officer presenting a bearer token, or the public.

The API is exempt from CSRF checks, so a browser's session cookie never authenticates an API
call: only the ``Authorization: Bearer`` header does. A header with a token that is unknown,
expired or revoked is refused with 401 everywhere, so clients learn to sign in again instead
of silently seeing the public view.
"""

from __future__ import annotations

from flask import abort, g, request

from engine.accounts.tokens import user_for_token
from engine.db import UnitOfWork
from engine.domain import Actor
from webui.auth import SignedIn
from webui.page_work import begin_page_uow, opened_page_uow, view_lends_page_uow
from webui.wiring import services

from .common import bp

TOKEN_ENDPOINT = "api.issue_token"


def bearer_token() -> str | None:
    """The token of the ``Authorization: Bearer`` header, if one was sent."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else ""


def officer() -> SignedIn | None:
    """The officer whose valid bearer token came with this request (looked up once)."""
    if "api_officer" not in g:
        g.api_officer = _look_up(bearer_token())
    found: SignedIn | None = g.api_officer
    return found


def officer_actor() -> Actor | None:
    """The engine actor of the calling officer, or None for the public."""
    found = officer()
    return found.actor if found is not None else None


def require_officer() -> Actor:
    """The calling officer's actor; 401 when no valid token came with the request."""
    actor = officer_actor()
    if actor is None:
        abort(401, description="Masuk dulu: kirim token di header Authorization: Bearer")
    return actor


def _look_up(token: str | None) -> SignedIn | None:
    if not token or "\x00" in token:
        return None
    lent = opened_page_uow()
    if lent is None:
        with services().uow() as own:
            found = _token_officer(own, token)
            own.commit()  # keeps last_used_at
            return found
    return _token_officer(lent, token)  # the view's commit keeps last_used_at


def _token_officer(uow: UnitOfWork, token: str) -> SignedIn | None:
    user = user_for_token(uow.session, token, services().clock())
    return SignedIn.of(user, via_token=True) if user is not None else None


@bp.before_request
def _refuse_bad_tokens() -> None:
    # Signing in ignores a stale header: it is how a client gets a fresh token.
    if request.endpoint == TOKEN_ENDPOINT and request.method == "POST":
        return
    if bearer_token() is None:
        return
    if view_lends_page_uow():
        # The token is read in the view's unit of work: one connection and one transaction
        # for the request instead of two.
        begin_page_uow()
    if officer() is None:
        abort(401, description="Token tidak dikenal, kedaluwarsa, atau sudah dicabut")
