"""A deployed diagram whose script hits a hard limit or leaves unsavable data: the complaint is
received, its instance shows a clear incident at the element, and the next complaint is fine."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from engine.modeler.drafts import FormCheckFactory
from engine.workflow import sandbox
from engine.workflow.form_versions import FormSource
from tests.walk import Walk

from .bundles import default_files
from .deploying import deploy_files


def _with_terima_line(line: str) -> dict[str, str]:
    """The shipped diagrams with ``line`` first in the script of ``terima``."""
    files = default_files()
    text = files["pengaduan.bpmn"]
    at = text.index("<bpmn:script>", text.index('<bpmn:scriptTask id="terima"'))
    at += len("<bpmn:script>")
    files["pengaduan.bpmn"] = f"{text[:at]}{line}\n{text[at:]}"
    return files


@pytest.mark.parametrize(("line", "message"), [
    ("x = math.factorial(3*10**6)", "skrip melewati batas waktu"),
    ("x = (1).to_bytes(2*10**9, 'big')", "skrip melewati batas memori"),
    ("x = map(str, [1])", "nilai 'x' (map) tidak dapat disimpan"),
])
def test_a_hostile_script_is_an_incident_and_the_next_complaint_is_fine(
    walk: Walk, checks: FormCheckFactory, source: FormSource, line: str, message: str,
) -> None:
    deploy_files(walk, _with_terima_line(line), checks, source)
    started = time.monotonic()
    code = walk.file().tracking_code
    assert time.monotonic() - started < sandbox.WALL_SECONDS + 3
    instance = walk.instance(code)
    assert instance.status == "error"
    assert (instance.error_message or "").startswith("terima: ")
    assert message in (instance.error_message or "")
    walk.assert_round_trip(code)
    # The fault is this script's: another complaint is saved and can be read and changed.
    again = walk.file().tracking_code
    assert walk.instance(again).status == "error"


@pytest.mark.parametrize("line", ["while True: pass", "g = (i for i in [1])"])
def test_the_modelers_check_refuses_what_it_can_see(walk: Walk, checks: FormCheckFactory,
                                                     source: FormSource, line: str) -> None:
    with pytest.raises(AssertionError):
        deploy_files(walk, _with_terima_line(line), checks, source)


def test_a_hostile_timer_script_is_an_incident_and_the_worker_goes_on(
    walk: Walk, checks: FormCheckFactory, source: FormSource,
) -> None:
    before = walk.file().tracking_code  # on the shipped version
    files = default_files()
    reminder = '<bpmn:script>notify("pengingat", "assignee")</bpmn:script>'
    assert reminder in files["pengaduan.bpmn"]
    files["pengaduan.bpmn"] = files["pengaduan.bpmn"].replace(
        reminder, '<bpmn:script>x = math.factorial(3*10**6)\nnotify("pengingat", "assignee")'
                  '</bpmn:script>', 1)
    deploy_files(walk, files, checks, source)
    hostile = walk.file().tracking_code
    deploy_files(walk, default_files(), checks, source, note="kembali")
    after = walk.file().tracking_code  # fired after the hostile one
    due = walk.instance(hostile).next_timer_at
    assert due is not None
    started = time.monotonic()
    report = walk.at(due + timedelta(minutes=1))
    assert time.monotonic() - started < 2 * (sandbox.WALL_SECONDS + 3)
    assert report.fired >= 3
    assert walk.instance(hostile).status == "error"
    assert "skrip melewati batas waktu" in (walk.instance(hostile).error_message or "")
    for code in (before, after):
        assert walk.instance(code).status == "running", (code, walk.instance(code).error_message)
        assert walk.instance(code).next_timer_at != due  # its reminder fired
