"""HTTP: gunicorn with 2 workers on 127.0.0.1 under load from wrk, against the app's own floor.

    python bench/http_load.py [SECONDS] [--connections 8] [--workers 2] [--quick]
    python bench/http_load.py [SECONDS] --against DIR   # this checkout against another

Serves the app with gunicorn (2 sync workers, or --workers) on a fresh PostgreSQL schema with
demo data, then drives each endpoint for a bounded time with wrk (Debian's package: `apt-get
install wrk`; a load generator in C, so the floor is the server's and not the client's): the
trivial /healthz (the stack's floor), a one-query reference list, the reporter's tracking page
and its API, the officer's inbox page, public submission and task completion. Prints requests/s,
p50, p95, p99 and the slowest request for each, the ratio to the floor's requests/s, and the
peak memory (VmHWM) of each gunicorn worker.

The data is what people meet at their busiest: Tim Admin's inbox holds a full page (50 open
verifications; the rows rendered are counted and printed), and the tracked complaint has a
real timeline (three follow-ups and two replies from its reporter, each reopening it). Between
rounds the verifications the write endpoints added are completed through the API and the
tables vacuumed, so every round's inbox meets the same queue.

With ``--against DIR`` it serves a second checkout (DIR, e.g. a git worktree of the commit
before a change, with the same database schema) beside this one, each on a database of its
own with the same data, and measures every endpoint on both in turn, the order swapped every
round. It prints each side's worker CPU per request and their ratio per round: a change of a
few per cent shows there, where it drowns in the floor's own swing between separate runs on a
shared machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from common import ROOT, bench_database, table
from sqlalchemy import create_engine, text

# Anonymous: a named report needs a copy of an ID card, which the JSON API does not carry.
BODY = {"title": "Uji beban", "description": "Antrean puskesmas sangat panjang tiap pagi.",
        "anonim": True}
INBOX_PAGE = 50
TASK_ROW = re.compile(rb'<article class="task-card task-line[^"]*" id="t-')  # one per task
FOLLOW_UPS = 3  # answers from the OPD on the tracked complaint; a reply reopens each but the last
VERIFY = {"decision": "archive", "jenis": "pengaduan", "reason": "uji beban"}
THREADS = 2
# Between rounds the verifications the write endpoints made are completed through the API by
# a wrk run sized for this many completions a second (what it does not reach, one by one).
SETTLE_RATE = 150

# One Lua script drives every scenario: a fixed request, or (completion) a different task id
# per request, the ids dealt out to the threads in turn. done() prints one JSON line.
LUA = r"""
local spec = %(spec)s
local counter = 0
local offset = 0
local threads = {}
local next_offset = 0

function setup(thread)
  thread:set("offset", next_offset)
  next_offset = next_offset + 1
  table.insert(threads, thread)
end

function init(args)
  offset = tonumber(wrk.thread:get("offset")) or 0
end

function request()
  local path = spec.path
  if spec.ids then
    local i = offset + counter * %(threads)d + 1
    counter = counter + 1
    path = string.format(spec.path, spec.ids[i] or "habis")
  end
  return wrk.format(spec.method, path, spec.headers, spec.body)
end

function done(summary, latency, requests)
  io.write(string.format(
    '{"requests":%%d,"duration_us":%%d,"p50_us":%%d,"p95_us":%%d,"p99_us":%%d,' ..
    '"max_us":%%d,"status_errors":%%d,"socket_errors":%%d}\n', summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, summary.errors.status, summary.errors.connect +
    summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def lua_value(value: object) -> str:
    """A Python value (str, list, dict, None) as a Lua literal."""
    if value is None:
        return "nil"
    if isinstance(value, str):
        return json.dumps(value)  # JSON string escapes are valid in Lua
    if isinstance(value, list):
        return "{" + ", ".join(lua_value(v) for v in value) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{json.dumps(k)}] = {lua_value(v)}"
                               for k, v in value.items()) + "}"
    raise TypeError(type(value))


@dataclass
class Scenario:
    """One endpoint as wrk calls it."""

    name: str
    method: str
    path: str
    headers: dict[str, str]
    body: str | None = None
    ids: list[str] | None = None  # path has one %s, filled with each id in turn

    def script(self) -> str:
        spec = {"method": self.method, "path": self.path, "headers": self.headers,
                "body": self.body, "ids": self.ids}
        return LUA % {"spec": lua_value(spec), "threads": THREADS}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def entry_point(root: Path) -> str:
    """What gunicorn serves of the checkout at ``root``: its web processes' entry point, or
    the app factory itself in a checkout older than that entry point."""
    factory = (root / "webui" / "__init__.py").read_text(encoding="utf-8")
    if "def create_web_process_app(" in factory:
        return "webui:create_web_process_app()"
    return "webui:create_app()"


