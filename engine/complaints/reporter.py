"""The reporter's side of a complaint: find it, prove the secret, reply on the follow-up page.

After a follow-up the reporter answers whether the problem is solved: "sudah" closes the
report at once (and opens the survey), "belum" with a reason reopens it to the same OPD, and a
reply without an answer is a plain message the OPD reads without the report moving.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Literal

from SpiffWorkflow.bpmn.util.event import BpmnEvent
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import audit
from engine.calendar.working_days import WIB
from engine.db import UnitOfWork
from engine.domain import (
    ANSWER_SOLVED,
    ANSWER_UNSOLVED,
    ANSWERS,
    REPLY_MESSAGE,
    REPORTER,
    Actor,
)
from engine.errors import ConflictError, FormInvalidError, NotFoundError
from engine.workflow.context import Runtime
from engine.workflow.definitions import ParsedProcess
from engine.workflow.runtime import waits_for
from engine.workflow.tables import ProcessInstance

from .answer_words import split_answer
from .codes import normalize_tracking_code, secret_matches
from .steps import advance, open_step
from .tables import ADMINISTRATOR, Complaint, FollowUp

REPLY_FORM = "balasan"
# The diagram's gateway on the reporter's answer: a version without it (instances started
# before it existed) reopens on every reply, so the answer is offered only where it is.
ANSWER_GATEWAY = "jawaban_pelapor"
# What the reporter's answer is recorded as on the follow-up page.
ANSWER_KINDS = {ANSWER_SOLVED: "sudah_selesai", ANSWER_UNSOLVED: "belum_selesai"}
REPLY_KIND = "balasan"
ReplyOutcome = Literal["closed", "reopened", "resumed", "recorded"]


def find_complaint(session: Session, tracking_code: str) -> Complaint:
    """The complaint with this tracking code, or NotFoundError."""
    code = normalize_tracking_code(tracking_code)
    complaint = session.scalars(select(Complaint).where(Complaint.tracking_code == code)).first()
    if complaint is None:
        raise NotFoundError("Laporan tidak ditemukan")
    return complaint


def authenticate_reporter(session: Session, tracking_code: str, secret: str) -> Complaint:
    """The complaint if ``secret`` is its reporter's; one error for a wrong code or secret."""
    try:
        complaint = find_complaint(session, tracking_code)
    except NotFoundError:
        complaint = None
    if complaint is None or not secret or not secret_matches(secret, complaint.secret_hash):
        raise NotFoundError("Kode pelacakan atau kode rahasia salah")
    return complaint


def deliver_reply(
    uow: UnitOfWork, rt: Runtime, tracking_code: str, text: str, actor: Actor,
    answer: str | None = None, *, in_words: bool = False,
) -> bool:
    """Post a reply on the follow-up page; True when it moved the process (see post_reply)."""
    return post_reply(uow, rt, tracking_code, text, actor, answer,
                      in_words=in_words) != "recorded"


def post_reply(
    uow: UnitOfWork, rt: Runtime, tracking_code: str, text: str, actor: Actor,
    answer: str | None = None, *, in_words: bool = False,
) -> ReplyOutcome:
    """Post a reply and tell what it did: ``closed`` (the reporter said "sudah"),
    ``reopened`` (back to the OPD), ``resumed`` (a clarification continues the verification)
    or ``recorded`` (a plain message: nothing moved).

    Only the reporter answers; a reply from Tim Admin or national LAPOR! reopens the follow-up,
    as prosedur (c) says of the administrator's reply. "belum" needs a reason; an answer while
    the report is not waiting for one is refused with ConflictError and records nothing.
    ``in_words``: the answer is the text's first words (SMS, chat: ``answer_words``), counted
    only while the report waits for one; otherwise the whole text is a plain message.
    """
    with uow:
        session = uow.session
        complaint = find_complaint(session, tracking_code)
        text = text.strip() if isinstance(text, str) else ""
        if in_words and actor == REPORTER:
            answer, text = _words(session, rt, complaint, text)
        answer = _answer_of(actor, answer)
        _check_reply(rt, text, answer)
        if answer is not None and actor == REPORTER and not offers_answer(session, rt, complaint):
            raise ConflictError("Laporan ini tidak sedang menunggu jawaban selesai atau belum")
        now, before = rt.clock(), complaint.status
        kind = ANSWER_KINDS[answer] if answer and actor == REPORTER else REPLY_KIND
        author = "Pelapor" if actor.role == "pelapor" else ADMINISTRATOR
        session.add(FollowUp(complaint_id=complaint.id, at=now, kind=kind, author=author,
                             text=text))
        moved = _send_reply_event(session, rt, complaint, text, answer, actor, now)
        outcome = _outcome(before, complaint.status) if moved else "recorded"
        audit.record(session, actor, "reply_received", now, complaint_id=complaint.id,
                     instance_id=complaint.instance_id, reopened=outcome == "reopened",
                     answer=answer or "", outcome=outcome)
        uow.commit()
        return outcome


