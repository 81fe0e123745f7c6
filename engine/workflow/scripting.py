"""The restricted environment that runs scripts and expressions found in diagrams."""

from __future__ import annotations

import ast
import json
import random
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from types import CodeType, ModuleType
from typing import Any

from RestrictedPython import (
    compile_restricted_eval,
    compile_restricted_exec,
    limited_builtins,
    safe_builtins,
    utility_builtins,
)
from RestrictedPython.Eval import default_guarded_getitem, default_guarded_getiter
from RestrictedPython.Guards import (
    full_write_guard,
    guarded_iter_unpack_sequence,
    guarded_unpack_sequence,
    safer_getattr,
)
from RestrictedPython.transformer import RestrictingNodeTransformer
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
from SpiffWorkflow.bpmn.serializer.helpers.registry import DefaultRegistry

from engine.errors import ScriptError

from . import sandbox

SCRIPT_FILENAME = "<diagram script>"
# Memory bounds (the deadline cannot stop one huge allocation made in C): items a `*`, range()
# or pow() may produce, and the bits of a power or a shift.
MAX_ITEMS = 1_000_000
MAX_BITS = 1 << 16
# Attributes that reach objects by name or allocate by a number (str.format walks attributes
# past the guards; ljust & co. allocate); RestrictedPython refuses dunders and frames already.
# A %-format or f-string width/precision this long (or given by `*`) would pad to gigabytes.
_WIDE_FORMAT = re.compile(r"%[-+ #0]*(\*|\d{5,})|%[-+ #0]*\d*\.(\*|\d{5,})")
_WIDE_SPEC = re.compile(r"\d{5,}")
DENIED_ATTRIBUTES = frozenset({"format", "format_map", "vformat", "get_field", "Formatter",
                               "ljust", "rjust", "center", "zfill", "expandtabs"})


def _arith(op: str, left: Any, right: Any) -> Any:
    """``*``, ``**`` and ``<<`` of diagram code, refused when the result would be huge."""
    if op == "%":
        text = left.decode("latin-1") if isinstance(left, bytes) else left
        if isinstance(text, str) and _WIDE_FORMAT.search(text):
            raise ScriptError("format width too large")
        return left % right
    if op == "*":
        for seq, times in ((left, right), (right, left)):
            if (isinstance(seq, str | bytes | list | tuple) and isinstance(times, int)
                    and len(seq) * times > MAX_ITEMS):
                raise ScriptError(f"result longer than {MAX_ITEMS} items")
        return left * right
    if isinstance(left, int) and isinstance(right, int):
        bits = left.bit_length() * right if op == "**" and abs(left) > 1 else right
        if bits > MAX_BITS:
            raise ScriptError(f"number larger than {MAX_BITS} bits")
    return left ** right if op == "**" else left << right


def _range(*args: int) -> range:
    found = range(*args)
    if len(found) > MAX_ITEMS:
        raise ScriptError(f"range longer than {MAX_ITEMS} items")
    return found


def _pow(base: Any, exp: Any, mod: Any = None) -> Any:
    return pow(base, exp, mod) if mod is not None else _arith("**", base, exp)


_SIZED_OPS: dict[type[ast.operator], str] = {ast.Mult: "*", ast.Pow: "**", ast.LShift: "<<",
                                             ast.Mod: "%"}


_UNKNOWN = object()


