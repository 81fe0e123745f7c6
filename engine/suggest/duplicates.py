"""Merging a new report into an existing one: Tim Admin's "Gabungkan sebagai duplikat".

The verification task is completed as an archive whose reason names the existing report's
tracking code, so the reporter is told which report to follow; both reports stay in the
registration book and the audit trail of each names the other. Nothing is deleted.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from engine import audit
from engine.complaints.tables import Complaint, OutboxMessage
from engine.complaints.tasks import complete_task, get_task
from engine.complaints.visibility import may_read_complaint
from engine.db import UnitOfWork
from engine.domain import Actor
from engine.errors import ConflictError, NotFoundError
from engine.workflow.context import Runtime

VERIFY_TASK = "verifikasi"
REASON = ("Duplikat dari laporan {code} yang sudah kami terima. Ikuti perkembangannya dengan "
          "kode pelacakan {code}.")


@dataclass(frozen=True)
class Pair:
    """The new report and the one it repeats, as the confirmation page shows them."""

    new: Complaint
    original: Complaint


def duplicate_pair(new_uow: Callable[[], UnitOfWork], task_id: str, original_code: str,
                   actor: Actor) -> Pair:
    """The two reports of a merge Tim Admin is about to confirm (checked as the merge is)."""
    with new_uow() as uow:
        task = get_task(uow.session, task_id, actor)
        if task.spec_name != VERIFY_TASK or task.complaint_id is None:
            raise ConflictError("Laporan hanya dapat digabungkan saat verifikasi")
        new = uow.session.get(Complaint, task.complaint_id)
        original = uow.session.scalar(select(Complaint).where(
            Complaint.tracking_code == original_code))
        if new is None or original is None or original.id == new.id or not may_read_complaint(
                actor, original):
            raise NotFoundError("Laporan yang diikuti tidak ditemukan")
        return Pair(new, original)


def merge_as_duplicate(new_uow: Callable[[], UnitOfWork], rt: Runtime, task_id: str,
                       original_code: str, actor: Actor) -> Pair:
    """Close the task's report as a duplicate of ``original_code`` (archived with that reason,
    the reporter notified through the process's own archive message)."""
    pair = duplicate_pair(new_uow, task_id, original_code, actor)
    new, original = pair.new, pair.original
    data = {
        "decision": "archive", "jenis": new.jenis or "pengaduan",
        "anonim": new.anonim, "rahasia": new.rahasia,
        "reason": REASON.format(code=original.tracking_code),
        "note": f"Digabungkan sebagai duplikat dari {original.tracking_code}.",
    }
    if original.category_code:
        data["category"] = original.category_code
    complete_task(new_uow(), rt, task_id, data, actor)
    with new_uow() as uow:
        now = rt.clock()
        audit.record(uow.session, actor, "merged_as_duplicate", now, complaint_id=new.id,
                     instance_id=new.instance_id, duplicate_of=original.tracking_code)
        audit.record(uow.session, actor, "duplicate_merged_in", now, complaint_id=original.id,
                     instance_id=original.instance_id, duplicate=new.tracking_code)
        # The process archives silently; a merged reporter is told which report to follow
        # (the archive message quotes the reason, which names it).
        uow.session.add(OutboxMessage(
            idempotency_key=f"duplikat:{new.id}", created_at=now, complaint_id=new.id,
            template="diarsipkan", recipient="pelapor",
            payload=json.dumps({"tracking_code": new.tracking_code, "status": "diarsipkan",
                                "duplicate_of": original.tracking_code}),
            status="pending", next_attempt_at=now))
        uow.commit()
    return pair
