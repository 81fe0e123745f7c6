#!/usr/bin/env bash
# Bring Alur's production set-up up on this machine, smoke-test it over HTTP, take it down.
#
#   PostgreSQL (a throw-away database alur_smoke_<pid>) -> `alur db upgrade` -> `alur demo`
#   -> gunicorn `webui:create_app()` with 2 workers on a free localhost port
#   -> one `alur worker` in the background -> HTTP checks -> everything stopped, database dropped.
#
# Exit code 0 only when every check passed. Bounded in time (SMOKE_DEADLINE seconds, default 180).
# Environment: PG_HOST (127.0.0.1), PG_PORT (5432), PG_USER (current user; trust auth), VENV (.venv).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
BIN="$VENV/bin"
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-5432}"
PG_USER="${PG_USER:-$(id -un)}"
DEADLINE="${SMOKE_DEADLINE:-180}"
DB="alur_smoke_$$"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/alur-smoke.XXXXXX")"
GUNICORN_PID=""
WORKER_PID=""
START=$SECONDS
FAILED=0

say()  { printf '[%4ss] %s\n' "$((SECONDS - START))" "$*"; }
fail() { say "FAIL: $*"; FAILED=1; }
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres "$@"; }

stop_pid() {  # stop_pid PID NAME: TERM, wait up to 15 s, then KILL
  local pid="$1" name="$2" i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then say "$name did not stop; killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc="${1:-$?}"
  trap - EXIT INT TERM
  say "taking everything down"
  stop_pid "$WORKER_PID" "alur worker"
  stop_pid "$GUNICORN_PID" "gunicorn"
  psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 \
    || say "could not drop database $DB"
  if [ "$rc" -ne 0 ] || [ "$FAILED" -ne 0 ]; then
    for log in "$WORK"/*.log; do [ -f "$log" ] && { echo "---- $(basename "$log") (last 40 lines)"; tail -n 40 "$log"; }; done
  fi
  rm -rf "$WORK"
  if [ "$rc" -eq 0 ] && [ "$FAILED" -eq 0 ]; then say "smoke test PASSED"; exit 0; fi
  say "smoke test FAILED"; exit 1
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# A watchdog: the whole run is bounded even if something hangs.
( sleep "$DEADLINE" & nap=$!; trap 'kill $nap 2>/dev/null; exit 0' TERM; wait $nap
  echo "smoke test exceeded ${DEADLINE}s" >&2; kill -TERM $$ 2>/dev/null ) &
WATCHDOG=$!
trap 'rc=$?; kill $WATCHDOG 2>/dev/null || true; cleanup $rc' EXIT

for tool in psql curl "$BIN/gunicorn" "$BIN/alur" "$BIN/python"; do
  command -v "$tool" >/dev/null 2>&1 || { say "missing: $tool"; exit 1; }
done

export ALUR_DATABASE_URL="postgresql+psycopg://$PG_USER@$PG_HOST:$PG_PORT/$DB"
export ALUR_UPLOADS_DIR="$WORK/uploads"
export ALUR_SECRET_KEY="smoke-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export ALUR_WORKER_INTERVAL=1
export ALUR_PUBLIC_URL="http://127.0.0.1"
unset ALUR_NOW
# Run from the checkout itself, whatever state its editable install is in.
cd "$ROOT"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"

say "creating database $DB on $PG_HOST:$PG_PORT"
psql_admin -c "CREATE DATABASE $DB"

t=$SECONDS; say "alur db upgrade"
"$BIN/alur" db upgrade > "$WORK/upgrade.log" 2>&1 || { cat "$WORK/upgrade.log"; exit 1; }
say "  migrated in $((SECONDS - t))s"
t=$SECONDS; say "alur demo"
"$BIN/alur" demo > "$WORK/demo.log" 2>&1 || { cat "$WORK/demo.log"; exit 1; }
say "  demo data in $((SECONDS - t))s"

PORT="$("$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
t=$SECONDS; say "gunicorn (2 workers) on $BASE"
"$BIN/gunicorn" --chdir "$ROOT" --workers 2 --bind "127.0.0.1:$PORT" --timeout 60 \
  --access-logfile "$WORK/access.log" --error-logfile "$WORK/gunicorn.log" 'webui:create_app()' &
GUNICORN_PID=$!
say "alur worker"
"$BIN/alur" worker > "$WORK/worker.log" 2>&1 &
WORKER_PID=$!

for i in $(seq 1 120); do
  curl -fsS --max-time 2 "$BASE/healthz" >/dev/null 2>&1 && break
  kill -0 "$GUNICORN_PID" 2>/dev/null || { say "gunicorn exited"; exit 1; }
  sleep 0.5
done
say "  web up in $((SECONDS - t))s"

# ---- checks -------------------------------------------------------------------------------
HTTP_T=$SECONDS
"$BIN/python" - "$BASE" <<'PY' || FAILED=1
import json, sys, time, urllib.error, urllib.request

base = sys.argv[1]
failures = []

def call(method, path, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=15) as resp:
            return resp.status, resp.read().decode("utf-8", "replace"), resp.headers
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace"), err.headers

def check(name, ok, detail=""):
    print(f"  {'ok  ' if ok else 'FAIL'} {name}" + (f" ({detail})" if detail and not ok else ""))
    if not ok:
        failures.append(name)

status, body, _ = call("GET", "/healthz")
check("GET /healthz is 200 ok", status == 200 and "ok" in body, f"{status} {body[:200]}")
for _ in range(40):  # the worker's first sweep writes the heartbeat readiness asks for
    status, body, _ = call("GET", "/readyz")
    if status == 200:
        break
    time.sleep(0.25)
check("GET /readyz is 200 (database, migrations, worker, outbox)", status == 200,
      f"{status} {body[:300]}")
status, body, _ = call("GET", "/metrics")
check("GET /metrics from this machine is Prometheus text", status == 200
      and "alur_worker_last_sweep_age_seconds" in body, f"{status} {body[:200]}")
status, _, _ = call("GET", "/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
check("GET /metrics passed on by a proxy is refused", status == 403, f"{status}")
status, body, headers = call("GET", "/")
check("GET / (portal home) is 200 HTML", status == 200 and "LAPOR" in body
      and "text/html" in headers.get("Content-Type", ""), f"{status}")
status, body, _ = call("GET", "/lapor")
check("GET /lapor (the form) is 200", status == 200, f"{status}")
status, _, _ = call("GET", "/static/css/alur.css")
check("GET /static/css/alur.css is 200", status == 200, f"{status}")

complaint = {"title": "Uji asap: lampu jalan mati",
             "description": "Lampu jalan di depan kantor camat mati sejak tiga hari yang lalu.",
             "anonim": True}  # JSON carries no file: a named report needs the ID copy
status, body, _ = call("POST", "/api/v1/complaints", complaint)
check("POST /api/v1/complaints is 201", status == 201, f"{status} {body[:300]}")
code = secret = None
if status == 201:
    answer = json.loads(body)
    code, secret = answer.get("tracking_code"), answer.get("secret")
    check("the answer has tracking_code and secret", bool(code and secret), body[:300])
if code and secret:
    status, body, _ = call("GET", f"/api/v1/complaints/{code}", headers={"X-Complaint-Secret": secret})
    check("GET /api/v1/complaints/<code> with the secret is 200", status == 200
          and code in body and "lampu jalan" in body.lower(), f"{status} {body[:300]}")
    status, _, _ = call("GET", f"/api/v1/complaints/{code}", headers={"X-Complaint-Secret": "wrong"})
    check("the same with a wrong secret is 404", status == 404, f"{status}")

status, body, _ = call("POST", "/api/v1/auth/token", {"username": "tim-admin", "password": "alur-demo"})
check("POST /api/v1/auth/token as tim-admin without the second factor is 401", status == 401,
      f"{status} {body[:300]}")
import pyotp  # the demo accounts' authenticator secret, as a trainer's phone holds it
from engine.settings import Settings
second_factor = pyotp.TOTP(Settings.from_env().demo_totp_secret).now()
status, body, _ = call("POST", "/api/v1/auth/token", {"username": "tim-admin", "password": "alur-demo",
                                                      "code": second_factor})
check("POST /api/v1/auth/token as tim-admin with its code is 201", status == 201 and "token" in body,
      f"{status} {body[:300]}")
if status == 201:
    token = json.loads(body)["token"]
    auth = {"Authorization": f"Bearer {token}"}
    status, body, _ = call("GET", "/api/v1/tasks", headers=auth)
    check("GET /api/v1/tasks with the token is 200", status == 200, f"{status} {body[:300]}")
    check("the new complaint waits for Tim Admin", bool(code) and code in body, body[:300])
    status, _, _ = call("DELETE", "/api/v1/auth/token", headers=auth)
    check("DELETE /api/v1/auth/token revokes it", status in (200, 204), f"{status}")
status, _, _ = call("POST", "/api/v1/auth/token", {"username": "tim-admin", "password": "salah"})
check("a wrong password is 401", status == 401, f"{status}")

sys.exit(1 if failures else 0)
PY
say "  HTTP checks in $((SECONDS - HTTP_T))s"

if kill -0 "$WORKER_PID" 2>/dev/null && grep -q "sweeping" "$WORK/worker.log"; then
  say "  ok   alur worker is running"
else
  fail "alur worker is not running"
fi
kill -0 "$GUNICORN_PID" 2>/dev/null || fail "gunicorn died"
if grep -q "Traceback" "$WORK/gunicorn.log" "$WORK/worker.log"; then fail "a traceback in the logs"; fi

[ "$FAILED" -eq 0 ] || exit 1
