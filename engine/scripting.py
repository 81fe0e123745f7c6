"""The restricted environment that runs scripts and expressions found in diagrams."""

from __future__ import annotations

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
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment

from .errors import ScriptError

SCRIPT_SECONDS = 1.0  # a diagram script that runs longer is stopped
SCRIPT_FILENAME = "<diagram script>"

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
}
_INPLACE: dict[str, Callable[[Any, Any], Any]] = {
    "+=": lambda x, y: x + y,
    "-=": lambda x, y: x - y,
    "*=": lambda x, y: x * y,
    "/=": lambda x, y: x / y,
}


@lru_cache(maxsize=2048)
def compile_expression(source: str) -> CodeType:
    """Compile an expression under the restrictions, or raise ScriptError."""
    result = compile_restricted_eval(source.strip(), filename=SCRIPT_FILENAME)
    if result.errors or result.code is None:
        raise ScriptError("; ".join(result.errors) or "cannot compile", source=source)
    return result.code


@lru_cache(maxsize=2048)
def compile_script(source: str) -> CodeType:
    """Compile a script under the restrictions, or raise ScriptError."""
    result = compile_restricted_exec(source, filename=SCRIPT_FILENAME)
    if result.errors or result.code is None:
        raise ScriptError("; ".join(result.errors) or "cannot compile", source=source)
    return result.code


def check_source(source: str, *, expression: bool) -> list[str]:
    """Problems that stop ``source`` from running here (empty list: fine)."""
    compiler = compile_restricted_eval if expression else compile_restricted_exec
    result = compiler(source.strip() if expression else source)
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


class RestrictedEnvironment(TaskDataEnvironment):  # type: ignore[misc]
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
