"""Decision tables decided as lookups: the library's answers and errors, with each input run
once per decision instead of one expression per cell."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.dmn.engine.DMNEngine import DMNEngine

from engine.calendar.working_days import WorkingCalendar
from engine.clock import FixedClock
from engine.workflow.decisions import DecisionParser, LookupDecisionEngine, plain_value
from engine.workflow.definitions import parse_files, read_process_files
from engine.workflow.runtime import new_workflow
from engine.workflow.scripting import make_script_engine
from tests.walk import wib

PROCESSES = Path(__file__).resolve().parents[2] / "processes"
RULE = """<rule id="r{n}"><inputEntry id="r{n}a"><text>{kind}</text></inputEntry>
  <inputEntry id="r{n}b"><text>{size}</text></inputEntry>
  <outputEntry id="r{n}o"><text>"{out}"</text></outputEntry></rule>"""
# Plain values, tests with an operator or "?", a "?" inside a text, and "-" (any input).
RULES = [('"a"', "&gt; 5", "big a"), ('"a"', "-", "a"), ("-", "? &lt; 3", "small"),
         ('"b"', "7", "b seven"), ('"x?"', "-", "question"), ('"c"', "4, 7", "never"),
         ("-", "-", "any")]
TABLE = """<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="defs"
  name="mixed" namespace="http://alur.test/dmn"><decision id="mixed" name="mixed">
  <decisionTable id="table" hitPolicy="{policy}">
  <input id="kind_in" label="Kind"><inputExpression id="kind_ex" typeRef="string">
    <text>kind</text></inputExpression></input>
  <input id="size_in" label="Size"><inputExpression id="size_ex" typeRef="integer">
    <text>size</text></inputExpression></input>
  <output id="out" label="Out" name="out" typeRef="string"/>
  {rules}</decisionTable></decision></definitions>"""


def _engines(policy: str) -> tuple[LookupDecisionEngine, DMNEngine]:
    rules = "".join(RULE.format(n=n, kind=kind, size=size, out=out)
                    for n, (kind, size, out) in enumerate(RULES))
    parser = DecisionParser()
    parser.add_dmn_xml(etree.fromstring(TABLE.format(policy=policy, rules=rules).encode()))
    ours = parser.get_engine("mixed", None)
    return ours, DMNEngine(ours.decision_table)


@pytest.fixture(scope="module")
def task() -> Any:
    """A task of a running complaint workflow: its script engine runs the decisions."""
    from engine.complaints.effects import Effects, script_functions

    engine = make_script_engine(script_functions(FixedClock(wib("2026-03-02 09:00")),
                                                 WorkingCalendar(), Effects()))
    workflow = new_workflow(parse_files(read_process_files(PROCESSES)), {}, engine)
    return workflow.get_next_task()


def _counted(task: Any, engine: DMNEngine, data: dict[str, Any]) -> tuple[Any, int]:
    """The engine's result for ``data`` and how many expressions the script engine ran."""
    script_engine = task.workflow.script_engine
    runs = []
    real = script_engine.evaluate
    script_engine.evaluate = lambda *args, **kw: runs.append(args) or real(*args, **kw)
    try:
        task.data = dict(data)
        return engine.result(task), len(runs)
    finally:
        del script_engine.evaluate


@pytest.mark.parametrize("policy", ["UNIQUE", "FIRST", "COLLECT"])
def test_a_mixed_table_decides_as_the_library_does(task: Any, policy: str) -> None:
    ours, library = _engines(policy)
    for kind, size in itertools.product(["a", "b", "c", "x?", "z", None], [1, 4, 7, 10]):
        data = {"kind": kind, "size": size}
        assert _counted(task, ours, data)[0] == _counted(task, library, data)[0], data


def test_the_category_table_runs_its_input_once_not_once_per_rule(task: Any) -> None:
    parsed = parse_files(read_process_files(PROCESSES))
    ours = parsed.spec.task_specs["saran_opd"].dmnEngine
    assert isinstance(ours, LookupDecisionEngine)
    library = DMNEngine(ours.decision_table)
    rules = len(ours.decision_table.rules)
    assert rules == 30  # 29 categories, then "-" for any other
    for category in [*map(str, range(1, rules + 1)), "99", None, ""]:
        data = {"category": category}
        (found, runs), (expected, library_runs) = (_counted(task, ours, data),
                                                   _counted(task, library, data))
        assert found == expected, category
        assert runs == 2  # the input, and the first matching rule's output
        assert library_runs == rules  # a cell per rule but the last, and the output
    assert _counted(task, ours, {"category": "8"})[0] == {"opd_saran": "PUPR"}


def test_a_missing_input_fails_as_in_the_library_naming_the_row(task: Any) -> None:
    ours, library = _engines("FIRST")
    for engine in (ours, library):
        with pytest.raises(WorkflowTaskException) as failed:
            _counted(task, engine, {"size": 3})
        assert "Rule failed on row 1" in failed.value.notes


@pytest.mark.parametrize(("cell", "plain"), [
    ('"1"', True), ("5", True), ("-2.5", True), ("True", True), ("'a', 'b'", True),
    ("> 5", False), ("? < 3", False), ('"why?"', False), ("category", False),
    ("len(x)", False), ("", False), (None, False)])
def test_only_python_literals_are_compared_as_values(cell: str | None, plain: bool) -> None:
    assert (plain_value(cell) is not plain_value(None)) is plain
