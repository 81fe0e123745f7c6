"""Fixtures of the API tests: a Walk, bearer tokens per role, request headers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from engine.accounts.tables import User
from engine.accounts.tokens import issue_token
from tests.walk import Walk

Headers = dict[str, str]


@pytest.fixture
def bearer(walk: Walk) -> Callable[..., Headers]:
    """``bearer(role, opd=None, name=None)``: headers with a fresh token of that officer."""

    def make(role: str, opd: str | None = None, name: str | None = None) -> Headers:
        actor = walk.user(role, opd, name)
        with walk.services.uow() as uow:
            user = uow.session.get(User, actor.user_id)
            assert user is not None
            token = issue_token(uow.session, user, walk.clock(), hours=24 * 365)
            uow.commit()
        return {"Authorization": f"Bearer {token}"}

    return make
