"""WhatsApp and Telegram intake: a short guided conversation in Indonesian (what happened,
where, a photo or document, anonymous or not, confirm), "status <kode>" at any time, and a
reply to a follow-up when a message starts with the tracking code of a report from this chat.

Each provider message counts once: its line in ``chat_inbound`` commits with everything it
causes (the conversation's next step, the complaint, the answers queued in the outbox).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engine.complaints.attachments import MAX_FILES, Upload, check_upload
from engine.complaints.codes import hash_secret, new_secret, normalize_tracking_code
from engine.complaints.intake import Intake, submit_complaint
from engine.complaints.reporter import deliver_reply
from engine.complaints.tables import Complaint
from engine.complaints.visibility import is_published
from engine.db import SessionFactory, UnitOfWork
from engine.domain import REPORTER
from engine.errors import ConflictError, FormInvalidError
from engine.reference.bounds import check_point
from engine.reference.regions import RegionIndex
from engine.workflow.context import Runtime

from . import chat_texts as say
from .chat_media import MediaUnavailableError, fetch_media
from .chat_payloads import WHATSAPP, ChatMessage
from .fanout import add_delivery
from .message_context import links
from .phone import to_local, to_msisdn
from .recipients import Delivery
from .sms_intake import CODE_AT_START, HookedUnitOfWork, title_of
from .tables import ChatContact, ChatConversation, ChatInbound

STATUS_ASKED = re.compile(r"^\s*status\s+(\S+)\s*$", re.IGNORECASE)
MIN_DESCRIPTION = 20
YES, NO = {"ya", "y", "iya", "yes"}, {"tidak", "tdk", "t", "no", "bukan"}


@dataclass(frozen=True)
class ChatOutcome:
    """What a message did: step|complaint|reply|status|cancelled; duplicate when seen before."""

    outcome: str
    tracking_code: str | None = None
    duplicate: bool = False


def receive_chat(sessions: SessionFactory, rt: Runtime, message: ChatMessage) -> ChatOutcome:
    """Answer one chat message, once per provider message id."""
    known = _known(sessions, message)
    if known is not None:
        return known
    try:
        asked = STATUS_ASKED.match(message.text)
        if asked:
            return _status(sessions, rt, message, asked.group(1))
        code = _own_code(sessions, message)
        if code is not None:
            return _reply(sessions, rt, message, code)
        return _converse(sessions, rt, message)
    except (IntegrityError, ConflictError):
        known = _known(sessions, message)  # a twin delivery won the race
        if known is None:
            raise
        return known


def _known(sessions: SessionFactory, message: ChatMessage) -> ChatOutcome | None:
    with UnitOfWork(sessions) as uow:
        row = uow.session.scalars(select(ChatInbound).where(
            ChatInbound.provider == message.provider,
            ChatInbound.message_id == message.message_id)).first()
        if row is None:
            return None
        found = uow.session.get(Complaint, row.complaint_id) if row.complaint_id else None
        return ChatOutcome(row.outcome, found.tracking_code if found else None, duplicate=True)


def _log(session: Session, rt: Runtime, message: ChatMessage, outcome: str,
         complaint_id: int | None = None) -> None:
    session.add(ChatInbound(provider=message.provider, message_id=message.message_id,
                            chat_id=message.chat_id, received_at=rt.clock(), outcome=outcome,
                            complaint_id=complaint_id))
    conversation = _conversation(session, rt, message)
    conversation.last_inbound_at = rt.clock()  # opens WhatsApp's 24-hour window


def _answer(session: Session, rt: Runtime, message: ChatMessage, purpose: str, text: str,
            complaint_id: int | None = None) -> None:
    key = f"chat-in:{message.provider}:{message.message_id}/{purpose}"[:120]
    add_delivery(session, key, "percakapan", "pelapor",
                 Delivery(message.provider, message.chat_id), {"text": text}, rt.clock(),
                 complaint_id)


def _conversation(session: Session, rt: Runtime, message: ChatMessage) -> ChatConversation:
    found = session.scalars(select(ChatConversation).where(
        ChatConversation.provider == message.provider,
        ChatConversation.chat_id == message.chat_id)).first()
    if found is None:
        found = ChatConversation(provider=message.provider, chat_id=message.chat_id, step="",
                                 data="{}", last_inbound_at=rt.clock())
        session.add(found)
        session.flush()
    elif found.expires_at is not None and found.expires_at <= rt.clock():
        found.step, found.data, found.expires_at = "", "{}", None  # too old: start over
    return found


def _status(sessions: SessionFactory, rt: Runtime, message: ChatMessage,
            written: str) -> ChatOutcome:
    """The status of a report from this chat, or of a published one; any other code is
    answered as unknown (the code alone opens no more than the public list does)."""
    with UnitOfWork(sessions) as uow:
        code = normalize_tracking_code(written)
        found = uow.session.scalars(select(Complaint).where(Complaint.tracking_code == code)
                                    ).first()
        if found is not None and not (is_published(found) or _from_chat(uow.session, found,
                                                                          message)):
            found = None
        text = say.status_of(code, found.status, found.stage_due_at) if found else \
            say.UNKNOWN_CODE % {"code": written}
        _log(uow.session, rt, message, "status", found.id if found else None)
        _answer(uow.session, rt, message, "status", text, found.id if found else None)
        uow.commit()
    return ChatOutcome("status", found.tracking_code if found else None)


def _from_chat(session: Session, complaint: Complaint, message: ChatMessage) -> bool:
    contact = session.get(ChatContact, complaint.id)
    return contact is not None and (contact.provider, contact.chat_id) == (
        message.provider, message.chat_id)


def _own_code(sessions: SessionFactory, message: ChatMessage) -> str | None:
    """The tracking code the message starts with, when that report came from this chat."""
    match = CODE_AT_START.match(message.text)
    if match is None:
        return None
    code = normalize_tracking_code(match.group(0))
    with UnitOfWork(sessions) as uow:
        mine = uow.session.execute(
            select(Complaint.tracking_code).join(ChatContact,
                                                 ChatContact.complaint_id == Complaint.id)
            .where(Complaint.tracking_code == code, ChatContact.provider == message.provider,
                   ChatContact.chat_id == message.chat_id)).scalar()
    return mine


def _reply(sessions: SessionFactory, rt: Runtime, message: ChatMessage,
           code: str) -> ChatOutcome:
    match = CODE_AT_START.match(message.text)
    text = message.text[match.end():].lstrip(" :,.-").strip() if match else ""

    def record(session: Session) -> None:
        found = session.scalars(select(Complaint).where(Complaint.tracking_code == code)).one()
        _log(session, rt, message, "reply", found.id)
        _answer(session, rt, message, "reply", say.REPLY_RECEIVED % {"code": code}, found.id)

    try:
        deliver_reply(HookedUnitOfWork(sessions, record), rt, code, text, REPORTER,
                      in_words=True)
    except FormInvalidError:
        with UnitOfWork(sessions) as uow:
            _log(uow.session, rt, message, "step")
            _answer(uow.session, rt, message, "reply", say.REPLY_TOO_SHORT % {"code": code})
            uow.commit()
        return ChatOutcome("step", code)
    return ChatOutcome("reply", code)


def _converse(sessions: SessionFactory, rt: Runtime, message: ChatMessage) -> ChatOutcome:
    with UnitOfWork(sessions) as uow:
        conversation = _conversation(uow.session, rt, message)
        data = json.loads(conversation.data or "{}")
        word = message.text.strip().lower()
        if conversation.step == "konfirmasi" and word == "kirim":
            uow.rollback()
            return _submit(sessions, rt, message, data)
        if word == "batal" and conversation.step:
            step, text, outcome = "", say.CANCELLED, "cancelled"
        else:
            _keep_media(data, message)
            step, text = _next(uow.session, rt, conversation.step, data, message)
            outcome = "step"
        conversation.step, conversation.data = step, json.dumps(data, ensure_ascii=False)
        conversation.expires_at = (rt.clock() + timedelta(
            minutes=rt.settings.chat_conversation_minutes)) if step else None
        _log(uow.session, rt, message, outcome)
        _answer(uow.session, rt, message, "step", text)
        uow.commit()
    return ChatOutcome(outcome)


def _keep_media(data: dict[str, Any], message: ChatMessage) -> None:
    """Note a photo or document (fetched when the report is filed), up to the upload limit."""
    kept = data.setdefault("media", [])
    if message.media_id and len(kept) < MAX_FILES - 1:  # one place stays for an ID copy
        kept.append({"id": message.media_id, "name": message.media_name})


def _next(session: Session, rt: Runtime, step: str, data: dict[str, Any],
          message: ChatMessage) -> tuple[str, str]:
    """The step after this message and what to say; ``data`` takes the answer."""
    text = " ".join(message.text.split())
    if step in ("", "isi"):
        if len(text) < MIN_DESCRIPTION:
            return "isi", say.WELCOME if step == "" else say.DESCRIBE_MORE
        data["description"] = message.text.strip()
        return "lokasi", say.ASK_PLACE
    if step == "lokasi":
        problem = _place(session, rt, data, message)
        return ("lokasi", problem) if problem else ("foto", say.ASK_MEDIA)
    answer = {"foto": _files, "anonim": _anonymous, "nama": _name,
              "telepon": _phone}.get(step)
    if answer is None:
        return "konfirmasi", say.confirm(data)  # anything else while confirming: show it again
    return answer(data, message, text)


def _files(data: dict[str, Any], message: ChatMessage, text: str) -> tuple[str, str]:
    if message.media_id:
        return "foto", say.MEDIA_KEPT % {"n": len(data.get("media", []))}
    if text.lower() in ("lanjut", "lewati", "selesai"):
        return "anonim", say.ASK_ANONYMOUS
    return "foto", say.ASK_MEDIA


def _anonymous(data: dict[str, Any], message: ChatMessage, text: str) -> tuple[str, str]:
    if text.lower() in YES:
        data["anonim"] = True
        return "konfirmasi", say.confirm(data)
    if text.lower() in NO:
        data["anonim"] = False
        return "nama", say.ASK_NAME
    return "anonim", say.ASK_ANONYMOUS


def _name(data: dict[str, Any], message: ChatMessage, text: str) -> tuple[str, str]:
    if not 1 <= len(text) <= 100:
        return "nama", say.ASK_NAME
    data["name"] = text
    if message.provider == WHATSAPP:  # the number is the chat's own
        return "konfirmasi", say.confirm(data)
    return "telepon", say.ASK_PHONE


def _phone(data: dict[str, Any], message: ChatMessage, text: str) -> tuple[str, str]:
    msisdn = to_msisdn(text.replace(" ", "").replace("-", ""))
    if msisdn is None:
        return "telepon", say.ASK_PHONE
    data["phone"] = to_local(msisdn)
    return "konfirmasi", say.confirm(data)


def _place(session: Session, rt: Runtime, data: dict[str, Any],
           message: ChatMessage) -> str | None:
    """Keep the shared location or the written desa/kecamatan; what to say when it is wrong."""
    if message.latitude is not None and message.longitude is not None:
        try:
            check_point(message.latitude, message.longitude, rt.settings)
        except FormInvalidError:
            return say.OUTSIDE
        data["latitude"], data["longitude"] = message.latitude, message.longitude
        return None
    text = message.text.strip()
    if text.lower() == "lewati":
        return None
    if not text:
        return say.ASK_PLACE
    regions = RegionIndex.load(session)
    problems: list[str] = []
    for kecamatan, desa in _readings(text):
        try:
            place = regions.read(kecamatan, desa)
        except FormInvalidError as unknown:
            problems += unknown.errors.values()
            continue
        data["kecamatan"], data["desa"] = place.kecamatan, place.desa
        data["place"] = ", ".join(regions.entries[code].name
                                  for code in (place.desa, place.kecamatan) if code)
        return None
    # The reading with close names says the most.
    problem = next((p for p in problems if "mirip" in p), problems[0])
    return say.UNKNOWN_PLACE % {"problem": problem}


def _readings(text: str) -> list[tuple[str | None, str | None]]:
    """A written place as (kecamatan, desa) to try: as its prefix says, else both ways."""
    lowered = text.lower()
    if lowered.startswith(("kec", "kecamatan")):
        return [(text, None)]
    if lowered.startswith(("desa", "ds", "kel")):
        return [(None, text)]
    return [(text, None), (None, text)]


def _submit(sessions: SessionFactory, rt: Runtime, message: ChatMessage,
            data: dict[str, Any]) -> ChatOutcome:
    external_id = f"{message.provider}:{message.message_id}"[:80]

    def record(session: Session) -> None:
        found = session.scalars(select(Complaint).where(Complaint.external_id == external_id)
                                ).one()
        secret = new_secret()  # drawn inside the committing transaction: the one sent is kept
        found.secret_hash = hash_secret(secret)
        session.add(ChatContact(complaint_id=found.id, provider=message.provider,
                                chat_id=message.chat_id))
        _log(session, rt, message, "complaint", found.id)
        conversation = _conversation(session, rt, message)
        conversation.step, conversation.data, conversation.expires_at = "", "{}", None
        text = say.RECEIPT % {"code": found.tracking_code, "secret": secret,
                              "registration_no": found.registration_no,
                              "site": links(rt.settings)["site"]}
        _answer(session, rt, message, "receipt", text, found.id)

    try:
        files = _fetched(rt, message, data)
    except MediaUnavailableError:
        return _say_only(sessions, rt, message, say.MEDIA_LATER)
    except FormInvalidError as refused:
        return _say_only(sessions, rt, message, say.MEDIA_REFUSED % {
            "problem": "; ".join(refused.errors.values())}, data)
    intake = _intake(message, data, external_id)
    intake.files = files
    try:
        receipt = submit_complaint(HookedUnitOfWork(sessions, record), rt, intake, REPORTER)
    except FormInvalidError as wrong:
        return _say_only(sessions, rt, message, say.NOT_FILED % {
            "problem": "; ".join(wrong.errors.values())})
    return ChatOutcome("complaint", receipt.tracking_code)


def _fetched(rt: Runtime, message: ChatMessage, data: dict[str, Any]) -> list[Upload]:
    """The chat's photos and documents, each checked by content; a refused one is dropped
    from ``data`` and FormInvalidError says why."""
    files, refused = [], {}
    for media in list(data.get("media", [])):
        upload = fetch_media(rt.settings, message.provider, media)
        try:
            check_upload(upload, rt.settings.max_upload_mb * 1024 * 1024, upload.filename)
        except FormInvalidError as wrong:
            data["media"].remove(media)
            refused.update(wrong.errors)
            continue
        files.append(upload)
    if refused:
        raise FormInvalidError(refused)
    return files


def _say_only(sessions: SessionFactory, rt: Runtime, message: ChatMessage, text: str,
              data: dict[str, Any] | None = None) -> ChatOutcome:
    """Answer without filing; ``data`` (when given) replaces the conversation's answers."""
    with UnitOfWork(sessions) as uow:
        if data is not None:
            _conversation(uow.session, rt, message).data = json.dumps(data, ensure_ascii=False)
        _log(uow.session, rt, message, "step")
        _answer(uow.session, rt, message, "step", text)
        uow.commit()
    return ChatOutcome("step")


def _intake(message: ChatMessage, data: dict[str, Any], external_id: str) -> Intake:
    anonymous = bool(data.get("anonim"))
    phone = data.get("phone") or (to_local("+" + message.chat_id)
                                  if message.provider == WHATSAPP else None)
    return Intake(
        title=title_of(data.get("description", "")), description=data.get("description", ""),
        channel=message.provider, kecamatan=data.get("kecamatan"), desa=data.get("desa"),
        latitude=data.get("latitude"), longitude=data.get("longitude"), anonim=anonymous,
        name=None if anonymous else data.get("name"), phone=None if anonymous else phone,
        external_id=external_id)


def last_inbound(session: Session, provider: str, chat_id: str) -> datetime | None:
    """When the person in this chat last wrote to us (WhatsApp's 24-hour window)."""
    return session.scalars(select(ChatConversation.last_inbound_at).where(
        ChatConversation.provider == provider, ChatConversation.chat_id == chat_id)).first()
