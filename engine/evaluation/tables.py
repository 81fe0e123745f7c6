"""Tables of the evaluation: SKM answers, indicator targets and the dashboard's day figures."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from engine.complaints.tables import Complaint, HumanTask
from engine.db import Base

ELEMENTS = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")


class SurveyResponse(Base):
    """One reporter's answer to the SKM after closure: U1–U9 on the 1–4 scale."""

    __tablename__ = "survey_response"
    __table_args__ = tuple(
        CheckConstraint(f"{name} BETWEEN 1 AND 4", name=f"ck_survey_response_{name}")
        for name in ELEMENTS
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), unique=True)
    answered_at: Mapped[datetime] = mapped_column(index=True)
    u1: Mapped[int] = mapped_column(SmallInteger)
    u2: Mapped[int] = mapped_column(SmallInteger)
    u3: Mapped[int] = mapped_column(SmallInteger)
    u4: Mapped[int] = mapped_column(SmallInteger)
    u5: Mapped[int] = mapped_column(SmallInteger)
    u6: Mapped[int] = mapped_column(SmallInteger)
    u7: Mapped[int] = mapped_column(SmallInteger)
    u8: Mapped[int] = mapped_column(SmallInteger)
    u9: Mapped[int] = mapped_column(SmallInteger)
    saran: Mapped[str] = mapped_column(Text, default="")


class Target(Base):
    """A target an admin set for an indicator: for a period (or all) and an OPD (or all)."""

    __tablename__ = "target"
    __table_args__ = (UniqueConstraint("indicator", "period", "opd_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator: Mapped[str] = mapped_column(String(40))
    period: Mapped[str] = mapped_column(String(10), default="")  # "" = every period
    opd_code: Mapped[str] = mapped_column(String(32), default="")  # "" = every OPD
    value_hundredths: Mapped[int] = mapped_column(Integer)  # 9000 = 90.00 (exact, no floats)
    author: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime]


class ReportRelease(Base):
    """The team Sekretaris' release of a period's report (duty c.2); until then it is a draft."""

    __tablename__ = "report_release"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(10), unique=True)
    released_by: Mapped[str] = mapped_column(String(100))
    released_at: Mapped[datetime]
    note: Mapped[str] = mapped_column(Text, default="")


# The backlog counts complaints never closed; this keeps that count off the full table.
OPEN_COMPLAINTS = Index(
    "ix_complaint_open_received", Complaint.received_at,
    postgresql_where=Complaint.closed_at.is_(None), sqlite_where=Complaint.closed_at.is_(None),
)


# The survey's population (complaints with an outcome, by closing instant) from the index
# alone: the dashboard joins survey answers to it by id and groups them by OPD.
RESOLVED_COMPLAINTS = Index(
    "ix_complaint_resolved", Complaint.closed_at, Complaint.opd_code, Complaint.id,
    postgresql_where=Complaint.closed_at.is_not(None),
    sqlite_where=Complaint.closed_at.is_not(None),
)


# Central roles' tasks carry no OPD, and "opd_code IS NULL" does not pin a column's order for
# PostgreSQL the way "= 'DINKES'" does: their queue (Tim Admin's is the whole regency's) gets
# an index in the inbox's order of its own.
CENTRAL_INBOX = Index(
    "ix_human_task_inbox_central", HumanTask.role, HumanTask.due_at, HumanTask.created_at,
    postgresql_where=HumanTask.opd_code.is_(None), sqlite_where=HumanTask.opd_code.is_(None),
)

# The inbox's stage filter lists the distinct (task name, title) of the role's (and OPD's)
# waiting tasks: read from these indexes alone, without visiting the table's rows.
STAGES = Index("ix_human_task_stages", HumanTask.role, HumanTask.opd_code, HumanTask.spec_name,
               HumanTask.title)
CENTRAL_STAGES = Index(
    "ix_human_task_stages_central", HumanTask.role, HumanTask.spec_name, HumanTask.title,
    postgresql_where=HumanTask.opd_code.is_(None), sqlite_where=HumanTask.opd_code.is_(None),
)


class ComplaintDayFigure(Base):
    """How many complaints received on ``day`` (WIB) have ``value`` for ``figure``.

    Kept by triggers on ``complaint`` (engine/evaluation/day_figures.py); the dashboard sums it.
    """

    __tablename__ = "complaint_day_figure"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    figure: Mapped[str] = mapped_column(String(24), primary_key=True)
    value: Mapped[str] = mapped_column(String(80), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class ImprovementAction(Base):
    """An improvement decided after an SKM period: what, who, by when, and whether it is done.

    PermenPANRB 14/2017 asks that the survey's results and their follow-up be published; the
    standard's evaluation ends in "dilakukan perbaikan".
    """

    __tablename__ = "improvement_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(10), index=True)  # the SKM period: 2026-Q1, …
    finding: Mapped[str] = mapped_column(Text, default="")  # what the survey showed
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(150))
    due_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    result: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
