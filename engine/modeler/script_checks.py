"""Scripts and expressions of a diagram, checked with ast and the restricted environment."""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from engine.complaints.effects import Effects, script_functions
from engine.messages import N_, Message
from engine.workflow import scripting
from engine.workflow.scripting import _BUILTINS  # the one list of builtins diagram scripts may call

from .problems import Problem

SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL", "spiffworkflow": SPIFF}
SELECTABLE = re.compile(r"(Task|Event|Gateway|sequenceFlow|callActivity|subProcess|rule|"
                        r"decision|input|output|lane)$")
_RESTRICTED_LINE = re.compile(r"^Line (\d+):")
ISO_LITERAL = re.compile(r"^(P(\d|T)|R\d*/|\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class Source:
    """One script or expression found in a file."""

    element: Any  # the XML element holding the text
    text: str
    kind: str  # script|expression|timer|due_date|dmn_input
    what: str  # how the UI names it (a Message when it has words to translate)


@lru_cache(maxsize=1)
def known_functions() -> dict[str, Callable[..., Any]]:
    """The functions a diagram may call (built with placeholders: only names and signatures)."""
    return script_functions(cast(Any, None), cast(Any, None), Effects())


def check_expressions(file: str, root: Any) -> list[Problem]:
    """Problems of every script and expression in one BPMN or DMN file."""
    finder = _dmn_sources if file.endswith(".dmn") else bpmn_sources
    problems: list[Problem] = []
    for source in finder(root):
        problems.extend(check_source(file, source))
    return problems


def script_text(text: str) -> str:
    """A diagram script as the engine runs it: common indentation and blank lines around it
    removed."""
    return textwrap.dedent(text).strip("\n")


def parse_script(text: str) -> ast.Module:
    """A diagram script's syntax tree (SyntaxError when it does not parse)."""
    return ast.parse(script_text(text))


def check_source(file: str, source: Source) -> list[Problem]:
    """Syntax, restrictions and called names of one script or expression."""
    element_id, line = owner(source.element)
    expression = source.kind != "script"
    text = source.text.strip() if expression else script_text(source.text)

    def problem(message: str, at_line: int = 1) -> list[Problem]:
        return [Problem(file, source.kind, Message("%(what)s: %(message)s", what=source.what,
                                                   message=message),
                        element_id, (line or 1) + at_line - 1)]

    if not text.strip():
        return problem(Message(N_("kosong")))
    if source.kind == "timer" and ISO_LITERAL.match(text):
        return problem(Message(N_("tulis waktu sebagai teks dalam tanda kutip, mis. "
                                  "\"%(text)s\""), text=text))
    if source.kind == "dmn_input":
        text = _unary_test(text)
    try:
        tree = ast.parse(text, mode="eval" if expression else "exec")
    except SyntaxError as exc:
        return problem(Message(N_("galat sintaks: %(error)s"), error=exc.msg), exc.lineno or 1)
    errors = scripting.check_source(text, expression=expression)
    if errors:
        where = _RESTRICTED_LINE.search(errors[0])
        return problem(Message(N_("tidak diizinkan di lingkungan skrip: %(errors)s"),
                               errors="; ".join(errors)), int(where.group(1)) if where else 1)
    return [p for message in _call_problems(tree) for p in problem(message)]


def owner(element: Any) -> tuple[str | None, int | None]:
    """The id and line of the diagram element a text belongs to (task, flow, event, rule)."""
    line = element.sourceline
    current = element
    while current is not None:
        tag = str(current.tag).rsplit("}", 1)[-1]
        if current.get("id") and SELECTABLE.search(tag):
            return current.get("id"), line
        current = current.getparent()
    return None, line


def _call_problems(tree: ast.AST) -> list[str]:
    functions = known_functions()
    defined = _defined_names(tree)
    messages = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        name = node.func.id
        if name in functions:
            messages.extend(_arity(name, functions[name], node))
        elif name not in _BUILTINS and name not in defined:
            allowed = ", ".join(sorted(functions))
            messages.append(Message(N_("fungsi tidak dikenal: %(name)s() (yang tersedia: "
                                       "%(allowed)s)"), name=name, allowed=allowed))
    return messages


def _arity(name: str, function: Callable[..., Any], call: ast.Call) -> list[str]:
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
            k.arg is None for k in call.keywords):
        return []
    try:
        inspect.signature(function).bind(*call.args, **{k.arg: k.value for k in call.keywords
                                                         if k.arg})
    except TypeError as exc:
        return [f"{name}{inspect.signature(function)}: {exc}"]
    return []


def _defined_names(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.Lambda):
            names.update(a.arg for a in node.args.args)
            if isinstance(node, ast.FunctionDef):
                names.add(node.name)
    return names


def _unary_test(text: str) -> str:
    """A DMN input entry as SpiffWorkflow's DMN engine turns it into an expression."""
    if "?" in text:
        return re.sub(r"\?(?=(?:[^'\"]|['\"][^'\"]*['\"])*$)", "dmninputexpr", text)
    try:
        ast.parse(text, mode="eval")
        return text
    except SyntaxError:
        return f"dmninputexpr {text}"


def bpmn_sources(root: Any) -> Iterator[Source]:
    """Every script and expression of a BPMN file."""
    for element in root.iterfind(".//bpmn:script", NS):
        yield Source(element, element.text or "", "script", Message(N_("Skrip")))
    for tag in ("preScript", "postScript"):
        for element in root.iterfind(f".//spiffworkflow:{tag}", NS):
            yield Source(element, element.text or "", "script", tag)
    for element in root.iterfind(".//bpmn:conditionExpression", NS):
        yield Source(element, element.text or "", "expression", Message(N_("Kondisi")))
    for tag in ("timeDate", "timeDuration", "timeCycle"):
        for element in root.iterfind(f".//bpmn:{tag}", NS):
            yield Source(element, element.text or "", "timer", Message(N_("Ekspresi timer")))
    for tag in ("loopCardinality", "completionCondition"):
        for element in root.iterfind(f".//bpmn:{tag}", NS):
            yield Source(element, element.text or "", "expression", tag)
    for element in root.iterfind(".//spiffworkflow:property[@name='dueDate']", NS):
        yield Source(element, element.get("value") or "", "due_date",
                     Message(N_("Batas waktu (dueDate)")))


def _dmn_sources(root: Any) -> Iterator[Source]:
    for element in root.iter("{*}inputExpression"):
        text = element.find("{*}text")
        yield Source(element, "" if text is None else text.text or "", "expression",
                     Message(N_("Ekspresi masukan DMN")))
    for tag, kind, what in (("inputEntry", "dmn_input", Message(N_("Aturan masukan DMN"))),
                            ("outputEntry", "expression", Message(N_("Aturan keluaran DMN")))):
        for element in root.iter("{*}" + tag):
            text = element.find("{*}text")
            value = "" if text is None else (text.text or "").strip()
            if value and value != "-":
                yield Source(element, value, kind, what)
