"""Filing a complaint: check the intake, number it in the register, start its workflow."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import ScalarSelect, Select, Table, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engine import audit
from engine.calendar.store import calendar_of, calendar_text
from engine.calendar.working_days import WIB
from engine.db import UnitOfWork
from engine.direct import DirectRead
from engine.domain import CHANNELS, UPSTREAM_TEMPLATE, Actor
from engine.errors import ConflictError, FormInvalidError
from engine.messages import N_, Message
from engine.reference.bounds import check_point
from engine.reference.options import option_lookup
from engine.reference.regions import read_place
from engine.workflow.context import Runtime
from engine.workflow.definitions import VersionRef, latest_version_of, latest_version_query
from engine.workflow.tables import ProcessInstance

from .attachments import MAX_FILES, Upload, check_upload, safe_filename, store_upload
from .codes import hash_secret, new_secret, new_tracking_code
from .identity import check_id_copy
from .register import number_complaint
from .steps import advance, start_step
from .tables import Complaint, OutboxMessage, ReporterIdentity

INTAKE_FORM = "pengaduan_publik"
PHONE_SEPARATORS = re.compile(r"[\s\-().]")
PHONE_DIGITS = re.compile(r"^\+?[0-9]+$")
# An incident may be dated a day past WIB's date: in WITA and WIT (UTC+8, +9) it already is.
INCIDENT_LEEWAY = timedelta(days=1)


def tidy_phone(raw: Any) -> Any:
    """A phone number as people write it (``0812 3456 7890``, ``0812-3456-7890``,
    ``(0812) 3456.7890``) without its separators; anything else unchanged, for the form's check
    to name."""
    if not isinstance(raw, str):
        return raw
    bare = PHONE_SEPARATORS.sub("", raw)
    return bare if PHONE_DIGITS.match(bare) else raw.strip()


def _stripped(text: Any) -> Any:
    """A text without the blanks around it; anything else unchanged, for the form's check."""
    return text.strip() if isinstance(text, str) else text


@dataclass
class Intake:
    """A complaint as it arrives from any channel."""

    title: str
    description: str
    channel: str = "web"
    category: str | None = None
    kecamatan: str | None = None  # code or name ("Kec." and case forgiven)
    desa: str | None = None  # code or name; alone it gives its kecamatan
    latitude: float | None = None
    longitude: float | None = None
    incident_date: date | None = None
    anonim: bool = False
    rahasia: bool = False
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    nik: str | None = None
    external_id: str | None = None
    reported_at: datetime | None = None  # the original report's instant (national forwards)
    files: list[Upload] = field(default_factory=list)
    submission_token: str | None = None  # the form's one-time token (one complaint per token)
    # The reporter's secret when the channel chose it (an API request with an Idempotency-Key
    # derives it, so a retry can show it again); None: a fresh random one.
    secret: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.phone = tidy_phone(self.phone)
        # Checked as stored: 26 spaces passed "at least 20 characters" and were filed as "".
        self.title, self.description = _stripped(self.title), _stripped(self.description)

    def form_data(self) -> dict[str, Any]:
        """The fields the intake form validates (no channel bookkeeping, no None)."""
        data = asdict(self)
        for key in ("channel", "external_id", "files", "reported_at", "submission_token",
                    "secret"):
            data.pop(key)
        ids = [f.filename for f in self.files if f.kind == "identitas"]
        evidence = [f.filename for f in self.files if f.kind != "identitas"]
        if ids:
            data["id_document"] = safe_filename(ids[0])
        if evidence:
            data["attachments"] = [safe_filename(name) for name in evidence]
        if self.incident_date is not None:
            data["incident_date"] = self.incident_date.isoformat()
        return {k: v for k, v in data.items() if v is not None}


@dataclass(frozen=True)
class Receipt:
    """What the reporter gets back: the code to track with and the secret (shown once)."""

    complaint_id: int
    tracking_code: str
    secret: str
    status: str
    registration_no: str
    received_at: datetime | None = None


class AlreadySubmittedError(ConflictError):
    """The form's token already filed a complaint (a reload, a double tap, a resent request)."""

    def __init__(self, tracking_code: str) -> None:
        super().__init__("Laporan ini sudah terkirim sebelumnya")
        self.tracking_code = tracking_code


