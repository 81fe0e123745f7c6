"""Targets per period and OPD, the most specific winning; indicators with laggards first."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.calendar.periods import parse_period
from engine.domain import Actor
from engine.errors import FormInvalidError, NotFoundError
from engine.evaluation.summary import evaluate
from engine.evaluation.targets import (
    Standing,
    delete_target,
    laggards_first,
    list_targets,
    set_target,
    target_for,
)
from tests.walk import wib
from webui.wiring import Services

from .data import KnownData

KETUA = Actor("ketua", "ketua")
NOW = wib("2026-04-10 09:00")


def _set(services: Services, *args: str) -> None:
    with services.uow() as uow:
        set_target(uow.session, *args, KETUA, NOW)
        uow.commit()


def _target(services: Services, indicator: str, period: str, opd: str | None) -> Decimal:
    with services.uow() as uow:
        return target_for(list_targets(uow.session), indicator, parse_period(period), opd)


def test_defaults_without_any_target(services: Services) -> None:
    assert _target(services, "verifikasi_3hk", "2026-03", None) == Decimal("90.00")
    assert _target(services, "tindak_lanjut_5hk", "2026-03", "DINKES") == Decimal("85.00")
    assert _target(services, "ikm", "2026", None) == Decimal("76.61")


def test_the_most_specific_target_wins(services: Services) -> None:
    _set(services, "tindak_lanjut_5hk", "", "", "92")
    _set(services, "tindak_lanjut_5hk", "2026", "", "93")
    _set(services, "tindak_lanjut_5hk", "2026-q1", "", "94")  # typed in lower case
    _set(services, "tindak_lanjut_5hk", "2026-Q1", "DINKES", "95,5")
    _set(services, "tindak_lanjut_5hk", "2026-03", "", "96")
    assert _target(services, "tindak_lanjut_5hk", "2026-03", None) == Decimal("96.00")
    assert _target(services, "tindak_lanjut_5hk", "2026-03", "DINKES") == Decimal("96.00")
    assert _target(services, "tindak_lanjut_5hk", "2026-02", "DINKES") == Decimal("95.50")
    assert _target(services, "tindak_lanjut_5hk", "2026-02", "DISDIK") == Decimal("94.00")
    assert _target(services, "tindak_lanjut_5hk", "2026-Q2", "DINKES") == Decimal("93.00")
    assert _target(services, "tindak_lanjut_5hk", "2027", None) == Decimal("92.00")
    assert _target(services, "ikm", "2026-03", None) == Decimal("76.61")


def test_setting_again_changes_and_deleting_falls_back(services: Services) -> None:
    _set(services, "ikm", "2026", "", "80")
    _set(services, "ikm", "2026", "", "81.25")
    with services.uow() as uow:
        [target] = list_targets(uow.session)
        assert target.value_hundredths == 8125
        delete_target(uow.session, target.id, KETUA, NOW)
        uow.commit()
    assert _target(services, "ikm", "2026-05", None) == Decimal("76.61")
    with services.uow() as uow, pytest.raises(NotFoundError):
        delete_target(uow.session, 999999, KETUA, NOW)


@pytest.mark.parametrize(("args", "field"), [
    (("nilai_bagus", "", "", "90"), "indicator"),
    (("ikm", "2026-13", "", "90"), "period"),
    (("ikm", "kemarin", "", "90"), "period"),
    (("ikm", "", "TIDAKADA", "90"), "opd_code"),
    (("ikm", "", "", "101"), "value"),
    (("ikm", "", "", "90.123"), "value"),
    (("ikm", "", "", "-5"), "value"),
    (("ikm", "", "", ""), "value"),
])
def test_invalid_targets_are_refused(services: Services, args: tuple[str, ...],
                                     field: str) -> None:
    with services.uow() as uow, pytest.raises(FormInvalidError) as caught:
        set_target(uow.session, *args, KETUA, NOW)
    assert list(caught.value.errors) == [field]


def test_indicators_per_opd_with_laggards_first(services: Services, known: KnownData) -> None:
    _set(services, "tindak_lanjut_5hk", "2026-Q1", "DINKES", "60")
    with services.uow() as uow:
        ev = evaluate(uow.session, parse_period("2026-03"), NOW)
    rows = {code: [(s.opd_code, s.actual, s.target, s.met) for s in standings]
            for code, standings in ev.standings.items()}
    assert rows["verifikasi_3hk"] == []  # Tim Admin's work: no OPD is judged on it
    assert rows["tindak_lanjut_5hk"] == [  # DINKES: 2 of 3, but its own target is 60
        ("DINKES", Decimal("66.67"), Decimal("60.00"), True),
        ("DISDIK", Decimal("100.00"), Decimal("85.00"), True)]
    assert rows["ikm"] == [  # DISDIK: 22/9 × 25 = 61.11; DINKES: 3.5 × 25 = 87.50
        ("DISDIK", Decimal("61.11"), Decimal("76.61"), False),
        ("DINKES", Decimal("87.50"), Decimal("76.61"), True)]
    assert rows["waktu_pelayanan_5hk"] == [  # receipt to first answer: DINKES 3 8 8, DISDIK 8
        ("DISDIK", Decimal("0.00"), Decimal("85.00"), False),
        ("DINKES", Decimal("33.33"), Decimal("85.00"), False)]
    overall = {code: (s.actual, s.met, s.basis) for code, s in ev.overall.items()}
    assert overall == {
        "verifikasi_3hk": (Decimal("66.67"), False, "4 dari 6"),
        "tindak_lanjut_5hk": (Decimal("75.00"), False, "3 dari 4"),
        "waktu_pelayanan_5hk": (Decimal("25.00"), False, "1 dari 4"),
        "ikm": (Decimal("78.70"), True, "3 responden"),
    }
    assert ev.standings["ikm"][0].gap == Decimal("-15.50")


def test_an_opd_without_data_comes_last() -> None:
    rows = [Standing("A", "Dinas A", None, Decimal("90"), "0 dari 0"),
            Standing("B", "Dinas B", Decimal("95"), Decimal("90"), "19 dari 20"),
            Standing("C", "Dinas C", Decimal("50"), Decimal("90"), "1 dari 2"),
            Standing("D", "Dinas D", Decimal("50"), Decimal("60"), "1 dari 2")]
    assert [r.opd_code for r in laggards_first(rows)] == ["C", "D", "B", "A"]
    assert rows[0].met is None and rows[0].gap is None
