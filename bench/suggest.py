"""How good and how fast the suggestions are, measured on the labelled corpus.

Loads tests/data/suggest-corpus.csv (made by bench/suggest_corpus.py) into a fresh database:
the training split as verified complaints (Tim Admin's category and OPD), the held-out split as
new ones. Trains the model through the same code the worker runs, then for each held-out report
asks for suggestions and prints top-1/top-3 accuracy for category and OPD (with the model and
with the day-one fallback of keywords + category → OPD table), the duplicate finder's precision
and recall, and the latency of one suggestion — optionally over ``--history N`` more verified,
mostly closed complaints spread over three years (on PostgreSQL with ``--pg``).

  python bench/suggest.py                 # SQLite, corpus only
  python bench/suggest.py --pg --history 100000
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import time
from datetime import timedelta
from itertools import islice

from common import ROOT, bench_database, build_services, wib  # type: ignore[import-not-found]
from sqlalchemy import insert

from engine.clock import FixedClock
from engine.complaints.tables import Complaint
from engine.suggest import service, similar
from engine.suggest.tables import SuggestModel

CORPUS = ROOT / "tests" / "data" / "suggest-corpus.csv"
NOW = "2026-11-02T10:00:00"


def load() -> list[dict[str, str]]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _row(n: int, title: str, body: str, status: str, received, verified,
         category: str | None, opd: str | None) -> dict[str, object]:
    return {"tracking_code": f"BENCH{n:09d}", "secret_hash": "x", "registration_year": 2026,
            "registration_seq": n, "channel": "web", "status": status, "title": title[:150],
            "description": body, "category_code": category, "opd_code": opd,
            "received_at": received, "verified_at": verified, "updated_at": received,
            "anonim": False, "rahasia": False}


def insert_corpus(uow, rows: list[dict[str, str]], now) -> dict[str, int]:
    """The corpus as complaints: training split verified a month ago, the rest new today."""
    ids: dict[str, int] = {}
    with uow() as u:
        for i, r in enumerate(rows):
            train = r["split"] == "train"
            received = now - timedelta(days=30 - i % 25) if train else now - timedelta(hours=2)
            values = _row(i + 1, r["title"], r["description"],
                          "didisposisikan" if train else "diterima", received,
                          received + timedelta(days=1) if train else None,
                          r["category"] if train else None, r["opd"] if train else None)
            ids[r["id"]] = u.session.execute(
                insert(Complaint).values(**values).returning(Complaint.id)).scalar_one()
        u.commit()
    return ids


def insert_history(uow, rows: list[dict[str, str]], count: int, now) -> None:
    """``count`` older verified complaints made of the training texts, over three years."""
    rng = random.Random(7)
    train = [r for r in rows if r["split"] == "train"]
    batch: list[dict[str, object]] = []
    with uow() as u:
        for n in range(count):
            r = rng.choice(train)
            received = now - timedelta(days=rng.uniform(1, 3 * 365))
            status = "selesai" if received < now - timedelta(days=20) else "ditindaklanjuti"
            batch.append(_row(1_000_000 + n, r["title"], r["description"], status, received,
                              received + timedelta(days=2), r["category"], r["opd"]))
            if len(batch) == 5000:
                u.session.execute(insert(Complaint), batch)
                batch.clear()
        if batch:
            u.session.execute(insert(Complaint), batch)
        u.commit()


def accuracy(uow, tests: list[dict[str, str]]) -> dict[str, float]:
    hits = {"category@1": 0, "category@3": 0, "opd@1": 0, "opd@3": 0}
    with uow() as u:
        for r in tests:
            categories, opds, _ = service.rank(u.session, f"{r['title']}. {r['description']}")
            cats = [c.code for c in categories]
            ops = [o.code for o in opds]
            hits["category@1"] += cats[:1] == [r["category"]]
            hits["category@3"] += r["category"] in cats[:3]
            hits["opd@1"] += ops[:1] == [r["opd"]]
            hits["opd@3"] += r["opd"] in ops[:3]
    return {k: v / len(tests) for k, v in hits.items()}


def duplicate_scores(uow, queries: list[dict[str, str]], ids: dict[str, int],
                     rows: list[dict[str, str]], now) -> list[tuple[float, bool]]:
    """For each query, every candidate's score and whether it truly is the same problem."""
    problem_of = {ids[r["id"]]: r["problem"] for r in rows}
    out: list[tuple[float, bool]] = []
    with uow() as u:
        index = similar.place_index(u.session)
        while similar.index_pending(u.session, now, service.classifier(u.session)):
            pass
        for r in queries:
            text = f"{r['title']}. {r['description']}"
            likely = [(c.code, c.score) for c in service.rank(u.session, text)[0]]
            query = similar.describe(index, text, None, likely)
            found = similar.find_similar(u.session, query, similar.CENTRAL, now,
                                         exclude_id=ids[r["id"]], limit=1000, min_score=0.0)
            seen = {s.complaint_id for s in found}
            out += [(s.score, problem_of.get(s.complaint_id) == r["problem"]) for s in found]
            # true duplicates never returned count as misses
            misses = [i for i, p in problem_of.items()
                      if p == r["problem"] and i != ids[r["id"]] and i not in seen]
            out += [(-1.0, True)] * len(misses)
        u.commit()
    return out


