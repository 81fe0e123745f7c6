"""Flat as data grows: the pages people open, timed at 10,000 / 100,000 / 1,000,000 complaints.

    python bench/queries.py [SIZES ...] [--db postgresql|sqlite] [--quick]

Loads complaints in realistic stages in bulk (with a progress bar), then times the officer
inbox, the instance list with filters, the tracking lookup and the dashboard aggregates.
Instances carry an empty workflow state: none of these pages reads it (tests assert that).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import uuid
from datetime import timedelta
from typing import Any

from common import ROOT, bench_database, build_services, table, wib
from sqlalchemy import insert, text

sys.path.insert(0, str(ROOT))

from engine.clock import FixedClock  # noqa: E402
from engine.complaint_models import Complaint, HumanTask  # noqa: E402
from engine.complaints import find_complaint  # noqa: E402
from engine.domain import Actor  # noqa: E402
from engine.inbox import InboxFilter, inbox  # noqa: E402
from engine.instance_list import InstanceFilter, list_instances  # noqa: E402
from engine.models import ProcessDefinition, ProcessInstance  # noqa: E402
from engine.read_models import public_timeline  # noqa: E402

NOW = wib("2026-11-27 10:00")
STATUSES = [("selesai", 55), ("ditindaklanjuti", 10), ("didisposisikan", 12), ("diterima", 8),
            ("perlu_klarifikasi", 3), ("diarsipkan", 7), ("dialihkan", 3), ("dikembalikan", 2)]
OPDS = ["DINKES", "DISDIK", "PUPR", "DISDUKCAPIL", "DINSOS", "DISHUB", "DLH", "SETDA"]
CHANNELS = ["web", "sms", "mobile", "loket", "kotak"]


def _complaint(n: int, rng: random.Random, instance_id: int) -> dict[str, Any]:
    status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
    received = NOW - timedelta(minutes=rng.randrange(0, 2 * 365 * 24 * 60))
    return {
        "id": n, "instance_id": instance_id, "tracking_code": f"EL-B{n:08d}",
        "secret_hash": "x", "registration_year": received.year, "registration_seq": n,
        "channel": rng.choice(CHANNELS), "status": status, "title": f"Laporan {n}",
        "description": "Uraian laporan untuk uji beban.", "category_code": str(rng.randint(1, 29)),
        "opd_code": rng.choice(OPDS) if status != "diterima" else None, "jenis": "pengaduan",
        "kecamatan_code": f"16.11.0{rng.randint(1, 9)}", "anonim": rng.random() < 0.2,
        "rahasia": rng.random() < 0.1, "received_at": received,
        "verified_at": received + timedelta(days=2) if status != "diterima" else None,
        "stage_due_at": received + timedelta(days=rng.randint(-5, 10)),
        "updated_at": received, "verify_working_days": rng.randint(0, 5),
    }


def _task(row: dict[str, Any]) -> dict[str, Any] | None:
    spec, role = {"diterima": ("verifikasi", "tim_admin"),
                  "dikembalikan": ("verifikasi", "tim_admin"),
                  "didisposisikan": ("tanggapi", "pejabat_penghubung")}.get(row["status"],
                                                                              (None, None))
    if spec is None:
        return None
    return {"id": str(uuid.uuid4()), "instance_id": row["instance_id"], "complaint_id": row["id"],
            "spec_name": spec, "title": spec, "lane": role, "role": role,
            "opd_code": row["opd_code"] if role == "pejabat_penghubung" else None,
            "form_key": spec, "instructions": "", "due_at": row["stage_due_at"],
            "created_at": row["received_at"]}


def load(services: Any, size: int, seed: int = 7) -> None:
    """``size`` complaints with instances and ready tasks, inserted in chunks."""
    rng = random.Random(seed)
    with services.uow() as uow:
        definition_id = uow.session.query(ProcessDefinition.id).first()[0]
    chunk = 10_000
    for start in range(1, size + 1, chunk):
        ids = range(start, min(size, start + chunk - 1) + 1)
        instances = [{"id": i, "definition_id": definition_id, "state": "{}",
                      "serializer_version": "1.5", "status": "running", "version": 1,
                      "created_at": NOW, "updated_at": NOW} for i in ids]
        complaints = [_complaint(i, rng, i) for i in ids]
        tasks = [t for t in map(_task, complaints) if t]
        with services.db.begin() as conn:
            conn.execute(insert(ProcessInstance), instances)
            conn.execute(insert(Complaint), complaints)
            if tasks:
                conn.execute(insert(HumanTask), tasks)
        print(f"\r  loading {ids[-1]:>9}/{size}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    with services.db.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()


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

    def dashboard(session: Any) -> None:
        from engine.evaluation import evaluate
        from engine.periods import parse_period

        evaluate(session, parse_period("2026-10"), NOW)

    return {
        "inbox (tim admin)": in_session(lambda s: inbox(s, admin, InboxFilter(), NOW)),
        "inbox (liaison, one OPD)": in_session(lambda s: inbox(s, liaison, InboxFilter(), NOW)),
        "instance list, filtered": in_session(lambda s: list_instances(
            s, InstanceFilter(status="didisposisikan", opd="DINKES"), manager, NOW)),
        "instance list, all": in_session(lambda s: list_instances(
            s, InstanceFilter(), manager, NOW)),
        "tracking lookup": in_session(lambda s: public_timeline(
            s, find_complaint(s, f"EL-B{rng.randint(1, size):08d}"))),
        "dashboard (one month)": in_session(dashboard),
    }


def measure(kind: str, size: int, repeats: int) -> dict[str, tuple[float, float]]:
    with bench_database(kind) as url:
        services = build_services(url, FixedClock(NOW))
        load(services, size)
        results = {}
        for name, run in scenarios(services, size, random.Random(1)).items():
            run()  # warm caches
            reps = max(5, repeats // 10) if name.startswith("dashboard") else repeats
            results[name] = p95_ms(run, reps)
        services.db.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="postgresql")
    parser.add_argument("--repeats", type=int, default=100)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sizes = [2_000, 20_000] if args.quick else args.sizes
    by_size = {size: measure(args.db, size, 30 if args.quick else args.repeats)
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


if __name__ == "__main__":
    main()
