"""Engine floor: Alur's persisted engine against bare SpiffWorkflow with a JSON save+load per step.

    python bench/engine.py [N] [--repeats R] [--db sqlite|postgresql|both] [--quick]

Runs N full complaint lifecycles (receive → verify → follow-up → close by timer) both ways, and
a plain start → 3 user tasks → end diagram both ways; prints medians and the ratio Alur/floor.

"Long history": one complaint whose reporter replies and reopens the follow-up again and again
(reply → the OPD answers, one turn); the time of a turn's two steps and the saved state's size
after 1, 10, 30 and 60 reopenings, each against the first turn of the same run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import (
    ROOT,
    StatementCounter,
    bench_database,
    build_services,
    table,
    wib,
)
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select

from engine.calendar.working_days import WorkingCalendar
from engine.clock import FixedClock
from engine.complaints.attachments import Upload
from engine.complaints.effects import Effects, script_functions
from engine.complaints.identity import ID_KIND
from engine.complaints.intake import Intake, submit_complaint
from engine.complaints.tables import HumanTask
from engine.complaints.tasks import complete_task
from engine.complaints.timers import fire_instance
from engine.domain import REPORTER, Actor
from engine.workflow.definitions import parse_files, read_process_files
from engine.workflow.runtime import serializer
from engine.workflow.spiff_time import using_clock

VERIFY = {"decision": "forward", "opd": "DINKES", "jenis": "pengaduan", "reason": ""}
ANSWER = {"outcome": "answered", "response": "Sudah kami tindak lanjuti, terima kasih."}
START = wib("2026-03-02 09:00")
CLOSE = wib("2026-03-26 00:00:01")
THREE = ROOT / "bench"


class Floor:
    """Bare SpiffWorkflow: the same diagram in memory, serialized to JSON around every step."""

    def __init__(self, files: dict[str, str], clock: FixedClock) -> None:
        self.parsed = parse_files(files)
        self.clock = clock
        functions = script_functions(clock, WorkingCalendar(), Effects())
        self.engine = PythonScriptEngine(environment=TaskDataEnvironment(functions))
        self.ser = serializer()

    def _save(self, wf: BpmnWorkflow) -> str:
        return str(self.ser.serialize_json(wf))

    def _load(self, state: str) -> BpmnWorkflow:
        wf = self.ser.deserialize_json(state)
        wf.script_engine = self.engine
        return wf

    def start(self, data: dict[str, Any]) -> str:
        wf = BpmnWorkflow(self.parsed.spec, self.parsed.subprocess_specs,
                          script_engine=self.engine)
        wf.get_next_task(state=TaskState.READY).data.update(data)
        wf.do_engine_steps()
        return self._save(wf)

    def complete(self, state: str, spec: str, data: dict[str, Any]) -> str:
        wf = self._load(state)
        task = next(t for t in wf.get_tasks(state=TaskState.READY, manual=True)
                    if t.task_spec.bpmn_id == spec)
        task.set_data(**data)
        task.run()
        wf.do_engine_steps()
        return self._save(wf)

    def fire(self, state: str) -> str:
        wf = self._load(state)
        wf.refresh_timers()
        wf.do_engine_steps()
        return self._save(wf)


def floor_lifecycle(floor: Floor) -> None:
    floor.clock.set(START)
    with using_clock(floor.clock):
        state = floor.start(_start_data())
        state = floor.complete(state, "verifikasi", VERIFY)
        state = floor.complete(state, "tanggapi", ANSWER)
        floor.clock.set(CLOSE)
        state = floor.fire(state)
    assert '"completed":true' in state.replace(" ", ""), "floor lifecycle did not finish"


def floor_three(floor: Floor) -> None:
    with using_clock(floor.clock):
        state = floor.start({})
        for spec in ("satu", "dua", "tiga"):
            state = floor.complete(state, spec, {"ok": True})


def _start_data() -> dict[str, Any]:
    return {"complaint_id": 1, "tracking_code": "EL-BENCH", "channel": "web",
            "received_at": START.isoformat(), "category": "4", "title": "Bench",
            "anonim": False, "rahasia": False, "clarification_days": 10}


# A named report carries a copy of the ID card (the service standard); a small PNG stands for it.
INTAKE = Intake(title="Antrean puskesmas", description="Antrean sangat panjang setiap pagi.",
                category="4", name="Warga Uji", phone="081234567890",
                files=[Upload(ID_KIND, "ktp.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)])


class Alur:
    """Alur's own services on a real database."""

    def __init__(self, services: Any, clock: FixedClock) -> None:
        self.services = services
        self.clock = clock
        self.admin = Actor("bench-admin", "tim_admin", None, None)
        self.liaison = Actor("bench-dinkes", "pejabat_penghubung", "DINKES", None)

    def _ready(self, complaint_id: int, spec: str) -> str:
        with self.services.uow() as uow:
            found = uow.session.scalars(select(HumanTask.id).where(
                HumanTask.complaint_id == complaint_id, HumanTask.spec_name == spec)).one()
            return str(found)

    def lifecycle(self) -> None:
        rt = self.services.runtime
        self.clock.set(START)
        receipt = submit_complaint(self.services.uow(), rt, INTAKE, REPORTER)
        cid = receipt.complaint_id
        complete_task(self.services.uow(), rt, self._ready(cid, "verifikasi"), VERIFY,
                      self.admin)
        complete_task(self.services.uow(), rt, self._ready(cid, "tanggapi"), ANSWER,
                      self.liaison)
        self.clock.set(CLOSE)
        with self.services.uow() as uow:
            from engine.complaints.tables import Complaint

            instance_id = uow.session.get(Complaint, cid).instance_id
        assert fire_instance(self.services.uow(), rt, instance_id) is not None

    def three(self) -> None:
        rt = self.services.runtime
        receipt = submit_complaint(self.services.uow(), rt, INTAKE, REPORTER)
        for spec in ("satu", "dua", "tiga"):
            complete_task(self.services.uow(), rt, self._ready(receipt.complaint_id, spec),
                          {}, self.admin)