# An instance as the answer rule asks about it: its status, and the parsed specs of its
# version (a callable: they are looked up only when the status allows an answer).
InstanceFacts = tuple[str, Callable[[], ParsedProcess]]


def answer_awaited(status: str, instance: Callable[[], InstanceFacts | None]) -> bool:
    """The rule: a report waits for the reporter's "sudah"/"belum" when it was followed up
    (``ditindaklanjuti``), its instance runs, and that instance's version can take the answer.
    ``instance`` is asked only for a followed-up report (None: it has none)."""
    if status != "ditindaklanjuti":
        return False
    found = instance()
    return found is not None and found[0] == "running" and has_answer_gateway(found[1]())


def offers_answer(session: Session, rt: Runtime, complaint: Complaint) -> bool:
    """True when the report waits for the reporter's "sudah"/"belum" after a follow-up
    (``answer_awaited`` with its instance row read here)."""

    def instance() -> InstanceFacts | None:
        row = (session.get(ProcessInstance, complaint.instance_id)
               if complaint.instance_id is not None else None)
        if row is None:
            return None
        definition_id = row.definition_id
        return row.status, lambda: rt.specs.of_definition(session, definition_id)

    return answer_awaited(complaint.status, instance)


def has_answer_gateway(parsed: ParsedProcess) -> bool:
    """True when the version can take the reporter's answer (see ANSWER_GATEWAY)."""
    return ANSWER_GATEWAY in parsed.spec.task_specs


def _words(session: Session, rt: Runtime, complaint: Complaint, text: str
           ) -> tuple[str | None, str]:
    answer, rest = split_answer(text)
    if answer is None or not offers_answer(session, rt, complaint):
        return None, text
    return answer, rest


def _answer_of(actor: Actor, answer: str | None) -> str | None:
    if answer is not None and answer not in ANSWERS:
        raise FormInvalidError({"answer": "Pilih sudah selesai atau belum selesai."})
    if actor != REPORTER:
        return ANSWER_UNSOLVED  # Tim Admin or national: the administrator's reply reopens
    return answer


def _check_reply(rt: Runtime, text: str, answer: str | None) -> None:
    if answer == ANSWER_SOLVED and not text:
        return  # "sudah selesai" needs no words
    errors = rt.validate_form(REPLY_FORM, {"text": text}, {})
    if errors:
        raise FormInvalidError(errors)


def _outcome(before: str, after: str) -> ReplyOutcome:
    if after == "selesai":
        return "closed"
    if before == "perlu_klarifikasi":
        return "resumed"
    if before != after:
        return "reopened"
    return "recorded"


def _send_reply_event(
    session: Session, rt: Runtime, complaint: Complaint, text: str, answer: str | None,
    actor: Actor, now: datetime,
) -> bool:
    instance = session.get(ProcessInstance, complaint.instance_id)
    if instance is None or instance.status != "running":
        return False
    step = open_step(session, rt, instance, complaint)
    payload = {"text": text, "answer": answer, "at": now.astimezone(WIB).isoformat()}
    event = BpmnEvent(MessageEventDefinition(REPLY_MESSAGE), payload=payload)
    if not waits_for(step.wf, event):
        return False
    advance(session, rt, step, actor, lambda wf: wf.send_event(event))
    return True
