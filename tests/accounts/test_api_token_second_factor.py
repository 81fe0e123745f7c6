"""API clients get no token around the second factor or a password still owed on the web."""

from __future__ import annotations

from dataclasses import replace

import pyotp

from engine.accounts.second_factor import SecretBox, enrol_with_secret
from engine.accounts.tables import User
from engine.clock import FixedClock
from tests.walk import Walk
from webui.wiring import Services

TOKEN = "/api/v1/auth/token"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def test_an_enrolled_account_sends_its_code_for_a_token(  # type: ignore[no-untyped-def]
        client, walk: Walk, services: Services, clock: FixedClock) -> None:
    user_id = walk.user("tim_admin", name="admin-a").user_id
    with services.uow() as uow:
        user = uow.session.get(User, user_id)
        assert user is not None
        enrol_with_secret(uow.session, user, SECRET, SecretBox(services.settings.secret_key),
                          clock())
        uow.commit()
    body = {"username": "admin-a", "password": "pw"}
    assert client.post(TOKEN, json=body).status_code == 401  # the password alone is not enough
    assert client.post(TOKEN, json={**body, "code": "000000"}).status_code == 401
    code = pyotp.TOTP(SECRET).at(clock())
    assert client.post(TOKEN, json={**body, "code": code}).status_code == 201
    assert client.post(TOKEN, json={**body, "code": code}).status_code == 401  # replayed


def test_steps_owed_on_the_web_come_first(  # type: ignore[no-untyped-def]
        client, walk: Walk, services: Services) -> None:
    services.settings = replace(services.settings, totp_required_roles="tim_admin")
    walk.user("tim_admin", name="admin-a")
    refused = client.post(TOKEN, json={"username": "admin-a", "password": "pw"})
    assert refused.status_code == 401 and "di web" in refused.get_data(as_text=True)
    services.settings = replace(services.settings, totp_required_roles="")
    user_id = walk.user("ketua").user_id
    with services.uow() as uow:
        uow.session.get(User, user_id).must_change_password = True  # type: ignore[union-attr]
        uow.commit()
    assert client.post(TOKEN, json={"username": "ketua", "password": "pw"}).status_code == 401
