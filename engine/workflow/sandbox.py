"""Diagram code runs in sandbox processes that the operating system holds to hard limits.

The host keeps a small pool of child processes (``python -m engine.workflow.sandbox``). Each
runs one script or expression at a time under ``RLIMIT_CPU`` and ``RLIMIT_AS``: a C-level call
that never returns (``math.factorial(10**7)``) or allocates gigabytes is ended by the kernel, not
by a trace hook that such a call never reaches. The host also kills a child that takes longer
than ``WALL_SECONDS`` and starts a fresh one; the caller gets a ScriptError naming the limit.

The task data goes to the child and back as JSON (the workflow registry's conversions for
datetimes and the like): what cannot be saved with the workflow is refused at the script that
made it. Host functions (working days, ``set_status`` ...) run in the host: the child asks for
them by name, so their time counts against neither limit and the database stays in the host.
A child's process-wide state is its own; each run gets a fresh ``random`` generator.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from engine.errors import ScriptError

CPU_SECONDS = 1  # processor time one script or expression may use (whole seconds: rlimit)
WALL_SECONDS = 5.0  # waiting for a child longer than this kills it (a busy host is slower)
MEMORY_MB = 512  # address space a child may grow by while running diagram code
MAX_MESSAGE = 8 * 1024 * 1024  # the largest task data that goes to a child or comes back
POOL_SIZE = 4  # children kept warm; more are started when more threads run scripts at once

TIME_LIMIT = "skrip melewati batas waktu"
MEMORY_LIMIT = "skrip melewati batas memori"
_HEADER = struct.Struct(">I")
# Built-in exceptions a script may raise, passed on to the host as themselves.
_PASSED_ON = frozenset({
    "ArithmeticError", "AssertionError", "AttributeError", "IndexError", "KeyError",
    "LookupError", "NameError", "OverflowError", "RuntimeError", "TypeError",
    "UnboundLocalError", "ValueError", "ZeroDivisionError",
})


# --- the wire: length-prefixed JSON ------------------------------------------------------------

def _registry() -> Any:
    from SpiffWorkflow.bpmn.serializer.helpers.registry import DefaultRegistry

    return DefaultRegistry()


class _Codec:
    """Task data to JSON text and back, with the workflow registry's datetime/UUID rules."""

    def __init__(self) -> None:
        self.registry = _registry()

    def dumps(self, value: Any) -> bytes:
        return json.dumps(self.registry.convert(value), separators=(",", ":"),
                          allow_nan=False).encode()

    def loads(self, data: bytes) -> Any:
        return self.registry.restore(json.loads(data))


def _write(fd: int, message: Mapping[str, Any], codec: _Codec) -> None:
    body = codec.dumps(dict(message))
    if len(body) > MAX_MESSAGE:
        raise ScriptError("data skrip terlalu besar")
    data = _HEADER.pack(len(body)) + body
    while data:
        data = data[os.write(fd, data):]


def _read_exact(fd: int, n: int, deadline: float | None) -> bytes:
    chunks: list[bytes] = []
    while n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _read(fd: int, codec: _Codec, deadline: float | None = None) -> dict[str, Any]:
    (size,) = _HEADER.unpack(_read_exact(fd, _HEADER.size, deadline))
    if size > MAX_MESSAGE:
        raise EOFError
    message: dict[str, Any] = codec.loads(_read_exact(fd, size, deadline))
    return message


# --- the host side ------------------------------------------------------------------------------

@dataclass
class _Child:
    process: subprocess.Popen[bytes]
    to_child: int
    from_child: int

    @classmethod
    def start(cls) -> _Child:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "engine.workflow.sandbox", str(CPU_SECONDS), str(MEMORY_MB)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True)
        assert process.stdin is not None and process.stdout is not None
        return cls(process, process.stdin.fileno(), process.stdout.fileno())

    def kill(self) -> int:
        if self.process.poll() is None:
            self.process.kill()
        code = self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        return code


@dataclass
class _Pool:
    idle: list[_Child] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    codec: _Codec = field(default_factory=_Codec)

    def take(self) -> _Child:
        with self.lock:
            while self.idle:
                child = self.idle.pop()
                if child.process.poll() is None:
                    return child
                child.kill()
        return _Child.start()

    def give_back(self, child: _Child) -> None:
        with self.lock:
            if len(self.idle) < POOL_SIZE:
                self.idle.append(child)
                return
        child.kill()

    def close(self) -> None:
        with self.lock:
            children, self.idle = self.idle, []
        for child in children:
            child.kill()


_pool = _Pool()
atexit.register(_pool.close)


