"""An API task completion reads the caller's token in the completion's own unit of work: one
connection and one transaction for the request (the token's read took one of its own)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from engine.accounts.tables import ApiToken
from tests.sql_log import transactions
from tests.walk import VERIFY_FORWARD, Walk
from webui.wiring import Services


def _last_used(services: Services) -> datetime | None:
    with services.uow() as uow:
        return uow.session.scalars(select(ApiToken.last_used_at)).one()


def _verify_task(client, headers) -> str:  # type: ignore[no-untyped-def]
    found: str = client.get("/api/v1/tasks", headers=headers).get_json()[0]["id"]
    return found


def test_a_completion_is_one_transaction_and_keeps_the_token_stamp(
        client, walk: Walk, bearer, services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    headers = bearer("tim_admin")
    walk.file()
    task_id = _verify_task(client, headers)
    clock.advance(minutes=5)  # the token's use is due to be stamped again
    with transactions(services) as seen:
        done = client.post(f"/api/v1/tasks/{task_id}/complete", headers=headers,
                           json=VERIFY_FORWARD)
    assert done.status_code == 200, done.get_json()
    assert seen == ["checkout", "begin"]
    assert _last_used(services) == clock()  # written by the completion's commit


def test_a_refused_completion_writes_nothing_and_keeps_no_connection(
        client, walk: Walk, bearer, services: Services) -> None:  # type: ignore[no-untyped-def]
    headers = bearer("tim_admin")
    walk.file()
    task_id = _verify_task(client, headers)
    before = services.db.pool.checkedout()
    wrong = client.post(f"/api/v1/tasks/{task_id}/complete", headers=headers,
                        json={**VERIFY_FORWARD, "keputusan": "tidak-ada"})
    assert wrong.status_code == 422
    assert services.db.pool.checkedout() == before
    assert client.get(f"/api/v1/tasks/{task_id}", headers=headers).status_code == 200


def test_a_bad_token_is_refused_before_the_view_and_its_connection_returned(
        client, walk: Walk, bearer, services: Services) -> None:  # type: ignore[no-untyped-def]
    bearer("tim_admin")
    walk.file()
    before = services.db.pool.checkedout()
    refused = client.post("/api/v1/tasks/1/complete", json=VERIFY_FORWARD,
                          headers={"Authorization": "Bearer not-a-token"})
    assert refused.status_code == 401
    assert services.db.pool.checkedout() == before
