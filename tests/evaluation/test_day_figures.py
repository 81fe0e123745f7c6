"""The dashboard's per-day figures, kept by triggers on ``complaint``, equal plain counts."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import delete, select, text

from engine.calendar.periods import Period, parse_period
from engine.calendar.working_days import WIB
from engine.complaints.demo import load_demo
from engine.complaints.durations import FOLLOW_UP_DAYS, SERVICE_DAYS, VERIFY_DAYS
from engine.complaints.tables import Complaint
from engine.db import Base
from engine.evaluation import day_figures, stats
from engine.evaluation.figures import median, percentile
from engine.evaluation.summary import evaluate
from engine.evaluation.tables import ComplaintDayFigure
from tests.walk import Walk
from webui.wiring import Services

PERIODS = ("2026-01", "2026-02", "2026-03", "2026-Q1", "2026")


@pytest.fixture
def demo(services: Services) -> list[Complaint]:
    """The demo's complaints, moved through their stages by the engine's own commands."""
    list(load_demo(services.uow, services.runtime, "alur-demo"))
    with services.uow() as uow:
        found = list(uow.session.scalars(select(Complaint)))
        uow.session.expunge_all()
    return found


def _day(instant: Any) -> Any:
    return instant.astimezone(WIB).date()


def _cohort(complaints: list[Complaint], period: Period) -> list[Complaint]:
    return [c for c in complaints if period.first_day <= _day(c.received_at) < period.end_day]


def _stage(name: str, values: list[int | None]) -> tuple[Any, ...]:
    histogram = Counter(v for v in values if v is not None)
    return (name, sum(histogram.values()), median(histogram), percentile(histogram, 90))


def _plain_sla(group: list[Complaint]) -> stats.SlaSummary:
    def n(test: Any) -> int:
        return sum(1 for c in group if test(c))

    return stats.SlaSummary(
        len(group), n(lambda c: c.verify_working_days is not None),
        n(lambda c: c.verify_working_days is not None and c.verify_working_days <= VERIFY_DAYS),
        n(lambda c: c.disposed_at is not None),
        n(lambda c: c.follow_up_working_days is not None),
        n(lambda c: c.follow_up_working_days is not None
          and c.follow_up_working_days <= FOLLOW_UP_DAYS),
        n(lambda c: c.closed_at is not None), n(lambda c: c.status == "selesai"),
        n(lambda c: c.service_working_days is not None),
        n(lambda c: c.service_working_days is not None
          and c.service_working_days <= SERVICE_DAYS))


def _assert_plain(services: Services, complaints: list[Complaint]) -> None:
    with services.uow() as uow:
        for code in PERIODS:
            period = parse_period(code)
            cohort = _cohort(complaints, period)
            counts = stats.period_counts(uow.session, period)
            for name, column in stats.DIMENSIONS.items():
                got = {count.code: count.count for count in counts.by[name]}
                assert got == dict(Counter(getattr(c, column.key) for c in cohort)), (code, name)
            assert [(s.stage, s.count, s.median, s.p90) for s in counts.stages] == [
                _stage("verifikasi", [c.verify_working_days for c in cohort]),
                _stage("tindak_lanjut", [c.follow_up_working_days for c in cohort]),
                _stage("penyelesaian", [c.close_working_days for c in cohort
                                        if c.status == "selesai"]),
                _stage("pelayanan", [c.service_working_days for c in cohort])]
            assert counts.per_day == dict(Counter(_day(c.received_at) for c in cohort))
            by_opd: dict[str | None, list[Complaint]] = {}
            for c in cohort:
                by_opd.setdefault(c.opd_code, []).append(c)
            assert stats.sla_by_opd(uow.session, period) == {
                opd: _plain_sla(group) for opd, group in by_opd.items()}
            # Every outcome is in the survey's population, not only selesai.
            resolved = Counter(c.opd_code for c in complaints
                               if c.closed_at and period.start <= c.closed_at < period.end)
            assert stats.resolved_population(uow.session, period) == dict(resolved)


def _figures(services: Services) -> set[tuple[Any, ...]]:
    with services.uow() as uow:
        rows = uow.session.execute(select(ComplaintDayFigure.day, ComplaintDayFigure.figure,
                                          ComplaintDayFigure.value, ComplaintDayFigure.n))
        return {(str(day), figure, value, n) for day, figure, value, n in rows if n}


def _recounted(services: Services) -> set[tuple[Any, ...]]:
    """The figures recounted from scratch, leaving the table as it was."""
    with services.db.connect() as conn:
        transaction = conn.begin()
        day_figures.rebuild(conn)
        rows = conn.execute(text("SELECT day, figure, value, n FROM complaint_day_figure"))
        found = {(str(day), figure, value, n) for day, figure, value, n in rows if n}
        transaction.rollback()
    return found


def test_dashboard_figures_equal_plain_counts_of_the_demo(services: Services,
                                                          demo: list[Complaint]) -> None:
    assert {c.status for c in demo} >= {"diterima", "didisposisikan", "selesai", "diarsipkan"}
    _assert_plain(services, demo)
    assert _figures(services) == _recounted(services)  # the triggers kept what a recount finds
    with services.uow() as uow:  # and the dashboard shows them
        march = evaluate(uow.session, parse_period("2026-Q1"), services.runtime.clock())
    assert sum(march.per_day.values()) == len(_cohort(demo, parse_period("2026-Q1")))


def test_changes_and_deletions_move_only_their_figures(services: Services,
                                                       demo: list[Complaint]) -> None:
    closed = next(c for c in demo if c.status == "selesai")
    waiting = next(c for c in demo if c.status == "diterima")
    with services.uow() as uow:
        moved = uow.session.get(Complaint, waiting.id)
        assert moved is not None
        moved.status, moved.opd_code = "didisposisikan", "DINSOS"
        moved.received_at -= timedelta(days=40)  # into another month
        moved.verify_working_days, moved.disposed_at = 2, moved.received_at
        touched = uow.session.get(Complaint, closed.id)
        assert touched is not None
        touched.title = "Judul diperbaiki"  # counts nothing: no figure moves
        uow.commit()
    with services.uow() as uow:
        for table in reversed(Base.metadata.sorted_tables):  # what refers to it goes first
            if any(fk.column.table.name == "complaint" for fk in table.foreign_keys):
                uow.session.execute(delete(table).where(table.c.complaint_id == closed.id))
        uow.session.execute(delete(Complaint).where(Complaint.id == closed.id))
        uow.commit()
        complaints = list(uow.session.scalars(select(Complaint)))
        uow.session.expunge_all()
    assert _figures(services) == _recounted(services)
    _assert_plain(services, complaints)


def _shuffled(complaint: Complaint, chance: random.Random, seen: dict[str, list[Any]]) -> None:
    """Give some of ``complaint``'s counted columns another value the demo has (or none)."""
    for column in chance.sample(sorted(seen), k=chance.randint(1, 5)):
        setattr(complaint, column, chance.choice(seen[column]))
    if chance.random() < 0.3:  # into another day, or another month
        complaint.received_at += timedelta(days=chance.choice((-40, -1, 1, 3)))
    if chance.random() < 0.3:
        complaint.closed_at = (None if complaint.closed_at else
                               complaint.received_at + timedelta(days=chance.randint(0, 30)))