def run(kind: str, source: str, context: Mapping[str, Any], external: Mapping[str, Any],
        functions: Mapping[str, Callable[..., Any]]) -> Any:
    """Run an expression (``kind`` "eval": its value) or a script ("exec": the task data it
    leaves) in a sandbox child; host ``functions`` are called back here."""
    codec = _pool.codec
    child = _pool.take()
    request = {"kind": kind, "source": source, "context": dict(context),
               "external": {k: v for k, v in external.items() if k not in functions},
               "functions": sorted(functions)}
    healthy = False
    try:
        _write(child.to_child, request, codec)
        deadline = time.monotonic() + WALL_SECONDS
        while True:
            message = _read(child.from_child, codec, deadline)
            if "call" not in message:
                healthy = not message.get("retire")
                return _outcome(message, source)
            started = time.monotonic()
            _write(child.to_child, _call(functions, message), codec)
            deadline += time.monotonic() - started  # host time is not the script's
    except TimeoutError:
        child.kill()
        raise ScriptError(TIME_LIMIT, source=source) from None
    except (EOFError, BrokenPipeError, ConnectionError):
        code = child.kill()
        raise ScriptError(TIME_LIMIT if code in (-24, -9) else MEMORY_LIMIT,
                          source=source) from None
    finally:
        if healthy:
            _pool.give_back(child)
        else:
            child.kill()


def _call(functions: Mapping[str, Callable[..., Any]], message: dict[str, Any]) -> dict[str, Any]:
    fn = functions.get(message["call"])
    try:
        if fn is None:
            raise ScriptError(f"unknown function {message['call']!r}")
        return {"result": fn(*message.get("args", []), **message.get("kwargs", {}))}
    except Exception as exc:  # noqa: BLE001 - handed to the script as its own error
        return {"error": _describe(exc)}


def _describe(exc: BaseException) -> dict[str, str]:
    text = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
    return {"type": type(exc).__name__, "message": text}


def _outcome(message: dict[str, Any], source: str) -> Any:
    if "error" not in message:
        return message.get("value")
    error = message["error"]
    name, text = error.get("type", ""), str(error.get("message", ""))
    if name == "MemoryError":
        raise ScriptError(MEMORY_LIMIT, source=source)
    if name in _PASSED_ON:
        import builtins

        raise getattr(builtins, name)(text)
    raise ScriptError(text if name == "ScriptError" else f"{name}: {text}", source=source)


# --- the child side -----------------------------------------------------------------------------

class _HostError(Exception):
    pass


def _host_function(name: str, to_host: int, from_host: int, codec: _Codec) -> Callable[..., Any]:
    """A stand-in that asks the host to run function ``name``."""

    def call(*args: Any, **kwargs: Any) -> Any:
        _write(to_host, {"call": name, "args": list(args), "kwargs": kwargs}, codec)
        answer = _read(from_host, codec)
        if "error" in answer:
            error = answer["error"]
            if error.get("type") == "ScriptError":
                raise ScriptError(error["message"])
            raise _HostError(f"{error.get('type')}: {error.get('message')}")
        return answer.get("result")

    call.__name__ = name
    return call


def _answer(request: dict[str, Any], functions: dict[str, Any], codec: _Codec) -> dict[str, Any]:
    """The reply to one request; ``retire`` when this child should not be used again."""
    from . import scripting

    try:
        value = scripting.run_here(request["kind"], request["source"], request["context"],
                                   request["external"], functions)
        reply: dict[str, Any] = {"value": value, "retire": False}
        codec.dumps(reply)  # may fail: refused here, at the script
        return reply
    except MemoryError:
        return {"error": {"type": "MemoryError", "message": ""}, "retire": True}
    except RecursionError:
        return {"error": {"type": "ScriptError", "message": "rekursi terlalu dalam"},
                "retire": False}
    except Exception as exc:  # noqa: BLE001 - every failure goes back to the host
        return {"error": _describe(exc), "retire": False}


def _serve(cpu_seconds: int, memory_mb: int) -> None:  # pragma: no cover - runs in the child
    import math
    import resource

    codec = _Codec()
    to_host, from_host = sys.stdout.fileno(), sys.stdin.fileno()
    sys.stdout = sys.stderr  # nothing a script prints can break the wire
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    resource.setrlimit(resource.RLIMIT_AS, (base + memory_mb * 1024 * 1024 + (256 << 20),
                                            resource.RLIM_INFINITY))
    while True:
        try:
            request = _read(from_host, codec)
        except EOFError:
            return
        spent = resource.getrusage(resource.RUSAGE_SELF)
        cpu = math.ceil(spent.ru_utime + spent.ru_stime + cpu_seconds)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, resource.RLIM_INFINITY))
        functions: dict[str, Any] = {name: _host_function(name, to_host, from_host, codec)
                                     for name in request["functions"]}
        reply = _answer(request, functions, codec)
        try:
            _write(to_host, reply, codec)
        except ScriptError as exc:  # the value is too large to hand back
            _write(to_host, {"error": _describe(exc), "retire": False}, codec)
        if reply["retire"]:
            return


if __name__ == "__main__":  # pragma: no cover - the child process
    _serve(int(sys.argv[1]), int(sys.argv[2]))