def submit_complaint(uow: UnitOfWork, rt: Runtime, intake: Intake, actor: Actor) -> Receipt:
    """Register a complaint from any channel and start its process; retries a number clash.
    AlreadySubmittedError when the intake's submission token has filed one already."""
    for attempt in range(5):
        with uow:
            _refuse_resubmission(uow.session, intake.submission_token)
            try:
                complaint, secret = _submit(uow.session, rt, intake, actor)
                uow.commit()
                return Receipt(complaint.id, complaint.tracking_code, secret, complaint.status,
                               complaint.registration_no, complaint.received_at)
            except IntegrityError:
                uow.rollback()
                if attempt == 4:
                    raise ConflictError("could not number the complaint; try again") from None
    raise AssertionError("unreachable")


def _read_place(session: Session, rt: Runtime, intake: Intake) -> dict[str, str]:
    """Put the codes of the written kecamatan and desa into ``intake``; the errors found."""
    errors: dict[str, str] = {}
    try:
        place = read_place(session, intake.kecamatan, intake.desa)
        intake.kecamatan, intake.desa = place.kecamatan, place.desa
    except FormInvalidError as unknown:
        errors.update(unknown.errors)
    try:
        check_point(intake.latitude, intake.longitude, rt.settings)
    except FormInvalidError as outside:
        errors.update(outside.errors)
    return errors


def _refuse_resubmission(session: Session, token: str | None) -> None:
    # Checked before each attempt: a twin that won the race on the unique index is found here.
    if not token:
        return
    code = session.scalar(select(Complaint.tracking_code).where(
        Complaint.submission_token == token))
    if code is not None:
        raise AlreadySubmittedError(code)


def _validate_intake(session: Session, rt: Runtime, intake: Intake) -> list[str]:
    if intake.channel not in CHANNELS:
        raise FormInvalidError({"channel": Message(N_("Saluran tidak dikenal: %(channel)s"),
                                                   channel=intake.channel)})
    place_errors = _read_place(session, rt, intake)
    errors = dict(rt.validate_form(INTAKE_FORM, intake.form_data(), option_lookup(session)))
    errors.update(place_errors)  # the place's own message names the close names
    errors = {**_incident_date_errors(rt, intake), **errors}  # the form's own check first
    if len(intake.files) > MAX_FILES:
        errors["attachments"] = Message(N_("Paling banyak %(n)s berkas."), n=MAX_FILES)
    # Every problem at once: the missing ID copy, the form's fields and each refused file.
    try:
        check_id_copy(intake.channel, intake.anonim, intake.files, rt.settings)
    except FormInvalidError as missing:
        errors = {**missing.errors, **errors}
    limit = rt.settings.max_upload_mb * 1024 * 1024
    content_types = []
    for upload in intake.files:
        field_name = "id_document" if upload.kind == "identitas" else "attachments"
        try:
            content_types.append(check_upload(upload, limit, field_name))
        except FormInvalidError as wrong:
            errors = {**wrong.errors, **errors}
    if errors:
        raise FormInvalidError(errors)
    return content_types


def _incident_date_errors(rt: Runtime, intake: Intake) -> dict[str, str]:
    """The incident date's error when it lies after the day the report is received."""
    latest = rt.clock().astimezone(WIB).date() + INCIDENT_LEEWAY
    if intake.incident_date is None or intake.incident_date <= latest:
        return {}
    return {"incident_date": Message(N_("Tanggal kejadian tidak boleh sesudah hari ini."))}


def _submit(session: Session, rt: Runtime, intake: Intake, actor: Actor
            ) -> tuple[Complaint, str]:
    """The complaint filed (numbered when the unit commits) and its secret."""
    content_types = _validate_intake(session, rt, intake)
    now = rt.clock()
    secret = intake.secret or new_secret()
    version, instance_id, complaint_id = _opening(session)
    # The instance and complaint rows are written once, after the step has run: the step
    # fills in the workflow state, the stage deadline and the next timer (no UPDATE after).
    instance = ProcessInstance(
        id=instance_id, definition_id=version.id, state="", serializer_version="",
        status="running", version=1, created_at=now, updated_at=now,
    )
    complaint = _new_complaint(intake, now, secret, complaint_id, instance_id)
    with session.no_autoflush:
        step = start_step(session, rt, version, instance, complaint, _start_data(rt, complaint))
    audit.record(session, actor, "complaint_received", now, complaint_id=complaint.id,
                 instance_id=instance.id, channel=intake.channel,
                 definition_version=version.version)
    if rt.settings.national_upstream and intake.channel != "nasional":
        _send_up(session, complaint, now)  # queued before its first status update
    advance(session, rt, step, actor)
    # The version the row had when it was inserted and then saved (1, then 2): the first
    # step's outbox keys were made with 1, the next step's are made with 2.
    instance.version = 2
    session.add_all((instance, complaint))
    folder = Path(rt.settings.uploads_dir)
    for upload, content_type in zip(intake.files, content_types, strict=True):
        store_upload(session, folder, complaint.id, upload, content_type, now)
    session.add(ReporterIdentity(
        complaint_id=complaint.id, name=intake.name, phone=intake.phone,
        email=intake.email, nik=intake.nik,
    ))
    # Numbered last: the counter row stays locked only from then to commit, so submissions
    # run their workflows side by side and queue only for the server's own writing.
    number_complaint(session, complaint)
    return complaint, secret


