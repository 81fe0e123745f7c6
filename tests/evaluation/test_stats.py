"""The evaluation's figures on the known data set of March 2026: counts, shares, medians."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from engine.calendar.periods import parse_period
from engine.calendar.store import load_calendar
from engine.evaluation import stats
from tests.walk import wib
from webui.wiring import Services

from .data import KnownData

MARCH = parse_period("2026-03")


@pytest.fixture
def session(services: Services, known: KnownData):  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        yield uow.session


def _counts(session, dimension: str) -> list[tuple[str | None, str, int]]:  # type: ignore[no-untyped-def]
    return [(c.code, c.label, c.count) for c in stats.received_by(session, MARCH, dimension)]


def test_received_by_channel_counts_the_wib_month_only(session) -> None:  # type: ignore[no-untyped-def]
    # 1 March 00:00 WIB and 31 March 23:59 WIB are in; 28 Feb 23:59 and 1 April 00:00 out.
    assert _counts(session, "channel") == [
        ("web", "Situs web", 3), ("sms", "SMS 1708", 2),
        ("mobile", "Aplikasi seluler", 1), ("loket", "Loket (datang langsung)", 1)]


def test_received_by_opd_category_kecamatan_jenis(session) -> None:  # type: ignore[no-untyped-def]
    # Most first; ties by name ("(belum ditentukan)" sorts before letters).
    assert _counts(session, "opd") == [
        ("DINKES", "Dinas Kesehatan", 3), ("DISDIK", "Dinas Pendidikan", 3),
        (None, "(belum ditentukan)", 1)]
    assert [(c, n) for c, _, n in _counts(session, "category")] == [
        ("1", 3), ("4", 3), (None, 1)]
    assert [(c, n) for c, _, n in _counts(session, "kecamatan")] == [
        ("16.11.01", 3), ("16.11.02", 2), (None, 1), ("16.11.03", 1)]
    assert [(c, n) for c, _, n in _counts(session, "jenis")] == [
        ("pengaduan", 5), (None, 1), ("aspirasi", 1)]


def test_status_causes_and_resolutions(session) -> None:  # type: ignore[no-untyped-def]
    assert [(c, n) for c, _, n in _counts(session, "status")] == [
        ("selesai", 3), ("diarsipkan", 1), ("didisposisikan", 1), ("diterima", 1),
        ("ditindaklanjuti", 1)]
    assert _counts(session, "cause") == [
        (None, "(belum ditentukan)", 3),
        ("pelayanan_lambat", "Pelayanan lambat atau melewati waktu", 2),
        ("sarana_rusak", "Sarana atau prasarana rusak", 1),
        ("petugas_tidak_ramah", "Sikap petugas tidak ramah atau tidak profesional", 1)]
    assert [(c, n) for c, _, n in _counts(session, "resolution")] == [
        (None, 3), ("dijelaskan", 2), ("diperbaiki", 2)]


def test_sla_summary_counts_and_shares(session) -> None:  # type: ignore[no-untyped-def]
    sla = stats.sla_summary(session, MARCH)
    assert sla == stats.SlaSummary(received=7, verified=6, verified_in_time=4, disposed=5,
                                   followed_up=4, followed_up_in_time=3, closed=4, selesai=3,
                                   served=4, served_in_time=1)
    assert sla.verified_share.percent == Decimal("66.67")
    assert sla.served_share.percent == Decimal("25.00")  # receipt to first answer: 3 8 8 8
    assert sla.followed_up_share.percent == Decimal("75.00")
    assert sla.closed_share.percent == Decimal("57.14")


def test_sla_by_opd(session) -> None:  # type: ignore[no-untyped-def]
    by_opd = stats.sla_by_opd(session, MARCH)
    assert by_opd["DINKES"].verified_share.percent == Decimal("100.00")
    assert by_opd["DINKES"].followed_up_share.percent == Decimal("66.67")
    assert by_opd["DISDIK"].verified_share.percent == Decimal("33.33")
    assert by_opd["DISDIK"].followed_up_share.percent == Decimal("100.00")
    assert by_opd[None].received == 1 and by_opd[None].verified_share.percent is None


def test_median_and_p90_working_days_per_stage(session) -> None:  # type: ignore[no-untyped-def]
    got = {s.stage: (s.count, s.median, s.p90) for s in stats.stage_durations(session, MARCH)}
    assert got == {
        "verifikasi": (6, Fraction(5, 2), 5),  # 0 1 2 3 4 5
        "tindak_lanjut": (4, Fraction(4), 6),  # 2 3 5 6
        "penyelesaian": (3, Fraction(16), 20),  # 14 16 20 (the archived one is not resolved)
        "pelayanan": (4, Fraction(8), 8),  # waktu pelayanan: 3 8 8 8
    }


def test_backlog_by_age_at_the_end_of_march(services: Services, session) -> None:  # type: ignore[no-untyped-def]
    calendar = load_calendar(session)
    as_of = MARCH.end  # 1 April 00:00 WIB; #7 (closed 5 April) was still open then
    # #5: 1 day · #4: 4 days · #3: 11 · #7: 17 (Lebaran's days off do not count) · #b: 23
    assert stats.backlog_by_age(session, calendar, as_of) == [1, 1, 0, 2, 1]
    assert calendar.working_days_between(wib("2026-03-02 10:00"), as_of) == 17


def test_backlog_now_counts_only_what_is_still_open(session) -> None:  # type: ignore[no-untyped-def]
    calendar = load_calendar(session)
    now = wib("2026-04-06 09:00")  # #7 closed on 5 April, #c received on 1 April
    # ages on Monday 6 April (Good Friday 3 April is off): #c 2, #5 2, #4 6, #3 13, #b 25
    assert stats.backlog_by_age(session, calendar, now) == [2, 0, 1, 1, 1]


def test_age_cutoff_matches_working_days_between(session) -> None:  # type: ignore[no-untyped-def]
    calendar = load_calendar(session)
    as_of = wib("2026-03-27 15:00")
    for limit in (0, 1, 3, 5, 10, 20):
        cut = stats.age_cutoff(calendar, as_of, limit)
        assert cut.time() == time(0)
        assert calendar.working_days_between(cut, as_of) == limit
        assert calendar.working_days_between(cut - timedelta(seconds=1), as_of) > limit


def test_received_per_day_in_wib(session) -> None:  # type: ignore[no-untyped-def]
    assert stats.received_per_day(session, MARCH) == {
        date(2026, 3, 1): 1, date(2026, 3, 2): 2, date(2026, 3, 3): 1, date(2026, 3, 10): 1,
        date(2026, 3, 26): 1, date(2026, 3, 31): 1}


def test_survey_totals_population_and_suggestions(session) -> None:  # type: ignore[no-untyped-def]
    totals = stats.skm_totals(session, MARCH)
    assert totals == {
        "DINKES": stats.SkmTotals(2, (7,) * 9),
        "DISDIK": stats.SkmTotals(1, (1, 2, 3, 4, 1, 2, 3, 4, 2)),
    }
    # Every outcome is surveyed: DISDIK's archived complaint counts beside its resolved one.
    assert stats.resolved_population(session, MARCH) == {"DINKES": 2, "DISDIK": 2}
    assert [(opd, text) for _, opd, text in stats.suggestions(session, MARCH)] == [
        ("DINKES", "Petugas ramah."), ("DISDIK", "Antrean terlalu panjang.")]


def test_an_empty_period_has_zeros_not_errors(session) -> None:  # type: ignore[no-untyped-def]
    empty = parse_period("2025-Q3")
    assert stats.sla_summary(session, empty) == stats.SlaSummary()
    assert stats.received_by(session, empty, "channel") == []
    assert [s.median for s in stats.stage_durations(session, empty)] == [None] * 4
    assert stats.skm_totals(session, empty) == {}


def test_period_counts_at_once_equal_the_single_figures(session) -> None:  # type: ignore[no-untyped-def]
    # One scan for everything on PostgreSQL (GROUPING SETS); one query each elsewhere.
    together = stats.period_counts(session, MARCH)
    assert together.by == {d: stats.received_by(session, MARCH, d) for d in stats.DIMENSIONS}
    assert together.stages == stats.stage_durations(session, MARCH)
    assert together.per_day == stats.received_per_day(session, MARCH)


def test_the_total_is_the_sum_of_the_opds(session) -> None:  # type: ignore[no-untyped-def]
    by_opd = stats.sla_by_opd(session, MARCH)
    assert stats.sla_total(by_opd.values()) == stats.sla_summary(session, MARCH)
    assert stats.sla_total([]) == stats.SlaSummary()
