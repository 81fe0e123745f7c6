"""What PostgreSQL's CPU per write goes to: a submission's and a completion's cost to the
server, with its tables' secondary indexes as deployed and dropped.

    python bench/pg_writes.py [N] [--rounds R] [--quick]

The same app and data as bench/pages.py (PostgreSQL, in-process). Per variant and round it
prints the CPU time PostgreSQL's processes spent per request (user + system, from /proc: the
server's share of the machine's cores) and this process's own CPU per request. The variants
are applied in turn to one database, each keeping the one before:

- as deployed;
- the complaint table's secondary indexes dropped (its primary key and unique rules kept);
- also every secondary index of the other tables a write touches (audit log, outbox, tasks,
  instances).

The drops are an experiment on a throw-away database: they tell how much of the server's work
per write is keeping indexes, not which indexes the reading pages can do without
(bench/queries.py measures those reads).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any

from common import BENCH, table
from sqlalchemy import text

sys.path.append(str(BENCH))  # last: bench/ must not shadow packages (common.py explains)
from http_load import postgres_cpu_seconds  # noqa: E402
from pages import loaded_pages  # noqa: E402

_OTHER_TABLES = ("audit_log", "outbox", "human_task", "process_instance")
# Only the benchmark's own schema (its search path's first): the database holds others.
_SECONDARY = text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
                  "AND tablename = ANY(:tables) AND indexname LIKE 'ix\\_%' "
                  "AND indexname <> 'ix_complaint_submission_token'")


def _drop_secondary(db: Any, tables: tuple[str, ...]) -> int:
    """Drop the tables' declared non-unique indexes; how many there were."""
    with db.begin() as connection:
        names = connection.execute(_SECONDARY, {"tables": list(tables)}).scalars().all()
        for name in names:
            connection.execute(text(f'DROP INDEX "{name}"'))
    return len(names)


def _per_request(call: Callable[[], Any], n: int) -> tuple[float, float]:
    """PostgreSQL's and this process's CPU ms per request over n requests."""
    server, own = postgres_cpu_seconds(), time.process_time()
    for _ in range(n):
        assert call().status_code in (200, 201)
    return ((postgres_cpu_seconds() - server) / n * 1000,
            (time.process_time() - own) / n * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", nargs="?", type=int, default=600, help="requests per measurement")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="60 requests, one round")
    args = parser.parse_args()
    if args.quick:
        args.n, args.rounds = 60, 1
    rows: list[list[str]] = []
    with loaded_pages() as (app, endpoints, refill):
        db = app.extensions["alur"].db
        submit = next(call for name, call in endpoints.items() if "submission" in name)
        complete = next(call for name, call in endpoints.items() if "completion" in name)
        variants: list[tuple[str, Callable[[], int]]] = [
            ("as deployed", lambda: 0),
            ("complaint's secondary indexes dropped", lambda: _drop_secondary(db, ("complaint",))),
            ("and those of audit log, outbox, tasks, instances",
             lambda: _drop_secondary(db, _OTHER_TABLES))]
        for label, apply in variants:
            dropped = apply()
            for number in range(1, args.rounds + 1):
                print(f"  {label}: round {number} of {args.rounds} ...", file=sys.stderr,
                      flush=True)
                submitted = _per_request(submit, args.n)
                refill(args.n + 1)
                completed = _per_request(complete, args.n)
                rows.append([label if number == 1 else "", str(dropped) if number == 1 else "",
                             f"{submitted[0]:.3f}", f"{submitted[1]:.2f}",
                             f"{completed[0]:.3f}", f"{completed[1]:.2f}"])
    print(table(f"PostgreSQL's CPU per write ({args.rounds} rounds of {args.n} requests per "
                "variant; ms per request; /proc ticks are 10 ms, so a figure moves in steps of "
                f"{10 / args.n:.3f})",
                ["variant", "indexes dropped", "submission: PostgreSQL", "app",
                 "completion: PostgreSQL", "app"], rows))


if __name__ == "__main__":
    main()