def _fold(node: ast.AST) -> Any:
    """The value of a constant sub-expression, computed under the same bounds (or _UNKNOWN)."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.List | ast.Tuple):
        items = [_fold(item) for item in node.elts]
        if _UNKNOWN in items:
            return _UNKNOWN
        return items if isinstance(node, ast.List) else tuple(items)
    if isinstance(node, ast.BinOp) and type(node.op) in _SIZED_OPS:
        left, right = _fold(node.left), _fold(node.right)
        if left is not _UNKNOWN and right is not _UNKNOWN:
            return _arith(_SIZED_OPS[type(node.op)], left, right)
    return _UNKNOWN


class _Policy(RestrictingNodeTransformer):  # type: ignore[misc] # RestrictedPython: untyped base
    """RestrictedPython's rules, plus: no imports, classes or decorators (a diagram needs none),
    no attributes that format or pad by a number, and ``*``, ``**``, ``<<`` go through
    ``_arith_`` (huge constant ones are refused when compiling)."""

    def _refuse(self, node: ast.AST, what: str) -> Any:
        self.error(node, f"{what} is not allowed in diagram scripts")
        return node

    def visit_Import(self, node: ast.Import) -> Any:
        return self._refuse(node, "import")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> Any:
        return self._refuse(node, "import")

    def visit_ClassDef(self, node: ast.ClassDef) -> Any:
        return self._refuse(node, "class")

    def visit_FunctionDef(self, node: ast.FunctionDef) -> Any:
        if node.decorator_list:
            self.error(node, "a decorator is not allowed in diagram scripts")
        return super().visit_FunctionDef(node)

    def visit_FormattedValue(self, node: ast.FormattedValue) -> Any:
        spec = node.format_spec
        if spec is not None and not (
                isinstance(spec, ast.JoinedStr) and all(
                    isinstance(v, ast.Constant) and not _WIDE_SPEC.search(str(v.value))
                    for v in spec.values)):
            self.error(node, "an f-string width must be a small number")
        return self.node_contents_visit(node)

    def visit_While(self, node: ast.While) -> Any:
        endless = isinstance(node.test, ast.Constant) and bool(node.test.value)
        if endless and not any(isinstance(n, ast.Break | ast.Return) for n in ast.walk(node)):
            self.error(node, "a loop that never ends is not allowed in diagram scripts")
        return super().visit_While(node)

    def visit_Module(self, node: ast.Module) -> Any:
        for statement in node.body:  # what a script leaves behind is saved with the workflow
            if isinstance(statement, ast.Assign) and isinstance(
                    statement.value, ast.GeneratorExp | ast.Lambda):
                self.error(statement, "a generator or lambda left in the task data cannot be "
                                      "saved; use a list or a def")
        return super().visit_Module(node)

    def visit_Attribute(self, node: ast.Attribute) -> Any:
        if node.attr in DENIED_ATTRIBUTES:
            self.error(node, f'"{node.attr}" is not allowed in diagram scripts')
        return super().visit_Attribute(node)

    def visit_BinOp(self, node: ast.BinOp) -> Any:
        op = _SIZED_OPS.get(type(node.op))
        try:
            _fold(node)  # before the operands become calls
        except ScriptError as exc:
            self.error(node, str(exc))
        except (ArithmeticError, TypeError, ValueError):
            pass  # fails the same way at run time, without allocating
        node = self.node_contents_visit(node)
        if op is None:
            return node
        call = ast.Call(func=ast.Name("_arith_", ast.Load()),
                        args=[ast.Constant(op), node.left, node.right], keywords=[])
        return ast.fix_missing_locations(ast.copy_location(call, node))

_BUILTINS: dict[str, Any] = {
    **safe_builtins,
    **limited_builtins,
    **{k: v for k, v in utility_builtins.items() if k in ("math", "random", "string")},
    "min": min,
    "max": max,
    "sum": sum,
    "any": any,
    "all": all,
    "len": len,
    "sorted": sorted,
    "enumerate": enumerate,
    "dict": dict,
    "list": list,
    "map": map,
    "filter": filter,
    "range": _range,
    "pow": _pow,
}
_GUARDS: dict[str, Any] = {
    "__builtins__": _BUILTINS,
    "_getattr_": safer_getattr,
    "_getitem_": default_guarded_getitem,
    "_getiter_": default_guarded_getiter,
    "_write_": full_write_guard,
    "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
    "_unpack_sequence_": guarded_unpack_sequence,
    "_inplacevar_": lambda op, x, y: _INPLACE[op](x, y),
    "_arith_": _arith,
}
_REGISTRY = DefaultRegistry()
_INPLACE: dict[str, Callable[[Any, Any], Any]] = {
    "+=": lambda x, y: x + y,
    "-=": lambda x, y: x - y,
    "*=": lambda x, y: _arith("*", x, y),
    "/=": lambda x, y: x / y,
}


@lru_cache(maxsize=2048)
def compile_expression(source: str) -> CodeType:
    """Compile an expression under the restrictions, or raise ScriptError."""
    result = compile_restricted_eval(source.strip(), filename=SCRIPT_FILENAME,
                                     policy=_Policy)
    if result.errors or result.code is None:
        raise ScriptError("; ".join(result.errors) or "cannot compile", source=source)
    code: CodeType = result.code
    return code


@lru_cache(maxsize=2048)
def compile_script(source: str) -> CodeType:
    """Compile a script under the restrictions, or raise ScriptError."""
    result = compile_restricted_exec(source, filename=SCRIPT_FILENAME, policy=_Policy)
    if result.errors or result.code is None:
        raise ScriptError("; ".join(result.errors) or "cannot compile", source=source)
    code: CodeType = result.code
    return code


@lru_cache(maxsize=4096)
def _names_random(source: str, kind: str) -> bool:
    """True when the compiled ``source`` (or a function or comprehension in it) uses the name
    ``random``: code that does not can never reach its generator."""
    code = compile_expression(source) if kind == "eval" else compile_script(source)
    return "random" in _code_names(code)


def _code_names(code: CodeType) -> set[str]:
    names = {*code.co_names, *code.co_varnames, *code.co_cellvars, *code.co_freevars}
    for const in code.co_consts:
        if isinstance(const, CodeType):
            names |= _code_names(const)
    return names


@lru_cache(maxsize=4096)
def _parses(expression: str) -> SyntaxError | None:
    """None when ``expression`` is valid Python, else the SyntaxError it raised."""
    try:
        ast.parse(expression)
    except SyntaxError as exc:
        return exc
    return None


class CheckedScriptEngine(PythonScriptEngine):  # type: ignore[misc] # SpiffWorkflow: untyped base
    """SpiffWorkflow's engine whose syntax check (DMN asks it twice per rule and row, each an
    ``ast.parse``) is remembered by the expression's text."""

    def validate(self, expression: str) -> None:
        """Raise SyntaxError when ``expression`` does not parse, as ``ast.parse`` would."""
        error = _parses(expression)
        if error is not None:
            # A fresh exception each time: re-raising one object would grow its traceback.
            raise type(error)(*error.args)


