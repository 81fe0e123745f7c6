"""Indicators and their targets ("indikator dan target yang ditetapkan"), set by admins.

A target holds for a period (a month, quarter, year, or every period) and an OPD (or every
OPD). The most specific one wins: the period itself before its quarter, its year and "every
period"; within each, the OPD's own before the general one. Without any, the defaults below.
An indicator of Tim Admin's own work (verification, done before a report reaches an OPD) is
judged for the agency as a whole only: it takes no OPD target and ranks no OPD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import audit
from engine.calendar.periods import Period, parse_period
from engine.domain import Actor
from engine.errors import FormInvalidError, NotFoundError
from engine.messages import N_
from engine.reference.tables import Opd

from .tables import Target

VALUE = re.compile(r"\d{1,3}(\.\d{1,2})?")


@dataclass(frozen=True)
class Indicator:
    """Something the Ketua monitors, with the default target (higher is better)."""

    code: str
    name: str
    unit: str
    default: Decimal
    agency_only: str = ""  # why no OPD is judged on it (empty: each OPD is judged too)

    @property
    def per_opd(self) -> bool:
        """True when each OPD is judged on it, not only the agency as a whole."""
        return not self.agency_only


VERIFICATION_IS_TIM_ADMINS = N_("Verifikasi dikerjakan Tim Admin sebelum laporan diteruskan ke "
                                "OPD, sehingga hanya dinilai untuk seluruh laporan.")
INDICATORS = {
    i.code: i for i in (
        Indicator("verifikasi_3hk", N_("Diverifikasi dalam 3 hari kerja"), "%", Decimal("90.00"),
                  VERIFICATION_IS_TIM_ADMINS),
        Indicator("tindak_lanjut_5hk", N_("Ditindaklanjuti dalam 5 hari kerja"), "%",
                  Decimal("85.00")),
        Indicator("waktu_pelayanan_5hk", N_("Waktu pelayanan paling lama 5 hari kerja"), "%",
                  Decimal("85.00")),
        Indicator("ikm", N_("Indeks Kepuasan Masyarakat (IKM)"), "", Decimal("76.61")),
    )
}


@dataclass(frozen=True)
class Standing:
    """One OPD's figure for an indicator against its target."""

    opd_code: str | None
    opd_name: str
    actual: Decimal | None
    target: Decimal
    basis: str  # what the figure rests on, e.g. "12 dari 15" or "8 responden"

    @property
    def gap(self) -> Decimal | None:
        """Actual minus target (negative: behind)."""
        return None if self.actual is None else self.actual - self.target

    @property
    def met(self) -> bool | None:
        """True when the target is reached; None without data."""
        return None if self.actual is None else self.actual >= self.target


def list_targets(session: Session) -> list[Target]:
    """Every target set, by indicator, period and OPD."""
    return list(session.scalars(
        select(Target).order_by(Target.indicator, Target.period, Target.opd_code)))


def target_for(targets: list[Target], indicator: str, period: Period,
               opd_code: str | None) -> Decimal:
    """The target that holds for ``indicator`` in ``period`` for an OPD (None: overall); an
    agency-only indicator has the overall target whatever the OPD."""
    if not INDICATORS[indicator].per_opd:
        opd_code = None  # an OPD target of it (set before it was agency-only) holds for nobody
    found = {(t.period, t.opd_code): t for t in targets if t.indicator == indicator}
    for scope in [*period.scopes(), ""]:
        for opd in ([opd_code] if opd_code else []) + [""]:
            target = found.get((scope, opd))
            if target is not None:
                return Decimal(target.value_hundredths).scaleb(-2)
    return INDICATORS[indicator].default


def laggards_first(rows: list[Standing]) -> list[Standing]:
    """Furthest behind first; rows without data last."""
    return sorted(rows, key=lambda r: (r.gap is None, r.gap or 0, r.opd_name))


def set_target(session: Session, indicator: str, period: str, opd_code: str, value: str,
               actor: Actor, now: datetime) -> Target:
    """Set (or change) a target; blank period or OPD means every period or every OPD."""
    period, opd_code = period.strip(), opd_code.strip()
    amount, period = _check(session, indicator, period, opd_code, value)
    target = session.scalars(select(Target).where(
        Target.indicator == indicator, Target.period == period,
        Target.opd_code == opd_code)).first()
    if target is None:
        target = Target(indicator=indicator, period=period, opd_code=opd_code)
        session.add(target)
    target.value_hundredths = int(amount * 100)
    target.author, target.updated_at = actor.username, now
    audit.record(session, actor, "target_set", now, indicator=indicator, period=period,
                 opd=opd_code, value=str(amount))
    session.flush()
    return target


def delete_target(session: Session, target_id: int, actor: Actor, now: datetime) -> None:
    """Drop a target: the next less specific one (or the default) holds again."""
    target = session.get(Target, target_id)
    if target is None:
        raise NotFoundError("Target tidak ditemukan")
    audit.record(session, actor, "target_deleted", now, indicator=target.indicator,
                 period=target.period, opd=target.opd_code)
    session.delete(target)


def _check(session: Session, indicator: str, period: str, opd_code: str,
           value: str) -> tuple[Decimal, str]:
    errors: dict[str, str] = {}
    if indicator not in INDICATORS:
        errors["indicator"] = "Pilih indikator."
    if period:
        try:
            period = parse_period(period).code
        except FormInvalidError as exc:
            errors["period"] = exc.errors["periode"]
    if opd_code and session.get(Opd, opd_code) is None:
        errors["opd_code"] = "OPD tidak dikenal."
    elif opd_code and indicator in INDICATORS and not INDICATORS[indicator].per_opd:
        errors["opd_code"] = N_("Indikator ini tidak dinilai per OPD; kosongkan OPD.")
    amount = _amount(value.strip().replace(",", "."))
    if amount is None:
        errors["value"] = "Tulis angka 0–100 dengan paling banyak dua desimal."
    if errors:
        raise FormInvalidError(errors)
    assert amount is not None
    return amount, period


def _amount(text: str) -> Decimal | None:
    if not VALUE.fullmatch(text):
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern already rules this out
        return None
    return amount if amount <= 100 else None
