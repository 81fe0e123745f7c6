"""SMS 1708: a message that starts with a known tracking code is a reply, anything else a new
complaint; each gateway message counts once, however often the gateway delivers it.

Everything one message causes — the complaint or reply, its line in the inbound log and the
SMS back — commits in one transaction: the log row is added right before the use case
commits (``HookedUnitOfWork``), so a crash leaves either all of it or none, and the gateway's
retry simply tries again.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engine.complaints.codes import ALPHABET, PREFIX, hash_secret, new_secret
from engine.complaints.intake import Intake, submit_complaint
from engine.complaints.reporter import deliver_reply
from engine.complaints.tables import Complaint, ReporterIdentity
from engine.db import SessionFactory, UnitOfWork
from engine.domain import REPORTER
from engine.errors import ConflictError, FormInvalidError
from engine.plain_flush import flush
from engine.reference.regions import RegionIndex, place_in_text
from engine.workflow.context import Runtime

from .fanout import add_delivery
from .message_context import links
from .phone import to_local, to_msisdn
from .recipients import Delivery
from .tables import SmsInbound

SMS_REPORTER_NAME = "Pelapor SMS 1708"
CODE_AT_START = re.compile(rf"^\s*{PREFIX}[\s\-]?([{ALPHABET}]{{8}})(?![0-9A-Z])", re.IGNORECASE)
TITLE_LENGTH = 60
MIN_DESCRIPTION = 20


class HookedUnitOfWork(UnitOfWork):
    """A unit of work that adds the caller's rows to the transaction just before it commits."""

    def __init__(self, session_factory: SessionFactory,
                 before_commit: Callable[[Session], None]) -> None:
        super().__init__(session_factory)
        self.before_commit = before_commit

    def commit(self) -> None:
        """Add the caller's rows, then commit everything together."""
        # The command's rows are written first, plainly: the caller's reads would have the
        # ORM's flush write them, which cannot number a new complaint in its own INSERT
        # (engine.complaints.register).
        flush(self.session)
        self.before_commit(self.session)
        super().commit()


@dataclass(frozen=True)
class InboundSms:
    """One SMS as the gateway delivered it."""

    message_id: str
    sender: str  # +62…
    text: str


@dataclass(frozen=True)
class SmsOutcome:
    """What became of an SMS: complaint|reply|rejected|invalid; duplicate when seen before."""

    outcome: str
    tracking_code: str | None
    duplicate: bool = False


def parse_inbound(body: Any) -> InboundSms:
    """The SMS in the gateway's JSON; FormInvalidError names what is wrong."""
    body = body if isinstance(body, dict) else {}
    message_id, text = str(body.get("message_id") or "").strip(), body.get("text")
    sender = to_msisdn(str(body.get("from") or ""))
    wrong = {}
    if not message_id or len(message_id) > 100:
        wrong["message_id"] = "Wajib diisi (paling panjang 100 karakter)."
    if sender is None:
        wrong["from"] = "Bukan nomor HP Indonesia."
    if not isinstance(text, str) or not text.strip():
        wrong["text"] = "Wajib diisi."
    if wrong:
        raise FormInvalidError(wrong)
    return InboundSms(message_id, sender or "", str(text).strip())


def receive_sms(sessions: SessionFactory, rt: Runtime, sms: InboundSms) -> SmsOutcome:
    """Turn one inbound SMS into a reply or a complaint, once per gateway message id."""
    known = _known(sessions, sms.message_id)
    if known is not None:
        return known
    try:
        match = CODE_AT_START.match(sms.text)
        complaint = _complaint(sessions, f"{PREFIX}-{match.group(1).upper()}") if match else None
        if match and complaint is not None:
            text = sms.text[match.end():].lstrip(" :,.-").strip()
            return _reply(sessions, rt, sms, complaint, text)
        return _new_complaint(sessions, rt, sms)
    except (IntegrityError, ConflictError):
        known = _known(sessions, sms.message_id)  # a twin delivery won the race
        if known is None:
            raise
        return known


def _known(sessions: SessionFactory, message_id: str) -> SmsOutcome | None:
    with UnitOfWork(sessions) as uow:
        row = uow.session.scalars(
            select(SmsInbound).where(SmsInbound.message_id == message_id)).first()
        if row is None:
            return None
        code = uow.session.get(Complaint, row.complaint_id) if row.complaint_id else None
        return SmsOutcome(row.outcome, code.tracking_code if code else None, duplicate=True)


def _complaint(sessions: SessionFactory, code: str) -> tuple[str, str | None] | None:
    with UnitOfWork(sessions) as uow:
        found = uow.session.scalars(select(Complaint).where(Complaint.tracking_code == code)
                                    ).first()
        if found is None:
            return None
        identity = uow.session.get(ReporterIdentity, found.id)
        return found.tracking_code, to_msisdn(identity.phone if identity else None)


