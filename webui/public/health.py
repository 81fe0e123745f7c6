"""Machine endpoints for monitoring: ``/readyz`` for load balancers and alerts, ``/metrics`` in
Prometheus text format for Prometheus or Zabbix (docs/deploy.md, Health and alerts).

The database figures are read at each scrape, so every web process reports the same numbers.
Requests and latency per endpoint are counted in each process's own registry: behind several
gunicorn workers one scrape sees one worker's requests (the alerts in the guide rely on the
database figures, not these).
"""

from __future__ import annotations

import hmac
import time

from flask import Blueprint, Flask, Response, abort, current_app, g, jsonify, request
from flask.typing import ResponseReturnValue
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from engine.monitor.health import figures, readiness
from webui.wiring import services

bp = Blueprint("health", __name__)
LOCAL_ADDRESSES = frozenset({"127.0.0.1", "::1"})
REQUESTS = "alur_metrics_requests"


@bp.get("/readyz")
def readyz() -> ResponseReturnValue:
    """Readiness: 200 when every check passed, 503 naming the failed ones."""
    found = services()
    with found.uow() as uow:
        result = readiness(uow.session, found.settings, found.clock())
    response = jsonify(result.as_json())
    response.status_code = 200 if result.ready else 503
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/metrics")
def metrics() -> ResponseReturnValue:
    """The figures in Prometheus text format, for the configured token or this machine only."""
    _allowed_or_abort()
    found = services()
    with found.uow() as uow:
        now = found.clock()
        state = figures(uow.session, now)
    registry = CollectorRegistry()
    Gauge("alur_timers_due", "Timers of running instances due now and not yet fired",
          registry=registry).set(state.timers_due)
    Gauge("alur_timers_lag_seconds", "How long the oldest due timer has been waiting",
          registry=registry).set(state.timer_lag_seconds)
    outbox = Gauge("alur_outbox_messages", "Outbound messages waiting (pending) or given up "
                   "(failed), per channel", ["channel", "status"], registry=registry)
    for (channel, status), count in sorted(state.outbox.items()):
        outbox.labels(channel=channel, status=status).set(count)
    opened = Gauge("alur_tasks_open", "Open user tasks per role", ["role"], registry=registry)
    overdue = Gauge("alur_tasks_overdue", "Open user tasks past their deadline per role",
                    ["role"], registry=registry)
    for role, count in sorted(state.tasks_open.items()):
        opened.labels(role=role).set(count)
        overdue.labels(role=role).set(state.tasks_overdue.get(role, 0))
    swept = Gauge("alur_worker_last_sweep_timestamp_seconds",
                  "Unix time of the newest worker sweep (0: never)", registry=registry)
    swept.set(state.last_sweep.timestamp() if state.last_sweep else 0)
    Gauge("alur_worker_last_sweep_age_seconds", "Seconds since the newest worker sweep "
          "(-1: never)", registry=registry).set(
        (now - state.last_sweep).total_seconds() if state.last_sweep else -1)
    body = generate_latest(registry) + generate_latest(current_app.extensions[REQUESTS].registry)
    return Response(body, content_type=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})


def _allowed_or_abort() -> None:
    token = services().settings.metrics_token
    if token:
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            abort(401)
    # Without a token only this machine may read: a request nginx passed on (it names the
    # client in X-Forwarded-For) is refused even when the proxy is not configured as trusted.
    elif request.remote_addr not in LOCAL_ADDRESSES or "X-Forwarded-For" in request.headers:
        abort(403)


class RequestMetrics:
    """Requests and their latency per endpoint, in this process's own registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.count = Counter("alur_http_requests", "HTTP requests answered, per endpoint",
                             ["endpoint", "method", "status"], registry=self.registry)
        self.latency = Histogram("alur_http_request_duration_seconds",
                                 "Time to answer a request, per endpoint", ["endpoint"],
                                 registry=self.registry)

    def start(self) -> None:
        """Note when the request began."""
        g.metrics_started = time.perf_counter()

    def finish(self, response: Response) -> Response:
        """Count the answered request and its duration under its route's endpoint name."""
        started = g.pop("metrics_started", None)
        endpoint = request.url_rule.endpoint if request.url_rule else "unmatched"
        self.count.labels(endpoint=endpoint, method=request.method,
                          status=str(response.status_code)).inc()
        if started is not None:
            self.latency.labels(endpoint=endpoint).observe(time.perf_counter() - started)
        return response


def init_app(app: Flask) -> None:
    """Count every request of ``app``."""
    counted = RequestMetrics()
    app.extensions[REQUESTS] = counted
    app.before_request(counted.start)
    app.after_request(counted.finish)
