"""Flat as data grows: the pages people open, timed at 10,000 / 100,000 / 1,000,000 complaints.

    python bench/queries.py [SIZES ...] [--db postgresql|sqlite] [--quick]

Loads complaints in realistic stages in bulk (with a progress bar), then times the officer
inbox, the instance list with filters, the tracking lookup and the dashboard aggregates.
Instances carry an empty workflow state: none of these pages reads it (tests assert that).

Realistic means: two years of complaints, of which only the newest ``--recent`` (10,000) can
still be open, so a regency's open tasks stay in the low thousands at every size (the first
version left 22% of *all* complaints open: 220,000 tasks at 1,000,000); an audit trail per
complaint and survey answers from a quarter of resolved reporters. docs/performance.md has
the figures.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from chart import bar_chart_svg
from common import ROOT, bench_database, build_services, table, wib
from sqlalchemy import text

sys.path.insert(0, str(ROOT))

from engine.audit import AuditEntry
from engine.calendar.periods import parse_period  # noqa: E402
from engine.clock import FixedClock  # noqa: E402
from engine.complaints.inbox import INBOX_PAGE, InboxFilter, read_inbox_page  # noqa: E402
from engine.complaints.tables import Complaint, HumanTask
from engine.complaints.tracked import find_tracked  # noqa: E402
from engine.domain import Actor  # noqa: E402
from engine.evaluation import day_figures  # noqa: E402
from engine.evaluation.summary import evaluate  # noqa: E402
from engine.evaluation.tables import SurveyResponse  # noqa: E402
from engine.monitor.instance_list import InstanceFilter, list_instances  # noqa: E402
from engine.workflow.tables import ProcessDefinition, ProcessInstance  # noqa: E402

NOW = wib("2026-11-27 10:00")
SPAN_MINUTES = 2 * 365 * 24 * 60  # complaints arrive evenly over two years, oldest first
RECENT = 10_000  # only the newest complaints can still be open (see _status)
STATUSES = [("selesai", 55), ("ditindaklanjuti", 10), ("didisposisikan", 12), ("diterima", 8),
            ("perlu_klarifikasi", 3), ("diarsipkan", 7), ("dialihkan", 3), ("dikembalikan", 2)]
FINAL = [(s, w) for s, w in STATUSES if s in ("selesai", "diarsipkan", "dialihkan")]
# Status changes from receipt to each status, written to the audit log (the tracking page).
PATH = {"diterima": [], "perlu_klarifikasi": ["perlu_klarifikasi"],
        "didisposisikan": ["didisposisikan"], "diarsipkan": ["diarsipkan"],
        "dialihkan": ["dialihkan"], "dikembalikan": ["didisposisikan", "dikembalikan"],
        "ditindaklanjuti": ["didisposisikan", "ditindaklanjuti"],
        "selesai": ["didisposisikan", "ditindaklanjuti", "selesai"]}
OPDS = ["DINKES", "DISDIK", "PUPR", "DISDUKCAPIL", "DINSOS", "DISHUB", "DLH", "SETDA"]
CHANNELS = ["web", "sms", "mobile", "loket", "kotak"]
TASKS = {"diterima": ("verifikasi", "tim_admin"), "dikembalikan": ("verifikasi", "tim_admin"),
         "didisposisikan": ("tanggapi", "pejabat_penghubung")}


def _status(n: int, size: int, recent: int, rng: random.Random) -> str:
    """A regency carries a few thousand open complaints however long its history: the newest
    ``recent`` draw from the whole mix (about 22% wait in a human task), older ones are closed."""
    mix = STATUSES if n > size - recent else FINAL
    return rng.choices([s for s, _ in mix], [w for _, w in mix])[0]


def _complaint(n: int, size: int, recent: int, rng: random.Random) -> dict[str, Any]:
    status = _status(n, size, recent, rng)
    received = NOW - timedelta(minutes=(size - n + rng.random()) * SPAN_MINUTES / size)
    steps = PATH[status]
    verified = received + timedelta(days=rng.randint(0, 4)) if steps else None
    disposed = verified if steps and steps[0] == "didisposisikan" else None
    followed = (disposed + timedelta(days=rng.randint(1, 8))
                if disposed and len(steps) > 1 and steps[1] == "ditindaklanjuti" else None)
    closed = (received + timedelta(days=rng.randint(3, 40))
              if status in ("selesai", "diarsipkan", "dialihkan") else None)
    return {
        "id": n, "instance_id": n, "tracking_code": f"EL-B{n:08d}",
        "secret_hash": "x", "registration_year": received.year, "registration_seq": n,
        "channel": rng.choice(CHANNELS), "status": status, "title": f"Laporan {n}",
        "description": "Uraian laporan untuk uji beban.", "category_code": str(rng.randint(1, 29)),
        "opd_code": rng.choice(OPDS) if disposed else None, "jenis": "pengaduan",
        "kecamatan_code": f"16.11.0{rng.randint(1, 9)}", "anonim": rng.random() < 0.2,
        "rahasia": rng.random() < 0.1, "received_at": received, "verified_at": verified,
        "disposed_at": disposed, "first_follow_up_at": followed, "closed_at": closed,
        "cause_code": f"C{rng.randint(1, 6)}" if status == "selesai" else None,
        "resolution_code": f"R{rng.randint(1, 4)}" if status == "selesai" else None,
        "verify_working_days": rng.randint(0, 5) if verified else None,
        "follow_up_working_days": rng.randint(1, 8) if followed else None,
        "close_working_days": rng.randint(3, 30) if status == "selesai" else None,
        "stage_due_at": None if closed else received + timedelta(days=rng.randint(-5, 10)),
        "updated_at": closed or followed or verified or received,
    }


def _instance(row: dict[str, Any], definition_id: int) -> dict[str, Any]:
    return {"id": row["id"], "definition_id": definition_id, "state": "{}",
            "serializer_version": "1.5", "status": "completed" if row["closed_at"] else "running",
            "version": 1, "created_at": row["received_at"], "updated_at": row["updated_at"]}


def _task(row: dict[str, Any]) -> dict[str, Any] | None:
    spec, role = TASKS.get(row["status"], (None, None))
    if spec is None:
        return None
    return {"id": str(uuid.UUID(int=row["id"])), "instance_id": row["instance_id"],
            "complaint_id": row["id"], "spec_name": spec, "title": spec, "lane": role,
            "role": role, "opd_code": row["opd_code"] if role == "pejabat_penghubung" else None,
            "form_key": spec, "instructions": "", "assignee_id": None,
            "due_at": row["stage_due_at"], "created_at": row["received_at"], "claimed_at": None}


def _audit(row: dict[str, Any]) -> list[dict[str, Any]]:
    """Receipt and each status change, as the commands write them."""
    base = {"actor": "bench", "instance_id": row["instance_id"], "complaint_id": row["id"],
            "task_spec": None, "detail": "{}"}
    found = [{**base, "at": row["received_at"], "actor_role": "pelapor",
              "action": "complaint_received", "from_status": None, "to_status": "diterima"}]
    before, at = "diterima", row["received_at"]
    for status in PATH[row["status"]]:
        at = row["closed_at"] if status == row["status"] and row["closed_at"] else (
            at + timedelta(days=1))
        found.append({**base, "at": at, "actor_role": "tim_admin", "action": "status_changed",
                      "from_status": before, "to_status": status})
        before = status
    return found


def _survey(row: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
    """About one resolved reporter in four answers the satisfaction survey."""
    if row["status"] != "selesai" or rng.random() >= 0.25:
        return None
    answers = {f"u{i}": rng.randint(2, 4) for i in range(1, 10)}
    return {"complaint_id": row["id"], "answered_at": row["closed_at"] + timedelta(days=1),
            "saran": "Pelayanan cepat." if rng.random() < 0.1 else "", **answers}


def load(services: Any, size: int, seed: int = 7, recent: int = RECENT) -> dict[str, int]:
    """``size`` complaints with their instances, ready tasks, audit trail and survey answers,
    inserted in chunks (COPY on PostgreSQL); returns the row count of each table."""
    rng = random.Random(seed)
    with services.uow() as uow:
        definition_id = uow.session.query(ProcessDefinition.id).first()[0]
    tables = {"process_instance": ProcessInstance, "complaint": Complaint,
              "human_task": HumanTask, "audit_log": AuditEntry, "survey_response": SurveyResponse}
    counts = dict.fromkeys(tables, 0)
    with services.db.begin() as conn:  # counted once after loading, not per row
        for statement in day_figures.uninstall_sql(conn.dialect.name):
            conn.execute(text(statement))
    audit_id = survey_id = 0
    chunk = 20_000
    started = time.perf_counter()
    for start in range(1, size + 1, chunk):
        complaints = [_complaint(n, size, recent, rng)
                      for n in range(start, min(size, start + chunk - 1) + 1)]
        rows: dict[str, list[dict[str, Any]]] = {
            "process_instance": [_instance(c, definition_id) for c in complaints],
            "complaint": complaints,
            "human_task": [t for t in map(_task, complaints) if t],
            "audit_log": [a for c in complaints for a in _audit(c)],
            "survey_response": [s for c in complaints if (s := _survey(c, rng))]}
        for entry in rows["audit_log"]:
            audit_id += 1
            entry["id"] = audit_id
        for entry in rows["survey_response"]:
            survey_id += 1
            entry["id"] = survey_id
        with services.db.begin() as conn:
            for name, model in tables.items():
                if rows[name]:
                    _bulk_insert(conn, model.__table__, rows[name])
                    counts[name] += len(rows[name])
        done = start + len(complaints) - 1
        rate = done / (time.perf_counter() - started)
        print(f"\r  loading {done:>9,}/{size:,} ({rate:,.0f}/s)", end="", file=sys.stderr,
              flush=True)
    print(file=sys.stderr)
    _settle(services, [*tables, "complaint_day_figure"])
    return counts


def _settle(services: Any, tables: list[str]) -> None:
    """Figures counted, sequences moved on, and the tables as autovacuum leaves them at rest:
    statistics, and the visibility map that lets PostgreSQL answer from an index alone."""
    with services.db.begin() as conn:
        day_figures.install(conn)  # the triggers back, and every figure counted
        if conn.dialect.name != "postgresql":
            conn.execute(text("ANALYZE"))
            return
        for name in ("audit_log", "survey_response"):
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                              f"(SELECT max(id) FROM {name}))"))
    with services.db.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for name in tables:  # this run's tables only, not every schema on the server
            conn.execute(text(f"VACUUM ANALYZE {name}"))


def _bulk_insert(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    """COPY on PostgreSQL (several times faster than INSERT), executemany elsewhere."""
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), rows)
        return
    columns = [c.name for c in table.columns]
    raw = conn.connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(
            f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row.get(name) for name in columns])


def p95_ms(run: Any, repeats: int) -> tuple[float, float]:
    """(median, p95) milliseconds of ``run`` over ``repeats`` calls."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def scenarios(services: Any, size: int, rng: random.Random) -> dict[str, Any]:
    admin = Actor("admin", "tim_admin")
    liaison = Actor("dinkes", "pejabat_penghubung", "DINKES")
    manager = Actor("ketua", "ketua")

    def in_session(fn: Any) -> Any:
        def run() -> None:
            with services.uow() as uow:
                fn(uow.session)
        return run

    def dashboard(period: str) -> Any:
        def run(session: Any) -> None:
            evaluate(session, parse_period(period), NOW)
        return run

    return {
        # One page as the screen asks for it: INBOX_PAGE rows and one more (is there a next?),
        # with the filter row's choices and the working calendar.
        "inbox (tim admin)": in_session(lambda s: read_inbox_page(
            s, admin, InboxFilter(), NOW, limit=INBOX_PAGE + 1)),
        "inbox (liaison, one OPD)": in_session(lambda s: read_inbox_page(
            s, liaison, InboxFilter(), NOW, limit=INBOX_PAGE + 1)),
        "instance list, filtered": in_session(lambda s: list_instances(
            s, InstanceFilter(status="didisposisikan", opd="DINKES"), manager, NOW)),
        "instance list, all": in_session(lambda s: list_instances(
            s, InstanceFilter(), manager, NOW)),
        # The tracking pages' read: the complaint with its names, identity and lists.
        "tracking lookup": in_session(lambda s: find_tracked(
            s, f"EL-B{rng.randint(1, size):08d}")),
        "dashboard (one month)": in_session(dashboard("2026-10")),
        "dashboard (one year)": in_session(dashboard("2026")),
    }


