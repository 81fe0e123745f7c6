"""The restricted environment that runs scripts and expressions found in diagrams."""

from __future__ import annotations

import ast
import re
import sys
import time
from collections.abc import Callable, Mapping
from functools import lru_cache
from types import CodeType, FrameType
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

from engine.errors import ScriptError

SCRIPT_SECONDS = 1.0  # a diagram script that runs longer is stopped
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


def check_source(source: str, *, expression: bool) -> list[str]:
    """Problems that stop ``source`` from running here (empty list: fine)."""
    compiler = compile_restricted_eval if expression else compile_restricted_exec
    result = compiler(source.strip() if expression else source, policy=_Policy)
    return list(result.errors)


class _Deadline:
    """Stops runaway scripts: a trace hook that raises once the time budget is spent.

    Only the diagram's own code is traced and timed; the host functions it calls (working-day
    arithmetic, which may load a year of holidays) run untraced and their time is given back.
    """

    def __init__(self, seconds: float) -> None:
        self.until = time.monotonic() + seconds

    def __call__(self, frame: FrameType, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename != SCRIPT_FILENAME:
            return None
        if time.monotonic() > self.until:
            raise ScriptError(f"script ran longer than {SCRIPT_SECONDS:g} s")
        return self

    def give_back(self, seconds: float) -> None:
        """Do not count ``seconds`` spent in a host function."""
        self.until += seconds

    def run(self, code: CodeType, scope: dict[str, Any]) -> Any:
        previous = sys.gettrace()
        sys.settrace(self)
        try:
            return eval(code, scope)  # noqa: S307 - compiled by RestrictedPython, guarded scope
        finally:
            sys.settrace(previous)


class RestrictedEnvironment(TaskDataEnvironment):  # type: ignore[misc] # SpiffWorkflow: untyped base
    """TaskDataEnvironment whose eval/exec go through RestrictedPython and a deadline."""

    def __init__(self, environment_globals: dict[str, Any] | None = None) -> None:
        self._deadline: _Deadline | None = None
        functions = environment_globals or {}
        super().__init__({name: self._untimed(fn) for name, fn in functions.items()})

    def _untimed(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            started = time.monotonic()
            try:
                return fn(*args, **kwargs)
            finally:
                if self._deadline is not None:
                    self._deadline.give_back(time.monotonic() - started)

        call.__name__ = getattr(fn, "__name__", "function")
        call.__doc__ = fn.__doc__
        return call

    def _run(self, code: CodeType, scope: dict[str, Any]) -> Any:
        self._deadline = _Deadline(SCRIPT_SECONDS)
        try:
            return self._deadline.run(code, scope)
        finally:
            self._deadline = None

    def evaluate(
        self, expression: str, context: dict[str, Any], external_context: Any = None
    ) -> Any:
        scope = {**_GUARDS, **self.globals, **(external_context or {}), **context}
        return self._run(compile_expression(expression), scope)

    def execute(self, script: str, context: dict[str, Any], external_context: Any = None) -> bool:
        self.check_for_overwrite(context, external_context or {})
        context.update({**_GUARDS, **self.globals, **(external_context or {})})
        try:
            self._run(compile_script(script), context)
        finally:
            self._remove_globals_and_functions_from_context(context, external_context)
            for name in _GUARDS:
                context.pop(name, None)
        return True


def make_script_engine(functions: Mapping[str, Callable[..., Any]]) -> PythonScriptEngine:
    """A SpiffWorkflow script engine whose scripts see only ``functions`` and task data."""
    return PythonScriptEngine(environment=RestrictedEnvironment(dict(functions)))
