"""The one query module: every figure of the evaluation dashboard and the periodic report.

Pure SQL aggregates over the ``complaint`` table and its neighbours (never workflow JSON).
A period's figures are about the complaints *received* in it (a cohort); the survey's are
about the complaints *closed* in it. Working-day lengths were stamped per complaint when each
stage ended (engine.complaints.durations), so medians come from a small GROUP BY histogram.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple, dataclass
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from typing import Any

from sqlalchemy import Date, and_, case, cast, func, select, tuple_
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from engine import labels
from engine.calendar.periods import Period
from engine.calendar.working_days import WIB, WorkingCalendar
from engine.complaints.durations import FOLLOW_UP_DAYS, SERVICE_DAYS, VERIFY_DAYS
from engine.complaints.tables import Complaint
from engine.reference.tables import Category, CodeListEntry, Opd, Region

from .figures import Count, Share, median, percentile
from .tables import ELEMENTS, ComplaintDayFigure, SurveyResponse

DIMENSIONS: dict[str, Any] = {
    "channel": Complaint.channel,
    "category": Complaint.category_code,
    "opd": Complaint.opd_code,
    "kecamatan": Complaint.kecamatan_code,
    "jenis": Complaint.jenis,
    "status": Complaint.status,
    "cause": Complaint.cause_code,
    "resolution": Complaint.resolution_code,
}
# (stage, column, only complaints matching); penyelesaian counts resolved complaints only.
STAGES: tuple[tuple[str, Any, Any], ...] = (
    ("verifikasi", Complaint.verify_working_days, None),
    ("tindak_lanjut", Complaint.follow_up_working_days, None),
    ("penyelesaian", Complaint.close_working_days, Complaint.status == "selesai"),
    ("pelayanan", Complaint.service_working_days, None),
)
AGE_LIMITS = (3, 5, 10, 20)  # backlog buckets: 0–3, 4–5, 6–10, 11–20, > 20 working days


@dataclass(frozen=True)
class SlaSummary:
    """How a cohort of complaints went through its deadlines."""

    received: int = 0
    verified: int = 0
    verified_in_time: int = 0
    disposed: int = 0
    followed_up: int = 0
    followed_up_in_time: int = 0
    closed: int = 0
    selesai: int = 0
    served: int = 0  # answered: the first follow-up was published to the reporter
    served_in_time: int = 0

    @property
    def verified_share(self) -> Share:
        """Verified within 3 working days, of those verified."""
        return Share(self.verified_in_time, self.verified)

    @property
    def followed_up_share(self) -> Share:
        """Followed up within 5 working days of disposition, of those followed up."""
        return Share(self.followed_up_in_time, self.followed_up)

    @property
    def served_share(self) -> Share:
        """Answered within the standard's 5 working days of receipt (waktu pelayanan)."""
        return Share(self.served_in_time, self.served)

    @property
    def closed_share(self) -> Share:
        """Closed (any final status), of those received."""
        return Share(self.closed, self.received)


@dataclass(frozen=True)
class StageDuration:
    """Working days one stage took: how many complaints, median and 90th percentile."""

    stage: str
    count: int
    median: Fraction | None
    p90: int | None


@dataclass(frozen=True)
class SkmTotals:
    """Survey answers of a group: respondents and the sum of each element U1–U9."""

    respondents: int
    sums: tuple[int, ...]


def received_in(period: Period) -> ColumnElement[bool]:
    """Complaints received in ``period`` (WIB)."""
    return and_(Complaint.received_at >= period.start, Complaint.received_at < period.end)


def closed_in(period: Period) -> ColumnElement[bool]:
    """Complaints that reached an outcome (selesai, diarsipkan, dialihkan) in ``period``: the
    survey's population (every one of them is invited)."""
    return and_(Complaint.closed_at.is_not(None), Complaint.closed_at >= period.start,
                Complaint.closed_at < period.end)


