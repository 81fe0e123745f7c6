"""Pages in-process: the app's own CPU per request of each endpoint, against /healthz.

    python bench/pages.py [N] [--rounds R] [--quick]
    python bench/pages.py [N] --against DIR    # this checkout against another, pair by pair

The same data as bench/http_load.py (demo data, Tim Admin's inbox with a full page of 50
tasks, a tracked complaint with three follow-ups and two replies) on PostgreSQL, requests made
with Flask's test client in this process. It prints, per endpoint, the CPU time of this
process per request (the app's Python: framework, templates, ORM, driver — not PostgreSQL's
work), the wall time, both as multiples of /healthz measured in the same round, and the SQL
statements per request. CPU time is what a page costs a gunicorn worker and, unlike
requests/s, it hardly moves when neighbours load a shared machine; http_load.py gives the
throughput.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pages_pair
from common import BENCH, ROOT, StatementCounter, bench_database, table

sys.path.append(str(BENCH))  # last: bench/ must not shadow packages (common.py explains)
from http_load import BODY, TASK_ROW, VERIFY, open_verifications, prepare  # noqa: E402


def _signed_in(app: Any, page: str, form: dict[str, str]) -> Any:
    client = app.test_client()
    token = re.search(rb'name="csrf_token" value="([^"]+)"', client.get(page).data)
    assert token is not None, page
    response = client.post(page, data={"csrf_token": token.group(1).decode(), **form})
    assert response.status_code in (200, 302), (page, response.status_code)
    return client


_AREAS = ("sqlalchemy", "psycopg", "jinja2", "markupsafe", "flask_babel", "babel", "flask_login",
          "flask", "werkzeug", "engine", "webui", "forms")


def _area(path: str) -> str:
    """Which package a profiled function belongs to (templates count as jinja2)."""
    if path.endswith(".html") or path.endswith(".txt"):
        return "templates"
    for area in _AREAS:
        if f"/{area}/" in path:
            return area
    return "python/other" if "/" in path else "builtins"


def _profile(endpoints: dict[str, Any], words: str, n: int) -> None:
    """cProfile one endpoint over n requests after a warm-up: share per package, top functions."""
    import cProfile
    import pstats

    name = next(name for name in endpoints if words in name)
    call = endpoints[name]
    for _ in range(5):
        call()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(n):
        call()
    profiler.disable()
    print(f"{name}: {n} requests")
    stats = pstats.Stats(profiler)
    shares: dict[str, float] = {}
    for (path, _, _), (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        shares[_area(path)] = shares.get(_area(path), 0.0) + own
    total = sum(shares.values())
    for area, own in sorted(shares.items(), key=lambda item: -item[1]):
        print(f"  {area:<16} {own / n * 1000:6.2f} ms  {own / total:6.1%}")
    stats.strip_dirs()
    stats.sort_stats("tottime").print_stats(35)
    stats.sort_stats("cumulative").print_stats(60)


def _print_statements(app: Any, endpoints: dict[str, Any], words: str) -> None:
    """The SQL one request to an endpoint sends, in order (after a warm-up request), and its
    round trips to the server (the answers that end one, in libpq's trace of the connection:
    BEGIN and COMMIT are not statements SQLAlchemy sees)."""
    import tempfile

    import psycopg
    from sqlalchemy import event

    name = next(name for name in endpoints if words in name)
    endpoints[name]()
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(" ".join(statement.split()))

    with tempfile.TemporaryFile("w+") as trace:
        def traced(connection: Any, *_args: Any) -> None:
            connection.pgconn.trace(trace.fileno())
            connection.pgconn.set_trace_flags(psycopg.pq.Trace.SUPPRESS_TIMESTAMPS)

        def untraced(connection: Any, *_args: Any) -> None:
            connection.pgconn.untrace()

        engine = app.extensions["alur"].db
        listeners = (("before_cursor_execute", note), ("checkout", traced),
                     ("checkin", untraced))
        for event_name, listener in listeners:
            event.listen(engine, event_name, listener)
        endpoints[name]()
        for event_name, listener in listeners:
            event.remove(engine, event_name, listener)
        trace.seek(0)
        trips = sum(1 for line in trace if line.startswith("B\t") and "ReadyForQuery" in line)
    print(f"{name}: {len(seen)} statements, {trips} round trips")
    for number, statement in enumerate(seen, 1):
        print(f"{number:>3}. {statement[:400]}")


def _diagnose(args: argparse.Namespace, app: Any, endpoints: dict[str, Any], n: int,
              refill: Any) -> bool:
    """Run the chosen look inside one endpoint instead of the table; False when none was."""
    if not (args.profile or args.statements or args.spin):
        return False
    refill(n + 10)  # a task completion profile must not contain the submissions feeding it
    if args.profile:
        _profile(endpoints, args.profile, n)
    elif args.statements:
        _print_statements(app, endpoints, args.statements)
    elif args.spin:
        call = next(call for name, call in endpoints.items() if args.spin in name)
        for _ in range(n):
            call()
    return True


def _measure(app: Any, endpoints: dict[str, Any], refill: Any, n: int,
             rounds: int) -> dict[str, list[tuple[float, float, float, float, float]]]:
    """Per endpoint and round: CPU and wall per request, both against the round's floor, and
    statements per request."""
    counter = StatementCounter(app.extensions["alur"].db)
    found: dict[str, list[tuple[float, float, float, float, float]]] = {}
    for call in endpoints.values():  # warm up every page once
        assert call().status_code in (200, 201)
    for _ in range(rounds):
        floor_cpu = floor_wall = 0.0
        for name, call in endpoints.items():
            if name.startswith("task completion"):
                refill(n)
            statements = counter.statements
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in range(n):
                response = call()
                assert response.status_code in (200, 201), (name, response.status_code)
            cpu = (time.process_time() - cpu) / n
            wall = (time.perf_counter() - wall) / n
            floor_cpu, floor_wall = floor_cpu or cpu, floor_wall or wall
            found.setdefault(name, []).append((
                cpu, wall, cpu / floor_cpu, wall / floor_wall,
                (counter.statements - statements) / n))
    return found


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", nargs="?", type=int, default=100, help="requests per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--profile", metavar="WORDS",
                        help="profile the endpoint whose name contains WORDS (cProfile over N "
                             "requests) and print its costliest functions instead of the table")
    parser.add_argument("--statements", metavar="WORDS",
                        help="print the SQL of one request to the endpoint whose name contains "
                             "WORDS instead of the table")
    parser.add_argument("--spin", metavar="WORDS",
                        help="only request the endpoint whose name contains WORDS N times (for "
                             "a sampling profiler such as py-spy)")
    parser.add_argument("--against", type=Path, metavar="DIR",
                        help="compare this checkout with another (DIR) request by request: N "
                             "pairs per endpoint, each side in a process of its own")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


@contextmanager
def loaded_pages() -> Iterator[tuple[Any, dict[str, Any], Any]]:
    """The app on a fresh PostgreSQL database with the benchmark's data, its endpoints (name:
    one request) and ``refill`` (at least N verification tasks waiting)."""
    # Pages are measured here, not sign-in: no demo account gets a second factor to type.
    os.environ["ALUR_TOTP_REQUIRED_ROLES"] = ""
    with bench_database("postgresql") as url:
        env = {**os.environ, "ALUR_DATABASE_URL": url}
        subprocess.run([sys.executable, "-m", "webui.cli", "demo"], cwd=ROOT, env=env,
                       check=True, stdout=subprocess.DEVNULL)
        tracked = prepare(url)
        os.environ.update({"ALUR_DATABASE_URL": url, "ALUR_RATELIMIT_ENABLED": "0",
                           "ALUR_SECRET_KEY": secrets.token_hex(32)})
        from webui import create_app

        app = create_app()
        officer = _signed_in(app, "/petugas/masuk",
                             {"username": "tim-admin", "password": "alur-demo"})
        reporter = _signed_in(app, "/lacak", {"code": tracked["tracking_code"],
                                              "secret": tracked["secret"]})
        anyone = app.test_client()
        token = anyone.post("/api/v1/auth/token", json={
            "username": "tim-admin", "password": "alur-demo"}).get_json()["token"]
        rows_rendered = len(TASK_ROW.findall(officer.get("/petugas/").data))
        code = tracked["tracking_code"]
        tasks: list[str] = []

        def refill(count: int) -> None:
            """At least ``count`` verification tasks waiting (submitted outside any timing)."""
            if len(tasks) < count:
                tasks.clear()
                for _ in range(count):
                    anyone.post("/api/v1/complaints", json=BODY)
                tasks.extend(open_verifications(url))

        def complete() -> Any:
            refill(1)
            return anyone.post(f"/api/v1/tasks/{tasks.pop()}/complete", data=json.dumps(VERIFY),
                               headers={"Authorization": f"Bearer {token}",
                                        "Content-Type": "application/json"})

        endpoints = {
            "floor: GET /healthz": lambda: anyone.get("/healthz"),
            "one query: GET /api/v1/opds": lambda: anyone.get("/api/v1/opds"),
            "tracking page (reporter)": lambda: reporter.get(f"/lacak/{code}"),
            "tracking (API, with secret)": lambda: anyone.get(
                f"/api/v1/complaints/{code}", headers={"X-Complaint-Secret": tracked["secret"]}),
            f"inbox page (tim admin, {rows_rendered} rows)": lambda: officer.get("/petugas/"),
            "public submission (API)": lambda: anyone.post("/api/v1/complaints", json=BODY),
            "task completion (API)": complete,
        }
        try:
            yield app, endpoints, refill
        finally:
            app.extensions["alur"].db.dispose()


def _server_cpu(app: Any) -> Any:
    """A function that answers the CPU seconds the PostgreSQL backends of the app's
    connections have used so far (each connection is noted at its first check-out from the
    pool; the kernel's per-process counter, in nanoseconds)."""
    from sqlalchemy import event

    backends: set[int] = set()
    event.listen(app.extensions["alur"].db, "checkout",
                 lambda connection, *_: backends.add(connection.info.backend_pid))

    def used() -> float:
        total = 0
        for pid in backends:
            total += int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
        return total / 1e9

    return used


def main() -> None:
    args = _arguments()
    n, rounds = (20, 2) if args.quick else (args.n, args.rounds)
    if args.against is not None:
        pages_pair.compare(Path(__file__).resolve(), ROOT, args.against.resolve(), n)
        return
    # Serving, the answers keep stdout to themselves: whatever else writes there goes to stderr.
    answers = os.fdopen(os.dup(1), "w") if args.serve else None
    if answers is not None:
        os.dup2(2, 1)
    with loaded_pages() as (app, endpoints, refill):
        if answers is not None:
            pages_pair.serve(endpoints, refill, answers, _server_cpu(app))
            return
        if _diagnose(args, app, endpoints, n, refill):
            return
        found = _measure(app, endpoints, refill, n, rounds)
    rows = []
    for name, runs in found.items():
        med = [statistics.median(r[i] for r in runs) for i in range(5)]
        rows.append([name, f"{med[0] * 1000:.2f}", f"{med[1] * 1000:.2f}", f"{med[2]:.1f}",
                     f"{med[3]:.1f}", f"{1 / med[2]:.3f}", f"{med[4]:.1f}"])
    print(table(f"Pages in-process on PostgreSQL ({rounds} rounds of {n} requests; medians; "
                "× floor is per round)",
                ["endpoint", "CPU ms", "wall ms", "CPU × floor", "wall × floor",
                 "floor/CPU", "SQL/req"], rows))


if __name__ == "__main__":
    main()
