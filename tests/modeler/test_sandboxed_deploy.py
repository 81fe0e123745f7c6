"""A deployed diagram whose script hits a hard limit or leaves unsavable data: the complaint is
received, its instance shows a clear incident at the element, and the next complaint is fine."""

from __future__ import annotations

import time

import pytest

from engine.modeler.drafts import FormCheckFactory
from engine.workflow import sandbox
from engine.workflow.form_versions import FormSource
from tests.walk import Walk

from .bundles import default_files
from .deploying import deploy_files

TERIMA = 'set_status("diterima")\nverification_due'


def _with_terima_line(line: str) -> dict[str, str]:
    files = default_files()
    text = files["pengaduan.bpmn"]
    assert TERIMA in text
    files["pengaduan.bpmn"] = text.replace(TERIMA, f'{line}\n{TERIMA}', 1)
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