def measure(kind: str, size: int, repeats: int, recent: int) -> dict[str, tuple[float, float]]:
    with bench_database(kind) as url:
        services = build_services(url, FixedClock(NOW))
        started = time.perf_counter()
        counts = load(services, size, recent=recent)
        print(f"  loaded in {time.perf_counter() - started:.0f} s: "
              + ", ".join(f"{name} {n:,}" for name, n in counts.items()), file=sys.stderr)
        with services.db.connect() as conn:
            queues = conn.execute(text("SELECT role, count(*) FROM human_task GROUP BY role"))
            print("  open tasks: " + ", ".join(f"{role} {n:,}" for role, n in queues),
                  file=sys.stderr)
        results = {}
        for name, run in scenarios(services, size, random.Random(1)).items():
            run()  # warm caches
            reps = max(5, repeats // 10) if name.startswith("dashboard") else repeats
            results[name] = p95_ms(run, reps)
            print(f"  {name}: {results[name][0]:.1f} / {results[name][1]:.1f} ms",
                  file=sys.stderr, flush=True)
        services.db.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="postgresql")
    parser.add_argument("--repeats", type=int, default=100)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--recent", type=int, default=RECENT,
                        help="how many of the newest complaints may still be open")
    parser.add_argument("--chart", type=Path, help="also draw the p95 figures into this SVG")
    args = parser.parse_args()
    sizes = [2_000, 20_000] if args.quick else args.sizes
    by_size = {size: measure(args.db, size, 30 if args.quick else args.repeats, args.recent)
               for size in sizes}
    base = by_size[sizes[0]]
    rows = []
    for name in base:
        cells = [name]
        for size in sizes:
            median, p95 = by_size[size][name]
            cells.append(f"{median:.1f} / {p95:.1f}")
        cells.append(f"{by_size[sizes[-1]][name][1] / base[name][1]:.2f}")
        rows.append(cells)
    header = ["page", *[f"{s:,} (med/p95 ms)" for s in sizes], f"p95 ×{sizes[-1]:,}/{sizes[0]:,}"]
    print(table(f"Queries on {args.db} (median and p95 over repeated calls)", header, rows))
    if args.chart:
        bar_chart_svg(f"p95 of each page as complaints grow ({args.db})", "ms",
                      [f"{s:,} complaints" for s in sizes],
                      {name: [by_size[s][name][1] for s in sizes] for name in base}, args.chart)


if __name__ == "__main__":
    main()
