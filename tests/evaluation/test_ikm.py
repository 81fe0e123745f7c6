"""IKM per PermenPANRB 14/2017 with worked examples computed by hand, and Krejcie–Morgan."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from engine.evaluation.figures import median, percentile, round2
from engine.evaluation.sample_size import KREJCIE_MORGAN, Coverage, sample_size
from engine.evaluation.survey import ikm_of, mutu_of


def _ikm(respondents: int, total: int) -> Decimal:
    """IKM when the nine element sums add up to ``total`` (spread as evenly as possible)."""
    sums = tuple(total // 9 + (1 if i < total % 9 else 0) for i in range(9))
    ikm = ikm_of(respondents, sums)
    assert ikm is not None
    return ikm.shown


def test_worked_example_three_respondents() -> None:
    # Respondent A: 4 on everything; B: 3 on everything; C: 1 2 3 4 1 2 3 4 2.
    # Element sums: 8 9 10 11 8 9 10 11 9; NRR = sum / 3.
    ikm = ikm_of(3, (8, 9, 10, 11, 8, 9, 10, 11, 9))
    assert ikm is not None
    assert ikm.nrr == tuple(Fraction(s, 3) for s in (8, 9, 10, 11, 8, 9, 10, 11, 9))
    # mean NRR = (85/3) / 9 = 85/27; IKM = 85/27 × 25 = 2125/27 = 78.7037…
    assert ikm.value == Fraction(2125, 27)
    assert ikm.shown == Decimal("78.70")
    assert (ikm.mutu.grade, ikm.mutu.kinerja) == ("B", "Baik")


def test_exact_weights_give_100_where_0_111_gives_99_90() -> None:
    ikm = ikm_of(5, (20,) * 9)
    assert ikm is not None and ikm.value == 100 and ikm.shown == Decimal("100.00")
    assert ikm.mutu.grade == "A"
    # The regulation's rounded weight would have said 4 × 0.111 × 9 × 25 = 99.90.
    assert Decimal("4") * Decimal("0.111") * 9 * 25 == Decimal("99.900")


@pytest.mark.parametrize(("respondents", "total", "shown", "grade", "kinerja"), [
    # total / (9 n) × 25, by hand:
    (400, 9359, "64.99", "D", "Tidak Baik"),  # 9359/144 = 64.9930…
    (5, 117, "65.00", "C", "Kurang Baik"),  # 117/45 × 25 = 65 exactly
    (125, 3447, "76.60", "C", "Kurang Baik"),  # 3447/1125 × 25 = 76.6 exactly
    (400, 11032, "76.61", "B", "Baik"),  # 11032/144 = 76.6111…
    (250, 7947, "88.30", "B", "Baik"),  # 7947/2250 × 25 = 88.3 exactly
    (400, 12717, "88.31", "A", "Sangat Baik"),  # 12717/144 = 88.3125
    (1, 9, "25.00", "D", "Tidak Baik"),  # everyone answered 1
    (2, 45, "62.50", "D", "Tidak Baik"),
])
def test_interval_boundaries(respondents: int, total: int, shown: str, grade: str,
                             kinerja: str) -> None:
    value = _ikm(respondents, total)
    assert value == Decimal(shown)
    mutu = mutu_of(value)
    assert (mutu.grade, mutu.kinerja) == (grade, kinerja)


def test_the_shown_value_decides_the_grade() -> None:
    # 88.305 exactly (17661/200) is shown as 88.31 (half up) and graded A, like the table.
    assert round2(Fraction(17661, 200)) == Decimal("88.31")
    assert mutu_of(round2(Fraction(17661, 200))).grade == "A"
    assert mutu_of(Decimal("76.60")).grade == "C" and mutu_of(Decimal("76.61")).grade == "B"
    assert mutu_of(Decimal("64.99")).grade == "D" and mutu_of(Decimal("65.00")).grade == "C"


def test_no_respondents_no_ikm() -> None:
    assert ikm_of(0, (0,) * 9) is None


@pytest.mark.parametrize(("population", "sample"), [
    (0, 0), (1, 1), (9, 9), (10, 10), (11, 14), (100, 80), (101, 86), (278, 162),
    (1000, 278), (1001, 285), (2500, 335), (10000, 370), (75001, 384), (5000000, 384),
])
def test_krejcie_morgan_lookup(population: int, sample: int) -> None:
    assert sample_size(population) == sample


def test_krejcie_morgan_table_agrees_with_its_formula() -> None:
    # s = X²NP(1−P) / (d²(N−1) + X²P(1−P)), X² = 3.841, P = 0.5, d = 0.05, rounded.
    for population, sample in KREJCIE_MORGAN:
        exact = Fraction("3.841") * population / 4 / (
            Fraction(1, 400) * (population - 1) + Fraction("3.841") / 4)
        assert round(exact) == sample, population


def test_coverage_says_whether_the_respondents_are_enough() -> None:
    assert Coverage(100, 80).representative
    assert not Coverage(100, 79).representative
    assert Coverage(100, 79).sample == 80
    assert not Coverage(0, 0).representative


def test_median_and_percentile_from_a_histogram() -> None:
    assert median({0: 1, 1: 1, 2: 1, 3: 1, 4: 1, 5: 1}) == Fraction(5, 2)
    assert median({7: 3}) == 7
    assert median({}) is None
    assert percentile({1: 9, 10: 1}, 90) == 1  # the 9th of 10 values
    assert percentile({1: 8, 10: 2}, 90) == 10
    assert percentile({}, 90) is None