def received_by(session: Session, period: Period, dimension: str) -> list[Count]:
    """Complaints received in the period per value of ``dimension``, most first."""
    counts = _grouped_counts(session, received_in(period), {dimension: DIMENSIONS[dimension]})
    return _labelled(session, dimension, counts[dimension])


def _labelled(session: Session, dimension: str, counts: dict[Any, int]) -> list[Count]:
    names = dimension_labels(session, dimension)
    found = [Count(code, names.get(code, code) if code else labels.NOT_SET, n)
             for code, n in counts.items()]
    return sorted(found, key=lambda c: (-c.count, c.label))


def _grouped_counts(session: Session, where: ColumnElement[bool],
                    exprs: dict[str, Any]) -> dict[str, dict[Any, int]]:
    """Rows per value of each expression; on PostgreSQL one scan (GROUPING SETS) for all."""
    inner = select(*[expr.label(name) for name, expr in exprs.items()]).where(where).subquery()
    names, cols = list(exprs), [inner.c[name] for name in exprs]
    found: dict[str, dict[Any, int]] = {name: {} for name in names}
    if len(cols) > 1 and session.get_bind().dialect.name == "postgresql":
        full = (1 << len(cols)) - 1
        query = select(*cols, func.grouping(*cols), func.count()).group_by(
            func.grouping_sets(*[tuple_(col) for col in cols]))
        for *values, mask, n in session.execute(query):
            i = len(cols) - (full & ~mask).bit_length()  # the one column grouped in this row
            found[names[i]][values[i]] = n
        return found
    for name, col in zip(names, cols, strict=True):
        found[name] = {value: n for value, n in session.execute(
            select(col, func.count()).group_by(col))}
    return found


@dataclass(frozen=True)
class PeriodCounts:
    """The period's complaints counted by every dimension, stage length and day."""

    by: dict[str, list[Count]]
    stages: list[StageDuration]
    per_day: dict[date, int]


def period_counts(session: Session, period: Period) -> PeriodCounts:
    """Everything counted per value over the complaints received in the period, at once.

    Summed from the per-day figures the database keeps (engine/evaluation/day_figures.py): the cost
    follows the days of the period, not the complaints in it.
    """
    figures = day_figures(session, period, [*DIMENSIONS, *(stage for stage, _, _ in STAGES)])
    stages = {stage: _stage_histogram(figures[stage]) for stage, _, _ in STAGES}
    f = ComplaintDayFigure
    per_day = session.execute(
        select(f.day, func.sum(f.n)).where(*_days_of(period), f.figure == "received")
        .group_by(f.day))
    return PeriodCounts(
        by={name: _labelled(session, name, {_decode(v): n for v, n in figures[name].items()})
            for name in DIMENSIONS},
        stages=[_stage(stage, stages[stage]) for stage, _, _ in STAGES],
        per_day={_as_date(day): int(n) for day, n in per_day if n})


def day_figures(session: Session, period: Period,
                figures: Iterable[str]) -> dict[str, dict[str, int]]:
    """figure → {value: complaints} summed over the days of ``period`` (zeros left out)."""
    names = list(figures)
    f = ComplaintDayFigure
    rows = session.execute(
        select(f.figure, f.value, func.sum(f.n)).where(*_days_of(period), f.figure.in_(names))
        .group_by(f.figure, f.value))
    found: dict[str, dict[str, int]] = {name: {} for name in names}
    for figure, value, n in rows:
        if n:
            found[figure][value] = int(n)
    return found


def _days_of(period: Period) -> list[ColumnElement[bool]]:
    f = ComplaintDayFigure
    return [f.day >= period.first_day, f.day < period.end_day]


def _decode(value: str) -> str | None:
    return value or None  # '' is how the figures table writes "not set"


def _as_date(day: Any) -> date:
    return day if isinstance(day, date) else date.fromisoformat(str(day))