HISTORY_MARKS = (1, 10, 30, 60)
HISTORY_WINDOW = 5  # turns timed around each mark (the median is reported)


def long_history(kind: str, marks: tuple[int, ...] = HISTORY_MARKS) -> list[list[str]]:
    """Turn time and state size at each mark of reopenings, against the first turns'."""
    clock = FixedClock(START)
    rows = []
    with bench_database(kind) as url:
        services = build_services(url, clock)
        alur = Alur(services, clock)
        _turns(services, alur, 3)  # warm up caches (parsed specs, calendar, serializer)
        turns, cpu, sizes = _turns(services, alur, max(marks) + HISTORY_WINDOW)
        services.db.dispose()
    first, first_cpu = (statistics.median(x[:HISTORY_WINDOW]) for x in (turns, cpu))
    for mark in marks:
        step, step_cpu = (statistics.median(x[mark - 1:mark - 1 + HISTORY_WINDOW])
                          for x in (turns, cpu))
        rows.append([kind, str(mark), f"{step * 1000:.1f}", f"{step / first:.2f}",
                     f"{step_cpu * 1000:.1f}", f"{step_cpu / first_cpu:.2f}",
                     f"{sizes[mark - 1] / 1024:.1f}", f"{sizes[mark - 1] / sizes[0]:.2f}"])
    return rows


def _turns(services: Any, alur: Alur,
           count: int) -> tuple[list[float], list[float], list[int]]:
    """A new complaint, forwarded and answered, then ``count`` reply → answer turns: the
    wall and CPU seconds per step of each turn and the state's size after it."""
    from engine.complaints.reporter import deliver_reply
    from engine.complaints.tables import Complaint
    from engine.workflow.tables import ProcessInstance

    rt = services.runtime
    receipt = submit_complaint(services.uow(), rt, INTAKE, REPORTER)
    cid = receipt.complaint_id
    complete_task(services.uow(), rt, alur._ready(cid, "verifikasi"), VERIFY, alur.admin)
    complete_task(services.uow(), rt, alur._ready(cid, "tanggapi"), ANSWER, alur.liaison)
    turns: list[float] = []
    cpu: list[float] = []
    sizes: list[int] = []
    for _ in range(count):
        alur.clock.advance(hours=1)
        started, cpu_started = time.perf_counter(), time.process_time()
        assert deliver_reply(services.uow(), rt, receipt.tracking_code,
                             "Belum selesai, mohon dicek lagi.", REPORTER, "belum")
        complete_task(services.uow(), rt, alur._ready(cid, "tanggapi"), ANSWER, alur.liaison)
        turns.append((time.perf_counter() - started) / 2)
        cpu.append((time.process_time() - cpu_started) / 2)
        with services.uow() as uow:
            instance_id = uow.session.get(Complaint, cid).instance_id
            sizes.append(len(uow.session.get(ProcessInstance, instance_id).state))
    return turns, cpu, sizes


