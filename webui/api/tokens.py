"""Signing in for API clients: a bearer token for a username and password, and revoking it."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import abort, jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from engine.accounts.second_factor import (
    CODE,
    ENROL,
    NEW_PASSWORD,
    required_roles,
    sign_in_steps,
    verify,
)
from engine.accounts.signin import LoginError, authenticate
from engine.accounts.tables import User
from engine.accounts.tokens import issue_token, revoke_token
from engine.errors import FormInvalidError
from webui.auth import SignedIn, lockout_policy, secret_box
from webui.wiring import services

from .caller import bearer_token, require_officer
from .common import bp, iso, json_object, reject_unknown

CREDENTIALS = ("username", "password")
OWED_ON_THE_WEB = ("Selesaikan langkah masuk di web lebih dulu (kata sandi baru atau aplikasi "
                   "autentikator)")


@bp.post("/auth/token", endpoint="issue_token")
def sign_in() -> ResponseReturnValue:
    """Trade a username and password (and the authenticator ``code`` of an account that has
    one) for a bearer token; wrong ones count toward the lockout."""
    body = json_object()
    reject_unknown(body, (*CREDENTIALS, "code"))
    missing = {name: "Wajib diisi." for name in CREDENTIALS
               if not isinstance(body.get(name), str) or not body[name]}
    if missing:
        raise FormInvalidError(missing)
    settings, now = services().settings, services().clock()
    with services().uow() as uow:
        try:
            user = authenticate(uow.session, body["username"], body["password"], now,
                                lockout_policy(), source=request.remote_addr or "")
            _second_factor(uow.session, user, body.get("code"), now)
        except LoginError:
            uow.commit()  # the failed attempt must count, or nothing would ever lock
            raise
        token = issue_token(uow.session, user, now, settings.token_hours)
        signed_in = SignedIn.of(user)
        uow.commit()
    expires_at = now + timedelta(hours=settings.token_hours)
    return jsonify(token=token, expires_at=iso(expires_at), user=_officer_json(signed_in)), 201


@bp.delete("/auth/token", endpoint="revoke_token")
def sign_out() -> ResponseReturnValue:
    """Revoke the bearer token this request presents."""
    require_officer()
    token = bearer_token()
    with services().uow() as uow:
        if not token or not revoke_token(uow.session, token, services().clock()):
            abort(401)
        uow.commit()
    return "", 204


def _officer_json(user: SignedIn) -> dict[str, str | None]:
    return {"username": user.username, "full_name": user.full_name, "role": user.role,
            "opd": user.opd_code}


def _second_factor(session: Session, user: User, code: object, now: datetime) -> None:
    """An account with an authenticator sends its ``code``; one that still owes a step on the
    web (enrolling, a new password) gets no token until it is done."""
    steps = sign_in_steps(user, required_roles(services().settings.totp_required_roles))
    if ENROL in steps or NEW_PASSWORD in steps:
        raise LoginError(OWED_ON_THE_WEB)
    if CODE in steps:
        verify(session, user, code if isinstance(code, str) else "", secret_box(), now,
               lockout_policy(), request.remote_addr or "")