def _stage_histogram(values: dict[str, int]) -> dict[Any, int]:
    """Working days → complaints, from "OPD|days" (or plain "days") figure values."""
    found: dict[Any, int] = {}
    for value, n in values.items():
        days = int(value.rpartition("|")[2])
        found[days] = found.get(days, 0) + n
    return found


def _by_opd(values: dict[str, int], limit: int | None = None) -> dict[str | None, int]:
    """OPD → complaints from "OPD|days" values, only stages of at most ``limit`` days."""
    found: dict[str | None, int] = {}
    for value, n in values.items():
        opd, _, days = value.rpartition("|")
        if limit is None or int(days) <= limit:
            found[_decode(opd)] = found.get(_decode(opd), 0) + n
    return found


def dimension_labels(session: Session, dimension: str) -> dict[str, str]:
    """Names of a dimension's codes (OPD names, category names, …)."""
    fixed = {"channel": labels.CHANNEL, "jenis": labels.JENIS, "status": labels.STATUS}
    if dimension in fixed:
        return dict(fixed[dimension])
    lists = {"cause": "causes", "resolution": "resolutions"}
    if dimension in lists:
        query = select(CodeListEntry.code, CodeListEntry.label).where(
            CodeListEntry.list_name == lists[dimension])
    else:
        named = {"category": (Category.code, Category.name), "opd": (Opd.code, Opd.name),
                 "kecamatan": (Region.code, Region.name)}[dimension]
        query = select(*named)
    return {code: name for code, name in session.execute(query)}


def _count_if(condition: ColumnElement[bool]) -> Any:
    return func.count(case((condition, 1)))


def _sla_columns() -> list[Any]:
    c = Complaint
    return [func.count(), func.count(c.verify_working_days),
            _count_if(c.verify_working_days <= VERIFY_DAYS), func.count(c.disposed_at),
            func.count(c.follow_up_working_days),
            _count_if(c.follow_up_working_days <= FOLLOW_UP_DAYS), func.count(c.closed_at),
            _count_if(c.status == "selesai"), func.count(c.service_working_days),
            _count_if(c.service_working_days <= SERVICE_DAYS)]


def sla_summary(session: Session, period: Period) -> SlaSummary:
    """Deadlines met by the complaints received in the period."""
    row = session.execute(select(*_sla_columns()).where(received_in(period))).one()
    return SlaSummary(*row)


def sla_total(parts: Iterable[SlaSummary]) -> SlaSummary:
    """The sum of several groups' summaries (every figure is a count)."""
    rows = [astuple(part) for part in parts]
    return SlaSummary(*(sum(values) for values in zip(*rows, strict=True))) if rows else (
        SlaSummary())


def sla_by_opd(session: Session, period: Period) -> dict[str | None, SlaSummary]:
    """The same, per OPD the complaint was routed to (None: not routed), from day figures."""
    got = day_figures(session, period, ["opd", "verifikasi", "tindak_lanjut", "disposed",
                                        "closed", "selesai", "pelayanan"])
    plain = {name: {_decode(v): n for v, n in got[name].items()}
             for name in ("opd", "disposed", "closed", "selesai")}
    columns = [plain["opd"], _by_opd(got["verifikasi"]),
               _by_opd(got["verifikasi"], VERIFY_DAYS), plain["disposed"],
               _by_opd(got["tindak_lanjut"]), _by_opd(got["tindak_lanjut"], FOLLOW_UP_DAYS),
               plain["closed"], plain["selesai"], _by_opd(got["pelayanan"]),
               _by_opd(got["pelayanan"], SERVICE_DAYS)]
    return {opd: SlaSummary(*(column.get(opd, 0) for column in columns))
            for opd in plain["opd"]}


def stage_durations(session: Session, period: Period) -> list[StageDuration]:
    """Median and 90th percentile working days per stage, for the period's complaints."""
    exprs = {stage: _stage_value(column, only) for stage, column, only in STAGES}
    counts = _grouped_counts(session, received_in(period), exprs)
    return [_stage(stage, counts[stage]) for stage in exprs]


