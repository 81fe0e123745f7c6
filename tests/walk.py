"""Drives complaints through the engine's commands as officers would, for tests."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select

from engine.accounts.signin import actor_for, create_user
from engine.accounts.tables import User
from engine.audit import AuditEntry
from engine.calendar.working_days import WIB
from engine.clock import FixedClock
from engine.complaints.attachments import Upload
from engine.complaints.identity import ID_KIND, id_copy_required
from engine.complaints.intake import Intake, Receipt, submit_complaint
from engine.complaints.reporter import deliver_reply
from engine.complaints.tables import Complaint, FollowUp, HumanTask, OutboxMessage
from engine.complaints.tasks import claim_task, complete_task
from engine.complaints.timers import SweepReport, fire_due_timers
from engine.domain import ANSWER_UNSOLVED, REPORTER, Actor
from engine.workflow.runtime import dump_state, load_state
from engine.workflow.scripting import make_script_engine
from engine.workflow.tables import ProcessInstance
from webui.wiring import Services

VERIFY_FORWARD = {"decision": "forward", "opd": "DINKES", "jenis": "pengaduan", "reason": ""}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ANSWER = {"outcome": "answered", "response": "Sudah kami tindak lanjuti dengan perbaikan jadwal."}
COORDINATION = {"summary": "Pejabat penghubung Dinkes tidak dapat dihubungi dua hari.",
                "next_step": "eskalasi_pimpinan"}


class Walk:
    """A test's hands: file complaints, work tasks, reply, let time pass."""

    def __init__(self, services: Services, clock: FixedClock) -> None:
        self.services = services
        self.clock = clock
        self._users: dict[tuple[str, str | None], User] = {}

    def user(self, role: str, opd: str | None = None, name: str | None = None) -> Actor:
        """An actor of ``role`` (created on first use)."""
        key = (name or role, opd)
        if key not in self._users:
            with self.services.uow() as uow:
                username = name or (f"{role}-{opd}" if opd else role)
                user = create_user(uow.session, username.lower(), username, role, "pw",
                                   self.clock(), opd_code=opd)
                uow.commit()
            self._users[key] = user
        return actor_for(self._users[key])

    def file(self, **fields: Any) -> Receipt:
        """Submit a complaint (web channel unless told otherwise); a named report carries a
        copy of the ID card where the standard requires one, unless ``files`` says otherwise."""
        intake = Intake(**{"title": "Pelayanan puskesmas lambat",
                           "description": "Antrean di puskesmas sangat panjang setiap pagi.",
                           "category": "4", "name": "Warga Uji", "phone": "081234567890",
                           **fields})
        if "files" not in fields and id_copy_required(intake.channel, intake.anonim,
                                                      self.services.settings):
            intake.files = [id_copy()]
        return submit_complaint(self.services.uow(), self.services.runtime, intake, REPORTER)

    def tasks(self, code: str) -> list[HumanTask]:
        """Ready tasks of a complaint."""
        with self.services.uow() as uow:
            return list(uow.session.scalars(
                select(HumanTask).join(Complaint, Complaint.id == HumanTask.complaint_id)
                .where(Complaint.tracking_code == code).order_by(HumanTask.spec_name)))

    def task(self, code: str, spec: str) -> HumanTask:
        """The one ready task ``spec`` of a complaint."""
        found = [t for t in self.tasks(code) if t.spec_name == spec]
        ready = [t.spec_name for t in self.tasks(code)]
        assert len(found) == 1, f"{spec} not ready; ready: {ready}"
        return found[0]

    def complete(self, code: str, spec: str, data: dict[str, Any],
                 actor: Actor | None = None) -> None:
        """Complete task ``spec`` as an officer of its lane."""
        task = self.task(code, spec)
        actor = actor or self.user(task.role, task.opd_code)
        complete_task(self.services.uow(), self.services.runtime, task.id, data, actor)
        self.assert_round_trip(code)

    def claim(self, code: str, spec: str, actor: Actor) -> None:
        """Claim task ``spec``."""
        claim_task(self.services.uow(), self.services.runtime, self.task(code, spec).id, actor)

    def reply(self, code: str, text: str = "Masalahnya belum selesai, mohon dicek lagi.",
              answer: str | None = "auto") -> bool:
        """The reporter replies on the follow-up page: after a follow-up by default "belum
        selesai" with a reason, elsewhere a plain message (``answer=None``: always a plain
        message; ``"sudah"``: solved)."""
        if answer == "auto":
            answer = ANSWER_UNSOLVED if self.status(code) == "ditindaklanjuti" else None
        moved = deliver_reply(self.services.uow(), self.services.runtime, code, text, REPORTER,
                              answer)
        self.assert_round_trip(code)
        return moved

    def at(self, instant: datetime) -> SweepReport:
        """Move the clock to ``instant`` and let the worker fire what is due."""
        self.clock.set(instant)
        return fire_due_timers(self.services.uow, self.services.runtime)

    def complaint(self, code: str) -> Complaint:
        """The complaint record."""
        with self.services.uow() as uow:
            return uow.session.scalars(
                select(Complaint).where(Complaint.tracking_code == code)).one()

    def status(self, code: str) -> str:
        """The complaint's status now."""
        return self.complaint(code).status

    def instance(self, code: str) -> ProcessInstance:
        """The complaint's process instance."""
        with self.services.uow() as uow:
            complaint = uow.session.scalars(
                select(Complaint).where(Complaint.tracking_code == code)).one()
            found = uow.session.get(ProcessInstance, complaint.instance_id)
            assert found is not None
            return found

    def outbox(self, code: str) -> list[tuple[str, str]]:
        """(template, recipient) of every queued message of a complaint."""
        with self.services.uow() as uow:
            cid = self.complaint(code).id
            rows = uow.session.scalars(select(OutboxMessage).where(
                OutboxMessage.complaint_id == cid).order_by(OutboxMessage.id))
            return [(r.template, r.recipient) for r in rows]

    def follow_ups(self, code: str) -> list[FollowUp]:
        """The follow-up page of a complaint."""
        with self.services.uow() as uow:
            cid = self.complaint(code).id
            return list(uow.session.scalars(
                select(FollowUp).where(FollowUp.complaint_id == cid).order_by(FollowUp.id)))

    def statuses(self, code: str) -> list[str]:
        """Every status the complaint went through, in order."""
        with self.services.uow() as uow:
            cid = self.complaint(code).id
            rows = uow.session.scalars(select(AuditEntry).where(
                AuditEntry.complaint_id == cid, AuditEntry.action == "status_changed")
                .order_by(AuditEntry.id))
            return ["diterima"] + [r.to_status for r in rows if r.to_status]

    def assert_round_trip(self, code: str) -> None:
        """The stored state restores and saves again to the same JSON (nothing lost)."""
        instance = self.instance(code)
        with self.services.uow() as uow:
            from engine.workflow.tables import ProcessDefinition

            definition = uow.session.get(ProcessDefinition, instance.definition_id)
            assert definition is not None
            parsed = self.services.runtime.specs.get(definition)
        wf = load_state(instance.state, instance.serializer_version, parsed,
                        make_script_engine({}))
        state, _ = dump_state(wf)
        assert json.loads(state) == json.loads(instance.state)


def id_copy(filename: str = "ktp.png") -> Upload:
    """A small PNG standing for a photographed ID card."""
    return Upload(ID_KIND, filename, PNG)


def wib(text: str) -> datetime:
    """An instant written in WIB, e.g. ``wib("2026-03-05 10:00")``."""
    return datetime.fromisoformat(text).replace(tzinfo=WIB)
