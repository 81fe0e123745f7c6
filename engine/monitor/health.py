"""Health you can alert on: the readiness checks and the figures behind ``/metrics``.

Readiness asks four things: the database answers, its schema is at the newest migration, an
``alur worker`` swept recently (each sweep records a heartbeat in the database), and no
outbound message waits long past its due time. The figures are read from the database at
each scrape, so every web process reports the same numbers (docs/deploy.md, Health and alerts).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from engine.complaints.tables import HumanTask, OutboxMessage
from engine.settings import Settings
from engine.store.schema import alembic_config
from engine.workflow.tables import ProcessInstance

from .tables import WorkerHeartbeat

HEARTBEAT_KEPT = timedelta(days=7)  # rows of workers gone longer than this are removed
OUTBOX_WAITING = ("pending", "sending")


def worker_name() -> str:
    """This process's name in the heartbeat table: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


def record_heartbeat(session: Session, worker: str, at: datetime) -> None:
    """Note that ``worker`` swept at ``at``; forget workers silent for a week."""
    row = session.get(WorkerHeartbeat, worker)
    if row is None:
        session.add(WorkerHeartbeat(worker=worker, swept_at=at))
    else:
        row.swept_at = at
    session.execute(delete(WorkerHeartbeat).where(WorkerHeartbeat.swept_at < at - HEARTBEAT_KEPT))


def last_sweep(session: Session) -> datetime | None:
    """The newest heartbeat of any worker (None: no worker ever swept)."""
    return session.scalar(select(func.max(WorkerHeartbeat.swept_at)))


@dataclass
class Check:
    """One readiness check: passed or not, and why."""

    name: str
    ok: bool
    detail: str


@dataclass
class Readiness:
    """Every check; ready when all passed."""

    checks: list[Check] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        """True when every check passed."""
        return all(check.ok for check in self.checks)

    def as_json(self) -> dict[str, object]:
        """The body of ``/readyz``: status, the failed checks' names, each check's detail."""
        return {
            "status": "ok" if self.ready else "fail",
            "failed": [check.name for check in self.checks if not check.ok],
            "checks": {check.name: {"ok": check.ok, "detail": check.detail}
                       for check in self.checks},
        }


@cache
def code_heads() -> frozenset[str]:
    """The newest migration revisions this code has (read once per process)."""
    return frozenset(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())


def _migrations(session: Session) -> Check:
    heads = code_heads()
    current = set(MigrationContext.configure(session.connection()).get_current_heads())
    if current == heads:
        return Check("migrations", True, "database at " + ", ".join(sorted(current)))
    return Check("migrations", False,
                 f"database at {', '.join(sorted(current)) or 'nothing'}, code expects "
                 f"{', '.join(sorted(heads))}: run `alur db upgrade`")


def _worker(session: Session, settings: Settings, now: datetime) -> Check:
    swept = last_sweep(session)
    limit = settings.worker_interval * settings.ready_worker_intervals
    if swept is None:
        return Check("worker", False, "no worker has ever swept: is `alur worker` running?")
    age = (now - swept).total_seconds()
    if age > limit:
        return Check("worker", False, f"last sweep {age:.0f} s ago, more than {limit:g} s")
    return Check("worker", True, f"last sweep {age:.0f} s ago")


def _outbox(session: Session, settings: Settings, now: datetime) -> Check:
    late = now - timedelta(minutes=settings.ready_outbox_minutes)
    due = func.coalesce(OutboxMessage.next_attempt_at, OutboxMessage.created_at)
    stuck = session.scalar(
        select(func.count()).select_from(OutboxMessage)
        .where(OutboxMessage.status.in_(OUTBOX_WAITING), due < late)) or 0
    if stuck:
        return Check("outbox", False, f"{stuck} message(s) due more than "
                     f"{settings.ready_outbox_minutes} min ago and not sent")
    return Check("outbox", True, "nothing waiting past its time")


def readiness(session: Session, settings: Settings, now: datetime) -> Readiness:
    """Run every check; a database that does not answer fails them all at the first."""
    try:
        session.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any driver error means "not reachable"
        return Readiness([Check("database", False, f"not reachable: {type(exc).__name__}")])
    return Readiness([
        Check("database", True, "reachable"),
        _migrations(session),
        _worker(session, settings, now),
        _outbox(session, settings, now),
    ])


@dataclass
class Figures:
    """What ``/metrics`` reports from the database at one instant."""

    timers_due: int = 0
    timer_lag_seconds: float = 0.0
    outbox: dict[tuple[str, str], int] = field(default_factory=dict)  # (channel, status)
    tasks_open: dict[str, int] = field(default_factory=dict)  # role
    tasks_overdue: dict[str, int] = field(default_factory=dict)
    last_sweep: datetime | None = None


def figures(session: Session, now: datetime) -> Figures:
    """The operational figures at ``now``: a handful of grouped counts."""
    found = Figures(last_sweep=last_sweep(session))
    running_due = (ProcessInstance.status == "running", ProcessInstance.next_timer_at <= now)
    found.timers_due = session.scalar(
        select(func.count()).select_from(ProcessInstance).where(*running_due)) or 0
    oldest = session.scalar(select(func.min(ProcessInstance.next_timer_at)).where(*running_due))
    if oldest is not None:
        found.timer_lag_seconds = max(0.0, (now - oldest).total_seconds())
    for channel, status, count in session.execute(
        select(OutboxMessage.channel, OutboxMessage.status, func.count())
        .where(OutboxMessage.status.in_((*OUTBOX_WAITING, "failed")))
        .group_by(OutboxMessage.channel, OutboxMessage.status)
    ):
        key = (channel, "failed" if status == "failed" else "pending")
        found.outbox[key] = found.outbox.get(key, 0) + count
    for role, count in session.execute(
        select(HumanTask.role, func.count()).group_by(HumanTask.role)
    ):
        found.tasks_open[role] = count
    for role, count in session.execute(
        select(HumanTask.role, func.count()).where(HumanTask.due_at < now)
        .group_by(HumanTask.role)
    ):
        found.tasks_overdue[role] = count
    return found
