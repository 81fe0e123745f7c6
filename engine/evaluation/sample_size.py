"""Sample size of the SKM for a population: the Krejcie–Morgan table (PermenPANRB 14/2017).

The table (Krejcie & Morgan 1970; 95% confidence, 5% margin, p = 0.5) is used as published.
A population between two rows takes the larger row's sample (never too few); a population
under 10 must all be asked.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

KREJCIE_MORGAN: tuple[tuple[int, int], ...] = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40),
    (50, 44), (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70),
    (90, 73), (95, 76), (100, 80), (110, 86), (120, 92), (130, 97), (140, 103),
    (150, 108), (160, 113), (170, 118), (180, 123), (190, 127), (200, 132), (210, 136),
    (220, 140), (230, 144), (240, 148), (250, 152), (260, 155), (270, 159), (280, 162),
    (290, 165), (300, 169), (320, 175), (340, 181), (360, 186), (380, 191), (400, 196),
    (420, 201), (440, 205), (460, 210), (480, 214), (500, 217), (550, 226), (600, 234),
    (650, 242), (700, 248), (750, 254), (800, 260), (850, 265), (900, 269), (950, 274),
    (1000, 278), (1100, 285), (1200, 291), (1300, 297), (1400, 302), (1500, 306),
    (1600, 310), (1700, 313), (1800, 317), (1900, 320), (2000, 322), (2200, 327),
    (2400, 331), (2600, 335), (2800, 338), (3000, 341), (3500, 346), (4000, 351),
    (4500, 354), (5000, 357), (6000, 361), (7000, 364), (8000, 367), (9000, 368),
    (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380), (50000, 381),
    (75000, 382), (1000000, 384),
)
_POPULATIONS = [population for population, _ in KREJCIE_MORGAN]


def sample_size(population: int) -> int:
    """Respondents needed for ``population`` service users."""
    if population < KREJCIE_MORGAN[0][0]:
        return max(population, 0)
    index = bisect_left(_POPULATIONS, population)
    return KREJCIE_MORGAN[min(index, len(KREJCIE_MORGAN) - 1)][1]


@dataclass(frozen=True)
class Coverage:
    """Respondents against the sample the population needs."""

    population: int
    respondents: int

    @property
    def sample(self) -> int:
        """Respondents needed (Krejcie–Morgan)."""
        return sample_size(self.population)

    @property
    def representative(self) -> bool:
        """True when enough respondents answered for the figure to speak for everyone."""
        return self.population > 0 and self.respondents >= self.sample
