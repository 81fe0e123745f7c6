"""A step's task rows: each step leaves a row for each user task it leaves ready and for no
other, and reads the instance's rows only when one stays ready that it has not read yet."""

from __future__ import annotations

from engine.complaints.tasks import complete_task
from engine.workflow.runtime import load_state, ready_user_task_ids
from engine.workflow.scripting import make_script_engine
from tests.sql_log import statements
from tests.walk import ANSWER, COORDINATION, VERIFY_FORWARD, Walk, wib
from webui.wiring import Services

RETURNED = {"outcome": "not_our_authority", "note": "Ini kewenangan kementerian."}


def _rows(walk: Walk, code: str) -> set[str]:
    return {task.id for task in walk.tasks(code)}


def _ready_as_saved(walk: Walk, code: str) -> frozenset[str]:
    """The user tasks ready in the workflow as the last step saved it."""
    instance = walk.instance(code)
    with walk.services.uow() as uow:
        parsed = walk.services.runtime.specs.of_definition(uow.session, instance.definition_id)
    wf = load_state(instance.state, instance.serializer_version, parsed, make_script_engine({}))
    return ready_user_task_ids(wf) if instance.status == "running" else frozenset()


def test_every_step_leaves_a_row_for_each_ready_user_task_and_no_other(walk: Walk) -> None:
    code = walk.file().tracking_code
    steps = [
        lambda: walk.at(wib("2026-03-04 00:00:01")),  # the reminder: verification stays
        lambda: walk.complete(code, "verifikasi", VERIFY_FORWARD),
        lambda: walk.at(wib("2026-03-20 00:00:01")),  # late at the OPD: notices, escalation
        lambda: walk.complete(code, "koordinasi_penghubung", COORDINATION),
        lambda: walk.complete(code, "pemberitahuan_pengarah", {"acknowledged": True}),
        lambda: walk.complete(code, "tanggapi", ANSWER),  # the notices stay
        lambda: walk.reply(code),  # reopened: the follow-up again
        lambda: walk.complete(code, "tanggapi", ANSWER),
        lambda: walk.at(wib("2026-05-01 00:00:01")),  # closed by its timer: all withdrawn
    ]
    seen: list[list[str]] = []
    for step in steps:
        step()
        rows = _rows(walk, code)
        assert rows == _ready_as_saved(walk, code)
        seen.append(sorted(t.spec_name for t in walk.tasks(code)))
    notices = ["pemberitahuan_penanggung_jawab", "pemberitahuan_tindak_lanjut_terlambat"]
    assert seen == [
        ["verifikasi"], ["tanggapi"],
        ["koordinasi_penghubung", "pemberitahuan_tindak_lanjut_terlambat", "tanggapi"],
        [notices[0], "pemberitahuan_pengarah", notices[1], "tanggapi"],
        [*notices, "tanggapi"], notices, [*notices, "tanggapi"], notices, []]
    assert walk.status(code) == "selesai"


def test_notices_withdrawn_by_a_completion_are_deleted_by_id_without_a_read(
        walk: Walk, services: Services) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.at(wib("2026-03-10 00:00:01"))
    walk.complete(code, "koordinasi_penghubung", COORDINATION)
    before = {task.spec_name: task.id for task in walk.tasks(code)}
    assert sorted(before) == ["pemberitahuan_penanggung_jawab", "pemberitahuan_pengarah",
                              "pemberitahuan_tindak_lanjut_terlambat", "tanggapi"]
    task = walk.task(code, "tanggapi")
    with statements(services) as seen:
        complete_task(services.uow(), services.runtime, task.id, RETURNED,
                      walk.user(task.role, task.opd_code))
    # The completed task's row was read with its instance, under the lock; the notices' rows
    # are not read again but deleted by their ids, with it; the new verification is added.
    assert not [sql for sql in seen if "WHERE human_task.instance_id" in sql]
    assert [sql for sql in seen if "WHERE human_task.id" in sql and sql.startswith("SELECT")]
    deleted = [sql for sql in seen if sql.startswith("DELETE FROM human_task")]
    assert deleted and all("human_task.id" in sql for sql in deleted)
    after = {task.spec_name: task.id for task in walk.tasks(code)}
    assert list(after) == ["verifikasi"]
    assert not set(after.values()) & set(before.values())
    assert _rows(walk, code) == _ready_as_saved(walk, code)
