"""Timers on time: firing cost follows the due timers, not the waiting ones.

    python bench/timers.py [WAITING] [--due 1000] [--db postgresql|sqlite] [--quick]

Loads WAITING waiting complaints (default 100,000) of which DUE fall due, then measures: the
time to fire them with one worker and with two (PostgreSQL), the cost per timer, the sweep
query with 1,000 vs WAITING waiting, and the lateness (fired − due) of each timer.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

from common import ROOT, bench_database, build_services, table, wib
from sqlalchemy import select, text, update

sys.path.insert(0, str(ROOT))

from engine.audit import AuditEntry  # noqa: E402
from engine.calendar.working_days import WIB  # noqa: E402
from engine.clock import FixedClock  # noqa: E402
from engine.complaints.timers import due_instance_ids  # noqa: E402
from engine.workflow.tables import ProcessInstance  # noqa: E402
from tests.faults.clone import clone_waiting  # noqa: E402
from tests.walk import Walk  # noqa: E402

START = wib("2026-03-02 09:00")
DUE_AT = wib("2026-03-06 00:00:01")  # the verification escalation of a Monday complaint


def load(services, waiting: int, due: int) -> list[int]:  # type: ignore[no-untyped-def]
    """``waiting`` cloned complaints; all but ``due`` get their timers pushed a month ahead."""
    walk = Walk(services, services.runtime.clock)
    first = walk.complaint(walk.file().tracking_code)
    ids = [first.id]
    step = 5000
    done = 1
    while done < waiting:
        chunk = min(step, waiting - done)
        ids += clone_waiting(services, ids[-1], chunk)
        done += chunk
        print(f"\r  loading {done:>7}/{waiting}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    with services.db.begin() as conn:
        conn.execute(update(ProcessInstance).where(ProcessInstance.id > due).values(
            next_timer_at=DUE_AT + timedelta(days=30)))
    with services.db.connect() as conn:  # fresh statistics, as autovacuum would give them
        conn.execute(text("ANALYZE"))
        conn.commit()
    return ids


def sweep_query_ms(services, repeats: int = 50) -> float:  # type: ignore[no-untyped-def]
    """Median time of the due-instances query at DUE_AT."""
    samples = []
    for _ in range(repeats):
        with services.uow() as uow:
            start = time.perf_counter()
            due_instance_ids(uow.session, DUE_AT, 100)
            samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def fire_with_workers(url: str, workers: int) -> float:
    """Seconds for ``workers`` `alur worker` processes to drain what is due."""
    env = {"ALUR_DATABASE_URL": url, "ALUR_NOW": DUE_AT.isoformat(), "PATH": "/usr/bin:/bin"}
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-m", "webui.cli", "worker", "--once"], cwd=ROOT,
                              env=env, stdout=subprocess.DEVNULL) for _ in range(workers)]
    for proc in procs:
        proc.wait()
    return time.perf_counter() - start


def lateness(url: str, services, interval: float, spread: float) -> list[float]:  # type: ignore[no-untyped-def]
    """Seconds between each timer's due instant and its firing, with a worker on real time.

    The complaints were filed just now (wall clock); each one's first timer (the verification
    reminder, days ahead) is moved, in its workflow state and its next_timer_at alike, to an
    instant spread over the next ``spread`` seconds. One `alur worker` runs on the wall clock
    with ``interval`` as its longest sleep.
    """
    env = {"ALUR_DATABASE_URL": url, "ALUR_WORKER_INTERVAL": str(interval),
           "PATH": "/usr/bin:/bin"}
    worker = subprocess.Popen([sys.executable, "-m", "webui.cli", "worker"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert worker.stdout is not None
    worker.stdout.readline()  # "worker: sweeping when ...": started, imports done
    now = datetime.now(UTC) + timedelta(seconds=1)
    planned = _reschedule(services, now, spread)
    try:
        deadline = time.monotonic() + spread + 120
        while time.monotonic() < deadline and len(_fired(services)) < len(planned):
            time.sleep(1)
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    fired = _fired(services)
    return sorted((fired[iid] - planned[iid]).total_seconds() for iid in fired if iid in planned)


def _reschedule(services, start: datetime, spread: float) -> dict[int, datetime]:  # type: ignore[no-untyped-def]
    """Move each instance's first timer to an instant in [start, start + spread)."""
    with services.uow() as uow:
        rows = uow.session.execute(select(
            ProcessInstance.id, ProcessInstance.state, ProcessInstance.next_timer_at,
        ).where(ProcessInstance.next_timer_at.is_not(None)).order_by(ProcessInstance.id)).all()
    planned = {}
    with services.db.begin() as conn:
        for n, (iid, state, due) in enumerate(rows):
            at = start + timedelta(seconds=spread * n / len(rows))
            old, new = (due.astimezone(WIB).isoformat(),
                        at.astimezone(WIB).isoformat(timespec="seconds"))
            assert old in state, f"instance {iid}: its first timer {old} is not in its state"
            conn.execute(update(ProcessInstance).where(ProcessInstance.id == iid).values(
                state=state.replace(f'"{old}"', f'"{new}"'), next_timer_at=at))
            planned[iid] = at
    return planned