def _next_id(table: Table, dialect: str) -> ScalarSelect[int]:
    """The id the next row of ``table`` gets: drawn from its sequence on PostgreSQL; on SQLite
    the one it would pick itself (the highest plus one; the unit of work holds the database's
    write lock from its first statement, so no one else takes it meanwhile)."""
    if dialect == "postgresql":
        sequence = func.pg_get_serial_sequence(table.name, "id")
        return select(func.nextval(sequence)).scalar_subquery()
    return select(func.coalesce(func.max(table.c.id), 0) + 1).scalar_subquery()


def _opening_query(dialect: str) -> Select[Any]:
    return latest_version_query().add_columns(
        calendar_text(), _next_id(cast(Table, ProcessInstance.__table__), dialect),
        _next_id(cast(Table, Complaint.__table__), dialect))


# Built once per dialect: the newest version, the working calendar and the two new ids.
_OPENING = {dialect: DirectRead(_opening_query(dialect)) for dialect in ("postgresql", "sqlite")}


def _opening(session: Session) -> tuple[VersionRef, int, int]:
    """The version a new complaint takes, the ids of its instance and complaint rows, and the
    working calendar (``calendar_of``), in one statement."""
    row = _OPENING[session.get_bind().dialect.name].first(session, {})
    version = latest_version_of(row)
    assert row is not None  # latest_version_of refuses a missing version
    calendar_of(session, row[4])
    return version, int(row[5]), int(row[6])


def _send_up(session: Session, complaint: Complaint, now: datetime) -> None:
    """Queue the complaint for national LAPOR!, the system of record (ALUR_NATIONAL_UPSTREAM)."""
    session.add(OutboxMessage(
        idempotency_key=f"{complaint.instance_id}:naik", created_at=now,
        complaint_id=complaint.id, template=UPSTREAM_TEMPLATE, recipient="nasional",
        payload=json.dumps({"tracking_code": complaint.tracking_code}), status="pending",
        next_attempt_at=now))


def _new_complaint(intake: Intake, now: datetime, secret: str, complaint_id: int,
                   instance_id: int) -> Complaint:
    year = now.astimezone(WIB).year
    return Complaint(
        id=complaint_id, instance_id=instance_id, tracking_code=new_tracking_code(),
        secret_hash=hash_secret(secret), registration_year=year, registration_seq=-instance_id,
        channel=intake.channel, status="diterima", title=intake.title,
        description=intake.description, category_code=intake.category or None,
        kecamatan_code=intake.kecamatan or None, desa_code=intake.desa or None,
        latitude=intake.latitude, longitude=intake.longitude,
        incident_date=intake.incident_date, anonim=intake.anonim, rahasia=intake.rahasia,
        external_id=intake.external_id, submission_token=intake.submission_token,
        received_at=now, updated_at=now, reported_at=intake.reported_at,
    )


# The names of a complaint's start data, for the deploy check of what a diagram reads
# (engine.modeler.data_flow); tests/modeler/test_data_flow.py keeps it equal to the keys below.
START_DATA_NAMES = frozenset({
    "complaint_id", "tracking_code", "channel", "received_at", "category", "title", "anonim",
    "rahasia", "clarification_days", "national_routing_days",
})


def _start_data(rt: Runtime, complaint: Complaint) -> dict[str, Any]:
    return {
        "complaint_id": complaint.id,
        "tracking_code": complaint.tracking_code,
        "channel": complaint.channel,
        "received_at": complaint.received_at.astimezone(WIB).isoformat(),
        "category": complaint.category_code,
        "title": complaint.title,
        "anonim": complaint.anonim,
        "rahasia": complaint.rahasia,
        "clarification_days": rt.settings.clarification_days,
        "national_routing_days": rt.settings.national_routing_days,
    }