def _stage_value(column: Any, only: Any) -> Any:
    return column if only is None else case((only, column))


def _stage(stage: str, counts: dict[Any, int]) -> StageDuration:
    histogram = {days: n for days, n in counts.items() if days is not None}
    return StageDuration(stage, sum(histogram.values()), median(histogram),
                         percentile(histogram, 90))


def backlog_by_age(session: Session, calendar: WorkingCalendar, as_of: datetime) -> list[int]:
    """Complaints open at ``as_of`` per age bucket (working days since receipt, AGE_LIMITS)."""
    c = Complaint
    cutoffs = [age_cutoff(calendar, as_of, limit) for limit in AGE_LIMITS]
    columns = [func.count(), *[_count_if(c.received_at >= cut) for cut in cutoffs]]
    sums = [0] * (len(AGE_LIMITS) + 1)
    # Two index-friendly parts: never closed (a partial index), and closed only after as_of.
    for still_open in (c.closed_at.is_(None), c.closed_at > as_of):
        row = session.execute(select(*columns).where(c.received_at < as_of, still_open)).one()
        sums = [a + b for a, b in zip(sums, row, strict=True)]
    total, *younger = sums  # younger[i]: open complaints at most AGE_LIMITS[i] days old
    edges = [0, *younger, total]
    return [edges[i + 1] - edges[i] for i in range(len(AGE_LIMITS) + 1)]


def age_cutoff(calendar: WorkingCalendar, as_of: datetime, limit: int) -> datetime:
    """The earliest receipt instant whose age at ``as_of`` is at most ``limit`` working days."""
    day = calendar.local_day(as_of)
    seen = 0
    while True:  # the (limit + 1)-th working day on or before as_of's day
        if calendar.is_working_day(day):
            seen += 1
            if seen == limit + 1:
                return datetime.combine(day, time(0), WIB)
        day -= timedelta(days=1)


def _wib_day(session: Session, column: Any) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return func.date(column, "+7 hours")  # WIB is UTC+7 all year (no daylight saving)
    return cast(func.timezone("Asia/Jakarta", column), Date)


def received_per_day(session: Session, period: Period) -> dict[date, int]:
    """Complaints received on each day (WIB) of the period that had any."""
    day = _wib_day(session, Complaint.received_at)
    return _days(_grouped_counts(session, received_in(period), {"day": day})["day"])


def _days(counts: dict[Any, int]) -> dict[date, int]:
    return {date.fromisoformat(str(day)): n for day, n in counts.items()}


def skm_totals(session: Session, period: Period) -> dict[str | None, SkmTotals]:
    """Survey answers of complaints resolved in the period, per OPD."""
    sums = [func.coalesce(func.sum(getattr(SurveyResponse, e)), 0) for e in ELEMENTS]
    rows = session.execute(
        select(Complaint.opd_code, func.count(), *sums)
        .join(Complaint, Complaint.id == SurveyResponse.complaint_id)
        .where(closed_in(period)).group_by(Complaint.opd_code))
    return {row[0]: SkmTotals(row[1], tuple(int(s) for s in row[2:])) for row in rows}


def resolved_population(session: Session, period: Period) -> dict[str | None, int]:
    """Complaints resolved in the period per OPD: the survey's population."""
    # Counted on the day each complaint was closed (engine/evaluation/day_figures.py).
    return {_decode(code): n for code, n in day_figures(session, period, ["resolved"])[
        "resolved"].items()}


def suggestions(session: Session, period: Period, limit: int = 200) -> list[tuple[Any, ...]]:
    """(answered_at, OPD code, suggestion) of the period's respondents who wrote one."""
    rows = session.execute(
        select(SurveyResponse.answered_at, Complaint.opd_code, SurveyResponse.saran)
        .join(Complaint, Complaint.id == SurveyResponse.complaint_id)
        .where(closed_in(period), SurveyResponse.saran != "")
        .order_by(SurveyResponse.answered_at.desc()).limit(limit))
    return [tuple(row) for row in rows]