def _fired(services) -> dict[int, datetime]:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        rows = uow.session.execute(select(AuditEntry.instance_id, AuditEntry.at).where(
            AuditEntry.action == "timer_fired")).all()
    return {iid: at for iid, at in rows if iid is not None}


def run(kind: str, waiting: int, due: int, worker_counts: tuple[int, ...]) -> list[list[str]]:
    rows = []
    for workers in worker_counts:
        with bench_database(kind) as url:
            services = build_services(url, FixedClock(START))
            small = min(1000, waiting)
            load(services, small, min(due, small))
            small_ms = sweep_query_ms(services)
            services.db.dispose()
        with bench_database(kind) as url:
            services = build_services(url, FixedClock(START))
            load(services, waiting, due)
            big_ms = sweep_query_ms(services)
            seconds = fire_with_workers(url, workers)
            fired = len(_fired(services))
            # The same workers again with nothing left due: process start-up and an empty
            # sweep, measured in the same run and taken off the firing time.
            idle = fire_with_workers(url, workers)
            services.db.dispose()
        firing = max(seconds - idle, 0.0)
        rows.append([kind, str(waiting), str(due), str(workers), str(fired), f"{seconds:.1f}",
                     f"{idle:.1f}", f"{firing / due * 1000:.1f}", f"{small_ms:.2f}",
                     f"{big_ms:.2f}", f"{big_ms / small_ms:.2f}"])
    return rows


def lateness_row(kind: str, due: int, interval: float) -> list[str]:
    with bench_database(kind) as url:
        # Filed now, so that only the moved timer is due when it fires (not a backlog of
        # months of timers, as a complaint filed at START would have on the wall clock).
        services = build_services(url, FixedClock(datetime.now(UTC).replace(microsecond=0)))
        load(services, due, due)
        late = lateness(url, services, interval, spread=30.0)
        services.db.dispose()
    p50 = statistics.median(late) if late else float("nan")
    p99 = late[max(0, int(len(late) * 0.99) - 1)] if late else float("nan")
    return [kind, str(due), f"{interval:g}", str(len(late)), f"{p50:.2f}", f"{p99:.2f}",
            "yes" if late and p99 <= interval else "no"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("waiting", nargs="?", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=1000)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="postgresql")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    waiting, due = (5000, 200) if args.quick else (args.waiting, args.due)
    counts = (1, 2) if args.db == "postgresql" else (1,)
    header = ["db", "waiting", "due", "workers", "fired", "fire s", "start-up s", "ms/timer",
              "sweep ms @1k",
              f"sweep ms @{waiting}", "ratio"]
    print(table("Timers (sweep = median of 50 due-index queries)", header,
                run(args.db, waiting, due, counts)))
    print()
    late = lateness_row(args.db, min(due, 300), interval=5.0)
    print(table("Lateness: due instants spread over 30 s, one worker on the wall clock",
                ["db", "timers", "interval s", "fired", "p50 s", "p99 s", "p99 <= interval"],
                [late]))


if __name__ == "__main__":
    main()