def test_every_change_to_a_counted_column_keeps_the_figures_exact(
        services: Services, demo: list[Complaint]) -> None:
    # Changes of several counted columns at once, to and from nothing, across days, and one
    # complaint changed twice in one transaction: the figures stay what a recount finds.
    counted = (*day_figures.DIMENSIONS.values(), "verify_working_days",
               "follow_up_working_days", "close_working_days", "service_working_days",
               "disposed_at")
    seen: dict[str, list[Any]] = {}
    for column in counted:
        values = {getattr(c, column) for c in demo}
        if Complaint.__table__.c[column].nullable:
            values.add(None)
        seen[column] = sorted(values, key=repr)
    chance = random.Random(16)
    for _ in range(4):
        with services.uow() as uow:
            for picked in chance.sample([c.id for c in demo], k=8):
                complaint = uow.session.get(Complaint, picked)
                assert complaint is not None
                _shuffled(complaint, chance, seen)
                if chance.random() < 0.5:  # a second change of the same row, same transaction
                    uow.session.flush()
                    _shuffled(complaint, chance, seen)
            uow.commit()
        assert _figures(services) == _recounted(services)


def test_the_triggers_are_installed_at_head(services: Services) -> None:
    # A migration that makes SQLite copy the complaint table drops them: install() again.
    dialect = services.db.dialect.name
    query = ("SELECT name FROM sqlite_master WHERE type = 'trigger'" if dialect == "sqlite"
             else "SELECT tgname FROM pg_trigger WHERE tgrelid = 'complaint'::regclass")
    with services.db.connect() as conn:
        names = set(conn.execute(text(query)).scalars())
    assert set(day_figures.TRIGGERS) <= names


def test_counts_land_in_their_schema_whatever_the_search_path(services: Services,
                                                              walk: Walk) -> None:
    if services.db.dialect.name != "postgresql":
        pytest.skip("schemas and search_path are PostgreSQL's")
    code = walk.file().tracking_code
    with services.db.begin() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
        conn.execute(text("SET LOCAL search_path TO public"))  # e.g. an operator's psql
        conn.execute(text(f"UPDATE {schema}.complaint SET status = 'diarsipkan', "
                          "closed_at = received_at WHERE tracking_code = :code"), {"code": code})
    assert _figures(services) == _recounted(services)
    assert ("diarsipkan", 1) in {(v, n) for _, figure, v, n in _figures(services)
                                 if figure == "status"}
