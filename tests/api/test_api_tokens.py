"""Signing in with a username and password, tokens that expire and can be revoked, lockout."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from engine.calendar.working_days import WIB
from tests.api.answers import error_without_id
from tests.sessions import sign_in_client
from tests.walk import Walk

TOKEN = "/api/v1/auth/token"
TASKS = "/api/v1/tasks"


def _sign_in(client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post(TOKEN, json={"username": username, "password": password})


def test_sign_in_gives_a_token_that_opens_the_inbox(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    walk.user("tim_admin", name="admin-a")
    answer = _sign_in(client, "admin-a", "pw")
    assert answer.status_code == 201
    body = answer.get_json()
    assert body["user"] == {"username": "admin-a", "full_name": "admin-a", "role": "tim_admin",
                            "opd": None}
    assert body["expires_at"] == "2026-04-01T09:00:00+07:00"  # 30 days, in WIB
    assert datetime.fromisoformat(body["expires_at"]).utcoffset() == timedelta(hours=7)
    assert answer.headers["Cache-Control"] == "no-store"
    inbox = client.get(TASKS, headers={"Authorization": f"Bearer {body['token']}"})
    assert inbox.status_code == 200


def test_unknown_user_and_wrong_password_get_the_same_answer(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    walk.user("ketua")
    unknown = _sign_in(client, "nobody", "pw")
    wrong = _sign_in(client, "ketua", "not-it")
    assert unknown.status_code == wrong.status_code == 401
    assert error_without_id(unknown) == error_without_id(wrong)
    assert "nama pengguna atau kata sandi" in wrong.get_json()["error"]["message"].lower()


def test_five_wrong_passwords_lock_that_address_out_for_a_while(client, walk: Walk, clock) -> None:  # type: ignore[no-untyped-def]
    walk.user("anggota")
    for _ in range(5):
        assert _sign_in(client, "anggota", "salah").status_code == 401
        assert _sign_in(client, "nosuchuser", "salah").status_code == 401
    locked = _sign_in(client, "anggota", "pw")
    assert locked.status_code == 401
    # A locked account answers as an unknown name does: nothing to enumerate.
    assert error_without_id(locked) == error_without_id(_sign_in(client, "nosuchuser", "pw"))
    other = client.post("/api/v1/auth/token", json={"username": "anggota", "password": "pw"},
                        environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert other.status_code == 201  # the officer's own address was never locked
    clock.advance(minutes=16)
    assert _sign_in(client, "anggota", "pw").status_code == 201


def test_four_wrong_passwords_then_the_right_one_resets_the_count(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    walk.user("anggota")
    for _ in range(4):
        _sign_in(client, "anggota", "salah")
    assert _sign_in(client, "anggota", "pw").status_code == 201
    for _ in range(4):
        _sign_in(client, "anggota", "salah")
    assert _sign_in(client, "anggota", "pw").status_code == 201


@pytest.mark.parametrize("body", [
    {"username": "ketua"}, {"username": "", "password": "pw"},
    {"username": 5, "password": "pw"}, {"username": "ketua", "password": "pw", "role": "x"},
])
def test_malformed_credentials_are_invalid_not_a_failed_sign_in(client, walk: Walk, body) -> None:  # type: ignore[no-untyped-def]
    walk.user("ketua")
    answer = client.post(TOKEN, json=body)
    assert answer.status_code == 422
    assert answer.get_json()["error"]["code"] == "invalid"


def test_a_body_that_is_not_a_json_object_is_a_bad_request(client) -> None:  # type: ignore[no-untyped-def]
    assert client.post(TOKEN, data="username=ketua").status_code == 400
    assert client.post(TOKEN, json=["ketua", "pw"]).status_code == 400


def test_revoked_token_opens_nothing(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    walk.user("tim_admin")
    token = _sign_in(client, "tim_admin", "pw").get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.delete(TOKEN, headers=headers).status_code == 204
    refused = client.get(TASKS, headers=headers)
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.delete(TOKEN, headers=headers).status_code == 401
    assert client.delete(TOKEN).status_code == 401


def test_expired_token_is_refused_even_on_public_routes(client, walk: Walk, clock) -> None:  # type: ignore[no-untyped-def]
    walk.user("tim_admin")
    token = _sign_in(client, "tim_admin", "pw").get_json()["token"]
    clock.set(datetime(2026, 4, 1, 9, 0, 1, tzinfo=WIB))
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(TASKS, headers=headers).status_code == 401
    assert client.get("/api/v1/opds", headers=headers).status_code == 401
    assert client.get("/api/v1/opds").status_code == 200


@pytest.mark.parametrize("header", ["Bearer", "Bearer nonsense", "Basic dGltOnB3"])
def test_a_malformed_or_unknown_authorization_header_is_refused(client, header: str) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/opds", headers={"Authorization": header}).status_code == 401


def test_signing_in_ignores_a_stale_token(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    walk.user("ketua")
    answer = client.post(TOKEN, json={"username": "ketua", "password": "pw"},
                         headers={"Authorization": "Bearer expired-long-ago"})
    assert answer.status_code == 201


def test_a_web_session_cookie_does_not_authenticate_the_api(app, client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    actor = walk.user("tim_admin")
    sign_in_client(client, walk.services, actor.user_id)  # as if signed in on the web screens
    assert client.get(TASKS).status_code == 401


def test_a_token_use_is_stamped_at_most_once_a_minute(client, walk: Walk, clock, services) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from engine.accounts.tables import ApiToken

    def last_used() -> datetime | None:
        with services.uow() as uow:
            return uow.session.scalars(select(ApiToken.last_used_at)).one()

    walk.user("tim_admin", name="admin-a")
    token = _sign_in(client, "admin-a", "pw").get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    client.get(TASKS, headers=headers)
    first = last_used()
    assert first == clock()
    clock.advance(seconds=30)
    client.get(TASKS, headers=headers)
    assert last_used() == first  # a read stays a read
    clock.advance(seconds=31)
    client.get(TASKS, headers=headers)
    assert last_used() == clock()
