"""Keep a saved workflow as large as what is open in it, not as long as its past.

SpiffWorkflow keeps every task it ever ran: each time a reporter replies and the follow-up
reopens, the tree grows by a dozen tasks and a finished follow-up subprocess (~9 KB of state),
so a complaint that went back and forth for months got slower at every step. Before each save
``prune`` drops, in the top workflow and every subprocess that stays:

- the finished tasks above the lowest common ancestor of every unfinished task (that ancestor
  becomes the root task's only child; its data is stored whole, against the root's);
- subprocesses whose calling task was dropped or has finished (their results were copied to
  the caller when they ended).

Nothing open is touched, so what the workflow does next is unchanged. What was dropped stays
readable where people read it: the audit log, the follow-up records and the complaint's
columns live in Alur's own tables, and the diagram's "done" markers of dropped tasks are kept
as a small set per diagram file (``history``), bounded by the diagram's size.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

HISTORY_ATTRIBUTE = "alur_done_history"

History = dict[str, set[str]]
# Finished for good. A task in ERROR is an incident waiting for a retry: it counts as open.
DONE = TaskState.COMPLETED | TaskState.CANCELLED


def history(wf: BpmnWorkflow) -> History:
    """Element ids per diagram file that finished in tasks no longer kept in the state."""
    found: History | None = getattr(wf, HISTORY_ATTRIBUTE, None)
    if found is None:
        found = {}
        setattr(wf, HISTORY_ATTRIBUTE, found)
    return found


def set_history(wf: BpmnWorkflow, stored: dict[str, list[str]] | None) -> None:
    """Attach the history read from a saved state."""
    setattr(wf, HISTORY_ATTRIBUTE, {name: set(ids) for name, ids in (stored or {}).items()})


def history_json(wf: BpmnWorkflow) -> dict[str, list[str]]:
    """The history as stored: sorted lists per file."""
    return {name: sorted(ids) for name, ids in sorted(history(wf).items())}


def prune(wf: BpmnWorkflow) -> int:
    """Drop what is finished and no longer needed (see the module's text); how many tasks."""
    done = history(wf)
    dropped = _cut(wf, done)
    # Subprocesses whose caller is gone or finished, nested ones with them.
    changed = True
    while changed:
        changed = False
        for sp_id in list(wf.subprocesses):
            caller = _find(wf, sp_id)
            if caller is None or caller.has_state(DONE):
                dropped += _drop_subprocess(wf, sp_id, done)
                changed = True
    for sp in list(wf.subprocesses.values()):
        dropped += _cut(sp, done)
    return dropped


def _find(wf: BpmnWorkflow, task_id: UUID) -> Task | None:
    found: Task | None = wf.tasks.get(task_id)
    if found is None:
        for sp in wf.subprocesses.values():
            found = sp.tasks.get(task_id)
            if found is not None:
                break
    return found


def _drop_subprocess(wf: BpmnWorkflow, sp_id: UUID, done: History) -> int:
    sp = wf.subprocesses.pop(sp_id, None)
    if sp is None:
        return 0
    count = 0
    for task in sp.tasks.values():
        _remember(task, done)
        count += 1
        if task.id in wf.subprocesses:
            count += _drop_subprocess(wf, task.id, done)
    return count


def _remember(task: Task, done: History) -> None:
    bpmn_id = getattr(task.task_spec, "bpmn_id", None)
    if bpmn_id and task.state == TaskState.COMPLETED:
        file = str(getattr(task.workflow.spec, "file", "") or "")
        done.setdefault(file, set()).add(bpmn_id)


def _cut(workflow: Any, done: History) -> int:
    """Make the lowest common ancestor of the unfinished tasks the root's only child."""
    root: Task = workflow.task_tree
    keep = _lowest_open_ancestor(workflow)
    if keep is None or keep is root or keep.parent is root:
        return 0
    kept = {root.id}
    stack = [keep]
    while stack:
        task = stack.pop()
        kept.add(task.id)
        stack.extend(task.children)
    gone = [task for task_id, task in workflow.tasks.items() if task_id not in kept]
    top = workflow.top_workflow
    for task in gone:
        _remember(task, done)
        top.event_manager.remove_task(task)
        del workflow.tasks[task.id]
    root._children = [keep.id]  # noqa: SLF001 - the library's own tree links
    keep._parent = root.id  # noqa: SLF001
    if workflow.last_task is not None and workflow.last_task.id not in kept:
        workflow.last_task = keep
    return len(gone)


def _lowest_open_ancestor(workflow: Any) -> Task | None:
    open_tasks = [t for t in workflow.tasks.values() if not t.has_state(DONE)]
    if not open_tasks:
        return None
    path: list[Task] = []
    task: Task | None = open_tasks[0]
    while task is not None:
        path.append(task)
        task = task.parent
    path.reverse()  # root first
    depth_of = {t.id: i for i, t in enumerate(path)}
    lowest = len(path) - 1
    for other in open_tasks[1:]:
        node: Task | None = other
        while node is not None and node.id not in depth_of:
            node = node.parent
        if node is None:
            return workflow.task_tree
        lowest = min(lowest, depth_of[node.id])
    return path[lowest]
