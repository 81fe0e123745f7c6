"""Signing a test client in without the sign-in form: a server-side session as the form
would make, and the cookie that names it."""

from __future__ import annotations

from typing import Any

from engine.accounts.sessions import start_session
from webui.auth import SESSION_TOKEN
from webui.wiring import Services


def sign_in_client(client: Any, services: Services, user_id: int) -> Any:
    """``client`` signed in as account ``user_id``; returns the client."""
    with services.uow() as uow:
        token = start_session(uow.session, user_id, services.clock())
        uow.commit()
    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
        session["_fresh"] = True
        session[SESSION_TOKEN] = token
    return client