class Server:
    """gunicorn serving the app as deployed (webui:create_web_process_app()) with settings from
    the environment."""

    def __init__(self, url: str, workers: int = 2, root: Path = ROOT) -> None:
        self.port = free_port()
        self.env = {**os.environ, "ALUR_DATABASE_URL": url, "ALUR_RATELIMIT_ENABLED": "0",
                    "ALUR_SECRET_KEY": secrets.token_hex(32), "PYTHONPATH": str(root)}
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        self.proc = subprocess.Popen(
            [gunicorn, "-w", str(workers), "-b", f"127.0.0.1:{self.port}", entry_point(root)],
            cwd=root, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def workers(self) -> list[str]:
        """Process ids of the gunicorn workers."""
        out = subprocess.run(["ps", "-o", "pid=,ppid=", "-e"], capture_output=True,
                             text=True).stdout
        return [pid for pid, ppid in (line.split() for line in out.splitlines())
                if int(ppid) == self.proc.pid]

    def worker_cpu_seconds(self) -> float:
        """User + system CPU the workers have used so far (what a request costs the app, which
        a loaded machine does not inflate the way it stretches wall time)."""
        ticks = sum(_cpu_ticks(Path(f"/proc/{pid}/stat"))[1] for pid in self.workers())
        return ticks / os.sysconf("SC_CLK_TCK")

    def worker_peak_mb(self) -> list[float]:
        """Peak resident memory (VmHWM) of each gunicorn worker."""
        pids = self.workers()
        peaks = []
        for pid in pids:
            status = Path(f"/proc/{pid}/status").read_text()
            found = re.search(r"VmHWM:\s+(\d+) kB", status)
            peaks.append(int(found.group(1)) / 1024 if found else float("nan"))
        return peaks

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def postgres_cpu_seconds() -> float:
    """User + system CPU this machine's PostgreSQL processes have used so far (their share of
    the same cores: the server's work for each statement and commit)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name, ticks = _cpu_ticks(stat)
        except OSError:  # the process ended meanwhile
            continue
        total += ticks if name == "postgres" else 0
    return total / os.sysconf("SC_CLK_TCK")


def _cpu_ticks(stat: Path) -> tuple[str, int]:
    """A process's name and the user + system CPU ticks it has used, from its /proc stat."""
    name, _, rest = stat.read_text().partition("(")[2].rpartition(")")
    fields = rest.split()
    return name, int(fields[11]) + int(fields[12])  # utime, stime


def call(port: int, method: str, path: str, body: str | None = None,
         headers: dict[str, str] | None = None) -> tuple[int, bytes, http.client.HTTPResponse]:
    """One request from Python (set-up only; the load comes from wrk)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    return response.status, response.read(), response


def _csrf(port: int, path: str, cookie: str = "") -> tuple[str, str]:
    _, body, response = call(port, "GET", path, headers={"Cookie": cookie} if cookie else {})
    token = re.search(rb'name="csrf_token" value="([^"]+)"', body)
    assert token is not None, f"no CSRF token on {path}"
    cookie = cookie or str(response.getheader("Set-Cookie")).split(";")[0]
    return token.group(1).decode(), cookie


def login_cookie(port: int, username: str, password: str) -> str:
    """The session cookie of a signed-in officer."""
    token, cookie = _csrf(port, "/petugas/masuk")
    form = f"csrf_token={token}&username={username}&password={password}"
    _, _, response = call(port, "POST", "/petugas/masuk", form, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    return str(response.getheader("Set-Cookie")).split(";")[0]


def tracking_cookie(port: int, code: str, secret: str) -> str:
    """The session cookie of a reporter who opened their complaint with code and secret."""
    token, cookie = _csrf(port, "/lacak")
    form = f"csrf_token={token}&code={code}&secret={secret}"
    _, _, response = call(port, "POST", "/lacak", form, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    return str(response.getheader("Set-Cookie") or cookie).split(";")[0]


def api_token(port: int, username: str, password: str) -> str:
    _, body, _ = call(port, "POST", "/api/v1/auth/token",
                      json.dumps({"username": username, "password": password}),
                      {"Content-Type": "application/json"})
    return str(json.loads(body)["token"])


def submit(port: int) -> dict[str, str]:
    status, body, _ = call(port, "POST", "/api/v1/complaints", json.dumps(BODY),
                           {"Content-Type": "application/json"})
    assert status == 201, (status, body[:200])
    return dict(json.loads(body))


def wrk(port: int, scenario: Scenario, seconds: float, connections: int) -> dict[str, float]:
    """Run wrk on one scenario; its summary (requests, duration, percentiles, errors)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(scenario.script())
    try:
        out = subprocess.run(
            ["wrk", f"-t{THREADS}", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "30s",
             "-s", handle.name, f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(handle.name)
    line = next(x for x in out.splitlines() if x.startswith('{"requests"'))
    return dict(json.loads(line))


def open_verifications(url: str, leaving: frozenset[str] = frozenset()) -> list[str]:
    """Ids of the verification tasks waiting now but those in ``leaving`` (straight from the
    database)."""
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT id FROM human_task WHERE spec_name = 'verifikasi' ORDER BY due_at, id"))
        ids = [row[0] for row in rows if row[0] not in leaving]
    engine.dispose()
    return ids


def settle(server: Server, url: str, kept: frozenset[str], completion: Scenario,
           connections: int) -> None:
    """Tim Admin's queue back to the page it was prepared with, and the tables vacuumed: every
    round's inbox then meets the same queue. Without this each round's write endpoints left
    2,000–4,000 more verifications in the queue, and the stage list the inbox reads scans them
    all; this machine's PostgreSQL runs without autovacuum, so their dead rows stayed too.
    The surplus is completed through the API, as an officer would."""
    surplus = open_verifications(url, leaving=kept)
    if surplus:
        print(f"  settling: completing {len(surplus):,} verifications the round left ...",
              file=sys.stderr, flush=True)
        completion.ids = surplus
        wrk(server.port, completion, len(surplus) // SETTLE_RATE + 1, connections)
    for task_id in open_verifications(url, leaving=kept):  # what wrk's run did not reach
        status, body, _ = call(server.port, "POST", completion.path % task_id,
                               completion.body, completion.headers)
        # 404: a worker finished it after wrk had gone (a request wrk left in flight is still
        # served); the queue is checked below either way.
        if status not in (200, 404):
            raise SystemExit(f"verification {task_id} could not be completed: {status} "
                             f"{body[:300]!r}")
    queue = open_verifications(url)
    assert set(queue) == kept, f"the queue holds {len(queue)}, not {len(kept)}"
    vacuum(url)


def vacuum(url: str) -> None:
    """VACUUM ANALYZE the tables of the benchmark's own schema (not the whole database, which
    the test suite may be using)."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        tables = conn.scalars(text(
            "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema()"))
        conn.execute(text(f"VACUUM ANALYZE {', '.join(tables)}"))
    engine.dispose()


def prepare(url: str) -> dict[str, str]:
    """Fill Tim Admin's inbox to a full page and give one complaint a long timeline, through
    the engine's own commands; the tracked complaint's code and secret."""
    from datetime import datetime

    from common import build_services
    from sqlalchemy import func, select

    from engine.accounts.signin import actor_for
    from engine.accounts.tables import User
    from engine.calendar.working_days import WIB
    from engine.clock import FixedClock
    from engine.complaints.intake import Intake, submit_complaint
    from engine.complaints.reporter import deliver_reply
    from engine.complaints.tables import HumanTask
    from engine.complaints.tasks import complete_task
    from engine.domain import REPORTER

    clock = FixedClock(datetime.now(WIB))
    services = build_services(url, clock)
    rt = services.runtime

    def actor(username: str):  # type: ignore[no-untyped-def]
        with services.uow() as uow:
            user = uow.session.scalars(select(User).where(User.username == username)).one()
            return actor_for(user)

    def task_of(complaint_id: int, spec: str) -> str:
        with services.uow() as uow:
            return str(uow.session.scalars(select(HumanTask.id).where(
                HumanTask.complaint_id == complaint_id, HumanTask.spec_name == spec)).one())

    intake = Intake(title="Antrean puskesmas", description=BODY["description"], anonim=True,
                    category="4")
    receipt = submit_complaint(services.uow(), rt, intake, REPORTER)
    admin, liaison = actor("tim-admin"), actor("penghubung-dinkes")
    clock.advance(minutes=30)
    complete_task(services.uow(), rt, task_of(receipt.complaint_id, "verifikasi"),
                  {"decision": "forward", "opd": "DINKES", "jenis": "pengaduan", "reason": ""},
                  admin)
    for turn in range(FOLLOW_UPS):
        clock.advance(hours=3)
        complete_task(services.uow(), rt, task_of(receipt.complaint_id, "tanggapi"), {
            "outcome": "answered",
            "response": f"Tindak lanjut ke-{turn + 1}: jadwal dokter sudah kami tambah."},
            liaison)
        if turn < FOLLOW_UPS - 1:
            clock.advance(hours=1)
            deliver_reply(services.uow(), rt, receipt.tracking_code,
                          "Terima kasih, tetapi antrean masih panjang pagi ini.", REPORTER,
                          "belum")
    while True:
        with services.uow() as uow:
            open_verifications = uow.session.scalar(select(func.count()).select_from(
                HumanTask).where(HumanTask.spec_name == "verifikasi"))
        if open_verifications > INBOX_PAGE:
            break
        clock.advance(minutes=1)
        submit_complaint(services.uow(), rt, intake, REPORTER)
    services.db.dispose()
    return {"tracking_code": receipt.tracking_code, "secret": receipt.secret}


def inbox_rows(port: int, cookie: str) -> int:
    """How many task cards Tim Admin's inbox page renders."""
    status, body, _ = call(port, "GET", "/petugas/", headers={"Cookie": cookie})
    assert status == 200, status
    return len(TASK_ROW.findall(body))


def scenarios(port: int, tracked: dict[str, str]) -> tuple[list[Scenario], int]:
    """Every endpoint (completion last, on the tasks the submission runs created), and the
    number of rows the inbox renders."""
    officer = login_cookie(port, "tim-admin", "alur-demo")
    reporter = tracking_cookie(port, tracked["tracking_code"], tracked["secret"])
    token = api_token(port, "tim-admin", "alur-demo")
    json_type = {"Content-Type": "application/json"}
    rows = inbox_rows(port, officer)
    return [
        Scenario("floor: GET /healthz", "GET", "/healthz", {}),
        # One query and a small JSON answer: what any page that reads the database starts from.
        Scenario("one query: GET /api/v1/opds", "GET", "/api/v1/opds", {}),
        Scenario("tracking page (reporter)", "GET", f"/lacak/{tracked['tracking_code']}",
                 {"Cookie": reporter}),
        Scenario("tracking (API, with secret)", "GET",
                 f"/api/v1/complaints/{tracked['tracking_code']}",
                 {"X-Complaint-Secret": tracked["secret"]}),
        Scenario(f"inbox page (tim admin, {rows} rows)", "GET", "/petugas/",
                 {"Cookie": officer}),
        Scenario("public submission (API)", "POST", "/api/v1/complaints", json_type,
                 json.dumps(BODY)),
        Scenario("task completion (API)", "POST", "/api/v1/tasks/%s/complete",
                 {**json_type, "Authorization": f"Bearer {token}"}, json.dumps(VERIFY),
                 ids=[]),  # filled after the submissions ran
    ], rows


class Sample(NamedTuple):
    """One wrk run of one endpoint: requests/s, latency (ms), errors, CPU per request (ms)."""

    rate: float
    p50: float
    p95: float
    p99: float
    slowest: float
    errors: int
    cpu: float
    pg_cpu: float


def run_scenario(server: Server, url: str, scenario: Scenario, submission: Scenario,
                 seconds: float, connections: int, kept: frozenset[str]) -> Sample:
    """One wrk run of ``scenario``; completion first gets the tasks of a submission run (and
    leaves the ``kept`` ones, the inbox's page, alone)."""
    port = server.port
    if scenario.ids is not None:
        # Twice the tasks the submission run made, so completion never runs dry.
        wrk(port, submission, seconds, connections)
        scenario.ids = open_verifications(url, leaving=kept)
        # The tables the completion writes grew by thousands of rows since their statistics
        # were taken (this machine's PostgreSQL has no autovacuum to notice); a completion
        # planned on the old ones read at half the rate of the rounds after a vacuum.
        vacuum(url)
    cpu_before, pg_before = server.worker_cpu_seconds(), postgres_cpu_seconds()
    result = wrk(port, scenario, seconds, connections)
    cpu = (server.worker_cpu_seconds() - cpu_before) / max(1, result["requests"])
    pg_cpu = (postgres_cpu_seconds() - pg_before) / max(1, result["requests"])
    ok = result["requests"] - result["status_errors"]
    return Sample(ok / (result["duration_us"] / 1e6), result["p50_us"] / 1000,
                  result["p95_us"] / 1000, result["p99_us"] / 1000, result["max_us"] / 1000,
                  int(result["status_errors"] + result["socket_errors"]), cpu * 1000,
                  pg_cpu * 1000)


def planned_scenarios(server: Server, tracked: dict[str, str]) -> tuple[list[Scenario],
                                                                         Scenario]:
    """The endpoints as ``scenarios`` gives them (the inbox checked full), and the submission."""
    planned, inbox = scenarios(server.port, tracked)
    assert inbox == INBOX_PAGE, f"the inbox rendered {inbox} rows, not a full page"
    return planned, next(s for s in planned if s.name.startswith("public submission"))


@dataclass
class Side:
    """One checkout served for measurement: its server, database, scenarios and the
    verifications on its inbox's page as prepared."""

    server: Server
    url: str
    planned: list[Scenario]
    submission: Scenario
    kept: frozenset[str]

    def run(self, scenario: Scenario, seconds: float, connections: int) -> Sample:
        return run_scenario(self.server, self.url, scenario, self.submission, seconds,
                            connections, self.kept)

    def settle(self, connections: int) -> None:
        completion = next(scenario for scenario in self.planned if scenario.ids is not None)
        settle(self.server, self.url, self.kept, completion, connections)


def serve(root: Path, url: str, workers: int) -> Side:
    """The checkout at ``root`` on ``url``: its data made ready, then served by gunicorn."""
    tracked = ready_database(url, root)
    kept = frozenset(open_verifications(url))
    server = Server(url, workers, root)
    try:
        return Side(server, url, *planned_scenarios(server, tracked), kept)
    except BaseException:
        server.stop()
        raise


def measure(side: Side, seconds: float, connections: int, rounds: int) -> list[list[str]]:
    """Each round measures the floor, then every endpoint; the ratios are per round (so a
    neighbour's load weighs on both sides) and their median is reported with their range."""
    # Per endpoint and round: the run, its × floor, and the floor's CPU as a share of its CPU.
    found: dict[str, list[tuple[Sample, float, float]]] = {}
    for turn in range(rounds):
        if turn:
            side.settle(connections)
        floor: Sample | None = None
        for scenario in side.planned:
            sample = side.run(scenario, seconds, connections)
            floor = floor or sample
            found.setdefault(scenario.name, []).append(
                (sample, sample.rate / floor.rate, floor.cpu / sample.cpu))
    rows: list[list[str]] = []
    for name, runs in found.items():
        ratios = [ratio for _, ratio, _ in runs]
        rows.append([name, f"{statistics.median(run.rate for run, _, _ in runs):.1f}",
                     f"{statistics.median(run.p50 for run, _, _ in runs):.1f}",
                     f"{statistics.median(run.p95 for run, _, _ in runs):.1f}",
                     f"{statistics.median(run.p99 for run, _, _ in runs):.1f}",
                     f"{max(run.slowest for run, _, _ in runs):.1f}",
                     f"{statistics.median(ratios):.3f}",
                     f"{min(ratios):.3f}–{max(ratios):.3f}",
                     f"{statistics.median(run.cpu for run, _, _ in runs):.2f}",
                     f"{statistics.median(share for _, _, share in runs):.3f}",
                     f"{statistics.median(run.pg_cpu for run, _, _ in runs):.2f}",
                     str(sum(run.errors for run, _, _ in runs))])
    return rows


def measure_pair(this: Side, other: Side, seconds: float, connections: int,
                 rounds: int) -> list[list[str]]:
    """Every endpoint on both sides in turn (the other first in odd rounds); per endpoint each
    side's median worker CPU and req/s, and the median and range of this/other CPU per round."""
    found: dict[str, list[tuple[Sample, Sample]]] = {}
    for turn in range(rounds):
        for side in (this, other) if turn else ():
            side.settle(connections)
        for scenario, their_scenario in zip(this.planned, other.planned, strict=True):
            if turn % 2 == 0:
                ours = this.run(scenario, seconds, connections)
                theirs = other.run(their_scenario, seconds, connections)
            else:
                theirs = other.run(their_scenario, seconds, connections)
                ours = this.run(scenario, seconds, connections)
            found.setdefault(scenario.name, []).append((ours, theirs))
    rows: list[list[str]] = []
    for name, pairs in found.items():
        ratios = [ours.cpu / theirs.cpu for ours, theirs in pairs]
        rows.append([name, f"{statistics.median(theirs.cpu for _, theirs in pairs):.2f}",
                     f"{statistics.median(ours.cpu for ours, _ in pairs):.2f}",
                     f"{statistics.median(ratios):.3f}", f"{min(ratios):.3f}–{max(ratios):.3f}",
                     f"{statistics.median(theirs.rate for _, theirs in pairs):.1f}",
                     f"{statistics.median(ours.rate for ours, _ in pairs):.1f}",
                     str(sum(ours.errors + theirs.errors for ours, theirs in pairs))])
    return rows


def ready_database(url: str, root: Path) -> dict[str, str]:
    """Demo data loaded by the checkout at ``root``, then the busy inbox and long timeline."""
    env = {**os.environ, "ALUR_DATABASE_URL": url, "PYTHONPATH": str(root)}
    subprocess.run([sys.executable, "-m", "webui.cli", "demo"], cwd=root, env=env,
                   check=True, stdout=subprocess.DEVNULL)
    tracked = prepare(url)
    vacuum(url)  # the first round starts from statistics as the later ones do (settle)
    return tracked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("seconds", nargs="?", type=float, default=20.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3,
                        help="floor and endpoints measured this many times, in turn")
    parser.add_argument("--workers", type=int, default=2,
                        help="gunicorn sync workers (2: the issue's measurement; the deployment "
                             "guide's is about 2 x cores + 1)")
    parser.add_argument("--against", type=Path, metavar="DIR",
                        help="another checkout (same schema) to measure beside this one")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk (make bench-deps)")
    seconds, rounds = (4.0, 1) if args.quick else (args.seconds, args.rounds)
    # Pages are measured here, not sign-in: no demo account gets a second factor to type.
    os.environ["ALUR_TOTP_REQUIRED_ROLES"] = ""
    if args.against is not None:
        _main_pair(args.against.resolve(), args.workers, seconds, args.connections, rounds)
        return
    with bench_database("postgresql") as url:
        side = serve(ROOT, url, args.workers)
        try:
            rows = measure(side, seconds, args.connections, rounds)
            memory = side.server.worker_peak_mb()
        finally:
            side.server.stop()
    print(table(f"HTTP: gunicorn {args.workers} sync workers, wrk {THREADS} threads × "
                f"{args.connections} connections, {seconds:g} s each, {rounds} rounds (medians; "
                "req/s counts successful responses; slowest is the slowest request of all "
                "rounds; × floor is the median of each round's "
                "ratio; worker CPU is the gunicorn workers' user+system time per request, "
                "floor/CPU the floor's share of it; PostgreSQL CPU is its processes' time "
                f"per request on the same cores; Tim Admin's queue held {len(side.kept)} open "
                "verifications at every inbox run, what the write endpoints added completed "
                "between rounds)",
                ["endpoint", "req/s", "p50 ms", "p95 ms", "p99 ms", "slowest ms", "× floor",
                 "range", "worker CPU ms",
                 "floor/CPU", "PostgreSQL CPU ms", "errors"], rows))
    print(f"peak memory per worker (VmHWM, MB): {', '.join(f'{m:.0f}' for m in memory)}")


def _main_pair(other_root: Path, workers: int, seconds: float, connections: int,
               rounds: int) -> None:
    with bench_database("postgresql") as url, bench_database("postgresql", "_b") as other_url:
        sides: list[Side] = []
        try:
            for root, side_url in ((ROOT, url), (other_root, other_url)):
                sides.append(serve(root, side_url, workers))
            rows = measure_pair(sides[0], sides[1], seconds, connections, rounds)
        finally:
            for side in sides:
                side.server.stop()
    print(table(f"HTTP, this checkout ({ROOT}) against {other_root}: gunicorn {workers} sync "
                f"workers each, wrk {THREADS} threads × {connections} connections, {seconds:g} s "
                f"per endpoint and side, {rounds} rounds, the order swapped every round "
                "(medians; this/other is the ratio of worker CPU per request in each round)",
                ["endpoint", "other CPU ms", "this CPU ms", "this/other", "range",
                 "other req/s", "this req/s", "errors"], rows))


if __name__ == "__main__":
    main()
