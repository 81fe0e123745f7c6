"""Fixtures of the security tests: a Walk, CSRF-aware pages, bearer tokens, an app factory."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from engine.accounts.tables import User
from engine.accounts.tokens import issue_token
from engine.domain import Actor
from tests.walk import Walk
from webui.wiring import Services

Headers = dict[str, str]


@pytest.fixture
def make_app(services: Services) -> Callable[..., Flask]:
    """``make_app(**config)``: the app on the test database with extra Flask config."""
    from webui import create_app

    def make(**config: Any) -> Flask:
        return create_app({"TESTING": True, "ALUR_SERVICES": services, **config})

    return make


def token_headers(walk: Walk, actor: Actor | None) -> Headers:
    """Headers with a fresh bearer token of ``actor`` (none for the public)."""
    if actor is None:
        return {}
    with walk.services.uow() as uow:
        user = uow.session.get(User, actor.user_id)
        assert user is not None
        token = issue_token(uow.session, user, walk.clock(), hours=24)
        uow.commit()
    return {"Authorization": f"Bearer {token}"}
