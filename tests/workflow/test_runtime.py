"""The workflow state Alur stores: the library's own format, less the specs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.clock import FixedClock
from engine.workflow.definitions import parse_files, read_process_files
from engine.workflow.runtime import HISTORY_KEY, dump_state, load_state, new_workflow, serializer
from engine.workflow.scripting import make_script_engine
from engine.workflow.spiff_time import using_clock
from tests.walk import wib

PROCESSES = Path(__file__).resolve().parents[2] / "processes"
START = {"complaint_id": 1, "tracking_code": "EL-T", "channel": "web",
         "received_at": "2026-03-02T09:00:00+07:00", "category": "4", "title": "Uji",
         "anonim": False, "rahasia": False, "clarification_days": 10}


def _running_workflow():  # type: ignore[no-untyped-def]
    from engine.calendar.working_days import WorkingCalendar
    from engine.complaints.effects import Effects, script_functions

    clock = FixedClock(wib("2026-03-02 09:00"))
    parsed = parse_files(read_process_files(PROCESSES))
    engine = make_script_engine(script_functions(clock, WorkingCalendar(), Effects()))
    wf = new_workflow(parsed, START, engine)
    with using_clock(clock):
        wf.do_engine_steps()
    return wf, parsed, engine


def test_state_is_the_library_dict_without_the_specs() -> None:
    wf, _parsed, _engine = _running_workflow()
    ser = serializer()
    state, version = dump_state(wf)  # prunes the finished start in place, then saves
    library = json.loads(ser.serialize_json(wf))
    for key in ("spec", "subprocess_specs", ser.VERSION_KEY):
        library.pop(key)
    assert version == ser.VERSION
    ours = json.loads(state)
    assert ours.pop(HISTORY_KEY)  # the pruned start's elements, for the diagram
    assert ours == library
    assert "task_specs" not in state  # no spec travels with an instance


@pytest.mark.parametrize("big", [False, True])  # an integer beyond 64 bits: orjson refuses it
def test_data_of_every_kind_is_saved_as_the_library_saves_it(big: bool) -> None:
    # The state is written by engine.json_text, not the library's json.dumps: date-times still
    # go through the serializer's hook, what orjson would write otherwise falls back.
    from datetime import date, datetime

    from SpiffWorkflow.util.task import TaskState

    wf, parsed, engine = _running_workflow()
    task = next(iter(wf.get_tasks(state=TaskState.READY | TaskState.WAITING)))
    task.data.update({"at": wib("2026-03-03 10:00"), "seen": {"web"}, "count": 2**70 if big else 7,
                      "kota": "Tebing Tinggi — Empat Lawang"})
    ser = serializer()
    state, version = dump_state(wf)
    assert json.loads(state)["tasks"] == json.loads(ser.serialize_json(wf))["tasks"]
    restored = load_state(state, version, parsed, engine).get_task_from_id(task.id).data
    assert restored["at"] == wib("2026-03-03 10:00") and isinstance(restored["at"], datetime)
    assert restored["count"] == task.data["count"] and restored["seen"] == ["web"]
    assert restored["kota"] == "Tebing Tinggi — Empat Lawang"
    task.data["day"] = date(2026, 3, 3)  # the library has no conversion for a bare date
    with pytest.raises(TypeError):
        ser.serialize_json(wf)
    with pytest.raises(TypeError):
        dump_state(wf)


def test_a_restored_state_saves_to_the_same_json() -> None:
    wf, parsed, engine = _running_workflow()
    state, version = dump_state(wf)
    again, _ = dump_state(load_state(state, version, parsed, engine))
    assert json.loads(again) == json.loads(state)


def test_a_dropped_workflow_log_line_walks_no_task_tree() -> None:
    import logging

    from engine.workflow.runtime import pin_library_log_level

    logger = logging.getLogger("spiff.workflow")
    kept = logger.level
    logger.setLevel(logging.NOTSET)  # as an unconfigured process has it
    try:
        wf, _parsed, _engine = _running_workflow()
        assert logger.getEffectiveLevel() >= logging.INFO  # its lines are dropped ...
        assert "tasks" in wf.collect_log_extras()  # ... yet the library lists every task
        pin_library_log_level()
        assert logger.level == logger.getEffectiveLevel()
        assert "tasks" not in wf.collect_log_extras()
    finally:
        logger.setLevel(kept)