def _key(sms: InboundSms, purpose: str) -> str:
    return f"sms-in:{hashlib.sha256(sms.message_id.encode()).hexdigest()[:24]}/{purpose}"


def _log(session: Session, rt: Runtime, sms: InboundSms, outcome: str,
         complaint_id: int | None) -> None:
    session.add(SmsInbound(message_id=sms.message_id, sender=sms.sender, text=sms.text,
                           received_at=rt.clock(), outcome=outcome, complaint_id=complaint_id))


def _answer(session: Session, rt: Runtime, sms: InboundSms, template: str,
            context: dict[str, Any], complaint_id: int | None) -> None:
    add_delivery(session, _key(sms, template), template, "pelapor",
                 Delivery("sms", sms.sender), {**links(rt.settings), **context}, rt.clock(),
                 complaint_id)


def _refuse(sessions: SessionFactory, rt: Runtime, sms: InboundSms, template: str,
            context: dict[str, Any], code: str | None = None) -> SmsOutcome:
    outcome = "rejected" if template == "balasan_ditolak" else "invalid"
    with UnitOfWork(sessions) as uow:
        _log(uow.session, rt, sms, outcome, None)
        _answer(uow.session, rt, sms, template, context, None)
        uow.commit()
    return SmsOutcome(outcome, code)


def _reply(sessions: SessionFactory, rt: Runtime, sms: InboundSms,
           complaint: tuple[str, str | None], text: str) -> SmsOutcome:
    code, phone = complaint
    if phone != sms.sender:
        why = "balasan hanya dapat dikirim dari nomor HP pelapor"
        return _refuse(sessions, rt, sms, "balasan_ditolak", {"tracking_code": code,
                                                              "why": why}, code)

    def record(session: Session) -> None:
        found = session.scalars(select(Complaint).where(Complaint.tracking_code == code)).one()
        _log(session, rt, sms, "reply", found.id)
        _answer(session, rt, sms, "balasan_diterima", {"tracking_code": code}, found.id)

    try:
        deliver_reply(HookedUnitOfWork(sessions, record), rt, code, text, REPORTER,
                      in_words=True)
    except FormInvalidError:
        why = "balasan terlalu pendek; tulis paling sedikit 5 huruf setelah kode"
        return _refuse(sessions, rt, sms, "balasan_ditolak", {"tracking_code": code,
                                                              "why": why}, code)
    return SmsOutcome("reply", code)


def title_of(text: str) -> str:
    """A title for an SMS complaint: its first words, at most 60 characters."""
    line = " ".join(text.split())
    if len(line) <= TITLE_LENGTH:
        return line
    cut = line[: TITLE_LENGTH - 3]
    return (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(" ,.;:-") + "..."


def _new_complaint(sessions: SessionFactory, rt: Runtime, sms: InboundSms) -> SmsOutcome:
    if len(" ".join(sms.text.split())) < MIN_DESCRIPTION:
        return _refuse(sessions, rt, sms, "sms_tidak_valid", {})
    external_id = f"sms:{sms.message_id}"
    if len(external_id) > 80:
        external_id = "sms:#" + hashlib.sha256(sms.message_id.encode()).hexdigest()[:40]

    def record(session: Session) -> None:
        found = session.scalars(select(Complaint).where(Complaint.external_id == external_id)
                                ).one()
        # The secret is drawn again here, inside the committing transaction, so the one the
        # reporter receives by SMS is exactly the one stored; nobody saw the first one.
        secret = new_secret()
        found.secret_hash = hash_secret(secret)
        _log(session, rt, sms, "complaint", found.id)
        _answer(session, rt, sms, "tanda_terima", {
            "tracking_code": found.tracking_code, "secret": secret,
            "registration_no": found.registration_no}, found.id)

    with UnitOfWork(sessions) as uow:  # "... di Desa Niur, Kec. Muara Pinang": the place
        place = place_in_text(RegionIndex.load(uow.session), sms.text)
    intake = Intake(title=title_of(sms.text), description=sms.text, channel="sms",
                    name=SMS_REPORTER_NAME, phone=to_local(sms.sender), external_id=external_id,
                    kecamatan=place.kecamatan, desa=place.desa)
    try:
        receipt = submit_complaint(HookedUnitOfWork(sessions, record), rt, intake, REPORTER)
    except FormInvalidError:
        return _refuse(sessions, rt, sms, "sms_tidak_valid", {})
    return SmsOutcome("complaint", receipt.tracking_code)
