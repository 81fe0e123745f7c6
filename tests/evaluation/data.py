"""A known data set, inserted straight into the tables with chosen instants (March 2026).

Seven complaints received in March 2026 (WIB) and three around it:

| # | received (WIB) | channel | OPD    | status          | verify | follow-up | closed, days |
|---|----------------|---------|--------|-----------------|--------|-----------|--------------|
| 1 | 03-01 00:00    | web     | DINKES | selesai         | 1      | 2         | 03-20, 14    |
| 2 | 03-02 08:00    | web     | DINKES | selesai         | 3      | 5         | 03-27, 16    |
| 3 | 03-10 09:00    | sms     | DINKES | ditindaklanjuti | 2      | 6         | –            |
| 4 | 03-26 09:00    | sms     | DISDIK | didisposisikan  | 4      | –         | –            |
| 5 | 03-31 23:59    | loket   | –      | diterima        | –      | –         | –            |
| 6 | 03-03 09:00    | web     | DISDIK | diarsipkan      | 0      | –         | 03-03, 0     |
| 7 | 03-02 10:00    | mobile  | DISDIK | selesai         | 5      | 3         | 04-05, 20    |
| a | 02-28 23:59    | web     | DISDIK | selesai         | 1      | 1         | 03-05, 4     |
| b | 02-20 09:00    | web     | DINKES | didisposisikan  | 2      | –         | –            |
| c | 04-01 00:00    | web     | DINKES | diterima        | –      | –         | –            |

Survey answers: #1 all 4, #2 all 3, #a (1,2,3,4,1,2,3,4,2), #7 all 1 (closed in April).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from engine.complaints.tables import Complaint
from engine.evaluation.tables import ELEMENTS, SurveyResponse
from tests.walk import wib

_numbers = itertools.count(1)


def add_complaint(session: Session, received: datetime, **fields: Any) -> Complaint:
    """A complaint row with the given columns (the rest filled with harmless values)."""
    n = next(_numbers)
    values: dict[str, Any] = {"channel": "web", "status": "diterima", **fields}
    row = Complaint(tracking_code=f"EL-T{n:06d}", secret_hash="-", registration_year=2026,
                    registration_seq=n, title="Uji", description="Uji", received_at=received,
                    updated_at=received, **values)
    session.add(row)
    session.flush()
    return row


def add_answer(session: Session, complaint: Complaint, scores: tuple[int, ...],
               at: datetime, saran: str = "") -> None:
    """A survey answer for ``complaint``."""
    session.add(SurveyResponse(complaint_id=complaint.id, answered_at=at, saran=saran,
                               **dict(zip(ELEMENTS, scores, strict=True))))


@dataclass
class KnownData:
    """The rows of the known data set by their number in the table above."""

    rows: dict[str, Complaint]


def _done(received: str, verify: int, follow: int | None, closed: str | None,
          close_days: int | None) -> dict[str, Any]:
    fields: dict[str, Any] = {"verified_at": wib(received), "verify_working_days": verify}
    if follow is not None:
        fields.update(disposed_at=wib(received), first_follow_up_at=wib(received),
                      follow_up_working_days=follow, service_working_days=verify + follow)
    if closed is not None:
        fields.update(closed_at=wib(closed), close_working_days=close_days)
    return fields


ROWS: dict[str, tuple[str, dict[str, Any]]] = {
    "1": ("2026-03-01 00:00", dict(channel="web", opd_code="DINKES", category_code="4",
                                   kecamatan_code="16.11.01", jenis="pengaduan",
                                   status="selesai", cause_code="pelayanan_lambat",
                                   resolution_code="diperbaiki")),
    "2": ("2026-03-02 08:00", dict(channel="web", opd_code="DINKES", category_code="4",
                                   kecamatan_code="16.11.01", jenis="pengaduan",
                                   status="selesai", cause_code="pelayanan_lambat",
                                   resolution_code="dijelaskan")),
    "3": ("2026-03-10 09:00", dict(channel="sms", opd_code="DINKES", category_code="4",
                                   kecamatan_code="16.11.02", jenis="aspirasi",
                                   status="ditindaklanjuti", cause_code="sarana_rusak",
                                   resolution_code="diperbaiki")),
    "4": ("2026-03-26 09:00", dict(channel="sms", opd_code="DISDIK", category_code="1",
                                   kecamatan_code="16.11.02", jenis="pengaduan",
                                   status="didisposisikan", cause_code="petugas_tidak_ramah")),
    "5": ("2026-03-31 23:59", dict(channel="loket")),
    "6": ("2026-03-03 09:00", dict(channel="web", opd_code="DISDIK", category_code="1",
                                   kecamatan_code="16.11.01", jenis="pengaduan",
                                   status="diarsipkan")),
    "7": ("2026-03-02 10:00", dict(channel="mobile", opd_code="DISDIK", category_code="1",
                                   kecamatan_code="16.11.03", jenis="pengaduan",
                                   status="selesai", resolution_code="dijelaskan")),
    "a": ("2026-02-28 23:59", dict(channel="web", opd_code="DISDIK", status="selesai")),
    "b": ("2026-02-20 09:00", dict(channel="web", opd_code="DINKES", status="didisposisikan")),
    "c": ("2026-04-01 00:00", dict(channel="web", opd_code="DINKES")),
}
STAGES = {
    "1": (1, 2, "2026-03-20 10:00", 14),
    "2": (3, 5, "2026-03-27 10:00", 16),
    "3": (2, 6, None, None),
    "4": (4, None, None, None),
    "6": (0, None, "2026-03-03 11:00", 0),
    "7": (5, 3, "2026-04-05 10:00", 20),
    "a": (1, 1, "2026-03-05 10:00", 4),
    "b": (2, None, None, None),
}
ANSWERS = {
    "1": ((4,) * 9, "2026-03-21 08:00", "Petugas ramah."),
    "2": ((3,) * 9, "2026-03-28 08:00", ""),
    "a": ((1, 2, 3, 4, 1, 2, 3, 4, 2), "2026-03-06 08:00", "Antrean terlalu panjang."),
    "7": ((1,) * 9, "2026-04-06 08:00", "Di luar periode."),
}


def load_known_data(session: Session) -> KnownData:
    """Insert the data set; the caller commits."""
    rows: dict[str, Complaint] = {}
    for key, (received, fields) in ROWS.items():
        extra = _done(received, *STAGES[key]) if key in STAGES else {}
        if key == "4":
            extra["disposed_at"] = wib(received)
        rows[key] = add_complaint(session, wib(received), **fields, **extra)
    for key, (scores, at, saran) in ANSWERS.items():
        add_answer(session, rows[key], scores, wib(at), saran)
    session.flush()
    return KnownData(rows)
