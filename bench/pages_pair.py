"""Two checkouts' pages compared request by request (``python bench/pages.py N --against DIR``).

Each checkout's app runs in a process of its own (``bench/pages.py --serve`` with
``ALUR_BENCH_CHECKOUT`` naming the checkout whose code it imports), on a database of its own
with the same data. The two take turns one request at a time, the order swapped every pair,
and each reports the CPU its request took. A change of a few per cent shows here, where
between separate runs it drowns in the machine's swing from minute to minute, and where a
paired HTTP run (``bench/http_load.py --against``) still takes each side's turn seconds apart.

The other checkout needs the same database schema and the benchmark's data preparation must
still fit its engine (a recent commit: a ``git worktree``), with its translations compiled.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

READY = "ready"
QUIT = "quit"


def serve(endpoints: dict[str, Callable[[], Any]], refill: Callable[[int], None],
          out: IO[str], server_cpu: Callable[[], float]) -> None:
    """Answer requests named on stdin, one per line, with the CPU seconds each took, this
    process's and its PostgreSQL backends' (``server_cpu``: theirs so far), on ``out``; the
    endpoints' names first, as one JSON line."""
    for call in endpoints.values():  # warm every page once
        call()
    print(json.dumps([READY, list(endpoints)]), file=out, flush=True)
    for line in sys.stdin:
        name = line.strip()
        if name == QUIT:
            return
        if name.startswith("task completion"):
            refill(2)  # the submissions feeding it are not timed
        call = endpoints[name]
        server, cpu = server_cpu(), time.process_time()
        response = call()
        cpu = time.process_time() - cpu
        server = server_cpu() - server
        if response.status_code not in (200, 201):
            raise SystemExit(f"{name}: {response.status_code}")
        print(cpu, server, file=out, flush=True)


class _Side:
    """One checkout's app in a process of its own, answering on a pipe."""

    def __init__(self, script: Path, checkout: Path, n: int) -> None:
        # The same hash seed on both sides, so that they differ in their code only (how
        # dicts and sets of strings collide is not one more thing drawn at random).
        env = {**os.environ, "ALUR_BENCH_CHECKOUT": str(checkout), "PYTHONUNBUFFERED": "1",
               "PYTHONHASHSEED": "0"}
        self.checkout = checkout
        # Both sides on one core, taking turns on it; PostgreSQL and this process have the
        # other. Left to the scheduler, each side settled on a core of its own, and the two
        # cores' caches and speeds differed by up to a fifth in a comparison of a checkout
        # with itself (0.96-1.02 pinned).
        pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
        # Its log (the app's and the data preparation's) goes to a file, named when it fails.
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept open for the process
            "w", prefix="alur-pages-pair-", suffix=".log", delete=False)
        self.process = subprocess.Popen(
            [*pin, sys.executable, str(script), str(n), "--serve"], cwd=checkout, env=env,
            text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log)

    def endpoints(self) -> list[str]:
        assert self.process.stdout is not None
        for line in self.process.stdout:  # setup may print before the answer starts
            if line.startswith(f'["{READY}"'):
                names: list[str] = json.loads(line)[1]
                return names
        raise SystemExit(f"{self.checkout}: the app did not start (exit "
                         f"{self.process.wait()}; its log: {self.log.name})")

    def request(self, name: str) -> tuple[float, float]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(name + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise SystemExit(f"{self.checkout}: stopped at {name!r} (exit "
                             f"{self.process.wait()}; its log: {self.log.name})")
        cpu, server = answer.split()
        return float(cpu), float(server)

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.write(QUIT + "\n")
            self.process.stdin.close()
            self.process.wait(timeout=120)
        self.log.close()
        if self.process.returncode == 0:
            os.unlink(self.log.name)


def compare(script: Path, this: Path, other: Path, n: int) -> None:
    """Print, per endpoint, each side's median CPU per request and their ratio over ``n``
    pairs."""
    from common import table

    sides = [_Side(script, this, n), _Side(script, other, n)]
    try:
        names = [side.endpoints() for side in sides]
        if names[0] != names[1]:
            raise SystemExit(f"the two checkouts measure different endpoints: {names}")
        rows = [_row(name, sides, n) for name in names[0]]
    finally:
        for side in sides:
            side.close()
    print(table(f"Pages in-process, this checkout ({this}) against {other}: {n} pairs per "
                "endpoint, one request each in turn, the order swapped every pair (medians of "
                "the app's CPU per request, their ratio, and the middle half of the pairs' own "
                "ratios; PostgreSQL's CPU for the side's requests, from its backends' own "
                "counters, and the two together)",
                ["endpoint", "other CPU ms", "this CPU ms", "this/other", "pairs' middle half",
                 "other PG ms", "this PG ms", "app+PG this/other"], rows))


def _row(name: str, sides: list[_Side], n: int) -> list[str]:
    times: tuple[list[tuple[float, float]], list[tuple[float, float]]] = ([], [])
    for pair in range(n):
        for index in (0, 1) if pair % 2 else (1, 0):
            times[index].append(sides[index].request(name))
    apps = [[app for app, _ in side] for side in times]
    ratios = sorted(a / b for a, b in zip(*apps, strict=True) if b > 0)
    quarter = len(ratios) // 4
    this, other = statistics.median(apps[0]), statistics.median(apps[1])
    # A backend finishes a statement's work after sending its answer (until it waits for the
    # next): some of one request's server CPU is read with the next. The mean over the pairs
    # counts all of it once; a median of single requests would not.
    servers = [statistics.fmean(server for _, server in side) for side in times]
    totals = [statistics.fmean(app + server for app, server in side) for side in times]
    return [name, f"{other * 1000:.3f}", f"{this * 1000:.3f}", f"{this / other:.3f}",
            f"{ratios[quarter]:.3f}–{ratios[-quarter - 1]:.3f}",
            f"{servers[1] * 1000:.3f}", f"{servers[0] * 1000:.3f}",
            f"{totals[0] / totals[1]:.3f}"]