def check_source(source: str, *, expression: bool) -> list[str]:
    """Problems that stop ``source`` from running here (empty list: fine)."""
    compiler = compile_restricted_eval if expression else compile_restricted_exec
    result = compiler(source.strip() if expression else source, policy=_Policy)
    return list(result.errors)


def run_here(kind: str, source: str, context: dict[str, Any], external: Mapping[str, Any],
             functions: Mapping[str, Any]) -> Any:
    """Run diagram code in this process (a sandbox child): an expression's value, or the task
    data a script leaves, less functions, modules and the names it was given. Each run gets
    its own ``random`` generator: seeding it changes nothing for anyone else."""
    # A generator is seeded from the OS on construction: made only for code that names it.
    if _names_random(source, kind):
        functions = {**functions, "random": random.Random()}  # noqa: S311 - not for secrets
    if kind == "eval":
        scope = {**_GUARDS, **functions, **external, **context}
        return eval(compile_expression(source), scope)  # noqa: S307 - restricted, guarded
    scope = {**_GUARDS, **functions, **external, **context}
    exec(compile_script(source), scope)  # noqa: S102 - compiled by RestrictedPython, guarded
    given = set(_GUARDS) | set(functions) | set(external) | {"random"}
    left = {k: v for k, v in scope.items()
            if k not in given and not callable(v) and not isinstance(v, ModuleType)}
    if not _saveable(left):
        # Which value cannot be saved: looked for only when one cannot (one dump is a
        # fifth of a dump per value, and a script task leaves the whole task data).
        for name, value in left.items():
            if not _saveable(value):
                raise ScriptError(f"nilai {name!r} ({type(value).__name__}) tidak dapat "
                                  "disimpan dalam data proses")
    return left


