"""All figures of one period, gathered from ``stats`` for the dashboard and the report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from engine.calendar.periods import Period
from engine.calendar.store import load_calendar
from engine.calendar.working_days import WIB
from engine.messages import N_, Message

from . import stats
from .figures import Count
from .improvements import ActionState, actions_for
from .release import Release, release_of
from .sample_size import Coverage
from .survey import Ikm, ikm_of
from .tables import ELEMENTS
from .targets import INDICATORS, Standing, laggards_first, list_targets, target_for

BY = ("channel", "category", "opd", "kecamatan", "jenis", "status", "cause", "resolution")


@dataclass
class Evaluation:
    """What the dashboard shows and the report prints for ``period``."""

    period: Period
    generated_at: datetime
    as_of: datetime  # the backlog is counted at this instant (the period's end, or now)
    sla: stats.SlaSummary = field(default_factory=stats.SlaSummary)
    sla_by_opd: dict[str | None, stats.SlaSummary] = field(default_factory=dict)
    by: dict[str, list[Count]] = field(default_factory=dict)
    stages: list[stats.StageDuration] = field(default_factory=list)
    backlog: list[int] = field(default_factory=list)
    per_day: dict[date, int] = field(default_factory=dict)
    skm: dict[str | None, stats.SkmTotals] = field(default_factory=dict)
    population: dict[str | None, int] = field(default_factory=dict)
    opd_names: dict[str, str] = field(default_factory=dict)
    overall: dict[str, Standing] = field(default_factory=dict)
    standings: dict[str, list[Standing]] = field(default_factory=dict)
    suggestions: list[tuple[Any, ...]] = field(default_factory=list)
    improvements: list[ActionState] = field(default_factory=list)
    release: Release | None = None  # None: a draft the Sekretaris has not released

    @property
    def ikm(self) -> Ikm | None:
        """The IKM of every respondent of the period."""
        return ikm_of(*_pooled(self.skm.values()))

    @property
    def coverage(self) -> Coverage:
        """Respondents against the Krejcie–Morgan sample of the period's population."""
        return Coverage(sum(self.population.values()), _pooled(self.skm.values())[0])

    def opd_ikm(self, opd_code: str | None) -> Ikm | None:
        """The IKM of one OPD's respondents."""
        totals = self.skm.get(opd_code)
        return ikm_of(totals.respondents, totals.sums) if totals else None


def _pooled(groups: Any) -> tuple[int, tuple[int, ...]]:
    respondents, sums = 0, [0] * len(ELEMENTS)
    for totals in groups:
        respondents += totals.respondents
        sums = [a + b for a, b in zip(sums, totals.sums, strict=True)]
    return respondents, tuple(sums)


Step = Callable[[Session, Evaluation], None]


def _counts(session: Session, ev: Evaluation) -> None:
    counts = stats.period_counts(session, ev.period)
    ev.by, ev.stages, ev.per_day = counts.by, counts.stages, counts.per_day
    ev.opd_names = stats.dimension_labels(session, "opd")


def _deadlines(session: Session, ev: Evaluation) -> None:
    ev.sla_by_opd = stats.sla_by_opd(session, ev.period)
    ev.sla = stats.sla_total(ev.sla_by_opd.values())
    ev.backlog = stats.backlog_by_age(session, load_calendar(session), ev.as_of)


def _survey(session: Session, ev: Evaluation) -> None:
    ev.skm = stats.skm_totals(session, ev.period)
    ev.population = stats.resolved_population(session, ev.period)
    ev.suggestions = stats.suggestions(session, ev.period)
    ev.improvements = actions_for(session, ev.period, ev.as_of.astimezone(WIB).date())


def _indicators(session: Session, ev: Evaluation) -> None:
    targets = list_targets(session)
    by_opd = ev.sla_by_opd
    codes = sorted({c for c in [*by_opd, *ev.skm] if c is not None})
    for code, indicator in INDICATORS.items():
        # An agency-only indicator (Tim Admin's verification) ranks no OPD: the delay is not
        # theirs, so no OPD row is made that could read "belum tercapai".
        rows = [_standing(ev, code, opd, by_opd.get(opd), target_for(
            targets, code, ev.period, opd)) for opd in codes] if indicator.per_opd else []
        ev.standings[code] = laggards_first(rows)
        ev.overall[code] = _standing(ev, code, None, ev.sla,
                                     target_for(targets, code, ev.period, None))


def _overall_name(indicator: str) -> str:
    """What the all-agency row of ``indicator`` is called."""
    return N_("Seluruh OPD") if INDICATORS[indicator].per_opd else N_(
        "Seluruh laporan (Tim Admin)")


def _standing(ev: Evaluation, indicator: str, opd: str | None, sla: stats.SlaSummary | None,
              target: Decimal) -> Standing:
    name = ev.opd_names.get(opd, opd) if opd else _overall_name(indicator)
    if indicator == "ikm":
        ikm = ev.opd_ikm(opd) if opd else ev.ikm
        return Standing(opd, name, ikm.shown if ikm else None, target,
                        Message(N_("%(n)s responden"), n=ikm.respondents if ikm else 0))
    share = sla or stats.SlaSummary()
    chosen = {"verifikasi_3hk": share.verified_share,
              "waktu_pelayanan_5hk": share.served_share}.get(indicator, share.followed_up_share)
    return Standing(opd, name, chosen.percent, target,
                    Message(N_("%(part)s dari %(whole)s"), part=chosen.part, whole=chosen.whole))


STEPS: tuple[tuple[str, Step], ...] = (
    ("jumlah laporan", _counts),
    ("batas waktu", _deadlines),
    ("survei kepuasan", _survey),
    ("indikator dan target", _indicators),
)


def evaluate(session: Session, period: Period, now: datetime,
             on_step: Callable[[str], None] | None = None) -> Evaluation:
    """Every figure of ``period`` as of ``now``; ``on_step`` hears each finished step."""
    ev = Evaluation(period, now, min(now, period.end), release=release_of(session, period))
    for name, step in STEPS:
        step(session, ev)
        if on_step is not None:
            on_step(name)
    return ev
