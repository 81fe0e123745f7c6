"""Fixtures of the evaluation tests: a walk through the engine, a known data set, sign-in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from engine.accounts.signin import create_user
from engine.accounts.tables import User
from engine.domain import OPD_ROLES
from tests.sessions import sign_in_client
from webui.wiring import Services

from .data import KnownData, load_known_data


@pytest.fixture
def known(services: Services) -> KnownData:
    """The known data set of March 2026 (see tests/evaluation/data.py)."""
    with services.uow() as uow:
        data = load_known_data(uow.session)
        uow.commit()
    return data


@pytest.fixture
def sign_in(client: FlaskClient, services: Services, clock) -> Callable[[str], None]:  # type: ignore[no-untyped-def]
    """Sign the test client in as a new officer of ``role``."""

    def as_role(role: str) -> None:
        with services.uow() as uow:
            opd = "DINKES" if role in OPD_ROLES else None
            user = uow.session.scalar(select(User).where(User.username == f"u-{role}"))
            if user is None:  # signing in again as the same role reuses the account
                user = create_user(uow.session, f"u-{role}", f"Petugas {role}", role, "pw",
                                   clock(), opd_code=opd)
                uow.commit()
        sign_in_client(client, services, user.id)

    return as_role
