"""Names the conditions, timers, deadlines and scripts of a diagram read, against what provides
them on some path leading there: a form's fields, a script's assignments, a decision table's
outputs, a message, the data every complaint starts with, and the script environment.

A name nothing provides on any path fails every instance that gets there (SpiffWorkflow stops
on the NameError) or sends it the wrong way, so it is refused, not warned about. The analysis
gives the benefit of the doubt: a name set on one path only, or later in a loop, passes; a form,
decision table or called process that cannot be read provides anything.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from engine.complaints.intake import START_DATA_NAMES
from engine.messages import N_, Message
from engine.workflow.scripting import _BUILTINS  # the one list of builtins diagram scripts may call

from .lint import CONTAINERS, FLOW_NODES, Container, local
from .problems import Problem
from .script_checks import (
    ISO_LITERAL,
    NS,
    Source,
    bpmn_sources,
    known_functions,
    parse_script,
)

# file name from formJsonSchemaFilename -> the fields its data holds (None: cannot be read)
FormFields = Callable[[str], Collection[str] | None]
Names = frozenset[str] | None  # None: not known, so anything
Key = tuple[str, str]  # (file, element id)

# What engine.complaints.intake gives every complaint's workflow when it starts.
START_DATA = START_DATA_NAMES
# Elements whose name or id a diagram may use as data (data objects, multi-instance items).
_DATA_TAGS = ("dataObject", "dataObjectReference", "dataInput", "dataOutput", "inputItem",
              "outputItem", "dataStoreReference")


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """Names every script and expression may read: functions, builtins, the start data."""
    return frozenset(known_functions()) | frozenset(_BUILTINS) | START_DATA


def check_reads(trees: dict[str, Any], form_fields: FormFields | None) -> list[Problem]:
    """A problem for each name a BPMN expression or script reads that nothing provides."""
    flow = build_flow(trees, form_fields)
    problems = []
    for file, root in trees.items():
        if file.endswith(".bpmn"):
            for source in bpmn_sources(root):
                problems.extend(_check_source(flow, file, source))
    return problems


@dataclass
class Flow:
    """The flow nodes of a bundle: what each provides, and where each can be reached from."""

    provides: dict[Key, Names] = field(default_factory=dict)
    before: dict[Key, set[Key]] = field(default_factory=dict)
    # The entry of an activity's inside (its starts come after what comes before it).
    entries: dict[Key, Key] = field(default_factory=dict)
    declared: set[str] = field(default_factory=set)

    def link(self, source: Key, target: Key) -> None:
        """``target`` may run after ``source``."""
        self.before.setdefault(target, set()).add(source)

    def available(self, key: Key) -> Names:
        """The names provided on some path to ``key`` (``key``'s own excluded)."""
        seen: set[Key] = set()
        todo = list(self._before(key))
        names: set[str] = set()
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            found = self.provides.get(current, frozenset())
            if found is None:
                return None
            names |= found
            todo.extend(self._before(current))
        return frozenset(names)

    def _before(self, key: Key) -> set[Key]:
        return self.before.get(self.entries.get(key, key), set())


def build_flow(trees: dict[str, Any], form_fields: FormFields | None) -> Flow:
    """The flow of every BPMN file of a bundle, call activities leading into called processes."""
    flow = Flow()
    sources = _Sources(trees, form_fields)
    for file, root in sources.bpmn.items():
        flow.declared |= _declared(root)
        for element in root.iter(*(f"{{{NS['bpmn']}}}{kind}" for kind in CONTAINERS)):
            _add_container(flow, sources, file, Container(element))
    return flow


class _Sources:
    """What the flow is built from: BPMN trees, processes and decisions by id, form fields."""

    def __init__(self, trees: dict[str, Any], form_fields: FormFields | None) -> None:
        self.bpmn = {name: root for name, root in trees.items() if name.endswith(".bpmn")}
        self.form_fields = form_fields
        self.processes = {p.get("id"): (name, p) for name, root in self.bpmn.items()
                          for p in root.iterfind("bpmn:process", NS)}
        self.decisions = {d.get("id"): frozenset(o.get("name") for o in d.iter("{*}output")
                                                 if o.get("name"))
                          for name, root in trees.items() if name.endswith(".dmn")
                          for d in root.iter("{*}decision")}

    def provided_by(self, file: str, node: Any, calling: frozenset[str] = frozenset()) -> Names:
        """The names a flow node leaves in the task data (an activity: all inside it)."""
        kind = local(node)
        if kind == "callActivity":
            return self.called(node.get("calledElement"), calling)
        if kind in CONTAINERS:
            return _all(self.provided_by(file, n, calling) for n in _flow_nodes_inside(node))
        return self.own(node)

    def called(self, process_id: str | None, calling: frozenset[str]) -> Names:
        """Everything a called process may provide (unknown when it is not in the bundle)."""
        if process_id in calling:
            return frozenset()  # a process calling itself again adds nothing new
        found = self.processes.get(process_id)
        if found is None:
            return None
        return self.provided_by(found[0], found[1], calling | {str(process_id)})

    def own(self, node: Any) -> Names:
        """What one task or event itself provides: form, scripts, decision, message, result."""
        return _all((self.form(node), self.decision(node), _script_targets(node),
                     _messages_and_results(node)))

    def form(self, node: Any) -> Names:
        """The fields of a user task's form (none without a form; unknown if unreadable)."""
        prop = node.find(".//spiffworkflow:property[@name='formJsonSchemaFilename']", NS)
        if local(node) != "userTask" or prop is None:
            return frozenset()
        found = self.form_fields(prop.get("value") or "") if self.form_fields else None
        return None if found is None else frozenset(found)

    def decision(self, node: Any) -> Names:
        """The outputs of the decision table a business rule task calls."""
        called = node.find("bpmn:extensionElements/spiffworkflow:calledDecisionId", NS)
        if local(node) != "businessRuleTask" or called is None:
            return frozenset()
        return self.decisions.get((called.text or "").strip())


def _add_container(flow: Flow, sources: _Sources, file: str, c: Container) -> None:
    """The nodes and links of one process or sub-process."""
    for node_id, node in c.nodes.items():
        key = (file, node_id)
        flow.provides[key] = sources.provided_by(file, node)
        if local(node) == "boundaryEvent":
            flow.link((file, node.get("attachedToRef")), key)
        if local(node) == "callActivity":
            _enter_called(flow, sources, key, node.get("calledElement"))
    for sequence_flow in c.flows:
        flow.link((file, sequence_flow.get("sourceRef")), (file, sequence_flow.get("targetRef")))
    if local(c.element) == "process":
        return
    parent = c.element.getparent()
    entry = (file, f"{c.element.get('id')}#entry")
    if c.element.get("triggeredByEvent") == "true":  # may start whenever its parent runs
        siblings = Container(parent).nodes if parent is not None else {}
        entry_from = [(file, sibling) for sibling in siblings]
    else:
        flow.entries[entry] = (file, c.element.get("id"))
        entry_from = [entry]
    for node_id in c.nodes:
        if not flow.before.get((file, node_id)):  # starts, and an ad hoc sub-process's tasks
            for source in entry_from:
                flow.link(source, (file, node_id))


def _enter_called(flow: Flow, sources: _Sources, key: Key, process_id: str | None) -> None:
    """The called process's starts come after what comes before the call activity."""
    found = sources.processes.get(process_id)
    if found is None:
        return
    entry = (key[0], f"{key[1]}#entry")
    flow.entries[entry] = key
    for start in found[1].iterfind("bpmn:startEvent", NS):
        flow.link(entry, (found[0], start.get("id")))


def _check_source(flow: Flow, file: str, source: Source) -> list[Problem]:
    """Problems of one script or expression: each name it reads that nothing provides."""
    site = _site(source)
    if site is None:
        return []
    node, after = site
    key = (file, node.get("id"))
    reads = names_read(source)
    available = flow.available(key)
    own = flow.provides.get(key, frozenset()) if after else _pre_script_targets(node, source)
    if reads is None or available is None or own is None:
        return []
    missing = sorted(reads - available - own - known_names() - flow.declared)
    owner = _owner(source.element)
    label = owner.get("name") or owner.get("id")
    return [Problem(file, "variable", Message(
        N_("%(what)s pada '%(element)s' (%(file)s) membaca variabel '%(name)s', tetapi tidak "
           "ada formulir, skrip, tabel keputusan, pesan, data awal laporan, atau fungsi yang "
           "mengisinya di jalur mana pun menuju ke sana"),
        what=source.what, element=label, file=file, name=name),
        owner.get("id"), source.element.sourceline) for name in missing]


def _site(source: Source) -> tuple[Any, bool] | None:
    """The flow node whose data ``source`` reads, and whether that node's own data counts (a
    flow's condition reads its source's data once that has run; a post-script, the form's)."""
    owner = _owner(source.element)
    if owner is None:
        return None
    if local(owner) == "sequenceFlow":
        parent = owner.getparent()
        found = [n for n in parent if n.get("id") == owner.get("sourceRef")]
        return (found[0], True) if found else None
    after = local(source.element) in ("postScript", "completionCondition")
    return owner, after


def _owner(element: Any) -> Any:
    """The flow node or sequence flow a text belongs to."""
    current = element
    while current is not None and local(current) not in FLOW_NODES | {"sequenceFlow"}:
        current = current.getparent()
    return current


def names_read(source: Source) -> frozenset[str] | None:
    """Names a script or expression reads before it sets them (None: it does not parse, or is
    a timer written as a bare ISO literal; the script checks say so)."""
    text = source.text.strip()
    if source.kind == "timer" and ISO_LITERAL.match(text):
        return None
    try:
        if source.kind == "script":
            return _script_reads(parse_script(source.text))
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return None
    return _loads(tree) - _stores(tree)


def _script_reads(tree: ast.Module) -> frozenset[str]:
    """Names a script reads, line by line: a name an earlier line set is not read here."""
    reads: set[str] = set()
    defined: set[str] = set()
    for statement in tree.body:
        if not isinstance(statement, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Expr):
            defined |= _stores(statement)  # a loop or branch may set before it reads
        reads |= _loads(statement) - defined
        defined |= _stores(statement)
    return frozenset(reads)


def _loads(tree: ast.AST) -> frozenset[str]:
    """Names read anywhere in ``tree`` (an augmented assignment reads its target too)."""
    found = {n.id for n in ast.walk(tree)
             if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    found |= {n.target.id for n in ast.walk(tree)
              if isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name)}
    return frozenset(found - _locals(tree))


def _stores(tree: ast.AST) -> frozenset[str]:
    """Names ``tree`` sets: assignment targets, loop variables, functions."""
    found = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)
             and isinstance(n.ctx, ast.Store)}
    found |= {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    return frozenset(found)


def _locals(tree: ast.AST) -> frozenset[str]:
    """Names that live inside ``tree`` only: parameters, caught exceptions, comprehension and
    walrus targets."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.arguments):
            found |= {a.arg for a in (*node.posonlyargs, *node.args, *node.kwonlyargs,
                                      node.vararg, node.kwarg) if a is not None}
        elif isinstance(node, ast.ExceptHandler) and node.name:
            found.add(node.name)
        elif isinstance(node, ast.comprehension | ast.NamedExpr):
            found |= _stores(node.target)
    return frozenset(found)


def _script_targets(node: Any) -> Names:
    """Names a task's scripts (script, pre- and post-script) leave in the task data."""
    found: set[str] = set()
    paths = ("bpmn:script", "bpmn:extensionElements/spiffworkflow:preScript",
             "bpmn:extensionElements/spiffworkflow:postScript")
    for text in _scripts_of(node, paths):
        try:
            found |= _stores(parse_script(text))
        except SyntaxError:
            return None  # said by the script checks
    return frozenset(found)


def _pre_script_targets(node: Any, source: Source) -> Names:
    """What runs on the task's data before ``source``: its pre-script, for its main script."""
    if local(source.element) != "script":
        return frozenset()
    for text in _scripts_of(node, ("bpmn:extensionElements/spiffworkflow:preScript",)):
        try:
            return _stores(parse_script(text))
        except SyntaxError:
            return None
    return frozenset()


def _scripts_of(node: Any, paths: tuple[str, ...]) -> Iterator[str]:
    for path in paths:
        found = node.find(path, NS)
        if found is not None and (found.text or "").strip():
            yield found.text


def _messages_and_results(node: Any) -> frozenset[str]:
    """Message variables of catch events and receive tasks, a service task's result."""
    found = {(m.text or "").strip() for m in node.iterfind(".//spiffworkflow:messageVariable", NS)}
    found |= {o.get("resultVariable") or "" for o in
              node.iterfind(".//spiffworkflow:serviceTaskOperator", NS)}
    return frozenset(found - {""})


def _declared(root: Any) -> set[str]:
    """Data objects, inputs and outputs and multi-instance items of a file, by name and id."""
    found: set[str] = set()
    for tag in _DATA_TAGS:
        for element in root.iter(f"{{{NS['bpmn']}}}{tag}"):
            found |= {element.get("id") or "", element.get("name") or ""}
    for tag in ("loopDataInputRef", "loopDataOutputRef"):
        found |= {(e.text or "").strip() for e in root.iter(f"{{{NS['bpmn']}}}{tag}")}
    return found - {""}


def _all(parts: Iterable[Names]) -> Names:
    """The union of ``parts``; unknown when one is."""
    found: set[str] = set()
    for part in parts:
        if part is None:
            return None
        found |= part
    return frozenset(found)


def _flow_nodes_inside(activity: Any) -> Iterator[Any]:
    """Every flow node at any depth inside a sub-process."""
    for element in activity.iterdescendants():
        if isinstance(element.tag, str) and local(element) in FLOW_NODES:
            yield element
