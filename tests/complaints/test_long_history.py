"""A complaint's cost is bounded by what is open, not by its past: thirty-odd reopenings.

Each reply reopens the follow-up; the library would keep every finished follow-up subprocess
and a dozen tasks per turn (16 KB fresh, 279 KB after 30). The saved state is pruned at every
save (engine.workflow.pruning); what was finished stays readable in Alur's own tables and in
the diagram's markers.
"""

from __future__ import annotations

import json
import time
from datetime import timedelta
from statistics import median

from sqlalchemy import func, select

from engine.audit import AuditEntry
from engine.monitor.diagram import instance_diagram
from engine.workflow.runtime import dump_state, load_state
from engine.workflow.scripting import make_script_engine
from engine.workflow.tables import ProcessDefinition, ProcessInstance
from tests.walk import ANSWER, VERIFY_FORWARD, Walk, wib

LOOPS = 31


def _load_and_save_cpu(walk: Walk, instance: ProcessInstance) -> float:
    """Median CPU seconds of one restore + save of ``instance``'s state (what every step pays)."""
    with walk.services.uow() as uow:
        definition = uow.session.get(ProcessDefinition, instance.definition_id)
        assert definition is not None
        parsed = walk.services.runtime.specs.get(definition)
    times = []
    for _ in range(15):
        begin = time.process_time()
        wf = load_state(instance.state, instance.serializer_version, parsed,
                        make_script_engine({}))
        dump_state(wf)
        times.append(time.process_time() - begin)
    return median(times)


def test_thirty_reopenings_keep_the_state_and_a_step_as_small_as_the_second(walk: Walk,
                                                                             services) -> None:  # type: ignore[no-untyped-def]
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    sizes: dict[int, int] = {}
    tasks: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for loop in range(1, LOOPS + 1):
        walk.clock.set(walk.clock() + timedelta(hours=2))
        assert walk.reply(code, f"Balasan ke-{loop}: belum selesai.") is True  # reopens
        assert walk.status(code) == "didisposisikan"
        reopened = walk.task(code, "tanggapi")
        assert reopened.opd_code == "DINKES"
        walk.complete(code, "tanggapi", {**ANSWER, "response": f"Tindak lanjut ke-{loop + 1}."})
        instance = walk.instance(code)
        sizes[loop] = len(instance.state)
        tasks[loop] = len(json.loads(instance.state)["tasks"])
        if loop in (2, 30):
            cpu[loop] = _load_and_save_cpu(walk, instance)

    assert sizes[30] <= 1.5 * sizes[2], sizes
    assert tasks[30] <= tasks[2] + 2, tasks
    assert cpu[30] <= 2.0 * cpu[2], cpu  # medians of 15; equal work, so ~1.0 in practice

    # Deadlines still follow the last turn: the 10 quiet working days restart from it.
    last_answer = walk.clock()
    complaint = walk.complaint(code)
    assert complaint.status == "ditindaklanjuti"
    assert complaint.stage_due_at is not None and complaint.stage_due_at > last_answer
    walk.at(complaint.stage_due_at + timedelta(seconds=1))
    assert walk.status(code) == "selesai"
    assert walk.instance(code).status == "completed"
    assert walk.tasks(code) == []

    # Every turn stays readable: the follow-up page, the audit trail, the stage durations.
    kinds = [f.kind for f in walk.follow_ups(code)]
    assert kinds.count("tindak_lanjut") == LOOPS + 1 and kinds.count("belum_selesai") == LOOPS
    with services.uow() as uow:
        answered = uow.session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.complaint_id == complaint.id, AuditEntry.action == "task_completed",
            AuditEntry.task_spec == "tanggapi"))
    assert answered == LOOPS + 1
    statuses = walk.statuses(code)
    assert statuses.count("didisposisikan") == LOOPS + 1 and statuses[-1] == "selesai"
    closed = walk.complaint(code)
    assert closed.verify_working_days is not None
    assert closed.follow_up_working_days is not None and closed.close_working_days is not None

    # The diagram still marks what was done long ago, in both files.
    with services.uow() as uow:
        diagram = instance_diagram(uow.session, services.runtime, closed.instance_id or 0,
                                   walk.user("sysadmin"), walk.clock())
    main = diagram["markers"]["pengaduan.bpmn"]["done"]
    follow_up = diagram["markers"]["tindak_lanjut_opd.bpmn"]["done"]
    assert {"verifikasi", "disposisi", "buka_kembali", "tutup", "selesai"} <= set(main)
    assert "tanggapi" in follow_up
    assert len(diagram["completed_by"]["tanggapi"]) == LOOPS + 1


def test_an_open_escalation_keeps_its_branch_until_it_is_handled(walk: Walk) -> None:
    """Pruning never drops open work: a late follow-up's escalation notices stay, and the
    reopened follow-up runs beside them."""
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.at(wib("2026-03-11 00:00:01"))  # the follow-up's 5 working days are over
    ready = {t.spec_name for t in walk.tasks(code)}
    assert {"tanggapi", "koordinasi_penghubung",
            "pemberitahuan_tindak_lanjut_terlambat"} <= ready
    walk.complete(code, "tanggapi", ANSWER)
    for loop in range(3):
        walk.clock.set(walk.clock() + timedelta(hours=1))
        assert walk.reply(code, f"Balasan {loop}") is True
        walk.complete(code, "tanggapi", ANSWER)
    # The notices from the first turn are still waiting for a person.
    assert {"koordinasi_penghubung", "pemberitahuan_tindak_lanjut_terlambat"} <= {
        t.spec_name for t in walk.tasks(code)}
    walk.complete(code, "koordinasi_penghubung", {
        "summary": "Sudah menelepon pejabat penghubung Dinkes.", "next_step": "menunggu_opd"})
    assert "koordinasi_penghubung" not in {t.spec_name for t in walk.tasks(code)}
