"""Lint rules over a BPMN tree, after bpmnlint's recommended set, in Python."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from engine.messages import N_, Message

from .problems import Problem

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
NS = {"bpmn": BPMN}
TASKS = frozenset({
    "task", "userTask", "manualTask", "scriptTask", "serviceTask", "sendTask", "receiveTask",
    "businessRuleTask", "callActivity", "subProcess", "transaction", "adHocSubProcess",
})
EVENTS = frozenset({
    "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
})
GATEWAYS = frozenset({
    "exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway",
    "complexGateway",
})
FLOW_NODES = TASKS | EVENTS | GATEWAYS
CONTAINERS = frozenset({"process", "subProcess", "transaction", "adHocSubProcess"})


def local(element: Any) -> str:
    """The tag of an element without its namespace."""
    return str(element.tag).rsplit("}", 1)[-1]


class Container:
    """The flow nodes and sequence flows directly inside a process or sub-process."""

    def __init__(self, element: Any) -> None:
        self.element = element
        children = [c for c in element if isinstance(c.tag, str)]
        self.nodes = {c.get("id"): c for c in children if local(c) in FLOW_NODES}
        self.flows = [c for c in children if local(c) == "sequenceFlow"]
        self.incoming: Counter[str] = Counter(f.get("targetRef") for f in self.flows)
        self.outgoing: dict[str, list[Any]] = {}
        for flow in self.flows:
            self.outgoing.setdefault(flow.get("sourceRef"), []).append(flow)

    def of_kind(self, *kinds: str) -> Iterator[Any]:
        """Flow nodes of the given tags."""
        return (n for n in self.nodes.values() if local(n) in kinds)


def lint(file: str, root: Any) -> list[Problem]:
    """Every lint problem of one BPMN file."""
    problems: list[Problem] = []
    for element in root.iter(*(f"{{{BPMN}}}{kind}" for kind in CONTAINERS)):
        container = Container(element)
        for rule in RULES:
            problems.extend(rule(file, container))
    problems.extend(_labels(file, root))
    return problems


def _problem(file: str, rule: str, element: Any, message: str, severity: str = "error") -> Problem:
    return Problem(file, f"lint/{rule}", message, element.get("id"), element.sourceline, severity)


def _name(element: Any) -> str:
    return element.get("name") or element.get("id") or local(element)


def start_event_required(file: str, c: Container) -> list[Problem]:
    """A process or sub-process has a start event."""
    if _has(c, "startEvent") or local(c.element) == "adHocSubProcess":
        return []
    return [_problem(file, "start-event-required", c.element,
                     Message(N_("'%(name)s' tidak punya peristiwa mulai (start event)"),
                             name=_name(c.element)))]


def end_event_required(file: str, c: Container) -> list[Problem]:
    """A process or sub-process has an end event."""
    if _has(c, "endEvent") or local(c.element) == "adHocSubProcess":
        return []
    return [_problem(file, "end-event-required", c.element,
                     Message(N_("'%(name)s' tidak punya peristiwa akhir (end event)"),
                             name=_name(c.element)))]


def no_disconnected(file: str, c: Container) -> list[Problem]:
    """Every flow node is connected: flows in (except starts) and out (except ends)."""
    if local(c.element) == "adHocSubProcess":
        return []
    problems = []
    for node_id, node in c.nodes.items():
        kind = local(node)
        if kind == "subProcess" and node.get("triggeredByEvent") == "true":
            continue
        needs_in = kind not in ("startEvent", "boundaryEvent")
        needs_out = kind != "endEvent"
        if needs_in and not c.incoming[node_id]:
            problems.append(_problem(file, "no-disconnected", node,
                                     Message(N_("'%(name)s' tidak punya alur masuk"),
                                             name=_name(node))))
        if needs_out and not c.outgoing.get(node_id):
            problems.append(_problem(file, "no-disconnected", node,
                                     Message(N_("'%(name)s' tidak punya alur keluar"),
                                             name=_name(node))))
    return problems


def sequence_flow_refs(file: str, c: Container) -> list[Problem]:
    """Sequence flows start and end at flow nodes of the same container."""
    return [
        _problem(file, "sequence-flow-refs", flow,
                 Message(N_("Alur '%(flow)s' menunjuk ke elemen yang tidak ada: %(ref)s"),
                         flow=flow.get("id"), ref=ref))
        for flow in c.flows
        for ref in (flow.get("sourceRef"), flow.get("targetRef"))
        if ref not in c.nodes
    ]


def no_implicit_split(file: str, c: Container) -> list[Problem]:
    """Only gateways split: an activity or event with several unconditional flows out."""
    problems = []
    for node_id, flows in c.outgoing.items():
        node = c.nodes.get(node_id)
        if node is None or local(node) in GATEWAYS:
            continue
        plain = [f for f in flows if _condition(f) is None]
        if len(flows) > 1 and plain:
            problems.append(_problem(file, "no-implicit-split", node,
                                     Message(N_("'%(name)s' bercabang tanpa gateway"),
                                             name=_name(node))))
    return problems


def fake_join(file: str, c: Container) -> list[Problem]:
    """Only gateways join: an activity with several flows in does not wait for all."""
    return [
        _problem(file, "fake-join", node,
                 Message(N_("'%(name)s' punya beberapa alur masuk; gunakan gateway penggabung"),
                         name=_name(node)),
                 "warning")
        for node_id, node in c.nodes.items()
        if local(node) in TASKS and c.incoming[node_id] > 1
    ]


def no_duplicate_sequence_flows(file: str, c: Container) -> list[Problem]:
    """Two flows never connect the same pair of elements with the same condition."""
    seen: set[tuple[str, str, str]] = set()
    problems = []
    for flow in c.flows:
        key = (flow.get("sourceRef"), flow.get("targetRef"), _condition(flow) or "")
        if key in seen:
            problems.append(_problem(file, "no-duplicate-sequence-flows", flow,
                                     Message(N_("Alur ganda dari '%(source)s' ke '%(target)s'"),
                                             source=key[0], target=key[1])))
        seen.add(key)
    return problems


def conditional_flows(file: str, c: Container) -> list[Problem]:
    """Flows out of a splitting exclusive/inclusive gateway have a condition or are the default."""
    problems = []
    for gateway in c.of_kind("exclusiveGateway", "inclusiveGateway"):
        flows = c.outgoing.get(gateway.get("id"), [])
        default = gateway.get("default")
        if default and default not in {f.get("id") for f in flows}:
            problems.append(_problem(file, "conditional-flows", gateway,
                                     Message(N_("Alur bawaan '%(flow)s' bukan alur keluar "
                                                "gateway ini"), flow=default)))
        if len(flows) < 2:
            continue
        for flow in flows:
            if flow.get("id") != default and not (_condition(flow) or "").strip():
                problems.append(_problem(
                    file, "conditional-flows", flow,
                    Message(N_("Alur '%(flow)s' dari gateway '%(gateway)s' tidak punya kondisi "
                               "dan bukan alur bawaan"), flow=_name(flow), gateway=_name(gateway))))
    return problems


def event_based_gateway_targets(file: str, c: Container) -> list[Problem]:
    """An event-based gateway leads only to catch events or receive tasks."""
    problems = []
    for gateway in c.of_kind("eventBasedGateway"):
        for flow in c.outgoing.get(gateway.get("id"), []):
            target = c.nodes.get(flow.get("targetRef"))
            if target is not None and local(target) not in ("intermediateCatchEvent",
                                                            "receiveTask"):
                problems.append(_problem(file, "event-based-gateway", target, Message(
                    N_("'%(name)s' harus peristiwa tangkap setelah gateway berbasis peristiwa"),
                    name=_name(target))))
    return problems


def _labels(file: str, root: Any) -> list[Problem]:
    """Activities, events, lanes and participants carry a name (a warning, like bpmnlint)."""
    kinds = TASKS | EVENTS | {"lane", "participant"}
    return [
        _problem(file, "label-required", element,
                 Message(N_("%(kind)s '%(id)s' belum diberi nama"), kind=local(element),
                         id=element.get("id")), "warning")
        for element in root.iter(*(f"{{{BPMN}}}{kind}" for kind in kinds))
        if not (element.get("name") or "").strip()
    ]


def _has(c: Container, kind: str) -> bool:
    return next(c.of_kind(kind), None) is not None


def _condition(flow: Any) -> str | None:
    found = flow.find("bpmn:conditionExpression", NS)
    return None if found is None else (found.text or "")


RULES = (
    start_event_required, end_event_required, no_disconnected, sequence_flow_refs,
    no_implicit_split, fake_join, no_duplicate_sequence_flows, conditional_flows,
    event_based_gateway_targets,
)