def run_db(kind: str, n: int, repeats: int, floors: dict[str, Any]) -> list[list[str]]:
    rows = []
    for label, folder, method in SCENARIOS:
        clock = FixedClock(START)
        with bench_database(kind) as url:
            services = build_services(url, clock, folder() if callable(folder) else folder)
            alur = Alur(services, clock)
            run = getattr(alur, method)
            run()  # warm up caches (parsed spec, serializer registry)
            counter = StatementCounter(services.db)
            run()
            statements, commits = counter.statements, counter.commits
            floor_s, alur_s, ratio, cpu_ratio = paired_rounds(floors[label], run, n, repeats)
            services.db.dispose()
        rows.append([label, kind, f"{floor_s * 1000:.1f}", f"{alur_s * 1000:.1f}",
                     f"{1 / floor_s:.1f}", f"{1 / alur_s:.1f}", f"{ratio:.2f}",
                     f"{cpu_ratio:.2f}", str(statements), str(commits)])
    return rows


def paired_rounds(floor: Callable[[], None], alur: Callable[[], None], n: int,
                  repeats: int) -> tuple[float, float, float, float]:
    """Median seconds per item of each, the median of the per-round ratios, and the median
    of the per-round ratios of this process's CPU time.

    Floor and Alur take turns, round by round, so a neighbour's load on a shared machine
    weighs on both sides of each ratio alike. The CPU ratio leaves out the database server's
    work (and the waiting), which a loaded machine stretches most.
    """
    floor_times, alur_times, ratios, cpu_ratios = [], [], [], []
    for _ in range(repeats):
        f, f_cpu = _round(floor, n)
        a, a_cpu = _round(alur, n)
        floor_times.append(f)
        alur_times.append(a)
        ratios.append(a / f)
        cpu_ratios.append(a_cpu / f_cpu)
    return (statistics.median(floor_times), statistics.median(alur_times),
            statistics.median(ratios), statistics.median(cpu_ratios))


def _round(run: Callable[[], None], n: int) -> tuple[float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(n):
        run()
    return (time.perf_counter() - started) / n, (time.process_time() - cpu) / n


SCENARIOS = (("complaint lifecycle", ROOT / "processes", "lifecycle"),
             ("start → 3 user tasks → end", lambda: _three_dir(), "three"))


def _three_dir() -> Path:
    folder = Path(tempfile.mkdtemp())
    (folder / "three_tasks.bpmn").write_text((THREE / "three_tasks.bpmn").read_text())
    return folder


def floor_runs() -> dict[str, Any]:
    """The floor's run of each scenario (warmed up)."""
    clock = FixedClock(START)
    lifecycle = Floor(read_process_files(ROOT / "processes"), clock)
    three = Floor(read_process_files(_three_dir()), clock)
    runs = {"complaint lifecycle": lambda: floor_lifecycle(lifecycle),
            "start → 3 user tasks → end": lambda: floor_three(three)}
    for run in runs.values():
        run()
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", nargs="?", type=int, default=50, help="lifecycles per round")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--quick", action="store_true", help="small run for `make bench`")
    parser.add_argument("--no-history", action="store_true", help="leave out the long history")
    args = parser.parse_args()
    n, repeats = (10, 3) if args.quick else (args.n, args.repeats)
    floors = floor_runs()
    kinds = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    rows = [row for kind in kinds for row in run_db(kind, n, repeats, floors)]
    header = ["scenario", "db", "floor ms", "alur ms", "floor /s", "alur /s", "alur/floor",
              "CPU alur/floor", "SQL stmts", "commits"]
    print(table(f"Engine floor (median of {repeats} paired rounds of {n}; time per instance;"
                " alur/floor is the median of the rounds' ratios)",
                header, rows))
    if args.no_history:
        return
    marks = (1, 10) if args.quick else HISTORY_MARKS
    history = [row for kind in kinds for row in long_history(kind, marks)]
    print()
    print(table(f"Long history: one complaint reopened again and again (a step is half a "
                f"reply + answer turn; median of {HISTORY_WINDOW} turns from the mark)",
                ["db", "reopenings", "step ms", "× first", "CPU ms", "× first", "state KB",
                 "× first"], history))


if __name__ == "__main__":
    main()
