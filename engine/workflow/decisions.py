"""Decision tables (DMN) whose cells are plain values, decided as lookups."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.dmn.engine.DMNEngine import DMNEngine
from SpiffWorkflow.dmn.specs.model import DecisionTable, HitPolicy, InputEntry, Rule
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.task import Task

_NOT_PLAIN = object()


def plain_value(cell: str | None) -> Any:
    """The value a rule's cell names when it is a Python literal (``"1"``, ``5``, ``True``),
    compared with ``==`` exactly as SpiffWorkflow would; else ``_NOT_PLAIN`` (an expression,
    a test with ``?`` or an operator, an empty cell)."""
    if cell is None or "?" in cell:
        return _NOT_PLAIN
    try:
        return ast.literal_eval(cell.strip())
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _NOT_PLAIN


class LookupDecisionEngine(DMNEngine):  # type: ignore[misc] # SpiffWorkflow: untyped base
    """SpiffWorkflow's DMN engine with the same answers, errors and hit policies, less its
    cost per cell: it compiles and runs ``(input) == (cell)`` for every cell of every rule
    (the category table: 30 expressions per submission). Here each input expression is run
    once per decision and a cell that is a plain value is compared in Python; any other
    cell is tested as the library does."""

    def __init__(self, decision_table: DecisionTable) -> None:
        super().__init__(decision_table)
        self._cells = [
            (rule, [(entry, cell, plain_value(cell) if entry.input.expression else _NOT_PLAIN)
                    for entry in rule.inputEntries for cell in entry.lhs])
            for rule in decision_table.rules]

    def decide(self, task: Task) -> list[Rule]:
        """The rules that match ``task``'s data, in order (the first only, under UNIQUE)."""
        inputs: dict[str, Any] = {}
        rules = []
        for rule, cells in self._cells:
            if all(self._holds(rule, entry, cell, value, task, inputs)
                   for entry, cell, value in cells):
                rules.append(rule)
                if self.decision_table.hit_policy == HitPolicy.UNIQUE.value:
                    break
        return rules

    def _holds(self, rule: Rule, entry: InputEntry, cell: str | None, value: Any, task: Task,
               inputs: dict[str, Any]) -> bool:
        if cell is None:
            return True  # "-": any input
        if value is _NOT_PLAIN:
            text = self._input_text(entry, task)  # outside the report, as the library reads it
            with _reported(rule, task):
                return bool(self.evaluate(text, cell, task))
        with _reported(rule, task):
            return bool(self._input(entry, task, inputs) == value)

    @staticmethod
    def _input(entry: InputEntry, task: Task, inputs: dict[str, Any]) -> Any:
        """The input's value for this decision, run once however many rules compare it."""
        text = entry.input.expression
        if text not in inputs:
            inputs[text] = task.workflow.script_engine.evaluate(task, text)
        return inputs[text]

    @staticmethod
    def _input_text(entry: InputEntry, task: Task) -> str:
        # As the library: the input's expression, or (old diagrams) the data value of its label.
        expression: str = entry.input.expression or repr(task.data[entry.input.label])
        return expression


@contextmanager
def _reported(rule: Rule, task: Task) -> Iterator[None]:
    """A rule's failure as the library reports it: its own exceptions noted with the row,
    any other wrapped in a WorkflowTaskException."""
    try:
        yield
    except SpiffWorkflowException as exc:
        exc.add_note(f"Rule failed on row {rule.row_number}")
        raise
    except Exception as exc:  # noqa: BLE001 - reported as the library reports it
        error = WorkflowTaskException(str(exc), task=task, exception=exc)
        error.add_note(f"Failed to execute DMN Rule on row {rule.row_number}")
        raise error from exc


class DecisionParser(SpiffBpmnParser):  # type: ignore[misc] # SpiffWorkflow: untyped base
    """SpiffWorkflow's BPMN/DMN parser whose business rule tasks decide with
    ``LookupDecisionEngine``."""

    def get_engine(self, decision_ref: str, node: Any) -> LookupDecisionEngine:
        """The engine of decision ``decision_ref`` (ValidationException when there is none)."""
        return LookupDecisionEngine(super().get_engine(decision_ref, node).decision_table)
