"""The engine read functions behind the screens, checked against the rules they rely on."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select, update

from engine.calendar.grid import ADMIN_OFF, ADMIN_WORK, CUTI, HOLIDAY, WEEKEND, WORK, day_kind
from engine.calendar.periods import month_of
from engine.calendar.working_days import WIB, WorkingCalendar
from engine.complaints.published import published_clause
from engine.complaints.registration_book import BookRange
from engine.complaints.tables import Complaint
from engine.complaints.visibility import is_published
from engine.domain import STATUSES
from engine.errors import FormInvalidError
from tests.walk import Walk
from webui.wiring import Services


def test_published_clause_is_is_published_in_sql(walk: Walk, services: Services) -> None:
    codes = {}
    for status in STATUSES:
        for secret in (False, True):
            codes[(status, secret)] = walk.file(rahasia=secret).tracking_code
    with services.uow() as uow:
        for (status, _secret), code in codes.items():
            uow.session.execute(update(Complaint).where(Complaint.tracking_code == code)
                                .values(status=status))
        uow.commit()
    with services.uow() as uow:
        everything = uow.session.scalars(select(Complaint)).all()
        listed = set(uow.session.scalars(select(Complaint.id).where(published_clause())))
    assert listed == {c.id for c in everything if is_published(c)}
    assert listed  # some statuses are published


def test_period_checks() -> None:
    february = month_of(datetime(2026, 2, 14, 23, 30, tzinfo=WIB))
    assert BookRange.of(february) == BookRange(date(2026, 2, 1), date(2026, 2, 28))
    with pytest.raises(FormInvalidError):
        BookRange(date(2026, 3, 2), date(2026, 3, 1)).check()
    with pytest.raises(FormInvalidError):
        BookRange(date(2025, 1, 1), date(2026, 3, 1)).check()
    with pytest.raises(FormInvalidError):
        BookRange(date(2026, 3, 1), date(2026, 3, 2), channel="merpati").check()


@pytest.mark.parametrize(("day", "kind"), [
    (date(2026, 3, 2), WORK), (date(2026, 3, 7), WEEKEND), (date(2026, 3, 19), HOLIDAY),
    (date(2026, 3, 18), CUTI), (date(2026, 8, 18), ADMIN_OFF), (date(2026, 3, 20), ADMIN_WORK)])
def test_grid_day_kinds(day: date, kind: str) -> None:
    calendar = WorkingCalendar({date(2026, 8, 18): False, date(2026, 3, 20): True})
    assert day_kind(calendar, day, calendar.days_off(day.year)).kind == kind
