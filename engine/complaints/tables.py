"""Tables of the complaint domain: the record, register counter, identity, files, tasks,
follow-ups, and the outbox its steps write into (sent on by engine.channels)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from engine.db import Base


class Complaint(Base):
    """The complaint as screens and reports query it; never needs the workflow JSON."""

    __tablename__ = "complaint"
    __table_args__ = (
        UniqueConstraint("registration_year", "registration_seq"),
        Index("ix_complaint_opd_status", "opd_code", "status"),
        # Backlog at a past instant: closed after it, received before it — from the index.
        Index("ix_complaint_closed_received", "closed_at", "received_at"),
        # Partial indexes (ix_complaint_resolved, …) are declared in evaluation_models.
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    instance_id: Mapped[int | None] = mapped_column(
        ForeignKey("process_instance.id"), unique=True
    )
    tracking_code: Mapped[str] = mapped_column(String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(128))
    registration_year: Mapped[int] = mapped_column(Integer)
    registration_seq: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(16), index=True)
    status: Mapped[str] = mapped_column(String(24), index=True)
    title: Mapped[str] = mapped_column(String(150))
    description: Mapped[str] = mapped_column(Text)
    category_code: Mapped[str | None] = mapped_column(String(32), index=True)
    opd_code: Mapped[str | None] = mapped_column(String(32), index=True)
    jenis: Mapped[str | None] = mapped_column(String(32))
    kecamatan_code: Mapped[str | None] = mapped_column(String(20), index=True)
    desa_code: Mapped[str | None] = mapped_column(String(20), index=True)
    # Where it happened, as the reporter pinned it (WGS84); shown to the public only as
    # precisely as visibility.public_position allows.
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    incident_date: Mapped[date | None] = mapped_column(Date)
    anonim: Mapped[bool] = mapped_column(Boolean, default=False)
    rahasia: Mapped[bool] = mapped_column(Boolean, default=False)
    cause_code: Mapped[str | None] = mapped_column(String(40))
    resolution_code: Mapped[str | None] = mapped_column(String(40))
    archive_reason: Mapped[str | None] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(String(80), unique=True)
    # The form's one-time token: a resent or double-tapped form files one complaint.
    submission_token: Mapped[str | None] = mapped_column(String(64), index=True, unique=True)
    received_at: Mapped[datetime] = mapped_column(index=True)
    # When the reporter made the report, where it differs from receipt here: a complaint
    # forwarded by national LAPOR! keeps the date of the original report.
    reported_at: Mapped[datetime | None]
    verified_at: Mapped[datetime | None]
    first_follow_up_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]  # indexed with received_at (ix_complaint_closed_received)
    # Stamped by engine.complaints.durations when a stage ends, for the evaluation figures.
    disposed_at: Mapped[datetime | None]
    verify_working_days: Mapped[int | None] = mapped_column(Integer)
    follow_up_working_days: Mapped[int | None] = mapped_column(Integer)
    close_working_days: Mapped[int | None] = mapped_column(Integer)
    # "Waktu pelayanan": receipt to the first answer published to the reporter.
    service_working_days: Mapped[int | None] = mapped_column(Integer)
    stage_due_at: Mapped[datetime | None] = mapped_column(index=True)
    updated_at: Mapped[datetime]

    @property
    def registration_no(self) -> str:
        """The number in the registration book, e.g. ``0123/LAPOR/2026``."""
        return f"{self.registration_seq:04d}/LAPOR/{self.registration_year}"


class RegistrationCounter(Base):
    """The last registration number given in a year (the register's "Nomor": 0001/LAPOR/2026).

    Numbering bumps this row as a submission's last write before commit
    (engine.complaints.register): its lock is held from that statement to the commit sent
    with it, and concurrent submissions never both take max + 1.
    """

    __tablename__ = "registration_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer)


class ReporterIdentity(Base):
    """Who reported: kept apart so only the roles allowed ever load it."""

    __tablename__ = "reporter_identity"

    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(150))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(150))
    nik: Mapped[str | None] = mapped_column(String(16))


class Attachment(Base):
    """A file that came with a complaint: evidence, an ID-card copy or a paper scan."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # lampiran|identitas|pindaian
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(100), unique=True)
    uploaded_at: Mapped[datetime]


class HumanTask(Base):
    """A ready user task, as the inbox queries it (rebuilt from the workflow each step)."""

    __tablename__ = "human_task"
    # In the inbox's order (deadline, then creation): a page reads its rows off the index and
    # joins only those to their complaints, however long the queue. Central roles' queue has a
    # partial index of its own (evaluation_models.CENTRAL_INBOX).
    __table_args__ = (Index("ix_human_task_inbox", "role", "opd_code", "due_at", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaint.id"), index=True)
    spec_name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    lane: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(40))
    opd_code: Mapped[str | None] = mapped_column(String(32))
    form_key: Mapped[str | None] = mapped_column(String(100))
    instructions: Mapped[str] = mapped_column(Text, default="")
    # The diagram's English instructions; "" when it has none (the Indonesian ones are shown).
    instructions_en: Mapped[str] = mapped_column(Text, default="", server_default="")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), index=True)
    due_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    claimed_at: Mapped[datetime | None]


# The follow-up page's author of what Tim Admin posts, and the kind of an officer's question to
# the reporter (``ask_reporter`` in the diagram).
ADMINISTRATOR = "Pengelola LAPOR!"
QUESTION_KIND = "klarifikasi"


class FollowUp(Base):
    """A message on the complaint's follow-up page: the OPD's answer, an officer's question
    to the reporter, or a reply."""

    __tablename__ = "follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(20))  # tindak_lanjut|balasan|klarifikasi|…
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)


class OutboxMessage(Base):
    """A message to the outside, written in the step's transaction, sent by the worker."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime]
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaint.id"), index=True)
    template: Mapped[str] = mapped_column(String(60))
    recipient: Mapped[str] = mapped_column(String(40))  # a role, pelapor, assignee or nasional
    channel: Mapped[str] = mapped_column(String(20), default="pending")
    payload: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]


class TeamTask(Base):
    """A task the Penanggung Jawab or the Ketua gives an Anggota (duty d.5), about a complaint
    or free-standing; the Anggota records it done with a reply."""

    __tablename__ = "team_task"
    __table_args__ = (Index("ix_team_task_assignee_open", "assignee_id", "done_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaint.id"), index=True)
    assignee_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    title: Mapped[str] = mapped_column(String(150))
    instruction: Mapped[str] = mapped_column(Text)
    given_by: Mapped[str] = mapped_column(String(80))
    given_by_role: Mapped[str] = mapped_column(String(40))
    given_at: Mapped[datetime]
    due_on: Mapped[date | None] = mapped_column(Date)
    done_at: Mapped[datetime | None]
    reply: Mapped[str] = mapped_column(Text, default="")
