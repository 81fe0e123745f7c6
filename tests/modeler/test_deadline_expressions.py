"""The modeler's deadline expressions (webui/static/js/modeler-deadline.js), run under node.

A timer's or a task's deadline is read as a reference date plus working days, and written back
as the expression SpiffWorkflow evaluates.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "webui" / "static" / "js" / "modeler-deadline.js"
NODE = shutil.which("node")


def run(call: str, *args: Any) -> Any:
    """The JSON result of AlurDeadline.<call>(*args), or {"error": message}."""
    if NODE is None:
        pytest.fail("node is needed (it comes with npm, which `make setup` uses)")
    program = (
        f"const d = require({json.dumps(str(SCRIPT))});"
        f"try {{ console.log(JSON.stringify(d.{call}(...{json.dumps(list(args))}))); }}"
        "catch (e) { console.log(JSON.stringify({error: e.message})); }")
    done = subprocess.run([NODE, "-e", program], capture_output=True, text=True, check=True,
                          timeout=30)
    return json.loads(done.stdout)


@pytest.mark.parametrize(("expression", "expected"), [
    ("verification_due", {"reference": "verification_due", "days": 0}),
    ("  clarification_due ", {"reference": "clarification_due", "days": 0}),
    ("add_working_days(verification_due, -1)", {"reference": "verification_due", "days": -1}),
    ("add_working_days(received_at, 3)", {"reference": "received_at", "days": 3}),
    ("add_working_days( followup_due ,+2 )", {"reference": "followup_due", "days": 2}),
    ("add_working_days(now(), 10)", {"reference": "now()", "days": 10}),
])
def test_reference_and_working_days_are_read(expression: str, expected: dict[str, Any]) -> None:
    assert run("parse", expression) == expected


@pytest.mark.parametrize("expression", [
    "", "add_working_days(received_at, verification_days)",  # days from a variable
    "coordination_due if national else followup_due", "P3D", "2026-01-05T09:00:00",
    "add_working_days", "add_working_days(received_at, 1.5)",
])
def test_other_shapes_are_not_guessed(expression: str) -> None:
    assert run("parse", expression) is None


@pytest.mark.parametrize(("reference", "days", "expected"), [
    ("verification_due", 0, "verification_due"),
    ("verification_due", "-1", "add_working_days(verification_due, -1)"),
    ("followup_due", 2, "add_working_days(followup_due, 2)"),
    ("", 3, ""),  # no reference: no deadline
])
def test_the_expression_is_written(reference: str, days: Any, expected: str) -> None:
    assert run("format", reference, days) == expected
    if expected:
        assert run("parse", expected) == {"reference": reference, "days": int(days)}


@pytest.mark.parametrize(("reference", "days"), [("verification_due; x", 1), ("closure_due", 1.5)])
def test_bad_input_is_refused_not_written(reference: str, days: Any) -> None:
    assert "error" in run("format", reference, days)