def _saveable(value: Any) -> bool:
    """True when ``value`` is saved with the workflow state as it is (the serializer's own
    conversions, then JSON without NaN or infinity)."""
    try:
        json.dumps(_REGISTRY.convert(value), allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True


# Code made only of these nodes runs in time and memory proportional to the task data: no loop,
# nothing that multiplies a value, no call but to the host's own functions and a few built-ins
# that only read their arguments.
_PLAIN_NODES = (ast.Module, ast.Expression, ast.Expr, ast.Assign, ast.Name, ast.Load, ast.Store,
                ast.Constant, ast.Compare, ast.BoolOp, ast.UnaryOp, ast.Call, ast.keyword,
                ast.cmpop, ast.boolop, ast.Not, ast.USub, ast.UAdd, ast.If, ast.IfExp,
                ast.BinOp, ast.Add, ast.Sub)
_PLAIN_BUILTINS = frozenset({"max", "min", "abs", "len", "bool"})


def _plain_node(node: ast.AST, callable_names: frozenset[str]) -> bool:
    if not isinstance(node, _PLAIN_NODES):
        return False
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Name) and node.func.id in callable_names
    if isinstance(node, ast.Assign):
        return all(isinstance(t, ast.Name) for t in node.targets)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        # Concatenation grows a text or list: by a constant or a host function's answer only,
        # never by another value of the data (x = x + x, twenty times, is a megabyte a million).
        return any(isinstance(side, ast.Constant | ast.Call) for side in (node.left, node.right))
    return True  # ``-`` applies to numbers only among values the task data can hold


@lru_cache(maxsize=4096)
def is_plain(source: str, kind: str, functions: frozenset[str]) -> bool:
    """True when ``source`` can be run in the host without a sandbox: every node is plain, and
    every call names one of the host ``functions`` (whose own bounds hold) or a reading
    built-in."""
    try:
        tree = ast.parse(source.strip() if kind == "eval" else source, mode=kind)
    except SyntaxError:
        return False
    names = functions | _PLAIN_BUILTINS
    return all(_plain_node(node, names) for node in ast.walk(tree))


class RestrictedEnvironment(TaskDataEnvironment):  # type: ignore[misc] # SpiffWorkflow: untyped base
    """TaskDataEnvironment whose eval/exec run under RestrictedPython in a sandbox process
    (plain comparisons and calls of host functions, most of a diagram's code, run here)."""

    def _plain(self, source: str, kind: str) -> bool:
        return is_plain(source, kind, frozenset(self.globals))

    def evaluate(
        self, expression: str, context: dict[str, Any], external_context: Any = None
    ) -> Any:
        compile_expression(expression)  # refused here already: no child needed
        if self._plain(expression, "eval"):
            return run_here("eval", expression, _data(context), external_context or {},
                            self.globals)
        return sandbox.run("eval", expression, _data(context), external_context or {},
                           self.globals)

    def execute(self, script: str, context: dict[str, Any], external_context: Any = None) -> bool:
        self.check_for_overwrite(context, external_context or {})
        compile_script(script)
        run = run_here if self._plain(script, "exec") else sandbox.run
        left = run("exec", script, _data(context), external_context or {}, self.globals)
        context.clear()
        context.update(left)
        return True


def _data(context: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in context.items() if not callable(v) and not isinstance(v, ModuleType)}


def make_script_engine(functions: Mapping[str, Callable[..., Any]]) -> PythonScriptEngine:
    """A SpiffWorkflow script engine whose scripts see only ``functions`` and task data."""
    return CheckedScriptEngine(environment=RestrictedEnvironment(dict(functions)))