def precision_recall(scored: list[tuple[float, bool]], threshold: float) -> tuple[float, float]:
    predicted = [t for s, t in scored if s >= threshold]
    positives = sum(t for _, t in scored)
    tp = sum(predicted)
    return (tp / len(predicted) if predicted else 1.0, tp / positives if positives else 1.0)


def best_threshold(scored: list[tuple[float, bool]], precision: float = 0.92) -> float:
    """The lowest threshold (0.02 steps) whose precision on the training queries reaches
    ``precision``: a wrong "likely duplicate" costs Tim Admin more than a missed one."""
    for step in range(30, 98, 2):
        if precision_recall(scored, step / 100)[0] >= precision:
            return step / 100
    return 0.98


def latency(uow, tests: list[dict[str, str]], now, rounds: int) -> tuple[list[float], list[float]]:
    """Wall-clock and this process's CPU milliseconds per suggestion (the CPU figure does not
    grow when other programs share the machine; the database server's time is not in it)."""
    times: list[float] = []
    cpu: list[float] = []
    with uow() as u:  # the first call loads the model and the places, as a worker's first does
        service.suggest(u.session, "jalan rusak", "jalan rusak parah", None, similar.CENTRAL, now)
        u.commit()
    for r in islice((t for _ in range(rounds) for t in tests), rounds * len(tests)):
        with uow() as u:
            start, start_cpu = time.perf_counter(), time.process_time()
            service.suggest(u.session, r["title"], r["description"], None, similar.CENTRAL, now)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    return times, cpu


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", action="store_true", help="on PostgreSQL (ALUR_BENCH_PG_URL)")
    parser.add_argument("--history", type=int, default=0, help="older complaints to add")
    parser.add_argument("--rounds", type=int, default=2, help="latency rounds over the tests")
    parser.add_argument("--quick", action="store_true", help="one latency round")
    parser.add_argument("--sweep", action="store_true", help="duplicate figures per threshold")
    args = parser.parse_args()
    rows = load()
    train = [r for r in rows if r["split"] == "train"]
    tests = [r for r in rows if r["split"] == "test"]
    now = wib(NOW)
    with bench_database("postgresql" if args.pg else "sqlite") as url:
        services = build_services(url, FixedClock(now))
        uow = services.uow
        ids = insert_corpus(uow, rows, now)
        print(f"corpus: {len(rows)} reports ({len(train)} training, {len(tests)} held out), "
              f"{len({r['category'] for r in rows})} categories, "
              f"{len({r['opd'] for r in rows})} OPDs")
        fallback = accuracy(uow, tests)
        with uow() as u:
            start = time.perf_counter()
            report = service.train(u.session, now)
            u.commit()
        print(f"trained on {report.samples} verified complaints in "
              f"{time.perf_counter() - start:.1f} s")
        model = accuracy(uow, tests)
        print(f"{'':22}{'top-1':>8}{'top-3':>8}")
        for name, figures in (("category, model", model), ("OPD, model", model),
                              ("category, fallback", fallback), ("OPD, fallback", fallback)):
            key = "category" if name.startswith("category") else "opd"
            print(f"{name:22}{figures[key + '@1']:8.1%}{figures[key + '@3']:8.1%}")
        trained = duplicate_scores(uow, train, ids, rows, now)
        tuned = best_threshold(trained)
        held_out = duplicate_scores(uow, tests, ids, rows, now)
        if args.sweep:
            print("  threshold: precision/recall on the training split | held out")
            for step in range(50, 80, 2):
                tp, tr = precision_recall(trained, step / 100)
                sp, sr = precision_recall(held_out, step / 100)
                print(f"  {step / 100:.2f}: {tp:.1%} / {tr:.1%} | {sp:.1%} / {sr:.1%}")
        p, r = precision_recall(held_out, similar.DUPLICATE_SCORE)
        print(f"duplicates (held out, threshold {similar.DUPLICATE_SCORE}): precision {p:.1%}, "
              f"recall {r:.1%}; best threshold on the training split: {tuned}")
        if args.history:
            start = time.perf_counter()
            insert_history(uow, rows, args.history, now)
            with uow() as u:
                service.train(u.session, now)
                u.commit()
            with uow() as u:
                samples = u.session.query(SuggestModel.samples).scalar()
                while similar.index_pending(u.session, now, service.classifier(u.session)):
                    pass
                similar.prune(u.session, now)
                u.commit()
            print(f"history: {args.history} more complaints, retrained on {samples} "
                  f"in {time.perf_counter() - start:.0f} s (with loading)")
        times, cpu = latency(uow, tests, now, 1 if args.quick else args.rounds)
        print(f"latency of one suggestion ({'PostgreSQL' if args.pg else 'SQLite'}, "
              f"{len(times)} calls): median {statistics.median(times):.1f} ms, "
              f"p95 {_p95(times):.1f} ms; CPU of this process: median "
              f"{statistics.median(cpu):.1f} ms, p95 {_p95(cpu):.1f} ms; load average "
              f"{os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
