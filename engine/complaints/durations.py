"""Working days each stage of a complaint took, stamped once when the stage ends.

Reports then aggregate plain integer columns in SQL instead of walking the calendar for
every complaint of a period. A duration is computed with the calendar as it stands when the
stage ends, like a deadline ("deadlines already set stay as they were computed").
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from engine.calendar.store import load_calendar
from engine.domain import FINAL_STATUSES

from .tables import Complaint

VERIFY_DAYS = 3  # standard, prosedur (a): verification within 3 working days of receipt
FOLLOW_UP_DAYS = 5  # standard, prosedur (b): follow-up within 5 working days of disposition
SERVICE_DAYS = 5  # standard, "Waktu pelayanan: 5 hari kerja": receipt to the first answer
ROUTING_FROM = frozenset({"diterima", "dikembalikan"})


def stamp_working_days(session: Session, complaint: Complaint, previous: str,
                       now: datetime) -> None:
    """Stamp the disposition instant and every finished stage's length in working days."""
    if (complaint.status == "didisposisikan" and previous in ROUTING_FROM
            and complaint.first_follow_up_at is None):
        complaint.disposed_at = now  # the OPD that answers first is timed from its disposition
    pending = _pending(complaint)
    if not pending:
        return
    calendar = load_calendar(session)
    for column, start, end in pending:
        setattr(complaint, column, calendar.working_days_between(start, end))


def _pending(complaint: Complaint) -> list[tuple[str, datetime, datetime]]:
    found: list[tuple[str, datetime, datetime]] = []
    if complaint.verify_working_days is None and complaint.verified_at is not None:
        found.append(("verify_working_days", complaint.received_at, complaint.verified_at))
    if (complaint.follow_up_working_days is None and complaint.first_follow_up_at is not None
            and complaint.disposed_at is not None):
        found.append(("follow_up_working_days", complaint.disposed_at,
                      complaint.first_follow_up_at))
    if complaint.service_working_days is None and complaint.first_follow_up_at is not None:
        found.append(("service_working_days", complaint.received_at,
                      complaint.first_follow_up_at))
    if (complaint.close_working_days is None and complaint.closed_at is not None
            and complaint.status in FINAL_STATUSES):
        found.append(("close_working_days", complaint.received_at, complaint.closed_at))
    return found

