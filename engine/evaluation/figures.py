"""Exact number helpers of the evaluation: shares, rounding, medians from a histogram."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction


def round2(value: Fraction) -> Decimal:
    """``value`` rounded half up to two decimals, exactly (no binary floats on the way)."""
    hundredths = math.floor(value * 100 + Fraction(1, 2))
    return Decimal(hundredths).scaleb(-2)


@dataclass(frozen=True)
class Count:
    """How many complaints have one value of a dimension (``code`` None: not set)."""

    code: str | None
    label: str
    count: int


@dataclass(frozen=True)
class Share:
    """``part`` of ``whole``, e.g. verified within 3 working days of all verified."""

    part: int
    whole: int

    @property
    def fraction(self) -> Fraction | None:
        """The exact share (0–1), or None when there is nothing to share."""
        return Fraction(self.part, self.whole) if self.whole else None

    @property
    def percent(self) -> Decimal | None:
        """The share in percent, two decimals, or None when ``whole`` is 0."""
        share = self.fraction
        return None if share is None else round2(share * 100)


def median(histogram: Mapping[int, int]) -> Fraction | None:
    """The median of values given as {value: how often} (mean of the middle two if even)."""
    n = sum(histogram.values())
    if n == 0:
        return None
    if n % 2:
        return Fraction(_nth(histogram, n // 2 + 1))
    return Fraction(_nth(histogram, n // 2) + _nth(histogram, n // 2 + 1), 2)


def percentile(histogram: Mapping[int, int], p: int) -> int | None:
    """The p-th percentile by nearest rank: the smallest value with ≥ p% of values at or below."""
    n = sum(histogram.values())
    if n == 0:
        return None
    return _nth(histogram, max(1, math.ceil(Fraction(p * n, 100))))


def _nth(histogram: Mapping[int, int], rank: int) -> int:
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    raise ValueError(f"rank {rank} beyond {seen} values")
