"""/readyz and /metrics: each readiness check failing and passing, the figures, who may read."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import text

from engine.clock import FixedClock
from engine.complaints.tables import OutboxMessage
from engine.monitor.health import readiness, record_heartbeat
from engine.worker import heartbeat
from tests.walk import Walk
from webui import create_app, wiring


def _beat(services: wiring.Services, seconds_ago: float, clock: FixedClock) -> None:
    heartbeat(services.uow, "host:1", clock() - timedelta(seconds=seconds_ago))


def _ready(client):  # type: ignore[no-untyped-def]
    response = client.get("/readyz")
    return response.status_code, response.get_json()


def test_ready_when_every_check_passes(client, services, clock) -> None:  # type: ignore[no-untyped-def]
    _beat(services, 1, clock)
    status, body = _ready(client)
    assert status == 200, body
    assert body["status"] == "ok" and body["failed"] == []
    assert set(body["checks"]) == {"database", "migrations", "worker", "outbox"}


def test_no_worker_ever_swept_fails(client) -> None:  # type: ignore[no-untyped-def]
    status, body = _ready(client)
    assert status == 503
    assert body["failed"] == ["worker"]
    assert "alur worker" in body["checks"]["worker"]["detail"]


def test_heartbeat_older_than_the_allowed_intervals_fails(client, services, clock) -> None:  # type: ignore[no-untyped-def]
    limit = services.settings.worker_interval * services.settings.ready_worker_intervals
    _beat(services, limit, clock)
    assert _ready(client)[0] == 200
    clock.set(clock() + timedelta(seconds=1))
    status, body = _ready(client)
    assert status == 503 and body["failed"] == ["worker"]
    _beat(services, 0, clock)  # the worker swept again: same row, newer instant
    assert _ready(client)[0] == 200


def test_a_message_waiting_past_its_time_fails(client, services, clock) -> None:  # type: ignore[no-untyped-def]
    _beat(services, 0, clock)
    minutes = services.settings.ready_outbox_minutes
    with services.uow() as uow:
        uow.session.add(OutboxMessage(
            idempotency_key="k1", created_at=clock() - timedelta(minutes=minutes + 1),
            template="t", recipient="pelapor", channel="sms", status="pending",
            next_attempt_at=clock() - timedelta(minutes=minutes - 1)))
        uow.commit()
    assert _ready(client)[0] == 200  # due again only a little while ago: retrying, not stuck
    clock.set(clock() + timedelta(minutes=2))
    _beat(services, 0, clock)
    status, body = _ready(client)
    assert status == 503 and body["failed"] == ["outbox"]


def test_a_database_behind_its_migrations_fails(client, services, clock) -> None:  # type: ignore[no-untyped-def]
    _beat(services, 0, clock)
    with services.db.begin() as conn:
        current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        conn.execute(text("UPDATE alembic_version SET version_num = 'ux_submission_token'"))
    try:
        status, body = _ready(client)
        assert status == 503 and body["failed"] == ["migrations"]
        assert "alur db upgrade" in body["checks"]["migrations"]["detail"]
    finally:
        with services.db.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": current})
    assert _ready(client)[0] == 200


def test_an_unreachable_database_fails(services, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    gone = replace(services.settings, database_url=f"sqlite:///{tmp_path}/no/such/dir/x.db")
    broken = wiring.build(gone, clock=clock)
    with broken.uow() as uow:
        result = readiness(uow.session, gone, clock())
    broken.db.dispose()
    assert not result.ready
    assert result.as_json()["failed"] == ["database"]


def test_heartbeats_of_long_gone_workers_are_forgotten(services, clock) -> None:  # type: ignore[no-untyped-def]
    from engine.monitor.tables import WorkerHeartbeat

    with services.uow() as uow:
        record_heartbeat(uow.session, "old:1", clock() - timedelta(days=8))
        uow.commit()
    with services.uow() as uow:
        record_heartbeat(uow.session, "new:2", clock())
        uow.commit()
    with services.uow() as uow:
        assert [row.worker for row in uow.session.query(WorkerHeartbeat)] == ["new:2"]


def test_metrics_report_timers_outbox_tasks_and_sweep(client, services, walk: Walk, clock) -> None:  # type: ignore[no-untyped-def]
    walk.file()
    _beat(services, 30, clock)
    with services.uow() as uow:
        uow.session.add(OutboxMessage(
            idempotency_key="k2", created_at=clock(), template="t", recipient="pelapor",
            channel="email", status="failed"))
        uow.commit()
    client.get("/healthz")
    response = client.get("/metrics")  # the test client comes from 127.0.0.1
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain")
    body = response.get_data(as_text=True)
    assert "alur_timers_due 0.0" in body
    assert 'alur_outbox_messages{channel="email",status="failed"} 1.0' in body
    assert 'alur_tasks_open{role="tim_admin"} 1.0' in body
    assert 'alur_tasks_overdue{role="tim_admin"} 0.0' in body
    assert "alur_worker_last_sweep_age_seconds 30.0" in body
    assert ('alur_http_requests_total{endpoint="public.portal.healthz",method="GET",'
            'status="200"} 1.0') in body
    assert 'alur_http_request_duration_seconds_count{endpoint="public.portal.healthz"}' in body

    clock.set(clock() + timedelta(days=30))  # every deadline and timer long past
    body = client.get("/metrics").get_data(as_text=True)
    assert 'alur_tasks_overdue{role="tim_admin"} 1.0' in body
    assert "alur_timers_due 1.0" in body
    assert "alur_timers_lag_seconds 0.0" not in body


def test_metrics_refused_from_elsewhere_without_a_token(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "10.0.0.5"}).status_code == 403
    # through nginx on the same machine, however the proxy is configured
    proxied = {"X-Forwarded-For": "203.0.113.9"}
    assert client.get("/metrics", headers=proxied).status_code == 403


@pytest.fixture
def token_client(services):  # type: ignore[no-untyped-def]
    guarded = replace(services, settings=replace(services.settings, metrics_token="s3cret-t0ken"))
    return create_app({"TESTING": True, "ALUR_SERVICES": guarded}).test_client()


def test_metrics_with_a_token_want_that_token(token_client) -> None:  # type: ignore[no-untyped-def]
    assert token_client.get("/metrics").status_code == 401  # not even from this machine
    wrong = {"Authorization": "Bearer nope"}
    assert token_client.get("/metrics", headers=wrong).status_code == 401
    right = {"Authorization": "Bearer s3cret-t0ken"}
    remote = {"REMOTE_ADDR": "10.0.0.5"}
    assert token_client.get("/metrics", headers=right, environ_base=remote).status_code == 200
