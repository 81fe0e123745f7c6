"""HTTP: gunicorn with 2 workers on 127.0.0.1 under load, against the app's own floor.

    python bench/http_load.py [SECONDS] [--clients 8] [--quick]

Serves the app with gunicorn (2 sync workers) on a fresh PostgreSQL schema with demo data,
then drives each endpoint for a bounded time with concurrent keep-alive clients: the trivial
/healthz (the stack's floor), public submission, the inbox page, task completion and the
tracking page. Prints requests/s and p95 for each, the ratio to the floor, and peak memory per
gunicorn worker.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from common import ROOT, bench_database, table

BODY = json.dumps({"title": "Uji beban",
                   "description": "Antrean puskesmas sangat panjang tiap pagi.",
                   "name": "Warga Uji", "phone": "081234567890"})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """gunicorn serving webui:create_app() with settings from the environment."""

    def __init__(self, url: str) -> None:
        self.port = free_port()
        self.env = {**os.environ, "ALUR_DATABASE_URL": url, "ALUR_RATELIMIT_ENABLED": "0",
                    "ALUR_SECRET_KEY": "bench"}
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        self.proc = subprocess.Popen(
            [gunicorn, "-w", "2", "-b", f"127.0.0.1:{self.port}", "webui:create_app()"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def worker_rss_mb(self) -> list[float]:
        out = subprocess.run(["ps", "-o", "pid=,ppid=,rss=", "-e"], capture_output=True,
                             text=True).stdout
        return [int(rss) / 1024 for pid, ppid, rss in (line.split() for line in out.splitlines())
                if int(ppid) == self.proc.pid]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def request(conn: http.client.HTTPConnection, method: str, path: str, body: str | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, bytes, Any]:
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    return response.status, response.read(), response


def drive(port: int, make_request: Callable[[http.client.HTTPConnection, int], int],
          seconds: float, clients: int) -> tuple[float, float, int]:
    """(requests/s, p95 ms, errors) of ``clients`` threads for ``seconds``."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = 0
        while time.monotonic() < stop:
            start = time.perf_counter()
            status = make_request(conn, n * 1_000_000 + i)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                errors[0] += status >= 400
            i += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.monotonic() - began
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] * 1000 if latencies else 0.0
    return len(latencies) / took, p95, errors[0]


def login_cookie(port: int, username: str, password: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    status, body, response = request(conn, "GET", "/petugas/masuk")
    token = re.search(rb'name="csrf_token" value="([^"]+)"', body).group(1).decode()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    form = f"csrf_token={token}&username={username}&password={password}"
    status, _, response = request(conn, "POST", "/petugas/masuk", form, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    return str(response.getheader("Set-Cookie")).split(";")[0]


def api_token(port: int, username: str, password: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    _, body, _ = request(conn, "POST", "/api/v1/auth/token",
                         json.dumps({"username": username, "password": password}),
                         {"Content-Type": "application/json"})
    return str(json.loads(body)["token"])


def submit(port: int) -> dict[str, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    _, body, _ = request(conn, "POST", "/api/v1/complaints", BODY,
                         {"Content-Type": "application/json"})
    return dict(json.loads(body))


def scenarios(port: int, seconds: float) -> dict[str, Callable[[Any, int], int]]:
    cookie = login_cookie(port, "tim-admin", "alur-demo")
    receipt = submit(port)
    token = api_token(port, "tim-admin", "alur-demo")
    conn = http.client.HTTPConnection("127.0.0.1", port)
    # Enough fresh verification tasks for the completion run.
    for _ in range(int(seconds * 40)):
        submit(port)
    _, body, _ = request(conn, "GET", "/api/v1/tasks", headers={"Authorization": f"Bearer {token}"})
    tasks = [t["id"] for t in json.loads(body) if t["name"] == "verifikasi"]
    pending = list(tasks)
    verify = json.dumps({"decision": "archive", "jenis": "pengaduan", "reason": "uji beban"})

    def complete(c: Any, _i: int) -> int:
        if not pending:
            return 599
        task_id = pending.pop()
        return request(c, "POST", f"/api/v1/tasks/{task_id}/complete", verify, {
            "Authorization": f"Bearer {token}", "Content-Type": "application/json"})[0]

    return {
        "floor: GET /healthz": lambda c, i: request(c, "GET", "/healthz")[0],
        "tracking (API, with secret)": lambda c, i: request(
            c, "GET", f"/api/v1/complaints/{receipt['tracking_code']}",
            headers={"X-Complaint-Secret": receipt["secret"]})[0],
        "inbox page (tim admin)": lambda c, i: request(c, "GET", "/petugas/",
                                                         headers={"Cookie": cookie})[0],
        "public submission (API)": lambda c, i: request(
            c, "POST", "/api/v1/complaints", BODY, {"Content-Type": "application/json"})[0],
        "task completion (API)": complete,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("seconds", nargs="?", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    seconds = 4.0 if args.quick else args.seconds
    with bench_database("postgresql") as url:
        env = {**os.environ, "ALUR_DATABASE_URL": url}
        subprocess.run([sys.executable, "-m", "webui.cli", "demo"], cwd=ROOT, env=env,
                       check=True, stdout=subprocess.DEVNULL)
        server = Server(url)
        try:
            rows, floor = [], None
            for name, run in scenarios(server.port, seconds).items():
                rate, p95, errors = drive(server.port, run, seconds, args.clients)
                floor = floor or rate
                rows.append([name, f"{rate:.1f}", f"{p95:.1f}", f"{rate / floor:.2f}",
                             str(errors)])
            memory = server.worker_rss_mb()
        finally:
            server.stop()
    print(table(f"HTTP, gunicorn 2 workers, {args.clients} clients, {seconds:g} s each",
                ["endpoint", "req/s", "p95 ms", "× floor", "errors"], rows))
    print(f"peak RSS per worker (MB, at the end): {', '.join(f'{m:.0f}' for m in memory)}")


if __name__ == "__main__":
    main()
