"""Rate limits shared by several web processes through Redis (ALUR_RATELIMIT_STORAGE), and a
store that is down: each process then counts alone instead of refusing everyone."""

from __future__ import annotations

import random
import secrets
import socket
from dataclasses import replace

import pytest
import requests

from tests.machines import answers, running, start_app, wait_until

REDIS = ("127.0.0.1", 6379)
GUESS = {"X-Complaint-Secret": "tebak"}  # a secret check: limited by ALUR_RATELIMIT_SECRET


def _redis_down() -> str | None:
    try:
        socket.create_connection(REDIS, timeout=2).close()
    except OSError as err:
        return f"Redis is not reachable on {REDIS[0]}:{REDIS[1]} ({err}): start redis-server"
    return None


@pytest.mark.slow
def test_two_processes_count_one_client_together_in_redis(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    reason = _redis_down()
    if reason:
        pytest.skip(reason)
    env = {"ALUR_DATABASE_URL": services.settings.database_url,
           "ALUR_SECRET_KEY": secrets.token_hex(32), "ALUR_TRUSTED_PROXIES": "1",
           "ALUR_UPLOADS_DIR": str(tmp_path / "uploads"),
           "ALUR_RATELIMIT_STORAGE": f"redis://{REDIS[0]}:{REDIS[1]}/0",
           "ALUR_RATELIMIT_SECRET": "4 per day"}
    with running() as started:
        apps = [started(start_app(f"web{n}", env, tmp_path, workers=1)) for n in (1, 2)]
        wait_until(lambda: all(answers(app.url) for app in apps), 120, "the apps", tuple(apps))
        client, other = _fresh_address(), _fresh_address()

        def guess(app: int, address: str = client) -> int:
            return requests.get(f"{apps[app].url}/api/v1/complaints/EL-TIDAKADA", timeout=30,
                                headers={**GUESS, "X-Forwarded-For": address}).status_code

        assert [guess(0), guess(1), guess(0), guess(1)] == [404] * 4
        assert [guess(0), guess(1)] == [429, 429]  # each process alone has seen only two
        assert guess(1, other) == 404  # per client address


def _fresh_address() -> str:
    """A client address of this run only: its counters in Redis are new."""
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


def test_a_store_that_is_down_leaves_each_process_counting_alone(settings, clock) -> None:  # type: ignore[no-untyped-def]
    from webui import create_app, wiring

    down = replace(settings, ratelimit_storage="redis://127.0.0.1:1/0",  # nothing listens
                   ratelimit_secret="2 per minute")
    services = wiring.build(down, clock=clock)
    try:
        client = create_app({"TESTING": True, "ALUR_SERVICES": services}).test_client()
        got = [client.get("/api/v1/complaints/EL-TIDAKADA", headers=GUESS).status_code
               for _ in range(3)]
    finally:
        services.db.dispose()
    assert got == [404, 404, 429]
