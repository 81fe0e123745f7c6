"""Real Alur processes for the several-machines tests: gunicorn apps and `alur worker`s started
with subprocess, each in a process group of its own so a SIGKILL takes it down whole (gunicorn
master, its workers and their sandbox children), as when a machine is lost."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
START_SECONDS = 90.0  # a cold start on a busy 2-core machine


@dataclass
class Machine:
    """One started process (an app or a worker) and where its output goes."""

    name: str
    process: subprocess.Popen[bytes]
    log: Path
    url: str = ""
    killed: bool = field(default=False)

    def alive(self) -> bool:
        """Whether the process still runs."""
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the whole process group: no clean-up, no goodbye."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.killed = True

    def stop(self) -> None:
        """SIGTERM the group, then SIGKILL what is left after a grace period."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        try:  # a gunicorn worker or a sandbox child that outlived its parent
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def output(self) -> str:
        """What the process wrote so far (for a failing assertion's message)."""
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(name: str, argv: list[str], env: Mapping[str, str], folder: Path) -> Machine:
    log = folder / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(argv, cwd=ROOT, env={**os.environ, **env}, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    return Machine(name, process, log)


def start_app(name: str, env: Mapping[str, str], folder: Path, workers: int = 2) -> Machine:
    """gunicorn serving ``webui:create_web_process_app()`` on a free local port, as
    alur-web.service does."""
    port = free_port()
    machine = _start(name, [str(BIN / "gunicorn"), "--workers", str(workers), "--bind",
                            f"127.0.0.1:{port}", "--timeout", "60",
                            "webui:create_web_process_app()"], env, folder)
    machine.url = f"http://127.0.0.1:{port}"
    return machine


def start_worker(name: str, env: Mapping[str, str], folder: Path) -> Machine:
    """`alur worker`, as alur-worker@.service does."""
    return _start(name, [sys.executable, "-m", "webui.cli", "worker"], env, folder)


def wait_until(condition: Callable[[], bool], seconds: float, what: str,
               machines: tuple[Machine, ...] = ()) -> None:
    """Poll ``condition`` until it holds; AssertionError naming ``what`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        for machine in machines:
            assert machine.killed or machine.alive(), (
                f"{machine.name} exited while waiting for {what}:\n{machine.output()}")
        assert time.monotonic() < deadline, f"gave up waiting for {what} after {seconds:g} s"
        time.sleep(0.1)


def answers(url: str) -> bool:
    """Whether ``url``/healthz answers 200."""
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
            return bool(json.load(response).get("status") == "ok")
    except (OSError, urllib.error.URLError, ValueError):
        return False


@contextmanager
def running() -> Iterator[Callable[[Machine], Machine]]:
    """A function to hand each started machine to: they are all stopped (their process groups
    killed) however the block ends, even when a later start failed."""
    machines: list[Machine] = []

    def started(machine: Machine) -> Machine:
        machines.append(machine)
        return machine

    try:
        yield started
    finally:
        for machine in machines:
            machine.stop()
